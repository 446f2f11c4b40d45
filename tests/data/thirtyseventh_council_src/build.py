#!/usr/bin/env python3
"""Build the thirty-seventh council library (Harrowdene Borough Council).

Renders every file in sources/ into ../thirtyseventh_council/:

* ``*.md`` sources carry YAML front matter with ``output:`` (html, docx, pdf or md)
  and ``file:`` (the name of the built document);
* ``*.txt`` sources are plain-text documents and are copied as they are.

Exactly one file is written per document.  Run with the project's virtualenv:

    /work/main/.venv/bin/python tests/data/thirtyseventh_council_src/build.py
"""
from __future__ import annotations

import datetime as _dt
import html
import re
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE.parent / "thirtyseventh_council"

COUNCIL = "Harrowdene Borough Council"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# keys that belong to the build, never to the published document
BUILD_KEYS = {"output", "file", "breadcrumb", "updated", "header"}


# --------------------------------------------------------------------------- parsing
def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        raise ValueError("source has no front matter")
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end]) or {}
    return meta, text[end + 5:]


def parse_blocks(body: str) -> list[tuple]:
    """Very small Markdown subset: headings, paragraphs, bullet lists, pipe tables."""
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
            blocks.append(("heading", len(m.group(1)), m.group(2).strip()))
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


def long_date(value) -> str:
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value)
    return f"{value.day} {value.strftime('%B %Y')}"


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


# --------------------------------------------------------------------------- HTML
HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} | {council}</title>
  <meta name="audience" content="{audience}">
  <meta name="owner" content="{owner}">
  <meta name="version" content="{version}">
  <meta name="review_date" content="{review_date}">
  <meta name="description" content="Guidance for voluntary and community groups applying to the Thriving Communities Fund.">
  <link rel="stylesheet" href="/assets/css/harrowdene-2024.min.css">
  <script src="/assets/js/cookie-consent.js" defer></script>
</head>
<body class="page-guide">
  <a class="skip-link" href="#main-content">Skip to main content</a>
  <div class="cookie-banner" role="region" aria-label="Cookie banner">
    <p><strong>Cookies on harrowdene.gov.uk</strong></p>
    <p>We use some essential cookies to make this website work. We would also like to set analytics cookies to understand how you use the website.</p>
    <button type="button" class="button">Accept analytics cookies</button>
    <button type="button" class="button button--secondary">Reject analytics cookies</button>
  </div>
  <header class="site-header">
    <a href="/" class="site-header__logo"><img src="/assets/img/harrowdene-logo.svg" alt="{council} home page"></a>
    <form class="site-search" action="/search" method="get">
      <label for="q">Search this site</label>
      <input type="search" id="q" name="q"><button type="submit">Search</button>
    </form>
    <nav class="site-nav" aria-label="Main menu">
      <ul>
        <li><a href="/">Home</a></li>
        <li><a href="/business">Business</a></li>
        <li><a href="/community-and-living">Community and living</a></li>
        <li><a href="/jobs-and-skills">Jobs and skills</a></li>
        <li><a href="/council-and-democracy">Council and democracy</a></li>
        <li><a href="/contact-us">Contact us</a></li>
      </ul>
    </nav>
  </header>
  <nav class="breadcrumb" aria-label="Breadcrumb">
    <ol>
      <li><a href="/">Home</a></li>
{crumbs}
    </ol>
  </nav>
  <main id="main-content" class="content">
    <h1>{title}</h1>
    <p class="page-meta">Last updated: {updated}</p>
{body}
  </main>
  <aside class="related-links" aria-label="Related pages">
    <p><strong>Related pages</strong></p>
    <ul>
      <li><a href="/community-and-living/volunteering">Volunteering in Harrowdene</a></li>
      <li><a href="/business/selling-to-the-council">Selling to the council</a></li>
      <li><a href="/jobs-and-skills/harrowdene-works">Harrowdene Works employment support</a></li>
    </ul>
  </aside>
  <footer class="site-footer">
    <ul class="site-footer__links">
      <li><a href="/accessibility">Accessibility statement</a></li>
      <li><a href="/privacy">Privacy notice</a></li>
      <li><a href="/cookies">Cookies</a></li>
      <li><a href="/foi">Freedom of information</a></li>
    </ul>
    <p>{council}, Town Hall, Corn Exchange Square, Harrowdene</p>
    <p>&copy; {year} {council}</p>
  </footer>
</body>
</html>
"""


def render_html(meta: dict, blocks: list[tuple], dest: Path) -> None:
    e = html.escape
    out: list[str] = []
    for b in blocks:
        if b[0] == "heading":
            lvl = min(b[1] + 1, 4)
            out.append(f"    <h{lvl}>{e(b[2])}</h{lvl}>")
        elif b[0] == "para":
            out.append(f"    <p>{e(b[1])}</p>")
        elif b[0] == "bullets":
            out.append("    <ul>")
            out += [f"      <li>{e(it)}</li>" for it in b[1]]
            out.append("    </ul>")
        elif b[0] == "table":
            rows = b[1]
            out.append('    <table class="data-table">')
            out.append("      <thead><tr>" + "".join(f"<th scope=\"col\">{e(c)}</th>" for c in rows[0]) + "</tr></thead>")
            out.append("      <tbody>")
            for r in rows[1:]:
                out.append("        <tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>")
            out.append("      </tbody>")
            out.append("    </table>")
    crumbs = "\n".join(
        f'      <li><a href="#">{e(c.strip())}</a></li>' for c in meta.get("breadcrumb", "").split(">") if c.strip()
    )
    page = HTML_TEMPLATE.format(
        title=e(meta["title"]), council=COUNCIL, audience=e(meta["audience"]), owner=e(meta["owner"]),
        version=e(str(meta["version"])), review_date=e(str(meta["review_date"])),
        updated=e(str(meta.get("updated", ""))), crumbs=crumbs, body="\n".join(out), year=2025,
    )
    dest.write_text(page, encoding="utf-8")


# --------------------------------------------------------------------------- DOCX
def render_docx(meta: dict, blocks: list[tuple], dest: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.name = "Arial"
    d.styles["Normal"].font.size = Pt(11)
    for line in control_block(meta):
        d.add_paragraph(line)
    d.add_paragraph(meta["title"], style="Title")
    d.add_paragraph(COUNCIL)
    for b in blocks:
        if b[0] == "heading":
            d.add_heading(b[2], level=b[1])
        elif b[0] == "para":
            d.add_paragraph(b[1])
        elif b[0] == "bullets":
            for it in b[1]:
                d.add_paragraph(it, style="List Bullet")
        elif b[0] == "table":
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = val
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            d.add_paragraph("")
    sec = d.sections[0]
    sec.header.paragraphs[0].text = meta.get("header", COUNCIL)
    sec.footer.paragraphs[0].text = f"Version {meta['version']} – review date {long_date(meta['review_date'])}"
    cp = d.core_properties
    cp.title = meta["title"]
    cp.author = meta["owner"]
    cp.category = meta["audience"]
    cp.subject = f"version {meta['version']}"
    cp.keywords = f"audience: {meta['audience']}"
    cp.created = _dt.datetime(2025, 7, 14, 9, 0, 0)
    cp.modified = _dt.datetime(2025, 7, 14, 9, 0, 0)
    cp.last_modified_by = meta["owner"]
    cp.revision = 1
    d.save(dest)


# --------------------------------------------------------------------------- PDF
def render_pdf(meta: dict, blocks: list[tuple], dest: Path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    header_text = meta.get("header", COUNCIL)
    footer_text = f"Version {meta['version']} – review date {long_date(meta['review_date'])}"

    class Doc(FPDF):
        def header(self):
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 6, header_text, new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            self.ln(2)

        def footer(self):
            self.set_y(-14)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 6, f"{footer_text}    Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = Doc(format="A4")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 14, 18)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(meta["title"])
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(f"audience: {meta['audience']}")
    pdf.set_creator("Harrowdene Borough Council document build")
    pdf.set_creation_date(_dt.datetime(2025, 6, 2, 10, 0, 0, tzinfo=_dt.timezone.utc))
    pdf.add_page()

    pdf.set_font("DejaVu", "", 9)
    for line in control_block(meta):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, meta["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, COUNCIL, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    for b in blocks:
        if b[0] == "heading":
            if pdf.get_y() > pdf.h - 40:
                pdf.add_page()
            pdf.ln(2)
            pdf.start_section(b[2], level=b[1] - 1)
            pdf.set_font("DejaVu", "B", 13 if b[1] == 1 else 11)
            pdf.multi_cell(0, 7, b[2], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif b[0] == "para":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5, b[1], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b[0] == "bullets":
            pdf.set_font("DejaVu", "", 10)
            for it in b[1]:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(width - 4, 5, "• " + it, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b[0] == "table":
            rows = b[1]
            pdf.set_font("DejaVu", "", 8.5)
            ncol = len(rows[0])
            if ncol == 5:
                widths = (52, 14, 24, 20, 64)
            elif ncol == 4:
                widths = (50, 60, 32, 32)
            else:
                widths = tuple([1] * ncol)
            with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.5,
                           headings_style=FontFace(emphasis="BOLD", fill_color=(225, 232, 240))) as table:
                for row in rows:
                    r = table.row()
                    for val in row:
                        r.cell(val)
            pdf.ln(3)
    pdf.output(str(dest))


# --------------------------------------------------------------------------- Markdown
def render_md(meta: dict, body: str, dest: Path) -> None:
    keep = {k: v for k, v in meta.items() if k not in BUILD_KEYS}
    lines = ["---"]
    for k, v in keep.items():
        if k == "version":
            lines.append(f'{k}: "{v}"')
        else:
            lines.append(f"{k}: {v}")
    lines.append("---")
    dest.write_text("\n".join(lines) + "\n" + body.lstrip("\n"), encoding="utf-8")


# --------------------------------------------------------------------------- main
def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    built: list[str] = []
    for src in sorted(SOURCES.iterdir()):
        if src.suffix == ".txt":
            dest = OUT / src.name
            shutil.copyfile(src, dest)
        elif src.suffix == ".md":
            meta, body = split_front_matter(src.read_text(encoding="utf-8"))
            dest = OUT / meta["file"]
            kind = meta["output"]
            if kind == "md":
                render_md(meta, body, dest)
            else:
                blocks = parse_blocks(body)
                {"html": render_html, "docx": render_docx, "pdf": render_pdf}[kind](meta, blocks, dest)
        else:
            continue
        built.append(dest.name)
    # one file per document: remove anything in the library folder we did not build
    for f in OUT.iterdir():
        if f.name not in built:
            print(f"removing stale file {f.name}")
            f.unlink()
    stems = [Path(n).stem for n in built]
    if len(set(stems)) != len(stems):
        print("error: two built files share a document name", file=sys.stderr)
        return 1
    for n in built:
        print(f"built {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
