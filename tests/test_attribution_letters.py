"""Letters (open letters, replies, internal letters): the signer says 我, the one the salutation names is 你."""
import pytest

from test_attribution import speakers

LETTER = (
    "致韩松的一封信\n\n"
    "作者：林岚\n\n"
    "韩松兄：\n\n"
    "见字如面。上个月你在一个行业论坛上说，“开源只是给追不上的人的安慰。”这句话我想了很久。\n\n"
    "我一直说：“开源是最诚实的评测。”我们会继续开放小模型的权重。\n\n"
    "此致\n\n"
    "林岚\n\n"
    "5 月 3 日，于杭州\n\n"
    "回林岚：我还是相信更大的模型\n\n"
    "林岚：\n\n"
    "信收到了。你说「开源是最诚实的评测」，这句话我只同意一半。我们还是会把最强的模型留在云上。\n\n"
    "韩松\n\n"
    "5 月 5 日\n"
)


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_in_a_letter_you_said_is_the_addressee_and_i_said_is_the_signer(kb, request):
    nlp = request.getfixturevalue(kb)
    assert speakers(nlp, LETTER) == [
        ("开源只是给追不上的人的安慰。", "韩松"),   # 你…说 in 林岚's letter to 韩松兄
        ("开源是最诚实的评测。", "林岚"),            # 我…说: the signer
        ("开源是最诚实的评测", "林岚"),              # 你说 in 韩松's reply to 林岚
    ]


def test_a_reply_letters_heading_and_salutation_do_not_make_the_addressee_its_speaker(nlp_nokb):
    doc = nlp_nokb(LETTER)
    reply = LETTER.index("回林岚")
    given = [(q.kind, q.content) for q in doc._.quotes if q.span.start >= reply and q.speaker and q.speaker.name == "林岚"]
    assert given == [("direct", "开源是最诚实的评测")]  # only the words 你说 quotes back; not the heading, not the reply
    back = next(q for q in doc._.quotes if q.span.start >= reply and q.content == "开源是最诚实的评测")
    assert all(back.span.start <= c.evidence.start < back.span.end
               for c in doc._.claims if c.speaker.name == "林岚" and c.evidence.start >= reply)


def test_a_salutation_line_without_a_signature_is_no_letter(nlp_nokb):
    text = "韩松兄：\n\n上个月你在论坛上说，“开源只是安慰。”我不同意。\n"
    assert speakers(nlp_nokb, text) == [("开源只是安慰。", None)]


def test_an_unnamed_commenter_right_before_a_quote_is_not_the_last_speaker_going_on(nlp_nokb):
    text = "韩松说：“开源不行。”社交媒体上，有网友评论“大佬吵架，受益的是开发者”，该评论获赞上万。"
    assert speakers(nlp_nokb, text) == [("开源不行。", "韩松"), ("大佬吵架，受益的是开发者", None)]
    text = "韩松说：“开源不行。”那时候所有人都说拍照比不过单反，“后来呢？没人再买单反了。”"
    assert speakers(nlp_nokb, text)[1] == ("后来呢？没人再买单反了。", "韩松")
