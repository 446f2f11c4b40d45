"""Fit the answer/refuse knobs with leave-one-library-out, and print the held-out figures.

    python scripts/tune_retrieval.py [--libraries eval/libraries.yaml] [--index DIR] [--only a,b]

The knobs are the ones config.yaml `answers:` keeps beside the bars each index derives for its own
library: sure_quantile and floor_quantile (where on the library's tempting-negative scores the
bars sit) and coverage (the IDF-weighted share of the question the best place must hold at the
lower bar). For each library in turn, the knobs are chosen on the others (the setting whose worst
library is best, by balanced accuracy of the decision) and the held-out library's figures are
printed: those are what a council should expect on a library nobody fitted on. Searches are run
once per question; only the decision is replayed for each setting, so a sweep takes seconds.
Libraries marked held out in the registry (fitted: false) are never used to choose, only scored.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["HF_HUB_OFFLINE"] = "1"

from assistant.app import build, load_embedder  # noqa: E402
from assistant.search.calibrate import bars  # noqa: E402
from assistant.search.decide import Thresholds  # noqa: E402
from assistant.reports.evaluation import load_libraries, load_questions  # noqa: E402
from assistant.index.indexer import build_index, is_stale  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

GRID = {"sure_quantile": (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7), "floor_quantile": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4),
        "coverage": (0.1, 0.15, 0.2, 0.3, 0.4)}


def searched(app, questions):
    """(question, search result, withheld) triples: the part that does not depend on the knobs."""
    out = []
    for q in questions:
        r = app.retriever.search(q.q, role=q.role)
        out.append((q, r, app.answers.withheld(r, q.role)))
    return out


def figures(app, rows, setting) -> dict[str, float]:
    qs, qf, cov = setting
    a = app.settings.answers
    cal = bars(app.retriever.manifest.get("calibration") or {}, qs, qf, prior=(a.sure, a.floor), adapt=a.adapt)
    svc = app.answers
    svc.thresholds = Thresholds(cal["sure"], cal["floor"], True) if cal else svc.thresholds
    svc.cal = replace(svc.cal, coverage=cov)
    answerable = [svc.decide(r, q.role, hidden=h).answered for q, r, h in rows if q.answerable]
    refused = [not svc.decide(r, q.role, hidden=h).answered for q, r, h in rows if not q.answerable]
    wrong = 1 - sum(answerable) / len(answerable) if answerable else 0.0
    right = sum(refused) / len(refused) if refused else 1.0
    # Distance to the floors (≥ 0.8 refused, ≤ 0.08 wrongly refused), in units of each floor's slack.
    return {"unanswerable_refused": right, "wrongly_refused": wrong,
            "balanced": min((right - 0.8) / 0.2, (0.08 - wrong) / 0.08)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--libraries", default=str(ROOT / "eval" / "libraries.yaml"))
    ap.add_argument("--index", default=str(ROOT / "indexes"), help="index folder; libraries go under eval/<name>")
    ap.add_argument("--only", help="comma-separated library names")
    ap.add_argument("--dump", help="write each question's decision inputs to this JSON file (for study)")
    args = ap.parse_args()
    settings = load_settings(ROOT / "config.yaml")
    embedder = load_embedder()
    libraries = load_libraries(Path(args.libraries))
    if args.only:
        libraries = [lib for lib in libraries if lib.name in args.only.split(",")]
    apps, rows = {}, {}
    for lib in libraries:
        index_dir = Path(args.index) / "eval" / lib.name
        if is_stale(settings, source=lib.source, index_dir=index_dir):
            build_index(settings, source=lib.source, index_dir=index_dir, embedder=embedder, show_progress=False)
        apps[lib.name] = build(settings, index_dir=index_dir, embedder=embedder)
        rows[lib.name] = searched(apps[lib.name], load_questions(lib.questions))
    if args.dump:
        import json

        out = []
        for name, app in apps.items():
            svc = app.answers
            checks = svc.cal.checks
            for q, r, _ in rows[name]:
                svc.cal = replace(svc.cal, checks=checks - {"evidence"})
                gate = svc.decide(r, q.role).answered
                svc.cal = replace(svc.cal, checks=checks)
                top = r.hits[0] if r.hits else None
                out.append({"lib": name, "q": q.q, "kind": q.kind, "answerable": q.answerable, "gate": gate,
                            "late": top.late if top else 0, "weighted": top.weighted if top else 0,
                            "dense": top.dense if top else 0,
                            "coverage": svc.coverage(r, top, q.role) if top else 0,
                            "terms": list(r.query_terms), "kind_asked": r.kind,
                            "place": sorted(app.retriever.place_terms(top)) if top else [],
                            "weights": {t: app.retriever.view(q.role).weight(t) for t in r.query_terms},
                            "known": [t for t in r.query_terms if t in app.retriever.view(q.role).bm25.vocab_dict],
                            "old_sure_floor": None,
                            "calibration": {k: v for k, v in app.retriever.manifest["calibration"].items()
                                            if not k.endswith("_scores")}})
        Path(args.dump).write_text(json.dumps(out))
    settings_grid = [s for s in itertools.product(*GRID.values()) if s[1] <= s[0]]
    table = {s: {name: figures(apps[name], rows[name], s) for name in apps} for s in settings_grid}
    fittable = [lib.name for lib in libraries if lib.fitted]
    a = settings.answers
    current = (a.sure_quantile, a.floor_quantile, a.coverage)
    if current not in table:
        table[current] = {name: figures(apps[name], rows[name], current) for name in apps}

    def line(name: str, f: dict) -> str:
        return (f"{name:<16} unanswerables refused {f['unanswerable_refused']:.3f}   "
                f"answerables wrongly refused {f['wrongly_refused']:.3f}")

    print("leave-one-library-out (knobs chosen on the other fitted libraries, figures on the one left out):")
    for lib in libraries:
        others = [n for n in fittable if n != lib.name]
        if not others:
            continue
        best = max(settings_grid, key=lambda s: (min(table[s][n]["balanced"] for n in others), -abs(s[2] - 0.2)))
        print(f"  {line(lib.name, table[best][lib.name])}   (chosen: sure_q={best[0]} floor_q={best[1]} "
              f"coverage={best[2]})")
    best = max(settings_grid, key=lambda s: (min(table[s][n]["balanced"] for n in fittable), -abs(s[2] - 0.2)))
    print(f"\nbest on all fitted libraries: sure_quantile={best[0]} floor_quantile={best[1]} coverage={best[2]}")
    for name in apps:
        print("  " + line(name, table[best][name]))
    print(f"\nconfig.yaml now: sure_quantile={current[0]} floor_quantile={current[1]} coverage={current[2]}")
    for name in apps:
        print("  " + line(name, table[current][name]))


if __name__ == "__main__":
    main()
