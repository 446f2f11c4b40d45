"""Cut a document's blocks into sections and clauses, the same way for every format.

Why clause-sized passages: an officer wants the one rule that answers the question, quoted
whole and citable, not a page. A numbered paragraph is a clause; a list belongs to the paragraph
that introduces it; a table row is a clause that keeps its column headers; unnumbered paragraphs
are grouped into short runs so that a FAQ answer stays together.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from assistant.ingest.model import Document, Passage
from assistant.textnorm import clean

# "5.2 ", "5.2.1 ", "5.2(a) ", "(c) ", "C3.1 " at the start of a paragraph. A lone integer is not a
# clause number (it is too often a year or an amount).
CLAUSE_NUMBER = re.compile(r"^\(?((?:[A-Z]{1,2})?\d{1,3}(?:\.\d{1,3})+[a-z]?|[a-z]|[ivx]{1,4})\)?\.?\s+(?=\S)")
MAX_WORDS = 170      # MiniLM reads 256 word pieces; leave room for the heading path
RUN_WORDS = 90       # unnumbered paragraphs are grouped up to about this length


@dataclass
class _Clause:
    label: str
    parts: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    line: int = 0
    row: bool = False

    def words(self) -> int:
        return sum(len(p.split()) for p in self.parts + self.items)


def clause_number(text: str) -> tuple[str, str] | None:
    """Split `5.2 The council …` into (`5.2`, `5.2 The council …`); None if unnumbered.

    Single letters and roman numerals only count in brackets, `(a)`, so a sentence starting
    "I" or "A" is never taken for a clause number.
    """
    m = CLAUSE_NUMBER.match(text)
    if not m:
        return None
    label = m.group(1)
    if re.fullmatch(r"[a-z]|[ivx]{1,4}", label) and not text.startswith("("):
        return None
    return label, text


def _row_text(header: tuple[str, ...] | None, row: tuple[str, ...]) -> str:
    if header and len(header) == len(row):
        return "; ".join(f"{h}: {c}" if h else c for h, c in zip(header, row) if c)
    return "; ".join(c for c in row if c)


def _split_long(clause: _Clause) -> list[tuple[str, int]]:
    """Split a clause that is too long to embed whole, keeping its lead-in with every part."""
    lead = " ".join(clause.parts)
    items = clause.items
    if clause.words() <= MAX_WORDS:
        body = lead + ("\n" + "\n".join(f"• {i}" for i in items) if items else "")
        return [(body.strip(), 0)]
    chunks: list[tuple[str, int]] = []
    if items:
        lead_words = len(lead.split())
        current: list[str] = []
        size = lead_words
        for item in items:
            n = len(item.split())
            if current and size + n > MAX_WORDS:
                chunks.append((lead + "\n" + "\n".join(f"• {i}" for i in current), len(chunks)))
                current, size = [], lead_words
            current.append(item)
            size += n
        if current:
            chunks.append((lead + "\n" + "\n".join(f"• {i}" for i in current), len(chunks)))
        if lead_words <= MAX_WORDS:
            return chunks
    # A long paragraph: split on sentences.
    sentences = re.split(r"(?<=[.!?;])\s+(?=[A-Z(£0-9])", lead)
    current, size = [], 0
    out: list[tuple[str, int]] = []
    for s in sentences:
        n = len(s.split())
        if current and size + n > MAX_WORDS:
            out.append((" ".join(current), len(out)))
            current, size = [], 0
        current.append(s)
        size += n
    if current:
        out.append((" ".join(current), len(out)))
    return out + [(t, len(out) + i) for t, i in chunks]


def passages_of(doc: Document, *, audience: str) -> list[Passage]:
    """All passages of one document, in reading order."""
    meta = doc.meta
    title = clean(doc.title)
    out: list[Passage] = []
    heading_stack: list[tuple[int, str]] = []
    clauses: list[_Clause] = []
    unnumbered = 0

    def path() -> tuple[str, ...]:
        return tuple(h for _, h in heading_stack) or (title,)

    def flush() -> None:
        nonlocal clauses
        p = path()
        for clause in clauses:
            for text, part in _split_long(clause):
                text = text.strip()
                if not text:
                    continue
                key = f"{doc.name}|{'›'.join(p)}|{clause.label}|{part}|{text}"
                out.append(Passage(
                    id=hashlib.sha256(key.encode()).hexdigest()[:16],
                    document=doc.name, source=str(doc.path), title=title, section=p[-1], path=p,
                    clause=clause.label, text=text, audience=audience,
                    owner=meta.get("owner", ""), version=meta.get("version", ""),
                    review_date=meta.get("review_date", ""), format=doc.format, line=clause.line,
                ))
        clauses = []

    for block in doc.blocks:
        text = clean(block.text) if block.kind != "table" else ""
        if block.kind == "heading":
            if not text:
                continue
            flush()
            unnumbered = 0
            while heading_stack and heading_stack[-1][0] >= block.level:
                heading_stack.pop()
            heading_stack.append((block.level, text))
        elif block.kind == "para" and text:
            numbered = clause_number(text)
            last = clauses[-1] if clauses else None
            if numbered:
                clauses.append(_Clause(numbered[0], [text], line=block.line))
            elif (last and not last.row and last.label.startswith("¶") and not last.items
                  and last.words() + len(text.split()) <= RUN_WORDS):
                last.parts.append(text)
            elif last and not last.row and not last.items and last.parts and last.parts[-1].endswith(":"):
                last.parts.append(text)
            else:
                unnumbered += 1
                clauses.append(_Clause(f"¶{unnumbered}", [text], line=block.line))
        elif block.kind == "item" and text:
            last = clauses[-1] if clauses else None
            lead_in = last is not None and not last.row and last.parts and last.parts[-1].endswith(":")
            if block.number and block.level <= 1 and not lead_in:
                # A numbered list that is not introduced by a lead-in numbers clauses of its own.
                clauses.append(_Clause(block.number, [f"{block.number}. {text}"], line=block.line))
                continue
            if not clauses or clauses[-1].row:
                unnumbered += 1
                clauses.append(_Clause(f"¶{unnumbered}", [], line=block.line))
            indent = "  " * max(0, block.level - 1)
            clauses[-1].items.append(indent + text)
        elif block.kind == "table" and block.rows:
            rows = [tuple(clean(c) for c in r) for r in block.rows]
            header = rows[0] if block.header and len(rows) > 1 else None
            body = rows[1:] if header else rows
            for r in body:
                if not any(r):
                    continue
                label = (r[0] or "row")[:60]
                clauses.append(_Clause(label, [_row_text(header, r)], line=block.line, row=True))
    flush()
    return out
