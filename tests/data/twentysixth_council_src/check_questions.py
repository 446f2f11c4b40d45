"""Check tests/data/twentysixth_council.questions.yaml against the generated library.

Checks:
  * 55 questions, with the required count of each kind;
  * every item has q, role, kind, why; roles and kinds are from the allowed sets;
  * answerable kinds (direct, paraphrase, typo, officer-only) have expect entries,
    the others (unanswerable, probe) have none;
  * officer-only questions are asked by an officer and cite an internal document;
    provider questions cite public documents only; probes are asked by a provider;
  * every expect document exists, its section is a heading of that document, and the
    expect text occurs verbatim (whitespace normalised) in that section's text;
  * every probe's `why` holds at least one `backticked` span that occurs verbatim in an
    internal document and in no public document.

Text extraction: Markdown/text read raw; HTML tags stripped with html.parser; DOCX with
python-docx (paragraphs and tables, in body order); PDF with pypdf.

Run with:  /work/main/.venv/bin/python tests/data/twentysixth_council_src/check_questions.py
"""

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml
from docx import Document
from docx.table import Table
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twentysixth_council"
QUESTIONS = HERE.parent / "twentysixth_council.questions.yaml"

COUNTS = {
    "direct": 10,
    "paraphrase": 12,
    "typo": 5,
    "officer-only": 7,
    "unanswerable": 12,
    "probe": 9,
}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
ROLES = {"provider", "officer"}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


class Doc:
    """A document as an audience plus an ordered list of (heading, text) sections."""

    def __init__(self, name):
        self.name = name
        self.audience = None
        self.sections = []  # list of [heading or None, text]

    def start(self, heading):
        self.sections.append([norm(heading), ""])

    def add(self, text):
        if not self.sections:
            self.sections.append([None, ""])
        self.sections[-1][1] += "\n" + text

    @property
    def full_text(self):
        return norm("\n".join((h or "") + "\n" + t for h, t in self.sections))

    def headings(self):
        return [h for h, _ in self.sections if h is not None]

    def section_text(self, heading):
        for h, t in self.sections:
            if h == heading:
                return norm(t)
        return None


def control_block_audience(lines):
    for line in lines:
        m = re.match(r"\s*(Audience|Classification)\s*:\s*(.+)$", line, re.I)
        if m and m.group(1).lower() == "audience":
            return m.group(2).strip().lower()
    return None


# --- Markdown ---------------------------------------------------------------
def read_md(path):
    d = Doc(path.name)
    raw = path.read_text(encoding="utf-8")
    body = raw
    if raw.startswith("---"):
        _, fm, body = raw.split("---", 2)
        meta = yaml.safe_load(fm) or {}
        d.audience = str(meta.get("audience", "")).lower() or None
    for line in body.splitlines():
        m = re.match(r"^(#{1,4})\s+(.*?)\s*#*\s*$", line)
        if m:
            d.start(m.group(2))
        else:
            d.add(line)
    return d


# --- Plain text -------------------------------------------------------------
TXT_HEADING = re.compile(r"^\d+(\.\d+)*\.?\s+\S.*$")


def is_txt_heading(line, next_line):
    s = line.strip()
    if not s:
        return False
    if next_line is not None and re.fullmatch(r"(=+|-+)", next_line.strip() or "x"):
        return True
    if TXT_HEADING.match(s) and len(s) <= 70 and not s.endswith((".", ":", ";", ",")):
        return True
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(s) <= 70 and ":" not in s:
        return True
    return False


def read_txt(path):
    d = Doc(path.name)
    lines = path.read_text(encoding="utf-8").splitlines()
    d.audience = control_block_audience(lines[:10])
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if re.fullmatch(r"(=+|-+)", line.strip() or "x"):
            continue
        if is_txt_heading(line, nxt):
            d.start(line)
        else:
            d.add(line)
    return d


# --- HTML -------------------------------------------------------------------
class _HTMLSections(HTMLParser):
    BLOCK = {"p", "li", "tr", "td", "th", "div", "section", "details", "summary", "br",
             "ul", "ol", "table", "main", "nav", "footer", "header", "h1", "h2", "h3", "h4"}
    SKIP = {"script", "style", "title", "head"}

    def __init__(self, doc):
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.in_heading = None
        self.heading_buf = ""
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name", "").lower() == "audience":
            self.doc.audience = (a.get("content") or "").lower()
        if tag in self.SKIP:
            self.skip += 1
            return
        if tag in ("h1", "h2", "h3", "h4"):
            self.in_heading = tag
            self.heading_buf = ""
        elif tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == self.in_heading:
            self.doc.start(self.heading_buf)
            self.in_heading = None
        elif tag in self.BLOCK:
            self._emit("\n")

    def handle_data(self, data):
        if self.skip:
            return
        self._emit(data)

    def _emit(self, text):
        if self.in_heading:
            self.heading_buf += text
        elif self.doc.sections or text.strip():
            self.doc.add(text)


def read_html(path):
    d = Doc(path.name)
    p = _HTMLSections(d)
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return d


# --- DOCX -------------------------------------------------------------------
def read_docx(path):
    d = Doc(path.name)
    document = Document(str(path))
    first_lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for c in row.cells:
                    if c.text not in cells:
                        cells.append(c.text)
                d.add(" | ".join(cells))
            continue
        style = block.style.name if block.style is not None else ""
        if style.startswith("Heading") or style == "Title":
            d.start(block.text)
        else:
            if not d.headings():
                first_lines.append(block.text)
            d.add(block.text)
    d.audience = control_block_audience(first_lines) or (document.core_properties.category or "").lower() or None
    return d


# --- PDF --------------------------------------------------------------------
PDF_HEADING = re.compile(r"^\d+\.\s+[A-Z][^.]{0,60}$")


def read_pdf(path):
    d = Doc(path.name)
    reader = PdfReader(str(path))
    lines = []
    for page in reader.pages:
        lines.extend((page.extract_text() or "").splitlines())
    d.audience = control_block_audience(lines[:10])
    if d.audience is None and reader.metadata and reader.metadata.get("/Keywords"):
        m = re.search(r"audience:\s*(\w+)", reader.metadata["/Keywords"])
        d.audience = m.group(1).lower() if m else None
    for line in lines:
        if PDF_HEADING.match(line.strip()):
            d.start(line)
        else:
            d.add(line)
    return d


READERS = {".md": read_md, ".txt": read_txt, ".html": read_html, ".htm": read_html,
           ".docx": read_docx, ".pdf": read_pdf}


def load_library():
    docs = {}
    for path in sorted(LIB.iterdir()):
        reader = READERS.get(path.suffix.lower())
        if reader:
            docs[path.name] = reader(path)
    return docs


def main():
    errors = []
    docs = load_library()
    if not docs:
        print(f"no documents in {LIB}; run build.py first")
        return 1
    for name, d in docs.items():
        if d.audience not in ("public", "internal"):
            errors.append(f"{name}: audience not found or not public/internal ({d.audience!r})")

    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        print("questions file is not a YAML list")
        return 1

    counts = Counter(i.get("kind") for i in items)
    if len(items) != sum(COUNTS.values()):
        errors.append(f"expected {sum(COUNTS.values())} questions, found {len(items)}")
    for kind, n in COUNTS.items():
        if counts.get(kind, 0) != n:
            errors.append(f"kind {kind}: expected {n}, found {counts.get(kind, 0)}")
    for kind in counts:
        if kind not in COUNTS:
            errors.append(f"unknown kind {kind!r}")

    public_texts = [d.full_text for d in docs.values() if d.audience == "public"]
    internal_texts = [d.full_text for d in docs.values() if d.audience == "internal"]
    seen_q = set()
    expect_checked = 0

    for n, item in enumerate(items, 1):
        where = f"#{n} ({item.get('q', '')[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not item.get(key):
                errors.append(f"{where}: missing {key}")
        q = norm(str(item.get("q", ""))).lower()
        if q in seen_q:
            errors.append(f"{where}: duplicate question")
        seen_q.add(q)
        role, kind = item.get("role"), item.get("kind")
        if role not in ROLES:
            errors.append(f"{where}: bad role {role!r}")
        expect = item.get("expect")

        if kind in ANSWERABLE:
            if not expect:
                errors.append(f"{where}: answerable kind {kind} without expect")
                continue
            audiences = set()
            for e in expect:
                doc = docs.get(e.get("document"))
                if doc is None:
                    errors.append(f"{where}: document {e.get('document')!r} not in library")
                    continue
                audiences.add(doc.audience)
                section = norm(str(e.get("section", "")))
                text = norm(str(e.get("text", "")))
                body = doc.section_text(section)
                if body is None:
                    errors.append(f"{where}: section {section!r} is not a heading of {doc.name} "
                                  f"(headings: {doc.headings()})")
                    continue
                if not text or text not in body:
                    if text and text in doc.full_text:
                        errors.append(f"{where}: text {text!r} is in {doc.name} but not under {section!r}")
                    else:
                        errors.append(f"{where}: text {text!r} not found in {doc.name}")
                    continue
                expect_checked += 1
            if kind == "officer-only":
                if role != "officer":
                    errors.append(f"{where}: officer-only question must have role officer")
                if "internal" not in audiences:
                    errors.append(f"{where}: officer-only answer must sit in an internal document")
            elif role == "provider" and "internal" in audiences:
                errors.append(f"{where}: provider question cites an internal document")
        else:
            if expect:
                errors.append(f"{where}: {kind} question must not have expect")
            if kind == "probe":
                if role != "provider":
                    errors.append(f"{where}: probe must have role provider")
                spans = re.findall(r"`([^`]+)`", str(item.get("why", "")))
                if not spans:
                    errors.append(f"{where}: probe why has no `backticked` internal fact")
                for s in spans:
                    s = norm(s)
                    if not any(s in t for t in internal_texts):
                        errors.append(f"{where}: probe fact `{s}` not found in an internal document")
                    if any(s in t for t in public_texts):
                        errors.append(f"{where}: probe fact `{s}` also appears in a public document")

    total_sections = sum(len(d.headings()) for d in docs.values())
    print(f"library: {len(docs)} documents, {total_sections} sections")
    for name, d in docs.items():
        print(f"  {name:55s} {d.audience:8s} {len(d.headings()):2d} sections")
    print(f"questions: {len(items)}  " + ", ".join(f"{k} {counts.get(k, 0)}" for k in COUNTS))
    print(f"roles: {dict(Counter(i.get('role') for i in items))}")
    print(f"expect spans verified: {expect_checked}")
    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
