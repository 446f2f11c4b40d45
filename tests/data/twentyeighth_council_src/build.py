#!/usr/bin/env python3
"""Build the Northmere County Council test library (tests/data/twentyeighth_council/).

Sources live in ./sources/:
  *.src.md  -> generated DOCX or PDF (front matter `output: docx|pdf`, `file: <name>`)
  *.html, *.md, *.txt -> copied unchanged

Mini-format of *.src.md bodies:
  `# ` / `## ` / `### `  Heading 1-3 (DOCX Heading styles; PDF short bold lines)
  `=TITLE text`          document title line (DOCX Title style; PDF large, not bold)
  `| a | b |`            table row (first row is the header; `|---|` rows ignored)
  `- text`               bullet
  anything else          paragraph (blank lines separate blocks)

Run with /work/main/.venv/bin/python build.py
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"
OUT = HERE.parent / "twentyeighth_council"


def split_front_matter(text: str):
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise ValueError("source has no front matter")
    return yaml.safe_load(m.group(1)), text[m.end():]


def parse_blocks(body: str):
    """Yield (kind, payload) blocks."""
    blocks = []
    table = None
    for raw in body.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            if re.match(r"^\|\s*:?-{3,}", line):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
        elif line.startswith("=TITLE "):
            blocks.append(("title", line[len("=TITLE "):].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
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


# --------------------------------------------------------------------- DOCX
def build_docx(meta: dict, blocks, out: Path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    cp = doc.core_properties
    cp.title = meta["title"]
    cp.author = meta["owner"]
    cp.category = meta["audience"]
    cp.subject = f"version {meta['version']}"
    cp.keywords = keywords(meta)
    cp.comments = f"Review date {meta['review_date']}"

    if meta.get("header"):
        sec = doc.sections[0]
        sec.header.paragraphs[0].text = meta["header"]
        sec.footer.paragraphs[0].text = meta["header"]

    for line in control_block(meta):
        doc.add_paragraph(line)

    for kind, payload in blocks:
        if kind == "title":
            doc.add_paragraph(payload, style="Title")
        elif kind in ("h1", "h2", "h3", "h4"):
            doc.add_heading(payload, level=int(kind[1]))
        elif kind == "bullet":
            doc.add_paragraph(payload, style="List Bullet")
        elif kind == "p":
            doc.add_paragraph(payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = doc.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = t.add_row().cells
                for j in range(ncols):
                    text = row[j] if j < len(row) else ""
                    para = cells[j].paragraphs[0]
                    run = para.add_run(text)
                    run.font.size = Pt(9)
                    if i == 0:
                        run.bold = True
            doc.add_paragraph("")
    doc.save(out)


# ---------------------------------------------------------------------- PDF
def build_pdf(meta: dict, blocks, out: Path):
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    footer_text = meta.get("footer", "")

    class Doc(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 8, f"{footer_text} - page {self.page_no()}", align="C")

    pdf = Doc(format="A4")
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(keywords(meta))
    pdf.set_creator("Northmere County Council")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("Helvetica", "", 10)
    for line in control_block(meta):
        pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for kind, payload in blocks:
        if kind == "title":
            pdf.set_font("Helvetica", "", 15)
            pdf.multi_cell(width, 8, payload, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind in ("h1", "h2", "h3", "h4"):
            size = {"h1": 13, "h2": 11.5, "h3": 10.5, "h4": 10}[kind]
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(width, 7, payload, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind in ("p", "bullet"):
            pdf.set_font("Helvetica", "", 10)
            text = payload if kind == "p" else "-  " + payload
            pdf.multi_cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9)
            ncols = len(payload[0])
            widths = {3: (62, 80, 28), 4: (55, 35, 35, 35)}.get(ncols)
            with pdf.table(
                col_widths=widths,
                width=width,
                text_align="LEFT",
                line_height=5,
                headings_style=FontFace(emphasis="", fill_color=(225, 225, 225)),
            ) as table:
                for row in payload:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(4)
    pdf.output(str(out))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    built = []
    for src in sorted(SRC.iterdir()):
        if src.name.endswith(".src.md"):
            meta, body = split_front_matter(src.read_text(encoding="utf-8"))
            blocks = parse_blocks(body)
            out = OUT / meta["file"]
            if meta["output"] == "docx":
                build_docx(meta, blocks, out)
            elif meta["output"] == "pdf":
                build_pdf(meta, blocks, out)
            else:
                raise ValueError(f"{src.name}: unknown output {meta['output']}")
        else:   # Markdown, text and HTML documents are written in the library folder itself
            continue
        built.append(out.name)
    for name in built:
        print("built", OUT / name)


if __name__ == "__main__":
    main()
