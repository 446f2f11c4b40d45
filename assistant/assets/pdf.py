"""A4 PDFs with the shipped DejaVu fonts, so £, – and ’ print on any machine.

DejaVu has no CJK ideographs and no colour emoji (a font that has them is tens of megabytes), so
text the fonts cannot draw is printed as MISSING and counted, never silently dropped: the record
says how many characters it could not print and that the Markdown record has them exactly.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
FACES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
MISSING = "\u25a1"  # □, which every face has


def new_pdf(*, margin: float, bottom: float):
    """An FPDF document with family "DejaVu" in regular, bold and italic, ready for pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(True, margin=bottom)
    for style, name in FACES.items():
        pdf.add_font("DejaVu", style, str(FONTS / name))
    return pdf


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """Code points every face can draw (fonts are read once per process, ~50 ms)."""
    from fontTools.ttLib import TTFont

    faces = [set(TTFont(str(FONTS / name), lazy=True).getBestCmap()) for name in FACES.values()]
    return frozenset(set.intersection(*faces))


def printable(text: str) -> tuple[str, int]:
    """(text with each character the fonts cannot draw replaced by MISSING, how many were)."""
    drawable = _drawable()
    out, missing = [], 0
    for ch in text:
        if ord(ch) in drawable or unicodedata.category(ch) == "Cc":
            out.append(ch)
        else:
            out.append(MISSING)
            missing += 1
    return "".join(out), missing
