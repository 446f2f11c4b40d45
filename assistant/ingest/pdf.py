"""PDF: the text layer via pypdf; the outline (bookmarks) gives the sections.

Without an outline, headings fall back to line shapes (numbered or ALL-CAPS short lines) and to
font size: lines set larger than the body text are headings.
"""

from __future__ import annotations

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


def _large_lines(reader) -> set[str]:
    """Lines set in a font clearly larger than the body: headings when there is no outline."""
    sizes: dict[str, float] = {}
    counts: dict[float, int] = {}

    def visit(text, cm, tm, font_dict, font_size):
        t = " ".join(text.split())
        if not t:
            return
        size = round(font_size * (abs(tm[3]) or 1.0) * (abs(cm[3]) or 1.0), 1)
        sizes[t] = max(size, sizes.get(t, 0))
        counts[size] = counts.get(size, 0) + len(t)

    for page in reader.pages:
        try:
            page.extract_text(visitor_text=visit)
        except Exception:
            continue
    if not counts:
        return set()
    body = max(counts, key=counts.get)
    return {t for t, s in sizes.items() if s >= body * 1.15 and len(t.split()) <= 14}


def pdf_document(path: Path) -> tuple[dict[str, str], list[Block], Marks]:
    """Metadata, blocks, and where the file declares its audience (keywords; every page line, so a
    marking in a page header or footer counts; a line number here is the page number)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as exc:
            raise ValueError("the PDF is encrypted") from exc
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
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        lines.extend((line, number) for line in text.splitlines())
    marks.lines.extend(("marking on page", line, number) for line, number in lines)
    if not any(l.strip() for l, _ in lines):
        raise ValueError("the PDF has no text layer (a scan?); nothing to index")
    outline = _outline(reader)
    if not outline:
        large = _large_lines(reader)
        if large:
            outline = []
            for line, _ in lines:
                t = " ".join(line.split())
                if t in large:
                    outline.append((t, 0 if not outline else 1))
    return meta, text_blocks(lines, reflow=True, outline=outline or None), marks
