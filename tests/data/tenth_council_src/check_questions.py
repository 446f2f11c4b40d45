"""Check tenth_council.questions.yaml against the library's own text.

Checks: the YAML parses; 55 items with the agreed kind counts; answerable
items have expect entries, others a why; every expect document exists, its
section is a substring of one of that document's headings, and its text
occurs verbatim in the document (HTML/Markdown: the file's text; DOCX and
PDF: the generator's strings and the text read back from the binary).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml
from docx import Document
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_documents as bd  # noqa: E402

DATA = Path(__file__).resolve().parent.parent
LIB = DATA / "tenth_council"
WANT = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}


class _Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.heads, self._h = [], [], None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-4]", tag):
            self._h = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-4]", tag) and self._h is not None:
            self.heads.append(" ".join("".join(self._h).split()))
            self._h = None

    def handle_data(self, data):
        self.text.append(data)
        if self._h is not None:
            self._h.append(data)


def norm(s: str) -> str:
    return " ".join(s.split())


def load(name: str) -> tuple[list[str], str]:
    path = LIB / name
    if name.endswith(".html"):
        p = _Html()
        p.feed(path.read_text(encoding="utf-8"))
        return p.heads, norm(" ".join(p.text))
    if name.endswith(".md"):
        raw = path.read_text(encoding="utf-8")
        heads = [l.lstrip("#").strip() for l in raw.splitlines() if l.startswith("#")]
        return heads, norm(raw)
    strings = bd.all_strings()[name]
    if name.endswith(".docx"):
        doc = Document(path)
        heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        body = [p.text for p in doc.paragraphs]
        for t in doc.tables:
            for r in t.rows:
                body.extend(c.text for c in r.cells)
        back = norm("\n".join(body))
    else:
        reader = PdfReader(path)
        heads = []

        def walk(items):
            for it in items:
                walk(it) if isinstance(it, list) else heads.append(it.title)

        walk(reader.outline)
        back = norm(" ".join(pg.extract_text() for pg in reader.pages))
    return heads, norm(strings) + " || " + back


def main() -> int:
    items = yaml.safe_load((DATA / "tenth_council.questions.yaml").read_text(encoding="utf-8"))
    errors = []
    kinds = Counter(i["kind"] for i in items)
    if len(items) != 55 or dict(kinds) != WANT:
        errors.append(f"counts: {len(items)} {dict(kinds)}")
    cache = {}
    for n, it in enumerate(items, 1):
        if it["role"] not in ("provider", "officer"):
            errors.append(f"{n}: role {it['role']}")
        if it["kind"] in ("officer-only",) and it["role"] != "officer":
            errors.append(f"{n}: officer-only must be officer")
        if it["kind"] == "probe" and it["role"] != "provider":
            errors.append(f"{n}: probe must be provider")
        if it["kind"] in ANSWERABLE:
            if not it.get("expect"):
                errors.append(f"{n}: no expect")
                continue
            for e in it["expect"]:
                doc = e["document"]
                if doc not in cache:
                    cache[doc] = load(doc)
                heads, text = cache[doc]
                if not any(e["section"] in h for h in heads):
                    errors.append(f"{n}: section {e['section']!r} not a heading of {doc}")
                if it["role"] == "provider" and doc.endswith(".md"):
                    errors.append(f"{n}: provider answered from the internal briefing")
                parts = text.split(" || ")
                if not all(norm(e["text"]) in p for p in parts):
                    errors.append(f"{n}: text {e['text']!r} not verbatim in {doc}")
        else:
            if it.get("expect") or not it.get("why"):
                errors.append(f"{n}: {it['kind']} must have why and no expect")
    print("\n".join(errors) or f"ok: {len(items)} questions {dict(kinds)}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
