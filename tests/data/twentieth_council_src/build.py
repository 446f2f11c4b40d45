"""Build the binary documents of the twentieth council library (Caldbeck Vale Council).

Writes, into ../twentieth_council/:
  short-breaks-framework.pdf                (public; fpdf2, outline bookmarks, running header/footer)
  youth-work-specification.docx             (public; python-docx, Word headings, tables)
  commissioning-budget-positions.docx       (internal; OFFICIAL-SENSITIVE in the page header)

The build is deterministic: fixed metadata dates and a re-zip with fixed timestamps, so running
it twice gives the same bytes. Run: .venv/bin/python tests/data/twentieth_council_src/build.py
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

OUT = Path(__file__).resolve().parent.parent / "twentieth_council"
FIXED = dt.datetime(2026, 3, 20, 9, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (2026, 3, 20, 9, 0, 0)


# ---------------------------------------------------------------- PDF: short breaks framework

SB_CONTROL = [
    "Title: Short Breaks Framework for Disabled Children and Young People - Provider Guide",
    "Owner: Short Breaks Commissioning Officer",
    "Version: 2.0",
    "Review date: 2027-04-01",
    "Audience: public",
]

# Each section: (heading, level, [blocks]); a block is a paragraph string or ("table", header, rows).
SB_SECTIONS = [
    ("1. Introduction", 0, [
        "1.1 This guide explains how the Short Breaks Framework for Disabled Children and Young People (the Framework) works for providers appointed to it. The guide forms part of the Framework Agreement; where the guide and the Framework Agreement differ, the Framework Agreement applies.",
        "1.2 A short break gives a disabled child or young person time away from their parent carers doing something they enjoy, and gives the parent carers a break from caring. Short breaks are provided under the council's duty in the Breaks for Carers of Disabled Children Regulations 2011.",
    ]),
    ("2. Defined terms", 0, [
        "2.1 \"Child\" means a disabled child or young person aged 0 to 17 who lives in Caldbeck Vale and is eligible for short breaks under the council's Short Breaks Eligibility Statement.",
        "2.2 \"Call-Off\" means an individual agreement made under the Framework for short breaks for a named Child, following the referral process in section 5.",
        "2.3 \"Short Break Plan\" means the written plan agreed between the council, the family and the provider that sets out the short break a Child receives, the staffing and any transport.",
        "2.4 \"Working Day\" means Monday to Friday, excluding bank holidays in England.",
    ]),
    ("3. Term of the Framework", 0, [
        "3.1 The Framework started on 1 April 2026 and runs for four years, until 31 March 2030. There is no option to extend the Framework.",
        "3.2 The council reopens the Framework to new providers once a year, in October, so that new providers can join any lot. Providers already appointed may apply to join further lots at each reopening.",
    ]),
    ("4. Lots", 0, [
        "4.1 The Framework is divided into five lots by age and level of need. A provider may be appointed to any number of lots, and the council keeps a ranked list of providers for each lot.",
        ("table", ["Lot", "Who the lot is for", "Typical short breaks"], [
            ["Lot 1 - Early Years Play", "Children aged 0 to 7", "Inclusive play sessions, stay-and-play, holiday play schemes"],
            ["Lot 2 - Growing Up Clubs", "Children aged 8 to 13", "After-school clubs, Saturday clubs, holiday activity days"],
            ["Lot 3 - Teen Breaks", "Young people aged 14 to 17", "Youth clubs, community activities, independence and travel skills"],
            ["Lot 4 - Complex Needs Support", "Children aged 0 to 17 with complex health needs or behaviour that challenges", "One-to-one or two-to-one support at home or in the community"],
            ["Lot 5 - Overnight Short Breaks", "Children aged 5 to 17 who need overnight care away from home", "Overnight stays in a registered children's home"],
        ]),
        "4.2 A Lot 4 provider must make sure that every worker supporting a Child is trained in positive behaviour support, and that at least one worker on each shift is trained to give epilepsy rescue medication.",
        "4.3 A Lot 5 provider must be registered with Ofsted as a children's home that provides short breaks, and the home must hold an Ofsted rating of good or outstanding.",
    ]),
    ("5. Referrals and Call-Offs", 0, [
        "5.1 The council's Short Breaks Team sends each referral to every provider on the relevant lot through the council's referral portal. A provider has three Working Days from the referral to say whether it can offer the short break.",
        "5.2 Where more than one provider can offer the short break, the council chooses the provider ranked highest on the lot that can meet the Child's needs, taking account of the family's preference for a day, time or place.",
        "5.3 A family may choose a direct payment instead of a short break arranged through the Framework. A provider may sell short breaks to a family using a direct payment at the provider's own prices, outside the Framework.",
    ]),
    ("6. Hourly rates and prices", 0, [
        "6.1 The council pays the fixed rates below. Group rates are per Child per hour; one-to-one and two-to-one rates are per hour of support; the Lot 5 rate is per night.",
        ("table", ["Lot and type of support", "Unit", "2026/27", "2027/28"], [
            ["Lot 1 group session", "per Child per hour", "£9.40", "£9.75"],
            ["Lot 1 one-to-one", "per hour", "£22.60", "£23.40"],
            ["Lot 2 group session", "per Child per hour", "£10.15", "£10.50"],
            ["Lot 2 one-to-one", "per hour", "£23.10", "£23.90"],
            ["Lot 3 group session", "per Child per hour", "£11.20", "£11.60"],
            ["Lot 3 one-to-one", "per hour", "£24.30", "£25.15"],
            ["Lot 4 two-to-one", "per hour, for both workers", "£51.80", "£53.60"],
            ["Lot 5 overnight short break", "per night", "£395.00", "£409.00"],
        ]),
        "6.2 Rates for 2028/29 and 2029/30 will be set each year by the uplift in paragraph 6.3 and published to providers by 1 March before the year starts.",
        "6.3 The council reviews the rates every year. The council decides the annual uplift in February, taking account of the National Living Wage and the Consumer Prices Index (CPI), and the uplift takes effect on 1 April.",
        "6.4 Transport to and from a short break is not included in the rates. Where transport is agreed in the Short Break Plan, the council pays mileage at 45p a mile for the journey with the Child in the vehicle.",
        "6.5 If a family cancels a short break with less than 48 hours' notice, the provider may charge the council for the full session. If the family gives 48 hours' notice or more, the provider may not charge for the cancelled session.",
    ]),
    ("7. Quality, safeguarding and staffing", 0, [
        "7.1 Every worker and volunteer who supports a Child must hold an enhanced Disclosure and Barring Service (DBS) check with a check of the children's barred list. The provider must renew each check every three years unless the worker subscribes to the DBS Update Service and the provider checks the status each year.",
        "7.2 Unless the Short Break Plan says otherwise, group sessions must be staffed at no less than one worker to three Children on Lot 1, one worker to four Children on Lot 2 and one worker to five young people on Lot 3.",
        "7.3 The provider must tell the Short Breaks Team within 24 hours about any safeguarding concern, injury, medication error or complaint involving a Child. If a Child goes missing, the provider must telephone the Short Breaks Team and the police immediately.",
    ]),
    ("8. Invoicing and payment", 0, [
        "8.1 Providers invoice the council monthly in arrears through the Caldbeck Vale Provider Portal, with one line for each Child and each session.",
        "8.2 The council pays valid, undisputed invoices within 30 days of receiving them.",
        "8.3 An invoice must identify each Child by the council's unique reference number and must not show the Child's name.",
    ]),
    ("9. Performance and contract management", 0, [
        "9.1 Providers send a contract monitoring return each quarter, within 15 Working Days of the end of the quarter, and meet the Short Breaks Commissioning Officer once a year for an annual review.",
        "9.2 The key performance indicator for every lot is that 95% of referrals are answered within the time in paragraph 5.1.",
        "9.3 Where a provider falls below the standards in this guide, the council first agrees an improvement plan with the provider, except where paragraph 9.4 applies.",
        "9.4 The council may suspend a provider from receiving new referrals on one or more lots where there is a safeguarding concern, where a Lot 5 home's Ofsted rating falls below good, or where the provider repeatedly misses the key performance indicator in paragraph 9.2.",
    ]),
]


class SBPdf(FPDF):
    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, "Caldbeck Vale Council | Short Breaks Framework - Provider Guide", align="R",
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, f"Version 2.0 | Page {self.page_no()} of {{nb}}", align="C")


def build_pdf(path: Path) -> None:
    pdf = SBPdf(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title("Short Breaks Framework for Disabled Children and Young People - Provider Guide")
    pdf.set_author("Short Breaks Commissioning Officer")
    pdf.set_subject("version 2.0")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Caldbeck Vale Council")
    pdf.set_producer("Caldbeck Vale Council document build")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    for line in SB_CONTROL:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, "Short Breaks Framework for Disabled Children and Young People 2026 to 2030",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Provider Guide, April 2026", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for heading, level, blocks in SB_SECTIONS:
        pdf.start_section(heading, level=level)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        for block in blocks:
            if isinstance(block, tuple):
                _, head, rows = block
                pdf.set_font("Helvetica", "", 9)
                with pdf.table(first_row_as_headings=True, line_height=5) as table:
                    r = table.row()
                    for h in head:
                        r.cell(h)
                    for row in rows:
                        r = table.row()
                        for c in row:
                            r.cell(c)
                pdf.ln(3)
            else:
                pdf.set_font("Helvetica", "", 10)
                pdf.multi_cell(0, 5, block, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2.5)
    pdf.output(str(path))


# ---------------------------------------------------------------- DOCX helpers

def _docx_props(doc, title: str, owner: str, audience: str, version: str, keywords: str) -> None:
    cp = doc.core_properties
    cp.title = title
    cp.author = owner
    cp.category = audience
    cp.subject = f"version {version}"
    cp.keywords = keywords
    cp.last_modified_by = owner
    cp.revision = 1
    cp.created = FIXED.replace(tzinfo=None)
    cp.modified = FIXED.replace(tzinfo=None)
    cp.last_printed = FIXED.replace(tzinfo=None)
    cp.comments = ""


def _save_docx(doc, path: Path) -> None:
    """Save, then re-zip with fixed timestamps so the bytes do not depend on the clock."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for i, h in enumerate(header):
        cell = t.rows[0].cells[i]
        cell.text = h
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = t.add_row().cells
        for i, c in enumerate(row):
            cells[i].text = c


def _write_body(doc, blocks) -> None:
    for b in blocks:
        if isinstance(b, tuple) and b[0] in ("h1", "h2", "h3"):
            doc.add_heading(b[1], level=int(b[0][1]))
        elif isinstance(b, tuple) and b[0] == "table":
            _table(doc, b[1], b[2])
        elif isinstance(b, tuple) and b[0] == "bullets":
            for item in b[1]:
                doc.add_paragraph(item, style="List Bullet")
        else:
            doc.add_paragraph(b)


# ---------------------------------------------------------------- DOCX: youth work specification

YW_CONTROL = [
    "Title: Service Specification - Targeted and Open Access Youth Work Service",
    "Owner: Youth Services Commissioning Lead",
    "Version: 1.0",
    "Review date: 2027-03-31",
    "Audience: public",
]

YW_BODY = [
    ("h1", "Service Specification: Targeted and Open Access Youth Work Service 2026 to 2029"),
    "Caldbeck Vale Council, Children's and Families' Commissioning. Invitation to tender reference CVC-CF-2026-014.",
    ("h2", "1. Introduction and contract term"),
    "1.1 This specification describes the Targeted and Open Access Youth Work Service (the Service) that Caldbeck Vale Council is commissioning from 1 September 2026. The Service replaces the youth work contracts that end on 31 August 2026.",
    "1.2 The contract runs for an initial term of three years, from 1 September 2026 to 31 August 2029, and the council may extend the contract by up to two further years in periods of one year (1+1).",
    "1.3 The maximum contract value is £640,000 a year for all three service areas together. Bids above the maximum contract value will not be evaluated.",
    ("h2", "2. Definitions"),
    "2.1 \"Young Person\" means a person aged 11 to 19, or aged up to 25 for a young person with special educational needs and disabilities (SEND).",
    "2.2 \"Open Access Session\" means a youth work session that any Young Person may attend without a referral.",
    "2.3 \"Targeted Support\" means planned one-to-one or small group work with a Young Person referred by the council's Early Help Service or Children's Social Care.",
    "2.4 \"Detached Youth Work\" means youth work on the street, in parks and in other places young people gather, away from a youth centre.",
    ("h2", "3. Service areas"),
    "3.1 The Service is divided into three service areas. Each service area has its own minimum number of Open Access Sessions and its own Targeted Support caseload.",
    ("table", ["Service area", "Main towns and villages", "Minimum Open Access Sessions a week", "Targeted Support caseload at any time"], [
        ["Area 1 – North Fells", "Keld Bridge, Ashby Moor and the upland villages", "6 sessions", "25 Young People"],
        ["Area 2 – Vale Central", "Caldbeck and Thornside", "10 sessions", "45 Young People"],
        ["Area 3 – Riverside South", "Millford and Lowbeck", "8 sessions", "35 Young People"],
    ]),
    "3.2 A bidder may bid for one, two or all three service areas. The council may award each service area to a different provider.",
    ("h2", "4. Service requirements"),
    "4.1 Each Open Access Session must last at least two and a half hours and run between 4pm and 10pm. In each service area, at least one Open Access Session a week must take place on a Friday or Saturday evening.",
    "4.2 The provider must deliver at least six hours of Detached Youth Work a week in each service area, planned with the council's Community Safety Team.",
    "4.3 For Targeted Support, the provider must make first contact with the Young Person within five working days of the referral, agree a written support plan within 20 working days of the referral, and normally work with the Young Person for up to 12 weeks.",
    "4.4 During the school summer holidays the provider must run a daytime programme of at least four weeks in each service area, in addition to the Open Access Sessions.",
    "4.5 The provider must support the Caldbeck Vale Youth Council and make sure young people take part in planning the Service, including through at least two youth-led reviews of the Service each year.",
    ("h2", "5. Staffing and qualifications"),
    "5.1 Every Open Access Session must be led by a youth worker who holds a professional youth work qualification recognised by the Joint Negotiating Committee for Youth and Community Workers (JNC).",
    "5.2 Open Access Sessions must be staffed at no less than one adult to 12 Young People, with at least two staff at every session.",
    "5.3 Every worker and volunteer must hold an enhanced Disclosure and Barring Service (DBS) check with a check of the children's barred list before working with Young People, and the provider must keep a single central record of checks.",
    ("h2", "6. Performance and outcomes"),
    "6.1 The provider must meet the key performance indicators (KPIs) in the table below. The council measures the KPIs over each contract year.",
    ("table", ["KPI", "Measure", "Target"], [
        ["KPI 1 – Reach", "Number of different Young People attending Open Access Sessions in a contract year, all service areas together", "2,400 Young People"],
        ["KPI 2 – Response", "Referrals for Targeted Support where first contact is made within the time in paragraph 4.3", "90% of referrals"],
        ["KPI 3 – Outcomes", "Young People completing Targeted Support whose Outcomes Star score improves", "70% of Young People"],
        ["KPI 4 – Education and work", "Young People aged 16 to 19 in Targeted Support who are in education, employment or training when the support ends", "60% of Young People"],
    ]),
    "6.2 The provider must send a quarterly performance report within 20 working days of the end of each quarter, and meet the Youth Services Commissioning Lead each quarter to review the report.",
    ("h2", "7. Payment"),
    "7.1 The council pays 90% of the annual contract value in four equal quarterly payments in arrears, after receiving the quarterly performance report in paragraph 6.2.",
    "7.2 The council pays the remaining 10% of the annual contract value as a performance payment after the end of each contract year, in proportion to the number of KPI targets in paragraph 6.1 the provider has met.",
    ("h2", "8. Staff transfer (TUPE)"),
    "8.1 The Transfer of Undertakings (Protection of Employment) Regulations 2006 (TUPE) may apply to staff of the outgoing youth work providers. The council will share anonymised staff information from the outgoing providers with bidders during the tender.",
    ("h2", "9. Buildings"),
    "9.1 The council makes three youth centres available to the provider rent-free for the Service: Keld Bridge Youth Centre, The Junction in Caldbeck, and Lowbeck Youth Hub.",
    "9.2 The provider pays for the cleaning, utilities and internet connection of the youth centres it uses. The council remains responsible for the structure, roof and heating system of each youth centre.",
]


def build_youth_docx(path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    _docx_props(doc, "Service Specification - Targeted and Open Access Youth Work Service",
                "Youth Services Commissioning Lead", "public", "1.0", "audience: public")
    for line in YW_CONTROL:
        doc.add_paragraph(line)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = "Caldbeck Vale Council – Youth Work Service Specification – ITT CVC-CF-2026-014"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _write_body(doc, YW_BODY)
    _save_docx(doc, path)


# ---------------------------------------------------------------- DOCX (internal): budgets and negotiation positions

BN_CONTROL = [
    "Title: Children's Commissioning - Budget Envelopes and Negotiation Positions 2026/27",
    "Owner: Head of Children's Commissioning",
    "Version: 0.4",
    "Review date: 2026-09-30",
    "Audience: internal",
    "Classification: OFFICIAL-SENSITIVE",
]

BN_BODY = [
    ("h1", "Budget Envelopes and Negotiation Positions 2026/27"),
    "Prepared for the Children's Commissioning Board. Not for circulation outside the council. Do not share with providers or bidders.",
    ("h2", "1. Budget envelopes"),
    "1.1 The budget envelopes below are the amounts the Children's Commissioning Board has agreed for each commissioned service. The 2027/28 figures are indicative until the council sets its budget in February 2027.",
    ("table", ["Service", "Envelope 2026/27", "Indicative envelope 2027/28", "Budget holder"], [
        ["Early Help and Family Hubs Grants", "£1,180,000", "£1,090,000", "Priya Nandakumar, Early Help Commissioning Manager"],
        ["Short Breaks Framework", "£2,350,000", "£2,420,000", "Tom Ashworth, Short Breaks Commissioning Officer"],
        ["Independent Fostering Agency (IFA) placements", "£9,600,000", "£9,950,000", "Helen Marsh, Placement Commissioning Manager"],
        ["Youth work contract", "£615,000", "£615,000", "Daniel Okafor, Youth Services Commissioning Lead"],
    ]),
    "1.2 The Short Breaks Framework envelope for 2026/27 includes £180,000 held back for Lot 4 two-to-one packages that start part way through the year.",
    ("h2", "2. Negotiation positions"),
    "2.1 Youth work contract: the published maximum contract value is £640,000 a year, but the council's target settlement is £598,000 a year. The Youth Services Commissioning Lead may accept a bid of up to £625,000 a year without going back to the Head of Children's Commissioning.",
    "2.2 IFA placements: where no agency will offer a carer for a Band 3 child at the published fee, the Placement Commissioning Manager may agree a weekly fee of up to 8% above the published weekly fee for that child.",
    "2.3 IFA placements: the council will not agree any uplift above 12% for any band, whatever the child's needs; a higher fee must go to the Director of Children's Services as an off-framework placement.",
    "2.4 Short Breaks Framework: the council intends to offer providers a 3.5% uplift for 2028/29. The uplift must not be mentioned to providers before the February 2028 decision.",
    "2.5 Family hubs grants: Strand A Hub Partner Grants will not be extended into 2028/29. The Children's Commissioning Board took this decision on 9 February 2026, and the decision will be announced to grant holders in September 2026.",
    ("h2", "3. Unpublished decisions"),
    "3.1 On 3 March 2026 the Cabinet Member for Children and Families agreed to bring the Lowbeck Youth Hub back in house from 1 September 2027. The decision has not yet been announced, and bidders for the youth work contract are not to be told before the contract is awarded.",
    "3.2 The budget for Strand C, Family Voices Grants, will be reduced to £60,000 in 2027/28, from £85,000 in 2026/27.",
    ("h2", "4. Named officers and contacts"),
    ("table", ["Officer", "Post", "Responsible for"], [
        ["Margaret Fenwick", "Head of Children's Commissioning", "All children's and families' commissioning; chairs the Children's Commissioning Board"],
        ["Priya Nandakumar", "Early Help Commissioning Manager", "Early Help and Family Hubs Grants Programme"],
        ["Tom Ashworth", "Short Breaks Commissioning Officer", "Short Breaks Framework, all lots"],
        ["Helen Marsh", "Placement Commissioning Manager", "IFA Placement Arrangement and off-framework placements"],
        ["Daniel Okafor", "Youth Services Commissioning Lead", "Youth work contract and tender"],
    ]),
]


def build_budget_docx(path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    _docx_props(doc, "Children's Commissioning - Budget Envelopes and Negotiation Positions 2026/27",
                "Head of Children's Commissioning", "internal", "0.4",
                "audience: internal; classification: OFFICIAL-SENSITIVE")
    sec = doc.sections[0]
    hp = sec.header.paragraphs[0]
    hp.text = "OFFICIAL-SENSITIVE"
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp = sec.footer.paragraphs[0]
    fp.text = "OFFICIAL-SENSITIVE"
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in BN_CONTROL:
        doc.add_paragraph(line)
    _write_body(doc, BN_BODY)
    _save_docx(doc, path)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_pdf(OUT / "short-breaks-framework.pdf")
    build_youth_docx(OUT / "youth-work-specification.docx")
    build_budget_docx(OUT / "commissioning-budget-positions.docx")


if __name__ == "__main__":
    main()
