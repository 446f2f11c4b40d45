"""Build the generated documents of the Carrow Fen test library.

Sources are Markdown files with YAML front matter in sources/.  The front
matter key `output` says what to build:

  output: pdf    -> PDF without bookmarks; headings are short bold lines
  output: docx   -> DOCX; `heading_mode: bold` writes headings as numbered
                    bold Normal paragraphs, `heading_mode: styles` uses
                    Word's Heading 1 / Heading 2 styles

Every generated document starts with a document control block (Title,
Owner, Version, Review date, Audience [, Classification]) and also carries
the metadata in the file's own properties.

Run:  /work/main/.venv/bin/python build.py
"""
from __future__ import annotations

import pathlib
import re

import yaml

HERE = pathlib.Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE.parent / "thirtyfourth_council"
FONTS = pathlib.Path("/usr/share/fonts/truetype/dejavu")


def read_source(path: pathlib.Path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    meta = yaml.safe_load(m.group(1))
    body = text[m.end():]
    return meta, parse_blocks(body)


def parse_blocks(body: str):
    """Return a list of blocks: (kind, payload).

    kinds: heading (level, text), para (text), bullets ([items]),
    table ([[cells]...]) with the first row as header.
    """
    blocks = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            blocks.append(("heading", (len(m.group(1)), m.group(2).strip())))
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
            blocks.append(("bullets", items))
            continue
        para = [line.strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#{1,4}\s|\||- )", lines[i]):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("para", " ".join(para)))
    return blocks


def control_block(meta):
    rows = [
        ("Title", meta["title"]),
        ("Owner", meta["owner"]),
        ("Version", str(meta["version"])),
        ("Review date", str(meta["review_date"])),
        ("Audience", meta["audience"]),
    ]
    if meta.get("classification"):
        rows.append(("Classification", meta["classification"]))
    return [f"{k}: {v}" for k, v in rows]


def keywords(meta):
    kw = f"audience: {meta['audience']}"
    if meta.get("classification"):
        kw += f"; classification: {meta['classification']}"
    return kw


# --------------------------------------------------------------------- PDF
def build_pdf(meta, blocks, target: pathlib.Path):
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    footer_text = meta.get("footer", meta["title"])

    class Doc(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.cell(0, 5, f"{footer_text} – page {self.page_no()}", align="C")

    pdf = Doc(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(keywords(meta))
    pdf.set_creator("Carrow Fen County Council")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()

    pdf.set_font("DejaVu", "", 9)
    for line in control_block(meta):
        pdf.multi_cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)

    for kind, payload in blocks:
        if kind == "heading":
            _, text = payload
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "para":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5.2, payload, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "bullets":
            pdf.set_font("DejaVu", "", 10)
            for item in payload:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(0, 5.2, "• " + item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("DejaVu", "", 9)
            ncols = len(payload[0])
            widths = {2: (95, 75), 3: (62, 54, 54)}.get(ncols)
            plain = FontFace(emphasis="", fill_color=(225, 232, 240))
            with pdf.table(
                col_widths=widths,
                headings_style=plain,
                line_height=4.8,
                text_align="LEFT",
                first_row_as_headings=True,
            ) as table:
                for row in payload:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
    pdf.output(str(target))


# -------------------------------------------------------------------- DOCX
def build_docx(meta, blocks, target: pathlib.Path):
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

    if meta.get("header"):
        hp = doc.sections[0].header.paragraphs[0]
        hp.text = meta["header"]

    for line in control_block(meta):
        p = doc.add_paragraph(line)
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph("")

    mode = meta.get("heading_mode", "styles")
    for kind, payload in blocks:
        if kind == "heading":
            level, text = payload
            if mode == "bold":
                p = doc.add_paragraph()
                run = p.add_run(text)
                run.bold = True
                run.font.size = Pt(12)
                p.paragraph_format.space_before = Pt(10)
                p.paragraph_format.keep_with_next = True
            else:
                doc.add_heading(text, level=level)
        elif kind == "para":
            doc.add_paragraph(payload)
        elif kind == "bullets":
            for item in payload:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, cell in enumerate(row):
                    c = table.cell(ri, ci)
                    c.text = ""
                    run = c.paragraphs[0].add_run(cell)
                    if ri == 0:
                        run.bold = True
            doc.add_paragraph("")
    doc.save(str(target))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for src in sorted(SOURCES.glob("*.md")):
        meta, blocks = read_source(src)
        fmt = meta.get("output")
        target = OUT / (src.stem + "." + fmt)
        if fmt == "pdf":
            build_pdf(meta, blocks, target)
        elif fmt == "docx":
            build_docx(meta, blocks, target)
        else:
            raise SystemExit(f"{src.name}: unknown output {fmt!r}")
        words = sum(len(str(p if not isinstance(p, (list, tuple)) else p).split()) for _, p in blocks)
        print(f"built {target.relative_to(HERE.parent)} (~{words} words)")


if __name__ == "__main__":
    main()
