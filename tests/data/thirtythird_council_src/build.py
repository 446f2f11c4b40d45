#!/usr/bin/env python3
"""Build the Wyndford Lees test library (tests/data/thirtythird_council/).

Markdown sources in sources/ with front matter `output: docx` or `output: pdf`
are rendered to DOCX (python-docx, real Heading 1/Heading 2 styles) or PDF
(fpdf2, with an outline/bookmarks).  The HTML, Markdown and TXT documents are kept
once, in the library folder itself.

Run with:  /work/main/.venv/bin/python tests/data/thirtythird_council_src/build.py
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"
OUT = HERE.parent / "thirtythird_council"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


# --------------------------------------------------------------------------- parsing
def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5:]


def parse_blocks(body: str) -> list[tuple]:
    """Return blocks: ('h', level, text) / ('p', text) / ('ul', [items]) / ('table', rows)."""
    blocks: list[tuple] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("ul", items))
            continue
        para = [line.strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#{1,4}\s|\||- )", lines[i]):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("p", " ".join(para)))
    return blocks


def control_block(meta: dict) -> list[str]:
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


def keywords(meta: dict) -> str:
    kw = f"audience: {meta['audience']}"
    if meta.get("classification"):
        kw += f"; classification: {meta['classification']}"
    return kw


# --------------------------------------------------------------------------- DOCX
def build_docx(meta: dict, blocks: list[tuple], out: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    for line in control_block(meta):
        doc.add_paragraph(line)
    doc.add_paragraph(meta["title"], style="Title")
    for b in blocks:
        if b[0] == "h":
            doc.add_heading(b[2], level=min(b[1], 4))
        elif b[0] == "p":
            doc.add_paragraph(b[1])
        elif b[0] == "ul":
            for item in b[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif b[0] == "table":
            rows = b[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = val
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")
    if meta.get("header"):
        for section in doc.sections:
            hp = section.header.paragraphs[0]
            hp.text = meta["header"]
            hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fp = section.footer.paragraphs[0]
            fp.text = meta["header"]
            fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cp = doc.core_properties
    cp.title = meta["title"]
    cp.author = meta["owner"]
    cp.category = meta["audience"]
    cp.subject = f"version {meta['version']}"
    cp.keywords = keywords(meta)
    doc.save(out)


# --------------------------------------------------------------------------- PDF
class GuidePDF(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.doc_title = title
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 6, f"Wyndford Lees Council – {self.doc_title} – page {self.page_no()}", align="C")


def build_pdf(meta: dict, blocks: list[tuple], out: Path) -> None:
    pdf = GuidePDF(meta["title"])
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(keywords(meta))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 9)
    for line in control_block(meta):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, meta["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for b in blocks:
        if b[0] == "h":
            level = b[1] - 1
            if pdf.will_page_break(20):
                pdf.add_page()
            pdf.ln(3)
            pdf.start_section(b[2], level=level)
            pdf.set_font("DejaVu", "B", 13 if level == 0 else 11)
            pdf.multi_cell(0, 7, b[2], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif b[0] == "p":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5.5, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b[0] == "ul":
            pdf.set_font("DejaVu", "", 10)
            for item in b[1]:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(0, 5.5, "• " + item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b[0] == "table":
            rows = b[1]
            pdf.set_font("DejaVu", "", 9)
            ncols = len(rows[0])
            widths = {3: (70, 50, 54), 2: (90, 84)}.get(ncols)
            with pdf.table(col_widths=widths, text_align="LEFT", line_height=5.5) as table:
                for row in rows:
                    tr = table.row()
                    for val in row:
                        tr.cell(val)
            pdf.ln(3)
    pdf.output(str(out))


# --------------------------------------------------------------------------- main
def main() -> None:
    OUT.mkdir(exist_ok=True)
    for src in sorted(SRC.iterdir()):
        meta, body = split_front_matter(src.read_text(encoding="utf-8"))
        kind = meta.get("output")
        out = OUT / meta["file"]
        (build_docx if kind == "docx" else build_pdf)(meta, parse_blocks(body), out)
        print("built ", out.name)


if __name__ == "__main__":
    main()
