"""Build the fifteenth evaluation library (Brindleford Metropolitan Borough Council).

Written BLIND (the author read only docs/knowledge-format.md). The documents are made the way a
council's own files are made, because that is what the library tests:

* contract-procedure-rules.docx: Heading styles with Word's automatic multilevel numbering
  (numbering.xml, numPr on every paragraph; no number typed anywhere), a table of value bands and
  one section inside a block content control (w:sdt), as council templates do.
* adult-day-opportunities-service-specification.pdf: "exported from Word": no outline, bold
  11.5 pt headings over a 10 pt body, running header and "Page N of M" footer, typed clause numbers,
  one ruled table of rates.
* dps-join.html: a CMS page with no <main>, cookie banner, breadcrumb, related links, feedback
  box and footer.
* supplier-faq.md, carers-breaks-grant-guidance.txt, and the officers-only
  recommissioning-officer-briefing.md.

Run: .venv/bin/python tests/data/fifteenth_council_src/build.py  (bytes are deterministic).
"""
from __future__ import annotations

import datetime as dt
import io
import textwrap
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "fifteenth_council"
FIXED = dt.datetime(2026, 7, 20, 9, 30, 0)
COUNCIL = "Brindleford Metropolitan Borough Council"

# ---------------------------------------------------------------------------------------------
# 1. Contract Procedure Rules (DOCX, auto-numbered)
# ---------------------------------------------------------------------------------------------
# ("h", heading) level 0; ("c", clause) level 1; ("s", sub-point) level 2; ("t", rows) table;
# ("sdt-start", alias) / ("sdt-end",) wrap what lies between in a block content control.
CPR = [
    ("h", "Purpose and scope"),
    ("c", "These Contract Procedure Rules apply to every contract the council enters into for works, goods or services, whatever its value and however it is funded."),
    ("c", "The Rules do not apply to contracts of employment, to the purchase or lease of land, or to payments made to another public body under a statutory partnership arrangement."),
    ("c", "Every officer who buys works, goods or services on behalf of the council must follow these Rules, the Procurement Act 2023 and the council's Financial Procedure Rules."),
    ("c", "The Head of Corporate Procurement is responsible for interpreting these Rules and may issue guidance notes on how they apply."),
    ("h", "Value bands and procedures"),
    ("c", "The estimated value of a contract is the total amount payable over the whole life of the contract, including every optional extension, excluding VAT."),
    ("c", "An officer must not split a requirement into two or more contracts in order to bring its value below a value band threshold."),
    ("c", "Where the estimated value sits close to a band boundary or is uncertain, the officer must follow the procedure for the higher band."),
    ("c", "The procedure, the number of quotations and the approval needed for each value band are set out in the table below."),
    ("t", [
        ["Value band", "Procedure", "Quotations or tenders", "Approval to award"],
        ["Up to £9,999", "Direct award from an approved framework, or one written quotation", "At least one written quotation", "Budget holder"],
        ["£10,000 to £49,999", "Request for quotation through the e-tendering portal", "At least three written quotations", "Service manager"],
        ["£50,000 to £199,999", "Open or competitive flexible tender advertised on the e-tendering portal", "Open advertisement, no limit on bidders", "Head of Service and Head of Corporate Procurement"],
        ["£200,000 and above", "Procedure under the Procurement Act 2023, with a tender notice on the Central Digital Platform", "Open advertisement, no limit on bidders", "Director; a key decision by the Cabinet Member where the value is £500,000 or more"],
    ]),
    ("c", "For contracts for social care services, the value bands apply to the value of the whole contract, not to the value of an individual placement."),
    ("h", "Quotations"),
    ("c", "For a request for quotation, the officer must invite at least three suppliers, at least one of which should be a supplier based in the borough where a suitable one exists."),
    ("c", "Quotations must be submitted through the e-tendering portal; a quotation sent by email or post is not accepted."),
    ("c", "The minimum period for returning a quotation is seven calendar days from the date the request is issued."),
    ("c", "The officer must keep a record on the e-tendering portal of every supplier invited, every quotation received and the reason for the choice."),
    ("h", "Tenders and evaluation"),
    ("c", "The minimum period for returning a tender below £200,000 is 21 calendar days from the date the tender is advertised."),
    ("c", "For a tender of £200,000 and above, the council sets a tender period of no fewer than 30 days, or any longer period the Procurement Act 2023 requires."),
    ("c", "Bidders may ask clarification questions through the portal until five working days before the closing date; the council publishes every answer to all bidders without naming who asked."),
    ("c", "A tender received after the closing time is rejected, except that the Head of Corporate Procurement may accept a tender received no more than one hour late where a fault of the portal itself caused the delay."),
    ("c", "Unless the Head of Corporate Procurement agrees otherwise in writing, tenders for care and support services are evaluated 60% on quality, 30% on price and 10% on social value."),
    ("c", "Tenders for all other contracts are evaluated 40% on quality, 50% on price and 10% on social value unless the Head of Corporate Procurement agrees otherwise in writing."),
    ("c", "The evaluation panel must:"),
    ("s", "have at least three members;"),
    ("s", "include at least one officer from outside the service that will manage the contract;"),
    ("s", "score each tender individually before the panel meets to agree a moderated score."),
    ("h", "Waivers"),
    ("c", "A waiver of these Rules must be approved before the contract is awarded; the council does not grant retrospective waivers."),
    ("c", "A waiver may be granted only where:"),
    ("s", "only one supplier can provide the works, goods or services, for technical reasons or because of exclusive rights;"),
    ("s", "an unforeseeable emergency puts a person at risk of harm and there is no time to seek quotations;"),
    ("s", "the contract extends an existing arrangement for no more than six months while a new procurement is completed."),
    ("c", "A waiver for a contract of up to £49,999 is approved by the Head of Corporate Procurement."),
    ("c", "A waiver for a contract of £50,000 to £199,999 is approved by the Director of Finance."),
    ("c", "A waiver for a contract of £200,000 or more is approved by the Chief Executive after consulting the Monitoring Officer."),
    ("c", "Every waiver is recorded on the council's waiver register, and the register is reported to the Audit and Governance Committee twice a year."),
    ("h", "Care and support contracts"),
    ("c", "Contracts for adult day opportunities, short breaks and other care and support services above £663,540 are awarded under the light touch rules of the Procurement Act 2023."),
    ("c", "The council may set up a dynamic purchasing system or an open framework for care and support services, and call off individual placements from it by mini-competition or by direct award at published rates."),
    ("c", "When calling off a placement, the officer must take into account the choice of the person who will receive the service and of their carer."),
    ("c", "Where a person receives a direct payment, the person buys their own support and these Rules do not apply to that purchase."),
    ("sdt-start", "Conflicts of interest (standard clause)"),
    ("h", "Conflicts of interest"),
    ("c", "Every officer and panel member involved in a procurement must complete a declaration of interest before seeing any quotation or tender."),
    ("c", "An officer who has a conflict of interest, including employment with a bidder in the last two years, must tell the Head of Corporate Procurement and take no further part in the procurement."),
    ("c", "An officer must refuse any gift or hospitality offered by a bidder while a procurement is running, whatever its value."),
    ("sdt-end",),
    ("h", "Contract award and standstill"),
    ("c", "For a contract of £200,000 and above, the council observes a standstill period of eight working days after publishing the contract award notice before it enters into the contract."),
    ("c", "For a contract of £50,000 to £199,999, the council observes a voluntary standstill period of five working days after telling bidders the outcome."),
    ("c", "A contract of £200,000 or more is executed under the council's common seal by the Monitoring Officer; a contract below £200,000 may be signed by an officer authorised in the scheme of delegation."),
    ("c", "Every contract worth £5,000 or more is published on the council's contracts register within 30 days of the award."),
    ("c", "Every unsuccessful bidder for a contract of £50,000 or more receives written feedback with its own scores and the winning bidder's scores."),
    ("h", "Contract management"),
    ("c", "Every contract of £200,000 or more has a named contract manager and a contract management plan agreed before the contract starts."),
    ("c", "The contract manager holds performance review meetings with the supplier every quarter for contracts of £200,000 or more, and at least twice a year for contracts of £50,000 to £199,999."),
    ("c", "For a contract worth more than £5 million, the council sets at least three key performance indicators and publishes an assessment of the supplier's performance against them every year."),
    ("c", "A variation that increases the value of a contract by more than 10% needs the approval of the Head of Corporate Procurement."),
    ("c", "The council does not agree a variation that would increase the original value of a contract by more than 50%."),
    ("h", "Extensions and ending a contract"),
    ("c", "A contract may be extended only where the contract itself provides for the extension and the supplier's performance has been satisfactory."),
    ("c", "The decision to extend a contract is taken at least three months before the contract would otherwise end."),
    ("c", "The council may end a contract early for poor performance only after giving the supplier written notice of the failure and a reasonable period, normally 28 days, to put it right."),
]

NUM_ID = 41
ABSTRACT_XML = f"""
<w:abstractNum {nsdecls('w')} w:abstractNumId="{NUM_ID}">
  <w:nsid w:val="5B2E7A19"/>
  <w:multiLevelType w:val="multilevel"/>
  <w:tmpl w:val="0809001F"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
</w:abstractNum>"""
NUM_XML = f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'


def _number(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0,
               parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))


def _deterministic_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 7, 20, 9, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build_cpr() -> bytes:
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(parse_xml(ABSTRACT_XML))
    numbering.append(parse_xml(NUM_XML))

    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)

    cp = doc.core_properties
    cp.title = "Contract Procedure Rules"
    cp.author = "Head of Corporate Procurement"
    cp.category = "public"
    cp.subject = "version 4.1"
    cp.keywords = "audience: public"
    cp.comments = "Part 4 of the Constitution"
    cp.last_modified_by = "Corporate Procurement"
    cp.revision = 7
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED

    section = doc.sections[0]
    section.header.paragraphs[0].text = f"{COUNCIL} - Constitution Part 4"
    section.footer.paragraphs[0].text = "Contract Procedure Rules - version 4.1 - approved by Full Council 15 July 2026"

    doc.add_paragraph(f"{COUNCIL}\nContract Procedure Rules", style="Title")
    doc.add_paragraph("These Rules form part of the council's Constitution and were approved by Full Council on 15 July 2026. They take effect on 1 September 2026.")

    body = doc.element.body
    sdt_content = None
    for item in CPR:
        kind = item[0]
        if kind == "sdt-start":
            sdt = parse_xml(
                f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{item[1]}"/><w:tag w:val="cpr-coi"/>'
                f'<w:id w:val="-1893462211"/><w:lock w:val="sdtLocked"/></w:sdtPr><w:sdtContent/></w:sdt>')
            body.find(qn("w:sectPr")).addprevious(sdt)
            sdt_content = sdt.find(qn("w:sdtContent"))
            continue
        if kind == "sdt-end":
            sdt_content = None
            continue
        if kind == "t":
            rows = item[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = doc.styles["Table Grid"]
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = value
                    if r == 0:
                        cell.paragraphs[0].runs[0].bold = True
            element = table._tbl
        else:
            style = "Heading 1" if kind == "h" else ("List Paragraph" if kind == "s" else None)
            p = doc.add_paragraph(item[1], style=style)
            _number(p, {"h": 0, "c": 1, "s": 2}[kind])
            element = p._p
        if sdt_content is not None:
            sdt_content.append(element)  # moves it from the body into the control
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue())


# ---------------------------------------------------------------------------------------------
# 2. Service specification (PDF "from Word")
# ---------------------------------------------------------------------------------------------
SPEC_TITLE = "Adult Day Opportunities Service Specification 2026 to 2029"
SPEC = [
    ("h", "1. Introduction"),
    ("c", "1.1 This specification sets out what Brindleford Metropolitan Borough Council expects of every provider of adult day opportunities called off from the Adult Day Opportunities and Short Breaks Dynamic Purchasing System."),
    ("c", "1.2 Day opportunities are for adults aged 18 and over who have eligible needs under the Care Act 2014, including people with learning disabilities, autism, physical disabilities, dementia or mental health needs."),
    ("c", "1.3 This specification applies from 6 April 2026 and replaces the 2022 day services specification."),
    ("h", "2. Outcomes"),
    ("c", "2.1 The provider supports each person to take part in activities they choose, to build friendships, to learn skills for daily living and, where the person wishes, to move towards volunteering or paid work."),
    ("c", "2.2 The provider agrees a written support plan with each person within four weeks of their first session and reviews the plan at least every six months."),
    ("h", "3. Sessions and attendance"),
    ("c", "3.1 A full-day session lasts at least six hours between 9.00am and 4.00pm, and a half-day session lasts at least three hours."),
    ("c", "3.2 The provider keeps a daily attendance register for every session."),
    ("c", "3.3 The provider tells the council's Brokerage Team within 24 hours when a person misses two sessions in a row without giving notice."),
    ("c", "3.4 Where a person cancels a session with less than 48 hours' notice, the provider may charge the council the full session rate."),
    ("c", "3.5 A session cancelled with 48 hours' notice or more is not charged."),
    ("c", "3.6 The provider may close on bank holidays and on up to five further days a year, and tells the council and each person of the further closure days at least three months in advance."),
    ("h", "4. Transport"),
    ("c", "4.1 Transport to and from day opportunities is arranged by the council's Passenger Transport Unit and is not included in the session rate."),
    ("c", "4.2 Where the council agrees in writing that the provider will transport a person itself, the council pays mileage at 45p per mile."),
    ("h", "5. Staffing"),
    ("c", "5.1 The provider keeps at least the following staff ratios during every session: one member of staff to five people in Band A, one to three in Band B, and one to one in Band C, or two to one where the person's assessment says so."),
    ("c", "5.2 Every member of staff who works with people using the service has an enhanced DBS check with a check of the adults' barred list, renewed every three years."),
    ("c", "5.3 New staff complete the Care Certificate within 12 weeks of starting work."),
    ("h", "6. Rates and payment"),
    ("c", "6.1 The council pays the rates in the table below for each session attended or chargeable. The rates exclude transport."),
    ("t", [
        ["Band", "Support level", "2025/26 full day", "2026/27 full day", "2026/27 half day"],
        ["Band A", "Standard support (ratio 1:5)", "£48.20", "£50.60", "£27.80"],
        ["Band B", "Enhanced support (ratio 1:3)", "£66.40", "£69.70", "£38.30"],
        ["Band C", "Complex needs (ratio 1:1)", "£112.50", "£118.10", "£64.90"],
        ["Additional hour", "One-to-one hour agreed in the support plan", "£19.85", "£20.84", "n/a"],
    ]),
    ("c", "6.2 The 2026/27 rates apply to sessions from 6 April 2026."),
    ("c", "6.3 The provider invoices the council monthly through the provider portal by the tenth working day of the following month."),
    ("c", "6.4 The council pays a valid invoice within 30 days of receiving it."),
    ("c", "6.5 The council reviews the rates every year and announces any uplift by 31 March for the year starting in April."),
    ("h", "7. Quality and monitoring"),
    ("c", "7.1 The council's Quality Assurance Team visits every provider at least once a year."),
    ("c", "7.2 Where the Care Quality Commission or the council rates a provider as requires improvement, the council visits the provider every three months until the rating improves."),
    ("c", "7.3 The provider sends a monitoring return to the council within 15 working days of the end of each quarter."),
    ("h", "8. Safeguarding and incidents"),
    ("c", "8.1 The provider reports a safeguarding concern to the Adult Social Care Front Door on the same working day the concern arises."),
    ("c", "8.2 The provider tells the council's contract manager of any serious incident within 24 hours."),
    ("h", "9. Insurance"),
    ("c", "9.1 The provider holds employer's liability insurance of at least £10 million, public liability insurance of at least £5 million and professional indemnity insurance of at least £1 million."),
]


class SpecPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, SPEC_TITLE, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def build_spec() -> bytes:
    pdf = SpecPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 3, 2, 10, 0, 0, tzinfo=dt.timezone.utc))
    pdf.set_title(SPEC_TITLE)
    pdf.set_author("Commissioning Manager, Adult Day Opportunities")
    pdf.set_subject("version 2.0")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Microsoft Word for Microsoft 365")
    pdf.set_producer("Microsoft Word for Microsoft 365")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, SPEC_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10)
    for line in ("Owner: Commissioning Manager, Adult Day Opportunities", "Version: 2.0",
                 "Review date: 2027-03-31", "Audience: public"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for kind, value in SPEC:
        if kind == "h":
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 11.5)
            pdf.cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 10)
        elif kind == "c":
            pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        else:
            pdf.set_font("Helvetica", "", 9.5)
            with pdf.table(borders_layout="ALL", col_widths=(22, 56, 22, 22, 22),
                           line_height=5.5, text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
                           first_row_as_headings=True) as table:
                for row in value:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
            pdf.set_font("Helvetica", "", 10)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# 3. CMS page (HTML without <main>)
# ---------------------------------------------------------------------------------------------
HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Join the Adult Day Opportunities and Short Breaks Dynamic Purchasing System | Brindleford Council</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="audience" content="public">
<meta name="owner" content="Commissioning Manager, Adult Day Opportunities">
<meta name="version" content="1.2">
<meta name="review_date" content="2027-04-30">
<link rel="stylesheet" href="/site/styles/brindleford.css?v=20260611">
<script src="/site/js/cookie-consent.js" defer></script>
</head>
<body class="page-template-content">
<div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookie banner">
  <p>We use essential cookies to make this website work. We would also like to set analytics cookies to understand how you use the site.</p>
  <button type="button" class="btn" id="cookies-accept">Accept analytics cookies</button>
  <button type="button" class="btn" id="cookies-reject">Reject analytics cookies</button>
  <a href="/cookies">View cookie settings</a>
</div>
<a class="skip-link" href="#content">Skip to main content</a>
<div id="header" class="site-header">
  <a href="/" class="logo"><img src="/site/img/brindleford-logo.svg" alt="Brindleford Metropolitan Borough Council home"></a>
  <ul class="top-nav">
    <li><a href="/residents">Residents</a></li>
    <li><a href="/business">Business</a></li>
    <li><a href="/council">The council</a></li>
    <li><a href="/contact">Contact us</a></li>
  </ul>
  <form class="site-search" action="/search"><label for="q">Search</label><input id="q" name="q"><button>Search</button></form>
</div>
<div class="breadcrumb">
  <ol>
    <li><a href="/">Home</a></li>
    <li><a href="/business">Business</a></li>
    <li><a href="/business/selling-to-the-council">Selling to the council</a></li>
    <li>Adult Day Opportunities and Short Breaks DPS</li>
  </ol>
</div>
<div id="content" class="content-area">
<h1>Join the Adult Day Opportunities and Short Breaks Dynamic Purchasing System</h1>
<p class="last-updated">Last updated: 11 June 2026</p>

<h2>What the dynamic purchasing system is</h2>
<p>The Adult Day Opportunities and Short Breaks Dynamic Purchasing System (DPS) is the way Brindleford Council buys day opportunities and short breaks for adults and their carers.</p>
<p>The DPS opened on 1 April 2026 and runs until 31 March 2030. Providers can apply to join the DPS at any time while it is open.</p>

<h2>Lots</h2>
<p>The DPS is divided into four lots:</p>
<ul>
  <li>Lot 1: building-based day opportunities</li>
  <li>Lot 2: community-based day opportunities</li>
  <li>Lot 3: carers' breaks with replacement care in the cared-for person's home</li>
  <li>Lot 4: overnight short breaks</li>
</ul>
<p>A provider can apply for one lot or for several lots in the same application.</p>

<h2>Who can apply</h2>
<p>Any organisation that meets the standards in the service specification can apply, including charities, community interest companies and sole traders.</p>
<p>Providers applying for Lot 3 or Lot 4 must be registered with the Care Quality Commission for the regulated activity the lot needs: personal care for Lot 3, and accommodation for persons who require personal care for Lot 4.</p>

<h2>How to apply</h2>
<p>Apply through the Brindleford Supplier Gateway, the council's e-tendering portal, using the reference BMBC-DPS-0426.</p>
<p>The council evaluates each application within 10 working days of receiving it and tells the provider the result through the portal.</p>
<p>A provider whose application is not accepted may apply again after three months.</p>

<h2>How placements are awarded</h2>
<p>For each new placement, the council either runs a mini-competition among the providers on the lot or makes a direct award at the published rates, taking into account the choice of the person and their carer.</p>
<p>Providers have five working days to respond to a mini-competition.</p>
<p>Being accepted onto the DPS does not guarantee that a provider will receive any placements.</p>

<h2>Rates</h2>
<p>The rates the council pays for day opportunities are published in the <a href="/downloads/adult-day-opportunities-service-specification.pdf">Adult Day Opportunities Service Specification</a>.</p>

<h2>Contact the commissioning team</h2>
<p>Email <a href="mailto:dayopportunities@brindleford.gov.uk">dayopportunities@brindleford.gov.uk</a> or telephone 01632 960 288, Monday to Friday, 9am to 5pm.</p>

<div class="related-pages">
  <h2>Related pages</h2>
  <ul>
    <li><a href="/business/selling-to-the-council/contract-procedure-rules">Contract Procedure Rules</a></li>
    <li><a href="/business/selling-to-the-council/supplier-faq">Supplier questions and answers</a></li>
    <li><a href="/business/carers-breaks-grants">Carers' Breaks Grants for organisations</a></li>
    <li><a href="/business/selling-to-the-council/contracts-register">Contracts register</a></li>
  </ul>
</div>

<div class="page-feedback">
  <h2>Was this page useful?</h2>
  <form action="/feedback" method="post">
    <button name="useful" value="yes">Yes</button>
    <button name="useful" value="no">No</button>
    <a href="/report-a-problem">Report a problem with this page</a>
  </form>
</div>
</div>
<div id="footer" class="site-footer">
  <ul>
    <li><a href="/accessibility">Accessibility statement</a></li>
    <li><a href="/privacy">Privacy notice</a></li>
    <li><a href="/cookies">Cookies</a></li>
  </ul>
  <p>Brindleford Metropolitan Borough Council, Civic Centre, Market Street, Brindleford BF1 1AA</p>
  <p>&copy; 2026 Brindleford Metropolitan Borough Council</p>
</div>
</body>
</html>
"""

# ---------------------------------------------------------------------------------------------
# 4. Supplier FAQ (Markdown with front matter)
# ---------------------------------------------------------------------------------------------
FAQ = """---
title: "Selling to Brindleford Council: supplier questions and answers"
audience: public
owner: Head of Corporate Procurement
version: "2.3"
review_date: 2027-06-30
---

# Selling to Brindleford Council: supplier questions and answers

## How do I find out about contract opportunities?

The council advertises every opportunity worth £10,000 or more on the Brindleford Supplier Gateway, the council's e-tendering portal.

Opportunities worth £30,000 or more are also published on the Central Digital Platform.

## How do I register on the Brindleford Supplier Gateway?

Registration on the Brindleford Supplier Gateway is free. A supplier registers once with its organisation's details and chooses the categories of work it wants to hear about, and the portal then emails it whenever a matching opportunity is published.

## Do I have to be based in Brindleford to bid?

No. The council welcomes bids from suppliers based anywhere. When the council asks for quotations, it tries to invite at least one supplier based in the borough.

## Can I ask questions about a tender?

Yes. Bidders can send clarification questions through the portal until five working days before the closing date. The council publishes every question and answer to all bidders without saying who asked.

## What happens if my tender is late?

A late tender is rejected. The only exception is when a fault of the portal itself caused the delay, in which case the Head of Corporate Procurement may accept a tender received no more than one hour late.

## How is social value scored?

Social value is worth 10% of the total score in most tenders. Bidders make measurable offers, such as local jobs, apprenticeships or volunteering hours, and the council checks that they are delivered at contract review meetings.

## How quickly will the council pay my invoice?

The council pays a valid invoice within 30 days.

Small suppliers with fewer than 50 employees who register as small suppliers on the Supplier Gateway are paid within 10 days of a valid invoice.

## What insurance do I need?

The insurance each contract needs is set out in its tender documents.

For contracts worth less than £10,000, the council normally asks for public liability insurance of at least £2 million.

## Will I get feedback if I am not successful?

Every unsuccessful bidder for a contract worth £50,000 or more receives written feedback with its scores. For smaller contracts, the council gives feedback on request.

## Can I use subcontractors?

A supplier may subcontract part of a contract only with the council's written agreement, and must pay its subcontractors within 30 days of receiving a valid invoice from them.

## How do I complain about a procurement?

Write to the Head of Corporate Procurement within 10 days of being told the outcome. The council replies within 15 working days.
"""

# ---------------------------------------------------------------------------------------------
# 5. Carers' breaks grant guidance (plain text)
# ---------------------------------------------------------------------------------------------
GRANTS_HEAD = """Title: Carers' Breaks Grants 2026/27: guidance for organisations
Owner: Carers Commissioning Lead
Version: 1.3
Review date: 2027-03-31
Audience: public
"""
GRANTS = [
    ("h", "1. About this guidance"),
    ("c", "1.1 Brindleford Council funds voluntary and community organisations to give unpaid carers in the borough a break from caring. This guidance explains the three grant strands for 2026/27 and how to apply."),
    ("c", "1.2 The total budget for Carers' Breaks Grants in 2026/27 is £420,000."),
    ("h", "2. The grant strands"),
    ("c", "2.1 Strand A, Community Breaks Grants, funds groups that run regular short break activities for carers, such as weekly sessions, trips or peer support with activities."),
    ("c", "2.2 Strand B, Small Sparks Grants, funds new or one-off break activities, such as a day trip, a pampering day or a carers' tea dance."),
    ("c", "2.3 Strand C, Replacement Care Innovation Grants, funds partnerships that test new ways of providing replacement care so that a carer can take a break."),
    ("h", "3. Who can apply"),
    ("c", "3.1 Registered charities, community interest companies, constituted community groups and faith groups running activities open to all carers can apply."),
    ("c", "3.2 An organisation must have a bank account in its own name with at least two unrelated signatories."),
    ("c", "3.3 Individual carers cannot apply for these grants. An individual carer can ask the Brindleford Carers Centre about a personal carer's break payment."),
    ("c", "3.4 Strand C applications must come from a partnership of at least two organisations, one of which is the lead applicant."),
    ("c", "3.5 Every organisation must hold appropriate insurance for its activities and a safeguarding policy reviewed in the last 12 months."),
    ("h", "4. What we will not fund"),
    ("c", "4.1 The grants do not fund activities that have already taken place, religious or political activity, fundraising events, or replacement care that the council already pays for through a support plan."),
    ("h", "5. How much you can apply for"),
    ("c", "5.1 Strand A grants are up to £15,000 a year, for one year."),
    ("c", "5.2 Strand B grants are from £500 to £2,500."),
    ("c", "5.3 Strand C grants are up to £40,000 in total over two years."),
    ("c", "5.4 An organisation may hold only one Strand A grant at a time."),
    ("h", "6. How to apply and deadlines"),
    ("c", "6.1 Apply online through the Brindleford Supplier Gateway, using the grant application form for the strand."),
    ("c", "6.2 Strand A applications close at 12 noon on 30 January 2027."),
    ("c", "6.3 Strand B is open all year, and the council makes a decision within 20 working days of receiving a complete application."),
    ("c", "6.4 Strand C starts with an expression of interest, which must reach the council by 15 January 2027; shortlisted partnerships are invited to submit a full application by 27 February 2027."),
    ("c", "6.5 The council does not consider late applications."),
    ("h", "7. How we assess applications"),
    ("c", "7.1 Applications for Strands A and C are scored by a panel of two officers and one carer representative."),
    ("c", "7.2 The panel scores each application on four criteria: need for the break (40%), quality of the activity (30%), value for money (20%) and partnership working (10%)."),
    ("c", "7.3 Strand B applications are assessed by the Carers Commissioning Lead."),
    ("h", "8. Payment and monitoring"),
    ("c", "8.1 Strand A grants are paid in two equal instalments, in April and in October."),
    ("c", "8.2 Strand B grants are paid in full when the grant agreement is signed."),
    ("c", "8.3 Strand C grants are paid every six months in advance, subject to a satisfactory progress report."),
    ("c", "8.4 Every grant holder sends an end-of-grant report within eight weeks of the end of the activity or the grant year, saying how many carers had a break."),
    ("h", "9. Contact"),
    ("c", "9.1 Email carersgrants@brindleford.gov.uk or telephone 01632 960 415."),
]


def build_grants() -> str:
    lines = [GRANTS_HEAD]
    for kind, value in GRANTS:
        if kind == "h":
            lines.append(value + "\n")
        else:
            wrapped = textwrap.wrap(value, width=76, subsequent_indent="    ", break_on_hyphens=False)
            for cont in wrapped[1:]:
                assert not cont.strip()[0].isdigit(), cont  # a wrapped line must not look numbered
            lines.append("\n".join(wrapped) + "\n")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# 6. Officers-only briefing (Markdown, internal)
# ---------------------------------------------------------------------------------------------
BRIEFING = """---
title: "Day Opportunities and Carers' Breaks Recommissioning: officer briefing"
audience: internal
classification: OFFICIAL-SENSITIVE
owner: Head of Adult Social Care Commissioning
version: "0.4"
review_date: 2026-12-31
---

OFFICIAL-SENSITIVE

# Day Opportunities and Carers' Breaks Recommissioning: officer briefing

Prepared for the Adult Social Care Commissioning Board, November 2026. Not for circulation to providers.

## 1. Budget position

1.1 The 2026/27 adult day opportunities budget is £6.84 million, of which £5.97 million is committed, leaving £870,000 uncommitted at the end of October 2026.

1.2 Of the £420,000 Carers' Breaks Grants budget for 2026/27, £138,500 has not yet been allocated and will be offered through Strand B.

## 2. Providers under review

2.1 Kestrel Lane Day Centre, run by Oakfield Community Care Ltd, has been on enhanced monitoring since August 2026 after two visits found Band B staff ratios below one to three.

2.2 Millbrook Activity Hub is on an improvement plan after late monitoring returns for three quarters in a row; a further missed return will lead to a suspension of new placements.

2.3 Harcourt Respite Services is under review for invoicing Band C rates for people assessed at Band B; the overpayment is estimated at £23,400.

## 3. Overnight short breaks re-procurement

3.1 The pre-tender estimate for the overnight short breaks contract (Lot 4) is £2.35 million over four years, on a three-year term with an optional one-year extension.

3.2 The estimate puts the procurement above the light touch threshold, so the procurement follows the care and support contracts rule of the Contract Procedure Rules and needs a key decision.

## 4. Rates for 2027/28

4.1 Draft decision, not yet approved: the council proposes an uplift of 3.2% for Band A and Band B and 2.5% for Band C from April 2027.

4.2 In negotiations with providers, officers must not agree a Band B full-day rate above £72.00 without the approval of the Director of Adult Social Care.

## 5. Millbrook contract

5.1 Draft decision: extend the Millbrook Activity Hub contract by six months to 30 September 2027 under waiver ground (c) while the new call-off is completed.

## 6. Approval

6.1 The approver for the draft decisions in this briefing is Dr Helen Okafor, Director of Adult Social Care, after consulting the Cabinet Member for Adult Care.

6.2 The waiver in section 5 also needs the approval of Marcus Whitley, Director of Finance, because the extension is valued at £112,000.
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "contract-procedure-rules.docx").write_bytes(build_cpr())
    (OUT / "adult-day-opportunities-service-specification.pdf").write_bytes(build_spec())
    (OUT / "dps-join.html").write_text(HTML, encoding="utf-8")
    (OUT / "supplier-faq.md").write_text(FAQ, encoding="utf-8")
    (OUT / "carers-breaks-grant-guidance.txt").write_text(build_grants(), encoding="utf-8")
    (OUT / "recommissioning-officer-briefing.md").write_text(BRIEFING, encoding="utf-8")
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
