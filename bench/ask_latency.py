"""How much `ask` costs beyond encoding the question, and how much a build costs beyond encoding.

    python bench/ask_latency.py [--repeats 7] [--questions eval/dev]

Prints medians over repeated runs (warm model, warm index):
  * ask: marginal time per question of the full answer path (spelling, FAISS, BM25, fusion,
    places, answer/refuse, quotes) beside bare query encoding with the same model; the ratio is
    the figure (target ≤ 1.5).
  * build: passages per second of `bot.py index` on the shipped library beside bare encoding of
    the very texts the index embeds (target ≥ 0.8).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["HF_HUB_OFFLINE"] = "1"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--questions", default=str(ROOT / "eval" / "dev"))
    args = ap.parse_args()

    from assistant.app import build, load_embedder
    from assistant.library.load import load_library
    from assistant.reports.evaluation import load_questions
    from assistant.index.indexer import build_index, embed_text
    from assistant.settings import load_settings

    settings = load_settings(ROOT / "config.yaml")
    embedder = load_embedder()
    questions = [q for q in load_questions(Path(args.questions))]
    texts = [q.q for q in questions]

    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "idx"
        # -- build versus bare encoding ---------------------------------------------------------
        lib = load_library(settings)
        passage_texts = [embed_text(p) for p in lib.passages]
        embedder.encode_passages(passage_texts[:64])  # warm up
        build_times, encode_times = [], []
        for _ in range(max(3, args.repeats // 2)):
            t = time.perf_counter()
            embedder.encode_passages(passage_texts)
            encode_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            build_index(settings, source=ROOT / "knowledge", index_dir=index, embedder=embedder, show_progress=False,
                        incremental=False)
            build_times.append(time.perf_counter() - t)
        n = len(passage_texts)
        enc_rate = n / statistics.median(encode_times)
        build_rate = n / statistics.median(build_times)

        # -- ask versus bare query encoding ------------------------------------------------------
        app = build(settings, index_dir=index, embedder=embedder)
        for q in texts[:10]:  # warm up both paths
            app.answers.answer(q, role="officer")
            embedder.encode_query(q)
        ask_runs, enc_runs = [], []
        for _ in range(args.repeats):
            t = time.perf_counter()
            for q in texts:
                embedder.encode_query(q)
            enc_runs.append((time.perf_counter() - t) / len(texts))
            t = time.perf_counter()
            for q in texts:
                app.answers.answer(q, role="officer")
            ask_runs.append((time.perf_counter() - t) / len(texts))
        ask_ms = statistics.median(ask_runs) * 1000
        enc_ms = statistics.median(enc_runs) * 1000

    print(f"questions: {len(texts)}, passages: {n}, repeats: {args.repeats}, torch threads: {__import__('torch').get_num_threads()}")
    print(f"ask (warm, per question, median):         {ask_ms:7.2f} ms")
    print(f"bare query encoding (per question, median): {enc_ms:7.2f} ms")
    print(f"ask / encoding ratio:                      {ask_ms / enc_ms:7.2f}  (target <= 1.5)")
    print(f"index build (median):                      {n / build_rate:7.2f} s = {build_rate:6.1f} passages/s")
    print(f"bare passage encoding (median):            {n / enc_rate:7.2f} s = {enc_rate:6.1f} passages/s")
    print(f"build / encoding throughput:               {build_rate / enc_rate:7.2f}  (target >= 0.8)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
