"""Validate thirtysecond_council.questions.yaml against the built Greyholt library.

Checks:
- the YAML is a list of items with q, role, kind, why (and expect for answerable kinds);
- exact kind counts (direct 10, paraphrase 12, typo 5, officer-only 7, unanswerable 12, probe 9);
- roles: probe -> provider, officer-only -> officer;
- answerable kinds have expect; unanswerable and probe have none;
- every expect names a document in the library, a section whose heading text is exactly
  `section`, and a `text` span that occurs verbatim (after whitespace normalisation) inside ONE
  paragraph, list item or table cell of that section, with no '|' in it;
- direct/paraphrase/typo cite only public documents; officer-only cite only internal ones;
- the header comment starts with the WRITTEN BLIND statement.

Document text is read from the built files themselves: DOCX with python-docx, PDF with pypdf
(headings are the bold runs; paragraph/cell boundaries come from the PDF's Markdown source,
and the span must also occur in the section text pypdf extracts), HTML with html.parser,
TXT and Markdown with small parsers that follow docs/knowledge-format.md.

Run with /work/main/.venv/bin/python check_questions.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "thirtysecond_council"
QFILE = HERE.parent / "thirtysecond_council.questions.yaml"
SOURCES = HERE / "sources"

KIND_COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7,
               "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
PUBLIC_KINDS = {"direct", "paraphrase", "typo"}
HEADER = ("# WRITTEN BLIND: these questions were written without reading, running or searching "
          "the assistant's code, data or other test libraries; the only project file consulted "
          "was docs/knowledge-format.md.")
MARKINGS = {"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"}


def norm(s: str) -> str:
    s = s.replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip()


class Doc:
    def __init__(self, name: str):
        self.name = name
        self.audience = "public"
        self.sections: dict[str, list[str]] = {}   # heading -> blocks
        self.section_text: dict[str, str] = {}     # heading -> full extracted text (PDF)
        self.all_text = ""

    def add(self, heading, block):
        block = norm(block)
        if block:
            self.sections.setdefault(heading, []).append(block)

    def heading(self, heading):
        self.sections.setdefault(heading, [])


def audience_from(meta: dict) -> str:
    aud = str(meta.get("audience", "public")).strip().lower()
    cls = str(meta.get("classification", "")).strip().upper()
    if cls:
        return "internal"
    return aud


# ---------------------------------------------------------------- Markdown
def parse_md_blocks(body: str):
    """yield ('h', text) or ('b', text) from Markdown."""
    para = []
    for line in body.splitlines() + [""]:
        s = line.strip()
        if not s:
            if para:
                yield ("b", " ".join(para))
                para = []
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", s)
        if m:
            if para:
                yield ("b", " ".join(para)); para = []
            yield ("h", m.group(2).strip())
            continue
        if s.startswith("|"):
            if para:
                yield ("b", " ".join(para)); para = []
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            for c in cells:
                yield ("b", c)
            continue
        if re.match(r"^(- |\* |\d+\. )", s):
            if para:
                yield ("b", " ".join(para)); para = []
            yield ("b", re.sub(r"^(- |\* |\d+\. )", "", s))
            continue
        para.append(s)


def split_front_matter(text: str):
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, text[m.end():]


def load_md(path: Path) -> Doc:
    doc = Doc(path.name)
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    doc.audience = audience_from(meta)
    heading = ""
    for kind, text in parse_md_blocks(body):
        if kind == "h":
            heading = norm(text); doc.heading(heading)
        else:
            if norm(text) in MARKINGS:
                doc.audience = "internal"
            doc.add(heading, text)
    return doc


# ---------------------------------------------------------------- TXT
NUM_HEAD = re.compile(r"^\d+(\.\d+)*\.?\s+\S.*$")


def is_txt_heading(line: str, next_line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if next_line and re.fullmatch(r"(=|-){3,}", next_line.strip()):
        return True
    if NUM_HEAD.match(s) and len(s) <= 70 and not s.endswith((".", ":", ";")):
        return True
    letters = re.sub(r"[^A-Za-z]", "", s)
    if letters and s.upper() == s and len(letters) >= 4 and s not in MARKINGS:
        return True
    return False


def load_txt(path: Path) -> Doc:
    doc = Doc(path.name)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    meta = {}
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        i = end + 1
    else:
        while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
            k, v = lines[i].split(":", 1)
            meta[k.strip().lower().replace(" ", "_")] = v.strip()
            i += 1
    doc.audience = audience_from(meta)
    heading = ""
    para: list[str] = []

    def flush():
        if para:
            doc.add(heading, " ".join(para)); para.clear()

    lines = lines[i:]
    for j, line in enumerate(lines):
        s = line.strip()
        nxt = lines[j + 1] if j + 1 < len(lines) else ""
        if s in MARKINGS:
            doc.audience = "internal"
        if not s:
            flush(); continue
        if re.fullmatch(r"(=|-){3,}", s):
            continue
        if is_txt_heading(line, nxt):
            flush(); heading = norm(s); doc.heading(heading); continue
        if s.startswith(("- ", "* ")):
            flush(); doc.add(heading, s[2:]); continue
        para.append(s)
    flush()
    return doc


# ---------------------------------------------------------------- HTML
class _HTML(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "head", "form", "button"}
    BLOCK = {"p", "li", "td", "th", "dd", "dt", "summary", "caption"}
    HEAD = {"h1", "h2", "h3", "h4"}

    def __init__(self, doc: Doc):
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.skip = 0
        self.heading = ""
        self.stack: list[list] = []   # [tag, buffer]
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta[a["name"].lower()] = a.get("content", "")
        if tag in self.SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag in self.BLOCK or tag in self.HEAD:
            self.stack.append([tag, []])

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if (tag in self.BLOCK or tag in self.HEAD) and self.stack:
            # close the innermost matching element
            for k in range(len(self.stack) - 1, -1, -1):
                if self.stack[k][0] == tag:
                    t, buf = self.stack.pop(k)
                    text = norm("".join(buf))
                    if t in self.HEAD:
                        self.heading = text
                        self.doc.heading(text)
                    elif text:
                        self.doc.add(self.heading, text)
                    break

    def handle_data(self, data):
        if self.skip or not self.stack:
            return
        self.stack[-1][1].append(data)


def load_html(path: Path) -> Doc:
    doc = Doc(path.name)
    p = _HTML(doc)
    p.feed(path.read_text(encoding="utf-8"))
    doc.audience = audience_from(p.meta)
    return doc


# ---------------------------------------------------------------- DOCX
def load_docx(path: Path) -> Doc:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = Document(str(path))
    doc = Doc(path.name)
    meta = {}
    cp = d.core_properties
    if cp.category:
        meta["audience"] = cp.category
    if cp.keywords and "classification" in cp.keywords.lower():
        meta["classification"] = cp.keywords
    heading = ""
    seen_heading = False
    for el in d.element.body.iterchildren():
        tag = el.tag.split("}")[-1]
        if tag == "p":
            para = Paragraph(el, d)
            text = para.text
            style = para.style.name if para.style is not None else ""
            if not seen_heading and re.match(r"^[A-Z][A-Za-z ]+:\s", text):
                k, v = text.split(":", 1)
                meta[k.strip().lower().replace(" ", "_")] = v.strip()
            if norm(text) in MARKINGS:
                meta["classification"] = norm(text)
            if style.startswith("Heading") or style == "Title":
                heading = norm(text); seen_heading = True; doc.heading(heading)
            else:
                doc.add(heading, text)
        elif tag == "tbl":
            t = Table(el, d)
            for row in t.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    doc.add(heading, cell.text)
    for sec in d.sections:
        for part in (sec.header, sec.footer):
            for para in part.paragraphs:
                t = norm(para.text)
                if t and any(t == m or t.startswith(m + " ") for m in MARKINGS):
                    meta["classification"] = t
    doc.audience = audience_from(meta)
    return doc


# ---------------------------------------------------------------- PDF
def pdf_sources() -> dict[str, Path]:
    out = {}
    for src in SOURCES.glob("*.md"):
        meta, _ = split_front_matter(src.read_text(encoding="utf-8"))
        if meta.get("output") == "pdf":
            out[meta["filename"]] = src
    return out


def load_pdf(path: Path) -> Doc:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    doc = Doc(path.name)
    frags: list[tuple[str, bool]] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if not text:
            return
        bold = False
        if font_dict is not None:
            bold = "Bold" in str(font_dict.get("/BaseFont", ""))
        frags.append((text, bold))

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
        frags.append(("\n", False))

    # group: consecutive bold fragments form a heading
    heading = ""
    buf: list[str] = []
    hbuf: list[str] = []
    order: list[tuple[str, str]] = []

    def flush_body():
        if buf:
            order.append(("b", "".join(buf))); buf.clear()

    for text, bold in frags:
        if bold:
            if not hbuf:
                flush_body()
            hbuf.append(text)
        else:
            if hbuf and text.strip():
                order.append(("h", "".join(hbuf))); hbuf.clear()
            if hbuf:
                hbuf.append(text)
            else:
                buf.append(text)
    if hbuf:
        order.append(("h", "".join(hbuf)))
    flush_body()
    for kind, text in order:
        if kind == "h":
            heading = norm(text)
            doc.heading(heading)
        else:
            doc.section_text[heading] = doc.section_text.get(heading, "") + " " + norm(text)
    # metadata: control block wins over /Keywords
    meta = {}
    info = reader.metadata or {}
    kw = str(info.get("/Keywords", ""))
    for part in kw.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            meta[k.strip().lower()] = v.strip()
    first = reader.pages[0].extract_text() or ""
    for line in first.splitlines():
        m = re.match(r"^(Audience|Classification):\s*(.+)$", line.strip())
        if m:
            meta[m.group(1).lower()] = m.group(2).strip()
    doc.audience = audience_from(meta)
    # paragraph / cell boundaries from the Markdown source
    src = pdf_sources().get(path.name)
    if src is None:
        raise SystemExit(f"{path.name}: no Markdown source found in {SOURCES}")
    _, body = split_front_matter(src.read_text(encoding="utf-8"))
    h = ""
    for kind, text in parse_md_blocks(body):
        if kind == "h":
            h = norm(text)
        else:
            doc.add(h, text)
    missing = [hh for hh in doc.sections if hh and hh not in doc.section_text]
    if missing:
        raise SystemExit(f"{path.name}: headings in source not found as bold text in PDF: {missing}")
    return doc


LOADERS = {".md": load_md, ".txt": load_txt, ".html": load_html, ".htm": load_html,
           ".docx": load_docx, ".pdf": load_pdf}


def load_library() -> dict[str, Doc]:
    docs = {}
    for p in sorted(LIB.iterdir()):
        loader = LOADERS.get(p.suffix.lower())
        if loader is None:
            raise SystemExit(f"unexpected file in library: {p.name}")
        docs[p.name] = loader(p)
    return docs


def main() -> int:
    errors: list[str] = []
    raw = QFILE.read_text(encoding="utf-8")
    if not raw.startswith(HEADER):
        errors.append("questions file does not start with the WRITTEN BLIND header comment")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        print("questions file is not a YAML list"); return 1
    docs = load_library()

    counts = Counter()
    seen_q = set()
    for n, it in enumerate(items, 1):
        where = f"item {n} ({str(it.get('q', ''))[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not it.get(key):
                errors.append(f"{where}: missing {key}")
        kind, role = it.get("kind"), it.get("role")
        counts[kind] += 1
        if kind not in KIND_COUNTS:
            errors.append(f"{where}: unknown kind {kind!r}")
        if role not in ("provider", "officer"):
            errors.append(f"{where}: bad role {role!r}")
        if kind == "probe" and role != "provider":
            errors.append(f"{where}: probe must have role provider")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{where}: officer-only must have role officer")
        qn = norm(str(it.get("q", ""))).lower()
        if qn in seen_q:
            errors.append(f"{where}: duplicate question")
        seen_q.add(qn)
        expect = it.get("expect")
        if kind in ANSWERABLE:
            if not expect or not isinstance(expect, list):
                errors.append(f"{where}: answerable kind needs a non-empty expect list"); continue
            for e in expect:
                dname, sec, text = e.get("document"), e.get("section"), e.get("text")
                if not (dname and sec and text):
                    errors.append(f"{where}: expect entry needs document, section, text"); continue
                if "|" in text:
                    errors.append(f"{where}: expect text contains '|'")
                doc = docs.get(dname)
                if doc is None:
                    errors.append(f"{where}: no document {dname!r}"); continue
                if kind in PUBLIC_KINDS and doc.audience != "public":
                    errors.append(f"{where}: {kind} cites non-public document {dname}")
                if kind == "officer-only" and doc.audience != "internal":
                    errors.append(f"{where}: officer-only cites non-internal document {dname}")
                if sec not in doc.sections:
                    errors.append(f"{where}: {dname} has no section {sec!r}"); continue
                span = norm(text)
                if len(span) > 160:
                    errors.append(f"{where}: expect text is not short ({len(span)} chars)")
                hits = [b for b in doc.sections[sec] if span in b]
                if not hits:
                    errors.append(f"{where}: {span!r} not inside one block of {dname} › {sec}")
                if doc.section_text and span not in doc.section_text.get(sec, ""):
                    errors.append(f"{where}: {span!r} not in pypdf text of {dname} › {sec}")
        elif expect:
            errors.append(f"{where}: {kind} must not have expect")

    for k, want in KIND_COUNTS.items():
        if counts[k] != want:
            errors.append(f"kind {k}: {counts[k]} items, expected {want}")
    if len(items) != sum(KIND_COUNTS.values()):
        errors.append(f"{len(items)} items, expected {sum(KIND_COUNTS.values())}")

    internal = sorted(n for n, d in docs.items() if d.audience == "internal")
    print(f"library: {len(docs)} documents; internal: {', '.join(internal)}")
    print("kinds:", dict(counts))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print(" -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
