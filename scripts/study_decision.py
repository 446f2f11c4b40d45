"""Dump, for every question of every library, what the answer/refuse decision reads: each rule's
verdict on its own (not only the first that refuses), the evidence scores beside the library's own
bars, and whether the question is answerable. For studying the decision across libraries; the
figures `bot.py eval --all` prints are the measure.

    python scripts/study_decision.py --out /tmp/decision.jsonl [--libraries eval/libraries.yaml]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from assistant.offline import go_offline  # noqa: E402

go_offline()

from assistant.app import library_app, load_embedder  # noqa: E402
from assistant.reports.evaluation import load_libraries, load_questions, matches  # noqa: E402
from assistant.search import facts  # noqa: E402
from assistant.search.decide import refusals  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.textnorm import terms  # noqa: E402
from assistant.search.late import piece_words  # noqa: E402


_SENT = re.compile(r"(?<=[.!?;])\s+|\n+")


def fact_coverage(r, inp, weight) -> float:
    """The IDF-weighted share of the question's terms found in the best single sentence of the
    place that states the kind of fact asked (with the place's headings and title); -1 when the
    question asks no checked kind."""
    kind = r.kind
    if kind not in facts.CHECKED:
        return -1.0
    frame = set(terms(f"{inp['top_title']} {inp['top_heading']}"))
    q = list(dict.fromkeys(r.query_terms))
    total = sum(weight(t) for t in q) or 1.0
    best = 0.0
    for sentence in _SENT.split(inp["place_text"]):
        if sentence.strip() and facts.states(kind, sentence):
            have = frame | set(terms(sentence))
            best = max(best, sum(weight(t) for t in q if t in have) / total)
    return best


def name_match(question: str, place_text: str) -> bool:
    """Whether a capitalised word inside the question (a name: "Home Finder", "Wrexley Tenders")
    is in the place as written."""
    words = set(re.findall(r"\b[A-Za-z]+\b", place_text))
    return any(m.group(1) in words for m in facts._NAME.finditer(facts.asking_part(question).strip()))


def soft_coverage(r, inp, weight, bar: float) -> float:
    """`coverage` with a term also held when a piece of the place matches its word at `bar` or
    more (the place says it in other words: "a tiny firm" and "small businesses")."""
    if inp["word_match"] is None:
        return inp["coverage"]
    match = inp["word_match"]()
    place = inp["place_terms"]
    by_term: dict[str, bool] = {}
    for word in dict.fromkeys(piece_words(list(r.encoded.pieces))):
        for term in terms(word):
            by_term[term] = by_term.get(term, False) or term in place or match(word) >= bar
    q = list(dict.fromkeys(r.query_terms))
    total = sum(weight(t) for t in q)
    if total <= 0:
        return 1.0 if not q else 0.0
    return sum(weight(t) for t in q if t in place or by_term.get(t, False)) / total


def internal_gap(app, r, role) -> dict | None:
    """How far the best place `role` may not read scores above the best it may, in the wider
    role's ranking (None: no wider role, or no such place in its first ten)."""
    wider = app.retriever.wider_role(role)
    if wider is None:
        return None
    allowed = app.retriever.allowed[role]
    seen = app.retriever.search(r.query, role=wider, k=10).hits
    hidden = [h for h in seen if h.passage.audience not in allowed]
    shown = [h for h in seen if h.passage.audience in allowed]
    if not hidden:
        return None
    return {"score": hidden[0].score - (shown[0].score if shown else 0.0),
            "late": hidden[0].late - (shown[0].late if shown else 0.0),
            "dense": hidden[0].dense - (shown[0].dense if shown else 0.0),
            "lexical": hidden[0].lexical - (shown[0].lexical if shown else 0.0)}


def alt(svc, r, q, i) -> dict:
    """The rules' verdicts had the i-th place been the best, its score beside the best's, and
    whether it is a right answer."""
    h = r.hits[i]
    other = dataclasses.replace(r, hits=[h] + [x for x in r.hits if x is not h])
    inp = svc.inputs(other, q.role)
    return {"rules": [name for name, _ in refusals(**inp)], "ratio": h.score / r.hits[0].score,
            "late": inp["late"], "coverage": inp["coverage"],
            "right": any(matches(p.passage, e) for p in h.clauses for e in q.expect),
            "label": bool(r.labels) and any(facts.names_label(r.labels, p.passage.text) for p in h.clauses)}


def features(app, q) -> dict:
    svc = app.answers
    r = app.retriever.search(q.q, role=q.role)
    row = {"q": q.q, "role": q.role, "kind": q.kind, "answerable": q.answerable, "asked": r.kind}
    if not r.hits:
        return row | {"empty": True}
    inp = svc.inputs(r, q.role)
    top = r.hits[0]
    second = r.hits[1] if len(r.hits) > 1 else None
    t = svc.thresholds
    weight = app.retriever.view(q.role).weight
    place = inp["place_terms"]
    missing = [weight(term) for term in dict.fromkeys(r.query_terms) if term not in place]
    row |= {
        "rules": [name for name, _ in refusals(**inp)],
        "late": inp["late"], "plain_late": top.late, "weighted": top.weighted, "best": top.best,
        "dense": top.dense, "score": top.score, "coverage": inp["coverage"],
        "sure": t.sure, "floor": t.floor,
        "gap_score": top.score - (second.score if second else 0.0),
        "gap_late": top.late - (second.late if second else 0.0),
        "scope": (r.scope.score - top.dense) if r.scope else -1.0,
        "guide": inp["in_named_guide"], "story": facts.tells_before_asking(r.query),
        "terms": len(r.query_terms), "missing_max": max(missing, default=0.0), "missing_sum": sum(missing),
        "hidden": svc.withheld(r, q.role),
        "internal_gap": internal_gap(app, r, q.role),
        "answered": svc.decide(r, q.role).answered,
        "fact_cov": fact_coverage(r, inp, weight),
        "soft_cov": soft_coverage(r, inp, weight, svc.cal.subject_match),
        "in_band": inp["in_band"],
        "label_match": bool(r.labels) and any(facts.names_label(r.labels, h.passage.text) for h in top.clauses),
        "year_match": bool(facts.financial_years(r.query) & facts.financial_years(inp["place_text"])),
        "name_match": name_match(r.query, inp["place_text"]),
        "alts": [alt(svc, r, q, i) for i in (1, 2) if i < len(r.hits)],
        "right_top": any(matches(p.passage, e) for p in top.clauses for e in q.expect),
    }
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--libraries", default=str(ROOT / "eval" / "libraries.yaml"))
    ap.add_argument("--index", default=str(ROOT / "indexes"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    settings = load_settings(ROOT / "config.yaml")
    embedder = load_embedder()
    with open(args.out, "w", encoding="utf-8") as out:
        for lib in load_libraries(Path(args.libraries)):
            app = library_app(settings, source=lib.source, index_dir=Path(args.index) / "eval" / lib.name,
                              embedder=embedder)
            for q in load_questions(lib.questions):
                out.write(json.dumps({"lib": lib.name, "set": Path(lib.questions).name, "fitted": lib.fitted}
                                     | features(app, q)) + "\n")


if __name__ == "__main__":
    main()
