"""Print every clause the ingester finds, as rules and checklists reference them.

    python scripts/list_clauses.py [knowledge/] [--document NAME] [--grep WORD]

Each line: document | section | clause | audience | first words. Use it to write `source:` and
`why:` references that `bot.py check` will resolve.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.library.load import load_library  # noqa: E402
from assistant.settings import load_settings  # noqa: E402


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("source", nargs="?", default=str(root / "knowledge"))
    ap.add_argument("--document")
    ap.add_argument("--grep")
    args = ap.parse_args()
    s = load_settings(root / "config.yaml")
    lib = load_library(s, Path(args.source))
    for p in lib.problems:
        print(f"warning: {p}", file=sys.stderr)
    for p in lib.passages:
        if args.document and args.document.lower() not in p.document.lower():
            continue
        if args.grep and args.grep.lower() not in p.text.lower():
            continue
        print(f"{p.document} | {p.section} | {p.clause} | {p.audience} | {p.text[:110]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
