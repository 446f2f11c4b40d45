#!/usr/bin/env python3
"""Engine-free checker for tests/data/twentyfirst_council.questions.yaml.

Reads the seven documents directly (plain text, Markdown, BeautifulSoup for HTML, python-docx for
DOCX, pdfplumber/pypdf for PDF), splits each into units (paragraph, numbered clause, list item,
table row) under their headings, and proves the question file sound:
  * every entry has exactly q, role, kind, why (+ expect for answerable kinds); counts per kind;
  * every expect text occurs verbatim (whitespace-normalised) in exactly one unit of its document,
    under the section named, and only once in the whole document; table-row snippets sit in one cell;
  * provider questions and direct/paraphrase/typo questions cite public documents only;
    officer-only questions are asked by officers and cite internal documents only;
  * unanswerable and probe entries carry no expect; probes are asked by providers, and every
    backticked fact in a probe's why occurs in an internal document and in no public one.
Exit status 0 means every check passed.
Run:  .venv/bin/python tests/data/twentyfirst_council_src/check_questions.py
"""
import re
import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import yaml
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twentyfirst_council"
QUESTIONS = HERE.parent / "twentyfirst_council.questions.yaml"

COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
MARKINGS = {"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"}


def norm(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


class Doc:
    def __init__(self, name):
        self.name = name
        self.units = []      # dicts: section, text, cells (None unless table row), kind
        self.meta = {}
        self.markings = set()
        self.fulltext = ""   # every piece of text the reader can see, headers/footers included
        self.rawtext = ""    # PDF only: the page text as pdfplumber lays it out (columns interleaved)

    def add(self, section, text, kind, cells=None):
        text = norm(text)
        if text:
            self.units.append({"section": section, "text": text, "kind": kind,
                               "cells": [norm(c) for c in cells] if cells else None})

    @property
    def audience(self):
        return self.meta.get("audience", "public").lower()


# ------------------------------------------------------------------ readers
CONTROL = re.compile(r"^(Title|Owner|Version|Review date|Audience|Classification):\s*(.+)$")


def read_control(lines, doc):
    for line in lines:
        m = CONTROL.match(line.strip())
        if not m:
            break
        doc.meta[m.group(1).lower()] = m.group(2).strip()


def read_txt(path):
    doc = Doc(path.name)
    raw = path.read_text(encoding="utf-8")
    doc.fulltext = norm(raw)
    lines = raw.splitlines()
    read_control(lines, doc)
    section = None
    block = []

    def flush():
        if not block:
            return
        if all(l.startswith("    ") for l in block):
            for l in block:
                doc.add(section, l, "item")
        else:
            doc.add(section, " ".join(block), "clause" if re.match(r"\d+\.\d+ ", block[0]) else "paragraph")
        block.clear()

    for line in lines:
        s = line.strip()
        if CONTROL.match(s) and section is None and not block:
            continue
        if not s:
            flush()
            continue
        if s in MARKINGS:
            doc.markings.add(s)
        if s.upper() == s and re.search(r"[A-Z]{3}", s) and len(s) < 80 and not s.endswith("."):
            flush()
            section = s
            continue
        block.append(line)
    flush()
    return doc


def read_md(path):
    doc = Doc(path.name)
    raw = path.read_text(encoding="utf-8")
    doc.fulltext = norm(raw.replace("**", ""))
    m = re.match(r"^---\n(.*?)\n---\n", raw, re.S)
    assert m, f"{path.name}: no front matter"
    front = yaml.safe_load(m.group(1))
    doc.meta = {k.replace("_", " "): str(v) for k, v in front.items()}
    body = raw[m.end():]
    section = None
    para = []

    def flush():
        if para:
            doc.add(section, " ".join(para).replace("**", ""), "paragraph")
            para.clear()

    for line in body.splitlines():
        s = line.strip()
        if not s:
            flush()
            continue
        h = re.match(r"^(#{1,4})\s+(.*)$", s)
        if h:
            flush()
            section = h.group(2).strip()
            continue
        if s.startswith("|"):
            flush()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            doc.add(section, " | ".join(cells), "row", cells)
            continue
        li = re.match(r"^(?:[-*]|\d+\.)\s+(.*)$", s)
        if li and not re.match(r"^\d+\.\d", s):
            flush()
            doc.add(section, li.group(1).replace("**", ""), "item")
            continue
        if s in MARKINGS:
            doc.markings.add(s)
        para.append(s)
    flush()
    return doc


def read_html(path):
    doc = Doc(path.name)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for meta in soup.find_all("meta"):
        if meta.get("name") in ("audience", "owner", "version", "review_date", "classification"):
            doc.meta[meta["name"].replace("_", " ")] = meta["content"]
    doc.meta["title"] = soup.title.get_text(strip=True)
    assert soup.find("main") is None, f"{path.name}: has a <main> element"
    content = soup.find("div", class_="content")
    assert content is not None, f"{path.name}: no <div class=\"content\">"
    doc.fulltext = norm(soup.body.get_text(" "))
    section = None
    for el in content.find_all(["h1", "h2", "h3", "h4", "p", "li", "tr"]):
        if el.name in ("h1", "h2", "h3", "h4"):
            section = norm(el.get_text(" "))
        elif el.name == "tr":
            cells = [c.get_text(" ") for c in el.find_all(["td", "th"])]
            doc.add(section, " | ".join(cells), "row", cells)
        elif el.name == "li":
            doc.add(section, el.get_text(" "), "item")
        elif el.find_parent(["li", "td", "th"]) is None:
            doc.add(section, el.get_text(" "), "paragraph")
    return doc


def read_docx(path):
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    doc = Doc(path.name)
    d = Document(str(path))
    texts = []
    for s in d.sections:
        for part in (s.header, s.footer):
            for p in part.paragraphs:
                texts.append(p.text)
                if p.text.strip() in MARKINGS:
                    doc.markings.add(p.text.strip())
    section = None
    started = False
    control = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            text = p.text
            texts.append(text)
            style = p.style.name if p.style is not None else ""
            if not started and CONTROL.match(text.strip()):
                control.append(text)
                continue
            started = True
            if text.strip() in MARKINGS:
                doc.markings.add(text.strip())
            if style.startswith("Heading") or style == "Title":
                section = norm(text)
            elif style.startswith("List"):
                doc.add(section, text, "item")
            else:
                doc.add(section, text, "paragraph")
        elif tag == "tbl":
            started = True
            table = Table(child, d)
            for row in table.rows:
                cells = [c.text for c in row.cells]
                texts.extend(cells)
                doc.add(section, " | ".join(cells), "row", cells)
    read_control(control, doc)
    doc.fulltext = norm(" ".join(texts))
    cp = d.core_properties
    assert cp.category.lower() == doc.audience, f"{path.name}: core category {cp.category!r} != control block"
    return doc


def read_pdf(path):
    doc = Doc(path.name)
    reader = PdfReader(str(path))
    outline_titles = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                outline_titles.append(norm(it.title))
    walk(reader.outline)
    info = reader.metadata
    pieces = []
    items = []  # (kind, text or cells, bold)
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            pieces.append(page.extract_text() or "")
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            stream = []
            for line in page.extract_text_lines(return_chars=True):
                if line["top"] < 45 or line["bottom"] > page.height - 50:  # running header/footer
                    if line["text"].strip() in MARKINGS or "OFFICIAL-SENSITIVE" in line["text"]:
                        doc.markings.add("OFFICIAL-SENSITIVE")
                    continue
                if any(b[1] - 1 <= line["top"] <= b[3] + 1 and b[0] - 1 <= line["x0"] <= b[2] for b in boxes):
                    continue
                bold = all("Bold" in c["fontname"] for c in line["chars"] if c["text"].strip())
                stream.append((line["top"], "line", line, bold))
            for t in tables:
                for row in t.extract():
                    stream.append((t.bbox[1], "table", row, False))
                stream[-1:] = stream[-1:]  # keep order stable
            # rows of one table share a top; keep their extraction order with a stable sort
            stream.sort(key=lambda x: x[0])
            items.append(stream)
    doc.rawtext = norm(" ".join(pieces))
    section = None
    para, prev_bottom, prev_bold = [], None, False
    control_lines = []
    headings = []

    def flush():
        nonlocal para
        if para:
            text = " ".join(para)
            if section is None and not headings and CONTROL.match(text):
                pass
            kind = "item" if text.startswith("- ") else "paragraph"
            doc.add(section, text[2:] if kind == "item" else text, kind)
            para = []

    for pno, stream in enumerate(items):
        page_break = True
        for top, kind, obj, bold in stream:
            if kind == "table":
                flush()
                prev_bottom = None
                doc.add(section, " | ".join(c or "" for c in obj), "row", [c or "" for c in obj])
                continue
            text = obj["text"]
            if not headings and not bold and CONTROL.match(text.strip()):
                control_lines.append(text)
                prev_bottom = obj["bottom"]
                continue
            if text.strip() in MARKINGS:
                doc.markings.add(text.strip())
            if bold:
                flush()
                if prev_bold and prev_bottom is not None and top - prev_bottom < 7:
                    headings[-1] = norm(headings[-1] + " " + text)  # heading wrapped onto two lines
                else:
                    headings.append(norm(text))
                section = headings[-1]
                prev_bold, prev_bottom = True, obj["bottom"]
                page_break = False
                continue
            # the builder never splits a paragraph across pages, so a new page starts a new unit
            gap_new = prev_bottom is None or page_break or top - prev_bottom > 7
            if gap_new or prev_bold:
                flush()
            para.append(text)
            prev_bold, prev_bottom = False, obj["bottom"]
            page_break = False
    flush()
    read_control(control_lines, doc)
    # table cells sit side by side on the page, so the reading text is built from the units
    doc.fulltext = norm(" ".join(control_lines + sorted(doc.markings) + headings + [u["text"] for u in doc.units]))
    if outline_titles:
        body_headings = [h for h in headings if h != norm(doc.meta.get("title", ""))]
        assert outline_titles == body_headings, f"{path.name}: outline {outline_titles} != bold headings {body_headings}"
    assert info.title == doc.meta.get("title"), f"{path.name}: /Title differs from control block"
    kw = (info.get("/Keywords") or "").lower()
    assert f"audience: {doc.audience}" in kw, f"{path.name}: /Keywords audience differs"
    doc.headings = headings
    return doc


READERS = {".txt": read_txt, ".md": read_md, ".html": read_html, ".docx": read_docx, ".pdf": read_pdf}


def load_library():
    docs = {}
    for path in sorted(LIB.iterdir()):
        docs[path.name] = READERS[path.suffix](path)
    return docs


# ------------------------------------------------------------------ checks
def main():
    errors = []
    docs = load_library()
    formats = Counter(Path(n).suffix for n in docs)
    if len(docs) != 7:
        errors.append(f"library has {len(docs)} documents, expected 7")
    for ext in (".md", ".html", ".docx", ".pdf", ".txt"):
        if not formats[ext]:
            errors.append(f"no {ext} document")
    audiences = Counter(d.audience for d in docs.values())
    if audiences != Counter({"public": 5, "internal": 2}):
        errors.append(f"audiences {dict(audiences)}, expected 5 public and 2 internal")
    for d in docs.values():
        for key in ("title", "owner", "version", "review date", "audience"):
            if key not in d.meta:
                errors.append(f"{d.name}: metadata lacks {key}")
        if d.audience == "internal" and "OFFICIAL-SENSITIVE" not in d.markings:
            errors.append(f"{d.name}: internal but carries no OFFICIAL-SENSITIVE marking line")
        if d.audience == "public" and d.markings:
            errors.append(f"{d.name}: public but carries marking {d.markings}")
        if d.audience == "internal" and d.meta.get("classification", "OFFICIAL-SENSITIVE") != "OFFICIAL-SENSITIVE":
            errors.append(f"{d.name}: classification disagrees")
        words = len(" ".join(u["text"] for u in d.units).split())
        if not 1000 <= words <= 3000:
            errors.append(f"{d.name}: {words} words, expected 1,000 to 3,000")
    public = [d for d in docs.values() if d.audience == "public"]
    internal = [d for d in docs.values() if d.audience == "internal"]

    entries = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    kinds = Counter(e.get("kind") for e in entries)
    if dict(kinds) != COUNTS:
        errors.append(f"kind counts {dict(kinds)} != {COUNTS}")
    seen_q = Counter(norm(e.get("q", "")).lower() for e in entries)
    for q, n in seen_q.items():
        if n > 1:
            errors.append(f"duplicate question: {q}")

    for i, e in enumerate(entries, 1):
        where = f"entry {i} ({str(e.get('q', ''))[:50]!r})"
        kind, role = e.get("kind"), e.get("role")
        want = {"q", "role", "kind", "why"} | ({"expect"} if kind in ANSWERABLE else set())
        if set(e) != want:
            errors.append(f"{where}: keys {sorted(e)} != {sorted(want)}")
        if role not in ("provider", "officer"):
            errors.append(f"{where}: role {role!r}")
        if kind not in COUNTS:
            errors.append(f"{where}: kind {kind!r}")
        for key in ("q", "why"):
            if not isinstance(e.get(key), str) or not e.get(key).strip():
                errors.append(f"{where}: empty {key}")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{where}: officer-only question asked by {role}")
        if kind == "probe":
            if role != "provider":
                errors.append(f"{where}: probe asked by {role}")
            facts = re.findall(r"`([^`]+)`", e.get("why", ""))
            if not facts:
                errors.append(f"{where}: probe why has no backticked internal fact")
            for fact in facts:
                f = norm(fact).lower()
                if not any(f in d.fulltext.lower() for d in internal):
                    errors.append(f"{where}: fact `{fact}` not in any internal document")
                leaks = [d.name for d in public if f in d.fulltext.lower() or f in d.rawtext.lower()]
                if leaks:
                    errors.append(f"{where}: fact `{fact}` also in public {leaks}")
        if kind in ("unanswerable", "probe"):
            continue
        expect = e.get("expect")
        if not isinstance(expect, list) or not expect:
            errors.append(f"{where}: expect must be a non-empty list")
            continue
        for x in expect:
            if set(x) != {"document", "section", "text"}:
                errors.append(f"{where}: expect keys {sorted(x)}")
                continue
            d = docs.get(x["document"])
            if d is None:
                errors.append(f"{where}: unknown document {x['document']}")
                continue
            if kind == "officer-only" and d.audience != "internal":
                errors.append(f"{where}: officer-only cites public {d.name}")
            if (kind in ("direct", "paraphrase", "typo") or role == "provider") and d.audience != "public":
                errors.append(f"{where}: cites internal {d.name}")
            snippet = norm(x["text"])
            hits = [u for u in d.units if snippet in u["text"]]
            if len(hits) != 1:
                errors.append(f"{where}: snippet in {len(hits)} units of {d.name}: {snippet!r}")
                continue
            u = hits[0]
            if u["section"] != norm(x["section"]):
                errors.append(f"{where}: snippet sits under {u['section']!r}, not {x['section']!r}")
            if d.fulltext.count(snippet) != 1:
                errors.append(f"{where}: snippet occurs {d.fulltext.count(snippet)} times in {d.name}")
            if u["cells"] is not None and not any(snippet in c for c in u["cells"]):
                errors.append(f"{where}: table-row snippet crosses cells: {snippet!r}")
            if len(expect) > 1 and len({(y['document'], norm(y['text'])) for y in expect}) != len(expect):
                errors.append(f"{where}: duplicate expect entries")

    header = QUESTIONS.read_text(encoding="utf-8").splitlines()[0]
    if not header.startswith("# WRITTEN BLIND"):
        errors.append("question file lacks the WRITTEN BLIND header comment")

    for err in errors:
        print("FAIL:", err)
    print(f"{len(docs)} documents ({', '.join(f'{k}: {v}' for k, v in sorted(formats.items()))}), "
          f"{sum(len(d.units) for d in docs.values())} units, {len(entries)} questions "
          f"({', '.join(f'{k} {v}' for k, v in kinds.items())})")
    print("PASS" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    if "--dump" in sys.argv:
        for name, d in load_library().items():
            print("=" * 20, name, d.audience, d.meta, d.markings)
            for u in d.units:
                print(f"  [{u['section']}] ({u['kind']}) {u['text'][:110]}")
        sys.exit(0)
    sys.exit(main())
