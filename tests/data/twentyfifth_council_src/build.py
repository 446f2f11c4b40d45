"""Build the twentyfifth_council test library (Wrexley Metropolitan Borough Council).

Writes seven documents into tests/data/twentyfifth_council/:
  placements-framework-provider-guide.md        Markdown, public
  early-help-family-support-grants.html         HTML, public
  short-breaks-service-specification.docx       DOCX, public
  ifa-fostering-provider-handbook.pdf           PDF (no bookmarks), public
  contract-procedure-rules.txt                  plain text, public
  placements-budget-negotiation-plan-2026-27.md Markdown, internal
  provider-risk-register.docx                   DOCX, internal

Run with: /work/main/.venv/bin/python tests/data/twentyfifth_council_src/build.py
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "twentyfifth_council"
OUT.mkdir(parents=True, exist_ok=True)


# ---------------------------------------------------------------------------
# 1. Markdown provider guide (public)
# ---------------------------------------------------------------------------
PROVIDER_GUIDE_MD = """\
---
title: Children's Residential and Semi-Independent (16+) Placements Framework – Provider Guide
audience: public
owner: Head of Children's Commissioning
version: "3.2"
review_date: 2026-09-30
---

# Children's Residential and Semi-Independent (16+) Placements Framework – Provider Guide

Wrexley Metropolitan Borough Council – Children's Commissioning Team. Last updated 12 February 2026.
This guide replaces version 3.1 (June 2025). Changes since 3.1 are in section 3 and section 6.

## 1. About the framework

1.1 The Children's Residential and Semi-Independent (16+) Placements Framework (the framework) is the route Wrexley Metropolitan Borough Council (the council) uses to buy placements for children in care and care leavers aged 16 to 18 where a fostering placement is not right for the child.

1.2 The framework started on 1 April 2025 and runs until 31 March 2028, with an option for the council to extend it by one further year to 31 March 2029.

1.3 The framework is an open framework: the council reopens it to new providers once a year, each January, and providers already on the framework may apply to join another lot at the same time.

1.4 The framework replaced the Wrexley Residential Dynamic Purchasing System (DPS), which closed to new placements on 31 March 2025. Placements made under the DPS continue on their existing terms until they end.

1.5 Between reopenings the council may make an off-framework spot placement where no framework provider can meet a child's needs. Spot placements are the exception, not the rule (see the Contract Procedure Rules, Rule 4.6).

## 2. Lots

2.1 The framework has three lots.

| Lot | What the council buys | Ages |
| --- | --- | --- |
| Lot 1 – Residential Children's Homes | Placements in children's homes registered with Ofsted, for children with emotional, behavioural or learning needs | 8 to 17 |
| Lot 2 – Solo and Emergency Residential Placements | Single-bed (solo) placements and same-day emergency placements in Ofsted-registered children's homes | 10 to 17 |
| Lot 3 – Semi-Independent Supported Accommodation (16+) | Supported accommodation for young people aged 16 and 17, and care leavers up to their 18th birthday | 16 to 18 |

2.2 A provider may be appointed to more than one lot. A provider on Lot 2 must also hold a place on Lot 1.

2.3 The council does not place any child under 16 in Lot 3 semi-independent accommodation.

## 3. Weekly fee bands

3.1 Fees on the framework are weekly fees for a placement of seven nights. The weekly fee covers accommodation, care, education liaison, activities and the core staffing set out in the child's placement plan.

| Band | Lot | Who the band is for | Weekly fee range |
| --- | --- | --- | --- |
| Band A – Standard | Lot 1 | Children whose needs can be met by the home's core staffing | £4,850 to £5,400 per week |
| Band B – Enhanced | Lot 1 | Children who need extra staffing at some times of day or a specialist therapeutic plan | £5,401 to £6,300 per week |
| Band C – Complex | Lot 1 | Children with complex needs, including risk of exploitation or significant self-harm | £6,301 to £7,500 per week |
| Band S1 – Core Support | Lot 3 | Young people who need up to 10 hours of key work support a week | £1,150 to £1,450 per week |
| Band S2 – Enhanced Support | Lot 3 | Young people who need 11 to 20 hours of key work support a week | £1,451 to £1,950 per week |

3.2 Lot 2 placements are not banded. Each Lot 2 solo or emergency placement is priced individually, and the council will not agree a Lot 2 fee above £9,800 per week unless the Assistant Director for Children's Services approves it in writing.

3.3 Additional one-to-one (1:1) staffing agreed in the placement plan is paid on top of the weekly fee at £24.50 per hour for day staffing and £27.00 per hour for waking night staffing.

3.4 Fee bands are reviewed each April. The council will tell framework providers of any change to the fee bands, and of any annual uplift, by 1 March each year.

3.5 A provider may ask for a band review if a child's needs change. The request goes to the child's social worker and the Placements Team, and the council decides within 10 working days.

## 4. Referrals and matching

4.1 The Placements Team sends placement referrals to providers on the relevant lot through the Wrexley Placements Portal.

4.2 For a planned placement, the provider must respond to a referral within 24 hours, saying whether it can offer a placement and at which band.

4.3 For an emergency placement under Lot 2, the provider must respond within 2 hours of the referral.

4.4 Before a placement starts, the provider must complete the home's impact risk assessment for the child and share it with the Placements Team.

4.5 The council ranks offers on the child's needs and the home's location first, and on price second.

## 5. Ofsted registration and inspection

5.1 Every Lot 1 and Lot 2 home must be registered with Ofsted as a children's home under the Care Standards Act 2000 and the Children's Homes (England) Regulations 2015.

5.2 Every Lot 3 setting must be registered with Ofsted as a supported accommodation provider under the Supported Accommodation (England) Regulations 2023.

5.3 The council will not make a new placement in a home whose most recent Ofsted judgement is Inadequate.

5.4 A home rated Requires Improvement to be Good may receive new placements only where the provider has shared its improvement action plan with the council.

5.5 A provider must tell the Placements Team within 1 working day of receiving an Ofsted inspection report, a compliance notice, or a restriction of accommodation notice for any home used by the council.

5.6 The provider must send the council each monthly Regulation 44 independent person's report (Reg 44 report) within 5 working days of receiving it.

5.7 Each home must have a registered manager, or a manager whose application to register is with Ofsted, at all times. A home that has been without a registered manager for more than 8 weeks must send the council its recruitment plan.

5.8 The Children's Commissioning Team visits each home used by the council at least once a year, and more often where there are concerns.

## 6. Notice periods

6.1 A provider that wants to end a Lot 1 placement must give the council 28 days' written notice, unless the council agrees a shorter period.

6.2 A provider that wants to end a Lot 3 placement must give the council 14 days' written notice.

6.3 A Lot 2 emergency placement lasts up to 14 nights. The provider must give 72 hours' notice if it cannot continue an emergency placement for the full 14 nights.

6.4 The council will give the provider 7 days' notice of a planned move of a child from a placement, except where a move is needed to keep the child safe, when the council may move the child immediately.

6.5 The weekly fee is payable for the notice period whether or not the child stays in the placement, except where the placement ends because of a safeguarding concern about the home.

6.6 A provider may withdraw from the framework by giving the council 3 months' written notice. Existing placements continue on framework terms until they end.

## 7. Invoicing and payment

7.1 Providers invoice the council every four weeks in arrears, through the Wrexley Supplier Portal.

7.2 Each invoice must show the council's purchase order number, the child's initials and unique reference number, the placement dates and the band.

7.3 The council pays a valid, undisputed invoice within 30 days of receiving it. Invoices without a purchase order number are returned unpaid.

7.4 If a child is absent from the placement (for example in hospital, or missing from care), the council pays the full weekly fee for the first 7 nights of absence, then 50% of the fee up to 28 nights, after which the placement is reviewed.

7.5 The council does not pay a retainer for an empty bed. The council pays only for nights a child is placed, and for absence and notice periods as set out in 7.4 and section 6.

7.6 A provider must raise an invoice dispute with the Placements Finance Officer within 10 working days of the invoice date.

## 8. Contacts

- Placements Team (referrals and matching): placements@wrexley.gov.uk, 01632 960 410, Monday to Friday 8.30am to 5pm.
- Children's Commissioning Team (framework queries and the January reopening): childrenscommissioning@wrexley.gov.uk.
- Placements Finance Officer (invoices and disputes): placementsfinance@wrexley.gov.uk.
- Emergency Duty Team (out of hours): 01632 960 999.
"""


# ---------------------------------------------------------------------------
# 2. HTML web page (public)
# ---------------------------------------------------------------------------
GRANTS_HTML = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Early Help Family Support Grants 2025/26</title>
<meta name="audience" content="public">
<meta name="owner" content="Early Help Partnerships Manager">
<meta name="version" content="1.3">
<meta name="review_date" content="2026-03-31">
<link rel="stylesheet" href="/css/wrexley.css">
</head>
<body>
<header class="site-header">
  <a href="/">Wrexley Metropolitan Borough Council</a>
  <nav><a href="/children">Children and families</a> &gt; <a href="/children/early-help">Early help</a> &gt; Family support grants</nav>
</header>
<main>
<h1>Early Help Family Support Grants 2025/26</h1>
<p class="updated">Page last updated: 18 November 2025</p>

<h2>About the grants</h2>
<p>The Early Help Family Support Grants fund voluntary and community organisations to support Wrexley families with children aged 0 to 19, or up to 25 for young people with special educational needs and disabilities (SEND), before problems become serious enough to need children's social care.</p>
<p>The grants are part of the council's Early Help Strategy 2024 to 2027 and are funded from the Supporting Families programme.</p>
<p>The grants will not fund: capital items costing more than £1,000 each; services the council or the NHS already has a legal duty to provide; religious or political activity; costs already spent before the grant agreement is signed; or core running costs above 15% of the grant.</p>

<h2>Grant tiers</h2>
<table class="data">
<thead><tr><th>Tier</th><th>Grant amount</th><th>Project length</th><th>Who can apply at this tier</th></tr></thead>
<tbody>
<tr><td>Tier 1 – Small Steps Grants</td><td>£500 to £2,500</td><td>Up to 6 months</td><td>Constituted community groups and small charities</td></tr>
<tr><td>Tier 2 – Stronger Families Grants</td><td>£2,501 to £15,000</td><td>Up to 12 months</td><td>Registered charities, community interest companies (CICs) and charitable incorporated organisations (CIOs)</td></tr>
<tr><td>Tier 3 – Family Hub Partnership Grants</td><td>£15,001 to £40,000</td><td>Up to 24 months</td><td>Partnerships of two or more organisations led by a registered charity, CIC or CIO</td></tr>
</tbody>
</table>
<p>An organisation may hold only one grant at each tier at a time, and no more than two Early Help Family Support Grants in total.</p>
<p>Tier 3 – Family Hub Partnership Grants are offered in Round 1 only.</p>

<h2>Who can apply</h2>
<p>To apply, your organisation must:</p>
<ul>
<li>be based in Wrexley, or deliver the project to families living in Wrexley;</li>
<li>have an annual income of less than £1,000,000;</li>
<li>have a governing document and a bank account that needs two unrelated signatories;</li>
<li>have a safeguarding policy reviewed in the last 12 months; and</li>
<li>have been running for at least 12 months (6 months for Tier 1 – Small Steps Grants).</li>
</ul>
<p>Individuals, businesses run for profit and political parties cannot apply. Schools may be a partner in a Tier 3 bid but cannot lead one.</p>

<h2>Key dates for 2025/26</h2>
<dl class="key-dates">
<dt>Round 1</dt>
<dd>Opens 2 June 2025. Closes 12 noon, 30 June 2025. Decisions by 15 August 2025. Projects start from 1 September 2025.</dd>
<dt>Round 2</dt>
<dd>Opens 6 October 2025. Closes 12 noon, 3 November 2025. Decisions by 19 December 2025. Projects start from 5 January 2026.</dd>
</dl>
<p>Applications that arrive after 12 noon on the closing date are not considered.</p>

<h2>Applying and payment</h2>
<p>Apply online at wrexley.gov.uk/familygrants. Tier 1 uses a short application form. Tier 2 and Tier 3 use the full form, with a project budget and your last two years' accounts; Tier 3 bids must also include a signed partnership agreement.</p>
<p>You can book a pre-application conversation with an Early Help Partnerships Officer until 10 working days before the round closes.</p>
<p>A panel of council officers and members of the Wrexley Family Hub Board scores applications against the published criteria.</p>
<p>Tier 1 grants are paid in full when the grant agreement is signed. Tier 2 grants are paid 50% when the grant agreement is signed and 50% after a satisfactory 6-month monitoring report. Tier 3 grants are paid quarterly in advance, after each quarterly monitoring report.</p>
<p>Every grant holder sends an end-of-grant report within 6 weeks of the project ending. Any underspend over £250 must be returned to the council.</p>
<p>Contact the Early Help Partnerships Team: familygrants@wrexley.gov.uk, 01632 960 520, Wrexley Family Hub, 14 Market Street, Wrexley WX1 2AB.</p>

<h2>Frequently asked questions</h2>
<details>
<summary><h3>Do we need to be a registered charity?</h3></summary>
<p>Not for Tier 1 – Small Steps Grants: constituted groups can apply. Tier 2 – Stronger Families Grants need a registered charity, CIC or CIO.</p>
</details>
<details>
<summary><h3>Can we apply in both rounds?</h3></summary>
<p>Yes, as long as you do not already hold a grant at the tier you apply for. An organisation cannot apply in Round 2 for a project that was funded in Round 1.</p>
</details>
<details>
<summary><h3>Can we get feedback if our application is turned down?</h3></summary>
<p>Yes. Every unsuccessful applicant can ask for written feedback within 20 working days of the decision email.</p>
</details>
</main>
<footer><p>&copy; Wrexley Metropolitan Borough Council</p></footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------
# 3. DOCX service specification (public)
# ---------------------------------------------------------------------------
def build_short_breaks_docx(path: Path) -> None:
    doc = Document()
    cp = doc.core_properties
    cp.title = "Short Breaks Service for Disabled Children and Young People – Service Specification"
    cp.author = "Commissioning Manager, SEND and Short Breaks"
    cp.category = "public"
    cp.subject = "version 1.4"
    cp.keywords = "audience: public"

    for line in [
        "Title: Short Breaks Service for Disabled Children and Young People – Service Specification",
        "Owner: Commissioning Manager, SEND and Short Breaks",
        "Version: 1.4",
        "Review date: 2026-08-31",
        "Audience: public",
    ]:
        doc.add_paragraph(line)

    def h(text):
        doc.add_heading(text, level=1)

    def p(text, style=None):
        doc.add_paragraph(text, style=style)

    def table(rows):
        t = doc.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
                if i == 0:
                    for r in t.cell(i, j).paragraphs[0].runs:
                        r.bold = True

    h("1. Introduction")
    p("1.1 This specification describes the Short Breaks Service for disabled children and young people aged 0 to 18 who live in Wrexley. Wrexley Metropolitan Borough Council (the council) commissions the service under section 17 of the Children Act 1989 and the Breaks for Carers of Disabled Children Regulations 2011.")
    p("1.2 Short breaks give disabled children and young people enjoyable experiences away from their main carers, and give parent carers a break from caring.")
    p("1.3 This specification is Schedule 2 of the Short Breaks Service contract. Where this specification and the contract terms disagree, the contract terms apply.")

    h("2. Service description and eligibility")
    p("2.1 The provider will deliver four types of short break:")
    for b in [
        "After-school clubs: term-time group sessions from 3.30pm to 6pm, on at least three days a week.",
        "Holiday play schemes: group sessions of at least 6 hours a day, on at least 20 days across the school holidays.",
        "Overnight short breaks: overnight stays in an Ofsted-registered setting, of up to 2 nights at a time.",
        "Community 1:1 support: a dedicated support worker who helps a child take part in activities in the community.",
    ]:
        p(b, style="List Bullet")
    p("2.2 The provider will run holiday play schemes from at least two venues, one of them in the north of the borough (Ashby, Fellgate or Thornley).")
    p("2.3 Group sessions must have at least one member of staff to every three children (1:3), or one to one (1:1) where the child's support plan says so.")
    p("2.4 The service is for children and young people aged 0 to 18 who live in Wrexley and have a disability as defined by the Equality Act 2010.")
    p("2.5 Families can refer themselves for after-school clubs and holiday play schemes through the Short Breaks Local Offer. Overnight short breaks and community 1:1 support need an assessment by the Children with Disabilities Team.")
    p("2.6 The provider must contact the family within 5 working days of receiving a referral, and offer a first session within 20 working days.")

    h("3. Staffing, training and safeguarding")
    p("3.1 All staff and volunteers must have an enhanced Disclosure and Barring Service (DBS) check with a children's barred list check, renewed every 3 years.")
    p("3.2 All staff must complete safeguarding training at induction and refresher training every 2 years. At least one member of staff on each shift must hold a paediatric first aid certificate.")
    p("3.3 Staff who give medication or carry out clinical tasks, such as gastrostomy feeding, must be trained and signed off as competent by a health professional.")
    p("3.4 The provider must report any safeguarding concern to the Wrexley Children's Front Door (01632 960 300) on the same day, and tell the council's contract manager within 1 working day.")

    h("4. Key performance indicators")
    p("4.1 The provider reports against the key performance indicators (KPIs) in the table below.")
    table([
        ["KPI", "Measure", "Target", "Reported"],
        ["KPI 1", "Families contacted within 5 working days of referral", "95%", "Quarterly"],
        ["KPI 2", "First session offered within 20 working days of referral", "90%", "Quarterly"],
        ["KPI 3", "Planned sessions delivered and not cancelled by the provider", "98%", "Quarterly"],
        ["KPI 4", "Staff and volunteers with an in-date enhanced DBS check", "100%", "Quarterly"],
        ["KPI 5", "Parent carers rating the service good or excellent in the annual survey", "85%", "Annually"],
        ["KPI 6", "Complaints acknowledged within 2 working days", "100%", "Quarterly"],
    ])
    p("4.2 Where the provider misses a KPI target for two quarters in a row, the council may ask for a performance improvement plan, which the provider must send within 15 working days.")
    p("4.3 Where KPI 3 falls below 90% in a quarter, the council may apply a service credit of 2% of that quarter's payment.")

    h("5. Payment terms")
    p("5.1 The council pays the provider at the following rates for 2025/26.")
    table([
        ["Service", "Rate", "Unit"],
        ["After-school clubs and holiday play schemes", "£19.80", "per child per hour"],
        ["Community 1:1 support", "£28.50", "per hour"],
        ["Overnight short breaks", "£310.00", "per child per night"],
    ])
    p("5.2 The provider invoices the council monthly in arrears, with a schedule of the sessions each child attended.")
    p("5.3 The council pays valid invoices within 30 days of receipt.")
    p("5.4 Sessions cancelled by the family with less than 24 hours' notice are paid in full. Sessions cancelled by the provider are not paid.")
    p("5.5 The rates are fixed for the first two years of the contract. From 1 September 2027 the council will review the rates once a year.")

    h("6. Contract term and termination")
    p("6.1 The contract runs for 3 years from 1 September 2025 to 31 August 2028. The council has an option to extend the contract for up to 2 further years.")
    p("6.2 Either party may end the contract by giving the other 6 months' written notice.")
    p("6.3 The council may end the contract immediately if the provider has a serious safeguarding failure, or loses a registration it needs to deliver the service.")
    p("6.4 The council's contract manager meets the provider every quarter to review performance, KPIs, complaints and safeguarding. The provider sends its quarterly monitoring report within 15 working days of the end of each quarter.")
    p("6.5 Contract manager: Priya Okafor, Commissioning Manager, SEND and Short Breaks, shortbreaks@wrexley.gov.uk.")

    doc.save(path)


# ---------------------------------------------------------------------------
# 4. PDF handbook without bookmarks (public)
# ---------------------------------------------------------------------------
def build_ifa_pdf(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_title("Independent Fostering Agency Provider Handbook")
    pdf.set_author("Fostering Commissioning Lead")
    pdf.set_subject("version 2.0")
    pdf.set_keywords("audience: public")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def control(line):
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")

    def heading(text):
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def para(text):
        pdf.set_font("Helvetica", "", 10.5)
        pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    for line in [
        "Title: Independent Fostering Agency Provider Handbook",
        "Owner: Fostering Commissioning Lead",
        "Version: 2.0",
        "Review date: 2026-12-31",
        "Audience: public",
    ]:
        control(line)
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 10.5)
    pdf.multi_cell(0, 5.5, "Wrexley Metropolitan Borough Council - Children's Commissioning. Issued October 2025.",
                   new_x="LMARGIN", new_y="NEXT")

    heading("1. Purpose of this handbook")
    para("1.1 This handbook is for independent fostering agencies (IFAs) on the council's Fostering Placements Framework Agreement (the IFA framework), which runs from 1 October 2024 to 30 September 2028.")
    para("1.2 The council places children with its own in-house foster carers first. The council uses IFA carers only when no suitable in-house carer is available.")

    heading("2. Placement types and weekly fees")
    para("2.1 The council pays IFAs the weekly fees below for 2025/26. Each fee is per child per week and includes the carer's fostering allowance, the agency's supervision and support, training, and out-of-hours support.")
    pdf.set_font("Helvetica", "", 9.5)
    rows = [
        ("Placement type", "Weekly fee to agency (per child per week)", "Minimum paid to carer (per child per week)"),
        ("Standard - child aged 0 to 10", "£895", "£450"),
        ("Standard - child aged 11 to 17", "£965", "£490"),
        ("Enhanced - complex needs or therapeutic support", "£1,240", "£620"),
        ("Parent and child (fee per family)", "£1,650", "£780"),
        ("Sibling group of 2 or more (per child)", "£860", "£440"),
    ]
    with pdf.table(col_widths=(80, 45, 45), text_align=("LEFT", "CENTER", "CENTER"),
                   headings_style=FontFace(emphasis="ITALICS")) as t:
        for row in rows:
            r = t.row()
            for cell in row:
                r.cell(cell)
    pdf.ln(3)
    para("2.2 Fees are reviewed each April, and the council announces any change by 1 March.")
    para("2.3 When a sibling group of three or more children is placed together, the council pays a one-off set-up payment of £500 per household.")

    heading("3. Referrals, matching and notice")
    para("3.1 The council's Fostering Placements Officer sends referrals to IFA framework agencies by secure email.")
    para("3.2 Agencies must reply within 2 working days for planned placements and within 4 hours for same-day placements.")
    para("3.3 Matching decisions are made by the council's Placements Panel, which meets every Tuesday.")
    para("3.4 The agency and the council sign a placement agreement within 72 hours of the placement starting.")
    para("3.5 An agency that wants to end a placement must give the council 28 days' written notice, and must attend a disruption meeting before the placement ends.")
    para("3.6 The council will give the agency 14 days' notice of a planned move of a child.")
    para("3.7 Staying Put arrangements for young people aged 18 to 21 are not covered by this handbook and are agreed separately with the Leaving Care Service.")

    heading("4. Carers, Ofsted and insurance")
    para("4.1 Foster carers must be approved by the agency's fostering panel under the Fostering Services (England) Regulations 2011.")
    para("4.2 Carers must complete the Training, Support and Development Standards within 12 months of approval.")
    para("4.3 Agencies must give each carer household a supervising social worker visit at least every 4 weeks, and 24-hour out-of-hours support.")
    para("4.4 The agency must be registered with Ofsted as an independent fostering agency, with an overall judgement of Good or Outstanding. An agency rated Requires Improvement to be Good receives no new placements until it shares an improvement plan with the council.")
    para("4.5 Agencies must tell the council within 2 working days of any Ofsted inspection outcome, any allegation against a carer, or the de-registration of a carer looking after a Wrexley child.")
    para("4.6 Agencies must hold employer's liability insurance of at least £10 million and public liability insurance of at least £5 million.")

    heading("5. Invoicing and contacts")
    para("5.1 Agencies invoice monthly in arrears through the Wrexley Supplier Portal, quoting the purchase order number.")
    para("5.2 The council pays valid invoices within 30 days.")
    para("5.3 When a child is away from the carer's home for more than 7 nights in a row (for example, in hospital), the council pays the full fee for the first 7 nights and then only the minimum paid to carer shown in section 2.")
    para("5.4 Fostering Placements Officer: fosteringplacements@wrexley.gov.uk, 01632 960 440.")

    pdf.output(str(path))


# ---------------------------------------------------------------------------
# 5. Plain-text contract procedure rules (public)
# ---------------------------------------------------------------------------
CPR_TXT = """\
---
title: Contract Procedure Rules
audience: public
owner: Head of Procurement
version: "7.0"
review_date: 2027-03-31
---
Wrexley Metropolitan Borough Council - Contract Procedure Rules
===============================================================

Part 4G of the Constitution. Approved by Full Council on 24 February 2025.
In force from 1 April 2025. Queries to Corporate Procurement,
procurement@wrexley.gov.uk, 01632 960 200.

1. Scope and purpose

1.1 These Contract Procedure Rules (CPRs) are part of the council's
Constitution. The CPRs apply to every contract the council lets for goods,
services or works, whatever the source of the funding.

1.2 The CPRs do not apply to grants the council gives (for example the Early
Help Family Support Grants), to contracts of employment, or to land and
property transactions.

1.3 Where these rules conflict with the Procurement Act 2023 or any other law,
the law applies.

1.4 The Head of Procurement is responsible for interpreting these rules.

2. Value bands and procedures

2.1 The contract value is the total estimated value over the whole contract
term, including any extension options, excluding VAT.

2.2 Officers must not split a requirement into smaller contracts to avoid a
value band or a procedure in these rules.

2.3 Up to £9,999: the officer must get at least one written quotation and
should use a Wrexley-based supplier where possible.

2.4 £10,000 to £49,999: the officer must invite at least three written
quotations, including at least one from a Wrexley-based supplier where one is
available.

2.5 £50,000 up to the Procurement Act 2023 threshold: the officer must run an
open quotation published on the council's e-tendering portal, Wrexley
Tenders, for at least 10 working days.

2.6 At or above the Procurement Act 2023 threshold: Corporate Procurement runs
a tender procedure under the Procurement Act 2023.

2.7 Contracts for social care services, including children's placements, may
use the light-touch arrangements in the Procurement Act 2023, but must still
follow the approval levels in Rule 5.

3. Quotations and tenders

3.1 Quotations must be requested in writing, with the same specification and
the same closing date for every supplier.

3.2 Quotations of £10,000 or more must be received through Wrexley Tenders,
not by email.

3.3 Where fewer than three quotations are received, the officer may still
award the contract if the price is shown to be value for money and the
reasons are recorded.

3.4 The officer must keep a record of the suppliers invited, the quotations
received and the reason for the choice for 6 years after the contract ends.

3.5 Tenders are opened only after the closing time. At least two officers,
one of them from Corporate Procurement, must be present at the electronic
opening. Late tenders are not considered.

3.6 The evaluation criteria and their weightings must be published in the
tender documents. For care services, quality must carry a weighting of at
least 60%.

4. Waivers

4.1 A waiver lets an officer depart from a procedure in these rules. A waiver
cannot set aside the law, including the Procurement Act 2023.

4.2 A waiver may be granted only where:
   (a) the goods or services are available from one supplier only;
   (b) there is a genuine emergency that puts people or property at risk; or
   (c) the contract extends an existing arrangement for a short time while a
       new procurement is completed.

4.3 Waivers up to £49,999 are approved by the Head of Procurement. Waivers of
£50,000 to £249,999 are approved by the Director of Finance. Waivers of
£250,000 or more need approval by the Chief Executive and are reported to the
Audit and Governance Committee.

4.4 A waiver must be approved before the contract is let. A waiver cannot be
approved after the event.

4.5 Corporate Procurement keeps a register of waivers and reports it to the
Audit and Governance Committee twice a year.

4.6 An individual children's placement made off-framework (a spot purchase)
does not need a waiver where the Placements Team records why no framework
provider could meet the child's needs.

5. Approval, award and signing

5.1 Up to £49,999: the budget holder approves the award.

5.2 £50,000 to £499,999: the relevant Head of Service approves the award.

5.3 £500,000 to £1,999,999: the relevant Director approves the award.

5.4 £2,000,000 or more: Cabinet approves the award, or the Cabinet Member
under delegated powers.

5.5 The council observes a standstill period before entering into a contract
where the Procurement Act 2023 requires one.

5.6 Contracts below £500,000 may be signed by an authorised signatory.
Contracts of £500,000 or more must be sealed by Legal Services.

6. Extensions, variations and interests

6.1 A contract may be extended only where the extension was provided for in
the original contract and the supplier's performance has been satisfactory.

6.2 A variation that increases the contract value by more than 10% must be
approved at the level in Rule 5 for the new total value.

6.3 Every officer involved in a procurement must declare any interest in a
supplier before taking part, using the Declaration of Interest form.

6.4 Members of an evaluation panel must sign a conflict of interest statement
before they see any tenders.
"""


# ---------------------------------------------------------------------------
# 6. Internal Markdown budget and negotiation plan
# ---------------------------------------------------------------------------
NEGOTIATION_MD = """\
---
title: Placements Budget and Fee Negotiation Plan 2026/27
audience: internal
classification: OFFICIAL-SENSITIVE
owner: Head of Children's Commissioning
version: "1.1"
review_date: 2026-06-30
---

OFFICIAL-SENSITIVE

# Placements Budget and Fee Negotiation Plan 2026/27

For commissioning and placements officers only. Do not share with providers or forward outside the council.

## 1. Budget position

1.1 This plan sets the fee ceilings and negotiation positions officers use with providers on the Children's Residential and Semi-Independent (16+) Placements Framework and the IFA framework in 2026/27.

1.2 The 2026/27 external placements budget is £41.2 million: £29.8 million for residential placements (Lot 1 and Lot 2), £4.6 million for semi-independent supported accommodation (Lot 3) and £6.8 million for independent fostering agencies.

1.3 The forecast outturn for 2025/26 is £43.5 million, an overspend of £2.3 million, driven mainly by Lot 2 solo placements.

1.4 The savings target for 2026/27 is £1.5 million, of which £900,000 should come from step-downs from residential care to fostering.

## 2. Fee ceilings and walk-away prices

2.1 Officers must not agree a weekly fee above the internal ceiling in the table without approval under section 4.

| Band | Published range | Internal fee ceiling | Target price |
| --- | --- | --- | --- |
| Lot 1 Band A – Standard | £4,850 to £5,400 per week | £5,250 per week | £5,050 per week |
| Lot 1 Band B – Enhanced | £5,401 to £6,300 per week | £6,050 per week | £5,750 per week |
| Lot 1 Band C – Complex | £6,301 to £7,500 per week | £7,150 per week | £6,800 per week |
| Lot 3 Band S1 – Core Support | £1,150 to £1,450 per week | £1,380 per week | £1,250 per week |
| Lot 3 Band S2 – Enhanced Support | £1,451 to £1,950 per week | £1,850 per week | £1,650 per week |
| IFA Enhanced placement | £1,240 per week | £1,300 per week | £1,240 per week |

2.2 The opening offer for a new Lot 2 solo placement is £8,200 per week.

2.3 The walk-away price for a Lot 2 solo placement is £9,400 per week. Above £9,400 per week officers must stop and escalate to the Assistant Director, even though the published cap is £9,800 per week.

2.4 Every Lot 2 placement costing more than £8,500 per week must have a step-down plan, reviewed every 6 weeks.

2.5 Where a provider will not accept the published 1:1 staffing rates, officers may agree up to £26.00 per hour for day staffing and £29.00 per hour for waking night staffing.

## 3. Annual uplift 2026/27

3.1 The council's opening uplift offer for 2026/27 is 2.0% on framework fees.

3.2 The maximum uplift officers may agree is 3.2%, and only for homes rated Good or Outstanding by Ofsted.

3.3 Homes rated Requires Improvement to be Good, and any provider under an improvement notice, get no uplift in 2026/27.

3.4 The uplift letter goes to providers by 1 March 2026, as the provider guide promises.

## 4. Approvals and named provider positions

4.1 A fee above the internal ceiling but within the published band is approved by the Head of Children's Commissioning.

4.2 A fee above the published band, or a Lot 2 fee above the walk-away price, is approved in writing by the Assistant Director for Children's Services.

4.3 Any placement fee above £12,000 per week is reported to the Director of Children's Services on the same day.

4.4 Hartwell Care Group holds 14 Lot 1 placements. Officers should aim for a block arrangement of 6 beds at £5,400 per week for Band B needs.

4.5 Brookfield Children's Homes Ltd gets no uplift until the Ofsted compliance notice at Larch House is lifted (see the Provider Risk Register).
"""


# ---------------------------------------------------------------------------
# 7. Internal DOCX provider risk register
# ---------------------------------------------------------------------------
def build_risk_register_docx(path: Path) -> None:
    doc = Document()
    cp = doc.core_properties
    cp.title = "Children's Placements Provider Risk Register"
    cp.author = "Quality Assurance Manager, Children's Commissioning"
    cp.category = "internal"
    cp.subject = "version 5.3"
    cp.keywords = "audience: internal; classification: OFFICIAL-SENSITIVE"

    sec = doc.sections[0]
    sec.header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    sec.footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"

    for line in [
        "Title: Children's Placements Provider Risk Register",
        "Owner: Quality Assurance Manager, Children's Commissioning",
        "Version: 5.3",
        "Review date: 2026-04-30",
        "Audience: internal",
        "Classification: OFFICIAL-SENSITIVE",
    ]:
        doc.add_paragraph(line)

    doc.add_heading("1. Purpose and scoring", level=1)
    doc.add_paragraph("1.1 This register records providers of children's placements and short breaks that the council considers at risk because of quality, safeguarding, financial or contract performance concerns.")
    doc.add_paragraph("1.2 Each risk is scored from 1 to 5 for likelihood and for impact, and the risk score is likelihood multiplied by impact. A score of 15 or more is Red, 8 to 14 is Amber, and 7 or less is Green.")
    doc.add_paragraph("1.3 A provider with a Red risk receives no new placements until the Quality Assurance Manager lifts the suspension.")

    doc.add_heading("2. Current risk register (February 2026)", level=1)
    rows = [
        ["Ref", "Provider", "Service", "Concern", "Score", "Action", "Lead officer"],
        ["PR-01", "Brookfield Children's Homes Ltd", "Lot 1 – Larch House",
         "Ofsted compliance notice issued 9 January 2026 on staffing levels and missing-from-care practice",
         "20 (Red)", "New placements suspended from 14 January 2026; weekly monitoring visits", "Sam Whitlock"],
        ["PR-02", "Northgate Supported Living Ltd", "Lot 3 – Ferry Road and Canal Street",
         "Council improvement notice issued 2 December 2025 after two missing episodes and poor key work records",
         "16 (Red)", "Improvement plan due 31 January 2026; no new placements", "Dee Marshall"],
        ["PR-03", "Kestrel Fostering Partnership", "IFA framework",
         "Late filing of accounts and loss of two supervising social workers",
         "12 (Amber)", "Financial health check by Corporate Finance; monthly contract meetings", "Ruth Adeyemi"],
        ["PR-04", "Amberley Short Breaks CIC", "Short Breaks Service",
         "KPI 3 below 90% for two quarters in a row",
         "9 (Amber)", "Performance improvement plan agreed 20 January 2026", "Priya Okafor"],
        ["PR-05", "Hartwell Care Group", "Lot 1 and Lot 2",
         "Rapid growth: three new homes opened in 2025 and not yet inspected by Ofsted",
         "6 (Green)", "Monitor at quarterly review", "Sam Whitlock"],
    ]
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
            for r in t.cell(i, j).paragraphs[0].runs:
                r.font.size = Pt(8)
                if i == 0:
                    r.bold = True

    doc.add_heading("3. Improvement notices and review", level=1)
    doc.add_paragraph("3.1 Two providers are currently under a formal improvement notice or Ofsted enforcement action: Brookfield Children's Homes Ltd (Larch House, Ofsted compliance notice) and Northgate Supported Living Ltd (council improvement notice).")
    doc.add_paragraph("3.2 The council lifts an improvement notice only when the provider has completed its improvement plan and the council has made an unannounced visit.")
    doc.add_paragraph("3.3 The Placements Quality Board reviews the register monthly, on the second Wednesday of each month.")
    doc.add_paragraph("3.4 A new Red risk is reported to the Assistant Director for Children's Services within 1 working day.")
    doc.add_paragraph("3.5 The register must not be shared with providers. Providers are told of actions that affect them by letter from the Head of Children's Commissioning.")

    doc.save(path)


def main() -> None:
    (OUT / "placements-framework-provider-guide.md").write_text(PROVIDER_GUIDE_MD, encoding="utf-8")
    (OUT / "early-help-family-support-grants.html").write_text(GRANTS_HTML, encoding="utf-8")
    build_short_breaks_docx(OUT / "short-breaks-service-specification.docx")
    build_ifa_pdf(OUT / "ifa-fostering-provider-handbook.pdf")
    (OUT / "contract-procedure-rules.txt").write_text(CPR_TXT, encoding="utf-8")
    (OUT / "placements-budget-negotiation-plan-2026-27.md").write_text(NEGOTIATION_MD, encoding="utf-8")
    build_risk_register_docx(OUT / "provider-risk-register.docx")
    for f in sorted(OUT.iterdir()):
        print(f.name, f.stat().st_size)


if __name__ == "__main__":
    main()
