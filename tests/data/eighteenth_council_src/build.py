"""Build the binary documents of the Eighteenth evaluation library (Skelmore MBC).

Writes, deterministically:
  ../eighteenth_council/integrated-advocacy-service-specification.docx
  ../eighteenth_council/advocacy-and-community-services-monitoring-framework.pdf

The DOCX is made the way Word makes it: Heading 1 is linked to a multilevel list so that
headings show "4. Response times" and numbered body clauses show "4.1", "4.2" from Word's own
numbering (no typed numbers). The closing schedule is a Heading 1 with numbering switched off.
The PDF is laid out like a Word "Save as PDF" export: running header and footer, bookmarks,
a definitions section and a KPI table.

Run:  .venv/bin/python tests/data/eighteenth_council_src/build.py
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "eighteenth_council"
FIXED = dt.datetime(2026, 11, 2, 9, 0, 0)

# ---------------------------------------------------------------------------
# DOCX: Integrated Advocacy Service specification
# ---------------------------------------------------------------------------
# Each section: (heading, [items]); an item is a str (a Word-numbered clause), ("p", str) an
# unnumbered paragraph, ("b", [str]) bullets belonging to the clause before, ("t", rows) a table.
RESPONSE_TIMES = [
    ["Referral type", "First contact with the person", "First face-to-face meeting"],
    ["IMCA – serious medical treatment decision", "Within 1 working day of referral",
     "Within 2 working days of referral"],
    ["IMCA – long-term change of accommodation", "Within 2 working days of referral",
     "Within 5 working days of referral"],
    ["IMCA – safeguarding (adult protection) proceedings", "Within 1 working day of referral",
     "Within 3 working days of referral"],
    ["Care Act advocacy – urgent (section 42 safeguarding enquiry)",
     "Within 1 working day of referral", "Within 3 working days of referral"],
    ["Care Act advocacy – routine (assessment, care and support planning, review)",
     "Within 3 working days of referral", "Within 10 working days of referral"],
    ["IMHA – patient detained under section 2 or section 4",
     "Within 1 working day of referral", "Within 2 working days of referral"],
    ["IMHA – patient detained under section 3, or subject to a CTO or guardianship",
     "Within 2 working days of referral", "Within 5 working days of referral"],
    ["NHS complaints advocacy", "Acknowledgement within 3 working days of referral",
     "First appointment within 10 working days of referral"],
]

PRICES = [
    ["Service", "Unit", "2027/28", "2028/29", "2029/30"],
    ["Care Act advocacy", "Per advocacy hour", "£38.50", "£39.60", "£40.75"],
    ["Independent Mental Capacity Advocacy (IMCA)", "Per advocacy hour", "£41.20", "£42.40",
     "£43.60"],
    ["Independent Mental Health Advocacy (IMHA)", "Per advocacy hour", "£40.10", "£41.30",
     "£42.50"],
    ["NHS complaints advocacy", "Per closed case", "£265.00", "£272.00", "£280.00"],
    ["Urgent advocacy for a section 42 safeguarding enquiry",
     "Per advocacy hour", "£44.00", "£45.30", "£46.60"],
    ["Core service fee (hub, helpline, training and reporting)", "Per annum", "£96,000",
     "£98,400", "£100,900"],
]

SPEC = [
    ("Introduction", [
        "This specification sets out the requirements for the Skelmore Integrated Advocacy Service "
        "(the Service), which Skelmore Metropolitan Borough Council (the Council) is commissioning "
        "as Lot 1 of the Adults and Health Recommissioning Programme 2026–27.",
        "The Service brings together four statutory advocacy functions under one contract: Care Act "
        "advocacy, Independent Mental Capacity Advocacy (IMCA), Independent Mental Health Advocacy "
        "(IMHA) and NHS complaints advocacy.",
        "The contract will start on 1 April 2027 and will run for an initial term of three years to "
        "31 March 2030. The Council may extend the contract by up to two further periods of 12 "
        "months each.",
        "The Council has set fixed prices for the Service (Schedule 1: Price Schedule). Tenders will "
        "be evaluated on quality (80%) and social value (20%) only; bidders must not submit "
        "alternative prices.",
        "In this specification \"the Provider\" means the organisation awarded the contract, and "
        "\"must\" marks a mandatory requirement.",
    ]),
    ("Legal and policy context", [
        "The Provider must deliver the Service in line with the Care Act 2014 (sections 67 and 68) "
        "and the Care and Support (Independent Advocacy Support) (No. 2) Regulations 2014.",
        "IMCA services must be delivered in line with sections 35 to 41 of the Mental Capacity Act "
        "2005 and the Mental Capacity Act 2005 Code of Practice.",
        "IMHA services must be delivered in line with sections 130A to 130D of the Mental Health Act "
        "1983 and chapter 6 of the Mental Health Act 1983 Code of Practice.",
        "NHS complaints advocacy must be delivered in line with section 223A of the Local "
        "Government and Public Involvement in Health Act 2007 and the NHS complaints regulations "
        "2009.",
        "The contract is awarded under the Procurement Act 2023 using the competitive flexible "
        "procedure. The Provider must co-operate with the Council's contract performance "
        "publication duties under the Act, including the publication of key performance "
        "indicators.",
    ]),
    ("Scope of the service", [
        "The Service is for adults aged 18 and over who are ordinarily resident in the borough of "
        "Skelmore, or who are placed out of borough by the Council, and young people in transition "
        "from the age of 17 years and 6 months where the Care Act applies.",
        "The Service must also accept IMHA referrals for any qualifying patient in a hospital or "
        "registered establishment within the borough, wherever the patient is ordinarily resident.",
        "The following are out of scope and are commissioned separately:",
        ("b", [
            "independent advocacy for children and young people under the Children Act 1989, "
            "which is commissioned by Children's Services;",
            "Relevant Person's Representative (paid RPR) services under Schedule A1 of the Mental "
            "Capacity Act 2005, which are provided by the Council's Deprivation of Liberty "
            "Safeguards team;",
            "general (non-statutory) community advocacy, which small providers may offer under "
            "Lot C of the Community Provider Approved List.",
        ]),
    ]),
    ("Eligibility and referral routes", [
        "Referrals for Care Act advocacy must come from the Council's Adult Social Care teams or "
        "from the Council's safeguarding team. The Provider must not accept self-referrals for Care "
        "Act advocacy but must signpost the person to the Adult Social Care Front Door on 01632 "
        "960100.",
        "Referrals for IMCA must come from the decision maker (the NHS body or the Council) who has "
        "the duty to instruct an IMCA.",
        "Referrals for IMHA may come from the qualifying patient, their nearest relative, an "
        "approved mental health professional, or ward staff.",
        "Self-referrals for NHS complaints advocacy must be accepted by telephone, by email, by "
        "post and through the Provider's website.",
        "The Provider must operate a single point of contact, the Skelmore Advocacy Hub, with a "
        "referral telephone line (01632 960780) staffed from 9am to 5pm, Monday to Friday, "
        "excluding bank holidays.",
        "Referrals received after 4pm on a working day are treated as received on the next "
        "working day.",
    ]),
    ("Service delivery requirements", [
        "The Provider must offer a face-to-face meeting to every person referred for Care Act "
        "advocacy, IMCA or IMHA, unless the person asks to meet by telephone or video.",
        "The Provider must hold IMHA drop-in sessions on each acute mental health ward at Skelmore "
        "General Hospital at least once a week, and at Ravensmoor House (the psychiatric intensive "
        "care unit) at least twice a week.",
        "The Provider must produce an IMCA report for the decision maker within 5 working days of "
        "the final meeting with the person, and within 2 working days for serious medical "
        "treatment decisions.",
        "The Provider must offer communication support, including British Sign Language "
        "interpreters, easy-read materials and community language interpreters, at no extra "
        "charge to the Council.",
        "The Provider must close an NHS complaints advocacy case within 20 working days of the "
        "complaint being resolved, and must give the person a closure letter.",
        "The Provider must keep a waiting list only with the written agreement of the Council's "
        "contract manager. Where a waiting list exists, the Provider must contact each person on "
        "it at least every 10 working days.",
    ]),
    ("Response times", [
        "The Provider must meet the response times in Table 1 for every referral. Times run from "
        "the working day the referral is received.",
        ("t", RESPONSE_TIMES),
        "Where the Provider cannot meet a response time, the Provider must tell the referrer the "
        "same working day and give a date for first contact.",
        "Response times are measured and reported as key performance indicators under the "
        "Council's Advocacy and Community Services Contract Monitoring Framework.",
    ]),
    ("Staffing, qualifications and supervision", [
        "All IMCAs and IMHAs must hold, or be working towards, the Level 4 National Qualification "
        "in Independent Advocacy, including the specialist unit for their role. Advocates working "
        "towards the qualification must complete it within 18 months of starting in post.",
        "Care Act advocates must hold the Level 4 Certificate in Independent Advocacy or complete "
        "it within 12 months of starting in post.",
        "Every advocate must receive one-to-one supervision at least every 6 weeks and an annual "
        "appraisal.",
        "All staff and volunteers who meet people using the Service must hold an enhanced DBS "
        "check with a check of the adults' barred list, renewed at least every three years.",
        "The Provider must employ a named Service Manager with at least three years' experience of "
        "managing statutory advocacy, who will be the Council's main contact.",
    ]),
    ("Safeguarding", [
        "The Provider must follow the Skelmore Safeguarding Adults Board multi-agency policy and "
        "procedures.",
        "The Provider must raise a safeguarding concern with the Adult Social Care Front Door on "
        "the same working day that an advocate becomes aware of a risk of abuse or neglect, or "
        "with the Emergency Duty Team on 01632 960999 outside office hours.",
        "The Provider must tell the Council's contract manager within 24 hours of any serious "
        "incident, complaint about an advocate, or allegation against a member of staff or "
        "volunteer.",
    ]),
    ("Outcomes and reporting", [
        "The Provider must submit a quarterly monitoring return to the Council within 15 working "
        "days of the end of each quarter.",
        "IMHA data must also be submitted monthly, by the 10th working day of the following month, "
        "because of the joint reporting arrangement with Skelmore and Calder Valley Integrated Care "
        "Board.",
        "The Provider must survey people who have used the Service at case closure. The Council "
        "expects at least 85% of respondents to say the advocate helped them to be heard.",
        "The Provider must publish an annual report by 30 June each year covering the previous "
        "financial year.",
    ]),
    ("Contract management", [
        "The Council will hold contract review meetings with the Provider every quarter in the "
        "first year of the contract and every six months after that, unless performance gives "
        "cause for concern.",
        "The Council will manage underperformance in line with the remedies in the Advocacy and "
        "Community Services Contract Monitoring Framework, including performance improvement "
        "notices and service credits.",
        "Prices for any extension period will be agreed between the Council and the Provider "
        "before the extension starts, in line with the price review clause of the contract.",
        "The Provider must give the Council at least 6 months' notice of any planned change to "
        "the locations from which the Service is delivered.",
    ]),
    ("Service hours and locations", [
        "The Skelmore Advocacy Hub must be open to the public from 9am to 5pm, Monday to Friday, "
        "at a location in Skelmore town centre that is fully accessible.",
        "The Provider must run outreach surgeries at Brindlecross Library and Oldhaven Community "
        "Centre at least once a fortnight.",
        "The Provider must offer appointments until 7pm on at least one weekday evening each week.",
        ("p", "Table 2 below lists the minimum outreach pattern."),
        ("t", [
            ["Location", "Minimum frequency", "Day and time"],
            ["Brindlecross Library", "Fortnightly", "Tuesday, 10am to 1pm"],
            ["Oldhaven Community Centre", "Fortnightly", "Thursday, 1pm to 4pm"],
            ["Skelmore General Hospital (acute wards)", "Weekly", "Agreed with ward managers"],
            ["Ravensmoor House (PICU)", "Twice weekly", "Monday and Friday mornings"],
        ]),
    ]),
    ("Information, records and data protection", [
        "The Provider is a data controller for the advocacy records it creates and must comply "
        "with the UK General Data Protection Regulation and the Data Protection Act 2018.",
        "The Provider must keep advocacy case records for 6 years after the case is closed, and "
        "IMHA records for 8 years after the case is closed.",
        "The Provider must report any personal data breach involving Council referral information "
        "to the Council's Data Protection Officer within 24 hours of becoming aware of it.",
        "The Provider must use the Council's secure email service or the referral portal to "
        "receive referrals. Referrals must not be accepted by text message or social media.",
    ]),
    ("Social value", [
        "The Provider must deliver the social value commitments in its tender, which will be "
        "included in the contract and monitored every six months.",
        "The Council expects the Provider to recruit at least 30% of its advocates and volunteers "
        "from people who live in the borough, and to offer at least two paid apprenticeships or "
        "work placements a year to people with lived experience of mental ill health or disability.",
        "The Provider must pay all staff working on the contract at least the Real Living Wage.",
    ]),
    ("Mobilisation and exit", [
        "The mobilisation period runs from contract award to 31 March 2027. The Provider must "
        "attend weekly mobilisation meetings with the Council during this period.",
        "The Provider must take over all open cases from the outgoing providers on 1 April 2027 "
        "and must contact every person with an open case within 10 working days of that date.",
        "The Transfer of Undertakings (Protection of Employment) Regulations 2006 (TUPE) may apply. "
        "The Council will share anonymised TUPE information from the outgoing providers with "
        "bidders during the tender.",
        "At the end of the contract the Provider must produce an exit plan at least 6 months before "
        "the expiry date and must transfer open case records securely to any new provider.",
    ]),
]


def _add_numbering(doc: Document) -> int:
    """Add a Word multilevel list (1. / 1.1) and link it to Heading 1, as Word does."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="18">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        '</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="18"><w:abstractNumId w:val="18"/></w:num>'))
    _set_numpr(doc.styles["Heading 1"].element.get_or_add_pPr(), 18, 0)
    return 18


def _set_numpr(ppr, num_id: int, ilvl: int) -> None:
    """Add w:numPr in schema order (Word rejects out-of-order pPr children)."""
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def _num(paragraph, num_id: int, ilvl: int) -> None:
    _set_numpr(paragraph._p.get_or_add_pPr(), num_id, ilvl)


def _table(doc: Document, rows: list[list[str]], caption: str | None = None) -> None:
    if caption:
        cap = doc.add_paragraph(caption, style="Caption")
        cap.runs[0].bold = True
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            if r == 0:
                cell.paragraphs[0].runs[0].bold = True
    doc.add_paragraph()


def build_docx(path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    num_id = _add_numbering(doc)
    for line in ("Title: Skelmore Integrated Advocacy Service – Service Specification",
                 "Owner: Head of Commissioning (Adults and Health)",
                 "Version: 1.2",
                 "Review date: 2027-09-30",
                 "Audience: public"):
        doc.add_paragraph(line)
    title = doc.add_paragraph("Skelmore Integrated Advocacy Service", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.add_paragraph("Service Specification – Lot 1, Adults and Health Recommissioning "
                      "Programme 2026–27", style="Subtitle")
    table_no = 0
    for heading, items in SPEC:
        doc.add_heading(heading, level=1)
        for item in items:
            if isinstance(item, str):
                p = doc.add_paragraph(item)
                _num(p, num_id, 1)
            elif item[0] == "p":
                doc.add_paragraph(item[1])
            elif item[0] == "b":
                for bullet in item[1]:
                    doc.add_paragraph(bullet, style="List Bullet")
            elif item[0] == "t":
                table_no += 1
                label = ("Table 1: Response times by referral type" if table_no == 1
                         else "Table 2: Minimum outreach pattern")
                _table(doc, item[1], label)
    sched = doc.add_heading("Schedule 1: Price Schedule", level=1)
    _num(sched, 0, 0)  # numbering switched off for the schedule, as Word does with numId 0
    doc.add_paragraph(
        "The prices below are fixed by the Council for the initial term. Prices are exclusive of "
        "VAT and include all travel, interpreting and management costs.")
    _table(doc, PRICES, "Table 3: Fixed prices by contract year")
    doc.add_paragraph(
        "Advocacy hours are billed in units of 15 minutes. Travel time within the borough is "
        "included in the hourly price and must not be billed separately.")
    doc.add_paragraph(
        "Invoices must be submitted monthly in arrears, with the activity report for the month "
        "attached.")
    cp = doc.core_properties
    cp.title = "Skelmore Integrated Advocacy Service – Service Specification"
    cp.author = "Head of Commissioning (Adults and Health)"
    cp.category = "public"
    cp.subject = "version 1.2"
    cp.keywords = "audience: public"
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_modified_by = "Commissioning Team"
    cp.revision = 4
    buf = io.BytesIO()
    doc.save(buf)
    _deterministic_zip(buf.getvalue(), path)


def _deterministic_zip(blob: bytes, path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 2, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(out.getvalue())


# ---------------------------------------------------------------------------
# PDF: Advocacy and Community Services Contract Monitoring Framework
# ---------------------------------------------------------------------------
PDF_TITLE = "Advocacy and Community Services Contract Monitoring Framework"

DEFINITIONS = [
    ("Working Day", "any day other than a Saturday, a Sunday or a bank holiday in England."),
    ("Quarter", "each period of three months ending on 30 June, 30 September, 31 December and "
     "31 March."),
    ("Referral", "a request for a service that contains the minimum information set out in the "
     "relevant service specification. A request that lacks that information is not a Referral "
     "until the missing information is received."),
    ("First Contact", "the first time the provider speaks with the person referred, by any means. "
     "A voicemail or a letter is not First Contact."),
    ("Missed Meal", "a community meal that was ordered but not delivered, or delivered more than 60 "
     "minutes outside the agreed delivery window."),
    ("Delivery Window", "the 30-minute period agreed with each community meals customer for the "
     "delivery of a hot meal."),
    ("Performance Improvement Notice", "a written notice from the Council identifying a failure to "
     "meet a KPI target and requiring a Remedial Action Plan."),
    ("Service Credit", "a deduction from the monthly invoice applied under section 6 of this "
     "framework."),
]

KPIS = [
    ["KPI", "Measure", "Target", "Reported"],
    ["KPI 1", "IMCA serious medical treatment referrals with First Contact within 1 Working Day",
     "95%", "Quarterly"],
    ["KPI 2", "Care Act advocacy routine referrals with First Contact within 3 Working Days",
     "90%", "Quarterly"],
    ["KPI 3", "IMHA referrals for patients detained under section 2 with First Contact within 1 "
     "Working Day", "95%", "Monthly"],
    ["KPI 4", "NHS complaints advocacy referrals acknowledged within 3 Working Days", "90%",
     "Quarterly"],
    ["KPI 5", "Hot community meals delivered within the Delivery Window", "95%", "Monthly"],
    ["KPI 6", "Missed Meals as a share of meals ordered", "No more than 0.5%", "Monthly"],
    ["KPI 7", "Day-time wellbeing places used as a share of places commissioned", "85%",
     "Quarterly"],
    ["KPI 8", "Quarterly monitoring returns received within 15 Working Days of Quarter end",
     "100%", "Quarterly"],
]

PDF_SECTIONS = [
    ("1. Purpose", [
        "1.1 This framework explains how Skelmore Metropolitan Borough Council (the Council) "
        "monitors the performance of contracts for statutory advocacy, community meals and "
        "day-time wellbeing services, and of call-off contracts awarded under the Community "
        "Provider Approved List.",
        "1.2 The framework forms part of every contract listed in paragraph 1.1. Where a contract "
        "and this framework disagree, the contract takes precedence.",
        "1.3 The Council publishes key performance indicators for contracts worth more than "
        "£5 million, as the Procurement Act 2023 requires, and also publishes a summary of KPI "
        "performance for every contract covered by this framework once a year.",
    ]),
    ("2. Definitions", None),
    ("3. Reporting cycle", [
        "3.1 Providers must submit a quarterly monitoring return through the Council's contract "
        "management portal within 15 Working Days of the end of each Quarter.",
        "3.2 Community meals providers must also submit monthly delivery data by the 5th Working "
        "Day of the following month, including every Missed Meal and its reason.",
        "3.3 IMHA providers must submit monthly data by the 10th Working Day of the following month.",
        "3.4 Approved List providers with call-off contracts worth less than £25,000 a year submit "
        "a simplified return every six months instead of a quarterly return.",
    ]),
    ("4. Key performance indicators", "KPI"),
    ("5. Contract review meetings", [
        "5.1 The Council holds a contract review meeting every Quarter with each provider whose "
        "contract is worth £250,000 a year or more.",
        "5.2 The Council holds a contract review meeting every six months with each provider whose "
        "contract is worth less than £250,000 a year, including Approved List providers.",
        "5.3 The provider must send its papers for a contract review meeting at least 5 Working "
        "Days before the meeting.",
        "5.4 The Council will send the notes of a contract review meeting to the provider within "
        "10 Working Days of the meeting.",
    ]),
    ("6. Performance remedies", [
        "6.1 Where a provider misses a KPI target in a Quarter, the contract manager will discuss "
        "the reasons at the next contract review meeting.",
        "6.2 Where a provider misses the same KPI target in two consecutive Quarters, the Council "
        "may issue a Performance Improvement Notice.",
        "6.3 The provider must submit a Remedial Action Plan within 20 Working Days of receiving a "
        "Performance Improvement Notice.",
        "6.4 Where the failure relates to safeguarding or to the safety of people using the "
        "service, the provider must submit a Remedial Action Plan within 10 Working Days.",
        "6.5 Where a Remedial Action Plan has not brought performance back to target within two "
        "Quarters, the Council may apply a Service Credit of 2% of the monthly invoice for each "
        "KPI still missed, up to a maximum of 10% of the monthly invoice.",
        "6.6 Service Credits do not apply to Approved List call-off contracts worth less than "
        "£25,000 a year.",
    ]),
    ("7. Escalation and termination", [
        "7.1 Where performance does not improve after Service Credits have applied for two "
        "Quarters, the matter is escalated to the Head of Commissioning (Adults and Health).",
        "7.2 The Council may terminate a contract for persistent underperformance in line with the "
        "contract's termination clause and section 78 of the Procurement Act 2023.",
        "7.3 The Council will publish a contract termination notice within 30 days of terminating "
        "a contract.",
    ]),
]


class FrameworkPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, "Skelmore Metropolitan Borough Council   |   " + PDF_TITLE,
                  new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Version 1.3   November 2026   Page {self.page_no()} of {{nb}}",
                  align="C")
        self.set_text_color(0, 0, 0)


def _para(pdf: FPDF, text: str) -> None:
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def build_pdf(path: Path) -> None:
    pdf = FrameworkPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title(PDF_TITLE)
    pdf.set_author("Head of Commissioning (Adults and Health)")
    pdf.set_subject("version 1.3")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Microsoft Word for Microsoft 365")
    pdf.set_producer("Microsoft Word for Microsoft 365")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    for line in ("Title: " + PDF_TITLE, "Owner: Head of Commissioning (Adults and Health)",
                 "Version: 1.3", "Review date: 2027-11-30", "Audience: public"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "Statutory advocacy, community meals, day-time wellbeing services and "
                   "the Community Provider Approved List", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for heading, body in PDF_SECTIONS:
        pdf.start_section(heading)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        if body is None:
            _para(pdf, "2.1 In this framework the following words have the meanings given below.")
            for term, meaning in DEFINITIONS:
                pdf.set_font("Helvetica", "", 10)
                pdf.multi_cell(0, 5, f"**{term}** means {meaning}", markdown=True,
                               new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
        elif body == "KPI":
            _para(pdf, "4.1 The KPIs below apply to the contracts named in paragraph 1.1. "
                  "Targets are measured over each reporting period.")
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(col_widths=(16, 110, 30, 24), line_height=5,
                           text_align="LEFT") as table:
                for r, row in enumerate(KPIS):
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(3)
            _para(pdf, "4.2 A KPI target is missed when performance over the reporting period is "
                  "below the target, rounded to one decimal place.")
            _para(pdf, "4.3 Referrals that the person declines, or that are withdrawn by the "
                  "referrer before First Contact, are excluded from KPIs 1 to 4.")
        else:
            for text in body:
                _para(pdf, text)
    pdf.output(str(path))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_docx(OUT / "integrated-advocacy-service-specification.docx")
    build_pdf(OUT / "advocacy-and-community-services-monitoring-framework.pdf")


if __name__ == "__main__":
    main()
