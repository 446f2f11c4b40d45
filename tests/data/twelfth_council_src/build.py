"""Build the DOCX and PDF documents of the twelfth (Port Ellery) library.

The Markdown, text and HTML documents of the library are written by hand; the two
binary formats are generated here so that their text can be reviewed in one place.
Run: .venv/bin/python tests/data/twelfth_council_src/build.py
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "twelfth_council"

# ---------------------------------------------------------------------------
# DOCX: SEND alternative provision and independent special school placements framework
# Each entry: ("h1"|"h2", text) | ("p", text) | ("table", [header, rows...])
# ---------------------------------------------------------------------------
SEND_CONTROL = [
    "Title: SEND Alternative Provision and Independent Special School Placements Framework",
    "Audience: public",
    "Owner: Head of SEND Commissioning",
    "Version: 3.0",
    "Review date: 2028-03-31",
]

SEND_BODY = [
    ("h1", "1. Introduction and scope"),
    ("p", "1.1 This framework sets out how Port Ellery City Council commissions alternative provision and independent special school placements for children and young people with special educational needs and disabilities (SEND)."),
    ("p", "1.2 The framework covers children of compulsory school age who live in Port Ellery and whose placement is funded by the council, including children with an education, health and care plan (EHCP)."),
    ("p", "1.3 The framework runs for an initial term of four years from 1 September 2027 to 31 August 2031, with an option for the council to extend it by up to 24 months."),
    ("p", "1.4 The council reopens the framework to new providers once a year, in January."),
    ("h1", "2. Lots"),
    ("p", "2.1 The framework is divided into four lots. A provider may apply for more than one lot."),
    ("table", [
        ["Lot", "Provision", "Length of placement", "Age range"],
        ["Lot 1", "Short-term alternative provision", "Up to 12 weeks", "5 to 16"],
        ["Lot 2", "Long-term alternative provision", "One term or longer", "5 to 16"],
        ["Lot 3", "Independent special day schools", "Academic year, reviewed annually", "5 to 19"],
        ["Lot 4", "Independent residential special schools", "38-week or 52-week placements", "8 to 19"],
    ]),
    ("h1", "3. Joining the framework"),
    ("p", "3.1 A provider joining Lot 2, 3 or 4 must be registered with the Department for Education as an independent school and must have been judged Good or Outstanding at its most recent Ofsted inspection."),
    ("p", "3.2 Unregistered alternative provision may join Lot 1 only. An unregistered provider must not offer any pupil more than 18 hours of education a week."),
    ("p", "3.3 Every applicant must submit its audited accounts for the last two financial years and proof of the insurance levels set out in the council's Procurement FAQ."),
    ("p", "3.4 A provider judged Inadequate by Ofsted during the framework is suspended from receiving new placements until the council's Quality Assurance Officer has completed a review."),
    ("h1", "4. Placement bands and fees"),
    ("h2", "4.1 Day placement bands"),
    ("p", "4.1.1 The SEND Placement Panel assigns every placement to a band according to the child's assessed level of need and the staffing the child requires. The weekly fees below apply to day placements in Lots 2 and 3 for the 2027/28 financial year."),
    ("table", [
        ["Band", "Level of need", "Staffing ratio", "Weekly fee (day placement)"],
        ["Band A", "Low-level social, emotional or learning needs", "1:8", "£850"],
        ["Band B", "Moderate needs", "1:4", "£1,420"],
        ["Band C", "High needs, including therapy input", "1:2", "£2,310"],
        ["Band D", "Complex needs", "1:1", "£3,650"],
        ["Band E", "Exceptional needs", "2:1", "Agreed individually by the SEND Placement Panel"],
    ]),
    ("p", "4.1.2 Lot 1 short-term placements are paid at the Band A or Band B weekly fee, pro rata for part weeks."),
    ("h2", "4.2 Residential placement fees"),
    ("p", "4.2.1 The weekly fees below apply to Lot 4 residential placements for the 2027/28 financial year and include education, care and therapies."),
    ("table", [
        ["Band", "38-week placement (weekly fee)", "52-week placement (weekly fee)"],
        ["Band C", "£4,120", "£4,890"],
        ["Band D", "£5,360", "£6,240"],
        ["Band E", "Agreed individually", "Agreed individually"],
    ]),
    ("h2", "4.3 Fee uplifts"),
    ("p", "4.3.1 The weekly fee for a placement is fixed for the first twelve months of the placement."),
    ("p", "4.3.2 After the first twelve months, the council applies an annual uplift from 1 April each year. The uplift is the Consumer Price Index for the previous September or 4%, whichever is lower."),
    ("p", "4.3.3 A provider that asks for an increase above the cap must submit an open-book cost breakdown to the SEND Commissioning Team by 31 December."),
    ("h2", "4.4 What the fee includes"),
    ("p", "4.4.1 The weekly fee for Bands C, D and E includes the speech and language therapy and occupational therapy set out in the child's EHCP."),
    ("p", "4.4.2 For Bands A and B, therapies are commissioned separately by the council."),
    ("p", "4.4.3 The weekly fee does not include home to school transport. The council's Home to School Travel Team arranges transport for eligible children."),
    ("p", "4.4.4 Additional one-to-one support beyond a child's band needs an Additional Support Request, approved by the SEND Placement Panel before the support starts."),
    ("h1", "5. Referrals and placements"),
    ("p", "5.1 The SEND Casework Team sends referrals to framework providers through the EllerySource portal."),
    ("p", "5.2 A provider must respond to a referral within 5 working days, either offering a place or giving its reasons for declining."),
    ("p", "5.3 The SEND Placement Panel meets every other Tuesday and agrees the band and fee for each placement."),
    ("p", "5.4 The council and the provider sign an Individual Placement Agreement before the child starts. The council makes no payment for any period before the agreement is signed."),
    ("p", "5.5 The first 6 weeks of every placement are an induction period, ending with a review meeting with the child's family and caseworker."),
    ("p", "5.6 A provider must give at least 6 weeks' written notice to end a placement, except where the safety of the child or of others is at immediate risk. The council gives at least 4 weeks' written notice."),
    ("h1", "6. Quality assurance"),
    ("p", "6.1 The council's Quality Assurance Officer visits every framework provider at least once a year. The council may also make unannounced visits."),
    ("p", "6.2 After each visit the council gives the provider a Green, Amber or Red rating."),
    ("p", "6.3 A provider rated Red must send the council an improvement plan within 20 working days, and receives no new placements until it is rated Amber or Green."),
    ("p", "6.4 Every provider submits a termly self-assessment return by the end of the third week of each term."),
    ("p", "6.5 The provider sends a written progress report for each child at least 2 weeks before the child's EHCP annual review."),
    ("h1", "7. Attendance reporting"),
    ("p", "7.1 Providers record attendance twice a day and submit each child's attendance to the council through the EllerySource portal by 10am every school day, using the Department for Education attendance codes."),
    ("p", "7.2 A provider must telephone the Children Missing Education Officer on 01632 960 733 when a child has been absent without explanation for 3 consecutive days."),
    ("p", "7.3 Where a child's attendance falls below 90% over a half term, the SEND caseworker calls an attendance review meeting with the provider and the family."),
    ("p", "7.4 The council pays the weekly fee during a child's absence. Where a child is absent for more than 4 consecutive weeks, the council reviews whether the placement should continue and whether the payment should be reduced."),
    ("p", "7.5 A part-time timetable must be agreed in writing by the SEND caseworker and reviewed at least every 6 weeks."),
    ("h1", "8. Safeguarding"),
    ("p", "8.1 Every provider has a Designated Safeguarding Lead who holds Level 3 safeguarding training, refreshed at least every 2 years."),
    ("p", "8.2 All staff and volunteers must hold an enhanced DBS certificate with a children's barred list check before they start work with children."),
    ("p", "8.3 Providers report any concern that a child may be at risk of harm to the Port Ellery Children's Front Door on 01632 960 500, which is staffed 24 hours a day."),
    ("p", "8.4 Any allegation against a member of staff is reported to the Local Authority Designated Officer (LADO) within 1 working day at lado@portellery.gov.uk."),
    ("p", "8.5 Any use of physical intervention with a child must be recorded and reported to the child's SEND caseworker within 24 hours."),
    ("p", "8.6 Every provider completes the council's annual safeguarding audit and returns it by 30 November each year."),
    ("h1", "9. Invoicing and contacts"),
    ("p", "9.1 Providers invoice the council monthly in arrears, quoting the Individual Placement Agreement number. The council pays valid invoices within 30 days."),
    ("p", "9.2 The SEND Commissioning Team can be contacted at sendcommissioning@portellery.gov.uk or on 01632 960 612."),
]


def build_docx() -> Path:
    doc = Document()
    props = doc.core_properties
    props.title = "SEND Alternative Provision and Independent Special School Placements Framework"
    props.author = "Head of SEND Commissioning"
    props.category = "public"
    props.subject = "version 3.0"
    props.keywords = "audience: public"
    for line in SEND_CONTROL:
        doc.add_paragraph(line)
    for kind, value in SEND_BODY:
        if kind == "h1":
            doc.add_heading(value, level=1)
        elif kind == "h2":
            doc.add_heading(value, level=2)
        elif kind == "p":
            doc.add_paragraph(value)
        elif kind == "table":
            header, *rows = value
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
    section.footer.paragraphs[0].text = "Port Ellery City Council - SEND Commissioning - version 3.0"
    path = OUT / "send-placements-framework.docx"
    doc.save(path)
    return path


# ---------------------------------------------------------------------------
# PDF: social value and modern slavery statement for suppliers
# ---------------------------------------------------------------------------
SV_CONTROL = [
    "Title: Social Value and Modern Slavery Statement for Suppliers",
    "Owner: Head of Procurement",
    "Version: 2.0",
    "Review date: 2028-01-31",
    "Audience: public",
]

SV_BODY = [
    ("h", "1. About this statement"),
    ("p", "1.1 This statement tells suppliers what Port Ellery City Council expects on social value and on preventing modern slavery in the council's supply chains."),
    ("p", "1.2 The council's Cabinet approved this statement on 14 January 2027. The council publishes a new statement every year."),
    ("p", "1.3 The statement applies to every contract the council lets and to the subcontractors that work on those contracts."),
    ("h", "2. Our social value priorities"),
    ("p", "2.1 The council asks bidders to make social value commitments under the five themes in the table below."),
    ("table", [
        ["Theme", "What we ask suppliers for", "Example measure"],
        ["Local jobs", "Jobs for Port Ellery residents", "Local people employed on the contract"],
        ["Skills", "Apprenticeships and training for local people", "Apprenticeship weeks"],
        ["Young people", "Work experience, with priority for care leavers", "Placements for care leavers"],
        ["Net zero", "Cutting carbon towards net zero by 2038", "Tonnes of carbon saved"],
        ["Communities", "Volunteering for local voluntary groups", "Volunteering hours given"],
    ]),
    ("h", "3. How social value is evaluated"),
    ("p", "3.1 Social value carries a weighting of at least 10% in every tender worth £50,000 or more."),
    ("p", "3.2 The social value commitments in the winning bid become key performance indicators in the contract."),
    ("p", "3.3 Suppliers report progress on their social value commitments every 6 months through the EllerySource portal."),
    ("p", "3.4 Where a supplier does not deliver a commitment, the council may agree a recovery plan with the supplier."),
    ("h", "4. Real Living Wage"),
    ("p", "4.1 Port Ellery City Council is an accredited Real Living Wage employer."),
    ("p", "4.2 The council expects suppliers of care, cleaning, catering and security services to pay all staff who work on council contracts at least the Real Living Wage set by the Living Wage Foundation."),
    ("p", "4.3 Suppliers apply each annual increase in the Real Living Wage within 6 months of its announcement."),
    ("h", "5. Modern slavery: what we expect of suppliers"),
    ("p", "5.1 A supplier with an annual turnover of £36 million or more must publish a modern slavery statement under section 54 of the Modern Slavery Act 2015 and give the council a link to it."),
    ("p", "5.2 A supplier with a lower turnover completes the council's Modern Slavery Questionnaire as part of its tender."),
    ("p", "5.3 Suppliers must make sure that no worker on a council contract pays a recruitment fee or has their identity documents held by an employer."),
    ("h", "6. Due diligence and action"),
    ("p", "6.1 The council treats cleaning, construction, textiles and personal protective equipment, and transport as high-risk categories for modern slavery."),
    ("p", "6.2 A contract in a high-risk category gives the council the right to audit the supplier's supply chain on 10 working days' notice."),
    ("p", "6.3 Where the council finds evidence of modern slavery in a supplier's operations, the council may terminate the contract."),
    ("h", "7. Training and reporting concerns"),
    ("p", "7.1 Every council officer who buys goods or services completes the council's modern slavery training every 2 years."),
    ("p", "7.2 Anyone who suspects modern slavery linked to a council contract should tell the council's Community Safety Team on 01632 960 455 or at modernslavery@portellery.gov.uk."),
    ("p", "7.3 If someone is in immediate danger, call 999."),
    ("h", "8. Contact"),
    ("p", "8.1 Questions about this statement go to the Social Value Lead at socialvalue@portellery.gov.uk."),
]


class StatementPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, "Port Ellery City Council - Social Value and Modern Slavery Statement",
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, f"Page {self.page_no()}", align="C")


def build_pdf() -> Path:
    pdf = StatementPDF(format="A4")
    pdf.set_title("Social Value and Modern Slavery Statement for Suppliers")
    pdf.set_author("Head of Procurement")
    pdf.set_subject("version 2.0")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Port Ellery City Council")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, "Social Value and Modern Slavery Statement for Suppliers",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in SV_CONTROL:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, value in SV_BODY:
        if kind == "h":
            pdf.ln(2)
            pdf.start_section(value, level=0)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 10)
        elif kind == "p":
            pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(col_widths=(28, 82, 70), borders_layout="ALL",
                           first_row_as_headings=True, line_height=5) as table:
                for row in value:
                    r = table.row()
                    for text in row:
                        r.cell(text)
            pdf.set_font("Helvetica", "", 10)
            pdf.ln(2)
    path = OUT / "social-value-modern-slavery-statement.pdf"
    pdf.output(str(path))
    return path


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    print(build_docx())
    print(build_pdf())
