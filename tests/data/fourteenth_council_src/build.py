"""Build the generated documents of the fourteenth council library (Kestrel Moor District Council).

Why this exists: the DOCX and PDF files in ../fourteenth_council/ are committed, but their text lives
here so an edit is made in one place and the binaries can be rebuilt byte-for-byte in content.
Run: .venv/bin/python tests/data/fourteenth_council_src/build.py

The PDF deliberately has NO outline (bookmarks): its headings are short bold numbered lines only,
so the ingester has to find them from the page text. Core fonts only, so text stays Latin-1 (£ is fine,
no curly quotes or dashes).
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "fourteenth_council"
FIXED = dt.datetime(2027, 3, 1, 9, 0, 0, tzinfo=dt.timezone.utc)

# --------------------------------------------------------------------------------------------
# DOCX 1 (public): small-value procurement guide. Blocks: ("h1"/"h2", text) | ("p", text)
# | ("ul", [items]) | ("table", [header, rows...]).
# --------------------------------------------------------------------------------------------
PROCUREMENT_CONTROL = [
    "Title: Buying for Kestrel Moor: small-value procurement guide",
    "Owner: Procurement Lead",
    "Version: 2.2",
    "Review date: 2028-01-31",
    "Audience: public",
]
PROCUREMENT = [
    ("h1", "Buying for Kestrel Moor"),
    ("h2", "About this guide"),
    ("p", "This guide is for council staff who buy goods, services or works worth less than £100,000. "
          "Suppliers can read it too, so they know what the council will ask of them."),
    ("p", "A contract worth £100,000 or more is bought by formal tender under the council's Contract "
          "Procedure Rules, with help from Legal Services."),
    ("h2", "Which band am I in?"),
    ("p", "Work out the value of the whole contract for its whole length, including any extensions, without VAT."),
    ("p", "Do not split a purchase into smaller orders to bring it into a lower band. Splitting a purchase "
          "this way breaks the council's rules and is reported to the Audit and Governance Committee."),
    ("p", "If you buy the same kind of thing often, add up what the council spends on it over a year to find the band."),
    ("h2", "Value bands"),
    ("p", "Each value band below says what you must do and who approves the purchase."),
    ("table", [
        ["Value (without VAT)", "What you must do", "Who approves"],
        ["Under £1,000", "One quote, or buy from a framework the council already uses", "Budget holder"],
        ["£1,000 to £9,999", "At least two written quotes", "Budget holder"],
        ["£10,000 to £29,999", "At least three written quotes, with at least one from a supplier based in the district where there is one", "Service Manager"],
        ["£30,000 to £99,999", "Open request for quotation on the MoorTender portal, advertised on Contracts Finder for at least 10 working days", "Head of Service and Procurement Lead"],
        ["£100,000 and over", "Formal tender under the Contract Procedure Rules, run with Legal Services", "Director and Procurement Lead"],
    ]),
    ("h2", "Getting quotes"),
    ("p", "Ask every supplier for the same thing, with the same information, by the same date."),
    ("p", "An email from the supplier counts as a written quote. A price given over the phone does not count as a written quote."),
    ("p", "Keep the written quotes, and a note of why you chose the supplier, for 6 years."),
    ("p", "If you cannot get enough quotes because too few suppliers reply, keep a note of who you asked and tell the Procurement Lead before you order."),
    ("h2", "Local and small suppliers"),
    ("p", "The council wants local firms, charities and small businesses to have a fair chance of council work."),
    ("p", "For a purchase of £10,000 to £29,999, at least one of the three suppliers asked to quote must be based in the district, if a suitable one exists."),
    ("p", "Keep what you ask for simple. Do not ask a small supplier for more insurance or accounts than the job needs."),
    ("h2", "Social value"),
    ("p", "Social value means the extra good a contract does for people in the district, beyond the goods or service itself."),
    ("p", "For a contract worth £30,000 or more, social value must make up at least 10% of the marks when quotes are scored."),
    ("p", "For a contract worth less than £30,000, asking about social value is optional."),
    ("p", "Examples of social value the council looks for:"),
    ("ul", [
        "apprenticeships and jobs for local people",
        "volunteering days for local groups",
        "buying from other local suppliers",
        "cutting carbon and waste",
    ]),
    ("h2", "The contracts register"),
    ("p", "The council publishes every contract worth £5,000 or more on its contracts register."),
    ("p", "The officer who buys the contract must add it to the contracts register within 20 working days of the contract being signed."),
    ("p", "The contracts register shows the supplier, what was bought, the value, the start and end dates and the officer who manages the contract."),
    ("p", "The contracts register on the council's website is updated every three months."),
    ("h2", "Paying suppliers promptly"),
    ("p", "The council pays undisputed invoices within 30 days of receiving them."),
    ("p", "The council aims to pay small suppliers based in the district within 10 days of receiving the invoice."),
    ("p", "Every invoice must quote the council's purchase order number. An invoice without a purchase order number is sent back to the supplier unpaid."),
    ("p", "A main contractor on a council contract must pay its own subcontractors within 30 days, and the contract says so."),
    ("p", "A supplier that is paid late can claim interest under the Late Payment of Commercial Debts (Interest) Act 1998."),
    ("h2", "When the rules don't fit: waivers"),
    ("p", "If you cannot follow the rules in this guide, you must get a signed waiver before you place the order."),
    ("p", "The waiver form guidance explains when a waiver can be agreed and who signs it."),
    ("h2", "Conflicts of interest"),
    ("p", "Anyone involved in a purchase must tell their manager about any link with a supplier, such as a family member or friend who works there."),
    ("p", "An officer with a conflict of interest must take no part in choosing the supplier."),
    ("p", "Officers must not accept gifts or hospitality from a supplier while quotes are being sought."),
]

# --------------------------------------------------------------------------------------------
# DOCX 2 (internal): officer notes on community transport and leisure.
# --------------------------------------------------------------------------------------------
NOTES_CONTROL = [
    "Title: Community services commissioning: officer notes, summer 2027",
    "Owner: Community Services Manager",
    "Version: 0.2",
    "Review date: 2027-08-31",
    "Audience: internal",
    "Classification: OFFICIAL-SENSITIVE",
]
NOTES = [
    ("h1", "Community services commissioning: officer notes"),
    ("h2", "Purpose of these notes"),
    ("p", "These notes brief officers on the community transport tender and the leisure contract. "
          "The notes are not for providers, bidders or the public."),
    ("h2", "Community transport: where we are"),
    ("p", "The current community transport contract is held by Moorlink Community Transport Ltd and ends on 30 September 2027."),
    ("p", "Moorlink met the 15-minute pick-up target on only 88% of trips in 2026/27, against the target of 95%."),
    ("p", "Only two local providers are thought likely to bid for the new contract."),
    ("h2", "Community transport: money"),
    ("p", "The estimated value of the new community transport contract is £465,000 over three years, not counting the two-year extension."),
    ("p", "The estimated value is provisional until the rates in the specification are tested with the market."),
    ("p", "The community transport budget for 2027/28 is £148,000, of which £20,000 is one-off money from reserves."),
    ("h2", "Community transport: draft decision"),
    ("p", "Draft decision, not yet agreed: if the tender runs late, extend the Moorlink contract by up to 3 months under a waiver signed by the Chief Finance Officer and the Monitoring Officer."),
    ("p", "The award of the new contract will be approved by Sarah Okonjo, Director of Communities, on 14 September 2027."),
    ("h2", "Leisure contract"),
    ("p", "Moor Leisure Trust runs Moorside Leisure Centre and Fellgate Community Centre for the council until 31 March 2029."),
    ("p", "The management fee paid to Moor Leisure Trust for 2027/28 is provisionally £310,000, down from £335,000 in 2026/27."),
    ("p", "Officers will bring options for the leisure contract after March 2029 to Cabinet in spring 2028."),
]


def _docx(path: Path, control: list[str], blocks: list, *, title: str, owner: str, audience: str,
          version: str, keywords: str, header: str | None = None) -> None:
    doc = Document()
    for line in control:
        doc.add_paragraph(line)
    for kind, body in blocks:
        if kind == "h1":
            doc.add_heading(body, level=1)
        elif kind == "h2":
            doc.add_heading(body, level=2)
        elif kind == "p":
            doc.add_paragraph(body)
        elif kind == "ul":
            for item in body:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            table = doc.add_table(rows=len(body), cols=len(body[0]))
            table.style = "Table Grid"
            for r, row in enumerate(body):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:  # pragma: no cover - a typo in the data above
            raise ValueError(kind)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
        doc.sections[0].footer.paragraphs[0].text = header
    cp = doc.core_properties
    cp.title = title
    cp.author = owner
    cp.category = audience
    cp.subject = f"version {version}"
    cp.keywords = keywords
    cp.created = FIXED.replace(tzinfo=None)
    cp.modified = FIXED.replace(tzinfo=None)
    cp.last_modified_by = owner
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    _fix_zip_times(buf.getvalue(), path)


def _fix_zip_times(data: bytes, path: Path) -> None:
    """Rewrite the DOCX zip with fixed entry times, so a rebuild gives identical bytes (clean diffs)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, src.read(info.filename))


# --------------------------------------------------------------------------------------------
# PDF (public): community transport service specification. Numbered, bold, short headings;
# clauses numbered; lists unnumbered with "-" bullets. NO outline.
# --------------------------------------------------------------------------------------------
SPEC_CONTROL = [
    "Title: Community Transport Service Specification 2027 to 2030",
    "Owner: Community Services Manager",
    "Version: 1.0",
    "Review date: 2028-09-30",
    "Audience: public",
]
SPEC = [
    ("title", "Community Transport Service Specification"),
    ("h", "1. Purpose of the service"),
    ("p", "1.1 Kestrel Moor District Council is buying a door-to-door community transport service for people in the district who cannot use ordinary buses."),
    ("p", "1.2 The contract runs from 1 October 2027 to 30 September 2030, with an option to extend it for up to two more years."),
    ("h", "2. Who can use the service"),
    ("p", "2.1 A person can use the service if they live in the Kestrel Moor district and cannot use an ordinary bus because of age, disability or illness, or because no bus runs near their home."),
    ("p", "2.2 Every passenger must register with the provider before their first trip."),
    ("p", "2.3 A passenger can bring one escort or carer, who travels free."),
    ("p", "2.4 Assistance dogs travel free."),
    ("h", "3. Journeys and fares"),
    ("p", "3.1 The service runs from 7am to 7pm, Monday to Saturday, except bank holidays."),
    ("p", "3.2 Passengers can use the service for:"),
    ("ul", ["shopping and banking", "medical and dental appointments", "clubs, classes and social activities",
            "visiting friends and family"]),
    ("p", "3.3 The provider must take passengers to hospital appointments at the Royal Fellgate Hospital, which is outside the district."),
    ("p", "3.4 The passenger fare is £3.50 for a single trip within the district."),
    ("p", "3.5 The passenger fare is £6.00 for a single trip to a place outside the district."),
    ("h", "4. Vehicles"),
    ("p", "4.1 The provider must run three kinds of vehicle: volunteer drivers' own cars, wheelchair accessible vehicles (WAVs) and 16-seat minibuses."),
    ("p", "4.2 Every WAV and minibus must be no more than 8 years old."),
    ("p", "4.3 Every WAV and minibus must have a working lift or ramp and wheelchair restraints."),
    ("p", "4.4 Every vehicle must be cleaned inside on each day it is used."),
    ("h", "5. Drivers"),
    ("p", "5.1 Every driver, paid or volunteer, must have an enhanced DBS check, renewed every 3 years."),
    ("p", "5.2 Every minibus driver must finish MiDAS minibus driver training within 3 months of starting."),
    ("p", "5.3 A volunteer car driver must have business use cover on their own car insurance."),
    ("h", "6. Booking"),
    ("p", "6.1 Passengers must be able to book by phone from 9am to 4pm, Monday to Friday."),
    ("p", "6.2 Passengers must book at least 24 hours before the trip."),
    ("p", "6.3 The provider must confirm each booking with the passenger by the end of the day before the trip."),
    ("h", "7. Key performance indicators"),
    ("p", "7.1 At least 95% of passengers must be picked up within 15 minutes of the booked time."),
    ("p", "7.2 At least 98% of booked trips must go ahead, so the provider cancels no more than 2% of booked trips."),
    ("p", "7.3 At least 90% of calls to the booking line must be answered within 2 minutes."),
    ("p", "7.4 The provider must acknowledge a complaint within 3 working days and reply in full within 15 working days."),
    ("p", "7.5 At least 85% of passengers must say they are satisfied or very satisfied in the yearly passenger survey."),
    ("p", "7.6 At least 90% of requests for a wheelchair accessible vehicle must be met."),
    ("p", "7.7 If the provider misses the same KPI in two quarters in a row, the provider must send the council an improvement plan within 20 working days."),
    ("h", "8. Rates"),
    ("p", "8.1 The council pays the provider by the hour and by the mile, at a rate that depends on the vehicle used."),
    ("p", "8.2 For a volunteer car, the council pays 52p a mile and no hourly rate."),
    ("p", "8.3 For a wheelchair accessible vehicle, the council pays £26.50 an hour and 65p a mile."),
    ("p", "8.4 For a 16-seat minibus, the council pays £32.00 an hour and 78p a mile."),
    ("p", "8.5 Mileage is paid from the first pick-up to the last drop-off. Mileage to and from the provider's base is not paid."),
    ("p", "8.6 Waiting time at a hospital is paid at the hourly rate for up to 2 hours."),
    ("p", "8.7 The rates go up each 1 April by the Consumer Prices Index, with a cap of 4%."),
    ("h", "9. Payment"),
    ("p", "9.1 The provider sends the council one invoice each month, for the month before."),
    ("p", "9.2 The provider keeps the passenger fares and takes them off the monthly invoice."),
    ("p", "9.3 The council pays undisputed invoices within 30 days of receiving them."),
    ("h", "10. Reports"),
    ("p", "10.1 The provider must send a quarterly report within 15 working days of the end of each quarter."),
    ("p", "10.2 The quarterly report must show:"),
    ("ul", ["the number of trips by vehicle type", "the number of registered passengers",
            "performance against each KPI", "complaints and compliments", "safeguarding concerns raised"]),
    ("p", "10.3 The provider must report a safeguarding concern to the council on the same working day."),
]


def _pdf(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title("Community Transport Service Specification 2027 to 2030")
    pdf.set_author("Community Services Manager")
    pdf.set_subject("version 1.0")
    pdf.set_keywords("audience: public")
    pdf.set_creator("Kestrel Moor District Council")
    pdf.set_creation_date(FIXED)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in SPEC_CONTROL:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for kind, body in SPEC:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(0, 8, body, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, body, new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.set_font("Helvetica", size=10.5)
            pdf.multi_cell(0, 5.5, body, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "ul":
            pdf.set_font("Helvetica", size=10.5)
            for item in body:
                pdf.set_x(26)
                pdf.multi_cell(0, 5.5, "- " + item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        else:  # pragma: no cover
            raise ValueError(kind)
    pdf.output(str(path))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    _docx(OUT / "small-value-procurement-guide.docx", PROCUREMENT_CONTROL, PROCUREMENT,
          title="Buying for Kestrel Moor: small-value procurement guide", owner="Procurement Lead",
          audience="public", version="2.2", keywords="audience: public")
    _docx(OUT / "community-services-officer-notes.docx", NOTES_CONTROL, NOTES,
          title="Community services commissioning: officer notes, summer 2027",
          owner="Community Services Manager", audience="internal", version="0.2",
          keywords="audience: internal; classification: OFFICIAL-SENSITIVE", header="OFFICIAL-SENSITIVE")
    _pdf(OUT / "community-transport-specification.pdf")
    for name in ("small-value-procurement-guide.docx", "community-services-officer-notes.docx",
                 "community-transport-specification.pdf"):
        print("built", OUT / name)


if __name__ == "__main__":
    main()
