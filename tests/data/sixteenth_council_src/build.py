"""Build the binary documents of the Sixteenth evaluation library (Kelsworth Borough Council).

Writes, into ../sixteenth_council/:
  section-75-schedule-3-pooled-funds.docx    (public contract schedule, Word tables, header/footer)
  ices-contract-performance-risk-note.docx   (internal, OFFICIAL-SENSITIVE in the page header)
  better-care-fund-plan-2026-27.pdf           (public, fpdf2, outline, running header/footer, tables)

Deterministic: fixed document dates and fixed zip timestamps, so a rebuild gives the same bytes.
Run: .venv/bin/python tests/data/sixteenth_council_src/build.py
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "sixteenth_council"
FIXED = dt.datetime(2026, 7, 1, 9, 0, 0)


# --------------------------------------------------------------------------- DOCX helpers


def _page_field(paragraph) -> None:
    """Append a Word PAGE field, as a real footer 'Page N' has."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    doc.add_paragraph("")


def _save_docx(doc, path: Path, *, title: str, author: str, category: str, subject: str,
               keywords: str) -> None:
    props = doc.core_properties
    props.title = title
    props.author = author
    props.category = category
    props.subject = subject
    props.keywords = keywords
    props.created = FIXED
    props.modified = FIXED
    props.last_printed = FIXED
    props.revision = 1
    props.last_modified_by = author
    buffer = io.BytesIO()
    doc.save(buffer)
    _rezip(buffer.getvalue(), path)


def _rezip(data: bytes, path: Path) -> None:
    """Rewrite the package with fixed timestamps so the file is byte-for-byte reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 7, 1, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())


def _control_block(doc, lines: list[str]) -> None:
    for line in lines:
        p = doc.add_paragraph(line)
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph("")


# --------------------------------------------------------------------------- Section 75 schedule


def build_section_75() -> None:
    doc = Document()
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = "Kelsworth Section 75 Partnership Agreement - Schedule 3 (Pooled Funds and Risk Share)"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = "Version 3.2 - Agreed by the Joint Commissioning Board 3 June 2026 - Page "
    _page_field(footer)

    _control_block(doc, [
        "Title: Section 75 Partnership Agreement - Schedule 3: Pooled Funds and Risk Share",
        "Owner: Head of Joint Commissioning",
        "Version: 3.2",
        "Review date: 2027-03-31",
        "Audience: public",
    ])
    doc.add_paragraph("SCHEDULE 3", style="Title")
    doc.add_paragraph(
        "to the Partnership Agreement between Kelsworth Borough Council and NHS Mid Tamsett "
        "Integrated Care Board made under section 75 of the National Health Service Act 2006")

    doc.add_heading("1. Purpose of this Schedule", level=1)
    doc.add_paragraph(
        "1.1 This Schedule forms part of the Partnership Agreement dated 1 April 2024 between "
        "Kelsworth Borough Council (\"the Council\") and NHS Mid Tamsett Integrated Care Board "
        "(\"the ICB\"), together \"the Partners\".")
    doc.add_paragraph(
        "1.2 This Schedule sets out the pooled funds established under the Agreement, the "
        "contribution of each Partner, the arrangements for overspends and underspends, and the "
        "notice a Partner must give to withdraw a scheme or end the Agreement.")
    doc.add_paragraph(
        "1.3 The NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000 apply "
        "to every pooled fund in this Schedule. Words defined in Clause 1 of the Agreement have the "
        "same meaning in this Schedule.")

    doc.add_heading("2. Pooled Funds and Host Partner", level=1)
    doc.add_paragraph("2.1 The Partners have established three pooled funds, hosted as follows:")
    _table(doc, ["Pooled fund", "Services funded", "Host Partner", "Pooled Fund Manager"], [
        ["Pool A - Community Equipment", "Integrated Community Equipment Service (ICES) and minor adaptations",
         "Council", "Joint Commissioning Manager (Equipment and Assistive Technology)"],
        ["Pool B - Discharge and Reablement", "Home-based reablement, discharge to assess pathway 2 beds, "
         "the Discharge Hub and trusted assessors", "ICB", "Deputy Director of Integrated Commissioning"],
        ["Pool C - Better Care Fund Core", "All other Better Care Fund schemes, including carers' support, "
         "the Disabled Facilities Grant and community health services", "Council", "Better Care Fund Programme Lead"],
    ])
    doc.add_paragraph(
        "2.2 The Host Partner holds the pooled fund in its accounts, makes payments from it and "
        "provides the Pooled Fund Manager.")
    doc.add_paragraph(
        "2.3 The Pooled Fund Manager must give the Joint Commissioning Board a financial report on "
        "each pooled fund every quarter, within 20 working days of the end of the quarter.")
    doc.add_paragraph(
        "2.4 The Host Partner may charge the pooled fund a management fee of no more than 1.5% of "
        "the fund's annual value.")

    doc.add_heading("3. Partner Contributions 2026/27", level=1)
    doc.add_paragraph("3.1 The Partners will contribute the following amounts in 2026/27:")
    _table(doc, ["Pooled fund", "Council contribution", "ICB contribution", "Total"], [
        ["Pool A - Community Equipment", "£1,284,000", "£1,196,000", "£2,480,000"],
        ["Pool B - Discharge and Reablement", "£2,150,000", "£5,870,000", "£8,020,000"],
        ["Pool C - Better Care Fund Core", "£8,880,000", "£14,294,000", "£23,174,000"],
        ["All pools", "£12,314,000", "£21,360,000", "£33,674,000"],
    ])
    doc.add_paragraph(
        "3.2 Each Partner pays its contribution into the pool in twelve equal monthly instalments, "
        "on or before the 15th day of each month.")
    doc.add_paragraph(
        "3.3 The Disabled Facilities Grant within Pool C is passed in full to the Council as housing "
        "authority and is not available to meet an overspend in any other pool.")
    doc.add_paragraph(
        "3.4 An in-year change of more than £250,000 to a Partner's contribution needs the written "
        "agreement of the Council's Section 151 Officer and the ICB's Chief Finance Officer.")

    doc.add_heading("4. Overspends and Underspends", level=1)
    doc.add_paragraph(
        "4.1 The Pooled Fund Manager must notify both Partners as soon as the forecast overspend on a "
        "pool exceeds 2% of the pool's annual value.")
    doc.add_paragraph("4.2 Overspends and underspends are shared as follows:")
    _table(doc, ["Pooled fund", "Overspend", "Underspend"], [
        ["Pool A - Community Equipment", "Shared equally between the Council and the ICB (50 : 50)",
         "Returned to the Partners in proportion to their contributions"],
        ["Pool B - Discharge and Reablement", "Shared 40% by the Council and 60% by the ICB (40 : 60)",
         "Carried forward to Pool B for the next year, up to 5% of the pool"],
        ["Pool C - Better Care Fund Core", "Met by the Partner that commissions the scheme that overspends",
         "Carried forward only with the agreement of the Joint Commissioning Board"],
    ])
    doc.add_paragraph(
        "4.3 An overspend caused by one Partner acting outside the agreed plan without the approval of "
        "the Joint Commissioning Board is met in full by that Partner.")
    doc.add_paragraph(
        "4.4 Any Pool B underspend above the 5% carry-forward limit is returned to the Partners in "
        "proportion to their contributions.")
    doc.add_paragraph(
        "4.5 The Partners must agree a recovery plan within 30 days of an overspend notice under "
        "clause 4.1.")

    doc.add_heading("5. Governance", level=1)
    doc.add_paragraph(
        "5.1 The Joint Commissioning Board oversees the pooled funds on behalf of both Partners and "
        "meets at least every two months.")
    doc.add_paragraph(
        "5.2 The Joint Commissioning Board is quorate when at least two voting members from each "
        "Partner are present, one of whom must be a finance officer.")
    doc.add_paragraph("5.3 Decisions about the pooled funds are taken as follows:")
    _table(doc, ["Decision", "Who decides"], [
        ["Moving money between schemes within one pool, up to £100,000", "The Pooled Fund Manager"],
        ["Moving money between schemes within one pool, from £100,000 to £500,000",
         "The Joint Commissioning Board"],
        ["Moving money between pools, or any virement over £500,000",
         "The Health and Wellbeing Board, on the recommendation of the Joint Commissioning Board"],
        ["Adding a new scheme to a pool", "Both Partners, each under its own scheme of delegation"],
    ])
    doc.add_paragraph(
        "5.4 The Health and Wellbeing Board signs off the annual Better Care Fund plan before it is "
        "submitted to NHS England.")

    doc.add_heading("6. Withdrawal and Termination", level=1)
    doc.add_paragraph(
        "6.1 A Partner may withdraw a single scheme from a pooled fund by giving the other Partner not "
        "less than six months' written notice, expiring on 31 March or 30 September.")
    doc.add_paragraph(
        "6.2 A Partner may end the whole Agreement by giving the other Partner not less than twelve "
        "months' written notice, expiring on 31 March.")
    doc.add_paragraph(
        "6.3 When notice to end the Agreement is given, the Partners must agree an exit plan within "
        "three months of the notice, covering staff, contracts, equipment stock and data.")
    doc.add_paragraph(
        "6.4 On termination, equipment stock held by the community equipment service is divided "
        "between the Partners in proportion to their contributions to Pool A over the previous three "
        "financial years.")

    doc.add_heading("7. Commissioning from the Pools", level=1)
    doc.add_paragraph(
        "7.1 The Host Partner buys services for a pool under its own procurement rules: for the "
        "Council, the Procurement Act 2023 and the Council's Contract Procedure Rules; for the ICB, "
        "the Health Care Services (Provider Selection Regime) Regulations 2023 where the service is a "
        "health care service.")
    doc.add_paragraph(
        "7.2 The Council may act as lead commissioner for a service in a pool hosted by the ICB where "
        "the Joint Commissioning Board agrees. The Council is lead commissioner for home-based "
        "reablement in Pool B.")
    doc.add_paragraph(
        "7.3 The lead commissioner must consult the other Partner before awarding a contract with a "
        "total value of £1,000,000 or more.")

    doc.add_heading("8. Disputes", level=1)
    doc.add_paragraph(
        "8.1 A dispute about a pooled fund is first referred to the Joint Commissioning Board, which "
        "must consider the dispute within 10 working days.")
    doc.add_paragraph(
        "8.2 A dispute not resolved within 20 working days is referred to the Council's Director of "
        "Adult Social Services and the ICB's Chief Delivery Officer, who must meet within 15 working "
        "days.")
    doc.add_paragraph(
        "8.3 If the dispute is still not resolved, either Partner may refer it to mediation through "
        "the Centre for Effective Dispute Resolution. Each Partner bears its own costs and half of the "
        "mediator's fees.")

    _save_docx(doc, OUT / "section-75-schedule-3-pooled-funds.docx",
               title="Section 75 Partnership Agreement - Schedule 3: Pooled Funds and Risk Share",
               author="Head of Joint Commissioning", category="public", subject="version 3.2",
               keywords="audience: public; section 75; pooled funds")


# --------------------------------------------------------------------------- ICES risk note (internal)


def build_ices_note() -> None:
    doc = Document()
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = "OFFICIAL-SENSITIVE"
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.text = "OFFICIAL-SENSITIVE - Not for circulation outside the Joint Commissioning Team - Page "
    _page_field(footer)

    _control_block(doc, [
        "Title: ICES Contract - Performance and Commercial Risk Note",
        "Owner: Joint Commissioning Manager (Equipment and Assistive Technology)",
        "Version: 1.1",
        "Review date: 2027-03-31",
        "Audience: internal",
        "Classification: OFFICIAL-SENSITIVE",
    ])

    doc.add_heading("1. Purpose", level=1)
    doc.add_paragraph(
        "1.1 This note reports the performance of Harlow & Pryce Community Equipment Ltd on the "
        "Integrated Community Equipment Service contract for quarters 1 and 2 of 2026/27 and sets out "
        "the commercial risks officers need to manage before the extension decision.")
    doc.add_paragraph(
        "1.2 The contract manager is Tom Whitlock, Commissioning Officer (Equipment). The provider's "
        "account director is Sarah Pryce-Evans.")
    doc.add_paragraph(
        "1.3 This note must not be shared with Harlow & Pryce or any other provider, or with bidders "
        "for any council contract.")

    doc.add_heading("2. Performance in Quarters 1 and 2", level=1)
    doc.add_paragraph("2.1 Performance against the contract KPIs was as follows:")
    _table(doc, ["KPI", "Target", "Q1 2026/27", "Q2 2026/27"], [
        ["Emergency deliveries within 4 hours", "98%", "96.1%", "94.3%"],
        ["Discharge deliveries on time", "97%", "95.5%", "97.2%"],
        ["Standard deliveries within 5 working days", "95%", "91.0%", "88.6%"],
        ["Returned stock items recycled", "85%", "86.2%", "83.9%"],
    ])
    doc.add_paragraph(
        "2.2 Standard deliveries fell to 88.6% in Q2 because two delivery drivers left and the provider "
        "moved staff to discharge orders over the summer.")
    doc.add_paragraph(
        "2.3 The fall in emergency deliveries is concentrated in the Tamsett Valley, where the "
        "provider has one overnight technician.")
    doc.add_paragraph(
        "2.4 An audit of Q2 orders found that 22% of emergency orders did not meet the emergency "
        "criteria. Misuse of the emergency priority adds to the provider's overnight costs and is "
        "likely to be raised in the price negotiation.")

    doc.add_heading("3. Service Credits", level=1)
    doc.add_paragraph(
        "3.1 Service credits of £18,400 were withheld from the Q2 payment for the missed emergency and "
        "standard delivery targets.")
    doc.add_paragraph(
        "3.2 If standard deliveries are below 90% again in Q3, the contract manager will issue a formal "
        "contract performance notice under clause 28 of the contract.")

    doc.add_heading("4. Extension Decision", level=1)
    doc.add_paragraph(
        "4.1 The contract expires on 30 September 2028 and may be extended by up to two years. The "
        "contract requires the Council to give 12 months' notice of an extension, so the decision must "
        "be made by 30 September 2027.")
    doc.add_paragraph(
        "4.2 Officers recommend that the council does not extend the contract unless standard "
        "deliveries are back above 95% for two consecutive quarters before June 2027.")
    doc.add_paragraph(
        "4.3 A re-procurement would take about 14 months, so officers must start market engagement by "
        "July 2027 if the contract is not extended.")

    doc.add_heading("5. Commercial Risks", level=1)
    _table(doc, ["Risk", "Rating", "Mitigation"], [
        ["Harlow & Pryce's parent company is restructuring and may sell the equipment division",
         "High", "Monthly finance meetings; step-in rights under clause 41 of the contract"],
        ["Equipment stock in the depot, valued at £1.18 million, is lost if the provider fails",
         "Medium", "Stock is owned by the Council as Host Partner and tagged with Pool A asset numbers"],
        ["The provider asks for a price uplift above the budget envelope", "Medium",
         "Negotiate within the limits in the Reablement and Discharge Commissioning brief"],
    ])
    doc.add_paragraph(
        "5.1 The Council's budget envelope for the community equipment service in 2027/28 is "
        "£2,610,000.")

    doc.add_heading("6. Depot Stock Check", level=1)
    doc.add_paragraph(
        "6.1 The stock check at the depot on Tamsett Road Industrial Estate in August 2026 found 312 "
        "items that could not be accounted for, with a catalogue value of £41,700.")
    doc.add_paragraph(
        "6.2 Harlow & Pryce has accepted liability for the missing items. The Council will recover "
        "£41,700 through the quarterly reconciliation in Q3.")
    doc.add_paragraph(
        "6.3 A second stock check will be carried out by the Council's internal audit team in "
        "February 2027.")

    doc.add_heading("7. Actions for Officers", level=1)
    _table(doc, ["Action", "Owner", "Due"], [
        ["Issue the Q3 performance letter to Harlow & Pryce", "Tom Whitlock", "15 January 2027"],
        ["Agree the 2027/28 price uplift", "Gemma Ashcroft", "28 February 2027"],
        ["Review prescriber misuse of the emergency priority", "ICES Clinical Lead", "31 March 2027"],
        ["Report the extension options to the Joint Commissioning Board",
         "Joint Commissioning Manager (Equipment and Assistive Technology)", "9 June 2027"],
    ])

    _save_docx(doc, OUT / "ices-contract-performance-risk-note.docx",
               title="ICES Contract - Performance and Commercial Risk Note",
               author="Joint Commissioning Manager (Equipment and Assistive Technology)",
               category="internal", subject="version 1.1",
               keywords="audience: internal; classification: OFFICIAL-SENSITIVE")


# --------------------------------------------------------------------------- BCF plan (PDF)


class PlanPDF(FPDF):
    """A council-style PDF: running header on every page, 'Page N of M' footer."""

    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, "Kelsworth Health and Wellbeing Board | Better Care Fund Plan 2026-27",
                  new_x="LMARGIN", new_y="NEXT", align="R")
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}} | Version 1.4 | Approved 24 June 2026",
                  align="C")
        self.set_text_color(0, 0, 0)


def build_bcf_plan() -> None:
    pdf = PlanPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 6, 24, 12, 0, 0, tzinfo=dt.timezone.utc))
    pdf.set_title("Kelsworth Better Care Fund Plan 2026-27")
    pdf.set_author("Better Care Fund Programme Lead")
    pdf.set_subject("version 1.4")
    pdf.set_keywords("audience: public; Better Care Fund; Kelsworth")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def para(text: str) -> None:
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def heading(text: str) -> None:
        pdf.ln(2)
        pdf.start_section(text, level=0)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def table(rows: list[list[str]], widths: tuple[int, ...]) -> None:
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=5) as tbl:
            for row in rows:
                tbl_row = tbl.row()
                for cell in row:
                    tbl_row.cell(cell)
        pdf.ln(3)

    pdf.set_font("Helvetica", "", 9)
    for line in ["Title: Kelsworth Better Care Fund Plan 2026-27",
                 "Owner: Better Care Fund Programme Lead",
                 "Version: 1.4",
                 "Review date: 2027-03-31",
                 "Audience: public"]:
        pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, "Kelsworth Better Care Fund Plan 2026-27", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Kelsworth Borough Council and NHS Mid Tamsett Integrated Care Board",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    heading("1. Introduction")
    para("1.1 This plan sets out how Kelsworth Borough Council and NHS Mid Tamsett Integrated Care "
         "Board will use the Better Care Fund in 2026-27 to help people stay well at home, to reduce "
         "avoidable hospital admissions and to get people home from hospital without delay.")
    para("1.2 The plan was approved by the Kelsworth Health and Wellbeing Board on 24 June 2026 and "
         "submitted to NHS England on 30 June 2026.")
    para("1.3 The Better Care Fund is held in the pooled funds described in Schedule 3 of the Section 75 "
         "Partnership Agreement between the Council and the ICB.")

    heading("2. National conditions")
    para("2.1 The plan meets the four national conditions for 2026-27:")
    for item in ["- a jointly agreed plan between the Council and the ICB, signed off by the Health and "
                 "Wellbeing Board;",
                 "- implementing the Better Care Fund policy objectives of reform to support the shift "
                 "from sickness to prevention and reform to support people living independently;",
                 "- complying with the grant and funding conditions, including maintaining the NHS "
                 "minimum contribution to adult social care;",
                 "- complying with the national oversight and support processes."]:
        pdf.set_x(pdf.l_margin + 5)
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, item, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    para("2.2 The plan spends £7,480,000 of the NHS minimum contribution on adult social care services, "
         "above the national requirement for Kelsworth of £7,120,000.")

    heading("3. Funding")
    para("3.1 The Better Care Fund for Kelsworth in 2026-27 is made up as follows:")
    table([
        ["Funding stream", "2025-26", "2026-27", "Change"],
        ["NHS minimum contribution", "£20,640,000", "£21,360,000", "+3.5%"],
        ["Local Authority Better Care Grant", "£8,120,000", "£8,120,000", "0.0%"],
        ["Disabled Facilities Grant", "£2,760,000", "£2,910,000", "+5.4%"],
        ["Additional Council contribution", "£1,200,000", "£1,284,000", "+7.0%"],
        ["Total", "£32,720,000", "£33,674,000", "+2.9%"],
    ], (70, 40, 40, 30))
    para("3.2 The NHS minimum contribution rises to £21,360,000 in 2026-27, an increase of 3.5% on "
         "2025-26.")
    para("3.3 The Local Authority Better Care Grant stays at £8,120,000 in 2026-27. The Council uses "
         "£2,150,000 of the grant for discharge and reablement in Pool B.")
    para("3.4 The Council adds £1,284,000 of its own money to the community equipment service in Pool A. "
         "This additional contribution is not a condition of the Better Care Fund.")

    heading("4. Metrics and ambitions")
    para("4.1 The Partners have agreed the following ambitions for the national Better Care Fund metrics:")
    table([
        ["Metric", "2025-26 outturn", "2026-27 ambition"],
        ["Emergency admissions of people aged 65 and over, per 100,000 population (monthly average)",
         "2,214", "2,150"],
        ["Adult acute patients discharged on their discharge ready date", "83.1%", "87.0%"],
        ["Average delay for patients not discharged on their discharge ready date", "5.6 days", "4.5 days"],
        ["Long-term admissions to residential and nursing care of people aged 65 and over, per "
         "100,000 population (annual)", "612", "580"],
    ], (100, 40, 40))
    para("4.2 Progress against each metric is reported to the Joint Commissioning Board every quarter and "
         "to the Health and Wellbeing Board every six months.")
    para("4.3 The most demanding ambition is to discharge 87.0% of adult acute patients on their discharge "
         "ready date by March 2027, up from 83.1% in 2025-26.")

    heading("5. Schemes funded in 2026-27")
    para("5.1 The Better Care Fund pays for the following schemes in 2026-27:")
    table([
        ["Ref", "Scheme", "Lead commissioner", "Budget 2026-27"],
        ["BCF01", "Integrated Community Equipment Service", "Council", "£2,480,000"],
        ["BCF02", "Home-based reablement", "Council", "£3,120,000"],
        ["BCF03", "Discharge to assess pathway 2 beds", "ICB", "£2,960,000"],
        ["BCF04", "Discharge Hub and trusted assessors", "ICB", "£1,940,000"],
        ["BCF05", "Carers' breaks and carers' support", "Council", "£1,150,000"],
        ["BCF06", "Disabled Facilities Grant adaptations", "Council", "£2,910,000"],
        ["BCF07", "Community health services, including urgent community response", "ICB", "£12,080,000"],
        ["BCF08", "Protecting adult social care services", "Council", "£5,610,000"],
        ["BCF09", "Falls prevention and technology-enabled care", "Council", "£1,424,000"],
    ], (20, 85, 35, 40))
    para("5.2 Scheme BCF05 includes £310,000 for carers' direct payments and £180,000 for the young "
         "carers' service.")
    para("5.3 The urgent community response service in scheme BCF07 must reach people within 2 hours of "
         "referral, 8am to 8pm, seven days a week.")

    heading("6. Hospital discharge capacity")
    para("6.1 During winter (November to March) the Partners will fund capacity for an average of 46 new "
         "pathway 1 reablement starts and 14 pathway 2 bed admissions each week.")
    para("6.2 From April to October the Partners will fund capacity for an average of 38 new pathway 1 "
         "reablement starts and 11 pathway 2 bed admissions each week.")
    para("6.3 The capacity and demand plan is reviewed every month by the Kelsworth Urgent and Emergency "
         "Care Board and refreshed by 30 September each year for the coming winter.")

    heading("7. Disabled Facilities Grant")
    para("7.1 The mandatory Disabled Facilities Grant is limited to £30,000 for each application. Under "
         "its Housing Assistance Policy, the Council may award a discretionary top-up of up to £15,000, "
         "approved by the Housing Adaptations Manager.")
    para("7.2 The Council aims to complete standard adaptations within 26 weeks of a valid application, "
         "and adaptations that need an extension within 52 weeks.")
    para("7.3 Adaptations costing £1,000 or less are provided through the community equipment service "
         "as minor adaptations and are not grant-funded.")

    heading("8. Governance and reporting")
    para("8.1 The Partners submit quarterly returns to NHS England using the national template, by the "
         "dates NHS England sets each quarter.")
    para("8.2 The end-of-year return for 2026-27 will be submitted to NHS England by 30 May 2027, after "
         "the Health and Wellbeing Board has seen it.")
    para("8.3 Questions about this plan should be sent to the Better Care Fund Programme Lead at "
         "bcf@kelsworth.gov.uk.")

    pdf.output(str(OUT / "better-care-fund-plan-2026-27.pdf"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_section_75()
    build_ices_note()
    build_bcf_plan()


if __name__ == "__main__":
    main()
