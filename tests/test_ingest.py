"""Each format becomes sections and citable clauses; bad files are skipped by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.loader import load_folder
from assistant.ingest.structure import clause_number

ROOT = Path(__file__).resolve().parent.parent


def by_clause(passages, clause):
    found = [p for p in passages if p.clause == clause]
    assert found, f"no clause {clause!r} in {[p.clause for p in passages]}"
    return found[0]


def test_markdown_front_matter_headings_clauses_lists_and_tables(tmp_path):
    (tmp_path / "policy.md").write_text("""---
title: Test Policy
audience: internal
owner: Head of Testing
version: "1.2"
review_date: 2027-01-01
---
# Test Policy

## 2. Decision levels

2.1 The Commissioning Manager approves contracts under £25,000.

2.2 The council expects three things:

- a written quote
- a signed declaration

| Value band | Decision maker |
| --- | --- |
| under £10,000 | Commissioning Officer |

### 2.3 Waivers

A waiver needs two signatures.
""")
    lib = load_folder(tmp_path)
    assert not lib.problems
    ps = lib.passages
    p21 = by_clause(ps, "2.1")
    assert p21.section == "2. Decision levels"
    assert p21.path == ("Test Policy", "2. Decision levels")
    assert (p21.audience, p21.owner, p21.version, p21.review_date) == ("internal", "Head of Testing", "1.2", "2027-01-01")
    assert "• a written quote" in by_clause(ps, "2.2").text  # the list stays with its lead-in clause
    row = by_clause(ps, "under £10,000")
    assert row.text == "Value band: under £10,000; Decision maker: Commissioning Officer"
    waiver = by_clause(ps, "¶1")
    assert waiver.path[-1] == "2.3 Waivers" and waiver.section == "2.3 Waivers"
    assert "Test Policy › 2. Decision levels › clause 2.1" == p21.citation()


def test_plain_text_headings_by_shape(tmp_path):
    (tmp_path / "faq.txt").write_text("""Title: Provider FAQ
Owner: Liaison Officer
Version: 1.0
Review date: 2027-02-01
Audience: public

GETTING PAID

4.1 How quickly will the council pay my invoice?

The council pays valid invoices within 30 days.
Small providers are paid within 10 working days.

Monitoring
==========

5.1 The council reviews contracts every quarter.
""")
    lib = load_folder(tmp_path)
    assert not lib.problems
    doc = lib.documents[0]
    assert doc.meta["owner"] == "Liaison Officer" and doc.meta["version"] == "1.0"
    pay = [p for p in lib.passages if "30 days" in p.text][0]
    assert pay.section == "4.1 How quickly will the council pay my invoice?"
    assert pay.path == ("GETTING PAID", "4.1 How quickly will the council pay my invoice?")
    assert "10 working days" in pay.text  # a FAQ answer stays together
    mon = by_clause(lib.passages, "5.1")
    assert mon.section == "Monitoring"


def test_html_sections_tables_and_nested_lists(tmp_path):
    (tmp_path / "routes.html").write_text("""<!doctype html><html><head><title>Routes</title>
<meta name="audience" content="public"><meta name="owner" content="Head of Procurement">
<meta name="version" content="1.4"><meta name="review_date" content="2027-03-01"></head>
<body><nav>skip me</nav><h1>Routes</h1><h2>3. Quotes</h2>
<p>3.1 Three quotes are needed from £10,000.</p>
<ul><li>written quotes<ul><li>on letterhead</li></ul></li><li>emailed quotes</li></ul>
<table><tr><th>Band</th><th>Route</th></tr><tr><td>£25,000 to £99,999</td><td>Request for quotation</td></tr></table>
</body></html>""")
    lib = load_folder(tmp_path)
    ps = lib.passages
    assert lib.documents[0].meta["owner"] == "Head of Procurement"
    quotes = by_clause(ps, "3.1")
    assert "• written quotes" in quotes.text and "  on letterhead" in quotes.text
    assert by_clause(ps, "£25,000 to £99,999").text == "Band: £25,000 to £99,999; Route: Request for quotation"
    assert all("skip me" not in p.text for p in ps)


def test_generated_pdf_and_docx_keep_sections_and_metadata():
    lib = load_folder(ROOT / "knowledge")
    pdfs = [p for p in lib.passages if p.format == "pdf"]
    docxs = [p for p in lib.passages if p.format == "docx"]
    assert pdfs and docxs
    for group in (pdfs, docxs):
        assert len({p.section for p in group}) >= 8
        assert all(p.owner and p.version for p in group)
        assert sum(1 for p in group if clause_number(p.text)) > len(group) / 2
    assert {p.audience for p in lib.passages if p.document == "officer-handbook.docx"} == {"internal"}


def test_html_page_furniture_is_not_quoted_but_a_marking_in_the_footer_still_counts(tmp_path):
    """A council CMS page: the site header, sidebar, related links and footer are not the policy.
    The footer's address no longer runs on at the end of the last section, the sidebar's "In this
    section" is no section, and an OFFICIAL-SENSITIVE in the footer still makes the page internal."""
    page = """<html><head><title>Paying suppliers</title></head><body>
<header class="site-header"><a href="/">Fellside Council</a><form><input name="q"></form></header>
<aside class="sidebar"><h2>In this section</h2><ul><li><a href="/a">Current tenders</a></li></ul></aside>
<main id="main-content"><h1>Paying suppliers</h1>
<h2>1. Payment terms</h2><p>1.1 The council pays undisputed invoices within 30 days.</p>
<aside class="related"><h2>Related pages</h2><ul><li><a href="/b">Contracts register</a></li></ul></aside>
<div class="feedback"><h2>Was this page useful?</h2><button>Yes</button> <p><a href="/r">Report a problem</a></p></div>
</main>
<footer class="site-footer"><p>Fellside Council, Town Hall, Fellside FS1 1AA</p><p>OFFICIAL-SENSITIVE</p></footer>
</body></html>"""
    (tmp_path / "paying.html").write_text(page, encoding="utf-8")
    lib = load_folder(tmp_path)
    text = " ".join(p.text for p in lib.passages)
    assert by_clause(lib.passages, "1.1").section == "1. Payment terms"
    assert "Town Hall" not in text and "Current tenders" not in text and "Contracts register" not in text
    assert not any(h in (p.section, *p.path) for p in lib.passages for h in ("In this section", "Was this page useful?"))
    assert "Report a problem" not in text
    assert {p.audience for p in lib.passages} == {"internal"}


def test_pdf_without_outline_falls_back_to_heading_shapes(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, "Grants Guide", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 8, "2. Payments", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(0, 5, "2.1 Grants are paid quarterly in advance.", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, "2.2 The council pays invoices within 30 days.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "guide.pdf"))
    lib = load_folder(tmp_path)
    assert not lib.problems
    p = by_clause(lib.passages, "2.2")
    assert p.section == "2. Payments"


def test_pdf_without_outline_takes_bold_lines_a_little_larger_than_the_body_for_headings(tmp_path):
    """Numbered bold headings at 12 pt over a 10.5 pt body (only 14 % larger) are sections; a bold
    sentence at body size is not (a lead-in or warning, not a heading)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 15)
    pdf.cell(0, 10, "Transport Specification", new_x="LMARGIN", new_y="NEXT")
    for n, heading, clauses in ((7, "Key performance indicators", ["7.1 At least 95% of trips start on time."]),
                                (8, "Rates", ["8.1 The council pays 52p a mile for a car.",
                                              "8.2 Waiting time is paid at the hourly rate."])):
        pdf.set_font("helvetica", "B", 12)
        pdf.cell(0, 8, f"{n}. {heading}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 10.5)
        for c in clauses:
            pdf.multi_cell(0, 5, c, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 10.5)
    pdf.multi_cell(0, 5, "8.3 Fares are kept by the provider.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "spec.pdf"))
    lib = load_folder(tmp_path)
    assert not lib.problems
    assert by_clause(lib.passages, "7.1").section == "7. Key performance indicators"
    assert by_clause(lib.passages, "8.2").section == "8. Rates"
    assert by_clause(lib.passages, "8.3").section == "8. Rates"


def _paged_pdf(title: str, footer: str):
    """An fpdf2 document that prints `title` atop every page and `footer` ({page} filled in) at
    its foot, as councils' PDFs do."""
    from fpdf import FPDF

    class Paged(FPDF):
        def header(self):
            self.set_font("helvetica", "B", 16)
            self.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.set_font("helvetica", "", 8)
            self.cell(0, 10, footer.format(page=self.page_no()))

    return Paged()


def test_pdf_running_headers_and_footers_are_not_text_and_do_not_break_sections(tmp_path):
    """A council PDF repeats its title at the top of every page and "Page n of m" at the foot.
    Read as text, the title was a heading mid-section (clauses after a page break lost their
    section) and a continuation line starting "a home" was taken for a clause "(a)"."""
    pdf = _paged_pdf("Care Home Framework 2026", "Wyvern County Council - Page {page} of 2")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 8, "4. Pricing", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    for n in range(1, 61):
        pdf.multi_cell(0, 5, f"4.{n} The council pays band {n} at the weekly rate set for it.", new_x="LMARGIN",
                       new_y="NEXT")
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 8, "5. Quality", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(0, 5, "5.1 A provider must hold an overall rating of Good or Outstanding for every home it runs "
                         "before it can take any new placement under this framework, and it must keep it for\n"
                         "a home to stay on the framework.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "framework.pdf"))
    assert pdf.page_no() == 2
    lib = load_folder(tmp_path)
    assert not lib.problems
    texts = " ".join(p.text for p in lib.passages)
    assert "Page 1 of 2" not in texts and "Page 2 of 2" not in texts
    assert all(p.section in ("4. Pricing", "5. Quality") for p in lib.passages), {p.section for p in lib.passages}
    assert by_clause(lib.passages, "4.60").section == "4. Pricing"          # after the page break
    assert by_clause(lib.passages, "5.1").text.endswith("a home to stay on the framework.")


def test_pdf_table_rows_and_numbered_headings_at_a_page_edge_are_never_taken_for_furniture(tmp_path):
    """Rows that differ only in their numbers ("2025/26 | 21.20") and headings such as "Schedule 1"
    and "Schedule 2" at the top of pages look alike with numbers blanked: only a page number is."""
    from assistant.ingest.pdf import pdf_document

    pdf = _paged_pdf("Rates Guide 2026", "Page {page} of 2")
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    for n in range(1, 48):
        pdf.multi_cell(0, 5, f"1.{n} The council pays at the rate set.", new_x="LMARGIN", new_y="NEXT")
    years = ("2024/25", "2025/26", "2026/27", "2027/28", "2028/29")
    with pdf.table() as table:
        for cells in (("Year", "Hourly rate"), *((y, f"GBP {20 + i}.10") for i, y in enumerate(years))):
            row = table.row()
            for c in cells:
                row.cell(c)
    pdf.output(str(tmp_path / "rates.pdf"))
    assert pdf.page_no() == 2
    _, blocks, _ = pdf_document(tmp_path / "rates.pdf")
    rows = [r[0] for b in blocks if b.kind == "table" for r in b.rows]
    assert all(y in rows for y in years), rows
    assert not [b.text for b in blocks if "Page 1 of 2" in (b.text or "") or "Rates Guide" in (b.text or "")]


def test_bad_files_are_skipped_by_name_and_the_rest_indexes(tmp_path):
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\n# Good\n\n1.1 The council pays in 30 days.\n")
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "bad-front.md").write_text("---\ntitle: [unclosed\n---\n# X\n\ntext\n")
    lib = load_folder(tmp_path)
    assert [p.document for p in lib.passages] == ["good.md"]
    named = {p.path.name: p for p in lib.problems}
    assert set(named) == {"empty.md", "broken.pdf", "broken.docx", "bad-front.md"}
    assert named["bad-front.md"].line == 2  # the broken YAML line, counted in the file
    assert "empty" in named["empty.md"].message


def test_audience_from_front_matter_then_config_glob_then_public(tmp_path):
    (tmp_path / "internal").mkdir()
    (tmp_path / "a.md").write_text("---\ntitle: A\naudience: internal\n---\n# A\n\n1.1 Alpha.\n")
    (tmp_path / "internal" / "b.md").write_text("# B\n\n1.1 Beta.\n")
    (tmp_path / "c.md").write_text("# C\n\n1.1 Gamma.\n")
    lib = load_folder(tmp_path, audiences={"internal/**": "internal"})
    got = {p.document: p.audience for p in lib.passages}
    assert got == {"a.md": "internal", "b.md": "internal", "c.md": "public"}


@pytest.mark.parametrize("text,expected", [("5.2 The council", "5.2"), ("(a) a thing", "a"), ("2026 was", None),
                                           ("I think", None), ("A3.1 Clause", "A3.1")])
def test_clause_numbers(text, expected):
    got = clause_number(text)
    assert (got[0] if got else None) == expected


def _auto_numbered_docx(path):
    """A Word document numbered the way Word numbers it: a multilevel list ("%1." headings,
    "%1.%2" clauses) defined in numbering.xml, so no number is in any paragraph's text."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, ilvl, style=None):
        para = doc.add_paragraph(text, style=style)
        para._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("Decision levels", 0, "Heading 1")
    numbered("The Head of Commissioning approves contracts up to £100,000.", 1)
    numbered("The Director approves contracts above £100,000.", 1)
    numbered("Waivers", 0, "Heading 1")
    numbered("A waiver needs a written reason.", 1)
    numbered("where only one supplier can provide the service;", 2)
    numbered("in an emergency.", 2)
    doc.add_paragraph("The provider must:")
    doc.add_paragraph("keep records for six years", style="List Number")
    doc.add_paragraph("share them on request", style="List Number")
    doc.save(str(path))


def test_docx_automatic_numbering_gives_clause_and_heading_numbers(tmp_path):
    """Word's own numbers ("2.1", not typed) are cited like typed ones, headings keep theirs,
    lettered sub-points stay with their clause and a numbered list after a lead-in stays the
    lead-in's, and the count restarts under each heading as Word shows it."""
    _auto_numbered_docx(tmp_path / "policy.docx")
    lib = load_folder(tmp_path)
    assert not lib.problems
    assert by_clause(lib.passages, "1.2").section == "1. Decision levels"
    assert "The Director approves" in by_clause(lib.passages, "1.2").text
    waiver = by_clause(lib.passages, "2.1")
    assert waiver.section == "2. Waivers"
    assert "(a) where only one supplier" in waiver.text and "(b) in an emergency" in waiver.text
    lead = next(p for p in lib.passages if "The provider must:" in p.text)
    assert "keep records for six years" in lead.text and "share them on request" in lead.text


def test_docx_text_in_content_controls_and_tracked_insertions_is_read(tmp_path):
    """Council templates wrap sections in content controls and drafts carry tracked changes: the
    words Word shows are indexed (the insertion, not the deletion), where they were dropped."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    doc.add_heading("3. Payment", level=1)
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>3.1 The council pays invoices within </w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>60</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>30</w:t></w:r></w:ins>'
        '<w:r><w:t> days of receipt.</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    doc.save(str(tmp_path / "terms.docx"))
    lib = load_folder(tmp_path)
    clause = by_clause(lib.passages, "3.1")
    assert clause.section == "3. Payment"
    assert "within 30 days of receipt" in clause.text and "60" not in clause.text


def test_docx_without_heading_styles_uses_bold_and_numbered_lines(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Title: Care Funding Guide\nOwner: Head of Care\nVersion: 2\nReview date: 2027-01-01\nAudience: public")
    d.add_paragraph().add_run("1. Paying providers").bold = True
    d.add_paragraph("1.1 The council pays care homes every four weeks in arrears.")
    d.add_paragraph().add_run("Monitoring").bold = True
    d.add_paragraph("Providers send a quarterly return with their staffing figures.")
    d.save(str(tmp_path / "guide.docx"))
    lib = load_folder(tmp_path)
    assert not lib.problems
    pay = by_clause(lib.passages, "1.1")
    assert pay.section == "1. Paying providers"
    mon = [p for p in lib.passages if "quarterly return" in p.text][0]
    assert mon.section == "Monitoring"


def test_text_file_with_markdown_style_headings(tmp_path):
    (tmp_path / "notes.txt").write_text("# Grants guide\n\n## 2. Payments\n\n2.1 Grants are paid quarterly in advance.\n")
    lib = load_folder(tmp_path)
    p = by_clause(lib.passages, "2.1")
    assert p.section == "2. Payments" and p.path == ("Grants guide", "2. Payments")


def test_numbered_lists_are_clauses_unless_introduced_by_a_lead_in(tmp_path):
    (tmp_path / "p.md").write_text("""---
title: P
---
# P

## 3. Principles

1. Outcomes come first in every decision.
2. Needs are assessed before services are bought.

## 4. Checks

4.1 The council checks the following:

1. accounts
2. insurance
""")
    (tmp_path / "p.html").write_text("<html><body><h1>Q</h1><h2>Rules</h2><ol start='5'><li>Pay in 30 days.</li>"
                                     "<li>Monitor every quarter.</li></ol></body></html>")
    lib = load_folder(tmp_path)
    md = [p for p in lib.passages if p.document == "p.md"]
    assert by_clause(md, "2").text == "2. Needs are assessed before services are bought."
    assert by_clause(md, "2").section == "3. Principles"
    assert "• accounts" in by_clause(md, "4.1").text  # a lead-in keeps its list
    html = [p for p in lib.passages if p.document == "p.html"]
    assert by_clause(html, "6").text == "6. Monitor every quarter."


def test_audience_words_are_normalised_and_unknown_ones_are_internal(tmp_path):
    for name, said in (("a", "Staff only"), ("b", "OFFICERS"), ("c", "all"), ("d", "secret-squirrel"), ("e", "Public")):
        (tmp_path / f"{name}.md").write_text(f"---\ntitle: {name}\naudience: {said}\n---\n# {name}\n\n1.1 Text {name}.\n")
    got = {p.document: p.audience for p in load_folder(tmp_path).passages}
    assert got == {"a.md": "internal", "b.md": "internal", "c.md": "public", "d.md": "internal", "e.md": "public"}


def test_pdf_tables_come_out_as_rows_quoted_column_by_column(tmp_path):
    """A ruled table in a PDF is one passage per row ("Band: …; Who approves: …"), not running text."""
    from fpdf import FPDF

    from assistant.ingest.pdf import pdf_document

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 10, "3. Approvals", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(0, 5, "3.1 Approval depends on the value of the grant.", new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for row in (("Band", "Who approves"), ("Under 5,000 pounds", "Grants Officer"),
                    ("5,000 pounds and above", "Head of Grants, after the panel has met and agreed")):
            r = table.row()
            for cell in row:
                r.cell(cell)
    pdf.multi_cell(0, 5, "3.2 The panel meets monthly.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "grants.pdf"))
    _, blocks, _ = pdf_document(tmp_path / "grants.pdf")
    kinds = [b.kind for b in blocks]
    assert kinds.index("table") > kinds.index("heading")
    table = next(b for b in blocks if b.kind == "table")
    assert table.rows[0] == ("Band", "Who approves") and table.rows[2][1].startswith("Head of Grants, after the panel")
    texts = [b.text for b in blocks if b.kind == "para"]
    assert any(t.startswith("3.1") for t in texts) and any(t.startswith("3.2") for t in texts)
    assert not any("Who approves" in t for t in texts)  # the table's words are not also running text


def test_pdf_pages_that_draw_no_path_are_not_laid_out_for_tables(tmp_path):
    """Only a page whose content stream builds a path (a rule, a box) is handed to pdfplumber's
    table search; a page of text is not, and a page with one drawn line is."""
    from fpdf import FPDF
    from pypdf import PdfReader

    from assistant.ingest.pdf import _may_have_rules

    pdf = FPDF()
    pdf.set_font("helvetica", "", 10)
    pdf.add_page()
    pdf.multi_cell(0, 5, "3.1 Plain text: no rules, no boxes, and (brackets) / slashes [too].")
    pdf.add_page()
    pdf.multi_cell(0, 5, "3.2 Text above a rule.")
    pdf.line(10, 40, 100, 40)
    pdf.add_page()
    pdf.rect(10, 10, 50, 20)
    pdf.output(str(tmp_path / "rules.pdf"))
    assert [_may_have_rules(page) for page in PdfReader(str(tmp_path / "rules.pdf")).pages] == [False, True, True]
