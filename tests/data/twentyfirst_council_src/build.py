#!/usr/bin/env python3
"""Deterministic builder for the binary documents of the twentyfirst_council library.

Sources are the content_*.txt files beside this script, written in a tiny line markup:
  "@ Key: value"  document control block line      "! TEXT"  protective marking line
  "T text"        document title                   "# text" / "## text"  heading 1 / 2
  "- text"        bullet (belongs to the clause before it)
  "| a | b | c"   table row (first row of a run is the header row)
  anything else   one paragraph
Run:  .venv/bin/python tests/data/twentyfirst_council_src/build.py
Running it twice gives byte-identical files (fixed dates, fixed zip timestamps).
"""
import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "twentyfirst_council"
FIXED = datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.utc)
ZIP_TIME = (2026, 3, 2, 9, 0, 0)

DOCS = [
    # source, output, format, outline (PDF only)
    ("content_substance.txt", "substance-misuse-lead-provider-contract.docx", "docx", False),
    ("content_risk.txt", "contract-risk-register-q4-2025-26.docx", "docx", False),
    ("content_employment.txt", "supported-employment-open-framework-guide.pdf", "pdf", True),
    ("content_board.txt", "commissioning-board-budget-and-negotiation-note.pdf", "pdf", False),
]


def parse(path):
    meta, blocks = {}, []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith("@ "):
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
            blocks.append(("control", line[2:]))
        elif line.startswith("! "):
            blocks.append(("marking", line[2:]))
        elif line.startswith("T "):
            blocks.append(("title", line[2:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        elif line.startswith("| "):
            cells = [c.strip() for c in line[2:].split(" | ")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        else:
            blocks.append(("p", line))
    for kind, value in blocks:
        if kind == "table":
            width = len(value[0])
            assert all(len(r) == width for r in value), (path, value)
    return meta, blocks


def keywords(meta):
    words = f"audience: {meta['Audience']}"
    if "Classification" in meta:
        words += f"; classification: {meta['Classification']}"
    return words


# ---------------------------------------------------------------- DOCX
def build_docx(meta, blocks, out):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)
    section = doc.sections[0]
    marking = meta.get("Classification")
    head = section.header.paragraphs[0]
    head.text = marking if marking else "Hartside Moor Council"
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.text = marking if marking else f"Hartside Moor Council - {meta['Title']} - version {meta['Version']}"
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, value in blocks:
        if kind == "control":
            p = doc.add_paragraph(value)
            p.paragraph_format.space_after = Pt(0)
        elif kind == "marking":
            p = doc.add_paragraph()
            run = p.add_run(value)
            run.bold = True
        elif kind == "title":
            doc.add_paragraph(value, style="Title")
        elif kind == "h1":
            doc.add_heading(value, level=1)
        elif kind == "h2":
            doc.add_heading(value, level=2)
        elif kind == "li":
            doc.add_paragraph(value, style="List Bullet")
        elif kind == "p":
            doc.add_paragraph(value)
        elif kind == "table":
            table = doc.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = text
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    cp = doc.core_properties
    cp.title = meta["Title"]
    cp.author = meta["Owner"]
    cp.category = meta["Audience"]
    cp.subject = f"version {meta['Version']}"
    cp.keywords = keywords(meta)
    cp.comments = f"Review date: {meta['Review date']}"
    cp.last_modified_by = "Hartside Moor Council"
    cp.revision = 1
    cp.created = FIXED.replace(tzinfo=None)
    cp.modified = FIXED.replace(tzinfo=None)
    cp.last_printed = FIXED.replace(tzinfo=None)
    buf = io.BytesIO()
    doc.save(buf)
    rezip(buf.getvalue(), out)


def rezip(data, out):
    src = zipfile.ZipFile(io.BytesIO(data))
    dst_buf = io.BytesIO()
    with zipfile.ZipFile(dst_buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name))
    out.write_bytes(dst_buf.getvalue())


# ---------------------------------------------------------------- PDF
class CouncilPDF(FPDF):
    marking = None
    running = ""

    def header(self):
        if self.marking:
            self.set_font("Helvetica", "", 8)
            self.set_y(8)
            self.cell(0, 5, self.marking, align="C")
            self.set_y(self.t_margin)

    def footer(self):
        self.set_y(-13)
        self.set_font("Helvetica", "", 8)
        text = f"{self.running} - page {self.page_no()}"
        if self.marking:
            text = f"{self.marking} - {text}"
        self.cell(0, 5, text, align="C")


def col_widths(rows):
    widths = []
    for c in range(len(rows[0])):
        longest = max(len(r[c]) for r in rows)
        widths.append(min(max(longest, 10), 70))
    return tuple(widths)


def keep_together(pdf, width, height, text):
    """Start a new page rather than split a paragraph across two pages."""
    lines = pdf.multi_cell(width, height, text, dry_run=True, output="LINES")
    if pdf.get_y() + len(lines) * height > pdf.page_break_trigger:
        pdf.add_page()


def build_pdf(meta, blocks, out, outline):
    pdf = CouncilPDF(format="A4")
    pdf.marking = meta.get("Classification")
    pdf.running = "Hartside Moor Council"
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(meta["Title"])
    pdf.set_author(meta["Owner"])
    pdf.set_subject(f"version {meta['Version']}; review date {meta['Review date']}")
    pdf.set_keywords(keywords(meta))
    pdf.set_creator("Hartside Moor Council document builder")
    pdf.set_producer("fpdf2")
    pdf.set_creation_date(FIXED)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    previous = None
    for kind, value in blocks:
        for text in ([value] if kind != "table" else [c for r in value for c in r]):
            text.encode("latin-1")  # core fonts only
        if kind != "control" and previous == "control":
            pdf.ln(4)
        if kind == "control":
            pdf.set_font("Helvetica", "", 9)
            pdf.multi_cell(width, 4.5, value, new_x="LMARGIN", new_y="NEXT")
        elif kind == "marking":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(width, 5, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "title":
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(width, 7, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind in ("h1", "h2"):
            size = 12.5 if kind == "h1" else 11
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.ln(3)
            if outline:
                pdf.start_section(value, level=0 if kind == "h1" else 1)
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(width, 6.5, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10)
            keep_together(pdf, width, 5, value)
            pdf.multi_cell(width, 5, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "li":
            pdf.set_font("Helvetica", "", 10)
            keep_together(pdf, width - 6, 5, "- " + value)
            pdf.set_x(pdf.l_margin + 6)
            pdf.multi_cell(width - 6, 5, "- " + value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(col_widths=col_widths(value), text_align="LEFT", line_height=4.6,
                           first_row_as_headings=True, padding=1.5) as table:
                for row in value:
                    r = table.row()
                    for text in row:
                        r.cell(text)
            pdf.ln(4)
        previous = kind
    out.write_bytes(bytes(pdf.output()))


def main():
    OUT.mkdir(exist_ok=True)
    for source, name, fmt, outline in DOCS:
        meta, blocks = parse(HERE / source)
        out = OUT / name
        if fmt == "docx":
            build_docx(meta, blocks, out)
        else:
            build_pdf(meta, blocks, out, outline)
        print("wrote", out.name)


if __name__ == "__main__":
    main()
