"""Re-index cost on a 5,000-passage library: full build, one document edited, one deleted.

    python bench/reindex.py [--passages 5000] [--repeats 3] [--keep DIR]

The library is generated: copies of knowledge/ (every format: Markdown, text and HTML copies are
edited as text; DOCX and PDF copies are regenerated from their sources in knowledge/src/ with
scripts/build_documents.py), each copy with its own wording: its own council name, synonyms swapped
at random, periods changed. The count of distinct texts is printed; a full build encodes every
passage whatever its text, so duplicates make it no cheaper.

Prints medians (warm model, in one process, as `bot.py index --watch` runs):
  * bare encoding: passages per second of `Embedder.encode_passages_tokens` on every text the
    index embeds, and the full build (`incremental=False`) beside it (target ≥ 0.8×);
  * edit: one clause reworded in one document, incremental re-index (target < 2 s);
  * delete: one document removed, incremental re-index (target < 1 s).
Each timed re-index is checked: exactly the edited passage is encoded, the others are reused.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ["HF_HUB_OFFLINE"] = "1"

SYNONYMS = {"council": "authority", "must": "shall", "providers": "suppliers", "provider": "supplier",
            "contract": "agreement", "contracts": "agreements", "officer": "commissioner", "officers": "commissioners",
            "service": "provision", "services": "provisions", "review": "assessment", "within": "inside",
            "before": "ahead of", "every": "each", "decision": "determination", "value": "worth",
            "approve": "sign off", "approves": "signs off", "report": "account", "written": "recorded",
            "people": "residents", "quality": "standard", "plan": "programme", "needs": "requirements"}
WORD = re.compile(r"\b(" + "|".join(sorted(SYNONYMS, key=len, reverse=True)) + r")\b")
NUMBER = re.compile(r"(?<![\d.,£])(\d{1,2})(?= (?:days|weeks|months|working days|years))")


COUNCILS = ["Ashgrove", "Bramblefield", "Cindermoor", "Dunhallow", "Eastmere", "Fernholt", "Greywick",
            "Hollowmere", "Ironbridge", "Juniper Vale", "Kestrelford", "Larkspur", "Millbrook", "Northwold"]


def perturb(text: str, rng: random.Random, council: str = "") -> str:
    """The same document in another council's words: synonyms at random, some periods changed.
    Front matter, control blocks and markup are left alone (only whole words are swapped)."""
    if council:
        text = text.replace("Brackenfield", council)
    text = WORD.sub(lambda m: SYNONYMS[m.group(1)] if rng.random() < 0.35 else m.group(1), text)
    return NUMBER.sub(lambda m: str(int(m.group(1)) + rng.randint(0, 3)), text)


def generate(out: Path, passages: int, settings) -> int:
    """Copies of knowledge/ under `out` until the library holds at least `passages` passages."""
    import build_documents as bd

    from assistant.library.load import load_library

    per_copy = len(load_library(settings).passages)
    copies = -(-passages // per_copy)
    sources = {p.stem: p for p in (ROOT / "knowledge" / "src").glob("*.md")}
    for k in range(copies):
        rng = random.Random(k)
        council = COUNCILS[k % len(COUNCILS)] + (f" {k // len(COUNCILS) + 1}" if k >= len(COUNCILS) else "")
        folder = out / f"copy-{k:02d}"
        folder.mkdir(parents=True)
        for doc in sorted((ROOT / "knowledge").iterdir()):
            if doc.suffix in (".md", ".txt", ".html"):
                (folder / doc.name).write_text(perturb(doc.read_text(encoding="utf-8"), rng, council), encoding="utf-8")
            elif doc.suffix in (".docx", ".pdf") and doc.stem in sources:
                meta, body = bd.split_front_matter(sources[doc.stem].read_text(encoding="utf-8"), sources[doc.stem])
                kind = meta.pop("output")
                meta.pop("output_name", None)
                blocks = bd.parse_blocks(perturb(body, rng, council))
                (bd.write_docx if kind == "docx" else bd.write_pdf)(meta, blocks, folder / doc.name)
    return copies


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=5, help="timed edits and deletions (the median is shown)")
    ap.add_argument("--full-repeats", type=int, default=1,
                    help="timed bare encodings and full builds (each takes minutes at 5,000 passages)")
    ap.add_argument("--skip-full", action="store_true", help="reuse the index kept in --keep instead of timing a full build")
    ap.add_argument("--keep", help="generate the library here and keep it (default: a temporary folder)")
    args = ap.parse_args()

    from assistant.app import load_embedder
    from assistant.index.indexer import build_index, embed_text
    from assistant.library.load import load_library
    from assistant.settings import load_settings

    settings = load_settings(ROOT / "config.yaml")
    embedder = load_embedder()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-reindex-"))
    try:
        lib, idx = tmp / "library", tmp / "indexes"
        t = time.perf_counter()
        if args.skip_full and (idx / "current").exists():
            copies = len(list(lib.iterdir()))
        else:
            shutil.rmtree(lib, ignore_errors=True)
            shutil.rmtree(idx, ignore_errors=True)
            copies = generate(lib, args.passages, settings)
        texts = [embed_text(p) for p in load_library(settings, lib).passages]
        print(f"library: {copies} copies of knowledge/, {len(texts)} passages, {len(set(texts))} distinct texts "
              f"(generated in {time.perf_counter() - t:.0f} s)", flush=True)

        def build(incremental: bool):
            t = time.perf_counter()
            report = build_index(settings, source=lib, index_dir=idx, embedder=embedder, show_progress=False,
                                 incremental=incremental)
            return time.perf_counter() - t, report

        embedder.encode_passages_tokens(texts[:64])  # warm up
        encode, full = [], []
        if args.skip_full:
            build(True)
        for _ in range(0 if args.skip_full else args.full_repeats):
            t = time.perf_counter()
            embedder.encode_passages_tokens(texts)
            encode.append(time.perf_counter() - t)
            seconds, report = build(False)
            full.append(seconds)
            assert report.encoded == len(texts)
            print(f"  bare encoding {encode[-1]:.1f} s, full build {full[-1]:.1f} s", flush=True)
        if full:
            enc_rate, build_rate = len(texts) / statistics.median(encode), len(texts) / statistics.median(full)
            print(f"bare encoding: {enc_rate:.0f} passages/s; full build: {build_rate:.0f} passages/s "
                  f"= {build_rate / enc_rate:.2f}× bare encoding (target ≥ 0.8)", flush=True)

        target = lib / "copy-00" / "local-commissioning-policy.md"
        victims = [f for f in sorted(lib.rglob("provider-faq.txt"))] + \
            [f for f in sorted(lib.rglob("*.html"))]
        edits = []
        for i in range(args.repeats):
            text = target.read_text(encoding="utf-8")
            # A period in one clause changes, as in a real amendment (worded so no other copy has it).
            new = re.sub(r"(\d+) working days", lambda m: f"{int(m.group(1)) + 1} working days (amendment {i + 1})",
                         text, count=1)
            assert new != text
            target.write_text(new, encoding="utf-8")
            seconds, report = build(True)
            assert report.encoded == 1 and len(report.changes) == 1, (report.encoded, report.changes)
            edits.append(seconds)
        print(f"one document edited (1 clause): {statistics.median(edits):.2f} s median of "
              f"{', '.join(f'{s:.2f}' for s in edits)} (target < 2 s)", flush=True)

        deletes = []
        for victim in victims[:args.repeats]:
            victim.unlink()
            seconds, report = build(True)
            assert report.encoded == 0 and report.changes and all(c.kind == "removed" for c in report.changes)
            deletes.append(seconds)
        print(f"one document deleted: {statistics.median(deletes):.2f} s median of "
              f"{', '.join(f'{s:.2f}' for s in deletes)} (target < 1 s)", flush=True)
        print(f"cores: {os.cpu_count()}, load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
