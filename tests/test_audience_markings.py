"""A marking can never make an internal document public (issue 16, item 2).

UK government markings (OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET, "OFFICIAL – internal")
all mean "not for providers". Every declaration of a document's audience counts, in every format
(front matter, control block, file properties, page headers, marking lines, config globs); the
stricter wins, and `bot.py check` names each disagreement with file and line.
"""

from __future__ import annotations

import shutil

import pytest

from assistant.ingest.loader import load_folder
from conftest import ROOT, run_bot

META = "owner: Head of Testing\nversion: \"1\"\nreview_date: 2027-01-01\n"


def md(title: str, audience: str, body_top: str = "", body_end: str = "") -> str:
    return (f"---\ntitle: {title}\naudience: {audience}\n{META}---\n{body_top}\n# {title}\n\n## 1. Rates\n\n"
            f"1.1 The home care ceiling for {title} is £25.40 an hour.\n\n{body_end}\n")


def audiences(folder, **kw) -> dict[str, str]:
    lib = load_folder(folder, **kw)
    assert not lib.problems, lib.problems
    return {d.name: d.audience for d in lib.documents}


def notes(folder, name: str, **kw) -> list[tuple[int, str]]:
    return next(d.audience_notes for d in load_folder(folder, **kw).documents if d.name == name)


def test_a_classification_line_cannot_make_an_internal_document_public(tmp_path):
    """The issue's case: `audience: internal` and a body line `Classification: OFFICIAL`."""
    (tmp_path / "handbook.md").write_text(md("Handbook", "internal", body_top="Classification: OFFICIAL\n"))
    lib = load_folder(tmp_path)
    assert {p.audience for p in lib.passages} == {"internal"}


@pytest.mark.parametrize("marking", ["OFFICIAL", "OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE", "SECRET", "TOP SECRET",
                                     "OFFICIAL – internal", "OFFICIAL-SENSITIVE: COMMERCIAL"])
def test_every_uk_marking_means_internal_however_it_is_written(tmp_path, marking):
    (tmp_path / "a.md").write_text(md("A", "public", body_top=f"Classification: {marking}\n"))
    (tmp_path / "b.md").write_text(md("B", "public", body_end=f"{marking}\n"))  # a marking line of its own
    (tmp_path / "c.txt").write_text(f"Title: C\nOwner: X\nVersion: 1\nReview date: 2027-01-01\nClassification: {marking}\n\n"
                                    "1. RATES\n\n1.1 The ceiling is £25.40 an hour.\n")
    assert audiences(tmp_path) == {"a.md": "internal", "b.md": "internal", "c.txt": "internal"}


def test_a_disagreement_is_reported_at_the_declaration_that_lost(tmp_path):
    (tmp_path / "a.md").write_text(md("A", "public", body_end="OFFICIAL-SENSITIVE\n"))
    [(line, message)] = notes(tmp_path, "a.md")
    assert line == 3  # `audience: public` in the front matter
    assert "'public'" in message and "'OFFICIAL-SENSITIVE'" in message and "line 15" in message
    assert "the stricter, internal, is used" in message


def test_front_matter_classification_and_audience_are_both_read(tmp_path):
    (tmp_path / "a.md").write_text(f"---\ntitle: A\naudience: public\nclassification: OFFICIAL\n{META}---\n# A\n\n1.1 Text.\n")
    assert audiences(tmp_path) == {"a.md": "internal"}
    assert notes(tmp_path, "a.md")[0][0] == 3


def test_a_config_glob_stricter_than_the_file_wins_and_is_reported(tmp_path):
    (tmp_path / "internal").mkdir()
    (tmp_path / "internal" / "a.md").write_text(md("A", "public"))
    assert audiences(tmp_path, audiences={"internal/**": "internal"}) == {"a.md": "internal"}
    [(line, message)] = notes(tmp_path, "a.md", audiences={"internal/**": "internal"})
    assert line == 3 and "config.yaml ingest.audiences 'internal/**'" in message


def test_ordinary_words_in_the_body_are_not_markings(tmp_path):
    (tmp_path / "a.md").write_text(md("A", "public", body_end="1.2 Classification: the council sorts spend into "
                                                               "three bands.\n\n## Official rates\n\n1.3 The official "
                                                               "rate is published.\n"))
    assert audiences(tmp_path) == {"a.md": "public"} and notes(tmp_path, "a.md") == []


def test_audience_words_are_data_a_council_can_extend(tmp_path):
    (tmp_path / "a.md").write_text(md("A", "members only"))
    assert audiences(tmp_path) == {"a.md": "internal"}
    assert "not a known word" in notes(tmp_path, "a.md")[0][1]
    assert notes(tmp_path, "a.md", audience_words={"members only": "internal"}) == []
    (tmp_path / "b.md").write_text(md("B", "for everybody"))
    assert audiences(tmp_path, audience_words={"for everybody": "public"})["b.md"] == "public"


# -- the other formats' metadata paths ---------------------------------------------------------------
def test_html_meta_classification_and_marking_banner(tmp_path):
    (tmp_path / "a.html").write_text("<html><head><title>A</title><meta name='audience' content='public'>\n"
                                     "<meta name='classification' content='OFFICIAL-SENSITIVE'></head>\n"
                                     "<body><h1>A</h1><p>1.1 The ceiling is £25.40 an hour.</p></body></html>")
    (tmp_path / "b.html").write_text("<html><head><title>B</title><meta name='audience' content='public'></head>\n"
                                     "<body><div class='banner'>OFFICIAL</div>\n<h1>B</h1>\n"
                                     "<p>1.1 The ceiling is £25.40 an hour.</p></body></html>")
    assert audiences(tmp_path) == {"a.html": "internal", "b.html": "internal"}
    assert notes(tmp_path, "a.html")[0][0] == 1 and "HTML <meta> `classification`" in notes(tmp_path, "a.html")[0][1]


def _pdf(path, *, keywords: str, header: str = "", control: str = ""):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_keywords(keywords)
    pdf.set_title("Guide")
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    if header:
        pdf.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
    if control:
        pdf.multi_cell(0, 5, control, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 10, "1. Rates", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(0, 5, "1.1 The ceiling is 25.40 pounds an hour.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_keywords_and_page_marking(tmp_path):
    _pdf(tmp_path / "a.pdf", keywords="audience: public; classification: OFFICIAL")
    _pdf(tmp_path / "b.pdf", keywords="audience: public", header="OFFICIAL-SENSITIVE")
    _pdf(tmp_path / "c.pdf", keywords="audience: internal", control="Audience: public")
    assert audiences(tmp_path) == {"a.pdf": "internal", "b.pdf": "internal", "c.pdf": "internal"}


def test_docx_properties_page_header_and_control_block(tmp_path):
    import docx

    def make(name: str, *, category: str, header: str = "", control: str = "") -> None:
        d = docx.Document()
        d.core_properties.category = category
        d.core_properties.title = name
        if header:
            d.sections[0].header.paragraphs[0].text = header
        if control:
            d.add_paragraph(control)
        d.add_heading("1. Rates", level=1)
        d.add_paragraph("1.1 The ceiling is £25.40 an hour.")
        d.save(str(tmp_path / name))

    make("a.docx", category="public", header="OFFICIAL – internal")
    make("b.docx", category="internal", control="Title: B\nAudience: public")
    make("c.docx", category="public", control="Title: C\nClassification: SECRET")
    assert audiences(tmp_path) == {"a.docx": "internal", "b.docx": "internal", "c.docx": "internal"}


def test_check_reports_the_conflict_with_file_and_line_and_the_provider_never_sees_it(tmp_path):
    kb = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb, ignore=shutil.ignore_patterns("src"))
    (kb / "rates-note.md").write_text(md("Rates note", "public", body_end="OFFICIAL-SENSITIVE\n"))
    (kb / "handbook-note.md").write_text(md("Handbook note", "internal", body_top="Classification: OFFICIAL\n"))
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1, out.stdout
    problems = out.stdout.splitlines()
    assert [p for p in problems if "rates-note.md" in p] == [p for p in problems if p.startswith(f"{kb / 'rates-note.md'}:3: audience declarations disagree")]
    assert len([p for p in problems if "rates-note.md" in p]) == 1
    assert not [p for p in problems if "handbook-note.md" in p]  # internal twice: nothing to report
    lib = load_folder(kb, exclude=["src/**", "checklists/**", "*.yaml"])
    assert {p.audience for p in lib.passages if p.document in ("rates-note.md", "handbook-note.md")} == {"internal"}
