"""Who said each quote, or no one. Every attribution rule lives here, in the order it is tried.

The ``stancelib_attribution`` component reads ``doc._.stancelib_quotes`` (candidates from quotes.py) and
``doc._.speaker_mentions`` (speakers.py) and fills each record's ``speaker``, ``method``, ``confidence``
and ``cue``. Reported speech and headlines that no person says are dropped; a quote-mark pair is always
kept, with ``speaker: null`` when it is not speech or nobody can be named safely.

A wrong speaker is worse than none: rules that guess (continuation, pronoun, section) carry lower
confidence, and a quote that no rule claims stays null.

Rule families, tried in this order for a direct quote:
1. not speech: interviewer questions, terms and titles (``所谓“…”``, ``“…”之争``), rebutted sayings
   (``X不认同“…”``), nested quotes, and short scare quotes inside a phrase (``一种“智商税”``);
2. speaker before the quote (``X表示：“…”``, ``A“怒怼”B：“…”`` -> A, ``他说：“…”``);
3. speaker after the quote (``“…”，X说。`` / ``“…”X强调``);
4. continuation: a floating quote after the current speaker's statement in the same paragraph;
5. section: a quote under a headline that names the speaker (``某公司CEO某某：标题``).
Q&A turns take the label's person; reported speech takes the subject before its cue.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .normalize import _norm
from .quotes import CuePatterns, alternation, cue_patterns, load_cues
from .quotes import SpeechCues
from .serialize import SavedData, check_unit_interval
from .speakers import canonical_name, lexicon

_CLAUSE_END = re.compile(r"[。！？!?；;\n]")
# After a quote and its speaker: ``“…”王某是这么说的`` / ``“…”王某的这句话``.
_SAID_IT_THUS = re.compile(r"(?:的这句话|的这番话|的话|是这么说的|是这样说的|这么说|这样说|如是说|如此说|如此评价|这样表示|这样认为)")
_PARAGRAPH_END = "\n"
# How a pronoun or name may be followed before the speech verb: adverbs, time and place phrases.
_GAP_BEFORE_VERB = re.compile(
    r"^(?:也|则|还|更|又|就|都|同样|再次|多次|曾|曾经|此前|一直|随后|进一步|当时|近日|日前|今天|昨天|对此|公开|明确|"
    r"直接|坦率地|笑着|不止一次|也曾|还曾|在[^，。；“”]{0,32}?(?:上|中|时|后|前|里|期间)|对[^，。；“”]{0,8}?|向[^，。；“”]{0,8}?|"
    r"接受[^，。；“”]{0,10}?采访时|发微博|发文|在微博上|通过[^，。；“”]{0,10}?|，)*$"
)


class _Context:
    """What the rules look at: the clean text, mentions in order, and who spoke last where."""

    def __init__(self, doc: Doc, pats: CuePatterns):
        norm = _norm(doc)
        self.text = norm["text"]
        self.clean = norm["clean"]
        self.omap = doc._.offset_map
        self.pats = pats
        self.mentions = sorted(doc._.speaker_mentions or [], key=lambda m: m["start"])
        self.mention_starts = [m["start"] for m in self.mentions]
        self.pronoun_re = pats.pronoun
        self.verb_re = pats.verb
        self.last_speaker_at: list[tuple[int, dict, str]] = []  # (position, mention, paragraph start)
        self.sections: list[tuple[int, int, dict]] = []
        self.reported_clauses: list[tuple[int, int, dict, Optional[str]]] = []

    def surface(self, start: int, end: int) -> str:
        s, e = self.omap.span(start, end)
        return self.text[s:e]

    def mentions_between(self, start: int, end: int) -> list[dict]:
        lo = bisect_left(self.mention_starts, start)
        hi = bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m["end"] <= end]

    def paragraph_start(self, pos: int) -> int:
        return self.clean.rfind(_PARAGRAPH_END, 0, pos) + 1

    def paragraph_end(self, pos: int) -> int:
        end = self.clean.find(_PARAGRAPH_END, pos)
        return len(self.clean) if end < 0 else end

    def clause_start(self, pos: int, floor: Optional[int] = None) -> int:
        """Start of the clause that ends at ``pos``: after the last sentence end, outside quotes.

        The search stops at the paragraph start (a stray closing mark must not send it further)."""
        if floor is None:
            floor = max(self.paragraph_start(pos), pos - 600)
        i = pos - 1
        depth = 0
        while i >= floor:
            ch = self.clean[i]
            if ch in "”」』":
                depth += 1
            elif ch in "“「『":
                if depth:
                    depth -= 1
            elif depth == 0 and _CLAUSE_END.match(ch):
                return i + 1
            i -= 1
        return floor

    def recent_speaker(self, pos: int, same_paragraph: bool = True) -> Optional[tuple[dict, str]]:
        """The most recent person who spoke (or was named) before ``pos``, for pronouns and continuation."""
        para = self.paragraph_start(pos)
        for at, mention, kind in reversed(self.last_speaker_at):
            if at >= pos:
                continue
            if same_paragraph and at < para:
                return None
            return mention, kind
        return None

    def note_speaker(self, pos: int, mention: dict, kind: str) -> None:
        insort(self.last_speaker_at, (pos, mention, kind), key=lambda t: t[0])

    def section_speaker(self, pos: int) -> Optional[dict]:
        for start, end, mention in self.sections:
            if start <= pos < end:
                return mention
        return None


# --- 1. not speech ----------------------------------------------------------------------------------


def _not_speech(r: dict, ctx: _Context) -> Optional[str]:
    """The reason a quote-mark pair is not anyone's speech, or None.

    ``所谓“百模大战”`` -> term; ``他不认同“开源是智商税”的说法`` -> rebutted; ``一种“智商税”`` -> scare quote.
    """
    clean, pats = ctx.clean, ctx.pats
    if r.get("is_question"):
        return "question"
    if r.get("parent_id"):
        return "nested"
    before = clean[max(0, r["start"] - 12):r["start"]]
    after = clean[r["end"]:r["end"] + 8]
    if pats.term_before and pats.term_before.search(before):
        return "term"
    content = clean[r["cstart"]:r["cend"]].rstrip()
    if pats.term_after and pats.term_after.match(after) and not content.endswith(("。", "！", "？", "!", "?", "…")):
        return "term"
    clause = clean[ctx.clause_start(r["start"]):r["start"]]
    if pats.rebuttal and pats.rebuttal.search(clause) and not clause.rstrip().endswith(("：", ":")):
        return "rebutted"
    if _is_scare_quote(r, ctx):
        return "scare_quote"
    return None


def _is_scare_quote(r: dict, ctx: _Context) -> bool:
    """A phrase in quotes, not words said: short with no speech cue on either side (``一种“智商税”``),
    or a phrase the sentence goes on from (``“启明X2”可以…`` / ``“规模定律已死”几乎成了…``)."""
    content = ctx.clean[r["cstart"]:r["cend"]]
    if len(content) > 20 or re.search(r"[。！？!?；;，,]", content) or _cue_after(r, ctx):
        return False
    following = ctx.clean[r["end"]:r["end"] + 1]
    if following and re.match(r"[\w\u4e00-\u9fff]", following):
        return True  # the sentence runs on after the closing mark: the quote is a noun phrase
    if len(content) > 12:
        return False
    before = ctx.clean[max(0, r["start"] - 10):r["start"]]
    if re.search(r"[：:]\s*$", before) or _verb_right_before(before, ctx):
        return False
    return True


def _verb_right_before(before: str, ctx: _Context) -> bool:
    m = None
    for m in ctx.verb_re.finditer(before):
        pass
    # 他认为这个“很有意思” / 他说是“走投无路”: the quote completes the verb
    return bool(m) and re.fullmatch(r"[，,：:\s]*(?:这个|这是|是|的是|就是)?", before[m.end():]) is not None


def _cue_after(r: dict, ctx: _Context) -> bool:
    after = ctx.clean[r["end"]:r["end"] + 20]
    m = re.match(r"[，,]?[ \t]*", after)
    rest = after[m.end():]
    if re.match(r"[。！？!?；;\n]", rest):
        return False  # a cue in the next sentence does not introduce this quote
    if ctx.pronoun_re.match(rest) and ctx.verb_re.match(rest, len(ctx.pronoun_re.match(rest).group(0))):
        return True
    return _speaker_phrase_after(ctx, r["end"] + m.end()) is not None


# Between a closing mark and the speaker's name: an organisation and titles, no clause break.
_SPEAKER_PREFIX = re.compile(r"[^，,。；;！？!?“”「」\n：:]{0,30}")


def _speaker_phrase_after(ctx: _Context, pos: int):
    """``(mention, verb)`` for ``智源研究院院长王某在发言中提到`` right after ``pos``, else None."""
    limit = _SPEAKER_PREFIX.match(ctx.clean, pos).end()
    for mention in ctx.mentions_between(pos, limit + 8):
        if mention["start"] > limit:
            break
        between = ctx.clean[pos:mention["start"]]
        # Only an organisation-and-title phrase may stand between: 智源研究院院长 / 腾讯云副总裁、
        if between and not _title_tail().search(between):
            continue
        verb = _verb_after(ctx, mention["end"])
        if verb is not None:
            return mention, verb
    return None


@lru_cache(maxsize=1)
def _title_tail() -> re.Pattern:
    """A phrase ending in a job title: 智源研究院院长 / 腾讯云副总裁、."""
    return re.compile(f"(?:{alternation(lexicon().titles)})\\s?$")


def _verb_after(ctx: _Context, pos: int) -> Optional[re.Match]:
    """A speech verb shortly after ``pos`` with only adverbs between."""
    window = ctx.clean[pos:pos + 44]
    for m in ctx.verb_re.finditer(window):
        if _GAP_BEFORE_VERB.match(window[:m.start()]):
            return m
        break
    return None


# --- 2. speaker before the quote --------------------------------------------------------------------


def _speaker_before_quote(r: dict, ctx: _Context):
    """``李开复表示：“…”`` / ``李楠“怒怼”李彦宏：“…”`` (李楠) / ``他说，“…”`` (pronoun).

    The clause before the opening mark must end in a speech verb or a colon; its subject speaks.
    """
    start = ctx.clause_start(r["start"])
    clause = ctx.clean[start:r["start"]]
    m = re.search(r"[：:，,]?\s*$", clause)
    head = clause[:m.start()]
    verb = None
    for v in ctx.verb_re.finditer(head):
        verb = v
    colon = m.group(0).strip().startswith(("：", ":"))
    if verb is not None and head[verb.end():].strip() and not colon:
        verb = None  # the verb is followed by other words: it does not introduce this quote
    if verb is None and not colon:
        return None
    cue_pos = start + (verb.start() if verb is not None else len(head))
    cue = verb.group(0) if verb is not None else "："
    mention, surface_span = _subject_before(ctx, start, cue_pos)
    if mention is None:
        return None
    method = "pronoun" if mention.get("_pronoun") else "explicit"
    conf = 0.75 if method == "pronoun" else (0.92 if verb is not None else 0.85)
    return mention, surface_span, method, conf, cue


def _subject_before(ctx: _Context, clause_start: int, cue_pos: int):
    """The subject of a speech verb at ``cue_pos``: the person before any addressee verb, else the
    nearest person before the verb, else a pronoun's referent."""
    mentions = ctx.mentions_between(clause_start, cue_pos)
    speaker = _speaker_not_addressee(ctx, mentions, clause_start, cue_pos)
    if speaker is not None:
        return speaker, (speaker["start"], speaker["end"])
    lead = _leading_pronoun(ctx, clause_start, cue_pos)
    if lead is not None:
        return lead
    if mentions:
        m = mentions[-1]
        gap = ctx.clean[m["end"]:cue_pos]
        if ctx.pronoun_re.search(gap):
            # 有参会者问唐某怎么看马某的观点，她笑着说：the pronoun, not the last name, is the subject
            return _pronoun_before(ctx, m["end"], cue_pos) or (None, None)
        if len(gap) <= 16 and not re.search(r"[。！？；]", gap):
            if "，" in gap or "," in gap:
                # 李开复，零一万物CEO，表示 / but not 李开复的公司，我们表示
                if len(gap) > 14:
                    return None, None
            return m, (m["start"], m["end"])
    pron = _pronoun_before(ctx, clause_start, cue_pos)
    if pron is not None:
        return pron
    return None, None


def _speaker_not_addressee(ctx: _Context, mentions: list[dict], start: int, end: int) -> Optional[dict]:
    """In ``A怒怼B`` / ``A回应B称`` the person before the addressee verb speaks, not the one after."""
    if not mentions or not ctx.pats.addressee:
        return None
    for a in ctx.pats.addressee.finditer(ctx.clean, start, end):
        before = [m for m in mentions if m["end"] <= a.start()]
        after = [m for m in mentions if m["start"] >= a.end()]
        if before and after:
            return before[0]
    return None


def _leading_pronoun(ctx: _Context, clause_start: int, cue_pos: int):
    """A clause that opens with 他/她 (``他还“隔空喊话”同行：“…”``): the pronoun is its subject,
    unless a person is named between the pronoun and the cue."""
    m = re.match(r"\s*(?:对此|随后|同时|此外|不过|但|而|并且|此前|后来)?[，,]?\s*", ctx.clean[clause_start:cue_pos])
    pos = clause_start + m.end()
    p = ctx.pronoun_re.match(ctx.clean, pos)
    if not p or p.end() > cue_pos or ctx.mentions_between(p.end(), cue_pos):
        return None
    ref = _resolve_pronoun(ctx, pos)
    if ref is None:
        return None
    return {**ref, "_pronoun": True}, (p.start(), p.end())


def _pronoun_before(ctx: _Context, clause_start: int, cue_pos: int):
    window = ctx.clean[clause_start:cue_pos]
    m = None
    for m in ctx.pronoun_re.finditer(window):
        pass
    if m is None or not _GAP_BEFORE_VERB.match(window[m.end():]):
        return None
    pos = clause_start + m.start()
    ref = _resolve_pronoun(ctx, pos)
    if ref is None:
        return None
    return {**ref, "_pronoun": True}, (pos, pos + len(m.group(0)))


def _resolve_pronoun(ctx: _Context, pos: int) -> Optional[dict]:
    """He/she = the most salient person: last mentioned in this paragraph, else the section's speaker,
    else the last speaker of the previous paragraph when nobody else was named since."""
    para = ctx.paragraph_start(pos)
    recent = [m for m in ctx.mentions_between(para, pos)]
    if recent and re.fullmatch(r"\s*[，,]?\s*", ctx.clean[recent[-1]["end"]:pos]):
        return recent[-1]  # …越走越远的周某，他在演讲时说: the name right before the pronoun
    if recent:
        names = {m["name"] for m in recent}
        if len(names) > 1:
            # 马某的观点: a possessor is less likely the one the pronoun picks up than an agent.
            agents = [m for m in recent if not ctx.clean.startswith("的", m["end"])]
            if len({m["name"] for m in agents}) == 1:
                return agents[-1]
        # Two people named in the paragraph: the speaker of the paragraph, if one spoke already.
        return recent[-1] if len(names) == 1 else _paragraph_speaker(ctx, para)
    section = ctx.section_speaker(pos)
    if section is not None:
        return section
    prev = ctx.recent_speaker(pos, same_paragraph=False)
    if prev is not None:
        prev_para_start = ctx.paragraph_start(max(0, para - 1))
        named = {m["name"] for m in ctx.mentions_between(prev_para_start, para)}
        if not named or named == {prev[0]["name"]}:
            return prev[0]
    return None


def _paragraph_speaker(ctx: _Context, para: int) -> Optional[dict]:
    """The last person who spoke in the paragraph starting at ``para``, if any."""
    speakers = [m for at, m, _ in ctx.last_speaker_at if para <= at]
    if speakers:
        return speakers[-1]
    return None


# --- 3. speaker after the quote ---------------------------------------------------------------------


def _speaker_after_quote(r: dict, ctx: _Context):
    """``“…”，杨植麟说。`` / ``“…”他强调。`` / ``“…”王小川的这句话``."""
    pos = r["end"]
    m = re.match(r"[，,]?[ \t]*", ctx.clean[pos:pos + 3])
    pos += m.end()
    found = _speaker_phrase_after(ctx, pos)
    if found is not None:
        mention, verb = found
        return mention, (mention["start"], mention["end"]), "explicit", 0.9, verb.group(0)
    mentions = ctx.mentions_between(pos, pos + 20)
    if mentions and mentions[0]["start"] == pos:
        mention = mentions[0]
        tail = _SAID_IT_THUS.match(ctx.clean, mention["end"])
        if tail:
            return mention, (mention["start"], mention["end"]), "explicit", 0.8, tail.group(0)
        return None
    p = ctx.pronoun_re.match(ctx.clean, pos)
    if p:
        verb = _verb_after(ctx, p.end())
        if verb is not None:
            ref = _resolve_pronoun(ctx, r["start"])
            if ref is not None:
                return ref, (p.start(), p.end()), "pronoun", 0.75, verb.group(0)
    return None


# --- 4. continuation and 5. section -----------------------------------------------------------------


def _inside_reported_clause(r: dict, ctx: _Context):
    """A quote inside an attributed reported clause shares its speaker:
    ``马某补充说，公司将拓展行业客户，“行业知识更值钱。”``."""
    for start, end, mention, cue in ctx.reported_clauses:
        if start <= r["start"] and r["end"] <= end + 1:
            return mention, None, "explicit", 0.8, cue
    return None


def _continuation(r: dict, ctx: _Context):
    """A floating quote after someone's statement in the same paragraph is theirs, if nobody else
    was named in between: ``王小川说：“…”……“…”``."""
    content = ctx.clean[r["cstart"]:r["cend"]]
    if len(content) < 8:
        return None
    prev = ctx.recent_speaker(r["start"], same_paragraph=True)
    if prev is None:
        # Nobody spoke yet, but the paragraph is about one person only: 傅盛把…形容为…。「…」
        named = ctx.mentions_between(ctx.paragraph_start(r["start"]), r["start"])
        if len({m["name"] for m in named}) == 1 and not ctx.section_speaker(r["start"]):
            return named[0], None, "adjacent", 0.6, None
        return None
    mention, _ = prev
    since = [m for m in ctx.mentions_between(ctx.paragraph_start(r["start"]), r["start"]) if m["name"] != mention["name"]]
    last_at = max(at for at, m, _ in ctx.last_speaker_at if at < r["start"])
    if any(m["start"] > last_at for m in since):
        return None
    return mention, None, "continuation", 0.7, None


def _section(r: dict, ctx: _Context):
    """A quote under a headline that names its speaker, with nobody else named in its paragraph."""
    mention = ctx.section_speaker(r["start"])
    if mention is None:
        return None
    para = ctx.paragraph_start(r["start"])
    others = {m["name"] for m in ctx.mentions_between(para, ctx.paragraph_end(r["start"]))} - {mention["name"]}
    if others:
        return None
    return mention, None, "section_header", 0.65, None


_BACK_REFERENCE = re.compile(r"\s*(?:这是|这句话是|这段话是|这番话出自|这是来自)")
_BACK_REFERENCE_TAIL = re.compile(r"(?:[^，,。；\n]{0,24}?)(?:给出的判断|的判断|的观点|的看法|的原话|的话|的表态|说的|说过的|提出的)")


def _back_reference(r: dict, ctx: _Context):
    """A quote standing alone, then ``这是某研究院院长某某对…给出的判断``: the next sentence names it."""
    pos = r["end"]
    while pos < len(ctx.clean) and ctx.clean[pos] in "。 \t\n":
        pos += 1
    m = _BACK_REFERENCE.match(ctx.clean, pos)
    if not m:
        return None
    for mention in ctx.mentions_between(m.end(), m.end() + 60):
        between = ctx.clean[m.end():mention["start"]]
        if re.search(r"[，,。；\n]", between) and not _title_tail().search(between.rstrip("，, ")):
            break
        if _BACK_REFERENCE_TAIL.match(ctx.clean, mention["end"]):
            return mention, (mention["start"], mention["end"]), "explicit", 0.8, m.group(0).strip()
        break
    return None


def _paragraph_quote(r: dict, ctx: _Context):
    """A paragraph that is one long quote right after a paragraph whose last statement names a speaker."""
    if r["start"] != ctx.paragraph_start(r["start"]) or len(ctx.clean[r["cstart"]:r["cend"]]) < 15:
        return None
    prev = ctx.recent_speaker(r["start"], same_paragraph=False)
    if prev is None:
        return None
    para = ctx.paragraph_start(r["start"])
    prev_para = ctx.paragraph_start(max(0, para - 1))
    names = {m["name"] for m in ctx.mentions_between(prev_para, para)}
    if names and names != {prev[0]["name"]}:
        return None
    return prev[0], None, "adjacent", 0.6, None


# --- Q&A labels, headlines and reported speech ------------------------------------------------------


def _label_person(r: dict, ctx: _Context, interviewee: Optional[dict]) -> Optional[tuple[dict, tuple]]:
    """The person a label names: ``王仲遠：`` -> 王仲远; ``答：`` -> the interviewee."""
    label = r["label"]
    inside = ctx.mentions_between(r["label_start"], r["label_end"])
    if inside:
        m = inside[-1]
        return m, (m["start"], m["end"])
    if label in ctx.pats.answer_labels:
        return (interviewee, (r["label_start"], r["label_end"])) if interviewee else None
    if _looks_like_name(label):
        m = {"name": canonical_name(label), "title": None, "org": None, "kb_id": None, "source": "label", "score": 0.75,
             "start": r["label_start"], "end": r["label_end"]}
        return m, (r["label_start"], r["label_end"])
    return None


def _looks_like_name(label: str) -> bool:
    lex = lexicon()
    if re.fullmatch(r"[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+){0,2}", label):
        return label.upper() not in {"Q", "A", "AI", "CEO"}
    if not re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", label) or label in lex.not_names:
        return False
    return label[:2] in lex.compound_surnames or label[0] in lex.surnames


def _interviewee(records: list[dict], ctx: _Context) -> Optional[dict]:
    """For ``答：`` transcripts: the person named most often in the document."""
    counts = Counter(m["name"] for m in ctx.mentions)
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return next(m for m in ctx.mentions if m["name"] == name)


def _reported_speaker(r: dict, ctx: _Context):
    """The subject of reported speech: ``王小川认为，…``, ``在李开复看来，…``, ``他表示…``, ``A回应B称…`` (A)."""
    if r.get("subject"):
        s, e = r["subject"]
        inside = ctx.mentions_between(s, e)
        if inside:
            m = inside[0]
            return m, (m["start"], m["end"]), "explicit", 0.85
        slot = ctx.clean[s:e].strip()
        if _looks_like_name(slot):
            # 在林嘉禾看来: the frame itself marks its slot as a person.
            lead = s + ctx.clean[s:e].index(slot)
            m = {"name": canonical_name(slot), "title": None, "org": None, "kb_id": None, "source": "frame",
                 "score": 0.7, "start": lead, "end": lead + len(slot)}
            return m, (m["start"], m["end"]), "explicit", 0.8
        p = ctx.pronoun_re.fullmatch(ctx.clean[s:e].strip())
        if p:
            ref = _resolve_pronoun(ctx, s)
            if ref is not None:
                return ref, (s, e), "pronoun", 0.7
        return None
    start = ctx.clause_start(r["cue_start"])
    mention, span = _subject_before(ctx, start, r["cue_start"])
    if mention is None:
        return None
    if mention.get("_pronoun"):
        return mention, span, "pronoun", 0.7
    return mention, span, "explicit", 0.85


# --- the component ----------------------------------------------------------------------------------


class Attributor(SavedData):
    """Pipeline component: fills speakers on quote candidates and drops unclaimed reported speech."""

    def __init__(self, nlp: Language, name: str = "stancelib_attribution", cues: Optional[str] = None,
                 min_confidence: float = 0.0):
        self.name = name
        self.cues = self._source("cues", cues, cues is not None, load_cues)
        self.pats = cue_patterns(self.cues)
        self.min_confidence = check_unit_interval(name, "min_confidence", min_confidence)

    def _serializers(self) -> dict:
        def read_cues(p) -> None:
            self.cues = SpeechCues.model_validate_json(p.read_text(encoding="utf-8"))
            self.pats = cue_patterns(self.cues)

        return {"cues": (lambda p: p.write_text(self.cues.model_dump_json(), encoding="utf-8"), read_cues)}

    def __call__(self, doc: Doc) -> Doc:
        self._check_loaded()
        records = [dict(r) for r in (doc._.stancelib_quotes or [])]
        ctx = _Context(doc, self.pats)
        self._headlines(records, ctx)
        interviewee = _interviewee(records, ctx)
        kept = []
        for r in sorted(records, key=lambda r: (r["start"], -r["end"])):
            kind = r["kind"]
            if kind == "direct":
                self._direct(r, ctx)
            elif kind == "qa_turn":
                self._qa_turn(r, ctx, interviewee)
            elif kind == "indirect":
                if not self._indirect(r, ctx):
                    continue
            elif kind == "headline" and not r.get("speaker"):
                continue
            kept.append(r)
        kept = _drop_indirect_inside_direct(kept)
        kept.sort(key=lambda r: (r["start"], -r["end"]))
        doc._.stancelib_quotes = _renumber(kept)
        return doc

    def _set(self, r: dict, ctx: _Context, mention: dict, span, method: str, conf: float, cue=None) -> None:
        if conf < self.min_confidence:
            return
        if span:
            surface = ctx.surface(*span)
        elif "start" in mention:
            surface = ctx.surface(mention["start"], mention["end"])
        else:
            surface = mention["name"]
        r["speaker"] = {"name": mention["name"], "surface": surface, "title": mention.get("title"),
                        "org": mention.get("org"), "kb_id": mention.get("kb_id")}
        r["method"] = method
        r["confidence"] = round(conf * (0.9 + 0.1 * float(mention.get("score", 0.8))), 3)
        if cue:
            r["cue"] = cue
        ctx.note_speaker(r["start"], {k: v for k, v in mention.items() if k != "_pronoun"}, r["kind"])

    def _headlines(self, records: list[dict], ctx: _Context) -> None:
        """``零一万物CEO李开复：标题`` opens a section that runs to the next headline."""
        heads = sorted((r for r in records if r["kind"] == "headline"), key=lambda r: r["start"])
        for i, r in enumerate(heads):
            inside = ctx.mentions_between(r["label_start"], r["label_end"])
            if not inside:
                continue
            m = _speaker_not_addressee(ctx, inside, r["label_start"], r["label_end"]) or inside[-1]
            end = heads[i + 1]["start"] if i + 1 < len(heads) else len(ctx.clean)
            r["speaker"] = {"name": m["name"], "surface": ctx.surface(m["start"], m["end"]), "title": m.get("title"),
                            "org": m.get("org"), "kb_id": m.get("kb_id")}
            r["method"], r["confidence"], r["cue"] = "section_header", 0.8, r["label"]
            if ctx.paragraph_start(r["start"]) > 0:  # the article's own title opens no section
                ctx.sections.append((r["start"], end, m))

    def _direct(self, r: dict, ctx: _Context) -> None:
        reason = _not_speech(r, ctx)
        if reason:
            r["speaker"], r["method"], r["confidence"], r["nonspeech"] = None, "not_speech", 0.0, reason
            return
        for rule in (_speaker_before_quote, _speaker_after_quote, _back_reference, _inside_reported_clause,
                     _continuation, _section, _paragraph_quote):
            found = rule(r, ctx)
            if found:
                mention, span, method, conf, cue = found
                self._set(r, ctx, mention, span, method, conf, cue)
                return
        r["speaker"], r["method"], r["confidence"] = None, None, 0.0

    def _qa_turn(self, r: dict, ctx: _Context, interviewee: Optional[dict]) -> None:
        r["cue"] = r["label"]
        if r.get("is_question"):
            r["speaker"], r["method"], r["confidence"] = None, "qa_question", 0.0
            return
        found = _label_person(r, ctx, interviewee)
        if found is None:
            r["speaker"], r["method"], r["confidence"] = None, "qa_label", 0.0
            return
        mention, span = found
        self._set(r, ctx, mention, span, "qa_label", 0.95 if mention.get("source") != "label" else 0.85, r["label"])

    def _indirect(self, r: dict, ctx: _Context) -> bool:
        if r.get("is_question"):
            return False
        found = _reported_speaker(r, ctx)
        if not found:
            return False
        mention, span, method, conf = found
        self._set(r, ctx, mention, span, method, conf, r.get("cue"))
        if r.get("speaker"):
            ctx.reported_clauses.append((r["start"], r["end"], {k: v for k, v in mention.items() if k != "_pronoun"}, r.get("cue")))
        return bool(r.get("speaker"))


def _drop_indirect_inside_direct(records: list[dict]) -> list[dict]:
    """Reported speech found inside someone's quote or Q&A answer is part of it, not a new statement."""
    spans = [(r["start"], r["end"]) for r in records if r["kind"] in ("direct", "qa_turn") and r.get("speaker")]
    return [r for r in records if r["kind"] != "indirect" or not any(s < r["start"] and r["end"] <= e for s, e in spans)]


def _renumber(records: list[dict]) -> list[dict]:
    ids = {r["id"]: f"q{i}" for i, r in enumerate(records)}
    for r in records:
        r["id"] = ids[r["id"]]
        if r.get("parent_id"):
            r["parent_id"] = ids.get(r["parent_id"])
    return records


@Language.factory("stancelib_attribution", default_config={"cues": None, "min_confidence": 0.0},
                  requires=["doc._.stancelib_norm", "doc._.stancelib_quotes", "doc._.speaker_mentions"],
                  assigns=["doc._.stancelib_quotes"])
def make_attribution(nlp: Language, name: str, cues: Optional[str], min_confidence: float) -> Attributor:
    return Attributor(nlp, name, cues, min_confidence)
