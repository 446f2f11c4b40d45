#!/usr/bin/env python3
"""Build the DOCX and PDF documents of the thirtyfirst_council test library.

Sources are Markdown files in sources/*.md with YAML front matter:
  output: docx | pdf     file: <output file name>     title / owner / version / review_date / audience

The Markdown understood here is deliberately small: '#'..'####' headings, paragraphs,
'- ' bullet items and pipe tables.  Each generated document starts with a document control
block (Title/Owner/Version/Review date/Audience) before its first heading, and carries the same
facts in its core properties (DOCX) or document information (PDF).

Run:  /work/main/.venv/bin/python build.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE.parent / "thirtyfirst_council"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


# --------------------------------------------------------------------------- markdown
def read_source(path: Path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise SystemExit(f"{path}: no front matter")
    meta = yaml.safe_load(m.group(1))
    body = text[m.end():]
    return meta, parse_blocks(body)


def split_row(line: str):
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]


def parse_blocks(body: str):
    """Return a list of blocks: ('h', level, text) ('p', text) ('li', text) ('table', rows)."""
    blocks = []
    para: list[str] = []
    lines = body.splitlines()
    i = 0

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
            i += 1
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", s)
        if m:
            flush()
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = split_row(lines[i])
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if s.startswith("- "):
            flush()
            blocks.append(("li", s[2:].strip()))
            i += 1
            continue
        para.append(s)
        i += 1
    flush()
    return blocks


def control_block(meta):
    return [
        f"Title: {meta['title']}",
        f"Owner: {meta['owner']}",
        f"Version: {meta['version']}",
        f"Review date: {meta['review_date']}",
        f"Audience: {meta['audience']}",
    ]


# --------------------------------------------------------------------------- docx
def build_docx(meta, blocks, target: Path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)

    cp = doc.core_properties
    cp.title = meta["title"]
    cp.author = meta["owner"]
    cp.category = meta["audience"]
    cp.subject = f"version {meta['version']}"
    cp.keywords = f"audience: {meta['audience']}"

    for line in control_block(meta):
        doc.add_paragraph(line)

    first_h1 = True
    for b in blocks:
        kind = b[0]
        if kind == "h":
            level, text = b[1], b[2]
            if level == 1 and first_h1:
                doc.add_paragraph(text, style="Title")
                first_h1 = False
            else:
                doc.add_heading(text, level=min(level, 4))
        elif kind == "p":
            doc.add_paragraph(b[1])
        elif kind == "li":
            doc.add_paragraph(b[1], style="List Bullet")
        elif kind == "table":
            rows = b[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    section = doc.sections[0]
    section.footer.paragraphs[0].text = (
        f"Halverton Bay Unitary Council – {meta['title']} – version {meta['version']}"
    )
    doc.save(target)


# --------------------------------------------------------------------------- pdf
def build_pdf(meta, blocks, target: Path):
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(f"audience: {meta['audience']}")
    pdf.set_creator("Halverton Bay Unitary Council")
    pdf.add_page()

    pdf.set_font("DejaVu", "", 9.5)
    for line in control_block(meta):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for b in blocks:
        kind = b[0]
        if kind == "h":
            level, text = b[1], b[2]
            size = {1: 15, 2: 12, 3: 11, 4: 10.5}[level]
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", size)
            pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
            pdf.set_font("DejaVu", "", 10)
        elif kind == "p":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "li":
            pdf.set_font("DejaVu", "", 10)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(0, 5, "• " + b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "table":
            rows = b[1]
            pdf.set_font("DejaVu", "", 9)
            ncol = len(rows[0])
            widths = {3: (80, 50, 44), 4: (55, 45, 37, 37)}.get(ncol)
            with pdf.table(
                col_widths=widths,
                text_align="LEFT",
                line_height=4.6,
                headings_style=FontFace(emphasis="", fill_color=(225, 225, 225)),
            ) as table:
                for row in rows:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
            pdf.set_font("DejaVu", "", 10)
    pdf.output(str(target))


def check_pdf(target: Path, blocks):
    """pypdf must be able to extract the text: every heading and paragraph is found."""
    from pypdf import PdfReader

    reader = PdfReader(str(target))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    norm = " ".join(text.split())
    missing = []
    for b in blocks:
        pieces = [b[2]] if b[0] == "h" else [b[1]] if b[0] in ("p", "li") else [c for row in b[1] for c in row]
        for piece in pieces:
            if " ".join(piece.split()) not in norm:
                missing.append(piece)
    if reader.outline:
        missing.append("(PDF has an outline; it must not)")
    return missing


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    failures = 0
    for src in sorted(SOURCES.glob("*.md")):
        meta, blocks = read_source(src)
        target = OUT / meta["file"]
        if meta["output"] == "docx":
            build_docx(meta, blocks, target)
        elif meta["output"] == "pdf":
            build_pdf(meta, blocks, target)
            missing = check_pdf(target, blocks)
            if missing:
                failures += 1
                print(f"{target.name}: pypdf could not find {len(missing)} pieces:")
                for m in missing[:20]:
                    print("   ", m)
        else:
            raise SystemExit(f"{src}: unknown output {meta['output']!r}")
        print(f"built {target.relative_to(HERE.parent)}")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
