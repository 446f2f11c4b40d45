"""Sweep fusion weights and answer/refuse thresholds on question sets (a development tool).

    python scripts/tune_retrieval.py --index DIR --questions FILE_OR_DIR [--index2 DIR --questions2 F]

It drives the real Retriever and AnswerService with each setting; query vectors are cached, so a
sweep of many settings takes seconds. The second set is reported beside, never optimised.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["HF_HUB_OFFLINE"] = "1"

from assistant.app import build  # noqa: E402
from assistant.services.answers import AnswerService, Calibration  # noqa: E402
from assistant.services.evaluation import evaluate, load_questions  # noqa: E402
from assistant.settings import load_settings  # noqa: E402


def run(app, questions, *, fusion: str, w: float, cal: Calibration):
    r = app.retriever
    r.settings = r.settings.model_copy(update={"fusion": fusion, "dense_weight": w})
    svc = AnswerService(r, calibration=cal)
    return evaluate(questions, svc.answer, app.settings.roles).figures()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--index2")
    ap.add_argument("--questions2")
    ap.add_argument("--decision", action="store_true", help="also sweep the answer/refuse thresholds")
    args = ap.parse_args()
    settings = load_settings(Path(__file__).resolve().parent.parent / "config.yaml")
    app = build(settings, index_dir=Path(args.index))
    app.embedder.encode_query = functools.lru_cache(maxsize=None)(app.embedder.encode_query)
    qs = load_questions(Path(args.questions))
    app2 = qs2 = None
    if args.index2:
        app2 = build(settings, index_dir=Path(args.index2), embedder=app.embedder)
        qs2 = load_questions(Path(args.questions2))
    keys = ("recall@1", "recall@3", "recall@5", "mrr@10")
    print("retrieval by fusion:")
    for fusion, w in itertools.chain((("weighted", w) for w in (0.5, 0.6, 0.7, 0.8, 0.9)), (("rrf", w) for w in (0.5, 0.7))):
        f = run(app, qs, fusion=fusion, w=w, cal=Calibration())
        line = f"  {fusion:8} w={w:.1f}  " + "  ".join(f"{k}={f[k]:.3f}" for k in keys)
        if app2:
            f2 = run(app2, qs2, fusion=fusion, w=w, cal=Calibration())
            line += "   | 2nd: " + "  ".join(f"{k}={f2[k]:.3f}" for k in keys)
        print(line)
    if not args.decision:
        return
    fusion, w = settings.retrieval.fusion, settings.retrieval.dense_weight
    print(f"decision sweep at {fusion} w={w}:")
    rows = []
    for sure, floor, fused, cov in itertools.product((0.55, 0.6, 0.65, 0.7), (0.3, 0.35, 0.4, 0.45), (0.35, 0.4, 0.45, 0.5),
                                                     (0.5, 0.6, 0.75, 1.1)):
        if floor >= sure:
            continue
        cal = Calibration(sure=sure, floor=floor, fused=fused, coverage=cov)
        f = run(app, qs, fusion=fusion, w=w, cal=cal)
        f2 = run(app2, qs2, fusion=fusion, w=w, cal=cal) if app2 else None
        rows.append((f["unanswerable_refused"] - 2 * f["answerable_wrongly_refused"], sure, floor, (fused, cov), f, f2))
    # The frontier: for each level of unanswerables refused, the fewest answerables refused.
    best: dict[float, tuple] = {}
    for row in rows:
        key = row[4]["unanswerable_refused"]
        if key not in best or row[4]["answerable_wrongly_refused"] < best[key][4]["answerable_wrongly_refused"]:
            best[key] = row
    for _, sure, floor, cov, f, f2 in sorted(best.values(), key=lambda r: -r[4]["unanswerable_refused"]):
        line = f"  sure={sure} floor={floor} fused,cov={cov}: refused_un={f['unanswerable_refused']:.2f} wrong_ref={f['answerable_wrongly_refused']:.2f}"
        if f2:
            line += f"   | 2nd: refused_un={f2['unanswerable_refused']:.2f} wrong_ref={f2['answerable_wrongly_refused']:.2f}"
        print(line)


if __name__ == "__main__":
    main()
