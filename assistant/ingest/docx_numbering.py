"""Word's automatic numbering: the "5.2" a reader sees that is not in the paragraph's text.

Councils' Word documents number their clauses and headings with multilevel lists, so
python-docx's `paragraph.text` of "5.2 The Head of Commissioning approves…" is only "The Head of
Commissioning approves…": the clause number a citation needs is in the numbering definitions
(`word/numbering.xml`), and every numbered clause read as a bullet ran into the paragraph before
it. This module works the numbers out as Word shows them, for the common part of the format:
a paragraph's `numPr` (or its style's, through `basedOn`), each list's levels with their start,
number format and text (`%1.%2`), levels below the one that counts restarting, `isLgl`, and a
`startOverride` on the list that restarts it. Lists sharing one definition continue one another,
as in Word. Anything else (picture bullets, `numStyleLink`) is read as a bullet: no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(el, name: str) -> str | None:
    child = el.find(f"{W}{name}") if el is not None else None
    return child.get(f"{W}val") if child is not None else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's counter in its number format ("decimal" 3, "lowerLetter" c, "upperRoman" III)."""
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letter(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False

    @property
    def bullet(self) -> bool:
        return self.fmt in ("bullet", "none") or "%" not in self.text


@dataclass
class Numbering:
    """The numbering definitions of one document and the counters of its lists, in body order."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)   # abstractNumId → levels
    lists: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstractNumId, overrides)
    style_numbering: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    style_parent: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, doc) -> Numbering:
        out = cls()
        try:
            numbering = doc.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            numbering = None
        if numbering is not None:
            for a in numbering.findall(f"{W}abstractNum"):
                levels = {}
                for lvl in a.findall(f"{W}lvl"):
                    try:
                        levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
                            start=int(_val(lvl, "start") or 1), fmt=_val(lvl, "numFmt") or "decimal",
                            text=_val(lvl, "lvlText") if _val(lvl, "lvlText") is not None else "",
                            legal=lvl.find(f"{W}isLgl") is not None)
                    except ValueError:
                        continue
                out.abstract[a.get(f"{W}abstractNumId", "")] = levels
            for n in numbering.findall(f"{W}num"):
                overrides = {}
                for o in n.findall(f"{W}lvlOverride"):
                    start = _val(o, "startOverride")
                    if start is not None and start.lstrip("-").isdigit():
                        overrides[int(o.get(f"{W}ilvl", "0"))] = int(start)
                out.lists[n.get(f"{W}numId", "")] = (_val(n, "abstractNumId") or "", overrides)
        for style in doc.styles.element.findall(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            parent = _val(style, "basedOn")
            if parent:
                out.style_parent[sid] = parent
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                ilvl = _val(num_pr, "ilvl")
                out.style_numbering[sid] = (_val(num_pr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else None)
        return out

    def _from_style(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_numbering:
                return self.style_numbering[style_id]
            style_id = self.style_parent.get(style_id)
        return None, None

    def label(self, p_element, style_id: str | None) -> tuple[str, bool] | None:
        """(the number Word shows before this paragraph, e.g. "5.2." or "(b)"; whether it is a
        bullet) or None when the paragraph is not in a list. Counts it: call once per paragraph,
        in body order."""
        num_pr = p_element.find(f"{W}pPr/{W}numPr")
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, "ilvl") if num_pr is not None else None
        style_num, style_ilvl = self._from_style(style_id)
        num_id = num_id if num_id is not None else style_num
        if num_id is None or num_id == "0" or num_id not in self.lists:
            return None
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else (style_ilvl or 0)
        abstract_id, overrides = self.lists[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl, Level(fmt="bullet", text=""))
        if level.bullet:
            return "", True
        counts = self.counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lv, start in overrides.items():
                counts[lv] = start - 1
                for deeper in [k for k in counts if k > lv]:
                    del counts[deeper]
        counts[ilvl] = counts.get(ilvl, levels.get(ilvl, level).start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]

        def place(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, Level())
            n = counts.get(k, lv.start)
            return format_number(n, "decimal" if level.legal and k != ilvl else lv.fmt)
        return re.sub(r"%([1-9])", place, level.text).strip(), False
