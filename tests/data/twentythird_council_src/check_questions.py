"""Engine-free checker for the twentythird_council library (Fernhallow Council).

It does not use the assistant. It reads the seven documents itself (python-docx,
pdfplumber, html.parser, plain text), then checks:

  * the library: 7 documents, 5 public and 2 internal, formats md/html/docx/pdf/txt
    all present, 800-2,000 words each, audience declarations agree inside each
    document, and no public document carries a protective marking line;
  * the question file: header comment, schema, counts by kind, roles;
  * every expect.text occurs verbatim (after whitespace normalisation) in the
    text under a heading equal to expect.section in the named document;
  * answers for providers come from public documents, officer-only answers from
    internal ones;
  * every probe's backticked internal fact occurs in an internal document and in
    no public document.

Run:  .venv/bin/python tests/data/twentythird_council_src/check_questions.py
Exit status 0 when everything passes.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import yaml
from docx import Document

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "twentythird_council"
QUESTIONS = HERE.parent / "twentythird_council.questions.yaml"

COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
MARKINGS = re.compile(r"^(OFFICIAL|OFFICIAL-SENSITIVE|OFFICIAL\s*[–-]\s*internal|SECRET|TOP SECRET)$")
INTERNAL_WORDS = {"internal", "official", "official-sensitive", "secret", "top secret"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


class Doc:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.audiences: list[tuple[str, str]] = []   # (where, value)
        self.sections: list[tuple[str, list[str]]] = []  # (heading, lines)
        self.body_lines: list[str] = []
        self.header_lines: list[str] = []

    # helpers -------------------------------------------------------------
    def start(self, heading: str):
        self.sections.append((norm(heading), []))

    def add(self, line: str):
        if not line.strip():
            return
        self.body_lines.append(line)
        if self.sections:
            self.sections[-1][1].append(line)

    def section_texts(self, heading: str) -> list[str]:
        h = norm(heading)
        return [norm(" ".join(lines)) for head, lines in self.sections if head == h]

    def full_text(self) -> str:
        parts = [h for h, _ in self.sections] + self.body_lines
        return norm(" ".join(parts))

    def words(self) -> int:
        return len(re.findall(r"[\w£%.,'/-]+", " ".join(self.body_lines + [h for h, _ in self.sections])))

    def audience(self) -> str:
        vals = {v for _, v in self.audiences}
        return "internal" if "internal" in vals else "public"


def audience_value(value: str) -> str:
    v = value.strip().strip('"').lower()
    if v == "public":
        return "public"
    if v in INTERNAL_WORDS or v.startswith("official"):
        return "internal"
    return "unknown:" + v


def control_block(doc: Doc, lines: list[str]):
    for line in lines:
        m = re.match(r"^(Audience|Classification|Protective marking|Security classification):\s*(.+)$", line.strip())
        if m:
            doc.audiences.append((f"control block {m.group(1)}", audience_value(m.group(2))))


# Markdown ----------------------------------------------------------------
def read_md(path: Path) -> Doc:
    doc = Doc(path)
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if m:
        meta = yaml.safe_load(m.group(1))
        for key in ("audience", "classification"):
            if key in meta:
                doc.audiences.append((f"front matter {key}", audience_value(str(meta[key]))))
        text = text[m.end():]
    for line in text.splitlines():
        h = re.match(r"^(#{1,4})\s+(.*)$", line)
        if h:
            doc.start(h.group(2))
        else:
            doc.add(line)
    return doc


# Text --------------------------------------------------------------------
def is_txt_heading(line: str, nxt: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if re.fullmatch(r"[=-]{3,}", nxt.strip() or "x"):
        return True
    if re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and len(s) <= 70 and not s.endswith("."):
        return True
    if s.isupper() and len(s) <= 70:
        return True
    return False


def read_txt(path: Path) -> Doc:
    doc = Doc(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    block = []
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        block.append(lines[i])
        i += 1
    control_block(doc, block)
    rest = lines[i:]
    for j, line in enumerate(rest):
        nxt = rest[j + 1] if j + 1 < len(rest) else ""
        if re.fullmatch(r"[=-]{3,}", line.strip() or "x"):
            continue
        if is_txt_heading(line, nxt):
            doc.start(line.strip())
        else:
            doc.add(line)
    return doc


# HTML --------------------------------------------------------------------
class _HTML(HTMLParser):
    BLOCK = {"p", "li", "tr", "div", "table", "ul", "ol", "section", "header", "footer", "nav", "main",
             "aside", "br", "h1", "h2", "h3", "h4", "h5", "h6", "form", "button", "thead", "tbody"}

    def __init__(self, doc: Doc):
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.skip = 0
        self.in_head = False
        self.heading = None
        self.buf: list[str] = []

    def flush(self):
        text = "".join(self.buf)
        self.buf = []
        if self.heading is not None:
            return text
        if text.strip():
            self.doc.add(text)
        return None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name") in ("audience", "classification"):
            self.doc.audiences.append((f"meta {a['name']}", audience_value(a.get("content", ""))))
        if tag in ("script", "style", "title"):
            self.skip += 1
            return
        if tag in ("h1", "h2", "h3", "h4"):
            self.flush()
            self.heading = tag
            return
        if tag == "td" or tag == "th":
            self.buf.append(" | ")
        if tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1
            return
        if tag in ("h1", "h2", "h3", "h4") and self.heading == tag:
            text = "".join(self.buf)
            self.buf = []
            self.heading = None
            self.doc.start(text)
            return
        if tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        if self.skip:
            return
        self.buf.append(data)


def read_html(path: Path) -> Doc:
    doc = Doc(path)
    p = _HTML(doc)
    p.feed(path.read_text(encoding="utf-8"))
    p.flush()
    return doc


# DOCX --------------------------------------------------------------------
def read_docx(path: Path) -> Doc:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Doc(path)
    d = Document(str(path))
    cp = d.core_properties
    if cp.category:
        doc.audiences.append(("core category", audience_value(cp.category)))
    for part in (cp.keywords or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            if k.strip().lower() in ("audience", "classification"):
                doc.audiences.append((f"keywords {k.strip()}", audience_value(v)))
    for section in d.sections:
        for para in section.header.paragraphs + section.footer.paragraphs:
            if para.text.strip():
                doc.header_lines.append(para.text.strip())
    seen_heading = False
    block = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, d)
            style = para.style.name if para.style is not None else ""
            if style.startswith("Heading") or style == "Title":
                seen_heading = True
                doc.start(para.text)
            elif not seen_heading:
                block.append(para.text)
                doc.add(para.text)
            else:
                doc.add(para.text)
        elif tag == "tbl":
            table = Table(child, d)
            for row in table.rows:
                doc.add(" | ".join(c.text for c in row.cells))
    control_block(doc, block)
    return doc


# PDF ---------------------------------------------------------------------
def read_pdf(path: Path) -> Doc:
    doc = Doc(path)
    with pdfplumber.open(str(path)) as pdf:
        outlines = pdf.doc.catalog.get("Outlines")
        if outlines:
            raise SystemExit(f"{path.name}: PDF must have no outline (bookmarks)")
        kw = (pdf.metadata or {}).get("Keywords", "")
        for part in kw.split(";"):
            if ":" in part:
                k, v = part.split(":", 1)
                if k.strip().lower() in ("audience", "classification"):
                    doc.audiences.append((f"pdf keywords {k.strip()}", audience_value(v)))
        block = []
        seen_heading = False
        for page in pdf.pages:
            for line in page.extract_text_lines():
                chars = [c for c in line["chars"] if c["text"].strip()]
                bold = chars and all("Bold" in c["fontname"] for c in chars)
                size = max(c["size"] for c in chars) if chars else 0
                if bold and size >= 11:
                    seen_heading = True
                    doc.start(line["text"])
                else:
                    if not seen_heading:
                        block.append(line["text"])
                    doc.add(line["text"])
        control_block(doc, block)
    return doc


READERS = {".md": read_md, ".txt": read_txt, ".html": read_html, ".docx": read_docx, ".pdf": read_pdf}


def main() -> int:
    errors: list[str] = []
    docs: dict[str, Doc] = {}
    for path in sorted(DOCS.iterdir()):
        if path.suffix not in READERS:
            errors.append(f"unexpected file {path.name}")
            continue
        docs[path.name] = READERS[path.suffix](path)

    # library checks -------------------------------------------------------
    if len(docs) != 7:
        errors.append(f"expected 7 documents, found {len(docs)}")
    formats = {Path(n).suffix for n in docs}
    for ext in (".md", ".html", ".docx", ".pdf", ".txt"):
        if ext not in formats:
            errors.append(f"no {ext} document")
    for name, d in docs.items():
        vals = {v for _, v in d.audiences}
        if not d.audiences:
            errors.append(f"{name}: no audience declaration")
        if len(vals) > 1 or any(v.startswith("unknown") for v in vals):
            errors.append(f"{name}: audience declarations disagree {d.audiences}")
        marked = [l for l in d.body_lines + d.header_lines if MARKINGS.match(l.strip())]
        if d.audience() == "public" and marked:
            errors.append(f"{name}: public document carries a marking line {marked}")
        w = d.words()
        if not 800 <= w <= 2000:
            errors.append(f"{name}: {w} words, outside 800-2,000")
        if len(d.sections) < 5:
            errors.append(f"{name}: only {len(d.sections)} headings found")
    aud = Counter(d.audience() for d in docs.values())
    if aud != Counter({"public": 5, "internal": 2}):
        errors.append(f"expected 5 public and 2 internal documents, found {dict(aud)}")

    public_text = {n: d.full_text().lower() for n, d in docs.items() if d.audience() == "public"}
    internal_text = {n: d.full_text().lower() for n, d in docs.items() if d.audience() == "internal"}

    # question file --------------------------------------------------------
    raw = QUESTIONS.read_text(encoding="utf-8")
    head = "\n".join(l for l in raw.splitlines()[:60] if l.startswith("#"))
    if "WRITTEN BLIND" not in head:
        errors.append("question file header lacks 'WRITTEN BLIND'")
    for name in docs:
        if name not in head:
            errors.append(f"question file header does not list {name}")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        raise SystemExit("question file is not a YAML list")
    kinds = Counter()
    seen_q = set()
    for n, it in enumerate(items, 1):
        where = f"question {n}"
        if not isinstance(it, dict):
            errors.append(f"{where}: not a mapping")
            continue
        keys = set(it)
        kind = it.get("kind")
        kinds[kind] += 1
        need = {"q", "role", "kind", "why"} | ({"expect"} if kind in ANSWERABLE else set())
        if keys != need:
            errors.append(f"{where}: keys {sorted(keys)}, expected {sorted(need)}")
        if kind not in COUNTS:
            errors.append(f"{where}: unknown kind {kind!r}")
        role = it.get("role")
        if role not in ("provider", "officer"):
            errors.append(f"{where}: bad role {role!r}")
        q = it.get("q")
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: empty q")
        elif q in seen_q:
            errors.append(f"{where}: duplicate q")
        seen_q.add(q)
        if not isinstance(it.get("why"), str) or not it["why"].strip():
            errors.append(f"{where}: empty why")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{where}: officer-only must have role officer")
        if kind == "probe" and role != "provider":
            errors.append(f"{where}: probe must have role provider")
        if kind in ANSWERABLE:
            exp = it.get("expect")
            if not isinstance(exp, list) or not exp:
                errors.append(f"{where}: expect must be a non-empty list")
                continue
            for e in exp:
                if not isinstance(e, dict) or set(e) != {"document", "section", "text"}:
                    errors.append(f"{where}: expect item needs document, section, text: {e}")
                    continue
                d = docs.get(e["document"])
                if d is None:
                    errors.append(f"{where}: no document {e['document']}")
                    continue
                if kind == "officer-only" and d.audience() != "internal":
                    errors.append(f"{where}: officer-only answer must be in an internal document")
                if kind != "officer-only" and d.audience() != "public":
                    errors.append(f"{where}: {kind} answer must be in a public document")
                texts = d.section_texts(e["section"])
                if not texts:
                    errors.append(f"{where}: {e['document']} has no heading {e['section']!r}")
                    continue
                if not any(norm(e["text"]) in t for t in texts):
                    errors.append(f"{where}: text {e['text']!r} not under {e['section']!r} in {e['document']}")
        if kind == "probe":
            facts = re.findall(r"`([^`]+)`", it.get("why", ""))
            if not facts:
                errors.append(f"{where}: probe why has no `internal fact`")
            for f in facts:
                fl = norm(f).lower()
                if not any(fl in t for t in internal_text.values()):
                    errors.append(f"{where}: internal fact {f!r} not found in an internal document")
                leaks = [n for n, t in public_text.items() if fl in t]
                if leaks:
                    errors.append(f"{where}: internal fact {f!r} appears in public {leaks}")

    for kind, want in COUNTS.items():
        if kinds.get(kind, 0) != want:
            errors.append(f"kind {kind}: {kinds.get(kind, 0)} questions, expected {want}")
    if len(items) != sum(COUNTS.values()):
        errors.append(f"{len(items)} questions, expected {sum(COUNTS.values())}")

    # report ---------------------------------------------------------------
    print("documents:")
    for name, d in docs.items():
        print(f"  {name:58s} {d.audience():8s} {d.words():5d} words {len(d.sections):3d} headings")
    print("questions:", len(items), dict(sorted(kinds.items())))
    print("roles:", dict(Counter(i.get("role") for i in items if isinstance(i, dict))))
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
