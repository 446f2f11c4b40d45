#!/usr/bin/env python3
"""Validate thirtyfirst_council.questions.yaml against the built thirtyfirst_council library.

Checks:
  * the header comment starts with the WRITTEN BLIND sentence;
  * exact counts per kind (direct 10, paraphrase 12, typo 5, officer-only 7, unanswerable 12,
    probe 9) and the role each kind must have;
  * every answerable item has an expect list; unanswerable and probe items have none;
  * every expect names a document of the library and a section heading that exists in it, and its
    `text` occurs verbatim (after whitespace normalisation) inside ONE unit of that section:
    a paragraph, a list item or a single table cell; the text never contains '|';
  * direct/paraphrase/typo expects cite public documents only, officer-only expects internal ones;
  * the `backticked` facts in probe and officer-only `why` fields occur in an internal document and
    in no public document.

Section structure is read independently of the assistant, from each format:
  .md  '#'..'####' headings (front matter skipped); units = paragraphs, list items, table cells
  .txt numbered ALL-CAPS heading lines ("4. THRESHOLDS AND PROCEDURES") or bare ALL-CAPS lines;
       units = blank-line separated paragraphs
  .html h1-h4; units = p, li, td, th, caption
  .docx Heading 1-4 and Title paragraphs; units = paragraphs and table cells (body order)
  .pdf  headings and units from the Markdown source in sources/; the text must also occur in the
       pypdf-extracted text between that heading and the next one.

Run:  /work/main/.venv/bin/python check_questions.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "thirtyfirst_council"
QFILE = HERE.parent / "thirtyfirst_council.questions.yaml"
BLIND = ("# WRITTEN BLIND: these questions were written without reading, running or searching the "
         "assistant's code, data or other test libraries; the only project file consulted was "
         "docs/knowledge-format.md.")
COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}


def norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(s.split())


# ------------------------------------------------------------------ per-format readers
# Each returns (audience, sections) where sections is a list of (heading, [units]).

def front_matter(text: str):
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, text[m.end():]


MARKINGS = re.compile(r"^\s*(OFFICIAL|OFFICIAL-SENSITIVE|SECRET|TOP SECRET)\b")


def audience_of(meta: dict, body_lines) -> str:
    aud = str(meta.get("audience", "public")).lower()
    if meta.get("classification") or any(MARKINGS.match(l) for l in body_lines):
        aud = "internal"
    return aud


def read_md(path: Path):
    meta, body = front_matter(path.read_text(encoding="utf-8"))
    sections = [("", [])]
    para: list[str] = []

    def flush():
        if para:
            sections[-1][1].append(" ".join(para))
            para.clear()

    for line in body.splitlines():
        s = line.strip()
        m = re.match(r"^(#{1,4})\s+(.*)$", s)
        if not s:
            flush()
        elif m:
            flush()
            sections.append((m.group(2).strip(), []))
        elif s.startswith("|"):
            flush()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                sections[-1][1].extend(cells)
        elif s.startswith("- "):
            flush()
            sections[-1][1].append(s[2:])
        else:
            para.append(s)
    flush()
    return audience_of(meta, body.splitlines()), sections


def read_txt(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    meta = {}
    i = 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        k, v = lines[i].split(":", 1)
        meta[k.strip().lower()] = v.strip()
        i += 1
    sections = [("", [])]
    para: list[str] = []

    def flush():
        if para:
            sections[-1][1].append(" ".join(para))
            para.clear()

    for line in lines[i:]:
        s = line.strip()
        heading = (re.fullmatch(r"\d+(\.\d+)*\.?\s+[A-Z0-9][A-Z0-9 ,'&/()\-–]+", s)
                   or (s and s.upper() == s and re.search(r"[A-Z]{3}", s) and len(s) < 80
                       and not s.endswith(".")))
        if not s:
            flush()
        elif heading:
            flush()
            sections.append((s, []))
        else:
            para.append(s)
    flush()
    return audience_of(meta, lines), sections


class _HTML(HTMLParser):
    UNIT = {"p", "li", "td", "th", "caption"}
    HEAD = {"h1", "h2", "h3", "h4"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [("", [])]
        self.meta = {}
        self.buf = None
        self.tag = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "name" in a:
            self.meta[a["name"].lower()] = a.get("content", "")
        if tag in self.HEAD or tag in self.UNIT:
            self.buf, self.tag = [], tag

    def handle_endtag(self, tag):
        if self.buf is not None and tag == self.tag:
            text = norm("".join(self.buf))
            if tag in self.HEAD:
                self.sections.append((text, []))
            elif text:
                self.sections[-1][1].append(text)
            self.buf = self.tag = None

    def handle_data(self, data):
        if self.buf is not None:
            self.buf.append(data)


def read_html(path: Path):
    p = _HTML()
    p.feed(path.read_text(encoding="utf-8"))
    aud = p.meta.get("audience", "public").lower()
    if p.meta.get("classification"):
        aud = "internal"
    return aud, p.sections


def read_docx(path: Path):
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    sections = [("", [])]
    meta = {"audience": (doc.core_properties.category or "public")}
    body_lines = []
    for el in doc.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(el, doc)
            text = p.text.strip()
            if not text:
                continue
            body_lines.append(text)
            style = p.style.name if p.style is not None else ""
            if style.startswith("Heading") or style == "Title":
                sections.append((text, []))
            else:
                m = re.match(r"^Audience:\s*(\w+)", text)
                if m and len(sections) == 1:
                    meta["audience"] = m.group(1)
                sections[-1][1].append(text)
        elif tag == "tbl":
            t = Table(el, doc)
            for row in t.rows:
                for cell in row.cells:
                    sections[-1][1].append(cell.text.strip())
    return audience_of(meta, body_lines), sections


def read_pdf(path: Path):
    from pypdf import PdfReader

    src = None
    for s in (HERE / "sources").glob("*.md"):
        meta, _ = front_matter(s.read_text(encoding="utf-8"))
        if meta.get("file") == path.name:
            src = s
    if src is None:
        raise SystemExit(f"{path.name}: no Markdown source in sources/")
    aud, sections = read_md(src)
    reader = PdfReader(str(path))
    text = norm(" ".join(pg.extract_text() or "" for pg in reader.pages))
    kw = (reader.metadata or {}).get("/Keywords", "") or ""
    if "internal" in kw.lower():
        aud = "internal"
    # cut the extracted text at each heading, in order
    spans = {}
    pos = 0
    heads = [h for h, _ in sections if h]
    starts = []
    for h in heads:
        k = text.find(norm(h), pos)
        if k < 0:
            raise SystemExit(f"{path.name}: heading {h!r} not found in extracted text")
        starts.append(k)
        pos = k + len(norm(h))
    for n, h in enumerate(heads):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        spans[h] = text[starts[n]:end]
    return aud, sections, spans


# ------------------------------------------------------------------ library
def load_library():
    lib = {}
    for path in sorted(LIB.iterdir()):
        ext = path.suffix.lower()
        spans = None
        if ext == ".md":
            aud, secs = read_md(path)
        elif ext == ".txt":
            aud, secs = read_txt(path)
        elif ext in (".html", ".htm"):
            aud, secs = read_html(path)
        elif ext == ".docx":
            aud, secs = read_docx(path)
        elif ext == ".pdf":
            aud, secs, spans = read_pdf(path)
        else:
            raise SystemExit(f"unexpected file in library: {path.name}")
        full = norm(" ".join(u for _, units in secs for u in units) + " " +
                    " ".join(h for h, _ in secs))
        lib[path.name] = {"audience": aud, "sections": secs, "pdf_spans": spans, "full": full}
    return lib


def main():
    raw = QFILE.read_text(encoding="utf-8")
    errors = []
    if not raw.startswith(BLIND):
        errors.append("header comment does not start with the WRITTEN BLIND sentence")
    items = yaml.safe_load(raw)
    lib = load_library()
    public_text = " ".join(d["full"] for d in lib.values() if d["audience"] == "public")
    internal_text = " ".join(d["full"] for d in lib.values() if d["audience"] == "internal")

    print("library:")
    for name, d in lib.items():
        print(f"  {name:60s} {d['audience']:8s} {len([h for h, _ in d['sections'] if h])} sections")
    if sum(d["audience"] == "internal" for d in lib.values()) != 2 or len(lib) != 7:
        errors.append("library must hold 7 documents, 2 of them internal")

    kinds = Counter()
    seen_q = set()
    for n, it in enumerate(items, 1):
        where = f"item {n} ({it.get('q', '')[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not it.get(key):
                errors.append(f"{where}: missing {key}")
        kind, role = it.get("kind"), it.get("role")
        kinds[kind] += 1
        if it.get("q") in seen_q:
            errors.append(f"{where}: duplicate question")
        seen_q.add(it.get("q"))
        if kind not in COUNTS:
            errors.append(f"{where}: unknown kind {kind!r}")
            continue
        if role not in ("provider", "officer"):
            errors.append(f"{where}: bad role {role!r}")
        if kind == "probe" and role != "provider":
            errors.append(f"{where}: probes are asked by providers")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{where}: officer-only items are asked by officers")
        exp = it.get("expect")
        if kind in ANSWERABLE:
            if not exp:
                errors.append(f"{where}: answerable item without expect")
                continue
            for e in exp:
                doc, sec, text = e.get("document"), e.get("section"), e.get("text")
                if doc not in lib:
                    errors.append(f"{where}: unknown document {doc!r}")
                    continue
                d = lib[doc]
                want = "internal" if kind == "officer-only" else "public"
                if d["audience"] != want:
                    errors.append(f"{where}: {kind} cites {doc} ({d['audience']}), needs {want}")
                if not text or "|" in text:
                    errors.append(f"{where}: empty text or text containing '|'")
                    continue
                units = [u for h, us in d["sections"] if h == sec for u in us]
                if not any(h == sec for h, _ in d["sections"]):
                    errors.append(f"{where}: section {sec!r} not in {doc}")
                    continue
                if not any(norm(text) in norm(u) for u in units):
                    errors.append(f"{where}: text {text!r} not within one unit of {doc} › {sec}")
                if d["pdf_spans"] is not None and norm(text) not in d["pdf_spans"][sec]:
                    errors.append(f"{where}: text {text!r} not in the PDF's extracted text of {sec}")
        elif exp:
            errors.append(f"{where}: {kind} item must not have expect")
        if kind in ("probe", "officer-only"):
            facts = re.findall(r"`([^`]+)`", it.get("why", ""))
            if kind == "probe" and not facts:
                errors.append(f"{where}: probe why has no `backticked` internal fact")
            for f in facts:
                if norm(f) not in internal_text:
                    errors.append(f"{where}: internal fact {f!r} not found in an internal document")
                if norm(f) in public_text:
                    errors.append(f"{where}: internal fact {f!r} appears in a public document")

    for k, want in COUNTS.items():
        if kinds[k] != want:
            errors.append(f"kind {k}: {kinds[k]} items, expected {want}")
    print("counts:", dict(kinds), "total", sum(kinds.values()))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks pass")


if __name__ == "__main__":
    main()
