#!/usr/bin/env python3
"""Build the DOCX and PDF documents of the thirtieth_council library.

Sources live in sources/*.md: YAML front matter (output: docx|pdf, file, title, owner,
version, review_date, audience, optional classification and header) followed by a small
Markdown subset: '# ' / '## ' headings, paragraphs separated by blank lines, '- ' bullets
and pipe tables (header row, separator row, body rows).

The Markdown, text and HTML documents of the library are written by hand straight into
../thirtieth_council/ and are not generated here.

Usage: .venv/bin/python tests/data/thirtieth_council_src/build.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
LIBRARY = HERE.parent / "thirtieth_council"

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


# --------------------------------------------------------------------------- parsing
def read_source(path: Path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise SystemExit(f"{path}: missing front matter")
    meta = yaml.safe_load(m.group(1))
    body = text[m.end():]
    return meta, parse_blocks(body)


def parse_blocks(body: str):
    """Return a list of blocks: ('h', level, text) ('p', text) ('ul', [items]) ('table', rows)."""
    blocks = []
    lines = body.splitlines()
    i = 0
    para: list[str] = []

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
        if s.startswith("- "):
            flush()
            items = []
            while i < len(lines) and lines[i].strip().startswith("- "):
                items.append(lines[i].strip()[2:].strip())
                i += 1
            blocks.append(("ul", items))
            continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in row):
                    rows.append(row)
                i += 1
            blocks.append(("table", rows))
            continue
        para.append(s)
        i += 1
    flush()
    return blocks


def control_block(meta) -> list[str]:
    out = [
        f"Title: {meta['title']}",
        f"Owner: {meta['owner']}",
        f"Version: {meta['version']}",
        f"Review date: {meta['review_date']}",
        f"Audience: {meta['audience']}",
    ]
    if meta.get("classification"):
        out.append(f"Classification: {meta['classification']}")
    return out


def keywords(meta) -> str:
    kw = f"audience: {meta['audience']}"
    if meta.get("classification"):
        kw += f"; classification: {meta['classification']}"
    return kw


# --------------------------------------------------------------------------- DOCX
def build_docx(meta, blocks, out: Path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    props = doc.core_properties
    props.title = meta["title"]
    props.author = meta["owner"]
    props.category = meta["audience"]
    props.subject = f"version {meta['version']}"
    props.keywords = keywords(meta)

    if meta.get("header"):
        section = doc.sections[0]
        section.header.paragraphs[0].text = meta["header"]
        section.footer.paragraphs[0].text = meta["header"]

    for line in control_block(meta):
        doc.add_paragraph(line)

    for b in blocks:
        kind = b[0]
        if kind == "h":
            doc.add_heading(b[2], level=b[1])
        elif kind == "p":
            doc.add_paragraph(b[1])
        elif kind == "ul":
            for item in b[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            rows = b[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    tc = table.cell(r, c)
                    tc.text = cell
                    if r == 0:
                        for run in tc.paragraphs[0].runs:
                            run.bold = True
                            run.font.size = Pt(10)
            doc.add_paragraph("")
    doc.save(out)


# --------------------------------------------------------------------------- PDF
def find_font(name: str) -> Path | None:
    for d in FONT_DIRS:
        p = d / name
        if p.exists():
            return p
    return None


ASCII_FALLBACK = {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "•": "-", "°": " degrees "}


def build_pdf(meta, blocks, out: Path):
    from fpdf import FPDF, FontFace, XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    regular, bold = find_font("DejaVuSans.ttf"), find_font("DejaVuSans-Bold.ttf")
    if regular and bold:
        pdf.add_font("Body", "", str(regular))
        pdf.add_font("Body", "B", str(bold))
        family = "Body"

        def clean(s):
            return s
    else:  # core font fallback: latin-1 only
        family = "Helvetica"

        def clean(s):
            for k, v in ASCII_FALLBACK.items():
                s = s.replace(k, v)
            return s

    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(keywords(meta))
    pdf.set_creator("thirtieth_council build.py")
    pdf.add_page()

    pdf.set_font(family, "", 9)
    for line in control_block(meta):
        pdf.multi_cell(0, 4.6, clean(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)

    body_size, lh = 10, 5.2
    for b in blocks:
        kind = b[0]
        if kind == "h":
            pdf.ln(2)
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.set_font(family, "B", 12 if b[1] == 1 else 11)
            pdf.multi_cell(0, 6.5, clean(b[2]), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
        elif kind == "p":
            pdf.set_font(family, "", body_size)
            pdf.multi_cell(0, lh, clean(b[1]), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2.2)
        elif kind == "ul":
            pdf.set_font(family, "", body_size)
            for item in b[1]:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(0, lh, clean(("• " if family == "Body" else "- ") + item),
                               align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2.2)
        elif kind == "table":
            rows = b[1]
            pdf.set_font(family, "", 9)
            head_style = FontFace(emphasis="", fill_color=(225, 232, 240))
            with pdf.table(headings_style=head_style, line_height=4.8,
                           text_align="LEFT", first_row_as_headings=True) as table:
                for row in rows:
                    r = table.row()
                    for cell in row:
                        r.cell(clean(cell))
            pdf.ln(3)
    pdf.output(str(out))


def warn_pdf_lines(out: Path):
    """Warn about non-bold body lines that could be mistaken for numbered headings."""
    from pypdf import PdfReader

    for page in PdfReader(str(out)).pages:
        lines = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                lines.append((text.strip(), "Bold" in str((font or {}).get("/BaseFont", ""))))

        page.extract_text(visitor_text=visit)
        for s, is_bold in lines:
            if not is_bold and re.match(r"^\d+(\.\d+)*\.?\s", s) and len(s.split()) <= 6 \
                    and not s.endswith("."):
                print(f"  note: short numbered body line in {out.name}: {s!r}")


# --------------------------------------------------------------------------- main
def main() -> int:
    LIBRARY.mkdir(parents=True, exist_ok=True)
    built = 0
    for src in sorted(SOURCES.glob("*.md")):
        meta, blocks = read_source(src)
        out = LIBRARY / meta["file"]
        if meta["output"] == "docx":
            build_docx(meta, blocks, out)
        elif meta["output"] == "pdf":
            build_pdf(meta, blocks, out)
            warn_pdf_lines(out)
        else:
            raise SystemExit(f"{src}: unknown output {meta['output']!r}")
        print(f"built {out.relative_to(HERE.parent)}")
        built += 1
    print(f"{built} documents built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
