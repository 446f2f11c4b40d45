"""Build the Calderbrook County Council test library (twentysixth_council).

Writes seven documents into tests/data/twentysixth_council/:

  home-care-framework-provider-guide.md              (Markdown, public)
  vcs-infrastructure-and-community-grants.html       (HTML, public)
  extra-care-housing-care-and-support-specification.docx (DOCX, public)
  social-value-in-procurement-guide.pdf              (PDF without bookmarks, public)
  contract-standing-orders.txt                       (plain text, public)
  fee-uplift-negotiation-plan-2027-28.md             (Markdown, internal)
  contract-monitoring-register-q3-2025-26.docx       (DOCX, internal)

Run with:  /work/main/.venv/bin/python tests/data/twentysixth_council_src/build.py
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "twentysixth_council"


# ---------------------------------------------------------------------------
# 1. Markdown, public: home care framework provider guide
# ---------------------------------------------------------------------------
HOME_CARE_MD = """\
---
title: Home Care Framework Provider Guide 2026/27
audience: public
owner: Head of Commissioning (Adults and Health)
version: "3.2"
review_date: 2027-03-31
---

## 1. About this guide

1.1 This guide is for home care providers on the Calderbrook Home Care Framework 2024–2030 (the framework), which Calderbrook County Council uses to buy home care (domiciliary care) for adults who are eligible for council-funded care and support.

1.2 The framework started on 1 October 2024 and runs until 30 September 2030. The framework agreement and the Home Care Service Specification (version 4, schedule 2 of the framework agreement) take priority over this guide where they differ.

1.3 The council reopens the framework to new providers once a year, in September. The dates of each reopening are published on the council's procurement portal, Calderbrook eTender.

1.4 Questions about this guide go to the Home Care Commissioning Team: homecare.commissioning@calderbrook.gov.uk or 01632 960410 (Monday to Friday, 9am to 4pm).

## 2. Zones

2.1 The framework is split into four zones. Each zone is a separate lot of the framework, and a provider may hold a place on more than one zone.

| Zone | Main towns and areas | Rural zone |
| --- | --- | --- |
| Zone 1 – Calder Town | Calder Town, Brookside, Hallow Bridge | No |
| Zone 2 – Millford and the Valley | Millford, Thornley, Upper Calder valley | No |
| Zone 3 – High Moor | Moorhead, Scarth, Grisedale and the moor parishes | Yes |
| Zone 4 – Eastbrook Coast | Eastbrook, Saltby, Hessle Sands | Yes |

2.2 Packages are offered first to providers on the zone where the person lives, through the council's brokerage team, in the order set out in schedule 5 of the framework agreement (call-off procedure).

2.3 Where no provider on that zone accepts a package within 48 hours, the brokerage team may offer the package to providers on a neighbouring zone. The rate paid is the rate for the zone where the person lives, not the rate for the provider's home zone.

## 3. Hourly rates 2026/27

3.1 The rates below apply to care delivered from Monday 6 April 2026 to Sunday 4 April 2027. All rates are per hour of care delivered. On a double-handed call each care worker is paid at the hourly rate.

| Zone | Standard hourly rate | Evening and weekend hourly rate | Bank holiday hourly rate |
| --- | --- | --- | --- |
| Zone 1 – Calder Town | £25.40 per hour | £26.90 per hour | £38.10 per hour |
| Zone 2 – Millford and the Valley | £25.85 per hour | £27.35 per hour | £38.78 per hour |
| Zone 3 – High Moor | £27.10 per hour | £28.60 per hour | £40.65 per hour |
| Zone 4 – Eastbrook Coast | £26.60 per hour | £28.10 per hour | £39.90 per hour |

3.2 The standard hourly rate applies from 7am to 7pm, Monday to Friday. The evening and weekend hourly rate applies from 7pm to 10pm on weekdays and from 7am to 10pm on Saturdays and Sundays.

3.3 The bank holiday hourly rate is one and a half times the standard hourly rate. The bank holiday hourly rate applies on the eight bank holidays in England, from 7am to 10pm.

3.4 Night-time care between 10pm and 7am is not bought at framework rates. The brokerage team agrees the price of night-time care with the provider, package by package.

3.5 A rural supplement of £1.20 per hour is added to the hourly rate for care delivered in Zone 3 – High Moor and Zone 4 – Eastbrook Coast to people who live in a parish marked "R" on the zone map (appendix B of the framework agreement).

3.6 The 2027/28 rates will be set through the annual fee review (see section 8) and published by 28 February 2027.

## 4. Call lengths and minimum calls

4.1 The minimum call length for personal care is 30 minutes. The council does not commission 15-minute calls for personal care.

4.2 A 15-minute call may be commissioned only for a medication prompt or a welfare check, and only where the person's care and support plan says a short call is right for them.

4.3 The council pays for the actual time delivered, as recorded by electronic call monitoring (see section 6), up to the planned call length. Time over the planned call length is paid only where the provider tells the brokerage team on the same day and gives a reason.

4.4 Where a person or the council cancels a call with less than 24 hours' notice, the council pays the planned call in full. Where a call is cancelled with 24 hours' notice or more, the council does not pay for it.

4.5 Where a person is admitted to hospital, the council pays a retainer of 50% of planned hours for up to 7 days from the day of admission. After 7 days the package ends, unless the care manager agrees to hold it open.

## 5. Travel time and mileage

5.1 The hourly rates in section 3 include an allowance for travel time and mileage. The council does not pay travel time or mileage separately for framework packages.

5.2 Providers must pay care workers for the time they spend travelling between calls. A care worker's pay for all working time, including travel time, must be at least the National Living Wage (NLW). The council may ask for payslips or rotas as evidence.

5.3 In Zone 3 – High Moor only, an isolated call payment of £6.50 per call is paid where the travel time from the care worker's previous call is more than 20 minutes. The provider claims the isolated call payment through the Calderbrook Care Portal, giving the postcodes of both calls.

## 6. Electronic call monitoring

6.1 Every provider must use an electronic call monitoring (ECM) system that logs the start and end time of each call at the person's home and sends the call data to the council through the Calderbrook Care Portal.

6.2 At least 95% of calls in each four-week payment period must be logged by ECM without manual changes. This is the ECM compliance target.

6.3 A call that is entered or changed by hand must carry a reason code. The council pays a manually entered call only if the reason code is added within 48 hours of the call.

6.4 Where ECM compliance is below 90% for two four-week periods in a row, the council will issue a performance notice (see section 9).

6.5 Providers must not ask people who use the service, or their families, to sign paper timesheets instead of using ECM, except where the ECM system has failed and the provider has told the council.

## 7. Invoicing and payment

7.1 The council pays framework packages by self-billing. The council makes the payment schedule from approved ECM data, so providers must not send invoices for framework packages.

7.2 The draft payment schedule is published on the Calderbrook Care Portal on the Monday after the end of each four-week period. Providers have 5 working days to check the draft payment schedule and raise any query through the portal.

7.3 Payment is made by BACS on the second Friday after the end of each four-week period.

7.4 Queries about a payment schedule raised more than 3 months after the end of the period it covers will not be considered.

7.5 Packages bought outside the framework (spot purchases) are paid on invoice. Invoices for spot purchases must quote the council's purchase order number and be sent to ap.invoices@calderbrook.gov.uk. The council pays valid invoices within 30 days.

## 8. Annual fee review

8.1 The council reviews framework rates every year. The council takes account of the National Living Wage, employer National Insurance, the Consumer Prices Index (CPI) and the evidence from the council's cost of care exercise.

8.2 The council writes to all framework providers with its proposed uplift by 31 January each year. Providers may make written representations within 21 days of the date of the letter.

8.3 The council may meet the Calderbrook Care Association, which represents many local care providers, as part of the review, but the council sets the rates.

8.4 Individual providers cannot negotiate their own hourly rate under the framework.

## 9. Performance notices and suspension of new referrals

9.1 The council may issue a performance notice where a provider misses a key performance indicator or breaches the framework agreement. The provider must send an improvement plan within 10 working days of the performance notice.

9.2 The council may suspend new referrals to a provider (a referral suspension) where:

- the Care Quality Commission (CQC) rates the provider's service Inadequate;
- the council has serious safeguarding concerns, including an open section 42 enquiry about the provider's care;
- the provider does not deliver its improvement plan; or
- ECM compliance is below 80% in any four-week period.

9.3 A referral suspension is confirmed in a letter from the Head of Commissioning (Adults and Health) and takes effect on the date of the letter. Existing packages carry on unless the letter says otherwise.

9.4 The council reviews each referral suspension at least every 6 weeks, and lifts the referral suspension when the provider shows the problem is fixed.

9.5 A provider may appeal against a referral suspension within 10 working days of the letter, by writing to the Director of Adult Social Care.

9.6 A provider that wants to hand back a package must give the council at least 28 days' written notice, so that the brokerage team can find another provider.
"""


# ---------------------------------------------------------------------------
# 2. HTML, public: VCS infrastructure and community grants web page
# ---------------------------------------------------------------------------
GRANTS_HTML = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Voluntary and community sector grants 2026/27 | Calderbrook County Council</title>
<meta name="audience" content="public">
<meta name="owner" content="Head of Communities and Partnerships">
<meta name="version" content="1.4">
<meta name="review_date" content="2026-12-31">
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/community">Community and living</a> &gt; Grants and funding</nav>
<main id="content">
<h1>Voluntary and community sector grants 2026/27</h1>
<p>Calderbrook County Council funds voluntary and community sector (VCS) organisations through two funds: Fund A &ndash; VCS Infrastructure Grant and Fund B &ndash; Stronger Communities Fund. This page explains how much you can apply for, the funding rounds for 2026/27, who can apply and how the council scores applications.</p>
<p class="updated">Page last updated: 14 January 2026</p>

<h2>1. Our funds and grant tiers</h2>
<p>Fund A &ndash; VCS Infrastructure Grant funds infrastructure organisations, such as councils for voluntary service and volunteer centres, that give support, training and advice to other voluntary groups across a district of Calderbrook. Fund A grants are between &pound;40,000 and &pound;120,000 a year for up to three years, from 1 April 2026 to 31 March 2029.</p>
<p>Fund A &ndash; VCS Infrastructure Grant is open in Round 1 only.</p>
<p>Fund B &ndash; Stronger Communities Fund funds community projects run by local groups. The Stronger Communities Fund has three tiers:</p>
<table class="grant-tiers">
<thead>
<tr><th>Tier</th><th>Grant size</th><th>Who can apply</th><th>Match funding</th><th>Length of grant</th></tr>
</thead>
<tbody>
<tr><td>Tier 1 &ndash; Seed Grants</td><td>up to &pound;2,500</td><td>constituted groups with an annual income under &pound;50,000</td><td>not needed</td><td>up to 12 months</td></tr>
<tr><td>Tier 2 &ndash; Growth Grants</td><td>&pound;2,501 to &pound;15,000</td><td>organisations with an annual income under &pound;500,000</td><td>at least 10% of project costs</td><td>up to 2 years</td></tr>
<tr><td>Tier 3 &ndash; Partnership Grants</td><td>&pound;15,001 to &pound;50,000</td><td>partnerships of two or more organisations, led by an organisation with at least two years of published accounts</td><td>at least 20% of project costs</td><td>up to 3 years</td></tr>
</tbody>
</table>
<p>Match funding can be cash from another funder or from your own reserves. Volunteer time can count towards match funding at &pound;15 per volunteer hour, up to half of the match funding.</p>

<h2>2. Funding rounds and dates 2026/27</h2>
<table class="rounds">
<tr><th>Round</th><th>Opens</th><th>Closes</th><th>Decisions by</th><th>Open to</th></tr>
<tr><td>Round 1</td><td>2 March 2026</td><td>12 noon, 17 April 2026</td><td>26 June 2026</td><td>Fund A and all three Stronger Communities Fund tiers</td></tr>
<tr><td>Round 2</td><td>7 September 2026</td><td>12 noon, 16 October 2026</td><td>18 December 2026</td><td>Stronger Communities Fund Tier 1 and Tier 2 only</td></tr>
</table>
<p>Tier 1 &ndash; Seed Grants can also be applied for at any time between 1 May 2026 and 31 January 2027 while budget remains (rolling applications). The council decides rolling Seed Grant applications within 6 weeks.</p>
<p>Late applications are not accepted. The application portal closes at 12 noon on the closing date.</p>

<h2>3. Who can apply</h2>
<p>To apply to either fund, your organisation must:</p>
<ul>
<li>be a registered charity, a charitable incorporated organisation (CIO), a community interest company (CIC), a company limited by guarantee with an asset lock, a community benefit society, or a constituted community group;</li>
<li>have a bank account in the organisation's name that needs two unrelated people to sign or approve payments;</li>
<li>be based in Calderbrook, or deliver the project for Calderbrook residents;</li>
<li>have a safeguarding policy if the project works with children or adults at risk; and</li>
<li>send its latest annual accounts, or three months of bank statements if the organisation is less than a year old.</li>
</ul>
<p>The council cannot fund individuals, political parties, organisations that share profits with members or shareholders, or activities that promote religious beliefs.</p>
<p>Schools and town and parish councils cannot be the lead applicant, but they may be a partner in a Tier 3 &ndash; Partnership Grants bid.</p>

<h2>4. How we score applications</h2>
<p>Two officers score each application against five criteria. Each criterion is scored from 0 to 4 and the scores are weighted as shown below. A moderation panel agrees the final score.</p>
<table class="scoring">
<tr><th>Criterion</th><th>Weighting</th></tr>
<tr><td>Need and evidence</td><td>30%</td></tr>
<tr><td>Outcomes and impact</td><td>25%</td></tr>
<tr><td>Delivery and value for money</td><td>20%</td></tr>
<tr><td>Governance and sustainability</td><td>15%</td></tr>
<tr><td>Social value and volunteering</td><td>10%</td></tr>
</table>
<p>Applications with an overall weighted score below 50%, or a score of 0 against any criterion, are not funded.</p>
<p>Fund A applicants that score 60% or more are invited to a 45-minute interview in May 2026.</p>
<p>Tier 1 &ndash; Seed Grants and Tier 2 &ndash; Growth Grants are decided by the Community Grants Panel. Tier 3 &ndash; Partnership Grants and Fund A grants are decided by the Cabinet Member for Communities.</p>

<h2>5. Payment, conditions and monitoring</h2>
<p>Fund A &ndash; VCS Infrastructure Grant is paid quarterly in advance.</p>
<p>Tier 1 &ndash; Seed Grants are paid in one payment when the grant agreement is signed.</p>
<p>Tier 2 &ndash; Growth Grants and Tier 3 &ndash; Partnership Grants are paid in two instalments: 70% when the grant agreement is signed and 30% after the council accepts the six-month monitoring report.</p>
<p>Grant holders must return any unspent grant within 30 days of the end of the grant period.</p>
<p>Grant holders must acknowledge the council's funding in publicity, using the &ldquo;Supported by Calderbrook County Council&rdquo; logo.</p>
<p>Unsuccessful applicants can ask for feedback within 20 working days of the decision email.</p>

<h2>6. Frequently asked questions</h2>
<details>
<summary><h3>Can we apply to more than one fund?</h3></summary>
<p>An organisation can hold only one Stronger Communities Fund grant at a time. An organisation that holds a Fund A &ndash; VCS Infrastructure Grant cannot be the lead applicant for a Stronger Communities Fund grant, but it can be a partner in a Tier 3 &ndash; Partnership Grants bid.</p>
</details>
<details>
<summary><h3>Can the grant pay for staff salaries?</h3></summary>
<p>Fund A, Tier 2 &ndash; Growth Grants and Tier 3 &ndash; Partnership Grants can pay for staff salaries linked to the project. Tier 1 &ndash; Seed Grants cannot pay salaries, but can pay sessional worker fees of up to &pound;500 per grant.</p>
</details>
<details>
<summary><h3>Who can help us with our application?</h3></summary>
<p>The Community Grants Team answers questions about both funds: email communitygrants@calderbrook.gov.uk or phone 01632 960522. Calderbrook Council for Voluntary Service (CCVS) offers free bid-writing support to small groups.</p>
</details>
</main>
<footer><p>&copy; Calderbrook County Council, County Hall, Calder Town</p></footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------
# 3. DOCX, public: extra care housing service specification
# ---------------------------------------------------------------------------
def build_extra_care_docx(path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)

    cp = doc.core_properties
    cp.title = "Extra Care Housing Care and Support – Service Specification"
    cp.author = "Commissioning Manager (Housing with Care)"
    cp.category = "public"
    cp.subject = "version 2.0"
    cp.keywords = "audience: public"

    for line in (
        "Title: Extra Care Housing Care and Support – Service Specification",
        "Owner: Commissioning Manager (Housing with Care)",
        "Version: 2.0",
        "Review date: 2027-09-30",
        "Audience: public",
    ):
        doc.add_paragraph(line)

    def h(text):
        doc.add_heading(text, level=1)

    def p(text):
        doc.add_paragraph(text)

    def table(header, rows):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for i, cell in enumerate(header):
            t.rows[0].cells[i].text = cell
        for row in rows:
            cells = t.add_row().cells
            for i, cell in enumerate(row):
                cells[i].text = cell

    h("1. Scope, schemes and contract term")
    p("1.1 This specification sets out the care and support service that the provider must deliver in "
      "Calderbrook County Council's six extra care housing schemes. Extra care housing is housing with care: "
      "tenants have their own self-contained flat with a tenancy from the landlord, and care and support is "
      "available on site 24 hours a day.")
    p("1.2 The six extra care housing schemes are Alder Court (Calder Town), Beckside View (Millford), "
      "Heather House (Moorhead), Saltmarsh Gardens (Eastbrook), Riverside Mews (Brookside) and "
      "Kingfisher Place (Hallow Bridge).")
    p("1.3 The contract starts on 1 July 2026 and runs for five years, to 30 June 2031. The council may extend "
      "the contract for up to two further years, in one or more periods.")
    p("1.4 The council may end the contract for convenience by giving the provider at least six months' "
      "written notice.")
    p("1.5 Housing management at the schemes (rent, service charges and repairs) is provided by the landlord, "
      "Calderbrook Homes, and is not part of this specification.")

    h("2. Service model")
    p("2.1 Core support: the provider must have staff on site at each scheme 24 hours a day, 7 days a week. "
      "Core support includes responding to emergency alarm calls from tenants, welfare checks agreed with "
      "tenants, and helping to run community activities.")
    p("2.2 Planned care: the council's care management team commissions planned care for each eligible tenant, "
      "based on the tenant's care and support plan. Because staff are on site, planned care calls in extra "
      "care housing may be as short as 15 minutes.")
    p("2.3 Night cover: each scheme must have at least one waking night care worker on site from 10pm to 7am. "
      "Alder Court and Saltmarsh Gardens, which have more than 60 flats, must have two waking night care workers.")
    p("2.4 Flats are allocated through the Extra Care Allocations Panel, which meets monthly. The provider must "
      "attend the panel and give a view on whether the scheme can meet the applicant's care needs.")

    h("3. Key performance indicators")
    p("3.1 The provider must report performance against the key performance indicators (KPIs) below through "
      "the Calderbrook Care Portal.")
    table(
        ["KPI", "Measure", "Target", "Reporting"],
        [
            ["KPI 1 – Emergency response", "Emergency alarm calls answered in person within 10 minutes", "95%", "Monthly"],
            ["KPI 2 – Planned care delivered", "Planned care hours delivered as a percentage of hours commissioned", "98%", "Monthly"],
            ["KPI 3 – Care and support plan reviews", "New tenants' plans reviewed within 6 weeks of moving in, then every 12 months", "100%", "Quarterly"],
            ["KPI 4 – Staff turnover", "Staff leaving in the last 12 months as a percentage of average headcount", "Below 25%", "Quarterly"],
            ["KPI 5 – Tenant satisfaction", "Tenants satisfied or very satisfied in the annual tenant survey", "85%", "Annually"],
            ["KPI 6 – Community activities", "Community activity sessions at each scheme each month", "At least 8 sessions", "Quarterly"],
        ],
    )
    p("3.2 Where the provider misses a KPI target for two reporting periods in a row, the provider must send the "
      "council a remedial action plan within 15 working days.")
    p("3.3 The council holds a contract review meeting with the provider every quarter, and visits each scheme "
      "at least once a year.")

    h("4. Price and payment")
    p("4.1 The council pays the provider a core support charge for each scheme, which is a fixed weekly amount, "
      "and an hourly rate for planned care.")
    table(
        ["Scheme", "Number of flats", "Core support charge 2026/27"],
        [
            ["Alder Court", "72", "£3,950 per week"],
            ["Beckside View", "48", "£2,780 per week"],
            ["Heather House", "40", "£2,610 per week"],
            ["Saltmarsh Gardens", "64", "£3,590 per week"],
            ["Riverside Mews", "52", "£2,930 per week"],
            ["Kingfisher Place", "45", "£2,700 per week"],
        ],
    )
    p("4.2 The planned care hourly rate for 2026/27 is £23.80 per hour at all six schemes. Planned care is paid "
      "by the minute actually delivered.")
    p("4.3 The council pays the core support charge four-weekly in advance, and pays for planned care "
      "four-weekly in arrears, based on the delivered time reported through the Calderbrook Care Portal.")
    p("4.4 The council does not reduce the core support charge for empty flats unless more than 10% of the flats "
      "at a scheme have been empty for more than 12 weeks in a row.")

    h("5. Price review")
    p("5.1 Prices are fixed until 31 March 2027.")
    p("5.2 From 1 April 2027, the council reviews prices once a year using an indexation formula: 70% of the "
      "price (the staff cost element) is increased in line with the percentage increase in the National Living "
      "Wage, and 30% (the non-staff element) is increased in line with the Consumer Prices Index (CPI) for the "
      "12 months to the previous December.")
    p("5.3 The provider may ask for a review outside the indexation formula by writing to the council, with "
      "evidence of its costs, by 30 November in any year.")
    p("5.4 An agreed price change takes effect from the first Monday in April.")
    p("5.5 The council does not have to agree any increase above the result of the indexation formula.")

    doc.save(path)


# ---------------------------------------------------------------------------
# 4. PDF (no bookmarks), public: social value in procurement guide
# ---------------------------------------------------------------------------
class SVPdf(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Calderbrook County Council - Social Value in Procurement Guide - page {self.page_no()}",
                  align="C")


def build_social_value_pdf(path: Path) -> None:
    pdf = SVPdf(format="A4")
    pdf.set_title("Social Value in Procurement - Guide for Bidders and Officers")
    pdf.set_author("Head of Procurement")
    pdf.set_subject("version 1.3")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Calderbrook County Council Procurement Team")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()

    def body(text):
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def heading(text):
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def table(rows, widths):
        pdf.set_font("Helvetica", "", 9)
        # header row in regular weight, so that it is not read as a bold heading line
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=5,
                       headings_style=FontFace(emphasis="", fill_color=(230, 230, 230))) as t:
            for row in rows:
                r = t.row()
                for cell in row:
                    r.cell(cell)
        pdf.ln(3)

    pdf.set_font("Helvetica", "", 10)
    for line in (
        "Title: Social Value in Procurement - Guide for Bidders and Officers",
        "Owner: Head of Procurement",
        "Version: 1.3",
        "Review date: 2027-01-31",
        "Audience: public",
    ):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    heading("1. Purpose and policy")
    body("1.1 Calderbrook County Council uses its procurements to get extra social, economic and environmental "
         "benefits for the county, known as social value. This guide explains how the council asks for, scores "
         "and monitors social value.")
    body("1.2 The Public Services (Social Value) Act 2012 and the Procurement Act 2023 allow the council to take "
         "social value into account. The council's Social Value Policy, approved by Cabinet in March 2025, says "
         "that social value must be scored in every procurement of £100,000 or more.")
    body("1.3 This guide applies to all council procurements, including adult social care. This guide should be "
         "read with the council's Contract Standing Orders.")

    heading("2. Thresholds and minimum weightings")
    body("2.1 The minimum social value weighting depends on the estimated whole-life value of the contract, "
         "excluding VAT.")
    table(
        [
            ["Contract value", "Minimum social value weighting", "Measures bidders must offer"],
            ["Below £25,000", "Not required", "None"],
            ["£25,000 to £99,999", "5% (at the officer's discretion)", "A short qualitative statement"],
            ["£100,000 to £2,000,000", "10%", "At least 3 measures"],
            ["Over £2,000,000", "15%", "At least 5 measures, including one from Theme 1"],
        ],
        (50, 55, 65),
    )
    body("2.2 The social value weighting is part of the overall evaluation, alongside price and quality. For "
         "example, a 10% social value weighting could sit alongside 50% for quality and 40% for price.")

    heading("3. Calderbrook Social Value Measures")
    body("3.1 Bidders must choose measures from the Calderbrook Social Value Measures (CSVM) below. Each measure "
         "has a unit and a proxy value, which the council uses to put a money value on a commitment.")
    table(
        [
            ["Ref", "Measure", "Unit", "Proxy value"],
            ["CSV1.1", "Local people (living in Calderbrook) employed on the contract", "per full-time equivalent (FTE) per year", "£29,400"],
            ["CSV1.2", "Apprenticeship weeks on the contract (Level 2 or above)", "per week", "£215"],
            ["CSV1.3", "Work placement hours for people aged 16 to 24 not in education, employment or training (NEET)", "per hour", "£14.80"],
            ["CSV2.1", "Spend with Calderbrook small and medium-sized enterprises (SMEs) and voluntary, community and social enterprises (VCSEs) in the supply chain", "per £1 spent", "£0.16"],
            ["CSV3.1", "Staff volunteering hours in Calderbrook", "per hour", "£17.20"],
            ["CSV3.2", "Donations or in-kind support to Calderbrook VCSE organisations", "per £1 given", "£1.00"],
            ["CSV3.3", "Care workers on the contract paid at least the Real Living Wage", "per care worker", "No proxy value (scored in the method statement)"],
            ["CSV4.1", "Miles driven by electric or ultra-low emission vehicles instead of petrol or diesel vehicles", "per mile", "£0.09"],
        ],
        (18, 82, 38, 32),
    )
    body("3.2 The measures are grouped into four themes: Theme 1 - Local skills and employment (CSV1.1 to CSV1.3), "
         "Theme 2 - Local business growth (CSV2.1), Theme 3 - Healthier, safer communities (CSV3.1 to CSV3.3) and "
         "Theme 4 - Net zero and the environment (CSV4.1).")
    body("3.3 Proxy values are reviewed every April. The proxy values in this guide apply to procurements "
         "advertised from 1 April 2026.")
    body("3.4 Adult social care contracts of £100,000 or more must include measure CSV3.3 among the measures "
         "offered.")

    heading("4. How social value is scored")
    body("4.1 The social value score is split into two parts.")
    table(
        [
            ["Part", "Share of the social value score"],
            ["Quantitative commitments (measures and proxy values)", "60%"],
            ["Qualitative method statement", "40%"],
        ],
        (110, 60),
    )
    body("4.2 For the quantitative part, the bidder offering the highest total proxy value as a percentage of its "
         "tendered price gets full marks. Other bidders are scored in proportion to the highest.")
    body("4.3 Commitments that are not credible, not relevant to the contract or not delivered in Calderbrook "
         "score zero.")
    body("4.4 The method statement is scored from 0 to 5 and must explain how the commitments will be delivered "
         "and evidenced.")

    heading("5. Delivery, monitoring and remedies")
    body("5.1 The supplier's social value commitments become key performance indicators in the contract.")
    body("5.2 The supplier must send a social value return to the contract manager every six months, with "
         "evidence such as payroll summaries, apprenticeship agreements or volunteering logs.")
    body("5.3 Where a supplier delivers less than 80% of its committed proxy value in a contract year, the "
         "supplier must agree a recovery plan with the council within 20 working days.")
    body("5.4 The council takes social value delivery into account when deciding whether to extend a contract "
         "(see Contract Standing Orders, section 5).")
    body("5.5 Questions about this guide go to the Social Value Lead in the Procurement Team: "
         "procurement@calderbrook.gov.uk or 01632 960300.")

    pdf.output(str(path))


# ---------------------------------------------------------------------------
# 5. Plain text, public: contract standing orders
# ---------------------------------------------------------------------------
STANDING_ORDERS_TXT = """\
Title: Contract Standing Orders
Owner: Head of Procurement
Version: 7.1
Review date: 2027-05-31
Audience: public

1. Scope and application

1.1 These Contract Standing Orders (CSOs) are part 4H of the Constitution of Calderbrook County Council. Full Council approved the CSOs on 22 May 2025 and they came into force on 1 June 2025.

1.2 The CSOs apply to every contract for goods, services or works that the council enters into, including contracts for adult social care.

1.3 Grants to voluntary and community sector organisations are not contracts. Grants are made under the council's Grants Code, not under these CSOs.

1.4 Officers must work out the estimated value of a contract over its whole life, including any possible extensions, and excluding VAT.

1.5 An officer must not split a requirement into smaller contracts to avoid a threshold in these CSOs.

2. Value thresholds

2.1 Up to £9,999: the officer must get at least one written quote, and should use a Calderbrook-based supplier where one can offer value for money.

2.2 £10,000 to £49,999: the officer must invite at least three written quotes, with at least one from a Calderbrook-based supplier where one exists.

2.3 £50,000 up to the relevant Procurement Act 2023 threshold: the officer must run a formal tender through the council's e-tendering portal, Calderbrook eTender, and publish a tender notice on the Find a Tender service.

2.4 At or above the relevant Procurement Act 2023 threshold: the officer must follow the Procurement Act 2023 and must consult the Head of Procurement before the procurement starts.

2.5 Most adult social care services are light touch services under the Procurement Act 2023. The light touch threshold is currently £663,540 including VAT.

2.6 Call-offs from a framework agreement, for example the Calderbrook Home Care Framework, follow the call-off procedure in that framework agreement and not the thresholds in clauses 2.1 to 2.3.

3. Quotations

3.1 Quotes must be in writing. An email from the supplier counts as a written quote.

3.2 Every supplier invited to quote must be given the same specification and the same deadline.

3.3 Where fewer quotes are received than section 2 requires, the officer must record the reason and get the approval of their Head of Service before awarding the contract.

3.4 The officer must keep the quotes, and the reasons for the award decision, on the contract file for six years after the contract ends.

4. Waivers

4.1 A waiver lets an officer depart from these CSOs for a particular contract. A waiver can only be given before the contract is entered into, and the council does not give retrospective waivers.

4.2 A waiver cannot be used to avoid the Procurement Act 2023 or any other law.

4.3 A waiver may be requested only on one of the grounds below, and the waiver request must say which ground applies.
(a) Only one supplier can provide the goods, services or works, for technical or artistic reasons.
(b) The requirement is extremely urgent, for reasons the council could not foresee and did not cause.
(c) In adult social care, moving a named person to a different provider would harm their wellbeing (continuity of care).

4.4 Waivers must be approved at the following levels, according to the estimated value of the contract.
- Up to £49,999: the Head of Service, with the agreement of the Head of Procurement.
- £50,000 to £249,999: the Director, with the agreement of the Head of Procurement and the Section 151 Officer.
- £250,000 and over: the relevant Cabinet Member, after advice from the Monitoring Officer.

4.5 Every waiver is recorded on the waivers register, and the waivers register is reported to the Audit and Governance Committee every six months.

5. Contract extensions and variations

5.1 A contract may be extended only where the original contract and advertisement allowed for the extension, the supplier's performance is satisfactory, and budget is available.

5.2 The Head of Service may approve an extension where the total contract value, including the extension, is under £250,000. All other extensions must be approved by the Director.

5.3 The decision to extend a contract must be made and recorded at least three months before the current end date of the contract, so that the supplier can be given the notice the contract requires.

5.4 A variation that increases the contract value by more than 10%, or by more than £100,000, whichever is lower, must be approved by the Director. The officer must publish a contract change notice where the Procurement Act 2023 requires one.

5.5 A contract that has no extension option left cannot be extended. A new procurement, or a waiver under section 4, is needed instead.

6. Declarations of interest

6.1 Every officer, adviser and evaluator involved in a procurement must complete a declaration of interest form before they see any bids or quotes.

6.2 An officer who has a conflict of interest must tell their manager and must take no further part in the procurement. A conflict of interest includes a close family member working for a bidder, owning shares in a bidder, or having worked for a bidder in the last two years.

6.3 An officer must refuse any gift or hospitality from a bidder during a live procurement. Any offer worth more than £25 must be recorded on the gifts and hospitality register within 28 days.

6.4 Elected members who have an interest in a bidder must declare the interest under the Members' Code of Conduct.

6.5 A breach of this section may be treated as misconduct under the council's disciplinary procedure.
"""


# ---------------------------------------------------------------------------
# 6. Markdown, internal: fee uplift negotiation plan 2027/28
# ---------------------------------------------------------------------------
FEE_PLAN_MD = """\
---
title: Adult Social Care Fee Uplift Negotiation Plan 2027/28
audience: internal
classification: OFFICIAL-SENSITIVE
owner: Head of Commissioning (Adults and Health)
version: "0.9"
review_date: 2026-12-31
---

OFFICIAL-SENSITIVE

## 1. Purpose and handling

1.1 This plan sets the council's negotiating position for the 2027/28 fee review for home care, extra care housing and day opportunities. This plan is for officers only.

1.2 Officers must not share this plan, the fee ceilings or the walk-away uplift with providers, with the Calderbrook Care Association or with anyone outside the commissioning team and finance.

1.3 If providers ask about the council's position, officers should say that the council is considering the cost of care evidence and will write to all providers by 31 January 2027.

## 2. Fee ceilings and walk-away uplift 2027/28

2.1 The table sets the opening offer, the target settlement and the ceiling for each service. The ceiling is the walk-away uplift: the highest uplift the council will agree.

| Service | Opening offer | Target settlement | Ceiling (walk-away uplift) |
| --- | --- | --- | --- |
| Home care framework, Zones 1, 2 and 4 | 3.5% | 4.2% | 5.0% |
| Home care framework, Zone 3 – High Moor | 4.5% | 5.5% | 6.6% |
| Extra care housing core support charge | 3.0% | 3.6% | 4.4% |
| Extra care housing planned care hourly rate | 3.5% | 4.2% | 5.0% |
| Day opportunities block contracts | 2.0% | 2.5% | 3.2% |

2.2 In money terms, the home care fee ceiling for 2027/28 at the standard hourly rate is £26.67 per hour for Zone 1 – Calder Town and £28.89 per hour for Zone 3 – High Moor.

2.3 Zone 3 – High Moor has a higher ceiling because of recruitment problems in the zone and the risk of provider failure described in section 3.

2.4 If the Calderbrook Care Association will not accept an uplift at or below the ceiling, the Head of Commissioning will stop negotiating and the Director of Adult Social Care will set the rates by delegated decision.

2.5 The council will not offer a separate increase in the rural supplement or the isolated call payment in 2027/28.

## 3. Providers at risk of failure

3.1 The providers below are at risk of market exit or business failure. The information comes from contract monitoring, finance checks and the Care Quality Commission (CQC).

| Provider | Service | Risk rating | Main concern | Contingency |
| --- | --- | --- | --- | --- |
| Moorside Home Support Ltd | Home care, Zone 3 – High Moor (about 1,850 hours a week) | High | HMRC arrears, loss of 14 care workers since September 2025, referral suspension in place | Move packages to Brightwell Care Services and Dales Homecare Ltd; brokerage team on standby |
| Eastbrook Community Care CIC | Home care, Zone 4 – Eastbrook Coast | Medium | CQC rating Requires Improvement; registered manager left in November 2025 | Weekly contact; consider bridging funding |
| Harbour Lights Care Group | Extra care housing, Saltmarsh Gardens | Medium | Parent company refinancing its loans by June 2026 | Step-in plan agreed with Calderbrook Homes |
| Kestrel Day Opportunities CIC | Day opportunities, Millford | High | Loses its building lease from 31 March 2026 | Look for council-owned space; interim sessions at Millford Library |

3.2 If Moorside Home Support Ltd fails, the council may make an emergency one-off payment of up to £40,000 to keep care going for up to 4 weeks while packages move, with the approval of the Director of Adult Social Care.

## 4. Timetable and budget

4.1 Pre-meeting with the Calderbrook Care Association: 10 November 2026.

4.2 Proposed uplift letter to all providers: by 31 January 2027. Provider representations close 21 days after the date of the letter.

4.3 Final rates decided and published: by 28 February 2027.

4.4 The 2027/28 provisional budget assumes an average uplift of 4.2% across external adult social care spend, costing about £3.1 million. Every 0.5% above this costs about £370,000.
"""


# ---------------------------------------------------------------------------
# 7. DOCX, internal: contract monitoring register
# ---------------------------------------------------------------------------
def build_register_docx(path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)

    cp = doc.core_properties
    cp.title = "Contract Monitoring Register – Adult Social Care, Quarter 3 2025/26"
    cp.author = "Contract Monitoring Lead (Adults)"
    cp.category = "internal"
    cp.subject = "version 3.3"
    cp.keywords = "audience: internal; classification: OFFICIAL-SENSITIVE"

    section = doc.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    section.footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"

    for line in (
        "Title: Contract Monitoring Register – Adult Social Care, Quarter 3 2025/26",
        "Owner: Contract Monitoring Lead (Adults)",
        "Version: 3.3",
        "Review date: 2026-04-30",
        "Audience: internal",
        "Classification: OFFICIAL-SENSITIVE",
    ):
        doc.add_paragraph(line)

    def table(header, rows):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for i, cell in enumerate(header):
            t.rows[0].cells[i].text = cell
        for row in rows:
            cells = t.add_row().cells
            for i, cell in enumerate(row):
                cells[i].text = cell

    doc.add_heading("1. RAG ratings and how to use this register", level=1)
    doc.add_paragraph("1.1 This register records the contract monitoring position for adult social care providers "
                      "at the end of Quarter 3 2025/26 (31 December 2025). This register is for officers only and "
                      "must not be shared with providers.")
    doc.add_paragraph("1.2 A Red rating means serious concerns: a referral suspension is in place or recommended, "
                      "or there is a risk to people's safety.")
    doc.add_paragraph("1.3 An Amber rating means a performance notice, improvement plan or remedial action plan "
                      "is open.")
    doc.add_paragraph("1.4 A Green rating means the provider is meeting its contract requirements.")
    doc.add_paragraph("1.5 Lead officers must update the register within 5 working days of a monitoring visit.")

    doc.add_heading("2. Home care framework providers", level=1)
    table(
        ["Provider", "Zone", "RAG rating", "ECM compliance (Q3)", "Current position", "Lead officer", "Next visit"],
        [
            ["Moorside Home Support Ltd", "Zone 3 – High Moor", "Red", "78%",
             "Referral suspension from 12 January 2026; 31 missed calls in December 2025; open section 42 enquiry",
             "Joanne Okafor", "9 February 2026"],
            ["Dales Homecare Ltd", "Zone 2 – Millford and the Valley; Zone 3 – High Moor", "Amber", "88%",
             "Performance notice issued 15 January 2026 for ECM compliance below 90% in two periods",
             "Priya Nandra", "23 February 2026"],
            ["Eastbrook Community Care CIC", "Zone 4 – Eastbrook Coast", "Amber", "92%",
             "Improvement plan after CQC Requires Improvement rating; interim manager in post",
             "Tom Haworth", "2 March 2026"],
            ["Brightwell Care Services", "Zone 2 – Millford and the Valley; Zone 3 – High Moor", "Green", "97%",
             "No concerns; has capacity for about 300 more hours a week in Zone 3",
             "Priya Nandra", "14 April 2026"],
            ["Calder Valley Homecare Ltd", "Zone 1 – Calder Town", "Green", "96%", "No concerns",
             "Joanne Okafor", "20 April 2026"],
        ],
    )

    doc.add_heading("3. Extra care housing and day opportunities providers", level=1)
    doc.add_paragraph("3.1 The current extra care housing contracts end on 30 June 2026, when the new single "
                      "extra care housing contract starts.")
    table(
        ["Provider", "Service", "RAG rating", "Current position", "Lead officer", "Next visit"],
        [
            ["Harbour Lights Care Group", "Extra care housing, Saltmarsh Gardens", "Amber",
             "KPI 1 – Emergency response at 91% against the 95% target for two months; remedial action plan due 20 February 2026",
             "Sam Whitlock", "27 February 2026"],
            ["Willow Lane Support Ltd", "Extra care housing, Alder Court and Riverside Mews", "Green",
             "All KPIs met", "Sam Whitlock", "18 May 2026"],
            ["Kestrel Day Opportunities CIC", "Day opportunities, Millford", "Red",
             "Building lease ends 31 March 2026; no replacement venue found; 42 people attend each week",
             "Tom Haworth", "5 February 2026"],
        ],
    )

    doc.save(path)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "home-care-framework-provider-guide.md").write_text(HOME_CARE_MD, encoding="utf-8")
    (OUT / "vcs-infrastructure-and-community-grants.html").write_text(GRANTS_HTML, encoding="utf-8")
    build_extra_care_docx(OUT / "extra-care-housing-care-and-support-specification.docx")
    build_social_value_pdf(OUT / "social-value-in-procurement-guide.pdf")
    (OUT / "contract-standing-orders.txt").write_text(STANDING_ORDERS_TXT, encoding="utf-8")
    (OUT / "fee-uplift-negotiation-plan-2027-28.md").write_text(FEE_PLAN_MD, encoding="utf-8")
    build_register_docx(OUT / "contract-monitoring-register-q3-2025-26.docx")
    for f in sorted(OUT.iterdir()):
        print(f"wrote {f.relative_to(OUT.parent.parent.parent)} ({f.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
