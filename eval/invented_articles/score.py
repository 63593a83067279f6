"""Score stancelib on the invented articles here against gold.json, knowledge base on and off.
Usage: python score.py [--json errors.json]"""
import json, sys, os, re, collections
os.chdir(os.path.dirname(os.path.abspath(__file__)))
import stancelib

GOLD = json.load(open("gold.json", encoding="utf-8"))
TRAD = {"黃國棟": "黄国栋", "黃美玲": "黄美玲", "李開復": "李开复"}

def norm(name, aliases):
    if name is None:
        return None
    for canon, al in aliases.items():
        if name == canon or name in al:
            return canon
    return name

def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1

LABEL = re.compile(r"[^：:\n]{1,8}[：:]")

def question_span(text, snip):
    """Q&A turn (line starting with a label): the whole line; narrative question: the enclosing quote
    (or the sentence) that contains the snippet."""
    i = text.find(snip)
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i); e = e if e >= 0 else len(text)
    if LABEL.match(text, s):
        return s, e
    o = max(text.rfind("“", s, i + 1), text.rfind("「", s, i + 1))
    if o >= 0:
        c = text.find("”" if text[o] == "“" else "」", o)
        if c >= i:
            return o, c + 1
    b = max(text.rfind(ch, s, i) for ch in "。！？；")
    ends = [k for k in (text.find(ch, i) for ch in "。！？") if k >= 0]
    return (b + 1 if b >= 0 else s), (min(ends) + 1 if ends else e)

def sp(q):
    return q.speaker.name if q.speaker else None

def qinfo(q):
    if q is None:
        return None
    return dict(kind=q.kind, speaker=sp(q), surface=q.speaker.surface if q.speaker else None,
                method=q.method, cue=q.cue, conf=round(q.confidence, 3), span=q.span.text[:40], q=q.is_question)

def score(nlp, label):
    M = collections.Counter()
    errs = []
    for g in GOLD:
        text = open(g["file"], encoding="utf-8").read()
        al = g["aliases"]
        r = stancelib.extract(text, nlp=nlp, doc_id=g["id"])
        # span integrity
        for q in r.quotes:
            M["spans_checked"] += 1
            if text[q.span.start:q.span.end] != q.span.text:
                M["span_mismatch"] += 1
                errs.append(dict(doc=g["id"], type="span_mismatch", got=qinfo(q)))
        for c in r.claims:
            M["spans_checked"] += 1
            if text[c.evidence.start:c.evidence.end] != c.evidence.text:
                M["span_mismatch"] += 1
                errs.append(dict(doc=g["id"], type="span_mismatch_claim", got=c.evidence.text))
        direct = {(q.span.start, q.span.end): q for q in r.quotes if q.kind == "direct"}
        # headline quotes (kind=headline: a title "X：words" read as X's words)
        heads = [q for q in r.quotes if q.kind == "headline"]
        gh = g.get("headline")
        if gh and not gh["optional"]:
            M["headline_total"] += 1
            got = norm(sp(heads[0]), al) if heads else None
            got = TRAD.get(got, got)
            if got == gh["speaker"]:
                M["headline_correct"] += 1
            else:
                M["headline_wrong" if got and gh["speaker"] is None else "headline_other"] += 1
                errs.append(dict(doc=g["id"], type="headline_nonspeech_attributed" if gh["speaker"] is None else "headline_error",
                                 text=gh["text"][:40], exp=gh["speaker"], got=[qinfo(q) for q in heads]))
        elif heads and not gh:
            for q in heads:
                M["headline_unexpected"] += 1
                errs.append(dict(doc=g["id"], type="headline_unexpected", got=qinfo(q)))
        gold_spans = {(gq["start"], gq["end"]) for gq in g["quotes"]}
        for k, q in direct.items():
            if k not in gold_spans and q.span.text[-1] not in "”」’":
                M["unclosed_continuation_spans"] += 1   # paragraph-continuation quote (no closing mark): expected
            elif k not in gold_spans:
                M["direct_spurious"] += 1
                errs.append(dict(doc=g["id"], type="spurious_direct_span", got=qinfo(q)))
        # direct quotes
        for gq in g["quotes"]:
            if gq["optional"]:
                continue
            q = direct.get((gq["start"], gq["end"]))
            exp = gq["speaker"]
            M["direct_total"] += 1
            if exp is None:
                M["nonspeech_total"] += 1
            if q is None:
                M["direct_nospan"] += 1
                errs.append(dict(doc=g["id"], type="no_direct_quote", text=gq["text"][:40], exp=exp))
                continue
            got = norm(sp(q), al)
            if got in TRAD:
                M["name_not_simplified"] += 1
                errs.append(dict(doc=g["id"], type="name_not_simplified", text=gq["text"][:40], exp=exp, got=qinfo(q)))
                got = TRAD[got]
            if got == exp:
                M["direct_correct"] += 1
            elif exp is None:
                M["nonspeech_attributed"] += 1
                errs.append(dict(doc=g["id"], type="nonspeech_attributed", text=gq["text"][:40], exp=exp, got=qinfo(q)))
            elif got is None:
                M["direct_miss"] += 1
                errs.append(dict(doc=g["id"], type="direct_miss", text=gq["text"][:40], exp=exp, got=qinfo(q)))
            else:
                M["direct_wrong"] += 1
                errs.append(dict(doc=g["id"], type="direct_wrong", text=gq["text"][:40], exp=exp, got=qinfo(q)))
        # reported speech
        for gr in g["reported"]:
            if gr["optional"]:
                continue
            i = text.find(gr["snippet"]); j = i + len(gr["snippet"])
            cands = [q for q in r.quotes if overlaps(q.span.start, q.span.end, i, j)]
            M["reported_total"] += 1
            names = [TRAD.get(norm(sp(q), al), norm(sp(q), al)) for q in cands]
            if gr["speaker"] in names:
                M["reported_correct"] += 1
            elif any(n is not None for n in names):
                M["reported_wrong"] += 1
                errs.append(dict(doc=g["id"], type="reported_wrong", text=gr["snippet"], exp=gr["speaker"],
                                 got=[qinfo(q) for q in cands]))
            else:
                M["reported_miss"] += 1
                errs.append(dict(doc=g["id"], type="reported_miss", text=gr["snippet"], exp=gr["speaker"],
                                 got=[qinfo(q) for q in cands]))
        # question turns -> claims
        for qs in g["questions"]:
            s, e = question_span(text, qs)
            M["questions_total"] += 1
            bad = [c for c in r.claims if overlaps(c.evidence.start, c.evidence.end, s, e)]
            if bad:
                M["question_claims"] += 1
                errs.append(dict(doc=g["id"], type="question_claim", text=text[s:e][:50],
                                 got=[(c.speaker.name, c.topic, c.stance, c.evidence.text[:30]) for c in bad]))
        # stances
        gold_st = {(s["speaker"], s["topic"]): s["stance"] for s in g["stances"] if not s["optional"]}
        opt_st = {(s["speaker"], s["topic"]) for s in g["stances"] if s["optional"]}
        pred_st = {}
        for s in r.stances:
            if s.stance == "neutral":
                continue
            nm = TRAD.get(norm(s.speaker.name, al), norm(s.speaker.name, al))
            pred_st[(nm, s.topic)] = s.stance
        for k, v in pred_st.items():
            if k in opt_st:
                continue
            M["stance_pred"] += 1
            if gold_st.get(k) == v:
                M["stance_tp"] += 1
            else:
                errs.append(dict(doc=g["id"], type="stance_fp", got=[k[0], k[1], v], exp=gold_st.get(k)))
        for k, v in gold_st.items():
            M["stance_gold"] += 1
            if pred_st.get(k) != v:
                errs.append(dict(doc=g["id"], type="stance_fn", exp=[k[0], k[1], v], got=pred_st.get(k)))
        # speakers
        ps = {TRAD.get(norm(s.name, al), norm(s.name, al)) for s in r.speakers}
        gs = set(g["speakers"])
        M["spk_pred"] += len(ps); M["spk_gold"] += len(gs); M["spk_tp"] += len(ps & gs)
        for x in ps - gs:
            errs.append(dict(doc=g["id"], type="speaker_fp", got=x))
        for x in gs - ps:
            errs.append(dict(doc=g["id"], type="speaker_fn", exp=x))
    return M, errs

def pr(M):
    d = lambda a, b: (a / b if b else 0.0)
    P = d(M["stance_tp"], M["stance_pred"]); R = d(M["stance_tp"], M["stance_gold"])
    SP = d(M["spk_tp"], M["spk_pred"]); SR = d(M["spk_tp"], M["spk_gold"])
    return {
        "direct-quote attribution accuracy": f'{d(M["direct_correct"], M["direct_total"]):.3f} ({M["direct_correct"]}/{M["direct_total"]})',
        "wrong speakers (direct)": M["direct_wrong"],
        "misses (direct, null where speaker expected)": M["direct_miss"],
        "gold span with no direct Quote": M["direct_nospan"],
        "non-speech quotes given a speaker": f'{M["nonspeech_attributed"]}/{M["nonspeech_total"]}',
        "spurious direct spans (unclosed continuation spans, fine)": f'{M["direct_spurious"]} ({M["unclosed_continuation_spans"]})',
        "names not simplified": M["name_not_simplified"],
        "headline quotes correct (of gold)": f'{M["headline_correct"]}/{M["headline_total"]} (non-speech title given a speaker: {M["headline_wrong"]}; other: {M["headline_other"]}; unexpected: {M["headline_unexpected"]})',
        "reported speech correct/wrong/miss": f'{M["reported_correct"]}/{M["reported_wrong"]}/{M["reported_miss"]} of {M["reported_total"]}',
        "question turns yielding claims": f'{M["question_claims"]}/{M["questions_total"]}',
        "stance P / R / F1": f'{P:.3f} / {R:.3f} / {d(2*P*R, P+R):.3f}  (tp {M["stance_tp"]}, pred {M["stance_pred"]}, gold {M["stance_gold"]})',
        "speaker P / R": f'{SP:.3f} / {SR:.3f}  (tp {M["spk_tp"]}, pred {M["spk_pred"]}, gold {M["spk_gold"]})',
        "span integrity failures": f'{M["span_mismatch"]}/{M["spans_checked"]}',
    }

if __name__ == "__main__":
    nlp_on = stancelib.load()
    nlp_off = stancelib.load(kb=None)
    res = {}
    for label, nlp in (("KB on", nlp_on), ("KB off", nlp_off)):
        M, errs = score(nlp, label)
        res[label] = (pr(M), errs)
    keys = list(res["KB on"][0])
    w = max(len(k) for k in keys)
    print(f'{"metric":<{w}} | KB on | KB off')
    for k in keys:
        print(f'{k:<{w}} | {res["KB on"][0][k]} | {res["KB off"][0][k]}')
    if "--json" in sys.argv:
        out = sys.argv[sys.argv.index("--json") + 1]
        json.dump({k: v[1] for k, v in res.items()}, open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
