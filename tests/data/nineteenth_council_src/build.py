"""Build the binary documents of the Lowmere and Brackton library (tests/data/nineteenth_council/).

Run: .venv/bin/python tests/data/nineteenth_council_src/build.py

Deterministic: fixed core properties, fixed creation dates, fixed zip timestamps, so the same
bytes come out every run. The .md, .html and .txt documents are written by hand and not built here.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "nineteenth_council"
FIXED = dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (2026, 3, 2, 9, 0, 0)

# --------------------------------------------------------------------------------------------
# Content: a list of blocks. ("control", [lines]) ("h1"/"h2", text) ("p", text)
# ("bullets", [items]) ("table", [header cells], [[row cells], ...])
# --------------------------------------------------------------------------------------------

GRANTS = [
    ("control", [
        "Title: Active Lowmere Leisure and Physical Activity Grants Prospectus 2026 to 2028",
        "Owner: Head of Leisure and Wellbeing",
        "Version: 1.3",
        "Review date: 2027-09-30",
        "Audience: public",
    ]),
    ("title", "Active Lowmere Leisure and Physical Activity Grants Prospectus 2026 to 2028"),
    ("h1", "1. Introduction"),
    ("p", "1.1 Active Lowmere is a grants programme run by Lowmere and Brackton District Council (the council) "
          "with Brackshire County Council (the county) as funding partner. The programme funds activity that "
          "helps the least active residents of the district to become more physically active."),
    ("p", "1.2 This prospectus covers grants awarded in the financial years 2026/27 and 2027/28. "
          "A financial year runs from 1 April to 31 March."),
    ("p", "1.3 Organisations that want to deliver a service under contract rather than receive a grant should "
          "read the Provider and Applicant FAQ and the council's Small-Value Procurement Guide instead. "
          "Section 6 of this prospectus explains how grant decisions are made."),
    ("h1", "2. Definitions"),
    ("p", "In this prospectus the following words have these meanings."),
    ("table", ["Term", "Meaning"], [
        ["Inactive resident", "A resident of the district who does less than 30 minutes of moderate physical "
                              "activity a week."],
        ["Constituted group", "A group with a written constitution, at least three unrelated committee members "
                              "and a bank account that needs two unrelated signatories."],
        ["Match funding", "Cash or in-kind support for the project from a source other than the council or "
                          "the county. Volunteer time counts at £15 an hour."],
        ["Project cost", "The total cost of the project including match funding, excluding any VAT the "
                         "applicant can recover."],
        ["Grant agreement", "The signed agreement between the council and the grant recipient that sets out "
                            "the conditions in section 7."],
    ]),
    ("h1", "3. Grant strands"),
    ("p", "3.1 Strand A, Get Started Grants, funds new weekly activity sessions aimed at inactive residents, "
          "such as walking groups, chair-based exercise and beginner sessions for adults."),
    ("p", "3.2 Strand B, Club Development Grants, funds existing sports clubs to open their sessions to new "
          "members from under-represented groups, including coaching qualifications and kit for new members."),
    ("p", "3.3 Strand C, Active Spaces Capital Grants, funds small building and outdoor works that make physical "
          "activity possible, such as accessible changing rooms, floodlighting and surfaced paths."),
    ("p", "3.4 Strand C does not fund routine repairs and maintenance, vehicles, or works to buildings the "
          "applicant does not own or hold on a lease with at least five years left to run."),
    ("h1", "4. Grant amounts by strand and year"),
    ("p", "4.1 The smallest and largest grant that can be awarded under each strand, and the match funding "
          "required, are set out in the table below for each financial year."),
    ("table", ["Strand and year", "Minimum grant", "Maximum grant", "Match funding required"], [
        ["Strand A, Get Started Grants, 2026/27", "£500", "£4,999", "None"],
        ["Strand A, Get Started Grants, 2027/28", "£500", "£5,250", "None"],
        ["Strand B, Club Development Grants, 2026/27", "£2,000", "£14,999", "10% of project cost"],
        ["Strand B, Club Development Grants, 2027/28", "£2,500", "£15,500", "10% of project cost"],
        ["Strand C, Active Spaces Capital Grants, 2026/27", "£5,000", "£40,000", "25% of project cost"],
        ["Strand C, Active Spaces Capital Grants, 2027/28", "£5,000", "£40,000", "30% of project cost"],
    ]),
    ("p", "4.2 Strand C grants of more than £25,000 are paid in two instalments: 60% when the grant agreement "
          "is signed and 40% when the works are complete and the council has seen the final invoices."),
    ("p", "4.3 Strand A and Strand B grants are paid in full when the grant agreement is signed."),
    ("h1", "5. Who can apply"),
    ("p", "5.1 Constituted groups, registered charities, community interest companies (CICs) and sports clubs "
          "affiliated to a national governing body of sport may apply to any strand."),
    ("p", "5.2 Parish and town councils may apply to Strand C only."),
    ("p", "5.3 Individuals, political parties, and schools seeking funding for activity within the curriculum "
          "may not apply."),
    ("p", "5.4 An organisation may hold only one Active Lowmere grant at a time, across all strands."),
    ("p", "5.5 The activity must take place in the district, and at least two thirds of the participants must "
          "live in the district."),
    ("h1", "6. How to apply and how decisions are made"),
    ("p", "6.1 Applications are made online. In 2026/27 there are two funding rounds: Round 1 opens on "
          "4 May 2026 and closes at noon on 19 June 2026; Round 2 opens on 5 October 2026 and closes at noon "
          "on 13 November 2026."),
    ("p", "6.2 The decision maker and the target time for a decision depend on the amount applied for, as set "
          "out in the table below."),
    ("table", ["Amount applied for", "Decided by", "Target time for a decision"], [
        ["£500 to £4,999", "Grants Officer", "20 working days after the round closes"],
        ["£5,000 to £24,999", "Active Lowmere Grants Panel", "8 weeks after the round closes"],
        ["£25,000 to £40,000", "Portfolio Holder for Leisure, on the recommendation of the Grants Panel",
         "12 weeks after the round closes"],
    ]),
    ("p", "6.3 The council tells every applicant the decision by email."),
    ("p", "6.4 An applicant whose application is refused may ask for feedback within 28 days of the decision. "
          "There is no appeal against the merits of a decision; a complaint about how the application was "
          "handled can be made through the council's corporate complaints procedure."),
    ("h1", "7. Conditions of grant"),
    ("p", "7.1 The grant must be spent within 12 months of the date of the grant agreement."),
    ("p", "7.2 Recipients of Strand A and Strand B grants send an end-of-grant report within 8 weeks of the "
          "end of the grant period. Recipients of Strand C grants send a completion report and a usage return "
          "12 months after the works are complete."),
    ("p", "7.3 A recipient working with children or adults at risk must have a safeguarding policy and a named "
          "safeguarding lead. Coaches and session leaders must hold an enhanced Disclosure and Barring Service "
          "(DBS) check renewed at least every three years."),
    ("p", "7.4 The recipient must show the Active Lowmere logo on publicity for the funded activity."),
    ("p", "7.5 Any grant not spent by the end of the grant period must be returned to the council within "
          "30 days."),
    ("p", "7.6 If an asset bought or improved with a Strand C grant is sold or stops being used for physical "
          "activity within five years of completion, the council may reclaim all or part of the grant."),
]

NOTES = [
    ("control", [
        "Title: Provider Performance and Negotiation Notes",
        "Owner: Head of Strategic Commissioning",
        "Version: 0.7",
        "Review date: 2026-12-31",
        "Audience: internal",
        "Classification: OFFICIAL-SENSITIVE",
    ]),
    ("title", "Provider Performance and Negotiation Notes"),
    ("p", "OFFICIAL-SENSITIVE"),
    ("p", "These notes are for commissioning officers only. They must not be shared with providers or "
          "quoted in correspondence."),
    ("h1", "1. Providers under performance concern"),
    ("p", "1.1 The providers below are under formal performance management as at 1 November 2026."),
    ("table", ["Provider", "Contract or lot", "Concern", "Action agreed", "Next review"], [
        ["Brackton Community Wheels CIC", "Dial-a-Ride contract",
         "KPI 1 on-time pick-ups at 87% for three consecutive months",
         "Performance improvement plan agreed on 14 September 2026", "31 December 2026"],
        ["Harbour Lets Ltd", "TA framework Lot 1 – Families",
         "Two properties failed pre-placement inspection with no valid EICR",
         "Suspended from new placements until all properties are re-inspected", "15 January 2027"],
        ["Northgate Youth Housing Trust", "TA framework Lot 3 – Young People",
         "Late incident reporting and a staffing gap on night shifts",
         "Enhanced monitoring with monthly contract meetings", "28 February 2027"],
    ]),
    ("p", "1.2 Service credits of £1,840 were withheld from Brackton Community Wheels CIC for August and "
          "September 2026 under clause 7.2 of the Dial-a-Ride specification."),
    ("h1", "2. Negotiation positions"),
    ("p", "2.1 For the 2027/28 Dial-a-Ride price review the council will open at an uplift of 2.5% and may "
          "agree up to 3.1% if the operator commits a second wheelchair-accessible vehicle on Saturdays."),
    ("p", "2.2 For a block booking of 20 two-bedroom units under TA framework Lot 1 the council's target price "
          "is £61 per night, and officers will walk away above £64 per night."),
    ("p", "2.3 Officers will recommend against extending the Dial-a-Ride contract beyond March 2029 unless "
          "KPI 1 has been at or above target for six consecutive months by September 2028."),
    ("p", "2.4 Lot 4 providers have asked for a higher hourly rate for evening work; the council's position is "
          "to offer an enhancement of £2.40 an hour for hours worked after 19:00, and no more."),
    ("h1", "3. Contacts for escalation"),
    ("p", "3.1 Performance concerns on the Dial-a-Ride contract are escalated to Priya Okonkwo-Hale, "
          "Transport Commissioning Manager."),
    ("p", "3.2 Performance concerns on the TA framework are escalated to Gareth Lindqvist, Housing Options "
          "Commissioning Lead."),
    ("p", "3.3 Concerns about Active Lowmere grant recipients are escalated to Sian Mabbott, Grants Officer, "
          "and then to the Head of Leisure and Wellbeing."),
]

DAR = [
    ("control", [
        "Title: Community Transport (Dial-a-Ride) Service Specification",
        "Owner: Transport Commissioning Manager",
        "Version: 2.0",
        "Review date: 2027-03-31",
        "Audience: public",
    ]),
    ("title", "Community Transport (Dial-a-Ride) Service Specification"),
    ("h1", "1. Purpose and scope"),
    ("p", "1.1 Lowmere and Brackton District Council and Brackshire County Council jointly commission a "
          "door-to-door community transport service, Dial-a-Ride (DaR), for residents of the district who "
          "cannot use conventional public transport."),
    ("p", "1.2 The contract starts on 1 April 2026 and runs for three years. The council may extend it by up "
          "to two further years, in periods of 12 months."),
    ("p", "1.3 Dial-a-Ride journeys must start or finish in the district. Journeys outside the district are "
          "allowed only to Brackton Community Hospital, Wexby General Hospital and Wexby railway station."),
    ("h1", "2. Passenger eligibility"),
    ("p", "2.1 A resident of the district is eligible if they cannot use local bus services because of a "
          "disability, a long-term health condition or mobility problems linked to age, or if they live more "
          "than 800 metres from a bus stop with an hourly or more frequent service."),
    ("p", "2.2 Passengers must register with the operator before their first journey. Registration lasts "
          "three years and is then renewed."),
    ("p", "2.3 A carer who is needed to help a registered passenger during the journey travels free of charge."),
    ("h1", "3. Service hours and booking"),
    ("p", "3.1 The service operates Monday to Saturday from 07:30 to 18:30. There is no service on Sundays or "
          "on public holidays."),
    ("p", "3.2 Passengers may book up to 14 days ahead and no later than 16:00 on the working day before "
          "travel."),
    ("p", "3.3 The operator must answer 90% of calls to the booking line within 60 seconds."),
    ("p", "3.4 The vehicle must arrive within 15 minutes either side of the booked pick-up time."),
    ("h1", "4. Fares"),
    ("p", "4.1 Passengers pay a single fare set by the length of the journey. The fare bands are:"),
    ("table", ["Fare band", "2026/27 single fare", "2027/28 single fare"], [
        ["Band 1 - up to 3 miles", "£2.50", "£2.70"],
        ["Band 2 - over 3 and up to 8 miles", "£4.00", "£4.30"],
        ["Band 3 - over 8 and up to 15 miles", "£6.00", "£6.40"],
    ]),
    ("p", "4.2 Holders of an English National Concessionary Travel Scheme (ENCTS) bus pass pay half the fare "
          "for their band."),
    ("p", "4.3 The operator collects fares and keeps them. Fare income is deducted when the annual contract "
          "price is set, so the contract is let on a net cost basis."),
    ("h1", "5. Vehicles and drivers"),
    ("p", "5.1 Every vehicle must be wheelchair accessible, with a tail-lift or ramp, and must be no more than "
          "seven years old at any time during the contract."),
    ("p", "5.2 Every driver must hold an enhanced DBS check and must gain a Minibus Driver Awareness Scheme "
          "(MiDAS) certificate within 12 months of starting to drive on the contract."),
    ("p", "5.3 A passenger assistant must travel on any journey carrying more than four wheelchair users."),
    ("h1", "6. Contract price and payment"),
    ("p", "6.1 The council pays a fixed annual fee in 12 equal monthly instalments, in arrears, within 30 days "
          "of receiving a valid invoice."),
    ("p", "6.2 From April 2027 the annual fee is uplifted each year by the Consumer Prices Index (CPI) for the "
          "previous December, capped at 4%."),
    ("h1", "7. Performance and key performance indicators"),
    ("p", "7.1 The operator reports against the key performance indicators (KPIs) below."),
    ("table", ["KPI", "Target", "Reported"], [
        ["KPI 1 - on-time pick-ups", "95% of pick-ups", "Monthly"],
        ["KPI 2 - booking requests met", "92% of requests", "Monthly"],
        ["KPI 3 - complaints answered in 10 working days", "100% of complaints", "Quarterly"],
    ]),
    ("p", "7.2 Where a KPI is missed in two consecutive months, the council may withhold a service credit of "
          "2% of the monthly fee for each KPI missed."),
    ("p", "7.3 The operator sends the monthly performance report by the 10th working day of the following "
          "month."),
]


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------

def _fixed_zip(data: bytes) -> bytes:
    """Re-write the zip with fixed timestamps so the file is the same bytes each run."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build_docx(blocks, path: Path, *, title: str, author: str, category: str, version: str,
               keywords: str, header: str | None = None) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    cp = doc.core_properties
    cp.title, cp.author, cp.category = title, author, category
    cp.subject, cp.keywords = f"version {version}", keywords
    cp.last_modified_by, cp.revision = author, 3
    cp.created = cp.modified = cp.last_printed = FIXED.replace(tzinfo=None)
    cp.comments = ""
    if header:
        doc.sections[0].header.paragraphs[0].text = header
        doc.sections[0].footer.paragraphs[0].text = header
    for kind, *rest in blocks:
        if kind == "control":
            for line in rest[0]:
                doc.add_paragraph(line)
        elif kind == "title":
            doc.add_paragraph(rest[0], style="Title")
        elif kind == "h1":
            doc.add_heading(rest[0], level=1)
        elif kind == "h2":
            doc.add_heading(rest[0], level=2)
        elif kind == "p":
            doc.add_paragraph(rest[0])
        elif kind == "bullets":
            for item in rest[0]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            head, rows = rest
            table = doc.add_table(rows=1, cols=len(head))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, head):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


# --------------------------------------------------------------------------------------------
# PDF (no outline: headings are bold and larger only)
# --------------------------------------------------------------------------------------------

class _Pdf(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Lowmere and Brackton District Council - page {self.page_no()}", align="C")


def build_pdf(blocks, path: Path, *, title: str, author: str, subject: str, keywords: str) -> None:
    pdf = _Pdf(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(subject)
    pdf.set_keywords(keywords)
    pdf.set_creator("Lowmere and Brackton District Council")
    pdf.set_producer("LBDC document build")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, *rest in blocks:
        if kind == "control":
            pdf.set_font("Helvetica", "", 9)
            for line in rest[0]:
                pdf.cell(width, 4.5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "title":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(width, 8, rest[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind in ("h1", "h2"):
            if pdf.get_y() > pdf.h - 40:
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12.5 if kind == "h1" else 11)
            pdf.cell(width, 7, rest[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(width, 5, rest[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "table":
            head, rows = rest
            widths = [width * 0.46] + [width * 0.54 / (len(head) - 1)] * (len(head) - 1)
            pdf.set_font("Helvetica", "B", 9.5)
            for w, text in zip(widths, head):
                pdf.cell(w, 7, text, border=1)
            pdf.ln(7)
            pdf.set_font("Helvetica", "", 9.5)
            for row in rows:
                for w, text in zip(widths, row):
                    pdf.cell(w, 7, text, border=1)
                pdf.ln(7)
            pdf.ln(3)
    pdf.output(str(path))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_docx(GRANTS, OUT / "active-lowmere-grants-prospectus.docx",
               title="Active Lowmere Leisure and Physical Activity Grants Prospectus 2026 to 2028",
               author="Head of Leisure and Wellbeing", category="public", version="1.3",
               keywords="audience: public")
    build_docx(NOTES, OUT / "provider-performance-and-negotiation-notes.docx",
               title="Provider Performance and Negotiation Notes",
               author="Head of Strategic Commissioning", category="internal", version="0.7",
               keywords="audience: internal; classification: OFFICIAL-SENSITIVE",
               header="OFFICIAL-SENSITIVE")
    build_pdf(DAR, OUT / "dial-a-ride-service-specification.pdf",
              title="Community Transport (Dial-a-Ride) Service Specification",
              author="Transport Commissioning Manager", subject="version 2.0",
              keywords="audience: public")


if __name__ == "__main__":
    main()
