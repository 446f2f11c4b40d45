"""Plain text and the text layer of PDFs: headings found by their shape.

Headings in plain text: a line underlined with `===` or `---`, an ALL-CAPS line, or a short
numbered line with no full stop (`3. Decision levels`, `4.2 How quickly will I be paid?`).
Levels are given in order of first appearance of each heading style, the way a reader infers them.
PDF text arrives as wrapped lines with no blank lines between paragraphs, so `reflow` rebuilds
paragraphs from line starts and sentence ends.
"""

from __future__ import annotations

import re

from assistant.ingest.metadata import normalise_key
from assistant.ingest.model import Block
from assistant.ingest.structure import clause_number

BULLET = re.compile(r"^\s*(?:[-*•▪◦‣●○■□–]|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)])\s+(?=\S)")
NUMBERED_HEADING = re.compile(r"^((?:[A-Z]\.?)?\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
UNDERLINE = re.compile(r"^\s*(={3,}|-{3,}|~{3,})\s*$")
CONTROL = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{1,30}?)\s*:\s*\S")


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.9 and len(line) <= 90


def heading_style(line: str) -> str | None:
    """The style key of a heading-shaped line, or None for body text."""
    s = line.strip()
    m = re.match(r"^(#{1,6})\s+\S", s)
    if m:  # Markdown-style headings in a .txt file
        return f"hash{len(m.group(1))}"
    if not s or len(s) > 110 or s.endswith((".", ",", ";", ":")) and not s.endswith("..."):
        return None
    if BULLET.match(s) and not NUMBERED_HEADING.match(s):
        return None
    m = NUMBERED_HEADING.match(s)
    if m:
        rest = m.group(2)
        if len(rest.split()) > 16 or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "£'\""):
            return None
        if "." not in m.group(1) and not rest.endswith("?") and len(rest.split()) > 10:
            return None
        return f"num{m.group(1).count('.') + 1}"
    if _is_caps(s) and len(s.split()) <= 14:
        return "caps"
    return None


class _Levels:
    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def level(self, style: str) -> int:
        if style not in self.order:
            nums = sorted(k for k in self.order if k.startswith("num"))
            if style.startswith("num") and nums:
                # A deeper numbering level always sits below a shallower one.
                base = self.order[nums[0]]
                return self.order.setdefault(style, base + int(style[3:]) - int(nums[0][3:]))
            self.order[style] = len(self.order) + 1
        return self.order[style]


def text_blocks(lines: list[tuple[str, int]], *, reflow: bool = False,
                outline: list[tuple[str, int]] | None = None) -> list[Block]:
    """Blocks from (line, line number) pairs.

    `outline` (PDF bookmarks: title, level) decides headings when given; otherwise line shapes do.
    """
    blocks: list[Block] = []
    levels = _Levels()
    para: list[str] = []
    para_line = 0
    kind = "para"
    item_level = 1
    widths = sorted(len(l.rstrip()) for l, _ in lines if l.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 80
    seen_heading = False
    outline_norm = [(" ".join(t.split()).lower(), lvl) for t, lvl in (outline or [])]
    next_outline = 0

    item_number = ""

    def flush() -> None:
        nonlocal para, kind, item_number
        if para:
            blocks.append(Block(kind, " ".join(para), level=item_level if kind == "item" else 0, line=para_line,
                                number=item_number if kind == "item" else ""))
        para, kind, item_number = [], "para", ""

    def match_outline(i: int) -> tuple[int, int] | None:
        """(level, lines used) when line i starts the next outline heading."""
        nonlocal next_outline
        if not outline_norm:
            return None
        here = " ".join(lines[i][0].split()).lower()
        if not here:
            return None
        for j in range(next_outline, min(next_outline + 4, len(outline_norm))):
            title, lvl = outline_norm[j]
            joined = here
            for used in range(1, 4):
                if joined == title:
                    next_outline = j + 1
                    return lvl, used
                if not title.startswith(joined) or i + used >= len(lines):
                    break
                joined = (joined + " " + " ".join(lines[i + used][0].split()).lower()).strip()
        return None

    i = 0
    while i < len(lines):
        raw, n = lines[i]
        s = raw.strip()
        nxt = lines[i + 1][0] if i + 1 < len(lines) else ""
        if not s:
            if not reflow:
                flush()
            i += 1
            continue
        if UNDERLINE.match(s) and not para:
            i += 1
            continue
        # Document-control lines before the first heading stay one block each.
        if not seen_heading and CONTROL.match(s) and normalise_key(CONTROL.match(s).group(1)):
            flush()
            blocks.append(Block("para", s, line=n))
            i += 1
            continue
        lone = reflow or not para
        hit = match_outline(i) if outline_norm else None
        if hit:
            flush()
            lvl, used = hit
            text = " ".join(" ".join(l.split()) for l, _ in lines[i:i + used])
            blocks.append(Block("heading", text, level=lvl + 1, line=n))
            seen_heading = True
            i += used
            continue
        if not outline_norm and lone and UNDERLINE.match(nxt.strip()):
            flush()
            style = "u=" if nxt.strip().startswith("=") else "u-"
            blocks.append(Block("heading", s, level=levels.level(style), line=n))
            seen_heading = True
            i += 2
            continue
        style = heading_style(s) if (not outline_norm and lone) else None
        if style and not reflow and nxt.strip() and not (style == "caps" or s.endswith("?")):
            style = None  # a short first line of a paragraph, not a heading
        if style and reflow and para and not para[-1].rstrip().endswith((".", "?", "!", ":")):
            style = None
        if style:
            flush()
            blocks.append(Block("heading", s.lstrip("#").strip() if style.startswith("hash") else s,
                                level=levels.level(style), line=n))
            seen_heading = True
            i += 1
            continue
        starts_clause = clause_number(s) is not None and not BULLET.match(s)
        if s.startswith("|") and s.count("|") >= 2:
            flush()
            rows = []
            while i < len(lines) and lines[i][0].strip().startswith("|"):
                cells = tuple(c.strip() for c in lines[i][0].strip().strip("|").split("|"))
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            if rows:
                blocks.append(Block("table", rows=tuple(rows), header=len(rows) > 1, line=n))
            continue
        if BULLET.match(s):
            flush()
            kind = "item"
            numbered = re.match(r"^\s*(\d{1,2})[.)]\s", s)
            item_number = numbered.group(1) if numbered else ""
            indent = len(raw) - len(raw.lstrip())
            item_level = 1 + indent // 2 if not reflow else 1
            para, para_line = [BULLET.sub("", s, count=1)], n
        elif starts_clause:
            flush()
            para, para_line = [s], n
        elif reflow and para:
            prev = para[-1].rstrip()
            if prev.endswith((".", "?", "!", ":")) and len(lines[i - 1][0].rstrip()) < 0.8 * full and s[:1].isupper():
                flush()
                para, para_line = [s], n
            else:
                para.append(s)
        else:
            if not para:
                para_line = n
            para.append(s)
        i += 1
    flush()
    return blocks
