"""Deterministic builder for the twentysecond_council binary documents.

Writes, into ../twentysecond_council/:
  - alternative-provision-approved-providers.docx  (python-docx; Word Heading styles,
    one multilevel numbered list for Heading 1 and its clauses, two tables)
  - send-short-breaks-local-offer.pdf              (fpdf2; no outline/bookmarks, headings
    are short bold lines in larger type; one table)

Run twice, get identical bytes: fixed metadata dates, and the DOCX is re-zipped with fixed
timestamps.  Usage: .venv/bin/python tests/data/twentysecond_council_src/build.py
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "twentysecond_council"
FIXED = dt.datetime(2026, 3, 2, 9, 0, 0)
FIXED_UTC = dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.timezone.utc)

# ---------------------------------------------------------------------------
# DOCX: Alternative Provision Approved Provider List and Day Rates 2026/27
# ---------------------------------------------------------------------------
# Item kinds: ("h1", text) numbered level 0; ("h2", text) unnumbered Heading 2;
# ("c", text) numbered clause, level 1; ("p", text) plain paragraph (¶);
# ("b", text) bullet belonging to the preceding paragraph; ("t", rows) table.

AP_CONTROL = [
    "Title: Alternative Provision Approved Provider List and Day Rates 2026/27",
    "Owner: Education Commissioning Manager (Inclusion)",
    "Version: 2.0",
    "Review date: 2027-07-31",
    "Audience: public",
]

AP_PROVIDERS = [
    ["Provider", "Tiers approved", "Base", "Places"],
    ["Fenby Skills Hub CIC", "Tier 1 and Tier 2", "Fenby", "24"],
    ["Northgate Learning Centre", "Tier 2 and Tier 3", "Eastwick", "30"],
    ["Eastwick Motor Project", "Tier 1", "Eastwick", "16"],
    ["Riverside Therapeutic School", "Tier 3", "Marsh End", "18"],
    ["Willowbrook Farm Education", "Tier 1", "Upper Eastwick", "12"],
    ["The Anchor Project", "Tier 2", "Fenby", "20"],
    ["Marsh End Boxing Academy", "Tier 1", "Marsh End", "10"],
    ["Second Chance Learning Ltd", "Tier 2", "Eastwick", "28"],
    ["Oakfield Tuition Centre", "Tier 2 and Tier 3", "Fenby North", "22"],
    ["Lantern Arts Collective CIC", "Tier 1", "Eastwick", "14"],
    ["Harbour House Education", "Tier 3", "Fenby", "9"],
    ["Greenway Construction Skills", "Tier 1", "Eastwick", "12"],
    ["Fenby Online Academy", "Tier 2", "Online, borough-wide", "40"],
    ["Kestrel Outdoor Learning", "Tier 1", "Upper Eastwick", "16"],
]

AP_RATES = [
    ["Tier", "2025/26 day rate", "2026/27 day rate", "Maximum staff to pupil ratio"],
    ["Tier 1 – Enrichment and Vocational", "£68.00", "£71.00", "1:8"],
    ["Tier 2 – Targeted Intervention", "£112.00", "£117.00", "1:6"],
    ["Tier 3 – Specialist and Therapeutic", "£176.00", "£184.00", "1:3"],
]

AP_ITEMS = [
    ("h1", "Purpose and scope"),
    ("c", "This document sets out the Eastwick and Fenby Borough Council approved provider list "
          "for alternative provision (AP), the tiers of provision on the list, the day rates the "
          "council pays, and how AP placements are commissioned, monitored and paid."),
    ("c", "Alternative provision means education arranged for pupils who, because of exclusion, "
          "illness or other reasons, would not otherwise receive suitable education. It also "
          "includes education that a school arranges off site for a pupil who is suspended or "
          "whose behaviour the school is trying to improve."),
    ("c", "The council commissions AP for pupils who have been permanently excluded, from the "
          "sixth school day of the exclusion, and for pupils who cannot attend school because of "
          "their health. Schools commission AP directly for their own pupils."),
    ("c", "The Eastwick and Fenby Pupil Referral Unit (PRU) is not on the approved provider list, "
          "and this document does not set the PRU's funding."),
    ("p", "In 2025/26 the council commissioned 212 AP placements and schools commissioned a "
          "further 340. Around a third of pupils placed in AP had an Education, Health and Care "
          "plan (EHCP) or were waiting for an EHCP needs assessment, which is why the council "
          "introduced Tier 3 when the list was last let."),

    ("h1", "The approved provider list"),
    ("c", "The approved provider list opened on 1 September 2024 and runs until 31 August 2028. "
          "There are 14 providers on the list at April 2026."),
    ("c", "Being on the list means that a provider has passed the council's checks on "
          "registration, safeguarding, curriculum, premises and finances. Being on the list does "
          "not guarantee a provider any placements."),
    ("c", "A provider that offers full-time education to 5 or more pupils of compulsory school "
          "age, or to one pupil who has an EHCP or is looked after, must be registered with the "
          "Department for Education as an independent school before the council will approve it "
          "for full-time places."),
    ("c", "Schools commissioning AP for their own pupils are strongly encouraged to use providers "
          "on the approved list. A school that uses a provider not on the list remains responsible "
          "for checking that provider's registration, safeguarding and quality."),
    ("h2", "Approved providers at April 2026"),
    ("t", AP_PROVIDERS),
    ("p", "The council updates the list on its website after each annual refresh and whenever a "
          "provider leaves the list. Places are the number of pupils the provider can take at any "
          "one time across all tiers."),

    ("h1", "Tiers of provision"),
    ("c", "Tier 1 – Enrichment and Vocational provides part-time vocational, creative or outdoor "
          "learning for up to 3 days a week alongside the pupil's school timetable, in groups of "
          "up to 8 pupils to one member of staff."),
    ("c", "Tier 2 – Targeted Intervention provides full-time or part-time education in small "
          "groups of up to 6 pupils to one member of staff, for pupils at risk of permanent "
          "exclusion or who have been permanently excluded."),
    ("c", "Tier 3 – Specialist and Therapeutic provides education with therapeutic support for "
          "pupils with significant social, emotional and mental health (SEMH) needs, in groups of "
          "up to 3 pupils to one member of staff or one to one."),
    ("c", "Every Tier 2 and Tier 3 placement must include English and mathematics at a level that "
          "lets the pupil work towards a recognised qualification. A Tier 3 placement must also "
          "include at least one hour a week with a qualified therapist or counsellor."),
    ("c", "A provider may be approved for more than one tier, and each placement is agreed at "
          "one tier. A pupil may move between tiers at a placement review if the pupil's needs "
          "change."),

    ("h1", "Day rates by tier"),
    ("c", "The day rates below are the maximum rates the council pays for placements it "
          "commissions, and the rates schools are expected to pay under the council's model "
          "individual placement agreement."),
    ("t", AP_RATES),
    ("c", "The 2026/27 day rates apply to every placement day from 1 April 2026, including "
          "placements that started before that date."),
    ("h2", "Half-day sessions and one-to-one support"),
    ("c", "A half-day session is paid at 55% of the day rate for the tier."),
    ("c", "Where a pupil's placement plan says that the pupil needs one-to-one support for the "
          "whole day, the council pays a one-to-one supplement of £95.00 per day in 2026/27 on "
          "top of the Tier 2 or Tier 3 day rate."),
    ("c", "The day rate covers lunch, learning materials, examination entry fees and the "
          "provider's own travel for off-site activities. The day rate does not cover travel "
          "between the pupil's home and the provider, which is arranged under the council's home "
          "to school travel policy."),

    ("h1", "Commissioning a placement"),
    ("c", "Every placement is commissioned through an individual placement agreement (IPA) "
          "signed by the commissioner and the provider, and, for placements the council "
          "commissions, by the pupil's parent or carer."),
    ("c", "The commissioner sends the provider a referral form covering the pupil's needs, "
          "attendance, risk assessment and any EHCP, and the provider must confirm within 3 "
          "working days whether it can offer a place."),
    ("c", "A placement must start within 10 school days of the provider accepting the referral."),
    ("c", "An initial placement lasts for no more than one term of 12 weeks, and can be extended "
          "after a placement review."),
    ("c", "The commissioner, the provider, the pupil and the parent or carer review each "
          "placement at least every 6 weeks. Each review records:"),
    ("b", "progress against the targets in the placement plan;"),
    ("b", "attendance, and any suspension or incident since the last review;"),
    ("b", "the plan for the pupil's return to school or next step, with a date."),
    ("c", "Either the commissioner or the provider may end a placement by giving 10 school days' "
          "written notice."),
    ("p", "A provider that wants to end a placement early because of a pupil's behaviour should "
          "first ask for an early placement review, so that the commissioner has a chance to "
          "change the support before notice is given."),

    ("h1", "Attendance, safeguarding and quality assurance"),
    ("c", "Providers must report each pupil's attendance to the commissioner by 10:00am on every "
          "day the pupil is due to attend, and must phone the commissioner and the parent or "
          "carer straight away if the pupil has not arrived."),
    ("c", "Providers must tell the commissioner and the council's AP Quality Officer within 24 "
          "hours if a pupil is sent home, suspended or excluded from the placement."),
    ("c", "Providers must report any safeguarding concern about a pupil to the commissioning "
          "school's designated safeguarding lead on the same day, and must refer any allegation "
          "against a member of staff to the Local Authority Designated Officer (LADO) within one "
          "working day."),
    ("c", "The AP Quality Officer carries out a quality assurance visit to every approved "
          "provider at least once a year, and may also visit without notice."),
    ("c", "After each quality assurance visit the provider receives a written report rating it "
          "Good, Requires Improvement or Inadequate. A provider rated Inadequate cannot take new "
          "placements until a revisit finds that the issues have been put right."),

    ("h1", "Invoicing and payment"),
    ("c", "Providers invoice the commissioner monthly in arrears, listing each pupil, the days "
          "booked and the days attended."),
    ("c", "The council pays undisputed invoices within 30 days of receipt, and schools are "
          "expected to do the same under the model individual placement agreement."),
    ("c", "The commissioner pays for every day booked in the placement plan whether or not the "
          "pupil attends, unless the provider cancels the session or the placement has been "
          "suspended by the commissioner."),
    ("c", "No payment is due for a day on which the provider closes that is not in the "
          "provider's agreed term calendar."),

    ("h1", "Joining the list"),
    ("c", "The council refreshes the approved provider list once a year. New providers can apply "
          "in the annual refresh window from 1 to 31 May, and providers admitted in the refresh "
          "can take placements from 1 September."),
    ("c", "An application must include the provider's Department for Education registration "
          "where needed, its safeguarding and behaviour policies, evidence of enhanced DBS "
          "checks for all staff, public liability insurance of at least £5 million, two years' "
          "accounts and a curriculum plan for each tier applied for."),
    ("c", "The council evaluates applications by 30 June and tells each applicant the outcome in "
          "writing, with feedback if the application is not successful."),

    ("h1", "Questions and contacts"),
    ("h2", "Can a school agree a lower rate with a provider?"),
    ("p", "Yes. The day rates are the maximum the council expects a school to pay. A school and a "
          "provider may agree a lower rate, for example for a block of places, and must record it "
          "in the individual placement agreement."),
    ("h2", "Who do we contact?"),
    ("p", "Contact the Education Commissioning Team at ap.commissioning@eastwickfenby.gov.uk or on "
          "01632 960 430. Quality assurance questions go to the AP Quality Officer through the "
          "same address."),
]

NUM_ID = 21
ABSTRACT_ID = 21


def _add_multilevel_numbering(doc: Document) -> None:
    numbering = doc.part.numbering_part.element
    levels = []
    for ilvl, text, ind in ((0, "%1.", 567), (1, "%1.%2", 709), (2, "%1.%2.%3", 851)):
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{ind}" w:hanging="{ind}"/></w:pPr></w:lvl>'
        )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_ID}"/></w:num>'
    ))


def _number(paragraph, ilvl: int) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    numPr = pPr.get_or_add_numPr()
    numPr.get_or_add_ilvl().val = ilvl
    numPr.get_or_add_numId().val = NUM_ID


def _table(doc: Document, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def build_docx(path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    _add_multilevel_numbering(doc)

    cp = doc.core_properties
    cp.title = "Alternative Provision Approved Provider List and Day Rates 2026/27"
    cp.author = "Education Commissioning Manager (Inclusion)"
    cp.category = "public"
    cp.subject = "version 2.0"
    cp.keywords = "audience: public"
    cp.comments = "Eastwick and Fenby Borough Council"
    cp.last_modified_by = "Education Commissioning Team"
    cp.revision = 1
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED

    section = doc.sections[0]
    section.footer.paragraphs[0].text = (
        "Eastwick and Fenby Borough Council – Alternative Provision Approved Provider List 2026/27"
    )

    for line in AP_CONTROL:
        doc.add_paragraph(line)

    for kind, value in AP_ITEMS:
        if kind == "h1":
            _number(doc.add_heading(value, level=1), 0)
        elif kind == "h2":
            doc.add_heading(value, level=2)
        elif kind == "c":
            _number(doc.add_paragraph(value), 1)
        elif kind == "p":
            doc.add_paragraph(value)
        elif kind == "b":
            doc.add_paragraph(value, style="List Bullet")
        elif kind == "t":
            _table(doc, value)
        else:
            raise ValueError(kind)

    buf = io.BytesIO()
    doc.save(buf)
    _rezip(buf.getvalue(), path)


def _rezip(data: bytes, path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 2, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    path.write_bytes(out.getvalue())


# ---------------------------------------------------------------------------
# PDF: SEND Short Breaks Local Offer and Services Statement 2026 to 2028
# ---------------------------------------------------------------------------
# Core Helvetica (Latin-1 only), so plain hyphens stand in for dashes.

SB_CONTROL = [
    "Title: SEND Short Breaks Local Offer and Services Statement 2026 to 2028",
    "Owner: Short Breaks Commissioning Lead",
    "Version: 1.3",
    "Review date: 2027-09-01",
    "Audience: public",
]

SB_LOTS = [
    ["Lot", "Service", "2026/27 rate", "Unit"],
    ["Lot A - Holiday and Weekend Clubs", "Group activity clubs in school holidays and at weekends",
     "£9.40", "per child per hour"],
    ["Lot B - After-school and Youth Clubs", "Group clubs after school and in the evening in term time",
     "£8.60", "per child per hour"],
    ["Lot C - Overnight Short Breaks", "Overnight stays in an Ofsted-registered children's home",
     "£412.00", "per night"],
    ["Lot D - Sitting and Befriending", "One-to-one support at home or in the community",
     "£19.80", "per hour"],
]

SB_ITEMS = [
    ("title", "SEND Short Breaks Local Offer and Services Statement 2026 to 2028"),
    ("h", "1. About this statement"),
    ("p", "Eastwick and Fenby Borough Council must publish a short breaks services statement under "
          "the Breaks for Carers of Disabled Children Regulations 2011. This statement describes "
          "the short breaks available in the borough, who can use them, how families get them and "
          "how the council commissions providers to deliver them. It forms part of the council's "
          "special educational needs and disabilities (SEND) Local Offer."),
    ("p", "Short breaks give disabled children and young people the chance to spend time away "
          "from their parents or carers, enjoying activities and making friends, and give parents "
          "and carers a break from caring. Around 1,100 children and young people used a short "
          "break funded by the council in 2025/26."),
    ("p", "The statement was written with the Eastwick and Fenby Parent Carer Forum and covers "
          "April 2026 to March 2028."),
    ("h", "2. Who short breaks are for"),
    ("p", "Short breaks are for children and young people aged 0 to 18 who live in the borough "
          "and have a disability, including a physical, learning or sensory disability, autism or "
          "a complex health need."),
    ("p", "A diagnosis is not needed to use universal short breaks, and a child does not need an "
          "Education, Health and Care plan (EHCP) to use any level of short break."),
    ("p", "Young people aged 18 who are moving to adult social care can keep their short breaks "
          "until their adult care and support plan starts, for up to 6 months after their 18th "
          "birthday."),
    ("h", "3. Three levels of short break"),
    ("p", "Universal short breaks are clubs and activities open to all children, such as leisure "
          "centres, libraries, uniformed groups and holiday clubs. The council pays inclusion "
          "grants of up to £2,000 a year to universal clubs so that they can welcome disabled "
          "children."),
    ("p", "Targeted short breaks are for children whose needs mean that they cannot use universal "
          "activities without extra support. Families reach targeted short breaks through the "
          "Short Breaks Passport, without a social work assessment."),
    ("p", "Specialist short breaks are for children with the most complex needs, and include "
          "overnight short breaks. Families reach specialist short breaks after a child and "
          "family assessment by the Children with Disabilities Team."),
    ("h", "4. The Short Breaks Passport"),
    ("p", "The Short Breaks Passport has two levels. Passport Standard gives up to 60 hours of "
          "targeted short breaks a year."),
    ("p", "Passport Plus gives up to 120 hours of targeted short breaks a year, for children who "
          "need one-to-one care for most of the day or who have a life-limiting condition."),
    ("p", "Families apply for a Short Breaks Passport online through the Local Offer website, and "
          "the council decides each Short Breaks Passport application within 20 working days."),
    ("p", "A Short Breaks Passport runs from 1 April to 31 March and must be renewed every year. "
          "Unused passport hours cannot be carried forward into the next year."),
    ("p", "Families can use passport hours with any Lot A or Lot B provider on the Short Breaks "
          "Framework, or can take the hours as a direct payment."),
    ("h", "5. Direct payments"),
    ("p", "Families can take targeted or specialist short breaks as a direct payment, to employ a "
          "personal assistant or to buy activities that meet the child's needs."),
    ("p", "The direct payment rate for short breaks is £15.20 an hour in 2026/27. The direct "
          "payment rate was £14.70 an hour in the previous year, 2025/26."),
    ("p", "Direct payments are paid every four weeks onto a prepaid card. At the annual review "
          "the council recovers any unspent balance above 8 weeks of payments."),
    ("h", "6. The Short Breaks Framework 2026 to 2030"),
    ("p", "The council commissions targeted and specialist short breaks through the Short Breaks "
          "Framework, which started on 1 April 2026 and runs for four years until 31 March 2030. "
          "The framework has four lots, and the rates below are the rates the council pays "
          "framework providers in 2026/27."),
    ("t", SB_LOTS),
    ("p", "Lot A and Lot B providers are paid an extra £11.50 an hour for a child whose Short "
          "Breaks Passport says that the child needs one-to-one support."),
    ("p", "Framework rates are reviewed every April, taking account of the National Living Wage "
          "and the providers' evidence of costs."),
    ("p", "The council books Lot C - Overnight Short Breaks in blocks of nights agreed for each "
          "child at the child and family assessment, up to a maximum of 52 nights a year."),
    ("h", "7. How providers join the framework"),
    ("p", "The Short Breaks Framework reopens to new providers each October. Providers apply "
          "through the EFBC Supplier Portal between 1 and 31 October, and providers admitted in "
          "the October reopening can take bookings from 1 January."),
    ("p", "Every framework provider must have a safeguarding policy, enhanced DBS checks with a "
          "children's barred list check for all staff and volunteers, and public liability "
          "insurance of at least £5 million."),
    ("p", "Lot C providers must be registered with Ofsted as a children's home, and the home's "
          "most recent Ofsted judgement must be Good or Outstanding when the provider joins."),
    ("p", "Small and voluntary organisations can apply for Lot A or Lot B together as a "
          "consortium, with one member named as the lead provider."),
    ("h", "8. Quality and safeguarding"),
    ("p", "Framework providers must report any serious incident, injury, use of restrictive "
          "physical intervention or safeguarding concern to the Short Breaks Team within 24 "
          "hours."),
    ("p", "The Short Breaks Commissioning Lead visits every framework provider at least once a "
          "year, and the council runs a parent and carer feedback survey every spring."),
    ("p", "Restrictive physical intervention may only be used in line with the child's positive "
          "behaviour support plan, and staff who may use it must be trained by a certified "
          "trainer."),
    ("h", "9. Reviews and disagreements"),
    ("p", "Families who disagree with a Short Breaks Passport decision can ask for a review within "
          "28 days, and the Short Breaks Review Panel decides within 15 working days."),
    ("p", "The council reviews this statement every two years with the Parent Carer Forum, and "
          "the next review will be completed by 1 September 2027."),
    ("h", "10. Questions from providers"),
    ("h", "Can a childminder join the Short Breaks Framework?"),
    ("p", "Yes. A registered childminder can apply for Lot D - Sitting and Befriending, or for Lot "
          "A or Lot B if the childminder runs a group club. The childminder must meet the same "
          "requirements as any other framework provider."),
    ("h", "Are providers guaranteed any bookings?"),
    ("p", "No. Joining the Short Breaks Framework does not guarantee any bookings. Families "
          "choose which framework provider to use with their passport hours, and the council "
          "books Lot C - Overnight Short Breaks according to each child's assessed needs."),
    ("h", "How are framework providers paid?"),
    ("p", "Framework providers invoice the council monthly in arrears through the EFBC Supplier "
          "Portal, and the council pays undisputed invoices within 30 days. Providers are paid "
          "for a booked session that a family cancels with less than 48 hours' notice."),
    ("h", "11. Contacts"),
    ("p", "Contact the Short Breaks Team at shortbreaks@eastwickfenby.gov.uk or on 01632 960 455, "
          "Monday to Friday, 9am to 5pm. Providers with questions about the Short Breaks "
          "Framework should contact the Short Breaks Commissioning Lead through the same address."),
]


class ShortBreaksPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Eastwick and Fenby Borough Council - Short Breaks Services Statement - "
                        f"page {self.page_no()}", align="C")


BODY = 10.5
LINE = 5.5


def build_pdf(path: Path) -> None:
    pdf = ShortBreaksPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title("SEND Short Breaks Local Offer and Services Statement 2026 to 2028")
    pdf.set_author("Short Breaks Commissioning Lead")
    pdf.set_subject("version 1.3")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Eastwick and Fenby Borough Council")
    pdf.set_producer("Eastwick and Fenby Borough Council document builder")
    pdf.set_creation_date(FIXED_UTC)
    pdf.add_page()

    pdf.set_font("Helvetica", "", 9)
    for line in SB_CONTROL:
        pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    bottom = pdf.h - 20
    for kind, value in SB_ITEMS:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 8, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "h":
            if pdf.get_y() > bottom - 35:
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 13)
            pdf.cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "p":
            pdf.set_font("Helvetica", "", BODY)
            height = pdf.multi_cell(0, LINE, value, dry_run=True, output="HEIGHT")
            if pdf.get_y() + height > bottom:
                pdf.add_page()
            pdf.multi_cell(0, LINE, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "t":
            if pdf.get_y() > bottom - 60:
                pdf.add_page()
            pdf.set_font("Helvetica", "", 9.5)
            with pdf.table(col_widths=(52, 64, 24, 30), line_height=5,
                           first_row_as_headings=True) as table:
                for row in value:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(4)
        else:
            raise ValueError(kind)

    path.write_bytes(bytes(pdf.output()))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_docx(OUT / "alternative-provision-approved-providers.docx")
    build_pdf(OUT / "send-short-breaks-local-offer.pdf")
    print("built", OUT)


if __name__ == "__main__":
    main()
