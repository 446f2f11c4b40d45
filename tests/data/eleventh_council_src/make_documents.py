"""Generate the PDF and DOCX documents of the Marlow Downs County Council test library.

Run: .venv/bin/python tests/data/eleventh_council_src/make_documents.py
The PDF is made the way councils export them: running header and footer on every page,
no outline bookmarks, headings shown only by a bigger bold font.
"""
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parent.parent / "eleventh_council"
FONTS = Path("/usr/share/fonts/truetype/dejavu")

# ---------------------------------------------------------------- PDF content
PDF_CONTROL = [
    "Title: Residential and Nursing Care Home Framework 2026",
    "Owner: Head of Commissioning, Older People",
    "Version: 2.2",
    "Review date: 2027-03-31",
    "Audience: public",
]

# ("h", text) heading; ("p", text) paragraph; ("b", text) bullet; ("t", header, rows) table
PDF_BODY = [
    ("h", "1. Introduction"),
    ("p", "1.1 This framework sets the terms on which Marlow Downs County Council buys long-term and short-term "
          "placements in residential care homes and nursing homes for adults aged 18 and over."),
    ("p", "1.2 The framework runs from 1 April 2026 to 31 March 2030, and the council may extend it once by up to 24 months."),
    ("p", "1.3 The framework is an open framework: the council reopens it to new providers every January, and a "
          "provider that joins takes the same terms as existing providers."),
    ("h", "2. Schedule 1 Specification"),
    ("p", "2.1 Schedule 1 Specification describes the care that every provider on the framework must deliver, "
          "whatever the band of the placement."),
    ("p", "2.2 The provider must deliver care that follows each resident's care and support plan and must review "
          "the resident's own care plan with the resident at least once a month."),
    ("p", "2.3 The provider must make sure that every care worker completes the Care Certificate within 12 weeks of starting work."),
    ("p", "2.4 The provider must employ a registered manager for each home, and must tell the council within "
          "5 working days when the registered manager leaves."),
    ("h", "3. Admissions"),
    ("p", "3.1 The council's Brokerage Team sends placement requests to all framework providers with a vacancy "
          "in the area the person has chosen."),
    ("p", "3.2 The provider must respond to a placement request within 4 working hours, saying whether it can meet the person's needs."),
    ("p", "3.3 The provider must complete a pre-admission assessment within 2 working days of accepting a placement request."),
    ("p", "3.4 Providers that offer emergency admissions must accept emergency admissions 7 days a week, "
          "including from hospital, between 8am and 8pm."),
    ("p", "3.5 The first four weeks of a long-term placement are a trial period, and the council reviews the "
          "placement with the resident, their family and the provider before the trial period ends."),
    ("h", "4. Pricing and weekly rates"),
    ("p", "4.1 The council pays each placement at the weekly rate for the band that matches the resident's level "
          "of need, as assessed by the council. The weekly rates from 6 April 2026 are:"),
    ("t", ["Band", "Need level", "Residential care", "Nursing care"], [
        ["Band A", "Standard needs", "£842.00", "£935.00"],
        ["Band B", "Enhanced needs, including dementia", "£918.00", "£1,012.00"],
        ["Band C", "High needs, including challenging behaviour", "£1,046.00", "£1,148.00"],
        ["Band D", "Exceptional needs needing one-to-one support", "Negotiated", "Negotiated"],
    ]),
    ("p", "4.2 Nursing care rates do not include NHS Funded Nursing Care, which NHS Marlow Downs Integrated "
          "Care Board pays to the provider directly."),
    ("p", "4.3 The council sets a Band D rate for each placement after an individual assessment and agrees it "
          "with the provider in writing before the placement starts."),
    ("p", "4.4 The council reviews the weekly rates every April and tells providers the new rates by 31 March each year."),
    ("p", "4.5 The council moves a placement to a different band when a review shows that the resident's needs have "
          "changed, and the new rate applies from the date of the review."),
    ("h", "5. Top-ups"),
    ("p", "5.1 A top-up is a payment by a third party, usually a family member, for a room or home that costs "
          "more than the weekly rate for the resident's band."),
    ("p", "5.2 A top-up must be agreed in writing between the council, the provider and the person paying it before the resident moves in."),
    ("p", "5.3 The council collects the top-up from the person paying it and pays the full fee to the provider."),
    ("p", "5.4 The provider must not ask a resident or their family to pay a top-up directly to the provider, "
          "or to pay any extra charge for care that the care and support plan already covers."),
    ("p", "5.5 The council reviews every top-up agreement at least once every 12 months."),
    ("h", "6. Payments, absence and death"),
    ("p", "6.1 The council pays providers every four weeks in arrears by BACS, using the council's payment schedule; "
          "providers do not need to send invoices for framework placements."),
    ("p", "6.2 When a resident is in hospital, the council pays the full weekly rate for the first 14 days and "
          "75% of the weekly rate from day 15 to day 42."),
    ("p", "6.3 The council stops paying for a hospital absence after day 42 unless the council agrees in writing to keep the room."),
    ("p", "6.4 When a resident dies, the council pays the weekly rate up to and including the third day after the date of death."),
    ("h", "7. Notice and ending a placement"),
    ("p", "7.1 A provider that wants to end a placement must give the council 28 days' written notice and must "
          "work with the council to find a new home for the resident."),
    ("p", "7.2 A resident, or a person acting for the resident, may end a placement by giving the provider 7 days' notice."),
    ("p", "7.3 A provider that wants to leave the framework must give the council six months' written notice."),
    ("h", "8. Quality standards and CQC ratings"),
    ("p", "8.1 A provider must hold an overall Care Quality Commission rating of Good or Outstanding for a home to join the framework."),
    ("p", "8.2 When a home on the framework is rated Requires Improvement, the council stops making new placements "
          "in the home until the council has agreed an improvement plan with the provider."),
    ("p", "8.3 When a home on the framework is rated Inadequate, the council suspends new placements straight away "
          "and reviews every council-funded resident in the home within 10 working days."),
    ("p", "8.4 The provider must send the council a copy of any draft CQC inspection report within 2 working days of receiving it."),
    ("p", "8.5 The council's Quality Assurance Team visits every home at least once a year and scores the home "
          "against the Marlow Quality Standards."),
    ("p", "8.6 The provider must report every safeguarding concern to the council's Adult Safeguarding Hub on "
          "01632 960200 on the same day."),
    ("h", "9. Contacts"),
    ("p", "9.1 Care Home Contracts Team: 01632 960412, carehomes@marlowdowns.gov.uk."),
    ("p", "9.2 Brokerage Team: 01632 960455, brokerage@marlowdowns.gov.uk, 8am to 8pm, 7 days a week."),
]


class CouncilPDF(FPDF):
    def header(self):
        self.set_font("DejaVu", "", 8)
        self.cell(0, 6, "Residential and Nursing Care Home Framework 2026", align="R",
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 8, f"Marlow Downs County Council – Page {self.page_no()} of {{nb}}", align="C")


def make_pdf() -> None:
    pdf = CouncilPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title("Residential and Nursing Care Home Framework 2026")
    pdf.set_author("Head of Commissioning, Older People")
    pdf.set_subject("version 2.2")
    pdf.set_keywords("audience: public")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    for line in PDF_CONTROL:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, "Residential and Nursing Care Home Framework 2026")
    pdf.ln(3)
    for item in PDF_BODY:
        kind = item[0]
        if kind == "h":
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 13)
            pdf.cell(0, 8, item[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(0, 5.5, item[1], align="L")
            pdf.ln(2)
        elif kind == "t":
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(col_widths=(18, 84, 34, 34), first_row_as_headings=True,
                           headings_style=FontFace(emphasis="")) as table:
                for row in [item[1], *item[2]]:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
    pdf.output(str(OUT / "residential-nursing-care-framework.pdf"))


# --------------------------------------------------------------- DOCX content
DOCX_CONTROL = [
    "Title: Direct Payments and Personal Assistants Guide",
    "Owner: Direct Payments Lead",
    "Version: 1.4",
    "Review date: 2027-06-30",
    "Audience: public",
]

DOCX_BODY = [
    ("h1", "Direct Payments and Personal Assistants Guide"),
    ("h2", "About this guide"),
    ("p", "This guide is for people who receive a direct payment from Marlow Downs County Council, for their "
          "families and for personal assistants and providers who are paid from a direct payment."),
    ("p", "A direct payment is money that the council pays to a person, or to someone acting for them, so that "
          "the person can arrange their own care and support instead of the council arranging it."),
    ("h2", "Who can have a direct payment"),
    ("p", "Any adult whose eligible needs for care and support the council must meet under the Care Act 2014 can ask for a direct payment."),
    ("p", "Where a person lacks capacity to manage a direct payment, a suitable person, such as a family member "
          "or a deputy, can receive and manage the direct payment for them."),
    ("p", "A carer whose own eligible needs have been assessed can also receive a direct payment to meet those needs."),
    ("h2", "What a direct payment can be used for"),
    ("p", "A direct payment can be used for anything in the person's care and support plan that meets their assessed needs, for example:"),
    ("b", "employing a personal assistant;"),
    ("b", "buying care from a home care agency;"),
    ("b", "day activities, clubs and classes;"),
    ("b", "short breaks, including short stays in a care home of up to four weeks in any 12-month period."),
    ("p", "A direct payment cannot be used for:"),
    ("b", "a permanent place in a care home;"),
    ("b", "household bills, rent, food or everyday living costs;"),
    ("b", "alcohol, tobacco or gambling;"),
    ("b", "services that the NHS provides;"),
    ("b", "anything illegal."),
    ("p", "A direct payment cannot be used to pay a close relative who lives in the same household, unless the "
          "council agrees in writing that this is necessary to meet the person's needs."),
    ("h2", "Rates the council uses"),
    ("p", "The council works out each direct payment from the hours of support in the care and support plan, "
          "using the hourly rates below from 6 April 2026:"),
    ("t", ["Type of support", "Rate"], [
        ["Personal assistant, weekday daytime", "£14.20 an hour"],
        ["Personal assistant, evenings after 8pm and weekends", "£15.60 an hour"],
        ["Personal assistant, bank holidays", "£21.30 an hour"],
        ["Home care agency", "£24.90 an hour"],
        ["Sleep-in night", "£112.00 a night"],
    ]),
    ("p", "The council adds a one-off start-up payment of £300 when a person first employs a personal assistant, "
          "to pay for employer's liability insurance and the first payroll costs."),
    ("h2", "Your direct payment account"),
    ("p", "The council pays the direct payment every four weeks in advance into a separate bank account or onto a "
          "Marlow Downs prepaid card that is used only for the direct payment."),
    ("p", "A person who does not want to manage the money themselves can choose a managed account, which the "
          "Direct Payments Support Service runs for them at no cost to the person."),
    ("h2", "Audit and monitoring"),
    ("p", "The council audits every direct payment account three months after the first payment and then once every 12 months."),
    ("p", "The person must keep receipts, payslips and bank statements for the direct payment for six years and show them to the council when asked."),
    ("p", "Where a direct payment account holds more than eight weeks of unspent money, the council may take back the surplus."),
    ("p", "Where the council finds that a direct payment has been used for something that is not in the care and "
          "support plan, the council may ask for the money to be repaid and may end the direct payment."),
    ("h2", "Employing a personal assistant"),
    ("p", "A person who employs a personal assistant becomes an employer and must give the personal assistant a written contract of employment."),
    ("p", "The employer must hold employer's liability insurance, run payroll with tax and National Insurance, "
          "and enrol the personal assistant in a workplace pension where the law requires it."),
    ("p", "A personal assistant must be aged 18 or over, and the employer must check that the personal assistant has the right to work in the UK."),
    ("p", "The council pays for an enhanced Disclosure and Barring Service check for every personal assistant, and the employer applies for it through the Direct Payments Support Service."),
    ("p", "A personal assistant is entitled to 5.6 weeks of paid holiday a year, and the direct payment includes money to pay for that holiday."),
    ("p", "The Direct Payments Support Service offers a free payroll service to every direct payment employer."),
    ("h2", "Ending a direct payment"),
    ("p", "A person can stop their direct payment at any time by telling the council, and the council will then arrange the support instead."),
    ("p", "The council gives four weeks' written notice before it ends a direct payment, except where the council believes that the money has been misused or that the person is at risk."),
    ("h2", "Contacts"),
    ("p", "Direct Payments Team: 01632 960377, directpayments@marlowdowns.gov.uk."),
    ("p", "Direct Payments Support Service (payroll, managed accounts and DBS checks): 01632 960388, dpsupport@marlowdowns.gov.uk."),
]


def make_docx() -> None:
    document = docx.Document()
    core = document.core_properties
    core.title = "Direct Payments and Personal Assistants Guide"
    core.author = "Direct Payments Lead"
    core.category = "public"
    core.subject = "version 1.4"
    for line in DOCX_CONTROL:
        document.add_paragraph(line)
    for item in DOCX_BODY:
        kind = item[0]
        if kind == "h1":
            document.add_heading(item[1], level=1)
        elif kind == "h2":
            document.add_heading(item[1], level=2)
        elif kind == "p":
            document.add_paragraph(item[1])
        elif kind == "b":
            document.add_paragraph(item[1], style="List Bullet")
        elif kind == "t":
            header, rows = item[1], item[2]
            table = document.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header):
                cell.text = text
                cell.paragraphs[0].runs[0].font.bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.font.size is None and paragraph.style.name == "Normal":
                run.font.size = Pt(11)
    document.save(str(OUT / "direct-payments-and-personal-assistants-guide.docx"))


if __name__ == "__main__":
    make_pdf()
    make_docx()
    print("written to", OUT)
