"""Build the DOCX and PDF documents of the Greyholt (thirtysecond_council) test library.

Sources are Markdown files in sources/*.md with YAML front matter:
  output: docx | pdf
  filename: name of the built file in ../thirtysecond_council/
  title, owner, version, review_date, audience, classification (optional)
  header / footer: optional page header / footer text

Markdown subset: '#'..'####' headings, paragraphs, '- ' bullet items, pipe tables.
Run with /work/main/.venv/bin/python build.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE.parent / "thirtysecond_council"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def read_source(path: Path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise SystemExit(f"{path}: no front matter")
    meta = yaml.safe_load(m.group(1))
    return meta, parse_blocks(text[m.end():])


def parse_blocks(body: str):
    """Return a list of blocks: ('h', level, text), ('p', text), ('li', text), ('table', rows)."""
    blocks = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for line in body.splitlines():
        s = line.strip()
        if not s:
            flush_para()
            flush_table()
            continue
        if s.startswith("|"):
            flush_para()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        flush_table()
        m = re.match(r"^(#{1,4})\s+(.*)$", s)
        if m:
            flush_para()
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
            continue
        if s.startswith("- "):
            flush_para()
            blocks.append(("li", s[2:].strip()))
            continue
        para.append(s)
    flush_para()
    flush_table()
    return blocks


def control_block(meta) -> list[str]:
    lines = [
        f"Title: {meta['title']}",
        f"Owner: {meta['owner']}",
        f"Version: {meta['version']}",
        f"Review date: {meta['review_date']}",
        f"Audience: {meta['audience']}",
    ]
    if meta.get("classification"):
        lines.append(f"Classification: {meta['classification']}")
    return lines


def keywords(meta) -> str:
    kw = f"audience: {meta['audience']}"
    if meta.get("classification"):
        kw += f"; classification: {meta['classification']}"
    return kw


# ---------------------------------------------------------------- DOCX
def build_docx(meta, blocks, out: Path):
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
    cp.keywords = keywords(meta)
    cp.comments = f"Review date {meta['review_date']}"

    section = doc.sections[0]
    if meta.get("header"):
        section.header.paragraphs[0].text = meta["header"]
    if meta.get("footer"):
        section.footer.paragraphs[0].text = meta["footer"]

    for line in control_block(meta):
        doc.add_paragraph(line)

    for b in blocks:
        kind = b[0]
        if kind == "h":
            doc.add_heading(b[2], level=b[1])
        elif kind == "p":
            doc.add_paragraph(b[1])
        elif kind == "li":
            doc.add_paragraph(b[1], style="List Bullet")
        elif kind == "table":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell_text in enumerate(row):
                    cell = t.cell(i, j)
                    cell.text = cell_text
                    if i == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")
    doc.save(out)


# ---------------------------------------------------------------- PDF
def build_pdf(meta, blocks, out: Path):
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    footer_text = meta.get("footer", "")

    class PDF(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", "", 7.5)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, f"{footer_text} – page {self.page_no()}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = PDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(keywords(meta))
    pdf.set_creator("Greyholt MBC document build")
    pdf.add_page()

    pdf.set_font("DejaVu", "", 9)
    for line in control_block(meta):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    sizes = {1: 15, 2: 12.5, 3: 11, 4: 10.5}
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for b in blocks:
        kind = b[0]
        if kind == "h":
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", sizes[b[1]])
            pdf.multi_cell(0, 7, b[2], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5.5, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "li":
            pdf.set_font("DejaVu", "", 10)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(width - 4, 5.5, "• " + b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "table":
            rows = b[1]
            pdf.set_font("DejaVu", "", 9)
            ncol = len(rows[0])
            widths = None
            if ncol == 4:
                widths = (26, 24, 28, 22)
            with pdf.table(
                col_widths=widths,
                text_align="LEFT",
                line_height=5,
                headings_style=FontFace(emphasis="", fill_color=(225, 225, 225)),
                first_row_as_headings=True,
            ) as table:
                for row in rows:
                    r = table.row()
                    for cell_text in row:
                        r.cell(cell_text)
            pdf.ln(4)
    pdf.output(str(out))


def check_pdf(out: Path):
    from pypdf import PdfReader

    reader = PdfReader(str(out))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    if "£168.40" not in text and "Void payments" not in text:
        raise SystemExit(f"{out}: pypdf could not extract the expected text")
    if reader.outline:
        raise SystemExit(f"{out}: PDF unexpectedly has bookmarks")
    return len(text)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for src in sorted(SOURCES.glob("*.md")):
        meta, blocks = read_source(src)
        out = OUT / meta["filename"]
        if meta["output"] == "docx":
            build_docx(meta, blocks, out)
            print(f"built {out.name} (docx, {meta['audience']})")
        elif meta["output"] == "pdf":
            build_pdf(meta, blocks, out)
            n = check_pdf(out)
            print(f"built {out.name} (pdf, {meta['audience']}, {n} chars extracted by pypdf)")
        else:
            print(f"skipped {src.name}: output {meta['output']!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
