"""PDF: the text layer via pypdf; the outline (bookmarks) gives the sections; tables via pdfplumber.

Without an outline, headings fall back to the font: short lines set larger than the body text,
or in bold, are headings (the larger the higher).

A PDF's text layer runs a table's cells together ("Check What the council asks … Applies to"),
so a quoted row would be unreadable. pdfplumber finds ruled tables by their lines; on a page
that has one, the text outside the tables comes from pdfplumber too, in order from the top, and
each table becomes rows (a Markdown-style `| a | b |` line each, which the text reader turns into
a table block, so a row is quoted as "column: value" like HTML and DOCX tables). Pages without a
table keep pypdf's text exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.ingest.audience import Marks
from assistant.ingest.model import Block
from assistant.ingest.plaintext import text_blocks


def _outline(reader) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                title = getattr(item, "title", None) or (item.get("/Title") if hasattr(item, "get") else None)
                if title:
                    out.append((" ".join(str(title).split()), level))

    try:
        walk(reader.outline, 0)
    except Exception:  # a broken outline is no reason to lose the text
        return []
    return out


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)   # in a font's /BaseFont name


def _large_lines(reader) -> dict[str, float]:
    """Lines set apart from the body text, with their size: headings when there is no outline,
    the larger the higher. Set apart means a larger font (Word's headings run 12 to 16 pt over an
    11 pt body; a numbered heading at 12 pt over 10.5 is only 14 % larger) or a bold one at any
    size, on a short line that is not a sentence (a bold lead-in or warning ends with a full
    stop); a bold line at body size ranks below every larger one."""
    sizes: dict[str, float] = {}
    bold: set[str] = set()
    counts: dict[float, int] = {}

    def visit(text, cm, tm, font_dict, font_size):
        t = " ".join(text.split())
        if not t:
            return
        size = round(font_size * (abs(tm[3]) or 1.0) * (abs(cm[3]) or 1.0), 1)
        sizes[t] = max(size, sizes.get(t, 0))
        counts[size] = counts.get(size, 0) + len(t)
        if font_dict is not None and _BOLD.search(str(font_dict.get("/BaseFont", ""))):
            bold.add(t)

    for page in reader.pages:
        try:
            page.extract_text(visitor_text=visit)
        except Exception:
            continue
    if not counts:
        return {}
    body = max(counts, key=counts.get)

    def set_apart(t: str, s: float) -> bool:
        if s >= body * 1.15:
            return True
        sentence = t.endswith((".", ";", ","))
        return not sentence and (s >= body * 1.08 or t in bold)

    return {t: s for t, s in sizes.items() if len(t.split()) <= 14 and set_apart(t, s)}


def _cell(text: str | None) -> str:
    return " ".join((text or "").replace("|", "/").split())


# Content-stream operators that build a path (the only source of pdfplumber's rects and lines),
# and `Do`, which paints a form that may hold paths of its own, as whole tokens: between PDF
# whitespace or delimiters. A match inside a string or an inline image only costs a needless look.
_PATH_OP = re.compile(rb"(?<![^\s\x00()<>\[\]{}/%])(?:re|m|l|c|v|y|Do)(?![^\s\x00()<>\[\]{}/%])")


def _may_have_rules(page) -> bool:
    """Whether a page draws any path at all, from a scan of its content stream's bytes (a quarter
    of a millisecond a page; parsing the stream into operations took ten times as long). pdfplumber's
    own test, `page.rects or page.lines`, lays out every character of the page first, which is
    most of the cost of reading a PDF; a page without paths has neither."""
    try:
        contents = page.get_contents()
        return contents is not None and _PATH_OP.search(contents.get_data()) is not None
    except Exception:  # unreadable here: let pdfplumber decide
        return True


def _release(*pages) -> None:
    """Drop what pdfplumber keeps of a page read (its laid-out characters, as objects and as a
    text map) as soon as it is done with. Each page holds itself through its text-map cache, and
    `PDF.close` closes freshly made pages rather than the ones read, so otherwise all of it was
    left for the garbage collector: 70,000 objects for the shipped library's three table pages,
    25 ms of its first pass (which the indexer's encoding then paid)."""
    for page in pages:
        try:
            page.close()
        except Exception:  # releasing is only ever a saving
            pass


def _table_pages(path: Path, reader) -> dict[int, list[str]]:
    """{page number: its lines, tables as `| … |` rows} for the pages that hold a ruled table."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - pinned in requirements; the text layer still works
        return {}
    candidates = {n for n, page in enumerate(reader.pages, 1) if _may_have_rules(page)}
    if not candidates:
        return {}
    out: dict[int, list[str]] = {}
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                if number not in candidates:
                    continue
                if not (page.rects or page.lines):  # no rules on the page: no ruled table, skip the search
                    continue
                tables = [t for t in page.find_tables() if len(t.rows) >= 2]
                if not tables:
                    continue
                boxes = [t.bbox for t in tables]

                def outside(obj, boxes=boxes) -> bool:
                    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
                    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
                    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

                placed: list[tuple[float, list[str]]] = []
                around = page.filter(outside)
                for line in around.extract_text_lines():
                    placed.append((line["top"], [line["text"]]))
                for t in tables:
                    rows = [[_cell(c) for c in row] for row in t.extract()]
                    rows = [r for r in rows if any(r)]
                    placed.append((t.bbox[1], ["| " + " | ".join(r) + " |" for r in rows] + [""]))
                out[number] = [line for _, lines in sorted(placed, key=lambda p: p[0]) for line in lines]
                _release(around, page)
    except Exception:  # a PDF pdfplumber cannot read still has pypdf's text
        return {}
    return out


_EDGE = 3   # lines at the top and at the foot of a page where running headers and footers sit


_PAGE_NUMBER = re.compile(r"\bpage\s+\d+(?:\s*(?:of|/)\s*\d+)?\b|^\W*\d{1,4}\W*$", re.I)


def _edge_key(line: str) -> str | None:
    """What a header or footer line is recognised by: its text, with the numbers blanked only in
    a page number ("Page 2 of 9" and "Page 3 of 9" match; "Schedule 1" and "Schedule 2" do not).
    None for a table row, which repeats its shape on every page and is never furniture."""
    text = " ".join(line.split()).lower()
    if text.startswith("|"):
        return None
    return re.sub(r"\d+", "#", text) if _PAGE_NUMBER.search(text) else text


def running_lines(lines: list[tuple[str, int]]) -> set[tuple[str, int]]:
    """The (line, page) pairs that are running headers or footers: the same line (a page number
    aside) at the top or foot of two pages or more. Councils' PDFs repeat the title and "Page 3
    of 9" on every page; read as text, the title becomes a heading in the middle of a section (the
    clauses after it lose their section) and a footer splits a clause that runs over the page."""
    pages: dict[int, list[tuple[str, int]]] = {}
    for line, number in lines:
        if line.strip():
            pages.setdefault(number, []).append((line, number))
    if len(pages) < 2:
        return set()
    edges = {number: page[:_EDGE] + page[-_EDGE:] for number, page in pages.items()}
    seen: dict[str, set[int]] = {}
    for number, edge in edges.items():
        for line, _ in edge:
            key = _edge_key(line)
            if key:
                seen.setdefault(key, set()).add(number)
    repeated = {key for key, on in seen.items() if len(on) >= 2}
    return {pair for edge in edges.values() for pair in edge if _edge_key(pair[0]) in repeated}


def pdf_document(path: Path) -> tuple[dict[str, str], list[Block], Marks]:
    """Metadata, blocks, and where the file declares its audience (keywords; every page line, so a
    marking in a page header or footer counts; a line number here is the page number)."""
    from pypdf import PasswordType, PdfReader

    with open(path, "rb") as fh:
        if b"%PDF-" not in fh.read(1024):  # where every PDF reader looks for the header
            raise ValueError("not a PDF: it does not start with %PDF- (a renamed or damaged file?)")
    reader = PdfReader(str(path))
    if reader.is_encrypted:
        # Only a PDF with an empty user password (restrictions, no password to open) can be read.
        try:
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception:
            opened = False
        if not opened:
            raise ValueError("the PDF is password-protected: save a copy without the password and index that")
    if len(reader.pages) == 0:
        raise ValueError("the PDF has no pages")
    meta: dict[str, str] = {}
    info = reader.metadata or {}
    if info.get("/Title"):
        meta["title"] = str(info["/Title"])
    if info.get("/Author"):
        meta["owner"] = str(info["/Author"])
    subject = str(info.get("/Subject") or "")
    if subject.lower().startswith("version "):
        meta["version"] = subject[8:].strip()
    keywords = str(info.get("/Keywords") or "")
    marks = Marks()
    for part in keywords.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            marks.pairs.append(("PDF keywords", k.strip(), v.strip(), 0))
            if k.strip().lower() in ("audience", "classification"):
                meta["audience"] = v.strip()
    lines: list[tuple[str, int]] = []
    tabled = _table_pages(path, reader)
    for number, page in enumerate(reader.pages, 1):
        if number in tabled:
            lines.extend((line, number) for line in tabled[number])
            continue
        text = page.extract_text() or ""
        lines.extend((line, number) for line in text.splitlines())
    marks.lines.extend(("marking on page", line, number) for line, number in lines)
    if not any(l.strip() for l, _ in lines):
        raise ValueError("the PDF has no text layer (a scan?); nothing to index")
    running = running_lines(lines)   # still read for markings above: a header may say OFFICIAL
    lines = [pair for pair in lines if pair not in running]
    outline = _outline(reader)
    if not outline:
        large = _large_lines(reader)
        if large:
            # Levels by size, largest first: the title (when it is not a running header, which is
            # gone by now) above the sections, sections above their sub-headings.
            rank = {size: level for level, size in enumerate(sorted(set(large.values()), reverse=True))}
            outline = [(t, rank[large[t]]) for t in (" ".join(line.split()) for line, _ in lines) if t in large]
    return meta, text_blocks(lines, reflow=True, outline=outline or None), marks
