#!/usr/bin/env python3
"""Build the thirty-sixth council library (Lydgate Moor Council).

Renders every source in sources/ into ../thirtysixth_council/:

* ``*.src.md`` files carry YAML front matter with ``output:`` (html, docx, pdf
  or md) and ``file:`` (the library file name); the body is a small Markdown
  subset (headings, paragraphs, ``-`` bullets and pipe tables).
* ``*.txt`` files are copied unchanged.

Exactly one library file is written per source; the library folder is cleared
of stale files first.

Run:  /work/main/.venv/bin/python tests/data/thirtysixth_council_src/build.py
"""
from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE.parent / "thirtysixth_council"

COUNCIL = "Lydgate Moor Council"
BUILD_ONLY_KEYS = {"output", "file", "control", "header", "breadcrumb", "updated"}


# --------------------------------------------------------------------------
# source parsing
# --------------------------------------------------------------------------
def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end]) or {}
    return meta, text[end + 5:]


def parse_blocks(body: str) -> list[tuple]:
    """Return blocks: ('h', level, text) | ('p', text) | ('ul', [items]) | ('table', header, rows)."""
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
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows[0], rows[1:]))
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


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------
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
<meta name="description" content="Clarification questions and answers for the Supported Living Framework 2026 tender.">
<link rel="stylesheet" href="/assets/css/lmc-main.min.css?v=4.2.1">
<link rel="icon" href="/favicon.ico">
</head>
<body class="page-template-faq">
<a class="skip-link" href="#main-content">Skip to main content</a>
<div class="cookie-banner" role="region" aria-label="Cookies on the Lydgate Moor Council website">
  <p>We use some essential cookies to make this website work. We would also like to set analytics cookies to understand how you use the site.</p>
  <button type="button">Accept analytics cookies</button> <button type="button">Reject analytics cookies</button> <a href="/cookies">View cookies</a>
</div>
<header class="site-header">
  <div class="site-header__logo"><a href="/"><img src="/assets/img/lmc-logo.svg" alt="Lydgate Moor Council home page"></a></div>
  <form class="site-search" action="/search" method="get" role="search">
    <label for="q" class="visually-hidden">Search this site</label>
    <input id="q" name="q" type="search" placeholder="Search"> <button type="submit">Search</button>
  </form>
  <nav class="site-nav" aria-label="Main menu">
    <ul>
      <li><a href="/bins-and-recycling">Bins and recycling</a></li>
      <li><a href="/council-tax">Council tax</a></li>
      <li><a href="/adult-social-care">Adult social care</a></li>
      <li><a href="/business">Business</a></li>
      <li><a href="/jobs">Jobs</a></li>
      <li><a href="/your-council">Your council</a></li>
    </ul>
  </nav>
</header>
<div class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> &gt; {breadcrumb}</div>
<main id="main-content">
<article class="faq">
{content}
<p class="last-updated">Last updated: {updated}</p>
</article>
<aside class="related-links">
  <p class="related-links__title">Related pages</p>
  <ul>
    <li><a href="/business/tenders/current-opportunities">Current tender opportunities</a></li>
    <li><a href="/adult-social-care/providers">Information for care providers</a></li>
    <li><a href="/adult-social-care/providers/quality">Provider quality standards</a></li>
  </ul>
</aside>
<div class="feedback"><p>Was this page useful? <a href="/feedback?page=sl-framework-faq">Yes</a> <a href="/feedback?page=sl-framework-faq&amp;v=no">No</a></p></div>
</main>
<footer class="site-footer">
  <ul class="site-footer__links">
    <li><a href="/accessibility">Accessibility statement</a></li>
    <li><a href="/privacy">Privacy notice</a></li>
    <li><a href="/cookies">Cookies</a></li>
    <li><a href="/contact">Contact the council</a></li>
  </ul>
  <p>Lydgate Moor Council, Town Hall, Market Street, Lydgate LM1 2AB. Telephone 01632 960 000.</p>
  <p>&copy; Lydgate Moor Council 2026</p>
</footer>
<script src="/assets/js/lmc-main.min.js?v=4.2.1" defer></script>
</body>
</html>
"""


def render_html(meta: dict, blocks: list[tuple], dest: Path) -> None:
    parts: list[str] = []
    for b in blocks:
        if b[0] == "h":
            parts.append(f"<h{b[1]}>{html.escape(b[2])}</h{b[1]}>")
        elif b[0] == "p":
            parts.append(f"<p>{html.escape(b[1])}</p>")
        elif b[0] == "ul":
            parts.append("<ul>\n" + "\n".join(f"  <li>{html.escape(x)}</li>" for x in b[1]) + "\n</ul>")
        elif b[0] == "table":
            head = "".join(f"<th scope=\"col\">{html.escape(c)}</th>" for c in b[1])
            body = "\n".join(
                "    <tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in b[2]
            )
            parts.append(
                f"<table class=\"lmc-table\">\n  <thead><tr>{head}</tr></thead>\n  <tbody>\n{body}\n  </tbody>\n</table>"
            )
    page = HTML_TEMPLATE.format(
        title=html.escape(meta["title"]),
        council=COUNCIL,
        audience=meta["audience"],
        owner=html.escape(meta["owner"]),
        version=meta["version"],
        review_date=meta["review_date"],
        breadcrumb=html.escape(meta.get("breadcrumb", "")).replace("&gt;", "&gt;"),
        updated=meta.get("updated", ""),
        content="\n".join(parts),
    )
    dest.write_text(page, encoding="utf-8")


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def render_docx(meta: dict, blocks: list[tuple], dest: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)

    section = d.sections[0]
    marking = meta.get("header")
    head_p = section.header.paragraphs[0]
    head_p.text = marking if marking else f"{COUNCIL} – Adult Social Care Commissioning"
    foot_p = section.footer.paragraphs[0]
    foot_p.text = f"{meta['title']} – version {meta['version']}"
    if marking:
        foot_p.text += f"\n{marking}"

    for key, value in (meta.get("control") or {}).items():
        d.add_paragraph(f"{key}: {value}")
    d.add_paragraph("")

    for b in blocks:
        if b[0] == "h":
            d.add_heading(b[2], level=b[1])
        elif b[0] == "p":
            d.add_paragraph(b[1])
        elif b[0] == "ul":
            for item in b[1]:
                d.add_paragraph(item, style="List Bullet")
        elif b[0] == "table":
            t = d.add_table(rows=1 + len(b[2]), cols=len(b[1]))
            t.style = "Table Grid"
            for j, c in enumerate(b[1]):
                cell = t.rows[0].cells[j]
                cell.text = ""
                run = cell.paragraphs[0].add_run(c)
                run.bold = True
            for i, row in enumerate(b[2], start=1):
                for j, c in enumerate(row):
                    t.rows[i].cells[j].text = c
            d.add_paragraph("")

    cp = d.core_properties
    cp.title = meta["title"]
    cp.author = meta["owner"]
    cp.category = meta["audience"]
    cp.subject = f"version {meta['version']}"
    kw = f"audience: {meta['audience']}"
    if meta.get("classification"):
        kw += f"; classification: {meta['classification']}"
    cp.keywords = kw
    cp.comments = f"Review date {meta['review_date']}"
    d.save(dest)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def render_pdf(meta: dict, blocks: list[tuple], dest: Path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    font_dir = Path("/usr/share/fonts/truetype/dejavu")
    title = meta["title"]

    class HandbookPDF(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font(FONT, "", 8)
            self.cell(0, 6, f"{COUNCIL} · {title} · version {meta['version']} · page {self.page_no()} of {{nb}}",
                      align="C")

    pdf = HandbookPDF(format="A4")
    if (font_dir / "DejaVuSans.ttf").exists():
        pdf.add_font("DejaVu", "", str(font_dir / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(font_dir / "DejaVuSans-Bold.ttf"))
        FONT = "DejaVu"
    else:  # pragma: no cover - fallback keeps to latin-1
        FONT = "Helvetica"
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(title)
    pdf.set_author(meta["owner"])
    pdf.set_subject(f"version {meta['version']}")
    pdf.set_keywords(f"audience: {meta['audience']}")
    pdf.set_creator(f"{COUNCIL} document build")
    pdf.add_page()

    pdf.set_font(FONT, "", 10)
    for key, value in (meta.get("control") or {}).items():
        pdf.cell(0, 5.5, f"{key}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "", 18)
    pdf.multi_cell(0, 9, f"{COUNCIL}\n{title}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for b in blocks:
        if b[0] == "h":
            pdf.ln(3)
            pdf.start_section(b[2], level=b[1] - 1)
            pdf.set_font(FONT, "B", 13 if b[1] == 1 else 11)
            pdf.multi_cell(0, 7, b[2], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif b[0] == "p":
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(0, 5.5, b[1], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b[0] == "ul":
            pdf.set_font(FONT, "", 10)
            for item in b[1]:
                pdf.multi_cell(0, 5.5, f"•  {item}", align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b[0] == "table":
            pdf.set_font(FONT, "", 9)
            ncols = len(b[1])
            widths = {2: (45, 125), 3: (52, 60, 58)}.get(ncols)
            with pdf.table(col_widths=widths, first_row_as_headings=True,
                           headings_style=FontFace(emphasis="BOLD"), line_height=5) as table:
                for row in [b[1]] + b[2]:
                    r = table.row()
                    for c in row:
                        r.cell(c)
            pdf.ln(3)
    pdf.output(str(dest))


# --------------------------------------------------------------------------
# Markdown / text
# --------------------------------------------------------------------------
def render_md(meta: dict, body: str, dest: Path) -> None:
    fm = {k: v for k, v in meta.items() if k not in BUILD_ONLY_KEYS}
    lines = ["---"]
    for k, v in fm.items():
        if k == "version":
            lines.append(f'{k}: "{v}"')
        else:
            lines.append(f"{k}: {v}")
    lines.append("---")
    dest.write_text("\n".join(lines) + "\n" + body.lstrip("\n"), encoding="utf-8")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        if old.is_file():
            old.unlink()
    built = []
    for src in sorted(SOURCES.iterdir()):
        if src.name.endswith(".src.md"):
            meta, body = split_front_matter(src.read_text(encoding="utf-8"))
            dest = OUT / meta["file"]
            kind = meta["output"]
            if kind == "md":
                render_md(meta, body, dest)
            else:
                blocks = parse_blocks(body)
                {"html": render_html, "docx": render_docx, "pdf": render_pdf}[kind](meta, blocks, dest)
        elif src.suffix == ".txt":
            dest = OUT / src.name
            shutil.copyfile(src, dest)
        else:
            continue
        built.append(dest.name)
    for name in built:
        print(f"built {OUT.name}/{name}")
    if len(built) != len(set(built)):
        print("duplicate output names", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
