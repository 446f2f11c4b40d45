"""DOCX: python-docx paragraphs and tables in body order; Heading styles give the sections.

Numbers Word adds itself (multilevel lists: "5.", "5.2", "(a)") are worked out by
docx_numbering.py and put back in front of the text, so an automatically numbered clause is
cited as 5.2 like a typed one, and a numbered heading keeps its number."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.ingest.audience import Marks
from assistant.ingest.docx_numbering import W, Numbering
from assistant.ingest.model import Block

_MULTILEVEL = re.compile(r"\d+(?:\.\d+)+")   # "5.2", "5.2.1": a clause number
# A paragraph's text as Word shows it: python-docx's `text` reads only direct runs and links,
# so words in a tracked insertion, an inline content control, a smart tag or a simple field
# were lost ("within [30] days" read "within  days"). Deleted text (w:del) stays out.
_TEXT = ("w:r | w:hyperlink | w:ins/w:r | w:ins/w:hyperlink | w:smartTag/w:r | w:fldSimple/w:r | "
         "w:sdt/w:sdtContent/w:r | w:customXml/w:r")


def _paragraph_text(p) -> str:
    return "".join(e.text for e in p.xpath(_TEXT))


def _body_blocks(parent):
    """The body's paragraphs and tables in order, through block content controls (w:sdt), which
    Word templates wrap around whole sections and python-docx's body does not open."""
    for child in parent.iterchildren():
        if child.tag.rsplit("}", 1)[-1] == "sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)
        else:
            yield child


def _heading_level(style_name: str) -> int | None:
    name = (style_name or "").lower()
    if name == "title":
        return 1
    m = re.match(r"heading\s*(\d)", name)
    return int(m.group(1)) if m else None


def _shaped_heading(para, text: str, levels: dict[str, int]) -> int | None:
    """Headings in a document written without Heading styles: a short paragraph set all in bold,
    or one shaped like a heading (numbered, ALL CAPS). Levels follow the order styles first appear."""
    from assistant.ingest.plaintext import heading_style

    runs = [r for r in para.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold or (r.font is not None and r.font.bold) for r in runs)
    shape = heading_style(text)
    if bold and len(text.split()) <= 14 and not text.rstrip().endswith((".", ";", ",")):
        key = shape or "bold"
    elif shape:
        key = shape
    else:
        return None
    return levels.setdefault(key, len(levels) + 1)


MAX_UNPACKED = 100 * 2**20   # a real .docx of at most 50 MiB (ingest's limit) unpacks to far less


def _check_package(path: Path) -> None:
    """Refuse what is not a zip package, and a package that would unpack to more than MAX_UNPACKED
    (python-docx reads every part into memory: a 3 MB zip bomb took 16 GB). The sizes are the
    ones the zip declares; zipfile never unpacks more than a member declares."""
    import zipfile

    if not zipfile.is_zipfile(path):
        raise ValueError("not a Word document: a .docx is a zip package and this file is not one "
                         "(a renamed .doc or a damaged file?)")
    with zipfile.ZipFile(path) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    if unpacked > MAX_UNPACKED:
        raise ValueError(f"the package unpacks to {unpacked / 2**20:,.0f} MiB, more than {MAX_UNPACKED // 2**20} MiB "
                         "(a zip bomb or a damaged file); not read")


def docx_document(path: Path) -> tuple[dict[str, str], list[Block], Marks]:
    """Metadata, blocks, and where the file declares its audience: core properties (category,
    keywords `audience: …; classification: …`) and page headers and footers (a marking there has
    no body line, so it is reported at line 0 of the file)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_package(path)
    doc = docx.Document(str(path))
    props = doc.core_properties
    meta: dict[str, str] = {}
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["owner"] = props.author
    marks = Marks()
    if props.category:
        meta["audience"] = props.category
        marks.pairs.append(("document properties (category)", "audience", props.category, 0))
    for part in (props.keywords or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            marks.pairs.append(("document properties keywords", k.strip(), v.strip(), 0))
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            try:
                marks.lines.extend(("page header or footer", p.text, 0) for p in part.paragraphs if p.text.strip())
            except Exception:  # a broken header is no reason to lose the body
                continue
    if props.subject and props.subject.lower().startswith("version "):
        meta["version"] = props.subject[8:].strip()
    blocks: list[Block] = []
    resolved: dict = {}

    def style_of(p):
        """`p.style`, resolved once per style id: python-docx looks it up (default style, XPath)
        on every access, which was most of the time spent reading a DOCX."""
        sid = p._p.style
        if sid not in resolved:
            resolved[sid] = p.style
        return resolved[sid]

    has_title_style = any((style_of(p).name or "").lower() == "title" for p in doc.paragraphs[:5])
    styled = any(_heading_level(style_of(p).name if style_of(p) is not None else "") for p in doc.paragraphs)
    levels: dict[str, int] = {}
    numbering = Numbering.of(doc)
    for index, child in enumerate(_body_blocks(doc.element.body)):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, doc)
            text = _paragraph_text(child).strip()
            shown = numbering.label(child, child.style)   # counted even when empty, as Word does
            if not text:
                continue
            label = shown[0] if shown and not shown[1] else ""
            style = style_of(para).name if style_of(para) is not None else ""
            level = _heading_level(style)
            if level is None and not styled:
                level = _shaped_heading(para, f"{label} {text}" if label else text, levels)
            ilvl = child.find(".//{*}ilvl")
            depth = int(ilvl.get(f"{W}val", 0)) + 1 if ilvl is not None else 1
            number = label.rstrip(".)")
            if level is not None:
                blocks.append(Block("heading", f"{label} {text}" if label else text,
                                    level=level + (1 if has_title_style and style.lower() != "title" else 0), line=index + 1))
            elif label and _MULTILEVEL.fullmatch(number):
                blocks.append(Block("para", f"{number} {text}", line=index + 1))     # clause 5.2
            elif label and number.isdigit():
                blocks.append(Block("item", text, level=depth, line=index + 1, number=number))
            elif label:
                blocks.append(Block("item", f"{label} {text}", level=depth, line=index + 1))
            elif shown or "list" in style.lower() or child.find(".//{*}numPr") is not None:
                blocks.append(Block("item", text, level=depth, line=index + 1))
            else:
                blocks.append(Block("para", text, line=index + 1))
        elif tag == "tbl":
            table = Table(child, doc)
            rows = []
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    t = " ".join(" ".join(_paragraph_text(q._p) for q in cell.paragraphs).split())
                    if not cells or t != cells[-1]:  # merged cells repeat their text
                        cells.append(t)
                rows.append(tuple(cells))
            if rows:
                blocks.append(Block("table", rows=tuple(rows), header=len(rows) > 1, line=index + 1))
    return meta, blocks, marks
