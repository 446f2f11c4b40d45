"""A4 PDFs with the shipped DejaVu fonts, so £, – and ’ print on any machine."""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"


def new_pdf(*, margin: float, bottom: float):
    """An FPDF document with family "DejaVu" in regular, bold and italic, ready for pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(True, margin=bottom)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONTS / "DejaVuSans-Oblique.ttf"))
    return pdf
