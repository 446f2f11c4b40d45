#!/usr/bin/env python3
"""Build the thirty-fifth council (Kelderbrook Borough Council) test library.

Sources live in ``sources/``. A Markdown source whose front matter has
``output: docx`` or ``output: pdf`` is rendered into that format; every other
source (HTML, plain text, Markdown without ``output``) is copied unchanged.
Exactly one file per document is written to ``../thirtyfifth_council/``.

Run with the project's virtualenv (python-docx and fpdf2 are needed):

    /work/main/.venv/bin/python tests/data/thirtyfifth_council_src/build.py
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE.parent / "thirtyfifth_council"

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = dt.datetime(2025, 9, 18, 9, 0, 0, tzinfo=dt.timezone.utc)

CONTROL_KEYS = [
    ("title", "Title"),
    ("owner", "Owner"),
    ("version", "Version"),
    ("review_date", "Review date"),
    ("audience", "Audience"),
    ("classification", "Classification"),
]


# --------------------------------------------------------------------------
# Markdown parsing (the small subset the sources use)
# --------------------------------------------------------------------------
def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end]) or {}
    return meta, text[end + 5:]


def parse_blocks(body: str) -> list[tuple]:
    """Return blocks: ('h', level, text), ('p', text), ('li', text), ('table', rows)."""
    blocks: list[tuple] = []
    para: list[str] = []
    lines = body.splitlines()

    def flush() -> None:
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif line.startswith("- "):
            flush()
            blocks.append(("li", line[2:].strip()))
        elif not line.strip():
            flush()
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def control_lines(meta: dict) -> list[str]:
    out = []
    for key, label in CONTROL_KEYS:
        if meta.get(key) not in (None, ""):
            out.append(f"{label}: {meta[key]}")
    return out


def keywords(meta: dict) -> str:
    kw = f"audience: {meta['audience']}"
    if meta.get("classification"):
        kw += f"; classification: {meta['classification']}"
    return kw


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def render_docx(meta: dict, blocks: list[tuple], dest: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)

    for line in control_lines(meta):
        doc.add_paragraph(line)

    for block in blocks:
        kind = block[0]
        if kind == "h":
            doc.add_heading(block[2], level=block[1])
        elif kind == "p":
            doc.add_paragraph(block[1])
        elif kind == "li":
            doc.add_paragraph(block[1], style="List Bullet")
        elif kind == "table":
            rows = block[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = cell_text
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True

    footer_text = meta.get("footer")
    if footer_text:
        doc.sections[0].footer.paragraphs[0].text = footer_text

    cp = doc.core_properties
    cp.title = meta["title"]
    cp.author = meta["owner"]
    cp.category = meta["audience"]
    cp.subject = f"version {meta['version']}"
    cp.keywords = keywords(meta)
    cp.comments = "Kelderbrook Borough Council, Adult Mental Health Commissioning"
    cp.created = FIXED_DATE.replace(tzinfo=None)
    cp.modified = FIXED_DATE.replace(tzinfo=None)
    cp.last_modified_by = meta["owner"]
    cp.revision = 1
    doc.save(dest)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def render_pdf(meta: dict, blocks: list[tuple], dest: Path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    footer_text = meta.get("footer", "")

    class CouncilPDF(FPDF):
        def footer(self) -> None:  # noqa: D401 - fpdf hook
            self.set_y(-14)
            self.set_font("DejaVu", "", 8)
            self.cell(0, 5, footer_text, align="C", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 4, f"Page {self.page_no()}", align="C")

    pdf = CouncilPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(keywords(meta))
    pdf.set_creator("Kelderbrook Borough Council")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()

    pdf.set_font("DejaVu", "", 9)
    for line in control_lines(meta):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    sizes = {1: 16, 2: 12.5, 3: 11, 4: 10.5}
    for block in blocks:
        kind = block[0]
        if kind == "h":
            level, text = block[1], block[2]
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.ln(3 if level > 1 else 0)
            pdf.start_section(text, level=level - 1)
            pdf.set_font("DejaVu", "B", sizes[level])
            pdf.multi_cell(0, 7 if level == 1 else 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "p":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5.2, block[1], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "li":
            pdf.set_font("DejaVu", "", 10)
            pdf.set_x(pdf.l_margin + 5)
            pdf.multi_cell(0, 5.2, "\u2022 " + block[1], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)
        elif kind == "table":
            rows = block[1]
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(line_height=5, text_align="LEFT", padding=1.5,
                           headings_style=FontFace(emphasis="BOLD")) as table:
                for r, row in enumerate(rows):
                    tr = table.row()
                    for cell_text in row:
                        tr.cell(cell_text)
            pdf.ln(3)
    pdf.output(str(dest))


# --------------------------------------------------------------------------
def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        if old.is_file():
            old.unlink()
    built = []
    for src in sorted(SOURCES.iterdir()):
        if not src.is_file():
            continue
        if src.suffix == ".md":
            meta, body = split_front_matter(src.read_text(encoding="utf-8"))
            output = meta.get("output")
            if output in ("docx", "pdf"):
                dest = OUT / (src.stem + "." + output)
                blocks = parse_blocks(body)
                (render_docx if output == "docx" else render_pdf)(meta, blocks, dest)
                built.append(dest)
                continue
        dest = OUT / src.name
        shutil.copyfile(src, dest)
        built.append(dest)

    stems = [p.stem for p in built]
    if len(stems) != len(set(stems)):
        print("ERROR: more than one file for the same document", file=sys.stderr)
        return 1
    for p in built:
        print(f"built {p.relative_to(HERE.parent)} ({p.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
