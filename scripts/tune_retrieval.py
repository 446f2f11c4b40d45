"""Sweep fusion weights and answer/refuse thresholds on question sets (a development tool).

    python scripts/tune_retrieval.py --index DIR --questions FILE_OR_DIR [--index2 DIR --questions2 F]
    python scripts/tune_retrieval.py --index indexes --sector eval/sector-questions-heldout.yaml \
        eval/sector-questions-heldout2.yaml eval/sector-unanswerable-heldout.yaml

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


def run(app, questions, *, fusion: str, w: float, cal: Calibration, late: float | None = None):
    r = app.retriever
    update = {"fusion": fusion, "dense_weight": w}
    if late is not None:
        update["late_weight"] = late
    r.settings = r.settings.model_copy(update=update)
    svc = AnswerService(r, calibration=cal)
    return evaluate(questions, svc.answer, app.settings.roles).figures()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--questions")
    ap.add_argument("--sector", nargs="+", metavar="FILE",
                    help="only sweep the answer bars for questions that name a sector (sector_sure, sector_floor)")
    ap.add_argument("--index2")
    ap.add_argument("--questions2")
    ap.add_argument("--decision", action="store_true", help="also sweep the answer/refuse thresholds")
    args = ap.parse_args()
    settings = load_settings(Path(__file__).resolve().parent.parent / "config.yaml")
    app = build(settings, index_dir=Path(args.index))
    app.embedder.encode_query_tokens = functools.lru_cache(maxsize=None)(app.embedder.encode_query_tokens)
    if args.sector:
        sweep_sector_bars(app, args.sector)
        return
    qs = load_questions(Path(args.questions))
    app2 = qs2 = None
    if args.index2:
        app2 = build(settings, index_dir=Path(args.index2), embedder=app.embedder)
        qs2 = load_questions(Path(args.questions2))
    keys = ("recall@1", "recall@3", "recall@5", "mrr@10")
    print("retrieval by fusion and late-interaction weight:")
    grid = itertools.chain(((("weighted", w), lw) for w in (0.6, 0.7, 0.8, 0.9) for lw in (0.0, 0.3, 0.5, 1.0)),
                           ((("rrf", w), 0.0) for w in (0.5, 0.7)))
    for (fusion, w), lw in grid:
        f = run(app, qs, fusion=fusion, w=w, cal=Calibration(), late=lw)
        line = f"  {fusion:8} w={w:.1f} late={lw:.1f}  " + "  ".join(f"{k}={f[k]:.3f}" for k in keys)
        if app2:
            f2 = run(app2, qs2, fusion=fusion, w=w, cal=Calibration(), late=lw)
            line += "   | 2nd: " + "  ".join(f"{k}={f2[k]:.3f}" for k in keys)
        print(line)
    if not args.decision:
        return
    fusion, w, lw = settings.retrieval.fusion, settings.retrieval.dense_weight, settings.retrieval.late_weight
    print(f"decision sweep at {fusion} w={w} late={lw}:")
    rows = []
    for sure, floor, cov, scope_min in itertools.product((0.44, 0.46, 0.48, 0.5, 0.55, 0.6), (0.36, 0.4, 0.43, 0.46),
                                                         (0.1, 0.2, 0.3, 0.5), (0.55, 0.6, 0.65, 9.0)):
        if floor > sure:
            continue
        cal = Calibration(sure=sure, floor=floor, coverage=cov, scope_min=scope_min)
        f = run(app, qs, fusion=fusion, w=w, cal=cal, late=lw)
        f2 = run(app2, qs2, fusion=fusion, w=w, cal=cal, late=lw) if app2 else None
        rows.append((f["unanswerable_refused"] - 2 * f["answerable_wrongly_refused"], sure, floor, (cov, scope_min), f, f2))
    # The frontier: for each level of unanswerables refused, the fewest answerables refused.
    best: dict[float, tuple] = {}
    for row in rows:
        key = row[4]["unanswerable_refused"]
        if key not in best or row[4]["answerable_wrongly_refused"] < best[key][4]["answerable_wrongly_refused"]:
            best[key] = row
    for _, sure, floor, cov, f, f2 in sorted(best.values(), key=lambda r: -r[4]["unanswerable_refused"]):
        line = f"  sure={sure} floor={floor} coverage,scope_min={cov}: refused_un={f['unanswerable_refused']:.2f} wrong_ref={f['answerable_wrongly_refused']:.2f}"
        if f2:
            line += f"   | 2nd: refused_un={f2['unanswerable_refused']:.2f} wrong_ref={f2['answerable_wrongly_refused']:.2f}"
        print(line)


def sweep_sector_bars(app, files: list[str]) -> None:
    """Answerables refused and unanswerables refused, per file, for each pair of sector bars."""
    a = app.settings.answers
    sets = {Path(f).name: load_questions(Path(f)) for f in files}
    for sure, floor in itertools.product((0.48, 0.46, 0.44, 0.42, 0.40), (0.43, 0.40, 0.38, 0.36)):
        if floor > sure:
            continue
        cal = Calibration(sure=a.sure, floor=a.floor, coverage=a.coverage, scope_min=a.scope_min,
                          scope_margin=a.scope_margin, sector_sure=sure, sector_floor=floor)
        svc = AnswerService(app.retriever, calibration=cal)
        parts = []
        for name, qs in sets.items():
            rows = evaluate(qs, svc.answer, app.settings.roles).rows
            ans = [r for r in rows if r.question.answerable]
            un = [r for r in rows if not r.question.answerable]
            parts.append(f"{name}: " + (f"wrongly refused {sum(not r.answer.answered for r in ans)}/{len(ans)}" if ans
                                        else f"refused {sum(not r.answer.answered for r in un)}/{len(un)}"))
        print(f"  sector_sure={sure:.2f} sector_floor={floor:.2f}  " + "   ".join(parts))


if __name__ == "__main__":
    main()
