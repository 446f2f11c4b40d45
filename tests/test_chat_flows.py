"""Chat as people use it, driven through the terminal loop with scripted input over the real core
(real model, index and SQLite): what the person reads on screen is what is asserted."""

from __future__ import annotations

import pytest

from assistant.channels.console import run_console
from assistant.core.events import Event

from conftest import ROOT


@pytest.fixture()
def app(tmp_path, shipped_app, settings):
    from assistant.app import App, wire_conversation

    s = settings.model_copy(update={"data_dir": tmp_path / "var"})
    a = App(settings=s, embedder=shipped_app.embedder, retriever=shipped_app.retriever, answers=shipped_app.answers)
    wire_conversation(a, throttle=False)
    return a


def chat(app, lines: list[str], *, user: int = 5, role: str = "officer", name: str = "", opening=None) -> str:
    """Type `lines` into the terminal chat; returns the whole screen."""
    app.roles.users.set_role(user, role, granted_by="test")
    script = iter(lines)

    def read(_prompt: str) -> str:
        try:
            return next(script)
        except StopIteration:
            raise EOFError from None

    out: list[str] = []
    run_console(app.core.handle, user_id=user, name=name, opening=opening, read=read, write=out.append)
    return "\n".join(out)


def start(checklist: str, user: int = 5) -> list[Event]:
    return [Event(user, "command", command="start", args=f"checklist_{checklist}")]


# The answers that reach choose-route's value step: a service name, then "No" five times.
TO_VALUE = ["Carers' breaks", "2", "2", "2", "2", "2"]


@pytest.mark.parametrize("typed, band, approver, not_shown", [
    ("360k", "£100,000 to £499,999", "Approver: the relevant Director", "Commissioning Officer"),
    ("£360,000", "£100,000 to £499,999", "Approver: the relevant Director", "Cabinet"),
    ("360000", "£100,000 to £499,999", "Approver: the relevant Director", "three written quotes"),
    ("1.2m", "£500,000 and above", "Approver: Cabinet approves the award", "relevant Director"),
    ("9,500", "Under £10,000", "Approver: a Commissioning Officer", "Head of Strategic Commissioning"),
])
def test_choose_route_works_out_the_band_and_ends_with_one_route_and_one_approver(app, typed, band, approver, not_shown):
    screen = chat(app, [*TO_VALUE, typed], opening=start("choose-route"))
    after = screen[screen.index("whole-life value in pounds"):]
    assert "Which band" not in after and "[1] Under £10,000" not in after  # never asked: worked out
    assert approver in after and not_shown not in after.split("Outcome:")[1].split("Your decision record")[0]
    record = sorted((app.checklists.records_dir).glob("*.md"))[-1].read_text()
    assert f"**Answer:** {band}" in record  # the computed band is in the record as an answer
    assert f"Whole-life value: {band}" in record  # and the row of the table it came from is quoted


def test_choose_route_refuses_a_value_it_cannot_read(app):
    screen = chat(app, [*TO_VALUE, "about a lot", "between 10k and 20k", "45k"], opening=start("choose-route"))
    assert screen.count("Please type one amount in pounds") == 2
    assert "Approver: the Head of Strategic Commissioning" in screen


def test_plan_consultation_outcome_names_only_what_was_answered(app):
    # EIA done, significant change, VCS affected, Compact lead involved, provider notice "Not yet".
    screen = chat(app, ["1", "1", "1", "1", "2"], opening=start("plan-consultation"))
    outcome = screen.split("Outcome:")[1].split("Your decision record")[0]
    assert "3 months' notice" in outcome
    assert "Equality Impact Assessment" not in outcome and "Compact" not in outcome
    screen = chat(app, ["2"], user=6, opening=start("plan-consultation", 6))
    outcome = screen.split("Outcome:")[1].split("Your decision record")[0]
    assert "Equality Impact Assessment" in outcome and "notice" not in outcome and "Compact" not in outcome


ONBOARDING = ["Adult social care", "1", "1", "1", "1", "1", "none", "1", "1"]


def pdf_pages(path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages]


def test_decision_record_pages_title_name_marking_and_reference(app):
    import re

    screen = chat(app, ONBOARDING, name="Priya Shah", opening=start("new-staff-onboarding"))
    pdf = next(app.checklists.records_dir.glob("*new-staff-onboarding*.pdf"))
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for i, text in enumerate(pages, 1):  # internal material quoted: marked on every page, and numbered
        assert "OFFICIAL – internal" in text and f"page {i} of {len(pages)}" in text
    assert "Onboarding for new commissioning staff: Adult social care" in pages[0]
    assert re.search(r"Completed by\s*Priya Shah", pages[0])
    ref = re.search(r"DR-[A-Z2-7]{8}", pages[0]).group(0)
    assert ref in screen and ref in pdf.name  # the chat, the file and the record agree
    # A public checklist that quotes only public clauses carries no marking.
    chat(app, [*TO_VALUE, "45k"], user=5, name="Priya Shah", opening=start("choose-route"))
    public = next(app.checklists.records_dir.glob("*choose-route*.pdf"))
    first = pdf_pages(public)[0]
    assert "OFFICIAL" not in first and "Choose the route for a new service: Carers' breaks" in first
    assert re.search(r"DR-[A-Z2-7]{8}", first).group(0) != ref


def test_a_pdf_table_row_is_quoted_column_by_column(app):
    screen = chat(app, ["what insurance does the council ask a public sector provider for?"], role="provider")
    screen = screen.replace("\n  │ ", " ")  # the quote as one line, however wide the terminal
    assert "│ Check: Insurance; What the council asks a public sector provider for: No insurance check" in screen
    assert "Check What the council asks" not in screen
    assert "clause Insurance" in screen  # cited by the row's first cell, like an HTML table row
