"""Build the generated documents of the thirteenth library (Ashcombe Borough Council).

Run from the repository root:  .venv/bin/python tests/data/thirteenth_council_src/build.py

Writes into tests/data/thirteenth_council/:
  drug-and-alcohol-treatment-service-specification.docx   (public; Heading 1/2 styles, tables)
  commissioning-budget-and-reprocurement-plan-2027-28.docx (internal; control block, core
      properties, keywords and an OFFICIAL-SENSITIVE page header all say so)
  sexual-health-tariff-and-payment-schedule.pdf          (public; WITH an outline: one bookmark per
      section heading; control block on page 1; /Title /Author /Subject /Keywords set)

The text lives here, in one place, so that an edit is made once and the files are rebuilt.
Dates are fixed so that rebuilding gives the same text.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "thirteenth_council"

# Block kinds: ("h1", text) ("h2", text) ("p", text) ("table", [header], [[row], ...])

DRUG_ALCOHOL = {
    "control": [
        ("Title", "Adult Drug and Alcohol Treatment and Recovery Service: Service Specification"),
        ("Owner", "Consultant in Public Health (Substance Misuse)"),
        ("Version", "4.0"),
        ("Review date", "2027-03-31"),
        ("Audience", "public"),
    ],
    "core": {"title": "Adult Drug and Alcohol Treatment and Recovery Service: Service Specification",
             "author": "Consultant in Public Health (Substance Misuse)", "category": "public",
             "subject": "version 4.0", "keywords": "audience: public"},
    "blocks": [
        ("h1", "1. Introduction and status of this specification"),
        ("p", "This specification describes the adult drug and alcohol treatment and recovery service that "
              "Ashcombe Borough Council commissions from the Public Health Grant. It forms Schedule 2 of the "
              "contract. It is published so that providers, partners and residents can see what the service "
              "must deliver and how the council will judge it."),
        ("p", "1.1 The service is for adults aged 18 and over who live in the borough or are registered with a "
              "GP practice in the borough. Young people under 18 are supported by the separate Ashcombe Young "
              "People's Substance Misuse Service, which this specification does not cover."),
        ("p", "1.2 The contract runs for an initial term of 5 years from 1 April 2024, with an option for the "
              "council to extend it for up to 2 further years."),
        ("p", "1.3 Where this specification refers to the Contract Management page, it means the council's "
              "published page on performance remedies, service credits and payment terms, which applies to "
              "this contract except where this specification sets a different rule."),

        ("h1", "2. Definitions"),
        ("p", "The following defined terms are used throughout this specification and the contract."),
        ("p", "2.1 \"Treatment Population\" means all adults in structured treatment with the Provider on the "
              "last day of the reporting period, as recorded on NDTMS."),
        ("p", "2.2 \"NDTMS\" means the National Drug Treatment Monitoring System operated by the Office for "
              "Health Improvement and Disparities."),
        ("p", "2.3 \"Successful Completion\" means a discharge from structured treatment recorded on NDTMS as "
              "treatment completed, drug-free or treatment completed, occasional user (not opiates or crack)."),
        ("p", "2.4 \"Representation\" means a return to structured treatment within 6 months of a Successful "
              "Completion."),
        ("p", "2.5 \"Working Day\" means any day other than a Saturday, a Sunday or a public holiday in England."),

        ("h1", "3. Service model"),
        ("p", "The service is a single integrated service for drugs and alcohol. It must offer one front door, "
              "one assessment and one recovery plan for each person, however many substances the person uses."),
        ("p", "3.1 The Provider must deliver harm reduction, including needle and syringe programmes in at "
              "least 6 community pharmacies spread across Ashcombe Central, Hollins Vale and Stourmead."),
        ("p", "3.2 The Provider must deliver opioid substitution therapy, community alcohol detoxification and "
              "psychosocial interventions, and must arrange inpatient detoxification and residential "
              "rehabilitation where a person's assessed needs require it."),
        ("p", "3.3 Inpatient detoxification and residential rehabilitation placements are funded from a "
              "separate council budget of up to 24 placements in each Contract Year, and each placement needs "
              "the approval of the council's Substance Misuse Commissioning Manager."),
        ("p", "3.4 The service must open at least 50 hours a week across its hubs, including at least one "
              "evening session until 8pm on two weekdays and one Saturday morning session."),

        ("h1", "4. Access and waiting times"),
        ("p", "4.1 The Provider must offer a first assessment within 5 Working Days of receiving a referral or "
              "a self-referral."),
        ("p", "4.2 A person assessed as needing structured treatment must start treatment within 15 Working "
              "Days of the first assessment."),
        ("p", "4.3 A referral from the criminal justice system, including a Drug Rehabilitation Requirement or "
              "an Alcohol Treatment Requirement, must be seen within 2 Working Days."),
        ("p", "4.4 A person released from prison with a treatment need must be offered an appointment on the "
              "day of release or the next Working Day, and the Provider must have agreed the appointment with "
              "the prison healthcare team before release."),
        ("p", "4.5 The hospital liaison worker must see a patient referred from Ashcombe General Hospital on "
              "the same day where the referral is received before 2pm on a Working Day."),

        ("h1", "5. Key performance indicators"),
        ("p", "The Provider reports against the key performance indicators in the table below. Indicators drawn "
              "from NDTMS are measured on a rolling 12-month basis; the others are measured each quarter. Where "
              "a target is missed, the remedies in section 3 of the Contract Management page apply, and service "
              "credits are calculated as set out in section 4 of that page."),
        ("table", ["Indicator", "Target", "Source"], [
            ["Successful Completions, opiate users", "6.5% of the opiate Treatment Population", "NDTMS"],
            ["Successful Completions, non-opiate users", "34% of the non-opiate Treatment Population", "NDTMS"],
            ["Successful Completions, alcohol only", "38% of the alcohol-only Treatment Population", "NDTMS"],
            ["Successful Completions, alcohol and non-opiate", "32% of that Treatment Population", "NDTMS"],
            ["Representations within 6 months", "below 10% of Successful Completions", "NDTMS"],
            ["Continuity of care after prison release", "at least 50% engaged within 3 weeks of release", "NDTMS"],
            ["Hepatitis C testing of eligible people who inject drugs", "80%", "Provider case records"],
            ["Naloxone supplied to people using opiates", "95% of new opiate presentations", "Provider case records"],
        ]),
        ("p", "5.1 The Provider must submit NDTMS data by the national deadline each month, and must tell the "
              "Substance Misuse Commissioning Manager within 2 Working Days if a submission will be late."),
        ("p", "5.2 Hepatitis C testing and naloxone targets are measured each quarter against the people who "
              "started treatment in that quarter."),

        ("h1", "6. Payment mechanism"),
        ("p", "The contract is paid through a block payment and an outcome payment. The annual contract value "
              "for 2026/27 is £4,850,000, and the split between the two elements is set out below."),
        ("p", "6.1 The block payment is 90% of the annual contract value and is paid in twelve equal monthly "
              "instalments in advance on the first Working Day of each month."),
        ("p", "6.2 The outcome payment is 10% of the annual contract value and is paid quarterly in arrears, in "
              "proportion to the Provider's performance against the four Successful Completion indicators in "
              "section 5, each of which carries one quarter of the outcome payment."),
        ("p", "6.3 Where the Provider meets or exceeds a Successful Completion target, the full quarter of the "
              "outcome payment for that indicator is paid. Where the Provider achieves less than 80% of the "
              "target, none of the outcome payment for that indicator is paid. Between those points the payment "
              "is reduced on a straight-line basis."),
        ("p", "6.4 Payment terms, including the council's 30-day term for valid invoices, are those on the "
              "Contract Management page."),

        ("h1", "7. Safeguarding and think family"),
        ("p", "Drug and alcohol use by a parent or carer can put children at risk. The Provider must think about "
              "every child who lives with or is cared for by a person in treatment, not only the person in front "
              "of them."),
        ("p", "7.1 At every assessment the Provider must record whether the person lives with, or has regular "
              "care of, any child under 18."),
        ("p", "7.2 The Provider must refer a concern about a child to the Ashcombe Multi-Agency Safeguarding "
              "Hub immediately by telephone, and confirm the referral in writing within 24 hours."),
        ("p", "7.3 The Provider must store naloxone and prescribed medication advice for households with children "
              "in line with the safe storage guidance, and must give a safe storage box to every person "
              "prescribed opioid substitution therapy who has children in the home."),
        ("p", "7.4 A death of a person in treatment, or within 12 months of discharge, must be reported to the "
              "Substance Misuse Commissioning Manager within 2 Working Days of the Provider learning of it, so "
              "that the council's drug-related deaths panel can review it."),

        ("h1", "8. Data protection and information sharing"),
        ("p", "8.1 The Provider is the controller of the clinical records it keeps about people in treatment. "
              "The council is the controller of the pseudonymised performance data the Provider sends it."),
        ("p", "8.2 The Provider must tell the council of any personal data breach involving people in treatment "
              "within 24 hours of becoming aware of it. This is shorter than the general time on the Contract "
              "Management page because of the sensitivity of treatment records."),
        ("p", "8.3 The Provider must keep adult treatment records for 8 years after the last contact with the "
              "person, and then destroy them securely."),
        ("p", "8.4 The Provider must complete the NHS Data Security and Protection Toolkit each year and reach "
              "the standards met level."),

        ("h1", "9. Workforce and TUPE"),
        ("p", "9.1 The Provider must employ or contract a named clinical lead who is a registered doctor with "
              "experience in addiction medicine, and a registered non-medical prescriber in each hub."),
        ("p", "9.2 Caseloads for recovery workers must not exceed 50 people in structured treatment per "
              "full-time worker."),
        ("p", "9.3 At the end of the contract, the TUPE rules on the Contract Management page apply. In addition, "
              "the Provider must give the council a final list of staff expected to transfer, with their terms "
              "and conditions, no later than 28 days before the transfer date."),
        ("p", "9.4 Staff seconded from the NHS remain employed by their NHS employer and do not transfer under "
              "this contract."),

        ("h1", "10. Reporting and contract review"),
        ("p", "10.1 The contract is a Tier 1 contract under the Contract Management page, so the Provider meets "
              "the Substance Misuse Commissioning Manager every month."),
        ("p", "10.2 The Provider submits a quarterly narrative report within 20 Working Days of the end of each "
              "quarter, covering performance, safeguarding, workforce, complaints and service user feedback."),
    ],
}

BUDGET = {
    "control": [
        ("Title", "Commissioning Budget Position and Re-procurement Plan 2027/28"),
        ("Owner", "Assistant Director, Commissioning (People)"),
        ("Version", "0.6"),
        ("Review date", "2027-01-31"),
        ("Audience", "internal"),
        ("Classification", "OFFICIAL-SENSITIVE"),
    ],
    "core": {"title": "Commissioning Budget Position and Re-procurement Plan 2027/28",
             "author": "Assistant Director, Commissioning (People)", "category": "internal",
             "subject": "version 0.6",
             "keywords": "audience: internal; classification: OFFICIAL-SENSITIVE"},
    "header": "OFFICIAL-SENSITIVE",
    "blocks": [
        ("h1", "1. Status of this paper"),
        ("p", "This paper is for officers of the People Directorate commissioning leadership team only. It sets "
              "out the draft budget position for 2027/28, the contracts under review and the plan for the "
              "re-procurements due before April 2028. Nothing in it may be shared with providers or bidders, "
              "because it contains pre-tender estimates and negotiating positions."),
        ("p", "1.1 The figures in this paper are draft until the council sets its budget in February 2027. "
              "Cabinet will receive a briefing on the re-procurement plan on 14 January 2027."),

        ("h1", "2. Budget position 2027/28"),
        ("p", "The table below gives the draft net budget for each commissioning area, the pressure the team "
              "has identified and the savings target set by the Medium Term Financial Strategy."),
        ("table", ["Commissioning area", "Draft budget 2027/28", "Identified pressure", "Savings target"], [
            ["Housing-related support", "£6,420,000", "£385,000", "£300,000"],
            ["Temporary accommodation (net of housing benefit)", "£3,150,000", "£610,000", "£250,000"],
            ["Drug and alcohol treatment", "£5,240,000", "£140,000", "£0"],
            ["Sexual health", "£2,960,000", "£95,000", "£120,000"],
        ]),
        ("p", "2.1 The Public Health Grant allocation for 2027/28 is assumed to be £9,160,000, but the grant "
              "has not been confirmed and the assumption carries a risk of up to £200,000."),
        ("p", "2.2 The housing-related support saving of £300,000 is to be met by decommissioning the Stourmead "
              "young people's Supported Accommodation scheme of 16 units by 31 March 2028 and moving the young "
              "people's places to Ashcombe Central."),
        ("p", "2.3 The temporary accommodation saving depends on reducing the Ashcombe Central nightly rate cap "
              "for a single room with shared facilities from £58 to £54 from 1 October 2027. The change has not "
              "been announced to landlords."),

        ("h1", "3. Contracts under review"),
        ("p", "3.1 Meridian Recovery Partnership, the provider of the adult drug and alcohol treatment service, "
              "has been on a Performance Improvement Notice since August 2026 because opiate Successful "
              "Completions fell to 4.1% against the 6.5% target."),
        ("p", "3.2 If opiate Successful Completions are still below 5.5% at the end of quarter 3 of 2026/27, "
              "the Substance Misuse Commissioning Manager will serve a Default Notice on Meridian Recovery "
              "Partnership."),
        ("p", "3.3 Harbourside Housing Trust, which provides Floating Support in Hollins Vale, has accrued "
              "service credits of £18,600 in the first two quarters of 2026/27, mainly for tenancy "
              "sustainment below target."),
        ("p", "3.4 The council will not take up the 1-year extension option on the Harbourside Housing Trust "
              "Floating Support contract, and will re-procure the service instead."),

        ("h1", "4. Pre-tender estimates"),
        ("p", "The estimates below are for officers setting procurement routes and must never appear in tender "
              "documents."),
        ("table", ["Lot", "Pre-tender estimate", "Term assumed"], [
            ["Floating Support, borough-wide", "£1,900,000 per year", "4 years plus 1"],
            ["Adult drug and alcohol treatment", "£27,500,000 over the whole term", "5 years plus 2"],
            ["Young people's Supported Accommodation", "£840,000 per year", "3 years plus 2"],
        ]),
        ("p", "4.1 The drug and alcohol re-procurement must allow for an estimated 63 staff transferring under "
              "TUPE and a pension deficit exposure of about £410,000."),

        ("h1", "5. Negotiation positions"),
        ("p", "5.1 For the sexual health contract uplift for 2027/28, the council will open at 2.0% and will not "
              "go above 3.2%. The NHS trust that provides the service has asked for 5.5%."),
        ("p", "5.2 The sexual health contract will be extended for 12 months to 31 March 2028 by direct award, "
              "so that it can be re-procured with the drug and alcohol service. The provider has not yet been "
              "told."),
        ("p", "5.3 For housing-related support, the council will offer no uplift on the Supported Accommodation "
              "weekly core rates for 2027/28 and will offer 1.5% on Floating Support hourly rates."),

        ("h1", "6. Re-procurement timeline"),
        ("p", "The dates below are internal planning dates and have not been published."),
        ("table", ["Milestone", "Planned date"], [
            ["Market engagement event for drug and alcohol and sexual health", "9 March 2027"],
            ["Tender notice published", "1 June 2027"],
            ["Contract award decision", "16 November 2027"],
            ["New contracts start", "1 April 2028"],
        ]),
    ],
}

SEXUAL_HEALTH = {
    "title": "Integrated Sexual Health Service: Tariff and Payment Schedule 2026/27",
    "author": "Consultant in Public Health (Sexual Health)",
    "subject": "version 2.1",
    "keywords": "audience: public",
    "control": [
        ("Title", "Integrated Sexual Health Service: Tariff and Payment Schedule 2026/27"),
        ("Owner", "Consultant in Public Health (Sexual Health)"),
        ("Version", "2.1"),
        ("Review date", "2027-02-28"),
        ("Audience", "public"),
    ],
    "blocks": [
        ("h1", "1. Status and scope"),
        ("p", "This schedule sets the prices Ashcombe Borough Council pays for open-access sexual health "
              "services in the 2026/27 Contract Year, and the rules for invoicing and payment. It applies to "
              "the Integrated Sexual Health Service, to community pharmacies that deliver sexual health "
              "services, and to other councils' clinics that see Ashcombe residents."),
        ("p", "1.1 Sexual health services are open access: anyone may attend any clinic in England without a "
              "referral. The council is responsible for paying for the care of its Residents wherever they are "
              "seen."),
        ("p", "1.2 The Integrated Sexual Health Service contract runs from 1 April 2022 to 31 March 2027."),

        ("h1", "2. Definitions"),
        ("p", "2.1 \"Resident\" means a person whose usual home address is in the borough of Ashcombe, as shown "
              "by the postcode the person gives at attendance."),
        ("p", "2.2 \"Attendance\" means a face-to-face or remote consultation with a clinician, recorded in the "
              "clinic's patient record."),
        ("p", "2.3 \"Out-of-Area Attendance\" means an Attendance by a Resident at a clinic commissioned by "
              "another council."),
        ("p", "2.4 \"Cross-Charge\" means an invoice from another council's provider to Ashcombe Borough "
              "Council for an Out-of-Area Attendance."),

        ("h1", "3. Local tariff for the Integrated Sexual Health Service"),
        ("p", "The Integrated Sexual Health Service is paid a price for each Attendance and procedure in the "
              "table below, for Residents only. Prices for 2025/26 are shown for comparison; only the 2026/27 "
              "prices are payable for Attendances on or after 1 April 2026."),
        ("table", ["Item", "2025/26 price", "2026/27 price"], [
            ["First Attendance", "£114.00", "£118.00"],
            ["Follow-up Attendance", "£60.00", "£62.00"],
            ["Intrauterine device or system fitting", "£137.00", "£142.00"],
            ["Contraceptive implant fitting", "£93.00", "£96.00"],
            ["Contraceptive implant removal", "£75.00", "£78.00"],
            ["HIV PrEP initiation", "£101.00", "£105.00"],
            ["HIV PrEP follow-up", "£53.00", "£55.00"],
            ["Online STI testing kit, returned and processed", "£23.50", "£24.50"],
        ]),
        ("p", "3.1 An online testing kit that is sent out but not returned is not paid."),
        ("p", "3.2 Where a fitting and an Attendance happen at the same visit, the council pays the fitting "
              "price and the Attendance price together."),

        ("h1", "4. Community pharmacy sexual health services"),
        ("p", "4.1 A community pharmacy is paid a consultation fee of £20.00 for each emergency hormonal "
              "contraception consultation, plus the drug cost at the Drug Tariff price."),
        ("p", "4.2 A community pharmacy is paid £12.00 for each chlamydia treatment supplied under the "
              "council's patient group direction, plus the drug cost."),
        ("p", "4.3 Pharmacies claim through the council's online claims portal by the 5th Working Day of the "
              "month after the month of service. Claims more than 3 months old are not paid."),

        ("h1", "5. Out-of-area cross-charging"),
        ("p", "5.1 The council pays a Cross-Charge for an Out-of-Area Attendance at the host council's local "
              "tariff, where that tariff has been shared with the council in advance, and otherwise at the "
              "council's own 2026/27 price in section 3."),
        ("p", "5.2 A Cross-Charge must show the first part of the patient's postcode and the date of the "
              "Attendance, and must not show the patient's name."),
        ("p", "5.3 A Cross-Charge must reach the council within 3 months of the end of the month in which the "
              "Attendance took place. A later Cross-Charge is not paid."),
        ("p", "5.4 The council will raise any challenge to a Cross-Charge within 30 days of receiving it."),

        ("h1", "6. Activity ceiling, invoicing and payment"),
        ("p", "6.1 The indicative activity ceiling for the Integrated Sexual Health Service in 2026/27 is "
              "£2,750,000. The provider must tell the council when activity reaches 85% of the ceiling."),
        ("p", "6.2 Activity above the ceiling is paid only where the council has agreed it in writing before "
              "the activity takes place."),
        ("p", "6.3 The provider invoices monthly in arrears, within 10 Working Days of the end of each month, "
              "with a patient-level activity file."),
        ("p", "6.4 The council pays valid, undisputed invoices within 30 days of receipt, under the payment "
              "terms on the council's Contract Management page."),

        ("h1", "7. Key performance indicators"),
        ("table", ["Indicator", "Target"], [
            ["Clients offered an appointment within 48 hours of contact", "95%"],
            ["First Attendances offered an HIV test", "97%"],
            ["STI results given to the client within 7 days of the test", "90%"],
            ["Long-acting reversible contraception as a share of all contraception provided", "45%"],
            ["Partner notification for chlamydia within 4 weeks", "0.6 contacts per index case"],
        ]),
        ("p", "7.1 The key performance indicators are reported each quarter within 20 Working Days of the end "
              "of the quarter."),
    ],
}


def build_docx(spec: dict, path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    for key, value in spec["control"]:
        doc.add_paragraph(f"{key}: {value}")
    if spec.get("header"):
        doc.sections[0].header.paragraphs[0].text = spec["header"]
        doc.sections[0].footer.paragraphs[0].text = spec["header"]
    for block in spec["blocks"]:
        kind = block[0]
        if kind == "h1":
            doc.add_heading(block[1], level=1)
        elif kind == "h2":
            doc.add_heading(block[1], level=2)
        elif kind == "p":
            doc.add_paragraph(block[1])
        elif kind == "table":
            header, rows = block[1], block[2]
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
    core = doc.core_properties
    for key, value in spec["core"].items():
        setattr(core, key, value)
    fixed = _dt.datetime(2026, 10, 1, 9, 0, 0)
    core.created = fixed
    core.modified = fixed
    core.revision = 1
    doc.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """Rewrite the DOCX package with fixed entry times, so that a rebuild gives identical bytes."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 10, 1, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, f"Ashcombe Borough Council - page {self.page_no()}", align="C")


def build_pdf(spec: dict, path: Path) -> None:
    pdf = _Pdf(format="A4")
    pdf.set_creation_date(_dt.datetime(2026, 10, 1, 9, 0, 0, tzinfo=_dt.timezone.utc))
    pdf.set_title(spec["title"])
    pdf.set_author(spec["author"])
    pdf.set_subject(spec["subject"])
    pdf.set_keywords(spec["keywords"])
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for key, value in spec["control"]:
        pdf.multi_cell(0, 5, f"{key}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for block in spec["blocks"]:
        kind = block[0]
        if kind == "h1":
            pdf.ln(3)
            pdf.start_section(block[1], level=0)
            pdf.set_font("Helvetica", style="B", size=13)
            pdf.multi_cell(0, 7, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=10)
            pdf.ln(1)
        elif kind == "p":
            pdf.multi_cell(0, 5, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            header, rows = block[1], block[2]
            widths = (90, 40, 40) if len(header) == 3 else (120, 50)
            with pdf.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
                head = table.row()
                pdf.set_font("Helvetica", style="B", size=10)
                for text in header:
                    head.cell(text)
                pdf.set_font("Helvetica", size=10)
                for row in rows:
                    r = table.row()
                    for text in row:
                        r.cell(text)
            pdf.ln(3)
    pdf.output(str(path))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_docx(DRUG_ALCOHOL, OUT / "drug-and-alcohol-treatment-service-specification.docx")
    build_docx(BUDGET, OUT / "commissioning-budget-and-reprocurement-plan-2027-28.docx")
    build_pdf(SEXUAL_HEALTH, OUT / "sexual-health-tariff-and-payment-schedule.pdf")
    print("built", ", ".join(sorted(p.name for p in OUT.iterdir() if p.suffix in {".docx", ".pdf"})))


if __name__ == "__main__":
    main()
