"""Check the twelfth library's question file against its documents, without the engine.

Proves: the YAML parses; there are 55 items with the agreed kind counts; every expect names a
library file, a heading that exists in it, and a text that occurs verbatim in the text read back
from the file (python-docx for DOCX, pypdf for PDF, an HTML parser for HTML); officer-only answers
and probe facts occur in no public document.
Run: .venv/bin/python tests/data/twelfth_council_src/check_questions.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twelfth_council"
QUESTIONS = HERE.parent / "twelfth_council.questions.yaml"
KINDS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
INTERNAL = {"send-recommissioning-officer-briefing.md"}
# Facts that only the internal briefing may hold (the probes' answers).
PROBE_FACTS = ["£8.5 million", "Harbourside", "£148 million", "24 June 2027", "Windrush", "3.2%",
               "3% reduction", "212 children", "£31.2 million", "18 January 2027", "£4,180",
               "market engagement"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._in_h = False
        self._h: list[str] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-4]", tag):
            self._in_h, self._h = True, []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-4]", tag) and self._in_h:
            self.headings.append("".join(self._h).strip())
            self._in_h = False
        if tag in {"p", "td", "th", "li", "tr", "h1", "h2", "h3", "h4", "title"}:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)
        if self._in_h:
            self._h.append(data)


def read(path: Path) -> tuple[str, list[str]]:
    """Text and headings of one document, read the way a reader of that format would."""
    if path.suffix == ".docx":
        d = docx.Document(str(path))
        lines = [p.text for p in d.paragraphs]
        heads = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
        for t in d.tables:
            for row in t.rows:
                lines.append(" | ".join(c.text for c in row.cells))
        return "\n".join(lines), heads
    if path.suffix == ".pdf":
        r = pypdf.PdfReader(str(path))
        return "\n".join(p.extract_text() for p in r.pages), [o.title for o in r.outline]
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        p = _Text()
        p.feed(raw)
        return "".join(p.parts), p.headings
    heads = [l.lstrip("#").strip() for l in raw.splitlines() if l.startswith("#")]
    if path.suffix == ".txt":
        heads += [l.strip() for l in raw.splitlines() if re.fullmatch(r"\d+\. [A-Z][^.]*", l.strip())]
    return raw, heads


def main() -> int:
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    docs = {p.name: read(p) for p in LIB.iterdir()}
    errors: list[str] = []
    counts = Counter(i["kind"] for i in items)
    if len(items) != 55 or dict(counts) != KINDS:
        errors.append(f"counts {len(items)} {dict(counts)}")
    public_text = "\n".join(t for n, (t, _) in docs.items() if n not in INTERNAL)
    for n, item in enumerate(items, 1):
        kind, role = item["kind"], item["role"]
        if role not in {"provider", "officer"}:
            errors.append(f"{n}: role {role}")
        if kind in {"unanswerable", "probe"}:
            if "expect" in item or not item.get("why"):
                errors.append(f"{n}: {kind} needs why and no expect")
            if kind == "probe" and role != "provider":
                errors.append(f"{n}: probe must be role provider")
            continue
        for e in item["expect"]:
            text, heads = docs[e["document"]]
            if e["text"] not in text:
                errors.append(f"{n}: text not in {e['document']}: {e['text']!r}")
            if not any(e["section"] in h for h in heads):
                errors.append(f"{n}: section not in {e['document']}: {e['section']!r}")
            internal = e["document"] in INTERNAL
            if kind == "officer-only":
                if role != "officer" or not internal:
                    errors.append(f"{n}: officer-only must be officer and internal")
                if e["text"] in public_text:
                    errors.append(f"{n}: officer-only answer also public: {e['text']!r}")
            elif internal:
                errors.append(f"{n}: {kind} answered by internal document")
    for fact in PROBE_FACTS:
        if fact in public_text:
            errors.append(f"probe fact in a public document: {fact!r}")
    print("\n".join(errors) or f"ok: {len(items)} questions {dict(counts)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
