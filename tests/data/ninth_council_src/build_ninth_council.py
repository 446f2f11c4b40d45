"""Rebuild the binary documents of the ninth_council test library.

Thornbury Cross District Council is fictional.  The .docx and .pdf files in
tests/data/ninth_council/ are generated from the text below so that a change
is made here once and the binaries can be rebuilt:

    .venv/bin/python tests/data/ninth_council_src/build_ninth_council.py

The .txt, .md and .html documents of the library are hand-written and are not
touched by this script.
"""
from __future__ import annotations

from pathlib import Path

import docx
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "ninth_council"

# --------------------------------------------------------------------------
# Call-off terms and conditions (.docx)
# --------------------------------------------------------------------------
CALL_OFF_FILE = "call-off-terms-and-conditions.docx"
CALL_OFF_META = {
    "Title": "Community Support Services Framework – Call-Off Terms and Conditions",
    "Owner": "Head of Procurement and Contracts",
    "Version": "3.2",
    "Review date": "2027-09-30",
    "Audience": "public",
}
CALL_OFF = [
    ("h1", "1. DEFINITIONS AND INTERPRETATION"),
    ("p", "1.1 In this Call-Off Contract the words in the table below have the meanings given to them, unless the context requires otherwise."),
    ("table", ["Defined term", "Meaning"], [
        ["Authority", "Thornbury Cross District Council, Council Offices, Market Square, Thornbury Cross."],
        ["Call-Off Contract", "A contract for Services awarded under the Framework Agreement, made up of the Order Form, these Call-Off Terms and Conditions and the Schedules."],
        ["Contract Manager", "The officer named in the Order Form who manages the Call-Off Contract for the Authority."],
        ["Contract Year", "Each period of twelve (12) months starting on the Commencement Date or on an anniversary of it."],
        ["Default", "Any breach of the Provider's obligations under the Call-Off Contract, or any negligent act or omission of the Provider or its staff."],
        ["Working Day", "Any day other than a Saturday, a Sunday or a bank holiday in England."],
    ]),
    ("p", "1.2 Where there is any conflict between the documents that make up the Call-Off Contract, the Order Form takes precedence over these Call-Off Terms and Conditions, which take precedence over the Schedules."),
    ("p", "1.3 A reference to a Clause is a reference to a clause of these Call-Off Terms and Conditions, and a reference to a Schedule is a reference to a schedule to these Call-Off Terms and Conditions."),

    ("h1", "2. TERM OF THE CALL-OFF CONTRACT"),
    ("p", "2.1 The Call-Off Contract starts on the Commencement Date and continues for an Initial Term of three (3) years."),
    ("p", "2.2 The Authority may extend the Call-Off Contract by up to two (2) further periods of twelve (12) months each, subject to Clause 2.3."),
    ("p", "2.3 The Authority shall give the Provider not less than three (3) months' written notice before the end of the Initial Term (or of any extension) if the Authority decides to extend the Call-Off Contract."),
    ("p", "2.4 The duration of the Framework Agreement itself is set out in the Framework Agreement and is not changed by any Call-Off Contract."),

    ("h1", "5. CHARGES AND PRICE REVIEW"),
    ("p", "5.1 The Charges for the Services are set out in SCHEDULE 2 – PART A, and the Authority shall pay no other sum for the Services."),
    ("p", "5.2 The Charges are fixed for the first twelve (12) months of the Call-Off Contract."),
    ("p", "5.3 After the first twelve (12) months the Provider may ask for a price review once in each Contract Year by writing to the Contract Manager no later than 31 January, and any agreed change takes effect on the following 1 April."),
    ("p", "5.4 Any increase agreed under Clause 5.3 shall not exceed the percentage change in the Consumer Prices Index (CPI) for the twelve (12) months to the preceding December."),
    ("p", "5.5 The Provider shall not charge Service Users or their carers any top-up fee for Services paid for by the Authority."),

    ("h1", "9. SAFEGUARDING"),
    ("p", "9.1 The Provider shall comply with the multi-agency safeguarding procedures of the Thornbury Cross Safeguarding Adults Board and, for any work with children, the local safeguarding children partnership."),
    ("p", "9.2 The Provider shall report any safeguarding concern about a Service User to the Authority's Safeguarding Hub on 01632 960410 on the same day that the concern is raised, and in any event within twenty-four (24) hours."),
    ("p", "9.3 The Provider shall ensure that every member of staff or volunteer in regulated activity holds an enhanced Disclosure and Barring Service check with a barred list check, renewed at least every three (3) years."),
    ("p", "9.4 Where the Provider subcontracts any part of the Services, the Provider shall ensure that the subcontractor complies with this Clause 9 as if the subcontractor were the Provider."),

    ("h1", "12. INSURANCE"),
    ("p", "12.1 The Provider shall hold, for the whole of the Call-Off Contract, insurance with a reputable insurer of not less than the following amounts for any one claim:"),
    ("bullets", [
        "employer's liability insurance of £10 million;",
        "public liability insurance of £5 million; and",
        "professional indemnity insurance of £2 million.",
    ]),
    ("p", "12.2 The Provider shall send the Contract Manager copies of its insurance certificates within ten (10) Working Days of a request."),

    ("h1", "14. PAYMENT AND INVOICING"),
    ("p", "14.1 The Provider shall invoice the Authority monthly in arrears for the Services delivered in the previous calendar month."),
    ("p", "14.2 Each invoice shall quote the Authority's purchase order number and be sent by email to accounts.payable@thornburycross.gov.uk, and an invoice without a purchase order number will be returned unpaid."),
    ("h2", "14.3 Disputed invoices"),
    ("p", "14.3.1 The Authority shall pay each valid and undisputed invoice within thirty (30) days of receiving it."),
    ("p", "14.3.2 Where the Authority disputes any part of an invoice, the Authority shall notify the Provider in writing within ten (10) Working Days of receipt and shall pay the undisputed part of the invoice, subject to Clause 14.3.1."),
    ("p", "14.3.3 A dispute about an invoice that is not resolved within twenty (20) Working Days shall be referred to the dispute resolution procedure in Clause 23."),
    ("p", "14.4 The Authority may set off against any sum it owes the Provider any sum the Provider owes the Authority under the Call-Off Contract."),

    ("h1", "18. TERMINATION"),
    ("p", "18.1 The Authority may terminate the Call-Off Contract at any time, for any reason, by giving the Provider not less than six (6) months' written notice."),
    ("p", "18.2 The Provider may terminate the Call-Off Contract by giving the Authority not less than nine (9) months' written notice, so that the Authority has time to arrange other care for Service Users."),
    ("p", "18.3 Where the Provider commits a Default that is capable of remedy, the Authority may serve a remedy notice, and the Provider shall put the Default right within twenty (20) Working Days of the notice."),
    ("p", "18.4 The Authority may terminate the Call-Off Contract with immediate effect by written notice where the Provider fails to comply with a remedy notice served under Clause 18.3 or commits a Default under Clause 9."),

    ("h1", "21. EXIT AND STAFF TRANSFER"),
    ("p", "21.1 During the final twelve (12) months of the Call-Off Contract, the Provider shall give the Authority anonymised workforce information for staff who may transfer under TUPE within twenty (20) Working Days of a request."),
    ("p", "21.2 The Provider shall co-operate with any replacement provider and shall hand over Service User records within five (5) Working Days of the end of the Call-Off Contract."),

    ("h1", "23. DISPUTE RESOLUTION"),
    ("p", "23.1 The Contract Manager and the Provider's named representative shall first meet to try to resolve a dispute within ten (10) Working Days of either party giving notice of it."),
    ("p", "23.2 If the dispute is not resolved at that meeting, it shall be escalated to the Authority's Head of Procurement and Contracts and a director of the Provider."),
    ("p", "23.3 If the dispute is still not resolved within thirty (30) days of escalation, either party may refer it to mediation under the CEDR Model Mediation Procedure."),

    ("h1", "SCHEDULE 2 – PART A: CHARGES"),
    ("p", "The Charges below apply to call-offs for Lot 3 (Short Breaks for Carers) for the Contract Year 2026/27. The Charges for Lot 1 and Lot 2 are annual block payments stated in each Order Form."),
    ("table", ["Service element", "Unit", "Charge 2026/27"], [
        ["Daytime sitting service (8am to 8pm, Monday to Friday)", "per hour", "£24.80"],
        ["Evening and weekend sitting service", "per hour", "£26.10"],
        ["Bank holiday sitting service", "per hour", "£37.20"],
        ["Overnight sleep-in", "per night (10pm to 7am)", "£145.00"],
        ["Cancellation with less than 24 hours' notice", "per visit", "Charged in full"],
    ]),

    ("h1", "SCHEDULE 2 – PART B: SERVICE CREDITS"),
    ("p", "Where the Provider misses a Key Performance Indicator in SCHEDULE 4, the Authority may deduct the service credit below from the next monthly invoice."),
    ("table", ["Failure", "Service credit"], [
        ["Quarterly monitoring return more than 10 Working Days late", "2% of that month's Charges"],
        ["Sitting visit missed without notice to the carer", "5% of that month's Charges"],
        ["Safeguarding concern not reported as required by Clause 9.2", "10% of that month's Charges"],
    ]),
    ("p", "The total service credits deducted in any one month shall not exceed ten per cent (10%) of that month's Charges."),
]

# --------------------------------------------------------------------------
# Carers' support service specification (.pdf)
# --------------------------------------------------------------------------
SPEC_FILE = "carers-support-service-specification.pdf"
SPEC_META = {
    "Title": "Carers' Support Service – Service Specification",
    "Owner": "Commissioning Manager, Adults and Carers",
    "Version": "2.0",
    "Review date": "2027-03-31",
    "Audience": "public",
}
SPEC = [
    ("h1", "1. Introduction and purpose"),
    ("p", "1.1 This specification describes the Carers' Support Service that Thornbury Cross District Council commissions under Lot 1, Lot 2 and Lot 3 of the Community Support Services Framework."),
    ("p", "1.2 The Carers' Support Service helps unpaid carers to look after their own health and wellbeing, to stay in work or education if they wish, and to have a life of their own alongside caring."),
    ("p", "1.3 The new Carers' Support Service contracts start on 1 October 2027."),
    ("h1", "2. Who the service is for"),
    ("p", "2.1 Lot 1 and Lot 3 are for adult carers aged 18 or over who live in the district, or who care for someone who lives in the district."),
    ("p", "2.2 Lot 2 is for young carers aged 8 to 17 who live in the district."),
    ("p", "2.3 Young adult carers aged 18 to 24 may choose to be supported under Lot 1 or under Lot 2, and the providers of the two lots shall agree a joint transition plan for each young carer who turns 18."),
    ("p", "2.4 A carer does not need a formal carer's assessment or a diagnosis for the person they care for before using the Carers' Support Service."),
    ("h1", "3. Service lots and volumes"),
    ("p", "3.1 The table below sets out each lot, the minimum number of carers or hours the provider shall deliver each year, and the time within which a new referral shall be contacted."),
    ("table", ["Lot", "Service", "Minimum annual volume", "First contact after referral"], [
        ["Lot 1", "Carers' Information and Advice Hub", "1,200 carers registered", "within 3 Working Days"],
        ["Lot 2", "Young Carers Support", "180 young carers supported", "within 5 Working Days"],
        ["Lot 3", "Short Breaks for Carers (sitting service)", "9,000 hours of sitting", "within 10 Working Days"],
    ]),
    ("p", "3.2 A provider may bid for one, two or all three lots, and the Council will evaluate and award each lot separately."),
    ("h1", "4. Service requirements"),
    ("h2", "4.1 Lot 1: Carers' Information and Advice Hub"),
    ("p", "4.1.1 The Lot 1 provider shall run a carers' advice line from 9am to 5pm Monday to Friday, staying open until 7pm on Wednesdays."),
    ("p", "4.1.2 The Lot 1 provider shall hold a carer's conversation with each newly registered carer within 28 days of registration and shall agree a written support plan with the carer."),
    ("p", "4.1.3 The Lot 1 provider shall run at least one carers' drop-in session each month in each of the three market towns of the district: Thornbury Cross, Elmbridge Magna and Stowford."),
    ("h2", "4.2 Lot 2: Young Carers Support"),
    ("p", "4.2.1 The Lot 2 provider shall offer every young carer a one-to-one wellbeing check at least once every six months."),
    ("p", "4.2.2 The Lot 2 provider shall run young carers' group activities during every school holiday, with a ratio of at least one member of staff to every six young carers and never fewer than two adults present."),
    ("p", "4.2.3 Statutory young carers' needs assessments are carried out by the county council's children's services and are not part of this specification."),
    ("h2", "4.3 Lot 3: Short Breaks for Carers"),
    ("p", "4.3.1 The Lot 3 provider shall offer sitting visits of at least three (3) hours and no more than eight (8) hours each, so that the carer can take a break."),
    ("p", "4.3.2 Each carer may receive up to one hundred and twenty (120) hours of sitting service in any Contract Year unless the Council agrees more in writing."),
    ("p", "4.3.3 Where a sitting visit includes personal care, the Lot 3 provider shall be registered with the Care Quality Commission for the regulated activity of personal care."),
    ("h1", "5. Workforce"),
    ("p", "5.1 Every member of staff and every volunteer shall complete carers' awareness training within six (6) weeks of starting work on the service."),
    ("p", "5.2 Staff and volunteers working with young carers under Lot 2 shall hold an enhanced Disclosure and Barring Service check for the children's workforce."),
    ("p", "5.3 The provider shall make sure that at least one member of staff on each shift can communicate in British Sign Language or can book an interpreter within two (2) Working Days."),
    ("h1", "6. Performance and reporting"),
    ("p", "6.1 The provider shall send a quarterly monitoring return to the Contract Manager within fifteen (15) Working Days of the end of each quarter."),
    ("p", "6.2 The provider shall carry out a carer satisfaction survey every year, and at least 85% of carers who respond shall say they are satisfied with the service."),
    ("p", "6.3 The provider shall report the Key Performance Indicators set out in SCHEDULE 4 of the Call-Off Contract, and service credits for missed indicators are set out in SCHEDULE 2 – PART B."),
    ("h1", "7. Safeguarding and complaints"),
    ("p", "7.1 The provider shall follow the safeguarding requirements in Clause 9 of the Call-Off Terms and Conditions."),
    ("p", "7.2 The provider shall handle complaints from carers as set out in the Provider Handbook and shall tell every carer how to complain at their first contact."),
]


# --------------------------------------------------------------------------
def build_docx(path: Path) -> None:
    d = docx.Document()
    cp = d.core_properties
    cp.title = CALL_OFF_META["Title"]
    cp.author = CALL_OFF_META["Owner"]
    cp.category = CALL_OFF_META["Audience"]
    cp.subject = f"version {CALL_OFF_META['Version']}"
    for key, value in CALL_OFF_META.items():
        d.add_paragraph(f"{key}: {value}")
    for item in CALL_OFF:
        kind = item[0]
        if kind == "h1":
            d.add_heading(item[1], level=1)
        elif kind == "h2":
            d.add_heading(item[1], level=2)
        elif kind == "p":
            d.add_paragraph(item[1])
        elif kind == "bullets":
            for b in item[1]:
                d.add_paragraph(b, style="List Bullet")
        elif kind == "table":
            header, rows = item[1], item[2]
            t = d.add_table(rows=1, cols=len(header))
            t.style = "Table Grid"
            for cell, text in zip(t.rows[0].cells, header):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in rows:
                cells = t.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
    d.sections[0].footer.paragraphs[0].text = (
        "Thornbury Cross District Council – Call-Off Terms and Conditions v3.2"
    )
    d.save(path)


FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _pdf_fonts(pdf: FPDF) -> str:
    if (FONT_DIR / "DejaVuSans.ttf").exists():
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        return "DejaVu"
    return "Helvetica"


def build_pdf(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(SPEC_META["Title"])
    pdf.set_author(SPEC_META["Owner"])
    pdf.set_subject(f"version {SPEC_META['Version']}")
    pdf.set_keywords(f"audience: {SPEC_META['Audience']}")
    font = _pdf_fonts(pdf)
    pdf.add_page()
    pdf.set_font(font, "", 10)
    for key, value in SPEC_META.items():
        pdf.cell(0, 6, f"{key}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for item in SPEC:
        kind = item[0]
        if kind in ("h1", "h2"):
            level = 0 if kind == "h1" else 1
            pdf.ln(3)
            pdf.start_section(item[1], level=level)
            pdf.set_font(font, "B", 13 if kind == "h1" else 11)
            pdf.multi_cell(0, 7, item[1], new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(font, "", 10)
        elif kind == "p":
            pdf.multi_cell(0, 5.5, item[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "table":
            header, rows = item[1], item[2]
            with pdf.table(borders_layout="ALL", col_widths=(14, 40, 30, 28),
                           text_align="LEFT", line_height=6) as table:
                r = table.row()
                for h in header:
                    r.cell(h)
                for row in rows:
                    r = table.row()
                    for c in row:
                        r.cell(c)
            pdf.ln(2)
    pdf.output(str(path))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    build_docx(OUT / CALL_OFF_FILE)
    build_pdf(OUT / SPEC_FILE)
    print("wrote", OUT / CALL_OFF_FILE, "and", OUT / SPEC_FILE)
