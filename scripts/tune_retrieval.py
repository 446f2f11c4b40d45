"""Sweep fusion weights and answer/refuse thresholds on question sets (a development tool).

    python scripts/tune_retrieval.py --index DIR --questions FILE_OR_DIR [--index2 DIR --questions2 F]

Scores for every (question, passage) are computed once, then each setting is simulated, so a
sweep of hundreds of settings takes seconds. The second set is only reported, never optimised.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["HF_HUB_OFFLINE"] = "1"

import numpy as np  # noqa: E402

from assistant.app import build  # noqa: E402
from assistant.services.answers import Calibration, coverage  # noqa: E402
from assistant.services.evaluation import load_questions, matches  # noqa: E402
from assistant.services.fusion import Fusion, fuse  # noqa: E402
from assistant.services.retrieval import Hit, SearchResult, diversify  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.textnorm import clean, terms  # noqa: E402


def features(app, questions):
    r = app.retriever
    out = []
    for q in questions:
        view = r.view(q.role)
        text = clean(q.q)
        corrected = r.spellers[q.role].correct(text)
        qv = r.embedder.encode_query(corrected)
        dense = np.asarray(r.vectors[view.rows]) @ qv
        ids = view.bm25.get_tokens_ids(terms(corrected))
        lex = view.bm25.get_scores_from_ids(ids) if ids else np.zeros(len(view.rows))
        qt = terms(corrected)
        unknown = sum(1 for t in dict.fromkeys(qt) if t not in view.bm25.vocab_dict)
        scale = float(view.term_max[list(dict.fromkeys(ids))].sum()) + unknown * view.typical_term
        out.append((q, view.rows, dense, lex, tuple(qt), scale))
    return out


def simulate(app, feats, *, w, mode, cal, cand=50):
    stats = dict(n_ans=0, r1=0, r3=0, r5=0, mrr=0.0, n_un=0, refused_un=0, wrong_ref=0)
    for q, rows, dense, lex, qterms, scale in feats:
        dtop = np.argsort(-dense)[:cand]
        ltop = [j for j in np.argsort(-lex)[:cand] if lex[j] > 0]
        d = {int(j): float(dense[j]) for j in set(dtop) | set(ltop)}
        l = {int(j): float(lex[j]) for j in ltop}
        fused = fuse(d, l, mode=Fusion(mode), dense_weight=w, lexical_scale=scale)
        hits = [Hit(app.retriever.passages[int(rows[j])], s, d[j], l.get(j, 0.0), int(rows[j])) for j, s in fused]
        hits = diversify(hits, k=10)
        res = SearchResult(q.q, q.q, hits, qterms)
        ok, _ = decide(app, res, cal)
        if q.answerable:
            stats["n_ans"] += 1
            rank = next((i for i, h in enumerate(hits, 1) if any(matches(h.passage, e) for e in q.expect)), None)
            if rank:
                stats["r1"] += rank <= 1
                stats["r3"] += rank <= 3
                stats["r5"] += rank <= 5
                stats["mrr"] += 1 / rank
            stats["wrong_ref"] += not ok
        else:
            stats["n_un"] += 1
            stats["refused_un"] += not ok
    n, u = max(stats["n_ans"], 1), max(stats["n_un"], 1)
    return {"R@1": stats["r1"] / n, "R@3": stats["r3"] / n, "R@5": stats["r5"] / n, "MRR": stats["mrr"] / n,
            "refused_un": stats["refused_un"] / u, "wrong_ref": stats["wrong_ref"] / n}


def decide(app, res, cal):
    from assistant.services.answers import AnswerService

    svc = AnswerService(app.retriever, calibration=cal)
    return svc.decide(res)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--index2")
    ap.add_argument("--questions2")
    args = ap.parse_args()
    settings = load_settings(Path(__file__).resolve().parent.parent / "config.yaml")
    app = build(settings, index_dir=Path(args.index))
    feats = features(app, load_questions(Path(args.questions)))
    app2 = feats2 = None
    if args.index2:
        app2 = build(settings, index_dir=Path(args.index2), embedder=app.embedder)
        feats2 = features(app2, load_questions(Path(args.questions2)))
    print("retrieval by fusion:")
    for mode, w in itertools.chain((("weighted", w) for w in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)), (("rrf", w) for w in (0.5, 0.6, 0.7))):
        s = simulate(app, feats, w=w, mode=mode, cal=Calibration())
        line = f"  {mode:8} w={w:.1f}  " + "  ".join(f"{k}={v:.3f}" for k, v in s.items() if k.startswith(("R", "M")))
        if feats2:
            s2 = simulate(app2, feats2, w=w, mode=mode, cal=Calibration())
            line += "   | 2nd: " + "  ".join(f"{k}={v:.3f}" for k, v in s2.items() if k.startswith(("R", "M")))
        print(line)
    mode, w = settings.retrieval.fusion, settings.retrieval.dense_weight
    print(f"decision sweep at {mode} w={w}:")
    rows = []
    for sure, floor, cov in itertools.product((0.5, 0.55, 0.6, 0.65, 0.7), (0.25, 0.3, 0.35, 0.4, 0.45), (0.3, 0.4, 0.5, 0.6, 0.7)):
        if floor >= sure:
            continue
        cal = Calibration(sure=sure, floor=floor, coverage=cov)
        s = simulate(app, feats, w=w, mode=mode, cal=cal)
        s2 = simulate(app2, feats2, w=w, mode=mode, cal=cal) if feats2 else None
        rows.append((s["refused_un"] - 2 * s["wrong_ref"], sure, floor, cov, s, s2))
    rows.sort(key=lambda r: -r[0])
    for score, sure, floor, cov, s, s2 in rows[:15]:
        line = f"  sure={sure} floor={floor} cov={cov}: refused_un={s['refused_un']:.2f} wrong_ref={s['wrong_ref']:.2f}"
        if s2:
            line += f"   | 2nd: refused_un={s2['refused_un']:.2f} wrong_ref={s2['wrong_ref']:.2f}"
        print(line)


if __name__ == "__main__":
    main()
