"""Deterministic builder for the binary documents of the twentyfourth_council library.

Builds, into tests/data/twentyfourth_council/:
  - substance-misuse-treatment-and-recovery-service-specification.docx  (public)
  - provider-performance-log-2026-27.docx                               (internal)
  - disabled-facilities-grant-contractor-guide.pdf                      (public)

Fixed dates and a normalised zip container mean two runs give identical bytes.
Run:  .venv/bin/python tests/data/twentyfourth_council_src/build.py
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "twentyfourth_council"
FIXED = dt.datetime(2026, 3, 2, 9, 0, 0)
FIXED_UTC = dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.timezone.utc)

# ---------------------------------------------------------------------------
# Content. Blocks: ("control", [(key, value)]), ("h1"|"h2"|"h3", text),
# ("p", text), ("bullets", [text]), ("table", [header], [[row]]).
# ---------------------------------------------------------------------------

SUBSTANCE_MISUSE = {
    "file": "substance-misuse-treatment-and-recovery-service-specification.docx",
    "title": "Substance Misuse Treatment and Recovery Service Specification 2027-2032",
    "owner": "Director of Public Health",
    "version": "1.0",
    "audience": "public",
    "keywords": "audience: public",
    "blocks": [
        ("control", [
            ("Title", "Substance Misuse Treatment and Recovery Service Specification 2027-2032"),
            ("Owner", "Director of Public Health"),
            ("Version", "1.0"),
            ("Review date", "2027-06-30"),
            ("Audience", "public"),
        ]),
        ("h1", "Substance Misuse Treatment and Recovery Service Specification 2027-2032"),
        ("p", "Oxenholt Borough Council, Public Health Commissioning. Published with the invitation to tender."),
        ("h2", "1. Introduction and contract details"),
        ("p", "1.1 Oxenholt Borough Council commissions the Oxenholt Substance Misuse Treatment and Recovery Service (the Service) for residents who use drugs or alcohol, funded from the Public Health Grant and the Drug and Alcohol Treatment and Recovery Improvement Grant (DATRIG)."),
        ("p", "1.2 The contracts for Lot 1 and Lot 2 run for five years, from 1 April 2027 to 31 March 2032, with an option for the council to extend each contract by up to 24 months in total."),
        ("p", "1.3 The council is commissioning the Service under the competitive process of the Health Care Services (Provider Selection Regime) Regulations 2023 (the PSR)."),
        ("p", "1.4 The Service is divided into three lots:"),
        ("bullets", [
            "Lot 1 – Adult Community Treatment and Recovery: assessment, psychosocial interventions, prescribing, harm reduction and recovery support for adults aged 18 and over.",
            "Lot 2 – Young People's Substance Misuse Service: specialist support for young people aged 10 to 17, and for young adults aged 18 to 24 who have a transition plan.",
            "Lot 3 – Inpatient Detoxification and Residential Rehabilitation: individual placements bought at a fixed tariff from providers on a framework.",
        ]),
        ("p", "1.5 The indicative annual contract value of Lot 1 is £2.95 million a year. The indicative annual contract value of Lot 2 is £420,000 a year. Lot 3 placements are paid for one at a time at the Lot 3 tariff in section 6."),
        ("p", "1.6 The council will appoint one provider to Lot 1, one provider to Lot 2 and no more than six providers to the Lot 3 framework."),
        ("h2", "2. Who the Service is for"),
        ("p", "2.1 Lot 1 serves adults aged 18 and over who live in the Oxenholt Borough Council area or are registered with an Oxenholt GP practice, and who want help with their use of drugs or alcohol."),
        ("p", "2.2 Lot 2 serves young people aged 10 to 17, and young adults aged 18 to 24 where Lot 1 and Lot 2 have agreed a written transition plan. Lot 2 also supports young people affected by a parent's or carer's substance use."),
        ("p", "2.3 The provider must give priority to people leaving prison, people sleeping rough or living in temporary accommodation, pregnant women, parents with children in the household, and people with co-occurring mental health needs."),
        ("p", "2.4 The provider must accept self-referrals and referrals from GPs, hospitals, probation, the police, children's social care and the council's Housing Options Team."),
        ("h2", "3. Service delivery and opening hours"),
        ("p", "3.1 The Lot 1 provider must run a recovery hub in Oxenholt town centre that is open Monday to Friday from 8am to 8pm and on Saturdays from 9am to 1pm, and must run satellite clinics in at least three other locations each week."),
        ("p", "3.2 The Lot 2 provider must be open Monday to Friday from 9am to 6pm, and must offer outreach in schools, colleges and youth settings until 8pm on at least two evenings each week."),
        ("p", "3.3 The Lot 1 provider and the Lot 2 provider must offer every person referred a first assessment within 5 working days of referral."),
        ("p", "3.4 Where opioid substitution treatment is clinically appropriate, the Lot 1 provider must start the first prescription within 10 working days of the assessment."),
        ("p", "3.5 The Lot 1 provider must offer take-home naloxone to every person in treatment for opiate use, and to their family members and carers."),
        ("p", "3.6 The Lot 1 provider must run a needle and syringe programme at the recovery hub and through at least eight community pharmacies across the borough."),
        ("p", "3.7 The Lot 1 provider must offer testing for hepatitis B, hepatitis C and HIV to every person who has ever injected drugs, and must refer people who test positive for treatment within 10 working days."),
        ("h2", "4. Staffing and caseloads"),
        ("p", "4.1 A Lot 1 keyworker must have a caseload of no more than 50 adults. A Lot 2 keyworker must have a caseload of no more than 30 young people."),
        ("p", "4.2 The Lot 1 provider must employ a consultant addiction psychiatrist as clinical lead for at least 0.6 whole-time equivalent (WTE), and must employ non-medical prescribers to support the prescribing service."),
        ("p", "4.3 Every member of staff and every volunteer who works with clients must hold an enhanced Disclosure and Barring Service (DBS) check, renewed at least every 3 years."),
        ("p", "4.4 At least 20% of the Lot 1 recovery workforce, including peer mentors, must be people with lived experience of recovery from drug or alcohol use."),
        ("h2", "5. Key performance indicators"),
        ("p", "5.1 The provider must meet the following key performance indicators (KPIs). The council measures KPIs 2 to 4 using National Drug Treatment Monitoring System (NDTMS) data."),
        ("table", ["KPI", "Lot", "Measure", "Target"], [
            ["KPI 1 Waiting times", "Lot 1 and Lot 2", "People starting their first intervention within 3 weeks of referral", "95%"],
            ["KPI 2 Successful completions, opiate", "Lot 1", "Opiate clients who leave treatment successfully and do not return within 6 months", "6%"],
            ["KPI 3 Successful completions, non-opiate", "Lot 1", "Non-opiate clients who leave treatment successfully and do not return within 6 months", "35%"],
            ["KPI 4 Successful completions, alcohol", "Lot 1", "Alcohol clients who leave treatment successfully and do not return within 6 months", "38%"],
            ["KPI 5 Naloxone", "Lot 1", "Opiate clients given take-home naloxone", "90%"],
            ["KPI 6 Hepatitis C testing", "Lot 1", "Eligible clients tested for hepatitis C", "85%"],
            ["KPI 7 Continuity of care after prison", "Lot 1", "People released from prison with a treatment need who engage within 3 weeks of release", "75%"],
            ["KPI 8 Planned exits, young people", "Lot 2", "Young people who leave the service in a planned way", "80%"],
        ]),
        ("p", "5.2 The provider must send the council a quarterly performance report within 20 working days of the end of each quarter."),
        ("p", "5.3 The provider must submit data to the National Drug Treatment Monitoring System (NDTMS) every month by the fifth working day of the month."),
        ("p", "5.4 Where the provider misses a KPI target for a quarter, the provider must send the council a recovery plan within 15 working days of the quarterly performance report."),
        ("h2", "6. Lot 3 tariff"),
        ("p", "6.1 The council pays Lot 3 framework providers the following tariff for placements that start between 1 April 2027 and 31 March 2028."),
        ("table", ["Placement type", "Unit", "Tariff 2027-28"], [
            ["Inpatient detoxification, medically managed (drugs or drugs and alcohol)", "Per bed night", "£260 per bed night"],
            ["Inpatient detoxification, alcohol only", "Per bed night", "£235 per bed night"],
            ["Residential rehabilitation, standard programme", "Per week", "£950 per week"],
            ["Residential rehabilitation, parent and child placement", "Per week", "£1,380 per week"],
        ]),
        ("p", "6.2 From 1 April 2028, the council uplifts the Lot 3 tariff each year by the Consumer Prices Index (CPI) for the previous December, up to a maximum uplift of 3%."),
        ("p", "6.3 An inpatient detoxification placement normally lasts 7 to 14 nights. A residential rehabilitation placement normally lasts up to 12 weeks."),
        ("p", "6.4 Where a client leaves a Lot 3 placement early, the council pays the tariff up to and including the day the client leaves."),
        ("h2", "7. Payment"),
        ("p", "7.1 The council pays the annual contract price for Lot 1 and Lot 2 in 12 equal monthly instalments in advance, on the first working day of each month."),
        ("p", "7.2 The council holds back 5% of the Lot 1 annual contract price as a performance element and pays it quarterly in arrears, in proportion to the number of KPIs 2 to 6 the provider met in the quarter."),
        ("p", "7.3 Lot 3 providers invoice the council monthly in arrears for each placement, and the council pays undisputed Lot 3 invoices within 30 days of receipt."),
        ("h2", "8. Insurance"),
        ("p", "8.1 The Lot 1 provider must hold employer's liability insurance of at least £10 million, public liability insurance of at least £10 million, professional indemnity insurance of at least £5 million and medical malpractice (clinical negligence) insurance of at least £10 million, or membership of an NHS Resolution indemnity scheme."),
        ("p", "8.2 The Lot 2 provider must hold employer's liability insurance of at least £10 million, public liability insurance of at least £5 million and professional indemnity insurance of at least £2 million."),
        ("p", "8.3 Each Lot 3 provider must hold employer's liability insurance of at least £5 million and public liability insurance of at least £5 million, and a Lot 3 provider that delivers inpatient detoxification must also hold medical malpractice insurance of at least £5 million."),
        ("h2", "9. Mobilisation and transfer"),
        ("p", "9.1 The successful Lot 1 and Lot 2 providers must mobilise the Service over a period of at least 10 weeks before 1 April 2027, following a mobilisation plan agreed with the council."),
        ("p", "9.2 The Transfer of Undertakings (Protection of Employment) Regulations 2006 (TUPE) are likely to apply to staff of the current providers. The council includes anonymised staff information in the tender pack."),
        ("p", "9.3 The current providers will transfer client records to the new providers under a data sharing agreement, and every client's treatment must continue without a break on 1 April 2027."),
        ("h2", "10. Safeguarding and incidents"),
        ("p", "10.1 The provider must report a serious incident to the council's Commissioning Lead for Substance Misuse within 24 hours of becoming aware of it."),
        ("p", "10.2 The provider must notify the council of the death of any person in treatment, or within 12 months of leaving treatment, within 2 working days of learning of the death, and must take part in the council's drug-related death review."),
        ("p", "10.3 The provider must follow the Oxenholt Safeguarding Adults Board and Oxenholt Safeguarding Children Partnership procedures, and must take a whole-family approach where a client has children."),
        ("h2", "11. Questions from providers"),
        ("h3", "Can a provider bid for more than one lot?"),
        ("p", "Yes. A provider may bid for Lot 1, Lot 2 and Lot 3, and the council evaluates each lot separately."),
        ("h3", "Will the council accept a consortium bid?"),
        ("p", "Yes. The council accepts bids from a consortium or a lead provider with subcontractors, but one lead provider must hold the contract and take responsibility for the whole of the lot."),
        ("h3", "Does a Lot 3 provider have to be in Oxenholt?"),
        ("p", "No. A Lot 3 provider may be anywhere in England, but the provider must be registered with the Care Quality Commission (CQC) and rated Good or Outstanding, or not yet rated."),
    ],
}

PERFORMANCE_LOG = {
    "file": "provider-performance-log-2026-27.docx",
    "title": "Provider Performance Log 2026-27: Housing, Homelessness and Public Health Contracts",
    "owner": "Contract Management Lead, Housing and Public Health",
    "version": "2.3",
    "audience": "internal",
    "keywords": "audience: internal; classification: OFFICIAL-SENSITIVE",
    "header": "OFFICIAL-SENSITIVE",
    "blocks": [
        ("control", [
            ("Title", "Provider Performance Log 2026-27: Housing, Homelessness and Public Health Contracts"),
            ("Owner", "Contract Management Lead, Housing and Public Health"),
            ("Version", "2.3"),
            ("Review date", "2026-09-30"),
            ("Audience", "internal"),
            ("Classification", "OFFICIAL-SENSITIVE"),
        ]),
        ("h1", "Provider Performance Log 2026-27 (Quarter 1 update)"),
        ("p", "Internal document for officers of Oxenholt Borough Council. Last updated 15 July 2026 after the Quarter 1 contract review meetings."),
        ("h2", "1. How to use this log"),
        ("p", "1.1 This log records performance concerns about providers of temporary accommodation, substance misuse services, domestic abuse safe accommodation grants and Disabled Facilities Grant (DFG) works. Officers must not share this log, or any entry in it, with a provider."),
        ("p", "1.2 The Contract Management Lead updates the log after each quarterly contract review and after any serious incident."),
        ("p", "1.3 Each provider is given a rating. Green means the provider is meeting its KPIs and conditions. Amber means the provider has missed one KPI or has a minor concern. Red means the provider has missed two or more KPIs or has a safeguarding or safety concern."),
        ("p", "1.4 A provider rated Red for two consecutive quarters is referred to the Contract Review Panel, which the Head of Housing Commissioning and the Director of Public Health chair jointly."),
        ("p", "1.5 The Temporary Accommodation Placements Team makes no new placements with a temporary accommodation provider that is under formal review, and moves existing households only where their safety requires it."),
        ("h2", "2. Temporary accommodation providers"),
        ("table", ["Provider", "Lot", "Rating", "Concern", "Action and next review"], [
            ["Kingfisher House Hostel (Kingfisher Housing Trust)", "Lot 2", "Red",
             "Failed the fire risk assessment check at the 6-monthly re-inspections in January 2026 and May 2026; fire alarm not tested weekly.",
             "Under formal review; improvement notice issued on 3 June 2026; no new placements; next review on 2 September 2026."],
            ["Marlpit Guest House", "Lot 3", "Red",
             "Two Category 2 hazards (damp and mould) not put right within 14 days; three complaints from families about room temperature.",
             "Under formal review from 1 July 2026; no family placements; next review on 12 August 2026."],
            ["Brookvale Lettings Ltd", "Lot 1", "Amber",
             "14 of 62 booking forms in Quarter 1 confirmed more than 2 hours after they were sent.",
             "Warning letter sent on 20 June 2026; next review at the Quarter 2 meeting on 8 October 2026."],
            ["Harbour Road Homes", "Lot 1", "Green",
             "No concerns. Offered 18 extra units for a block booking.",
             "Block booking talks led by the Head of Housing Commissioning."],
        ]),
        ("h2", "3. Substance misuse providers"),
        ("table", ["Provider", "Service", "Rating", "Concern", "Action and next review"], [
            ["Pathways Recovery Partnership", "Current adult treatment contract (ends 31 March 2027)", "Red",
             "Waiting times: 88% of people started treatment within 3 weeks in Quarter 4 2025-26 and 87% in Quarter 1 2026-27, against a target of 95%.",
             "Performance improvement plan agreed on 10 July 2026; referred to the Contract Review Panel on 22 July 2026."],
            ["Hillcrest Youth Trust", "Current young people's drug and alcohol contract", "Amber",
             "Planned exits 71% in Quarter 1 2026-27 against a target of 80%.",
             "Recovery plan due by 5 August 2026."],
        ]),
        ("h2", "4. Domestic abuse grant holders"),
        ("table", ["Grant holder", "Strand", "Rating", "Concern", "Action and next review"], [
            ["Oxenholt Women's Refuge Trust", "Strand A", "Amber",
             "Spent 82% of its 2025-26 refuge support grant.",
             "Clawback of £9,400 agreed; repayment due by 30 September 2026."],
            ["Rainbow Haven Oxenholt", "Strand B", "Amber",
             "Quarter 1 monitoring return received 31 working days after the end of the quarter.",
             "Reminder of grant condition 7.4 sent on 9 July 2026."],
            ["Safe Steps Oxenholt CIC", "Strand C", "Green",
             "No concerns. 46 properties secured in Quarter 1.",
             "Next review at the Quarter 2 meeting."],
        ]),
        ("h2", "5. DFG approved contractors"),
        ("table", ["Contractor", "Type", "Rating", "Concern", "Action and next review"], [
            ["Apex Mobility Lifts Ltd", "Stairlift and through-floor lift installer", "Red",
             "Three upheld complaints in 12 months; one client trapped on a stairlift for 6 hours in April 2026.",
             "Suspended from the approved contractor list from 14 May 2026 pending investigation; decision by the Private Sector Housing Manager by 31 August 2026."],
            ["Castlegate Building Services", "General building contractor", "Amber",
             "Two level-access shower works orders finished more than 4 weeks late.",
             "Meeting with the HIA technical officer on 29 July 2026."],
        ]),
        ("h2", "6. Items for the Contract Review Panel on 22 July 2026"),
        ("p", "6.1 The Contract Review Panel will decide whether Kingfisher House Hostel stays on Lot 2 of the Temporary Accommodation Framework or is removed from the framework."),
        ("p", "6.2 The Contract Review Panel will review the performance improvement plan of Pathways Recovery Partnership, which is also bidding for the new substance misuse contract. Officers on the tender evaluation panel must not sit on the Contract Review Panel for this item."),
        ("h2", "7. Changes since the Quarter 4 2025-26 log"),
        ("p", "7.1 Harbour Road Homes moved from Amber to Green after it cleared the repairs backlog found at the 12-month re-inspection of its Lot 1 properties in March 2026."),
        ("p", "7.2 Marlpit Guest House moved from Amber to Red after the re-inspection on 17 June 2026, and Kingfisher House Hostel stayed Red for a second quarter, which triggered its referral to the Contract Review Panel."),
        ("p", "7.3 Apex Mobility Lifts Ltd was added to the log on 14 May 2026. The Private Sector Housing Manager has asked the HIA to reallocate its 9 open stairlift works orders to other approved contractors at the schedule of rates."),
        ("p", "7.4 The next full update of this log is due after the Quarter 2 contract review meetings, by 23 October 2026."),
    ],
}

DFG_GUIDE = {
    "file": "disabled-facilities-grant-contractor-guide.pdf",
    "title": "Disabled Facilities Grant Contractor Guide and Schedule of Rates 2026-27",
    "owner": "Private Sector Housing Manager",
    "subject": "version 2.0",
    "keywords": "audience: public",
    "footer": "Oxenholt Home Improvement Agency - DFG Contractor Guide 2026-27",
    "blocks": [
        ("control", [
            ("Title", "Disabled Facilities Grant Contractor Guide and Schedule of Rates 2026-27"),
            ("Owner", "Private Sector Housing Manager"),
            ("Version", "2.0"),
            ("Review date", "2027-03-31"),
            ("Audience", "public"),
        ]),
        ("h1", "Disabled Facilities Grant Contractor Guide 2026-27"),
        ("p", "Oxenholt Home Improvement Agency (HIA), part of the Private Sector Housing Team of Oxenholt Borough Council. This guide is for builders, plumbers, electricians and lift installers who carry out adaptations paid for by Disabled Facilities Grants."),
        ("h2", "1. About Disabled Facilities Grants"),
        ("p", "1.1 A mandatory Disabled Facilities Grant (DFG) pays for adaptations that a disabled person needs to live safely and independently at home, up to £30,000 for each application, subject to a means test for adults."),
        ("p", "1.2 Under the Oxenholt Housing Assistance Policy 2025, the council may add a Discretionary DFG Top-Up of up to £20,000 where the cost of the eligible works is more than £30,000."),
        ("p", "1.3 The Fast-Track Adaptations Grant pays for works costing up to £7,500 without a means test, where an Occupational Therapist (OT) recommends the works to help a person leave hospital or to stay safely at home."),
        ("p", "1.4 The HIA technical officer manages each DFG job from the site survey to the final payment. The Oxenholt Community Occupational Therapy Team decides which adaptations a person needs."),
        ("h2", "2. Joining the approved contractor list"),
        ("p", "2.1 The HIA accepts applications to join the approved contractor list all year round, and assesses each complete application within 20 working days."),
        ("p", "2.2 A contractor must have traded for at least 2 years, must give three references for adaptation works completed in the last 2 years, and must hold TrustMark, CHAS or SafeContractor accreditation."),
        ("p", "2.3 A contractor must be on the Gas Safe Register for any gas work, and must be registered with NICEIC or NAPIT for any electrical work."),
        ("p", "2.4 Every worker who works alone in a client's home must hold a basic Disclosure and Barring Service (DBS) check no more than 3 years old."),
        ("p", "2.5 The HIA reviews each contractor's place on the approved contractor list every 2 years."),
        ("p", "2.6 Each contractor must hold the insurance shown below for its type of work and must send the HIA a copy of each certificate every year."),
        ("table", ["Contractor type", "Employer's liability", "Public liability", "Other cover"], [
            ["General building contractor", "£10 million", "£5 million", "Contract works insurance"],
            ["Stairlift and lift installer", "£10 million", "£5 million", "Product liability £5 million"],
            ["Sole trader, no employees", "Not required", "£2 million", "Contract works insurance"],
        ]),
        ("p", "2.7 A sole trader with no employees must hold public liability insurance of at least £2 million and does not need employer's liability insurance."),
        ("h2", "3. Schedule of rates 2026-27"),
        ("p", "3.1 The HIA pays approved contractors no more than the following rates for standard adaptations ordered between 1 April 2026 and 31 March 2027. The rates exclude VAT, which the HIA pays on top where the contractor is registered for VAT."),
        ("table", ["Code", "Item", "Rate", "Unit"], [
            ["A1", "Level-access shower (wet room) conversion", "£6,450", "per installation"],
            ["A2", "Over-bath shower with screen", "£1,180", "per installation"],
            ["A3", "Straight stairlift, supply and fit", "£2,350", "per installation"],
            ["A4", "Curved stairlift, supply and fit", "£5,900", "per installation"],
            ["A5", "Through-floor lift, supply and fit", "£14,800", "per installation"],
            ["A6", "Modular aluminium ramp", "£215", "per linear metre"],
            ["A7", "Concrete ramp with handrails", "£310", "per linear metre"],
            ["A8", "Grab rail, supplied and fitted", "£38", "per rail"],
            ["A9", "Door widening", "£640", "per doorway"],
            ["A10", "Ground-floor extension", "up to £1,950", "per square metre"],
            ["A11", "Daywork, general operative", "£34", "per hour"],
            ["A12", "Daywork, electrician or plumber", "£42", "per hour"],
        ]),
        ("p", "3.2 The rates for stairlifts and through-floor lifts include the manufacturer's warranty for 2 years and one service each year for the first 5 years after fitting."),
        ("p", "3.3 Extensions and any works not listed in the schedule of rates are priced by individual quotation."),
        ("p", "3.4 The HIA reviews the schedule of rates once a year and publishes the new rates by 1 March for works ordered from 1 April."),
        ("h2", "4. Quotations and works orders"),
        ("p", "4.1 The contractor attends a site survey with the HIA technical officer and, where needed, the Occupational Therapist, and must return a quotation within 10 working days of the site survey."),
        ("p", "4.2 For works estimated at £10,000 or less, the HIA asks one approved contractor for a quotation at the schedule of rates."),
        ("p", "4.3 For works estimated at more than £10,000 and up to £25,000, the HIA asks for two competitive quotations. For works estimated at more than £25,000, the HIA asks for three competitive quotations."),
        ("p", "4.4 The HIA issues a written works order only after the council has approved the grant. The HIA does not pay for any work started before the date of the works order."),
        ("p", "4.5 The contractor must give the HIA and the client at least 5 working days' notice of the date work will start on site."),
        ("p", "4.6 The contractor must start work within 20 working days of the works order, and must fit a stairlift within 15 working days of the works order."),
        ("p", "4.7 Where the contractor finishes after the completion date in the works order without the HIA's agreement, the HIA may deduct liquidated damages of £40 for each working day of delay."),
        ("h2", "5. Variations"),
        ("p", "5.1 The HIA technical officer may agree a variation on site where it adds no more than £500 or 10% of the works order value, whichever is lower, and confirms it in writing within 2 working days."),
        ("p", "5.2 Any larger variation must be approved in writing by the Private Sector Housing Manager before the work is done, because the grant approval must be varied first."),
        ("h2", "6. Payment, retention and defects"),
        ("p", "6.1 For a works order of more than £15,000, the contractor may ask for one interim payment of up to 50% of the works order value once the HIA technical officer certifies that half of the works are complete."),
        ("p", "6.2 The HIA pays the final payment within 20 working days of certifying completion and receiving the client's satisfaction form, the warranty documents and the gas or electrical certificates."),
        ("p", "6.3 For a works order of more than £10,000, the HIA holds back a retention of 5% of the works order value and releases it at the end of the 12-month defects liability period, once any defects have been put right."),
        ("p", "6.4 The contractor must put right a defect reported during the defects liability period within 10 working days, or within 24 hours where the defect affects the client's safety."),
        ("p", "6.5 The contractor invoices the HIA through the Oxenholt Supplier Portal and must quote the works order number on each invoice."),
        ("h2", "7. Working in clients' homes and lift breakdowns"),
        ("p", "7.1 The contractor's staff must carry photo identification, must follow the HIA customer care code, and must explain each day's work to the client."),
        ("p", "7.2 The contractor must keep a working toilet and washing facilities available to the client. Where the only bathroom will be out of use for more than 24 hours, the contractor must agree temporary facilities with the Occupational Therapist first."),
        ("p", "7.3 A lift installer must attend a stairlift or through-floor lift breakdown within 24 hours of the call. Where a person is trapped on a stairlift or in a through-floor lift, the lift installer must attend within 4 hours, 24 hours a day."),
        ("h2", "8. Performance and suspension"),
        ("p", "8.1 The HIA scores every completed job on time, cost and client satisfaction, and shares each contractor's scores with the contractor every 6 months."),
        ("p", "8.2 The Private Sector Housing Manager reviews any contractor that has three upheld complaints within 12 months, and may suspend the contractor from the approved contractor list."),
        ("p", "8.3 A suspended contractor receives no new works orders during the suspension, but must finish works already ordered unless the HIA says otherwise."),
        ("h2", "9. Frequently asked questions"),
        ("h3", "Can I start work before the works order arrives?"),
        ("p", "No. The HIA does not pay for any work started before the date of the works order, even where the client asks the contractor to start early."),
        ("h3", "Who do I contact about a works order?"),
        ("p", "Contact the HIA technical officer named on the works order, or email hia@oxenholt.gov.uk."),
    ],
}


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

def build_docx(spec: dict) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    cp = doc.core_properties
    cp.title = spec["title"]
    cp.author = spec["owner"]
    cp.category = spec["audience"]
    cp.subject = "version " + spec["version"]
    cp.keywords = spec["keywords"]
    cp.comments = ""
    cp.last_modified_by = spec["owner"]
    cp.revision = 1
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED

    if spec.get("header"):
        section = doc.sections[0]
        section.header.paragraphs[0].text = spec["header"]
        section.footer.paragraphs[0].text = spec["header"]

    for block in spec["blocks"]:
        kind = block[0]
        if kind == "control":
            for key, value in block[1]:
                doc.add_paragraph(f"{key}: {value}")
        elif kind in ("h1", "h2", "h3"):
            doc.add_heading(block[1], level=int(kind[1]))
        elif kind == "p":
            doc.add_paragraph(block[1])
        elif kind == "bullets":
            for item in block[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            header, rows = block[1], block[2]
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(table.rows[0].cells, header):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
        else:
            raise ValueError(kind)

    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so the bytes are stable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=(2026, 3, 2, 9, 0, 0))
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            new.create_system = 0
            dst.writestr(new, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------
# PDF (no outline/bookmarks; headings are bold, larger lines)
# ---------------------------------------------------------------------------

class GuidePDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"{self.footer_text} - page {self.page_no()}", align="C")


def build_pdf(spec: dict) -> bytes:
    pdf = GuidePDF(format="A4", unit="mm")
    pdf.footer_text = spec["footer"]
    pdf.set_creation_date(FIXED_UTC)
    pdf.set_title(spec["title"])
    pdf.set_author(spec["owner"])
    pdf.set_subject(spec["subject"])
    pdf.set_keywords(spec["keywords"])
    pdf.set_creator("Oxenholt Borough Council")
    pdf.set_producer("Oxenholt Borough Council document builder")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    for block in spec["blocks"]:
        kind = block[0]
        if kind == "control":
            pdf.set_font("Helvetica", "", 9)
            for key, value in block[1]:
                pdf.multi_cell(width, 4.6, f"{key}: {value}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "h1":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(width, 8, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h2":
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(width, 7, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "h3":
            if pdf.get_y() > pdf.h - 40:
                pdf.add_page()
            pdf.set_font("Helvetica", "B", 11.5)
            pdf.multi_cell(width, 6, block[1], new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(width, 5, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            header, rows = block[1], block[2]
            pdf.set_font("Helvetica", "", 9)
            if len(header) == 4 and header[0] == "Code":
                widths = (14, 86, 30, 40)
            else:
                widths = (52, 36, 36, 46)
            with pdf.table(col_widths=widths, line_height=5.2, first_row_as_headings=False,
                           text_align="LEFT") as table:
                head = table.row()
                for text in header:
                    head.cell(text, style=None)
                for r in rows:
                    row = table.row()
                    for text in r:
                        row.cell(text)
            pdf.ln(3)
        else:
            raise ValueError(kind)

    return bytes(pdf.output())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for spec in (SUBSTANCE_MISUSE, PERFORMANCE_LOG):
        (OUT / spec["file"]).write_bytes(build_docx(spec))
        print("wrote", spec["file"])
    (OUT / DFG_GUIDE["file"]).write_bytes(build_pdf(DFG_GUIDE))
    print("wrote", DFG_GUIDE["file"])


if __name__ == "__main__":
    main()
