"""Build the binary documents of the Seventeenth evaluation library (Morwickshire County Council).

Writes, into tests/data/seventeenth_council/:
- refuge-and-community-outreach-specification.docx   (public; headings are bold Normal
  paragraphs with typed numbering, not Word heading styles; a KPI table)
- learning-disability-supported-living-framework-guide.pdf (public; no outline/bookmarks,
  headings only bold and larger, two-level numbering, running footer, a rates table)
- supported-living-and-prevention-budget-position-2026-27.docx (internal; Word heading
  styles, OFFICIAL-SENSITIVE in the page header, a budget table)

Deterministic: fixed document dates, and the DOCX zip members are rewritten with a fixed
timestamp, so running it twice gives byte-identical files.

Run:  .venv/bin/python tests/data/seventeenth_council_src/build.py
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parent.parent / "seventeenth_council"
FIXED = dt.datetime(2026, 3, 2, 9, 0, 0)


def _freeze_docx(doc: Document, path: Path) -> None:
    """Save a python-docx document with fixed zip timestamps (python-docx stamps 'now')."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 2, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))


def _core(doc: Document, *, title: str, author: str, category: str, subject: str, keywords: str) -> None:
    cp = doc.core_properties
    cp.title = title
    cp.author = author
    cp.category = category
    cp.subject = subject
    cp.keywords = keywords
    cp.last_modified_by = author
    cp.revision = 1
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED


# --------------------------------------------------------------------------------------
# 1. Public DOCX: service specification with bold Normal headings and typed numbering
# --------------------------------------------------------------------------------------

SPEC = [
    ("h", "1. Introduction"),
    ("p", "1.1\tThis specification describes the Domestic Abuse Refuge and Community Outreach Service "
          "(\"the Service\") that Morwickshire County Council (\"the Council\") commissions from 1 October 2026. "
          "The contract was awarded following a competitive flexible procedure under the Procurement Act 2023."),
    ("p", "1.2\tThe contract runs for an initial period of 5 years, with the option for the Council to extend it "
          "by up to two further periods of 12 months each, so the maximum term is 7 years."),
    ("p", "1.3\tThe Service is let in two lots. Lot 1 is refuge and dispersed accommodation support. Lot 2 is "
          "community outreach and the Independent Domestic Violence Adviser (IDVA) service."),
    ("p", "1.4\tThis specification should be read with the Morwickshire Domestic Abuse Safe Accommodation "
          "Strategy 2026-2029 and the Council's Provider Procedure on safeguarding concerns, notifiable "
          "incidents, complaints and disputes."),
    ("h", "2. Who the Service is for"),
    ("p", "2.1\tThe Service is for people aged 16 and over who are experiencing, or have fled, domestic abuse as "
          "defined in section 1 of the Domestic Abuse Act 2021, and for the children who come with them."),
    ("p", "2.2\tRefuge places are open to survivors from anywhere in England, as part of the national network of "
          "refuges. The Council expects up to 60% of refuge admissions to come from outside Morwickshire."),
    ("p", "2.3\tThe provider must keep at least 2 refuge units available for survivors with no recourse to public "
          "funds. The Council pays for these units at the full unit price whether or not they are occupied."),
    ("p", "2.4\tThe provider must not refuse a referral only because the survivor has a mental health need, uses "
          "drugs or alcohol, or has an offending history. Any refusal must be recorded with the reason and "
          "reported in the quarterly return."),
    ("h", "3. Lot 1 - Refuge and dispersed accommodation support"),
    ("p", "3.1\tLot 1 provides support in 38 refuge units on four sites (Stourleigh, Ellerdale, Harnmoor and "
          "Linmouth) and in 8 dispersed units across the county."),
    ("p", "3.2\tEach refuge site is staffed from 9am to 5pm, Monday to Friday, with an on-call manager available "
          "24 hours a day, 7 days a week."),
    ("p", "3.3\tThe provider must respond to every refuge referral within 4 working hours, confirming whether a "
          "suitable space is available and, if not, helping the referrer to find one elsewhere."),
    ("p", "3.4\tWhere a referral is accepted and the survivor is at immediate risk, the provider must arrange for "
          "the survivor to move in within 24 hours of accepting the referral."),
    ("p", "3.5\tThe provider must agree a support plan with each adult within 5 working days of arrival and must "
          "review it with them at least every 4 weeks."),
    ("p", "3.6\tEach child must have their own support plan within 10 working days of arrival, delivered by a "
          "children's support worker."),
    ("p", "3.7\tThe expected length of stay in refuge is up to 6 months. A stay of more than 6 months needs the "
          "written agreement of the Council's Domestic Abuse Commissioning Manager, and no stay may be longer "
          "than 12 months."),
    ("p", "3.8\tThe expected length of stay in a dispersed unit is up to 9 months."),
    ("p", "3.9\tThe provider must start move-on planning within 8 weeks of arrival, working with the housing team "
          "of the district or borough council where the survivor wants to settle."),
    ("p", "3.10\tThe void rate across Lot 1 must not exceed 10%, averaged over each quarter. An empty unit must be "
          "cleaned, checked and ready to let within 2 working days of the previous household leaving."),
    ("h", "4. Lot 2 - Community outreach and IDVA service"),
    ("p", "4.1\tCommunity outreach is for survivors who live in the community, including those at standard or "
          "medium risk on the DASH risk checklist. High-risk survivors referred to the MARAC are supported by "
          "the IDVA service."),
    ("p", "4.2\tThe provider must make first contact with a survivor referred for outreach within 2 working days "
          "of the referral."),
    ("p", "4.3\tThe IDVA service must make first contact with a high-risk survivor within 1 working day of the "
          "referral."),
    ("p", "4.4\tAn outreach worker's caseload must not exceed 25 open cases at any one time."),
    ("p", "4.5\tAn IDVA's caseload must not exceed 90 high-risk cases a year for each full-time equivalent IDVA."),
    ("p", "4.6\tOutreach support normally lasts up to 12 weeks. It may be extended to 20 weeks where the support "
          "plan shows a continuing need."),
    ("p", "4.7\tThe provider must run a weekly drop-in surgery in each of the four districts and at least one "
          "evening session each week somewhere in the county."),
    ("p", "4.8\tThe provider must run at least 6 recovery group programmes a year, such as the Freedom Programme, "
          "with a crèche offered at each."),
    ("h", "5. Staffing and training"),
    ("p", "5.1\tAll front-line staff and volunteers must have an enhanced DBS check with a check of the relevant "
          "barred lists before they start, renewed every 3 years."),
    ("p", "5.2\tEvery IDVA must hold an accredited IDVA qualification, or be working towards one and complete it "
          "within 12 months of appointment."),
    ("p", "5.3\tAll new staff must complete 2 days of domestic abuse induction training within their first "
          "3 months, including training on trauma-informed practice."),
    ("p", "5.4\tThe provider must give the Council 4 weeks' notice of any change to the named service manager."),
    ("h", "6. Performance monitoring"),
    ("p", "6.1\tThe provider must send a quarterly monitoring return within 15 working days of the end of each "
          "quarter."),
    ("p", "6.2\tContract review meetings are held monthly for the first 12 months of the contract and quarterly "
          "after that."),
    ("p", "6.3\tThe key performance indicators are set out in the table below. Failing the same indicator for "
          "two quarters in a row leads to a performance improvement plan."),
    ("table", None),
    ("h", "7. Price and payment"),
    ("p", "7.1\tThe Council pays the annual price for each lot in 12 equal monthly instalments in arrears, within "
          "30 days of receiving a valid invoice."),
    ("p", "7.2\tThe annual price is fixed for the first 2 years of the contract. From year 3 the Council will "
          "consider a price review each April, but an uplift is not automatic."),
    ("p", "7.3\tThe provider must tell the Council at least 3 months before the start of the financial year if "
          "it wishes to ask for a price review."),
    ("h", "8. Ending the contract"),
    ("p", "8.1\tThe Council may end the contract for convenience by giving the provider 6 months' written "
          "notice."),
    ("p", "8.2\tThe provider may end the contract for convenience by giving the Council 9 months' written "
          "notice."),
    ("p", "8.3\tThe provider must agree an exit plan with the Council within 3 months of the contract start date "
          "and update it every year, so that survivors' support continues if the contract ends."),
]

KPI_HEAD = ["Indicator", "Lot", "Target", "Reported"]
KPI_ROWS = [
    ["Refuge referral response", "Lot 1", "95% of referrals answered within 4 working hours", "Quarterly"],
    ["Adult support plans", "Lot 1", "90% agreed within 5 working days of arrival", "Quarterly"],
    ["Void rate", "Lot 1", "No more than 10% of unit nights empty", "Quarterly"],
    ["Planned move-on", "Lot 1", "75% of departures to planned, settled accommodation", "Quarterly"],
    ["Outreach first contact", "Lot 2", "90% of survivors contacted within 2 working days", "Quarterly"],
    ["IDVA first contact", "Lot 2", "95% of high-risk survivors contacted within 1 working day", "Quarterly"],
    ["Survivor satisfaction", "Both lots", "85% of survivors rate the support as good or very good", "Every 6 months"],
]


def build_spec() -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    _core(doc, title="Service Specification - Domestic Abuse Refuge and Community Outreach Service",
          author="Domestic Abuse Commissioning Manager", category="public", subject="version 3.0",
          keywords="audience: public; domestic abuse; refuge; outreach; IDVA")
    for line in ("Title: Service Specification - Domestic Abuse Refuge and Community Outreach Service",
                 "Owner: Domestic Abuse Commissioning Manager",
                 "Version: 3.0",
                 "Review date: 2027-09-30",
                 "Audience: public"):
        doc.add_paragraph(line)
    doc.add_paragraph("")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("MORWICKSHIRE COUNTY COUNCIL")
    r.bold = True
    r.font.size = Pt(14)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("SCHEDULE 2 - SERVICE SPECIFICATION")
    r.bold = True
    r.font.size = Pt(14)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("Domestic Abuse Refuge and Community Outreach Service")
    r.bold = True
    r.font.size = Pt(12)
    doc.add_paragraph("")
    for kind, text in SPEC:
        if kind == "h":
            doc.add_paragraph("")
            p = doc.add_paragraph()
            r = p.add_run(text)
            r.bold = True
        elif kind == "p":
            doc.add_paragraph(text)
        else:
            t = doc.add_table(rows=1, cols=len(KPI_HEAD))
            t.style = "Table Grid"
            for i, h in enumerate(KPI_HEAD):
                cell = t.rows[0].cells[i]
                cell.text = ""
                cell.paragraphs[0].add_run(h).bold = True
            for row in KPI_ROWS:
                cells = t.add_row().cells
                for i, v in enumerate(row):
                    cells[i].text = v
            doc.add_paragraph("")
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = "Morwickshire County Council - Schedule 2 Service Specification - Version 3.0"
    _freeze_docx(doc, OUT / "refuge-and-community-outreach-specification.docx")


# --------------------------------------------------------------------------------------
# 2. Public PDF: framework guide, no outline, bold/size headings, running footer, rates table
# --------------------------------------------------------------------------------------

GUIDE_TITLE = "Learning Disability Supported Living Open Framework: Guide for Providers 2026/27"

GUIDE = [
    ("h", "1. About the framework"),
    ("p", "1.1 Morwickshire County Council set up the Learning Disability Supported Living Open Framework on "
          "1 April 2025 as an open framework under section 49 of the Procurement Act 2023. The framework runs "
          "for 8 years, until 31 March 2033."),
    ("p", "1.2 The framework is reopened to new providers once a year. The 2026 reopening window ran from 5 May "
          "2026 to 16 June 2026. The next reopening window is expected to open on 4 May 2027."),
    ("p", "1.3 The framework is for support to adults aged 18 and over who have a learning disability, autism or "
          "both, who have eligible needs under section 18 of the Care Act 2014, and who hold their own tenancy. "
          "The tenancy is always separate from the support contract."),
    ("p", "1.4 The framework has three lots: Lot A covers Stourleigh and Ellerdale, Lot B covers Harnmoor and "
          "Becksworth, and Lot C covers Linmouth. A provider may join one, two or all three lots."),
    ("h", "2. Joining the framework"),
    ("p", "2.1 A provider must be registered with the Care Quality Commission for the regulated activity of "
          "personal care, and its most recent CQC rating must not be Inadequate."),
    ("p", "2.2 A provider rated Requires Improvement may join, but must send the council an action plan within "
          "20 working days of joining and report progress against it every quarter."),
    ("p", "2.3 A provider must hold employer's liability insurance of at least £10 million, public "
          "liability insurance of at least £5 million and professional indemnity insurance of at least "
          "£2 million."),
    ("p", "2.4 A provider with an annual turnover below £500,000 must provide a parent company guarantee or "
          "a bank guarantee before its first call-off contract is awarded."),
    ("h", "3. How packages are awarded"),
    ("p", "3.1 The council's Brokerage Team sends each new package to all providers on the lot through the "
          "provider portal. Providers must express interest within 3 working days for a standard package and "
          "within 24 hours for an urgent package, including hospital discharge."),
    ("p", "3.2 Packages of 40 hours a week or more are awarded by further competition, evaluated 60% on quality "
          "and 40% on price."),
    ("p", "3.3 Packages of less than 40 hours a week are awarded by direct award to the highest-ranked provider on "
          "the lot that can start the package, in rank order."),
    ("p", "3.4 A provider that accepts a standard package must start the support within 10 working days of the "
          "award. An urgent package must start within 48 hours of the award."),
    ("p", "3.5 Each package is a separate call-off contract with no fixed end date. The council's social worker "
          "reviews the package 6 weeks after it starts and then at least once a year."),
    ("h", "4. Rates for 2026/27"),
    ("p", "4.1 The rates in the table apply to support delivered from 6 April 2026. The 2025/26 rates are shown "
          "for comparison. The 2026/27 rates assume the National Living Wage of £12.71 an hour from "
          "1 April 2026."),
    ("table", None),
    ("p", "4.2 The enhanced rate is paid only where the person's Care Act assessment identifies complex needs, "
          "including behaviour that challenges, and the Head of Service for Learning Disability and Autism has "
          "approved it. The provider must have staff trained in positive behaviour support."),
    ("p", "4.3 Where a person needs two workers at the same time (2:1 support), each worker is paid at the "
          "standard or enhanced hourly rate that applies to the person."),
    ("p", "4.4 Visits of less than 30 minutes are paid as 30 minutes. After the first 30 minutes, support is paid "
          "in 15-minute units."),
    ("p", "4.5 The council publishes the rates for the following year by 31 March each year. A provider that "
          "thinks a rate does not cover its costs may ask for an open-book review by 31 October."),
    ("h", "5. Payment and invoicing"),
    ("p", "5.1 The council pays every 4 weeks in arrears for the hours actually delivered, as recorded on the "
          "provider portal. Undisputed invoices are paid within 30 days."),
    ("p", "5.2 Where the person is admitted to hospital, the council pays 80% of the planned individual hours for "
          "the first 14 nights of the admission. Shared core hours continue to be paid at 100%."),
    ("p", "5.3 A change to a package of more than 4 hours a week must be agreed by the council's social worker "
          "before it is delivered. The council will not pay for unagreed additional hours."),
    ("h", "6. Ending a package or leaving the framework"),
    ("p", "6.1 A provider that wishes to end an individual package must give the Brokerage Team 8 weeks' written "
          "notice."),
    ("p", "6.2 The council may end an individual package by giving the provider 4 weeks' written notice, for "
          "example when the person moves to another service."),
    ("p", "6.3 Where the person dies, the council pays for the planned hours up to and including the second day "
          "after the date of death."),
    ("p", "6.4 A provider that wishes to leave the framework must give the council 6 months' written notice. "
          "Its existing call-off contracts continue unless they are ended under paragraph 6.1."),
    ("p", "6.5 The council may suspend new referrals to a provider while its CQC rating is Inadequate or while a "
          "large-scale safeguarding enquiry is open."),
    ("h", "7. Quality and monitoring"),
    ("p", "7.1 Each provider receives an annual quality visit from the council's Quality and Contract Management "
          "Team."),
    ("p", "7.2 Providers must send a quarterly data return within 10 working days of the end of each quarter."),
    ("p", "7.3 Every new support worker must complete the Care Certificate within 12 weeks of starting work."),
    ("p", "7.4 Providers must follow the council's Provider Procedure on safeguarding concerns, notifiable "
          "incidents, complaints and disputes."),
]

RATES_HEAD = ["Type of support", "2025/26", "2026/27", "Unit"]
RATES = [
    ["Standard support (individual day-time support)", "£23.10", "£24.18", "per hour"],
    ["Enhanced support (assessed complex needs)", "£25.60", "£26.92", "per hour"],
    ["Shared core hours (shared by tenants of a service)", "£22.45", "£23.52", "per service hour"],
    ["Waking night (support worker awake all night)", "£21.35", "£22.40", "per hour"],
    ["Sleep-in night (support worker asleep on premises)", "£110.00", "£118.50", "per night"],
]


class GuidePDF(FPDF):
    def footer(self) -> None:  # running footer on every page
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"Morwickshire County Council - LD Supported Living Framework Guide 2026/27 - Version 2.0"
                        f" - Page {self.page_no()} of {{nb}}", align="C")


def build_guide() -> None:
    pdf = GuidePDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title(GUIDE_TITLE)
    pdf.set_author("Commissioning Manager - Learning Disability and Autism")
    pdf.set_subject("version 2.0")
    pdf.set_keywords("audience: public; supported living; learning disability; open framework; rates")
    pdf.set_creator("Microsoft Word for Microsoft 365")
    pdf.set_producer("Microsoft Word for Microsoft 365")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    for line in ("Title: " + GUIDE_TITLE,
                 "Owner: Commissioning Manager - Learning Disability and Autism",
                 "Version: 2.0",
                 "Review date: 2027-03-31",
                 "Audience: public"):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, "Learning Disability Supported Living Open Framework", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, "Guide for Providers 2026/27", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, ("This guide explains how the council's open framework for learning disability supported "
                     "living works: how to join it, how packages are awarded, the rates the council pays, and "
                     "how packages end. It forms part of the framework terms."), new_x="LMARGIN", new_y="NEXT")
    for kind, text in GUIDE:
        if kind == "h":
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, (text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        else:
            pdf.set_font("Helvetica", "", 9.5)
            with pdf.table(col_widths=(95, 22, 22, 31), line_height=6,
                           headings_style=FontFace(emphasis="BOLD", size_pt=9.5)) as table:
                row = table.row()
                for h in RATES_HEAD:
                    row.cell(h)
                for r in RATES:
                    row = table.row()
                    for v in r:
                        row.cell(v)
            pdf.ln(3)
    pdf.output(str(OUT / "learning-disability-supported-living-framework-guide.pdf"))


# --------------------------------------------------------------------------------------
# 3. Internal DOCX: budget position (Word heading styles, OFFICIAL-SENSITIVE header, table)
# --------------------------------------------------------------------------------------

BUDGET = [
    ("h1", "1. Purpose"),
    ("p", "1.1 This note sets out the 2026/27 budget position for learning disability supported living and the "
          "mental health and wellbeing prevention grants, and the council's negotiating position on supported "
          "living rates. It is for officers and Cabinet Members only."),
    ("h1", "2. Learning disability supported living budget"),
    ("p", "2.1 The gross budget for learning disability supported living in 2026/27 is £38.6m, supporting about "
          "1,140 people."),
    ("p", "2.2 At month 2 the service is forecasting an overspend of £1.9m, mainly because of 23 new packages for "
          "young people moving from children's services and higher use of the enhanced rate."),
    ("p", "2.3 The Medium Term Financial Strategy requires savings of £650,000 from supported living in 2026/27, "
          "to be delivered through strengths-based reviews and more use of shared core hours."),
    ("p", "2.4 The 23 young people moving from children's services in 2026/27 have an average package cost of "
          "£1,480 a week, compared with an average of £1,020 a week across all supported living packages."),
    ("p", "2.5 The 2026/27 budget assumes a 4.7% average uplift to provider rates, which is what the published "
          "2026/27 rates deliver. The budget holds no contingency for in-year rate changes."),
    ("p", "2.6 The budget lines are shown in the table."),
    ("table", None),
    ("h1", "3. Rates negotiation with providers"),
    ("p", "3.1 The Morwickshire Care Association has asked for a standard hourly rate of £25.50 for 2026/27."),
    ("p", "3.2 Officers may agree a standard hourly rate of up to £24.60 if providers accept the new electronic "
          "call monitoring requirement. Any rate above £24.60 must go to Cabinet."),
    ("p", "3.3 A further £4.00 a night on the sleep-in rate is held in reserve in case the Care Association's "
          "legal challenge on sleep-in pay succeeds. It must not be offered in negotiation."),
    ("p", "3.4 Each 1p added to the standard hourly rate costs the council about £21,000 a year."),
    ("h1", "4. Providers of concern"),
    ("p", "4.1 Brightpath Living is on enhanced monitoring following a CQC rating of Requires Improvement in "
          "February 2026 and two late payments of staff wages. The council has not suspended referrals."),
    ("p", "4.2 Oakhollow Care has told the council in confidence that it may hand back 9 packages in Lot C "
          "because it cannot recruit staff in Linmouth."),
    ("h1", "5. Mental health and wellbeing prevention grants"),
    ("p", "5.1 Of the £640,000 Prevention Fund, £45,000 is held back as a reserve to meet oversubscription in "
          "Small Grants round 2. It is not mentioned on the public web page."),
    ("p", "5.2 The Public Health Grants Panel for 2026/27 is Dr Meera Castell (chair), Lewis Brandon (Public "
          "Health Commissioning Lead) and Sunita Vale (Morwickshire Community Action, non-voting)."),
    ("p", "5.3 If the Public Health Grant for 2027/28 is cut, the second year of Prevention Partnership Grants "
          "can be reduced by up to 20% under the break clause in the grant agreement."),
    ("p", "5.4 Small Grants round 1 is expected to be oversubscribed. The 2025/26 round 1 received 96 "
          "applications asking for £372,000 in total, against £150,000 available."),
    ("p", "5.5 The Public Health Grant allocation for 2026/27 rose by 2.8%, but the council has used the "
          "increase to meet NHS Agenda for Change pay costs in commissioned sexual health services, so the "
          "Prevention Fund increase of £60,000 comes from the public health reserve and is not recurrent."),
    ("h1", "6. Market sustainability and wider risks"),
    ("p", "6.1 Vacancy rates among support workers in Lot C (Linmouth) are running at 19%, against 11% across "
          "the county. Agency use in Lot C has doubled since April 2025."),
    ("p", "6.2 If Oakhollow Care hands back its Lot C packages, the Brokerage Team estimates that at least 5 of "
          "the 9 people would need to be placed out of county at an average extra cost of £410 a week each."),
    ("p", "6.3 The council's legal advice is that an open-book review requested under the framework guide does "
          "not oblige the council to change a published rate during the year."),
    ("p", "6.4 Cabinet will be asked in July 2026 whether to set a two-year rate settlement for 2027/28 and "
          "2028/29, which providers have asked for. Officers do not recommend it while the Medium Term Financial "
          "Strategy gap remains above £14m."),
    ("p", "6.5 Any change to the standard rate, the enhanced rate or the sleep-in rate during 2026/27 needs a "
          "key decision by the Cabinet Member for Adult Social Care, published 28 days in advance on the "
          "Forward Plan."),
    ("h1", "7. Contacts"),
    ("p", "7.1 Questions about this note go to Lewis Brandon, Public Health Commissioning Lead, or Hannah Kerr, "
          "Strategic Finance Business Partner for Adults."),
]

BUDGET_HEAD = ["Budget line", "2025/26 outturn", "2026/27 budget"]
BUDGET_ROWS = [
    ["Supported living packages (individual hours)", "£29.8m", "£31.2m"],
    ["Shared core hours", "£4.1m", "£4.6m"],
    ["Sleep-in and waking nights", "£2.5m", "£2.8m"],
    ["Total gross budget", "£36.4m", "£38.6m"],
]


def build_budget() -> None:
    doc = Document()
    _core(doc, title="Supported Living and Prevention Grants - Budget Position 2026/27",
          author="Strategic Finance Business Partner for Adults", category="internal", subject="version 1.1",
          keywords="audience: internal; classification: OFFICIAL-SENSITIVE")
    header = doc.sections[0].header.paragraphs[0]
    header.text = "OFFICIAL-SENSITIVE"
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in ("Title: Supported Living and Prevention Grants - Budget Position 2026/27",
                 "Owner: Strategic Finance Business Partner for Adults",
                 "Version: 1.1",
                 "Review date: 2026-09-30",
                 "Audience: internal",
                 "Classification: OFFICIAL-SENSITIVE"):
        doc.add_paragraph(line)
    doc.add_heading("Supported Living and Prevention Grants - Budget Position 2026/27", level=0)
    for kind, text in BUDGET:
        if kind == "h1":
            doc.add_heading(text, level=1)
        elif kind == "p":
            doc.add_paragraph(text)
        else:
            t = doc.add_table(rows=1, cols=len(BUDGET_HEAD))
            t.style = "Table Grid"
            for i, h in enumerate(BUDGET_HEAD):
                t.rows[0].cells[i].text = h
            for row in BUDGET_ROWS:
                cells = t.add_row().cells
                for i, v in enumerate(row):
                    cells[i].text = v
    _freeze_docx(doc, OUT / "supported-living-and-prevention-budget-position-2026-27.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    build_spec()
    build_guide()
    build_budget()
    print("built into", OUT)
