"""Prove, without the engine, that the thirteenth library's question file is sound.

Run from the repository root:  .venv/bin/python tests/data/thirteenth_council_src/check_questions.py

Checks:
  * the YAML parses, is a list of items with the right keys, roles and kinds, and the counts per kind hold;
  * every expect names a document that exists, a section heading that exists in that document as
    read back (python-docx for DOCX, pypdf for PDF, html.parser for HTML, the text itself for
    Markdown and plain text), and a text that occurs verbatim inside that section (whitespace
    collapsed, since PDF extraction breaks lines where the layout wrapped them);
  * each document's audience, read from its own declarations, and that those declarations agree;
  * answerable provider items are answered by public documents only, officer-only items only by
    an internal document;
  * officer-only snippets and the probe facts quoted in `why` after `internal clause:` occur in the
    internal paper and in no public document;
  * no public document carries a line that is a protective marking (which would make it internal).
Exit status 0 when everything holds; every failure is printed.
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

HERE = Path(__file__).resolve().parent
LIBRARY = HERE.parent / "thirteenth_council"
QUESTIONS = HERE.parent / "thirteenth_council.questions.yaml"

COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ROLES = {"officer", "provider"}
MARKINGS = {"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"}
INTERNAL_QUOTE = re.compile(r'internal clause: "([^"]+)"')


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


# ---------------------------------------------------------------- readers
# Each reader returns (audience declarations, [(heading, body text)], full text).

def read_markdown(path: Path):
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    meta = yaml.safe_load(match.group(1)) if match else {}
    body = text[match.end():] if match else text
    sections, heading, lines = [], None, []
    for line in body.splitlines():
        found = re.match(r"^#{1,4}\s+(.*)$", line)
        if found:
            sections.append((heading, "\n".join(lines)))
            heading, lines = found.group(1).strip(), []
        else:
            lines.append(line)
    sections.append((heading, "\n".join(lines)))
    declared = {"front matter audience": str(meta.get("audience", "")).lower()}
    if meta.get("classification"):
        declared["front matter classification"] = "internal"
    return declared, sections, body


TEXT_HEADING = re.compile(r"^\d+(\.\d+)*\.?\s+\S.{0,80}$")


def read_text(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    declared, start = {}, 0
    for i, line in enumerate(lines):
        found = re.match(r"^(Title|Owner|Version|Review date|Audience|Classification):\s*(.*)$", line)
        if not found:
            start = i
            break
        if found.group(1) == "Audience":
            declared["control block audience"] = found.group(2).strip().lower()
        if found.group(1) == "Classification":
            declared["control block classification"] = "internal"
    sections, heading, body = [], None, []
    for line in lines[start:]:
        stripped = line.strip()
        if TEXT_HEADING.match(stripped) and not stripped.endswith("."):
            sections.append((heading, "\n".join(body)))
            heading, body = stripped, []
        else:
            body.append(line)
    sections.append((heading, "\n".join(body)))
    return declared, sections, "\n".join(lines[start:])


class _HtmlSections(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "aside"}

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.sections: list[tuple[str | None, list[str]]] = [(None, [])]
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"].lower()] = attrs.get("content", "")
        if tag in self.SKIP:
            self._skip += 1
        if tag in {"h1", "h2", "h3", "h4"} and not self._skip:
            self._heading = []
        if tag in {"p", "td", "th", "li", "tr"} and not self._skip:
            self.sections[-1][1].append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in {"h1", "h2", "h3", "h4"} and self._heading is not None:
            self.sections.append(("".join(self._heading).strip(), []))
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.sections[-1][1].append(data)


def read_html(path: Path):
    parser = _HtmlSections()
    parser.feed(path.read_text(encoding="utf-8"))
    declared = {"meta audience": parser.meta.get("audience", "").lower()}
    if parser.meta.get("classification"):
        declared["meta classification"] = "internal"
    sections = [(h, "".join(parts)) for h, parts in parser.sections]
    return declared, sections, "\n".join(b for _, b in sections)


def read_docx(path: Path):
    doc = Document(str(path))
    declared = {}
    core = doc.core_properties
    if core.category:
        declared["core category"] = core.category.lower()
    for part in (core.keywords or "").split(";"):
        key, _, value = part.partition(":")
        if key.strip().lower() == "audience":
            declared["core keywords audience"] = value.strip().lower()
        if key.strip().lower() == "classification":
            declared["core keywords classification"] = "internal"
    for section in doc.sections:
        for para in list(section.header.paragraphs) + list(section.footer.paragraphs):
            if para.text.strip() in MARKINGS:
                declared["page header/footer marking"] = "internal"
    sections, heading, body, in_control = [], None, [], True
    for block in doc.iter_inner_content():
        if hasattr(block, "style") and block.style is not None and block.style.name.startswith("Heading") \
                and hasattr(block, "text") and not hasattr(block, "rows"):
            in_control = False
            sections.append((heading, "\n".join(body)))
            heading, body = block.text.strip(), []
            continue
        if hasattr(block, "rows"):
            for row in block.rows:
                body.append(" | ".join(cell.text for cell in row.cells))
            continue
        text = block.text
        if in_control:
            found = re.match(r"^(Audience|Classification):\s*(.*)$", text)
            if found and found.group(1) == "Audience":
                declared["control block audience"] = found.group(2).strip().lower()
            elif found:
                declared["control block classification"] = "internal"
        body.append(text)
    sections.append((heading, "\n".join(body)))
    return declared, sections, "\n".join(b for _, b in sections)


def read_pdf(path: Path):
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    declared = {}
    keywords = (reader.metadata or {}).get("/Keywords", "") or ""
    for part in keywords.split(";"):
        key, _, value = part.partition(":")
        if key.strip().lower() == "audience":
            declared["keywords audience"] = value.strip().lower()
    found = re.search(r"^Audience:\s*(.*)$", text, re.M)
    if found:
        declared["control block audience"] = found.group(1).strip().lower()
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    flat = norm(text)
    sections, cursor, marks = [], 0, []
    for title in titles:
        at = flat.find(norm(title), cursor)
        if at < 0:
            sections.append((title, ""))  # reported later as a missing heading in the text
            continue
        marks.append((title, at))
        cursor = at + len(norm(title))
    for i, (title, at) in enumerate(marks):
        end = marks[i + 1][1] if i + 1 < len(marks) else len(flat)
        sections.append((title, flat[at + len(norm(title)):end]))
    return declared, sections, text


READERS = {".md": read_markdown, ".txt": read_text, ".html": read_html, ".docx": read_docx, ".pdf": read_pdf}


def audience_of(name: str, declared: dict[str, str], problems: list[str]) -> str:
    values = {("internal" if v not in {"public", ""} else v) for v in declared.values()} - {""}
    if len(values) > 1:
        problems.append(f"{name}: audience declarations disagree: {declared}")
    return "internal" if "internal" in values else "public"


def main() -> int:
    problems: list[str] = []
    docs = {}
    for path in sorted(LIBRARY.iterdir()):
        reader = READERS.get(path.suffix)
        if reader is None:
            problems.append(f"{path.name}: no reader for this format")
            continue
        declared, sections, full = reader(path)
        docs[path.name] = {
            "audience": audience_of(path.name, declared, problems),
            "declared": declared,
            "sections": {h: norm(b) for h, b in sections if h is not None},
            "full": norm(full),
            "raw": full,
        }
    public = {n: d for n, d in docs.items() if d["audience"] == "public"}
    internal = {n: d for n, d in docs.items() if d["audience"] == "internal"}
    if not 1 <= len(internal) <= 2:
        problems.append(f"expected one or two internal documents, found {sorted(internal)}")
    for name, doc in public.items():
        for line in doc["raw"].splitlines():
            if line.strip() in MARKINGS:
                problems.append(f"{name}: public document has a protective marking line {line.strip()!r}")

    try:
        items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        print(f"FAIL {QUESTIONS.name}: YAML does not parse: {exc}")
        return 1
    if not isinstance(items, list):
        print(f"FAIL {QUESTIONS.name}: top level is not a list")
        return 1
    counts = Counter(item.get("kind") for item in items)
    if dict(counts) != COUNTS:
        problems.append(f"kind counts {dict(counts)} != {COUNTS}")
    if len(items) != sum(COUNTS.values()):
        problems.append(f"{len(items)} items, expected {sum(COUNTS.values())}")
    seen = set()
    expects_checked = internal_quotes = 0
    for number, item in enumerate(items, 1):
        where = f"item {number} ({item.get('kind')}): {str(item.get('q'))[:50]!r}"
        extra = set(item) - {"q", "role", "kind", "expect", "why"}
        if extra or not item.get("q") or not item.get("why"):
            problems.append(f"{where}: keys wrong or empty (extra {sorted(extra)})")
        if item.get("q") in seen:
            problems.append(f"{where}: duplicate question")
        seen.add(item.get("q"))
        if item.get("role") not in ROLES:
            problems.append(f"{where}: role {item.get('role')!r}")
        kind, expect = item.get("kind"), item.get("expect") or []
        if kind in {"unanswerable", "probe"}:
            if expect:
                problems.append(f"{where}: must have no expect")
            if kind == "probe" and item.get("role") != "provider":
                problems.append(f"{where}: probes are asked by providers")
        elif not expect:
            problems.append(f"{where}: answerable item without expect")
        if kind == "officer-only" and item.get("role") != "officer":
            problems.append(f"{where}: officer-only items are asked by officers")
        for entry in expect:
            expects_checked += 1
            doc = docs.get(entry.get("document"))
            if doc is None:
                problems.append(f"{where}: document {entry.get('document')!r} does not exist")
                continue
            body = doc["sections"].get(entry.get("section"))
            if body is None:
                problems.append(f"{where}: section {entry.get('section')!r} not a heading of {entry['document']}")
                continue
            if norm(entry.get("text", "")) not in body:
                problems.append(f"{where}: text {entry.get('text')!r} not in {entry['document']} › {entry['section']}")
            if kind == "officer-only":
                if doc["audience"] != "internal":
                    problems.append(f"{where}: officer-only answered by public {entry['document']}")
                for name, other in public.items():
                    if norm(entry["text"]) in other["full"]:
                        problems.append(f"{where}: officer-only text {entry['text']!r} also in public {name}")
            elif doc["audience"] != "public" and item.get("role") == "provider":
                problems.append(f"{where}: provider answer cites internal {entry['document']}")
            elif doc["audience"] != "public":
                problems.append(f"{where}: {kind} answered by internal {entry['document']} (use officer-only)")
        if kind in {"officer-only", "probe"}:
            quotes = INTERNAL_QUOTE.findall(item.get("why", ""))
            if not quotes:
                problems.append(f"{where}: why does not quote the internal clause")
            for quote in quotes:
                internal_quotes += 1
                if not any(norm(quote) in d["full"] for d in internal.values()):
                    problems.append(f"{where}: quoted fact {quote!r} is in no internal document")
                for name, other in public.items():
                    if norm(quote) in other["full"]:
                        problems.append(f"{where}: quoted fact {quote!r} also in public {name}")

    for name, doc in docs.items():
        print(f"  {name}: {doc['audience']} ({', '.join(f'{k}={v}' for k, v in doc['declared'].items())}); "
              f"{len(doc['sections'])} sections")
    print(f"  {len(items)} items {dict(counts)}; {expects_checked} expect entries and "
          f"{internal_quotes} internal facts checked")
    if problems:
        for problem in problems:
            print("FAIL", problem)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
