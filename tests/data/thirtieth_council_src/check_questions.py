#!/usr/bin/env python3
"""Validate thirtieth_council.questions.yaml against the built thirtieth_council library.

Checks
- the file starts with a "# WRITTEN BLIND:" comment block and is a YAML list;
- counts per kind: direct 10, paraphrase 12, typo 5, officer-only 7, unanswerable 12, probe 9;
- every item has q, role (provider|officer), kind and why; answerable kinds have expect,
  unanswerable and probe items have none;
- every expect document exists in the library, its section is a heading of that document
  and its text occurs verbatim (whitespace-normalised) inside that section as extracted:
  Markdown/text raw, HTML via html.parser, DOCX via python-docx (table cells included),
  PDF via pypdf (headings = lines set wholly in a bold font);
- the text also lies within one block (paragraph, list item or table cell) and contains no
  Markdown table syntax;
- officer-only items are role officer and cite internal documents only; direct, paraphrase
  and typo items cite public documents only; probes are role provider;
- every probe's why has at least one `backticked` span, and every such span occurs in an
  internal document and in no public one.

Usage: .venv/bin/python tests/data/thirtieth_council_src/check_questions.py
Exit status 0 when everything passes, 1 otherwise.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIBRARY = HERE.parent / "thirtieth_council"
QUESTIONS = HERE.parent / "thirtieth_council.questions.yaml"
SOURCES = HERE / "sources"

EXPECTED_COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7,
                   "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
PUBLIC_KINDS = {"direct", "paraphrase", "typo"}
MARKINGS = re.compile(r"^(OFFICIAL|OFFICIAL-SENSITIVE|SECRET|TOP SECRET|OFFICIAL\s*[–-]\s*internal)$")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


class Doc:
    """A document as extracted: ordered sections, each a heading and a list of blocks."""

    def __init__(self, name: str):
        self.name = name
        self.sections: dict[str, list[str]] = defaultdict(list)
        self.meta: dict[str, str] = {}
        self.markings: list[str] = []
        self._current: str | None = None

    def heading(self, text: str):
        self._current = norm(text)
        self.sections.setdefault(self._current, [])

    def block(self, text: str):
        t = norm(text)
        if not t:
            return
        if MARKINGS.match(t):
            self.markings.append(t)
        if self._current is not None:
            self.sections[self._current].append(t)

    @property
    def audience(self) -> str:
        aud = self.meta.get("audience", "").lower()
        if aud == "internal" or self.meta.get("classification") or self.markings:
            return "internal"
        return "public"

    def full_text(self) -> str:
        parts = list(self.sections.keys())
        for blocks in self.sections.values():
            parts.extend(blocks)
        return norm(" ".join(parts))


# --------------------------------------------------------------------------- extractors
def front_matter(text: str):
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    meta = yaml.safe_load(m.group(1)) or {}
    return {k.lower(): str(v) for k, v in meta.items()}, text[m.end():]


def split_md_blocks(lines: list[str]) -> list[str]:
    blocks, para = [], []

    def flush():
        if para:
            blocks.append(" ".join(para))
            para.clear()

    for line in lines:
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("|"):
            flush()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                blocks.extend(cells)
        elif re.match(r"^([-*+]|\d+[.)])\s+", s) and not re.match(r"^\d+\.\d", s):
            flush()
            blocks.append(re.sub(r"^([-*+]|\d+[.)])\s+", "", s))
        else:
            para.append(s)
    flush()
    return blocks


def extract_md(path: Path) -> Doc:
    doc = Doc(path.name)
    meta, body = front_matter(path.read_text(encoding="utf-8"))
    doc.meta = meta
    buf: list[str] = []

    def flush():
        for b in split_md_blocks(buf):
            doc.block(b)
        buf.clear()

    for line in body.splitlines():
        m = re.match(r"^(#{1,4})\s+(.*?)\s*#*\s*$", line)
        if m:
            flush()
            doc.heading(m.group(2))
        else:
            if doc._current is None and MARKINGS.match(line.strip()):
                doc.markings.append(line.strip())
            buf.append(line)
    flush()
    return doc


def is_txt_heading(s: str, next_line: str) -> bool:
    if not s:
        return False
    if next_line and re.fullmatch(r"(=+|-+)", next_line.strip()) and len(next_line.strip()) >= 3:
        return True
    letters = re.sub(r"[^A-Za-z]", "", s)
    if letters and s == s.upper() and len(letters) >= 3:
        return True
    if re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and not s.endswith(".") and len(s.split()) <= 8:
        return True
    return False


def extract_txt(path: Path) -> Doc:
    doc = Doc(path.name)
    text = path.read_text(encoding="utf-8")
    meta, body = front_matter(text)
    lines = body.splitlines()
    if not meta:  # control block: Key: value lines before the first blank line
        i = 0
        while i < len(lines) and re.match(r"^[A-Za-z][A-Za-z ]+:\s", lines[i]):
            k, v = lines[i].split(":", 1)
            meta[k.strip().lower().replace(" ", "_")] = v.strip()
            i += 1
        lines = lines[i:]
    doc.meta = meta
    para: list[str] = []

    def flush():
        if para:
            doc.block(" ".join(para))
            para.clear()

    skip = False
    for idx, line in enumerate(lines):
        if skip:
            skip = False
            continue
        s = line.strip()
        nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
        if MARKINGS.match(s):
            flush()
            doc.markings.append(s)
            continue
        if is_txt_heading(s, nxt):
            flush()
            doc.heading(s)
            if nxt and re.fullmatch(r"(=+|-+)", nxt.strip()):
                skip = True
            continue
        if not s:
            flush()
        elif re.match(r"^[-*•]\s+", s) or re.match(r"^\([a-z]\)\s", s):
            flush()
            doc.block(s)
        else:
            para.append(s)
    flush()
    return doc


class _HTMLExtractor(HTMLParser):
    BLOCKS = {"p", "li", "td", "th", "dt", "dd", "div", "blockquote", "pre", "caption"}

    def __init__(self, doc: Doc):
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.in_heading = None
        self.heading_buf: list[str] = []
        self.buf: list[str] = []
        self.in_title = False
        self.skip = 0

    def _flush(self):
        if self.buf:
            self.doc.block("".join(self.buf))
            self.buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.doc.meta[a["name"].lower()] = a.get("content", "")
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in ("h1", "h2", "h3", "h4"):
            self._flush()
            self.in_heading = tag
            self.heading_buf = []
        elif tag in self.BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == self.in_heading:
            self.doc.heading("".join(self.heading_buf))
            self.in_heading = None
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.skip or self.in_title:
            return
        if self.in_heading:
            self.heading_buf.append(data)
        else:
            self.buf.append(data)

    def close(self):
        super().close()
        self._flush()


def extract_html(path: Path) -> Doc:
    doc = Doc(path.name)
    p = _HTMLExtractor(doc)
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return doc


def extract_docx(path: Path) -> Doc:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Doc(path.name)
    d = Document(str(path))
    cp = d.core_properties
    if cp.category:
        doc.meta["audience"] = cp.category
    kw = cp.keywords or ""
    for part in kw.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            doc.meta[k.strip().lower()] = v.strip()
    for section in d.sections:
        for para in list(section.header.paragraphs) + list(section.footer.paragraphs):
            if MARKINGS.match(para.text.strip()):
                doc.markings.append(para.text.strip())
    seen_heading = False
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, d)
            style = para.style.name if para.style is not None else ""
            text = para.text
            if style.startswith("Heading") or style == "Title":
                seen_heading = True
                doc.heading(text)
            elif not seen_heading:
                m = re.match(r"^([A-Za-z][A-Za-z ]+):\s*(.*)$", text.strip())
                if m:
                    doc.meta[m.group(1).lower().replace(" ", "_")] = m.group(2)
                elif MARKINGS.match(text.strip()):
                    doc.markings.append(text.strip())
            else:
                doc.block(text)
        elif tag == "tbl":
            table = Table(child, d)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    doc.block(cell.text)
    return doc


def extract_pdf(path: Path) -> Doc:
    from pypdf import PdfReader

    doc = Doc(path.name)
    reader = PdfReader(str(path))
    info = reader.metadata or {}
    for part in str(info.get("/Keywords", "") or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            doc.meta[k.strip().lower()] = v.strip()
    # lines in content-stream order, each with whether all of its text is bold
    lines: list[tuple[str, bool]] = []
    for page in reader.pages:
        pieces: list[tuple[float, str, bool]] = []

        def visit(text, cm, tm, font, size, pieces=pieces):
            if text and text.strip():
                bold = "bold" in str((font or {}).get("/BaseFont", "")).lower()
                pieces.append((round(tm[5], 1), text, bold))

        page.extract_text(visitor_text=visit)
        cur_y, cur_text, cur_bold = None, [], True
        for y, text, bold in pieces:
            if cur_y is not None and y != cur_y:
                lines.append((norm("".join(cur_text)), cur_bold))
                cur_text, cur_bold = [], True
            cur_y = y
            cur_text.append(text)
            cur_bold = cur_bold and bold
        if cur_text:
            lines.append((norm("".join(cur_text)), cur_bold))
    seen_heading = False
    body: list[str] = []

    def flush():
        if body:
            doc.block(" ".join(body))
            body.clear()

    for text, bold in lines:
        if not text:
            continue
        if bold and len(text.split()) <= 12:
            flush()
            seen_heading = True
            doc.heading(text)
        elif not seen_heading:
            m = re.match(r"^([A-Za-z][A-Za-z ]+):\s*(.*)$", text)
            if m:
                doc.meta[m.group(1).lower().replace(" ", "_")] = m.group(2)
        else:
            if MARKINGS.match(text):
                doc.markings.append(text)
            body.append(text)
    flush()
    return doc


EXTRACTORS = {".md": extract_md, ".txt": extract_txt, ".html": extract_html, ".htm": extract_html,
              ".docx": extract_docx, ".pdf": extract_pdf}


def load_library() -> dict[str, Doc]:
    docs = {}
    for path in sorted(LIBRARY.iterdir()):
        fn = EXTRACTORS.get(path.suffix.lower())
        if fn and path.is_file():
            docs[path.name] = fn(path)
    return docs


def pdf_source_blocks(pdf_name: str) -> list[str] | None:
    """Blocks of the Markdown source of a generated PDF (PDF text has no block boundaries)."""
    for src in SOURCES.glob("*.md"):
        meta, body = front_matter(src.read_text(encoding="utf-8"))
        if meta.get("file") == pdf_name:
            lines = [ln for ln in body.splitlines() if not re.match(r"^#{1,4}\s", ln)]
            return [norm(b) for b in split_md_blocks(lines)]
    return None


# --------------------------------------------------------------------------- checks
def main() -> int:
    errors: list[str] = []
    raw = QUESTIONS.read_text(encoding="utf-8")
    if not raw.startswith("# WRITTEN BLIND:"):
        errors.append("questions file must start with '# WRITTEN BLIND:'")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        print("FAIL: questions file is not a YAML list")
        return 1

    docs = load_library()
    public = {n: d for n, d in docs.items() if d.audience == "public"}
    internal = {n: d for n, d in docs.items() if d.audience == "internal"}
    public_text = {n: d.full_text().lower() for n, d in public.items()}
    internal_text = {n: d.full_text().lower() for n, d in internal.items()}

    counts = Counter()
    seen_q = set()
    for i, it in enumerate(items, 1):
        where = f"item {i} ({str(it.get('q', ''))[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not it.get(key):
                errors.append(f"{where}: missing {key}")
        kind, role = it.get("kind"), it.get("role")
        counts[kind] += 1
        if kind not in EXPECTED_COUNTS:
            errors.append(f"{where}: unknown kind {kind!r}")
        if role not in ("provider", "officer"):
            errors.append(f"{where}: role must be provider or officer, not {role!r}")
        q = norm(str(it.get("q", ""))).lower()
        if q in seen_q:
            errors.append(f"{where}: duplicate question")
        seen_q.add(q)
        expect = it.get("expect")
        if kind in ANSWERABLE:
            if not expect or not isinstance(expect, list):
                errors.append(f"{where}: answerable item needs a non-empty expect list")
                expect = []
        elif expect:
            errors.append(f"{where}: {kind} item must not have expect")
            expect = []
        if kind == "officer-only" and role != "officer":
            errors.append(f"{where}: officer-only item must have role officer")
        if kind == "probe" and role != "provider":
            errors.append(f"{where}: probe must have role provider")

        for e in expect or []:
            dname, section, text = e.get("document"), e.get("section"), e.get("text")
            if not (dname and section and text):
                errors.append(f"{where}: expect entry needs document, section and text")
                continue
            doc = docs.get(dname)
            if doc is None:
                errors.append(f"{where}: document {dname!r} not in library")
                continue
            if kind == "officer-only" and doc.audience != "internal":
                errors.append(f"{where}: officer-only item cites public document {dname}")
            if kind in PUBLIC_KINDS and doc.audience != "public":
                errors.append(f"{where}: {kind} item cites internal document {dname}")
            sec = norm(str(section))
            if sec not in doc.sections:
                errors.append(f"{where}: section {section!r} is not a heading of {dname}")
                continue
            span = norm(str(text))
            if re.search(r"\s\|\s|^\||\|$", span):
                errors.append(f"{where}: span looks like Markdown table syntax: {span!r}")
            blocks = doc.sections[sec]
            if span not in " ".join(blocks):
                errors.append(f"{where}: text {span!r} not found in {dname} › {section}")
                continue
            if dname.endswith(".pdf"):
                src_blocks = pdf_source_blocks(dname)
                if src_blocks is not None and not any(span in b for b in src_blocks):
                    errors.append(f"{where}: text {span!r} spans more than one block of {dname}")
            elif not any(span in b for b in blocks):
                errors.append(f"{where}: text {span!r} spans more than one block of {dname}")

        if kind == "probe":
            spans = re.findall(r"`([^`]+)`", str(it.get("why", "")))
            if not spans:
                errors.append(f"{where}: probe why needs a `backticked` internal fact")
            for s in spans:
                s_n = norm(s).lower()
                if not any(s_n in t for t in internal_text.values()):
                    errors.append(f"{where}: backticked {s!r} not found in any internal document")
                hits = [n for n, t in public_text.items() if s_n in t]
                if hits:
                    errors.append(f"{where}: backticked {s!r} also occurs in public {hits}")

    for kind, n in EXPECTED_COUNTS.items():
        if counts[kind] != n:
            errors.append(f"count of {kind}: {counts[kind]}, expected {n}")

    print(f"library: {len(docs)} documents "
          f"({len(public)} public: {', '.join(sorted(public))}; "
          f"{len(internal)} internal: {', '.join(sorted(internal))})")
    for name, d in sorted(docs.items()):
        print(f"  {name}: {len(d.sections)} sections, audience {d.audience}")
    print("counts: " + ", ".join(f"{k} {counts[k]}" for k in EXPECTED_COUNTS) + f", total {len(items)}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
