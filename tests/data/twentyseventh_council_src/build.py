#!/usr/bin/env python3
"""Build the Hallam Vale MBC test library (tests/data/twentyseventh_council/).

Sources live in ./sources/.  Markdown, text and HTML sources without an
`output:` key are copied as they are; Markdown sources with front matter
`output: docx` or `output: pdf` are converted.  The PDF is written WITHOUT
an outline (bookmarks): its headings are short bold numbered lines.

Run:  /work/main/.venv/bin/python tests/data/twentyseventh_council_src/build.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"
OUT = HERE.parent / "twentyseventh_council"

MARKINGS = {"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"}


# ---------------------------------------------------------------- parsing
def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5:]


def blocks(body: str):
    """Yield ('h', level, text) | ('p', text) | ('table', rows) | ('li', text) | ('mark', text)."""
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            yield ("h", len(m.group(1)), m.group(2).strip())
            i += 1
            continue
        if line.strip() in MARKINGS:
            yield ("mark", line.strip())
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            yield ("table", rows)
            continue
        if re.match(r"^\s*[-*]\s+", line):
            yield ("li", re.sub(r"^\s*[-*]\s+", "", line))
            i += 1
            continue
        para = [line.strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#{1,4}\s|\||\s*[-*]\s)", lines[i]):
            para.append(lines[i].strip())
            i += 1
        yield ("p", " ".join(para))


def control_block(meta: dict) -> list[str]:
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


def keywords(meta: dict) -> str:
    kw = f"audience: {meta['audience']}"
    if meta.get("classification"):
        kw += f"; classification: {meta['classification']}"
    return kw


# ---------------------------------------------------------------- DOCX
def build_docx(meta: dict, body: str, dest: Path) -> None:
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

    marking = meta.get("classification")
    if marking:
        for sec in doc.sections:
            sec.header.paragraphs[0].text = marking
            sec.footer.paragraphs[0].text = marking

    for line in control_block(meta):
        p = doc.add_paragraph(line)
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph("")

    for b in blocks(body):
        kind = b[0]
        if kind == "h":
            level, text = b[1], b[2]
            if level == 1:
                doc.add_paragraph(text, style="Title")
            else:
                doc.add_heading(text, level=level - 1)
        elif kind == "mark":
            p = doc.add_paragraph()
            r = p.add_run(b[1])
            r.bold = True
        elif kind == "p":
            doc.add_paragraph(b[1])
        elif kind == "li":
            doc.add_paragraph(b[1], style="List Bullet")
        elif kind == "table":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r_i, row in enumerate(rows):
                for c_i, cell in enumerate(row):
                    t.cell(r_i, c_i).text = cell
                    if r_i == 0:
                        for run in t.cell(r_i, c_i).paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")
    doc.save(dest)


# ---------------------------------------------------------------- PDF
def build_pdf(meta: dict, body: str, dest: Path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    footer_text = f"Hallam Vale MBC - {meta['title']} - version {meta['version']}"

    class Doc(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("Helvetica", "", 7)
            self.cell(0, 5, f"{footer_text} - page {self.page_no()}", align="C")

    pdf = Doc(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(keywords(meta))
    pdf.set_creator("HVMBC document build")
    pdf.add_page()

    pdf.set_font("Helvetica", "", 9)
    for line in control_block(meta):
        pdf.multi_cell(0, 4.6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    for b in blocks(body):
        kind = b[0]
        if kind == "h":
            level, text = b[1], b[2]
            size = {1: 13, 2: 12, 3: 11, 4: 10}[level]
            pdf.ln(3 if level > 1 else 1)
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind in ("p", "li", "mark"):
            pdf.set_font("Helvetica", "", 10)
            text = b[1] if kind != "li" else "- " + b[1]
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            rows = b[1]
            ncol = len(rows[0])
            if ncol == 4:
                widths = (38, 78, 28, 30)
            else:
                widths = tuple([width / ncol] * ncol)
            pdf.set_font("Helvetica", "", 8.5)
            heading_style = FontFace(emphasis="ITALICS", fill_color=(225, 230, 240))
            with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.4,
                           headings_style=heading_style, width=sum(widths)) as table:
                for row in rows:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
    pdf.output(str(dest))


# ---------------------------------------------------------------- main
def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    # The Markdown, text and HTML documents are written in the library folder itself; only the
    # DOCX and PDF ones are built here, from the Markdown sources beside this script.
    built = []
    for src in sorted(SRC.iterdir()):
        if src.suffix != ".md":
            continue
        meta, body = split_front_matter(src.read_text(encoding="utf-8"))
        target = meta.get("output")
        if target == "docx":
            dest = OUT / (src.stem + ".docx")
            build_docx(meta, body, dest)
        elif target == "pdf":
            dest = OUT / (src.stem + ".pdf")
            build_pdf(meta, body, dest)
        else:
            continue
        built.append(dest.name)
    for name in built:
        print("built", OUT.relative_to(HERE.parent.parent.parent) / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
