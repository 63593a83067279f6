"""Stance constructions of views denied, dismissed or given up, of sides split between clefts, and of
vocabulary that names a side without its usual term (invented sentences, one rule each, with cases that
must stay as they are)."""
import pytest

from stancelib.stance import load_topics, stance_rules


@pytest.fixture(scope="module")
def rules():
    return stance_rules(load_topics())


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # 并不意味着 / 不等于 / 不代表 deny what follows, like 不认为
        ("scaling_law", "增速变慢并不意味着规模定律已经失效了。", "believer"),
        ("scaling_law", "这不等于scaling已经结束了。", "believer"),
        ("open_vs_closed", "这不代表闭源没有前途。", "closed"),
        ("open_vs_closed", "开源不等于免费。", "neutral"),
        ("scaling_law", "规模定律的时代结束了。", "skeptic"),
        # a view named and dismissed counts against itself
        ("scaling_law", "所谓的“规模定律见顶”，其实是个别现象。", "believer"),
        ("scaling_law", "投资人对「规模定律撞墙」的焦虑被夸大了。", "believer"),
        ("device_vs_cloud", "媒体对端侧大模型的悲观言过其实。", "device"),
        ("device_vs_cloud", "所谓的“端云协同”方案已经上线。", "neutral"),
        # two clefts: one side and its negation, or two sides, each naming what it covers
        ("open_vs_closed", "他们开源的是小模型，不开源的是推理平台。", "mixed"),
        ("open_vs_closed", "开源的是基础能力，闭源的是行业插件。", "mixed"),
        ("open_vs_closed", "我们开源的是最好的那一版。", "open"),
        ("open_vs_closed", "我们不开源的是训练数据。", "closed"),
        # a model split by part, the parts joined by 、
        ("open_vs_closed", "小尺寸的模型开源、大尺寸的模型闭源，这是我们的安排。", "mixed"),
        # a next clause that asks an embedded question, or is about another topic's term, judges nothing before it
        ("tob_vs_toc", "C端不一样，年轻用户只关心好不好玩。", "neutral"),
        ("open_vs_closed", "开源模型追得很快，最得意的是那些押注堆算力的厂商。", "neutral"),
        ("scaling_law", "单纯堆参数，收益越来越小。", "skeptic"),
        # work kept off the cloud, a model that runs on a computer
        ("device_vs_cloud", "这类照片整理的活儿根本不必上云。", "device"),
        ("device_vs_cloud", "新版本在普通笔记本上就能跑。", "device"),
        ("device_vs_cloud", "他在笔记本上演示了新版本。", "neutral"),
        # the gains put down to scale; more of it promised to solve, and that turned down
        ("scaling_law", "智能的提升主要还是来源于算力。", "believer"),
        ("scaling_law", "我从不认为参数再扩大一百倍就能通向AGI。", "skeptic"),
        ("scaling_law", "参数规模越大，模型越聪明，这一点没人否认。但我不认为模型再大一百倍就能替代医生。", "mixed"),
        # a view held back then, before what the speaker thinks now, says nothing of where they stand
        ("open_vs_closed", "当年我觉得开源是个噱头，如今才明白它的分量。", "neutral"),
        ("open_vs_closed", "我一直觉得开源是个噱头。", "closed"),
        # a cleft whose head has no known polarity prefers no side, unless it is what someone does or wants
        ("open_vs_closed", "价格战里最吃亏的不是闭源厂商，而是中间的代理商。", "neutral"),
        ("open_vs_closed", "我们要的不是闭源，而是开源。", "open"),
        ("scaling_law", "真正推动行业进步的不是更大的模型，而是更干净的数据。", "skeptic"),
        # of two sides named before what cannot be matched, the first is ahead
        ("tob_vs_toc", "个人消费者的体量是任何企业客户都难以比拟的。", "to_c"),
        ("tob_vs_toc", "个人用户的热情无法比拟。", "neutral"),
        # a short turn ending in a rhetorical question (谈何…？) still takes its side; a real question does not
        ("open_vs_closed", "开源是我们的核心战略。闭源模型连权重都不给，谈何定制？", "open"),
        ("open_vs_closed", "你们会开源吗？", "neutral"),
        # the cloud that cannot be counted on
        ("device_vs_cloud", "矿井下信号时有时无，根本不能依靠云端。", "device"),
        ("device_vs_cloud", "复杂推理只能依靠云端。", "cloud"),
        # 不会说 denies what follows, like 不认为
        ("scaling_law", "我不会说规模定律过时了，只是它变了形态。", "believer"),
        ("scaling_law", "规模定律过时了。", "skeptic"),
        # a negator before the verb of a side term that holds its own verb (面向…)
        ("tob_vs_toc", "云杉科技今年不会做面向大众用户的硬件。", "to_b"),
        ("tob_vs_toc", "云杉科技今年会做面向大众用户的硬件。", "to_c"),
        # working for others' benefit (做嫁衣) is a bad word: the view rejected is for the side
        ("open_vs_closed", "很多人说开源无非是帮对手做嫁衣，我不同意。", "open"),
        ("open_vs_closed", "开源无非是帮对手做嫁衣。", "closed"),
        # a polarity word after 在 describing the conditions named a few words on judges nothing
        ("device_vs_cloud", "本地模型得在很有限的内存条件下跑完整个流程。", "neutral"),
        ("device_vs_cloud", "本地模型的内存很有限。", "cloud"),
        # …the conditions a longer list away (、 between them)
        ("device_vs_cloud", "本地模型得在有限的电池、散热和带宽条件下跑完整个流程。", "neutral"),
        # a superlative before 的 describes a noun: the noun says what of the side
        ("device_vs_cloud", "老实讲，本地推理最大的变数不在芯片，而在用户习惯。", "neutral"),
        ("device_vs_cloud", "本地推理最大的优势在于省掉了流量费。", "device"),
        ("device_vs_cloud", "本地推理最大的短板是发热。", "cloud"),
        ("device_vs_cloud", "本地推理最强。", "device"),
        # no blind faith in it (不迷信) rejects what follows; a negator before 为 and its object negates the word after
        ("scaling_law", "在参数规模上，我们从不迷信越大越好。", "skeptic"),
        ("scaling_law", "采购方乐意为参数规模买单。", "believer"),
        ("scaling_law", "采购方从来不为参数规模买单。", "skeptic"),
        ("open_vs_closed", "大公司不会为闭源模型的溢价买单。", "open"),
        # more of it still to come and the gains with it: the law without its name; a limit not reached yet
        ("scaling_law", "训练数据要是再扩大十倍，效果就能明显提升。", "believer"),
        ("scaling_law", "规模定律远没有到顶。", "believer"),
        # the gains of scale going down
        ("scaling_law", "规模定律仍然管用，不过投入的收益在下降。", "skeptic"),
        # a side said to be able to do only so much
        ("device_vs_cloud", "眼镜上的端侧模型目前只能处理语音唤醒。", "cloud"),
        ("device_vs_cloud", "端侧模型能做的事越来越多。", "neutral"),
        # what must still be relied on (要靠) commits to it; 靠 alone names a means, judged by its clause
        ("device_vs_cloud", "多轮的复杂规划，终归要靠云端。", "cloud"),
        ("scaling_law", "靠堆参数换来聪明，这条路已经走到头了。", "skeptic"),
        # to eat up a side is to overtake it; coming before a side (早于/先于) puts the first ahead
        ("device_vs_cloud", "总有人说“本地推理迟早吞掉云端”，我不同意。", "cloud"),
        ("device_vs_cloud", "本地推理会早于云端实现盈利。", "device"),
        # pushing people away is a bad word
        ("open_vs_closed", "闭源只会把开发者推开。", "open"),
        # each step of scale a step of gains: the law without its name
        ("scaling_law", "训练集群每翻一倍，我们模型的代码水平就更强一些。", "believer"),
        ("scaling_law", "用户每增加一倍，收入就更好看。", "neutral"),
        # consumer products name the consumer side; what doing a side would cost is said against it
        ("tob_vs_toc", "消费类产品我们一直不擅长。", "to_b"),
        ("tob_vs_toc", "下场做To C要烧的钱，抵得上我们三年的研发预算。", "to_b"),
        ("tob_vs_toc", "我们要做C端。", "to_c"),
        # a verb of commitment whose subject is others commits the speaker to nothing
        ("tob_vs_toc", "友商纷纷做C端，图的是日活数字。", "neutral"),
        ("tob_vs_toc", "我们做C端，图的是日活数字。", "to_c"),
        # 不是说A，而是B: A granted, B the point naming no side and no bad word: no side
        ("tob_vs_toc", "倒不是说个人用户市场没前途，而是这块蛋糕早被几家平台分完了。", "neutral"),
        ("scaling_law", "并不是说规模定律没用了，是它的回报越来越差。", "mixed"),
        # one part takes a side, the next part only negates (its verb left out): each part on its own side
        ("open_vs_closed", "教育版会开源，商用版暂时不会。", "mixed"),
        ("open_vs_closed", "商用版不会开源，教育版也不会。", "closed"),
        ("open_vs_closed", "我们会开源，友商不会。", "open"),
        # a sentence opening with a view held back then, nothing after it of now
        ("device_vs_cloud", "几年前我们认为本地推理成本太高。", "neutral"),
        ("device_vs_cloud", "我们认为本地推理成本太高。", "cloud"),
        ("device_vs_cloud", "说起来，那时我们认为本地推理成本太高。", "neutral"),
        ("device_vs_cloud", "他说，那时我们认为本地推理成本太高。", "neutral"),
        # what everything else stands on is a good word; a warning against hoping for a side is said against it,
        # whatever negation it opens with; a side that matters little to the speaker is not theirs
        ("open_vs_closed", "开源不是情怀，是整个行业的基础设施。", "open"),
        ("open_vs_closed", "把小模型开源是一步好棋。", "open"),
        ("tob_vs_toc", "创业公司不要再幻想靠一款C端爆品翻身了。", "to_b"),
        ("device_vs_cloud", "云上的模型再强，跟我们关系也不大。", "device"),
        # work put on each side in one sentence gives both their share; one place alone takes its side
        ("device_vs_cloud", "隐私数据留在本地，重活交给云。", "mixed"),
        ("device_vs_cloud", "账本必须留在本地。", "device"),
        # a turn opening with 可 (可一旦…) outweighs the hardship granted before it
        ("tob_vs_toc", "To B的钱好赚，但天花板是客户的预算；To C难做，可一旦跑出来，天花板是人的时间。", "mixed"),
        # each step of scale still paying is the law without its name; a beginning only just made believes in more
        ("scaling_law", "模型每扩大一个量级，在长文本上的提升依然很明显。", "believer"),
        ("scaling_law", "机器人的“Scaling时刻”才刚刚开始。", "believer"),
        ("scaling_law", "公司的改革才刚刚开始。", "neutral"),
        # what the hard work cannot do without is the side taken; competing for a side's users takes it
        ("device_vs_cloud", "手表会承担一些简单任务，但复杂的推理仍然离不开云端。", "cloud"),
        ("tob_vs_toc", "我们不抢C端用户。", "to_b"),
        ("tob_vs_toc", "友商都在抢C端用户。", "neutral"),
        # a view someone told the speaker is theirs, not the speaker's
        ("device_vs_cloud", "还有人当面跟我讲，端侧是个伪命题，所有东西都会在云上。", "neutral"),
        # a view named and called too gloomy or wrong counts against itself
        ("tob_vs_toc", "所谓C端没有机会的说法过于悲观。", "to_c"),
        ("device_vs_cloud", "外界对端侧AI的担忧过于悲观。", "device"),
        # a side term ending a 把 phrase is what is done with the object: negated, against it; with a modal, for it
        ("open_vs_closed", "可几家领头的公司都不会把自家最强的模型开源。", "closed"),
        ("open_vs_closed", "他们始终没有把最好的那一版开源出来。", "closed"),
        ("device_vs_cloud", "我们不会把病人的影像传到云端。", "device"),
        ("device_vs_cloud", "我们决定把语音识别放到端侧。", "device"),
        ("open_vs_closed", "明年我们会把旗舰模型开源。", "open"),
        ("open_vs_closed", "一年前我们还要把几个开源模型拼在一起用。", "neutral"),  # the term inside the object
        ("open_vs_closed", "要不要把模型开源，团队还在争论。", "neutral"),
        # a good thing said to shrink or weaken, a gain said to grow smaller
        ("open_vs_closed", "闭源模型的领先时间已经从一年缩短到几个月。", "open"),
        ("scaling_law", "更多的算力投入带来的能力提升越来越小。", "skeptic"),
        ("scaling_law", "更多的算力投入带来的能力提升很明显。", "believer"),
        # each place on its own side
        ("open_vs_closed", "我的建议是云上用闭源，端上用开源。", "mixed"),
        ("open_vs_closed", "国内做开源，海外做闭源。", "mixed"),
    ],
)
def test_label(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


def test_a_reported_question_yields_no_claim(nlp_nokb):
    asked = nlp_nokb("论坛尾声，主持人请嘉宾回答：大模型的钱会先从企业客户还是个人用户身上赚到？")
    assert [c for c in asked._.claims] == []
    said = nlp_nokb("论坛尾声，周岚认为，企业客户才是大模型的主战场。")
    assert [(c.speaker.name, c.topic, c.stance) for c in said._.claims] == [("周岚", "tob_vs_toc", "to_b")]


def test_a_question_mark_of_a_quote_taken_in_is_the_quote_s(nlp_nokb):
    # the reported clause takes in a quote; the question mark after it ends the quote, not the clause
    doc = nlp_nokb("葛岩认为，B端的需求很扎实，“谁会拒绝一个能省钱的系统?")
    assert ("tob_vs_toc", "to_b") in [(c.topic, c.stance) for c in doc._.claims]


def test_a_request_for_views_asks(rules):
    # a sentence ending in a request for others' view asks for it: no side
    assert rules.decide("open_vs_closed", "主持人抛出一个判断——开源终将超越闭源，请各位嘉宾亮明态度。")[0] == "neutral"
    assert rules.decide("open_vs_closed", "开源终将超越闭源，请两位说说看。")[0] == "neutral"
    assert rules.decide("open_vs_closed", "开源终将超越闭源。")[0] == "open"
    assert rules.decide("open_vs_closed", "请记住，开源才是未来。")[0] == "open"


def test_a_saying_that_goes_around_is_a_view_reported(rules):
    # 业界流传…: the saying is others' view, not the speaker's
    assert rules.decide("open_vs_closed", "业界一直流传这么个论断：闭源的领先会越拉越大。对此她只回应说，时间会证明一切。")[0] == "neutral"
    assert rules.decide("open_vs_closed", "业界一直流传这么个论断：开源赶不上闭源，我看未必。")[0] == "open"


def test_a_quote_after_a_turn_does_not_inherit_the_side_before(nlp_nokb):
    # the speaker's earlier quote in the sentence is not the frame of the next one, and a quote led in by
    # 但 does not take the side of the statement before it
    doc = nlp_nokb("韦东明承认：“闭源暂时还占着优势，这我认。”但他紧跟着说，“两边的距离每半年就缩一截”。")
    assert [(c.speaker.name, c.stance) for c in doc._.claims if c.topic == "open_vs_closed"] == [("韦东明", "closed")]
    # (were the side before lent to it, 不会长久 of the lead would count for that side once more)
    doc = nlp_nokb("韦东明承认：“闭源暂时还占着优势，这我认。”但他紧跟着说，“这种领先不会长久”。")
    assert [(c.speaker.name, c.stance) for c in doc._.claims if c.topic == "open_vs_closed"] == [("韦东明", "closed")]
    # (a quote that names the topic itself is judged as usual)
    doc = nlp_nokb("韦东明承认：“闭源暂时还占着优势。”但他紧跟着说，“开源的进步快得多，未来更好”。")
    assert ("韦东明", "open") in [(c.speaker.name, c.stance) for c in doc._.claims if c.topic == "open_vs_closed"]


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a choice named (开不开源, 开源与否) inside a preference rejects no side
        ("open_vs_closed", "拉开差距的并非开不开源，而在于谁先拿到订单。", "neutral"),
        ("open_vs_closed", "采购方盯着价格与工期，而非开源与否。", "neutral"),
        ("tob_vs_toc", "要不要做To C，我们内部还在讨论。", "neutral"),
        # the trap: a side rejected beside a choice elsewhere in the sentence still counts
        ("open_vs_closed", "我们要的不是闭源，而是看看有没有人愿意一起改模型。", "open"),
        ("open_vs_closed", "我们要的不是闭源，而是开源。", "open"),
    ],
)
def test_a_choice_named_takes_no_side(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a mind changed: the old view, said to be given up, counts against itself
        ("scaling_law", "早些年我相信规模定律，现在不相信了。", "skeptic"),
        ("device_vs_cloud", "前几年我看好端侧，现在不看好了。", "cloud"),
        ("open_vs_closed", "从前我觉得闭源更稳妥，如今不这么想了。", "open"),
        # the trap: the later words only go on, or name a side of their own
        ("open_vs_closed", "从前我觉得闭源更稳妥，如今更加确定。", "neutral"),
        ("open_vs_closed", "从前我觉得闭源更稳妥，如今我觉得开源才是出路。", "open"),
    ],
)
def test_a_mind_changed_takes_the_current_side(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a third person's view told by the speaker is not the speaker's
        ("scaling_law", "小葛比我还悲观，她觉得规模定律已经走到头了。", "neutral"),
        ("open_vs_closed", "老贺比我激进，他认为闭源早晚要出局。", "neutral"),
        # …and it yields to the speaker's own words after the turn
        ("open_vs_closed", "他觉得开源没前途，但我们还是会坚持开源。", "open"),
        # the trap: the speaker telling someone else keeps the speaker's view
        ("open_vs_closed", "我跟他讲过，开源是唯一的出路。", "open"),
    ],
)
def test_a_third_persons_view_told_is_not_the_speakers(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a word asked about in an A-not-A question judges nothing; a hedge that the speaker has not decided
        ("open_vs_closed", "开源能不能赢，眼下是个开放问题。", "neutral"),
        ("tob_vs_toc", "C端有没有前途，团队还没想好。", "neutral"),
        ("device_vs_cloud", "推理放端上还是云上，我们还没想清楚。", "neutral"),
        # standing in the middle keeps both sides
        ("device_vs_cloud", "端云之争里，我们一直站在中间。", "mixed"),
        # the trap: a plain negation still turns its word down
        ("tob_vs_toc", "C端没有前途，这一点很清楚。", "to_b"),
    ],
)
def test_a_question_asked_or_left_open_takes_no_side(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


def test_an_open_question_lowers_the_confidence(rules):
    sure = rules.decide("open_vs_closed", "闭源更赚钱。")
    unsure = rules.decide("open_vs_closed", "闭源更赚钱，这一点我还没想清楚。")
    assert sure[0] == unsure[0] == "closed" and unsure[1] < sure[1]


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a term said to be a worn-out word is buzzword talk, not a side
        ("device_vs_cloud", "「端云结合」这个词早就被说烂了，关键是谁来调度。", "neutral"),
        ("device_vs_cloud", "“端云结合”早就被喊烂了。", "neutral"),
        # a side offered after "or", its verb said before it too, is not committed to nor judged
        ("device_vs_cloud", "麻烦的是判断一次调用部署在本地还是部署在云端。", "neutral"),
        ("device_vs_cloud", "最头疼的是每个任务放端上还是放云上。", "neutral"),
        # the traps: the term used, and 还是 meaning "still"
        ("device_vs_cloud", "我们坚持端云协同，两边都要。", "mixed"),
        ("device_vs_cloud", "想来想去，我们还是走云端。", "cloud"),
    ],
)
def test_worn_out_words_and_offered_alternatives_take_no_side(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a goal given up: 不再以A作为… rejects A
        ("scaling_law", "往后公司不再以堆算力作为唯一指标。", "skeptic"),
        # the copula denies the noun after 的, not the side: 不是A的反对者
        ("scaling_law", "我并不是规模定律的反对者。", "believer"),
        ("scaling_law", "我算是规模定律的反对者。", "skeptic"),
        # words taken back count against themselves
        ("device_vs_cloud", "端侧就是个噱头，这话当时说得太急了。", "device"),
        ("device_vs_cloud", "以前讲端侧就是个噱头，是我说错了。", "device"),
        # the trap: the words not taken back stand
        ("device_vs_cloud", "端侧就是个噱头。", "cloud"),
    ],
)
def test_goals_given_up_roles_denied_and_words_taken_back(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # what is not done, nothing comes of: the side is essential
        ("open_vs_closed", "手表上的小模型不开源就不会有开发者。", "open"),
        ("tob_vs_toc", "不服务企业客户，就没有现金流。", "to_b"),
        # the trap: a plain negation turns the side down
        ("open_vs_closed", "手表上的小模型暂时不开源。", "closed"),
    ],
)
def test_a_side_not_taken_that_nothing_comes_without(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a side not opposed, then the reservation with its verb left out: turned down for that part
        ("open_vs_closed", "我们不排斥开源，小尺寸的早就放出去了，只是主力型号不会。", "closed"),
        # the trap: a reservation that leaves nothing out turns nothing down
        ("open_vs_closed", "公司从不反对开源，只是人手还没到位。", "open"),
    ],
)
def test_a_side_not_opposed_then_an_elided_no(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a faith given up: 不再迷信 / 不再相信 deny what follows, a bare side ending the clause is not believed
        ("scaling_law", "看得出来，董事会如今不再迷信堆算力。", "skeptic"),
        ("scaling_law", "团队如今不再相信规模定律。", "skeptic"),
        # the trap: a claim after the verb is turned over as a whole, not its side alone
        ("device_vs_cloud", "但她并不认为端侧能包办一切。", "neutral"),
        ("scaling_law", "我不认为规模定律已经失效了。", "believer"),
    ],
)
def test_a_faith_given_up(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label
