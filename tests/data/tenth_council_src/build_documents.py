"""Rebuild the two binary documents of the tenth_council library.

Run from anywhere:  /work/main/.venv/bin/python tests/data/tenth_council_src/build_documents.py

The text lives here (not in the binaries) so an edit is made in one place and
the questions file can be checked against these strings.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "tenth_council"

# ---------------------------------------------------------------- DOCX ----
DOCX_NAME = "provider-quality-and-safeguarding-standards.docx"
DOCX_META = {
    "Title": "Quality and Safeguarding Standards for Commissioned Providers",
    "Owner": "Head of Quality Assurance, Commissioning Service",
    "Version": "3.2",
    "Review date": "2027-06-30",
    "Audience": "public",
}
# Each section: (heading, [items]); an item is a paragraph string or
# ("table", header, rows) or ("bullets", [strings]).
DOCX_SECTIONS = [
    ("1. Purpose and scope", [
        "1.1 These standards apply to every provider of adult social care, children's services, supported housing and passenger transport that the council commissions, including the provider's subcontractors.",
        "1.2 These standards form part of every contract; where a contract specification sets a higher standard, the specification applies.",
    ]),
    ("2. Safeguarding", [
        "2.1 Every provider must name a designated safeguarding lead in its contract and tell the contract manager within 5 working days when that person changes.",
        "2.2 A provider must report a concern that an adult is at risk of abuse or neglect to the Adult Social Care Front Door on 01632 960 600 on the same working day.",
        "2.3 A provider must report a concern about a child to the Children's Advice and Support Hub on 01632 960 650 straight away, and call 999 if the child is in immediate danger.",
        "2.4 Outside office hours, a provider reports a safeguarding concern to the Emergency Duty Team on 01632 960 999.",
        "2.5 A provider must tell its contract manager within 1 working day that it has made a safeguarding referral about a person the council funds.",
        "2.6 A provider must report an allegation that a member of staff or a volunteer has harmed a child to the Local Authority Designated Officer (LADO) within 1 working day, at lado@harrowgatefells.gov.uk.",
    ]),
    ("3. Workforce", [
        "3.1 Providers must follow safer recruitment practice, including two references, one of them from the most recent employer, and a written explanation of any gap in employment of more than 3 months.",
        "3.2 Staff in regulated activity must have an enhanced DBS certificate with the relevant barred list check before they work unsupervised.",
        "3.3 Providers must make sure staff complete the training below.",
        ("table", ["Training", "Who", "When", "Refresh"], [
            ["Safeguarding level 1", "All staff and volunteers", "Within 12 weeks of starting", "Every 3 years"],
            ["Safeguarding level 2", "Staff who give personal care or support", "Within 6 months of starting", "Every 3 years"],
            ["Safeguarding level 3", "Designated safeguarding leads and registered managers", "Before taking up the role", "Every 2 years"],
            ["Mental Capacity Act and Deprivation of Liberty Safeguards", "Staff in adult services", "Within 6 months of starting", "Every 3 years"],
            ["Medication administration", "Staff who give medicines", "Before giving medicines", "Competence checked every 12 months"],
        ]),
    ]),
    ("4. Quality monitoring", [
        "4.1 The council rates every contracted provider under the Provider Quality Framework at least once a year, using visits, CQC and Ofsted reports, complaints, safeguarding information and feedback from people who use the service.",
        "4.2 The council acts on each rating as the table below shows.",
        ("table", ["Rating", "What it means", "What the council does"], [
            ["Excellent", "Meets every standard and shows good practice others can learn from", "Review visit every 18 months"],
            ["Good", "Meets the standards", "Review visit every 12 months"],
            ["Requires Improvement", "Does not meet one or more standards", "The provider sends an improvement plan within 20 working days; review visit every 6 months"],
            ["Serious Concern", "A risk to the safety or wellbeing of people using the service", "The council suspends new placements and referrals, and monitors the provider weekly until the risk is reduced"],
        ]),
        "4.3 The council tells the provider its rating in writing within 10 working days of the review, and the provider may ask for the rating to be reconsidered within 15 working days of that letter.",
        "4.4 The council reviews a suspension of new placements at least every 4 weeks.",
    ]),
    ("5. Notifications to the council", [
        "5.1 A provider must tell the council about the events below within the times shown.",
        ("table", ["Event", "Timescale", "Who to tell"], [
            ["Death of a person the council funds", "Within 24 hours", "Contract manager and the person's social worker"],
            ["Serious injury or hospital admission after an incident", "Within 24 hours", "Contract manager"],
            ["A person missing from the service", "Immediately after telling the police", "Social worker, or the Emergency Duty Team out of hours"],
            ["Personal data breach involving council data", "Within 24 hours", "Contract manager and data.protection@harrowgatefells.gov.uk"],
            ["CQC or Ofsted inspection report published", "Within 5 working days", "Contract manager"],
            ["Change of registered manager", "At least 10 working days before the change, or as soon as the provider knows", "Contract manager"],
            ["Business continuity event that affects delivery, such as staff shortage, loss of a building or IT failure", "Same day", "Contract manager"],
        ]),
    ]),
    ("6. Complaints", [
        "6.1 A provider must acknowledge a complaint within 3 working days and respond in full within 20 working days.",
        "6.2 A provider must tell a complainant who is not satisfied that they can go to the Local Government and Social Care Ombudsman.",
        "6.3 A provider must send its contract manager a log of complaints every quarter, within 15 working days of the end of the quarter.",
    ]),
    ("7. Contract management meetings", [
        "7.1 The council holds contract management meetings with each provider at the frequency below.",
        ("table", ["Annual contract value", "Meeting frequency"], [
            ["£500,000 or more", "Quarterly"],
            ["£100,000 to £499,999", "Every 6 months"],
            ["Below £100,000", "Once a year"],
        ]),
    ]),
]


def build_docx() -> Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for key, value in DOCX_META.items():
        doc.add_paragraph(f"{key}: {value}")
    doc.add_heading("Quality and Safeguarding Standards for Commissioned Providers", level=1)
    for heading, items in DOCX_SECTIONS:
        doc.add_heading(heading, level=2)
        for item in items:
            if isinstance(item, str):
                doc.add_paragraph(item)
            elif item[0] == "bullets":
                for b in item[1]:
                    doc.add_paragraph(b, style="List Bullet")
            else:
                _, header, rows = item
                table = doc.add_table(rows=1, cols=len(header))
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, header):
                    cell.text = text
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                for row in rows:
                    cells = table.add_row().cells
                    for cell, text in zip(cells, row):
                        cell.text = text
    section = doc.sections[0]
    section.footer.paragraphs[0].text = (
        "Harrowgate Fells Council - Quality and Safeguarding Standards for Commissioned Providers - version 3.2"
    )
    props = doc.core_properties
    props.title = DOCX_META["Title"]
    props.author = DOCX_META["Owner"]
    props.category = "public"
    props.subject = "version 3.2"
    props.keywords = "audience: public"
    path = OUT / DOCX_NAME
    doc.save(path)
    return path


# ----------------------------------------------------------------- PDF ----
PDF_NAME = "market-position-statement-2026-2029.pdf"
PDF_META = {
    "Title": "Market Position Statement: Children's and Adult Services 2026 to 2029",
    "Owner": "Director of Commissioning and Partnerships",
    "Version": "1.0",
    "Review date": "2027-09-30",
    "Audience": "public",
}
PDF_SECTIONS = [
    ("1. Introduction", [
        "1.1 This market position statement tells providers what care and support the council expects to need between 2026 and 2029, and where the council will grow or reduce what it buys.",
        "1.2 Harrowgate Fells has a population of 286,400, of whom 61,300 (21%) are aged 65 or over, and the number of residents aged 85 or over is expected to rise by 18% by 2029.",
        "1.3 The council spends about £212 million a year on commissioned care and support for adults and children.",
    ]),
    ("2. What people tell us", [
        "2.1 People who use home care told the council that they want the same carers at the same times, and fewer visits shorter than 30 minutes.",
        "2.2 Young people leaving care told the council that they want to live near their school, college and friends.",
    ]),
    ("3. Adult social care", [
        "3.1 The table shows the council's estimate of current capacity and the need by 2029 for each adult service.",
        ("table", ["Service", "Capacity now", "Need by 2029", "Message to providers"], [
            ["Home care", "18,400 hours a week", "21,900 hours a week", "Grow, especially in Upper Fells"],
            ["Residential care for older people", "1,120 beds", "1,050 beds", "Reduce"],
            ["Nursing care for people with dementia", "380 beds", "470 beds", "Grow"],
            ["Extra care housing", "410 flats", "640 flats", "Grow"],
            ["Supported living (learning disability)", "265 people", "310 people", "Grow"],
            ["Day opportunities", "720 places", "720 places", "Keep and modernise"],
        ]),
        "3.2 From April 2027 the council will no longer commission home care visits shorter than 30 minutes, except for medication prompts.",
        "3.3 The council wants more home care providers based in Upper Fells and the Tarnside villages, where 14% of home care packages take more than 7 days to start.",
        "3.4 The council will re-tender home care in 2026/27 in two geographic lots, North and South, and will publish the tender on the Fells Supplier Portal.",
    ]),
    ("4. Children's services", [
        "4.1 Of the 418 children in the council's care at 31 March 2026, 62% live within the council's boundary; the council aims to raise this to 75% by March 2029.",
        "4.2 The council needs 22 more foster families by 2028, particularly for brothers and sisters and for teenagers; the council's own fostering service is the first choice, then independent fostering agencies.",
        "4.3 The council wants children's homes in the area for 1 or 2 children with complex needs, and will consider block contracts of up to 5 years with providers who open homes in Harrowgate Fells.",
        "4.4 All supported accommodation for 16 and 17 year olds must be registered with Ofsted.",
        "4.5 The council will open a framework for 16+ supported accommodation in 2027.",
    ]),
    ("5. How the council will work with providers", [
        "5.1 The council publishes its annual fee uplifts for care providers each February, to take effect on 1 April.",
        "5.2 The council holds a Provider Forum every quarter, one for adult services and one for children's services.",
        "5.3 The council pays for home care on the actual minutes delivered, recorded by electronic call monitoring and rounded to the nearest 5 minutes.",
        "5.4 A provider who wants to talk about opening a new service can contact the Commissioning Service at commissioning@harrowgatefells.gov.uk or on 01632 960 800.",
    ]),
]


class _MPS(FPDF):
    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, "Harrowgate Fells Council | Market Position Statement 2026 to 2029", align="R")
        self.ln(8)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, f"Page {self.page_no()}", align="C")


def build_pdf() -> Path:
    pdf = _MPS(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(PDF_META["Title"])
    pdf.set_author(PDF_META["Owner"])
    pdf.set_subject("version 1.0")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Harrowgate Fells Council Commissioning Service")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for key, value in PDF_META.items():
        pdf.cell(0, 5.5, f"{key}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.start_section("Market Position Statement: Children's and Adult Services 2026 to 2029", level=0)
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, "Market Position Statement: Children's and Adult Services 2026 to 2029",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for heading, items in PDF_SECTIONS:
        pdf.start_section(heading, level=1)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for item in items:
            if isinstance(item, str):
                pdf.multi_cell(0, 5.5, item, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            else:
                _, header, rows = item
                pdf.set_font("Helvetica", size=9)
                with pdf.table(borders_layout="ALL", line_height=5.5,
                               col_widths=(52, 34, 34, 50), text_align="LEFT") as table:
                    hrow = table.row()
                    for text in header:
                        hrow.cell(text)
                    for row in rows:
                        r = table.row()
                        for text in row:
                            r.cell(text)
                pdf.set_font("Helvetica", size=10)
                pdf.ln(3)
    path = OUT / PDF_NAME
    pdf.output(str(path))
    return path


def all_strings() -> dict[str, str]:
    """Every string written into each binary, for checking question texts."""
    out = {}
    for name, meta, sections in ((DOCX_NAME, DOCX_META, DOCX_SECTIONS), (PDF_NAME, PDF_META, PDF_SECTIONS)):
        parts = [f"{k}: {v}" for k, v in meta.items()]
        for heading, items in sections:
            parts.append(heading)
            for item in items:
                if isinstance(item, str):
                    parts.append(item)
                elif item[0] == "bullets":
                    parts.extend(item[1])
                else:
                    parts.extend(item[1])
                    for row in item[2]:
                        parts.extend(row)
        out[name] = "\n".join(parts)
    return out


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    print(build_docx())
    print(build_pdf())
