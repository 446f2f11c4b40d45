"""Deterministic builder for the binary documents of the twentythird_council library
(Fernhallow Council, adult social care and public health commissioning).

Writes into tests/data/twentythird_council/:
  - independent-advocacy-service-specification.docx   (public,   python-docx)
  - commissioning-budget-and-negotiation-plan-2025-26.docx (internal, python-docx)
  - hospital-discharge-reablement-provider-guide.pdf   (public,   fpdf2, no outline)

All dates inside the files are fixed, and the .docx zip entries get a fixed
timestamp, so two runs give byte-identical files.

Run:  .venv/bin/python tests/data/twentythird_council_src/build.py
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parent.parent / "twentythird_council"
FIXED = dt.datetime(2025, 10, 1, 9, 0, 0)
FIXED_UTC = dt.datetime(2025, 10, 1, 9, 0, 0, tzinfo=dt.timezone.utc)

# ---------------------------------------------------------------------------
# Document content. Blocks: ("control", [lines]), ("h1"|"h2"|"h3", text),
# ("p", text), ("table", [header, row, ...]).
# ---------------------------------------------------------------------------

ADVOCACY = {
    "file": "independent-advocacy-service-specification.docx",
    "title": "Independent Advocacy Service Specification 2026-2031",
    "owner": "Commissioning Manager, Prevention and Wellbeing",
    "version": "1.2",
    "audience": "public",
    "keywords": "audience: public",
    "header": "Fernhallow Council | Independent Advocacy Service Specification 2026-2031",
    "blocks": [
        ("control", [
            "Title: Independent Advocacy Service Specification 2026-2031",
            "Owner: Commissioning Manager, Prevention and Wellbeing",
            "Version: 1.2",
            "Review date: 2026-10-01",
            "Audience: public",
        ]),
        ("h1", "Independent Advocacy Service Specification 2026-2031"),
        ("p", "Fernhallow Council is inviting tenders for one integrated independent advocacy service for adults. "
              "This specification describes the service, the response times, staffing, performance measures, "
              "payment terms and the tender timetable. It forms part of the tender documents and will become "
              "Schedule 2 of the contract."),
        ("h2", "1. Introduction and contract term"),
        ("p", "1.1 Fernhallow Council is commissioning one Independent Advocacy Hub to deliver all statutory and "
              "community advocacy for adults in Fernhallow through a single point of contact."),
        ("p", "1.2 The contract starts on 1 April 2026 and runs for an initial term of three years to 31 March 2029. "
              "The council may extend the contract by up to two further years, to 31 March 2031 at the latest."),
        ("p", "1.3 The estimated annual contract value is £1,180,000, excluding VAT. The contract is a block contract, "
              "and the contract price covers every advocacy type in section 2."),
        ("p", "1.4 The service is being procured under the light touch regime of the Procurement Act 2023, using a "
              "competitive flexible procedure with an optional presentation stage."),
        ("h2", "2. Types of advocacy in scope"),
        ("p", "2.1 The provider must deliver every advocacy type in the table below to adults who live in Fernhallow "
              "or for whom Fernhallow Council is responsible."),
        ("table", [
            ["Advocacy type", "Legal basis", "Who is eligible"],
            ["Care Act advocacy", "Care Act 2014, sections 67 and 68",
             "Adults who would have substantial difficulty taking part in a needs assessment, care planning, "
             "review or safeguarding enquiry and who have no appropriate person to support them"],
            ["Independent Mental Health Advocacy (IMHA)", "Mental Health Act 1983, section 130A",
             "Patients detained under the Mental Health Act, on a community treatment order or subject to guardianship"],
            ["Independent Mental Capacity Advocacy (IMCA)", "Mental Capacity Act 2005, sections 35 to 41",
             "People who lack capacity to decide about serious medical treatment or a long-term move and have no one else to consult"],
            ["Relevant Person's Paid Representative (RPR)", "Mental Capacity Act 2005, Schedule A1",
             "People subject to a Deprivation of Liberty Safeguards (DoLS) authorisation who have no unpaid representative"],
            ["NHS Complaints Advocacy", "Health and Social Care Act 2012, section 185",
             "Anyone making, or thinking of making, a complaint about an NHS service"],
            ["Community advocacy", "Non-statutory",
             "Adults with a mental health need, a learning disability or autism who need help to be heard but do not qualify for statutory advocacy"],
        ]),
        ("p", "2.2 The provider must not charge any person for advocacy under this contract."),
        ("h2", "3. Response times"),
        ("p", "3.1 The provider must meet the response times below, counted in working days from the day the "
              "referral is received by the Advocacy Hub."),
        ("table", [
            ["Advocacy type", "First contact with the person", "Advocate allocated"],
            ["IMCA - serious medical treatment", "1 working day", "2 working days"],
            ["IMCA - long-term accommodation move", "3 working days", "5 working days"],
            ["IMHA - detained patient", "2 working days", "3 working days"],
            ["Care Act advocacy", "5 working days", "10 working days"],
            ["Relevant Person's Paid Representative (RPR)", "7 working days", "10 working days"],
            ["NHS Complaints Advocacy", "10 working days", "15 working days"],
            ["Community advocacy", "15 working days", "30 working days"],
        ]),
        ("p", "3.2 Where the council marks a Care Act safeguarding referral as urgent, the provider must make first "
              "contact with the person within 1 working day."),
        ("p", "3.3 The provider may keep a waiting list for community advocacy, but no person may wait more than "
              "6 weeks from referral for a community advocate to start work with them."),
        ("h2", "4. Staffing, qualifications and caseloads"),
        ("p", "4.1 Every statutory advocate must hold the Level 4 National Qualification in Independent Advocacy, or "
              "achieve it within 12 months of starting, including the specialist unit for each type of statutory "
              "advocacy the advocate delivers."),
        ("p", "4.2 The provider must employ at least 14.5 full-time equivalent (FTE) advocates across the service, "
              "as well as a service manager and a referral coordinator."),
        ("p", "4.3 A full-time Care Act advocate may hold no more than 40 open cases at any one time. A full-time "
              "IMHA may hold no more than 30 open cases at any one time."),
        ("p", "4.4 Every member of staff and every volunteer must have an enhanced Disclosure and Barring Service "
              "(DBS) check including the adult barred list before working with any person."),
        ("p", "4.5 Every advocate must receive individual supervision at least once every 6 weeks from a qualified "
              "advocacy supervisor."),
        ("h2", "5. Access to the service"),
        ("p", "5.1 The Advocacy Hub must take referrals by phone, email, text message and an online form. The phone "
              "line must be staffed from 9am to 5pm, Monday to Friday, and an answerphone at other times must be "
              "checked by 10am each working day."),
        ("p", "5.2 The provider must accept self-referrals for Care Act advocacy, IMHA, NHS Complaints Advocacy and "
              "community advocacy. IMCA and RPR referrals must come from the council or the responsible NHS body, "
              "as the law requires."),
        ("p", "5.3 The provider must arrange spoken language interpreters and British Sign Language (BSL) interpreters "
              "free of charge to the person."),
        ("p", "5.4 An IMHA must visit each of the three acute mental health wards at Fernhallow Park Hospital at least "
              "once a week, whether or not there are open referrals on the ward."),
        ("h2", "6. Outcomes and key performance indicators"),
        ("p", "6.1 The provider will be monitored against the key performance indicators (KPIs) below."),
        ("table", [
            ["KPI", "Measure", "Target"],
            ["KPI 1", "Referrals contacted within the response times in section 3", "95%"],
            ["KPI 2", "People who say their advocate helped them to be heard", "85%"],
            ["KPI 3", "Statutory advocates holding or working towards the Level 4 qualification", "100%"],
            ["KPI 4", "Complaints about the service answered within 20 working days", "100%"],
        ]),
        ("p", "6.2 The provider must send a quarterly monitoring report within 15 working days of the end of each "
              "quarter and an annual report by 30 June each year."),
        ("h2", "7. Price and payment"),
        ("p", "7.1 The council pays the contract price quarterly in advance, in four equal instalments."),
        ("p", "7.2 The contract price includes up to 120 Relevant Person's Paid Representative (RPR) cases in each "
              "contract year. The council pays £385 per case for each RPR case above 120 in a contract year."),
        ("p", "7.3 The provider meets the cost of interpreting and translation up to £6,000 in each contract year. "
              "The council reimburses interpreting and translation costs above £6,000 in a contract year at cost, "
              "on invoice."),
        ("p", "7.4 The contract price is fixed for the first two contract years. From 1 April 2028 the council will "
              "review the contract price each year."),
        ("h2", "8. Safeguarding"),
        ("p", "8.1 An advocate who has a safeguarding concern about an adult must report it to the council's Adult "
              "Social Care Front Door on the same working day."),
        ("p", "8.2 The provider must tell the council's contract manager about any serious incident involving a "
              "person using the service within 24 hours."),
        ("h2", "9. Tender timetable and evaluation"),
        ("p", "9.1 The tender will follow the timetable below. All times are UK time."),
        ("table", [
            ["Stage", "Date"],
            ["Tender notice published", "20 October 2025"],
            ["Deadline for clarification questions", "14 November 2025 at 12 noon"],
            ["Tender return deadline", "5 December 2025 at 12 noon"],
            ["Presentations by shortlisted bidders", "13 January 2026"],
            ["Assessment summaries sent and contract award notice published", "23 January 2026"],
            ["Standstill period ends", "4 February 2026"],
            ["Contract start", "1 April 2026"],
        ]),
        ("p", "9.2 Tenders will be evaluated 60% on quality and 40% on price. The quality score includes social value, "
              "which carries 10% of the total score."),
        ("h2", "10. Frequently asked questions"),
        ("h3", "Will TUPE apply?"),
        ("p", "The council expects the Transfer of Undertakings (Protection of Employment) Regulations 2006 (TUPE) to "
              "apply to staff of the current advocacy provider. Anonymised staff information will be released to "
              "bidders who sign the confidentiality undertaking."),
        ("h3", "Can we subcontract part of the service?"),
        ("p", "Yes. The provider may subcontract up to 30% of the contract value with the council's written approval. "
              "Every subcontractor must meet the same qualification and DBS requirements as the provider."),
        ("h3", "Can we bid as a consortium?"),
        ("p", "Yes. A consortium must name one lead provider, which signs the contract and is responsible for the "
              "whole service."),
        ("h3", "Where must the service be based?"),
        ("p", "The provider must have an accessible office in Fernhallow where people can meet an advocate in "
              "private, and must offer appointments in the North, Central and Coastal localities."),
    ],
}

BUDGET = {
    "file": "commissioning-budget-and-negotiation-plan-2025-26.docx",
    "title": "Adult Social Care Commissioning Budget and Negotiation Plan 2025/26",
    "owner": "Head of Adult Social Care Commissioning",
    "version": "0.9",
    "audience": "internal",
    "keywords": "audience: internal; classification: OFFICIAL-SENSITIVE",
    "header": "OFFICIAL-SENSITIVE",
    "blocks": [
        ("control", [
            "Title: Adult Social Care Commissioning Budget and Negotiation Plan 2025/26",
            "Owner: Head of Adult Social Care Commissioning",
            "Version: 0.9",
            "Review date: 2026-03-31",
            "Audience: internal",
            "Classification: OFFICIAL-SENSITIVE",
        ]),
        ("h1", "Adult Social Care Commissioning Budget and Negotiation Plan 2025/26"),
        ("p", "This plan is for officers of Fernhallow Council only. It must not be shared with providers, bidders or "
              "their advisers. It sets out the commissioning budget for 2025/26, the positions officers may take in "
              "negotiations with providers, and dates that have been planned but not yet announced."),
        ("h2", "1. Purpose and use"),
        ("p", "1.1 This plan sets the 2025/26 commissioning budget for the services bought by the Adult Social Care "
              "Commissioning Team and the negotiating limits that apply to those services."),
        ("p", "1.2 Officers may use the positions in sections 3, 4 and 5 in negotiation, but must never tell a "
              "provider what the ceiling or walk-away position is."),
        ("p", "1.3 Any agreement outside the limits in this plan must be approved in advance by the Director of "
              "Adult Social Services (DASS)."),
        ("h2", "2. Commissioning budget 2025/26"),
        ("table", [
            ["Budget line", "Budget 2025/26", "Forecast outturn at Quarter 2"],
            ["Mental health supported housing framework (all Lots)", "£9.6 million", "£9.82 million"],
            ["Reablement and bridging care (Pathway 1)", "£6.85 million", "£7.12 million"],
            ["Discharge to assess beds (Pathway 2 and Pathway 3)", "£4.3 million", "£4.55 million"],
            ["Independent advocacy (current contract)", "£1.05 million", "£1.05 million"],
            ["Carers' and voluntary sector grants", "£640,000", "£640,000"],
            ["Hospital discharge surge incentive payments", "£180,000", "£265,000"],
        ]),
        ("p", "2.2 The total commissioning budget for 2025/26 is £22.62 million. The Quarter 2 forecast is an "
              "overspend of £825,000 against that budget."),
        ("p", "2.3 The commissioning budget must deliver savings of £1.45 million in 2025/26: £600,000 from fewer "
              "people needing ongoing care after reablement, £450,000 from faster move-on from supported housing, "
              "and £400,000 from fewer discharge to assess bed days."),
        ("p", "2.4 The main cause of the forecast overspend is the number of Pathway 1 hours bought above plan "
              "during the summer, when discharge demand was 11% higher than in 2024/25."),
        ("p", "2.5 The Adult Social Care Finance Business Partner monitors every budget line monthly. Any budget line "
              "forecast to overspend by more than 5% must have a recovery plan agreed within 15 working days."),
        ("h2", "3. Negotiation positions: supported housing"),
        ("p", "3.1 The published Lot 1 daytime support rate is £24.80 per hour. For a complex Lot 1 placement, such "
              "as a person with a forensic history or a person leaving secure care, officers may agree a rate of up "
              "to £26.10 per hour with the approval of the Head of Adult Social Care Commissioning. £26.10 per hour "
              "is the ceiling for Lot 1 and must not be exceeded."),
        ("p", "3.2 Officers must not agree any Lot 3 floating support rate above the published rate of £22.40 per hour."),
        ("p", "3.3 For the 2026/27 rate review, the council plans to offer supported housing providers an uplift "
              "of 3.2%. The walk-away position is an uplift of 4.5%. Any uplift above 4.5% needs a decision by the "
              "Cabinet Member for Adult Social Care."),
        ("p", "3.4 The 2026/27 supported housing rates will be announced to providers by 31 May 2026."),
        ("h2", "4. Negotiation positions: reablement and discharge"),
        ("p", "4.1 The published reablement rate is £27.40 per hour. Where no provider on the Home Care and "
              "Reablement Dynamic Purchasing System will accept a Pathway 1 package in rural zone R2, officers may "
              "agree up to £28.90 per hour, including the rural supplement, for that package only."),
        ("p", "4.2 For a Pathway 3 discharge to assess nursing bed, officers may agree up to £1,320 per bed per week "
              "where the care home has a specialist dementia nursing unit."),
        ("p", "4.3 The council plans to end the OPEL 4 surge incentive payment from 1 April 2026. Providers must not "
              "be told of this until the Cabinet Member has signed the decision."),
        ("p", "4.4 Officers must not agree any bridging care rate above the published rate of £25.90 per hour, "
              "including in rural zones, because bridging care is meant to last no more than 4 weeks."),
        ("h2", "5. Advocacy tender affordability"),
        ("p", "5.1 The published estimated annual value of the new advocacy contract is £1,180,000. The affordability "
              "ceiling for the new advocacy contract is £1,240,000 a year."),
        ("p", "5.2 A bid priced between £1,180,000 and £1,240,000 a year may be accepted only if its quality score "
              "is at least 75%. A bid priced above £1,240,000 a year will be rejected."),
        ("h2", "6. Planned dates not yet announced"),
        ("table", [
            ["Planned event", "Planned date", "Decision maker"],
            ["Cabinet report on two new Lot 1 High Support Accommodation schemes", "11 March 2026", "Cabinet"],
            ["Carers' and voluntary sector grants Round 3 (2026/27) opens", "1 June 2026",
             "Cabinet Member for Adult Social Care"],
            ["Home Care and Reablement Dynamic Purchasing System re-let: tender published", "5 October 2026",
             "Director of Adult Social Services"],
        ]),
        ("p", "6.2 The grants budget for Round 3 in 2026/27 is planned to be £600,000, which is £40,000 less than "
              "in 2025/26. Strand C will not be offered in Round 3."),
        ("h2", "7. Risks"),
        ("p", "7.1 The largest market risk is the loss of Lot 1 capacity if a Lot 1 provider leaves the Framework, "
              "because Lot 1 will not reopen to new providers."),
        ("p", "7.2 The National Living Wage increase in April 2026 is expected to add about £1.1 million to the cost "
              "of commissioned services in 2026/27 before any uplift is agreed."),
        ("p", "7.3 If the suspension of new placements at Larchfield Court continues beyond January 2026, Lot 2 "
              "capacity in the Central locality falls by 9 beds and more people will wait in hospital for step-down "
              "accommodation."),
        ("p", "7.4 The new advocacy contract may cost more than the current contract because it adds NHS Complaints "
              "Advocacy and a higher minimum staffing level of 14.5 full-time equivalent advocates."),
        ("h2", "8. Approval"),
        ("p", "8.1 This plan was approved by the Director of Adult Social Services on 30 September 2025 and will be "
              "reviewed at the end of Quarter 3."),
    ],
}

DISCHARGE = {
    "file": "hospital-discharge-reablement-provider-guide.pdf",
    "title": "Hospital Discharge and Reablement Provider Guide 2025/26",
    "owner": "Service Manager, Integrated Discharge",
    "version": "2.3",
    "keywords": "audience: public",
    "footer": "Fernhallow Council - Hospital Discharge and Reablement Provider Guide 2025/26 - version 2.3",
    "blocks": [
        ("control", [
            "Title: Hospital Discharge and Reablement Provider Guide 2025/26",
            "Owner: Service Manager, Integrated Discharge",
            "Version: 2.3",
            "Review date: 2026-09-30",
            "Audience: public",
        ]),
        ("h1", "Hospital Discharge and Reablement Provider Guide 2025/26"),
        ("p", "This guide is for home care providers on the Fernhallow Home Care and Reablement Dynamic Purchasing "
              "System (DPS) and for care homes that take discharge to assess placements. It explains how the "
              "Integrated Discharge Hub sends requests, how quickly providers must respond, and what the council pays."),
        ("h2", "1. About this guide"),
        ("p", "1.1 The Integrated Discharge Hub is run jointly by Fernhallow Council and Fernhallow and Coast NHS "
              "Foundation Trust. The Hub arranges care for adults leaving Fernhallow General Hospital, Fernhallow "
              "Park Hospital and the two community hospitals."),
        ("p", "1.2 This guide applies from 7 April 2025 to 5 April 2026 and replaces version 2.2."),
        ("h2", "2. Discharge pathways"),
        ("p", "2.1 Every person leaving hospital is given one of the four national discharge pathways."),
        ("table", [
            ["Pathway", "Who it is for", "What the provider does"],
            ["Pathway 0", "People going home with no new support", "No provider involvement"],
            ["Pathway 1", "People going home with new support", "Reablement or bridging care at home"],
            ["Pathway 2", "People needing short-term rehabilitation in a bed", "Reablement bed in a care home"],
            ["Pathway 3", "People likely to need long-term care in a care home", "Discharge to assess (D2A) bed"],
        ]),
        ("h2", "3. Responding to a request"),
        ("p", "3.1 The Hub sends every request through the Fernhallow Brokerage Portal between 8am and 8pm, seven "
              "days a week."),
        ("p", "3.2 For a Pathway 1 request sent before 4pm, the provider must confirm whether it accepts the request "
              "within 2 hours. For a Pathway 1 request sent after 4pm, the provider must confirm by 10am the next day."),
        ("p", "3.3 Pathway 1 care must start within 24 hours of the provider accepting the request. A person on "
              "Pathway 2 or Pathway 3 must be admitted to the bed within 48 hours of the care home accepting the request."),
        ("p", "3.4 For Pathway 1, the provider's first visit must take place at the person's home on the day of "
              "discharge, at or before the time the person arrives home."),
        ("p", "3.5 A provider that accepts a request and then cannot start the care must tell the Hub at once, and "
              "at least 4 hours before the planned start, so that the Hub can find another provider."),
        ("h2", "4. Reablement"),
        ("p", "4.1 Reablement is short-term support to help a person regain skills and confidence at home. "
              "Reablement is free of charge to the person for up to 6 weeks."),
        ("p", "4.2 The provider must review the person's progress with the Hub therapist on day 10 of reablement "
              "and at least once a week after that."),
        ("p", "4.3 Where a person is likely to need ongoing care after reablement, the provider must tell the Hub "
              "at least 5 working days before reablement is due to end."),
        ("p", "4.4 Every reablement worker must complete the council's five-day reablement induction before "
              "working alone."),
        ("h2", "5. Bridging care"),
        ("p", "5.1 Bridging care is temporary home care for a person who is ready to leave hospital while the "
              "council finds a long-term home care provider."),
        ("p", "5.2 A bridging care package may last for up to 4 weeks. After 4 weeks the Hub reviews the package "
              "and either extends it by up to 2 more weeks or moves it to a long-term provider."),
        ("h2", "6. Rates 2025/26"),
        ("p", "6.1 The council pays the rates below for care arranged through the Hub from 7 April 2025 to "
              "5 April 2026. Rates do not include VAT."),
        ("table", [
            ["Service", "Unit", "Rate"],
            ["Reablement (Pathway 1)", "per hour", "£27.40"],
            ["Bridging care (Pathway 1)", "per hour", "£25.90"],
            ["Rural supplement (zones R1 and R2)", "per hour", "£1.80"],
            ["Reablement bed (Pathway 2)", "per bed per week", "£1,085"],
            ["D2A residential bed (Pathway 3)", "per bed per week", "£960"],
            ["D2A nursing bed (Pathway 3)", "per bed per week", "£1,240"],
            ["Bed held for a Pathway 3 admission", "per night", "£95"],
        ]),
        ("p", "6.2 The minimum Pathway 1 call is 30 minutes. After the first 30 minutes, Pathway 1 calls are paid "
              "in units of 15 minutes."),
        ("p", "6.3 The council pays the Pathway 3 bed-held rate for up to 3 nights while the person is waiting to "
              "leave hospital, as long as the care home confirmed acceptance within the time in clause 3.3."),
        ("p", "6.4 A call that needs two carers at the same time is paid at the Pathway 1 hourly rate for each carer."),
        ("h2", "7. Trusted assessors"),
        ("p", "7.1 The Hub's trusted assessors assess people on behalf of care homes. A care home must accept a "
              "trusted assessor assessment and must not ask to reassess the person in hospital before admission."),
        ("p", "7.2 A care home that disagrees with a trusted assessor assessment must raise it with the Hub team "
              "leader within 4 hours of receiving it."),
        ("h2", "8. Invoicing and payment"),
        ("p", "8.1 Providers invoice every four weeks through the Fernhallow Brokerage Portal, within 30 days of the "
              "end of the four-week period."),
        ("p", "8.2 The council pays a valid discharge or reablement invoice within 14 days of receiving it."),
        ("p", "8.3 A provider that disputes a payment must raise the dispute within 10 working days of the "
              "remittance advice."),
        ("h2", "9. Surge and escalation"),
        ("p", "9.1 When the hospital declares OPEL 3 or OPEL 4 (Operational Pressures Escalation Levels), the Hub "
              "may ask providers to confirm Pathway 1 requests within 1 hour."),
        ("p", "9.2 During OPEL 4, the council pays a surge incentive of £150 for each Pathway 1 package that starts "
              "within 12 hours of the request."),
        ("h2", "10. Frequently asked questions"),
        ("h3", "What if the person is not at home when we arrive?"),
        ("p", "Call the Hub straight away on 01632 960 520. Do not leave until the Hub has confirmed where the "
              "person is. A first visit missed because the person was not discharged is paid at 30 minutes."),
        ("h3", "Does the person pay for reablement?"),
        ("p", "No. Reablement is free to the person for up to 6 weeks. Bridging care is charged to the person under "
              "the council's charging policy once the person has had a financial assessment."),
        ("h3", "Who pays for equipment?"),
        ("p", "Equipment is provided free by the Fernhallow Community Equipment Service and is ordered by the Hub "
              "therapist. Providers must not buy equipment and recharge it to the council."),
        ("h3", "Who do we contact out of hours?"),
        ("p", "Between 8pm and 8am, contact the council's Emergency Duty Team on 01632 960 999."),
    ],
}


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed timestamp on every entry, keeping order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=(2025, 10, 1, 9, 0, 0))
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            dst.writestr(new, src.read(info.filename))
    return out.getvalue()


def build_docx(spec: dict) -> bytes:
    doc = Document()
    cp = doc.core_properties
    cp.title = spec["title"]
    cp.author = spec["owner"]
    cp.category = spec["audience"]
    cp.subject = f"version {spec['version']}"
    cp.keywords = spec["keywords"]
    cp.last_modified_by = spec["owner"]
    cp.created = FIXED
    cp.modified = FIXED
    cp.revision = 1
    cp.comments = ""

    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)

    header = doc.sections[0].header
    header.paragraphs[0].text = spec["header"]

    for kind, content in spec["blocks"]:
        if kind == "control":
            for line in content:
                doc.add_paragraph(line)
        elif kind in ("h1", "h2", "h3"):
            doc.add_heading(content, level=int(kind[1]))
        elif kind == "p":
            doc.add_paragraph(content)
        elif kind == "table":
            table = doc.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = value
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")
        else:
            raise ValueError(kind)

    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


# ---------------------------------------------------------------------------
# PDF (no outline; headings are bold, larger lines)
# ---------------------------------------------------------------------------

class GuidePDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{self.footer_text} - page {self.page_no()}", align="C")


def build_pdf(spec: dict) -> bytes:
    pdf = GuidePDF(format="A4")
    pdf.footer_text = spec["footer"]
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(spec["title"])
    pdf.set_author(spec["owner"])
    pdf.set_subject(f"version {spec['version']}")
    pdf.set_keywords(spec["keywords"])
    pdf.set_creator("Fernhallow Council document service")
    pdf.set_creation_date(FIXED_UTC)
    pdf.add_page()

    for kind, content in spec["blocks"]:
        if kind == "control":
            pdf.set_font("Helvetica", "", 9)
            for line in content:
                pdf.multi_cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "h1":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 8, content, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h2":
            if pdf.get_y() > 250:
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 7, content, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "h3":
            if pdf.get_y() > 255:
                pdf.add_page()
            pdf.ln(1)
            pdf.set_font("Helvetica", "B", 11.5)
            pdf.multi_cell(0, 6, content, new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, content, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9.5)
            ncols = len(content[0])
            widths = (60, 50, 60) if ncols == 3 else (85, 85)
            if content[0][0] == "Service":
                widths = (80, 50, 40)
            elif content[0][0] == "Pathway":
                widths = (25, 85, 60)
            with pdf.table(
                col_widths=widths,
                headings_style=FontFace(emphasis="", fill_color=(225, 225, 225)),
                line_height=5,
                text_align="LEFT",
            ) as table:
                for row in content:
                    r = table.row()
                    for value in row:
                        r.cell(value)
            pdf.ln(3)
        else:
            raise ValueError(kind)

    return bytes(pdf.output())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for spec in (ADVOCACY, BUDGET):
        (OUT / spec["file"]).write_bytes(build_docx(spec))
        print("wrote", spec["file"])
    (OUT / DISCHARGE["file"]).write_bytes(build_pdf(DISCHARGE))
    print("wrote", DISCHARGE["file"])


if __name__ == "__main__":
    main()
