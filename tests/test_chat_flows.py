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


def chat(app, lines: list, *, user: int = 5, role: str = "officer", name: str = "", opening=None) -> str:
    """Type `lines` into the terminal chat (a line may be a function of the screen so far, see
    `press`); returns the whole screen."""
    app.roles.users.set_role(user, role, granted_by="test")
    script = iter(lines)
    out: list[str] = []

    def read(_prompt: str) -> str:
        try:
            line = next(script)
        except StopIteration:
            raise EOFError from None
        out.append(f"> {line if isinstance(line, str) else line.__name__}")
        return line if isinstance(line, str) else line("\n".join(out))

    run_console(app.core.handle, user_id=user, name=name, opening=opening, read=read, write=out.append)
    return "\n".join(out)


def press(label: str):
    """Type the number of the latest button whose label starts with `label`."""
    import re

    def typed(screen: str) -> str:
        hits = re.findall(r"\[(#?\d+)\] " + re.escape(label), screen)
        assert hits, f"no button {label!r} on screen:\n{screen[-1500:]}"
        return hits[-1]

    typed.__name__ = f"<press {label}>"
    return typed


def since(screen: str, marker: str) -> str:
    """The screen after the last time `marker` was typed."""
    return screen[screen.rindex(f"> {marker}"):]


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
    outcome = after.split("Outcome:")[1].split("From the policy")[0]
    assert approver in outcome and not_shown not in outcome
    record = sorted((app.checklists.records_dir).glob("*.md"))[-1].read_text()
    assert f"**Worked out:** {band}" in record  # the computed band is in the record, marked as worked out
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
    assert "  │ Check: Insurance; What the council asks" in screen
    screen = screen.replace("\n  │ ", " ")  # the quote as one line, however wide the terminal
    assert " Check: Insurance; What the council asks a public sector provider for: No insurance check" in screen
    assert "Check What the council asks" not in screen
    assert "clause Insurance" in screen  # cited by the row's first cell, like an HTML table row


# -- input: button numbers, free text, small talk ---------------------------------------------------
def test_a_button_number_that_does_not_exist_is_not_asked_as_a_question(app):
    screen = chat(app, ["who approves a £60,000 contract?", "9", "I want a list of all the parking fines", "#8"])
    after = since(screen, "9")
    assert "There is no button 9 — choose 1–" in after and "│" not in after.split("> I want")[0]
    assert "There is no button 8 — choose 1–" in since(screen, "#8") and "│" not in since(screen, "#8")
    # Telegram has no numbered buttons: a typed number is still never a policy question.
    reply = app.core.handle(Event(5, "text", text="9"))
    assert "There is no button 9" in reply[0].plain and len(reply) == 1


def test_at_a_typed_step_hash_numbers_are_refused_and_bare_numbers_confirmed(app):
    screen = chat(app, ["#7", "3", press("↩️ No"), "3", press("✅ Yes")], opening=start("choose-route"))
    import re

    assert re.search(r"There is no button #7 — choose #1–#\d, or type your answer\.", screen)  # the console knows the range
    assert screen.count("Did you mean “3” as your answer") == 2
    assert "Step 2 of" in since(screen, "<press ✅ Yes>")
    # Through Telegram (no numbered buttons), "#7" is refused by the core, and never saved.
    app.core.handle(Event(6, "command", command="start", args="checklist_choose-route"))
    assert "There is no button #7" in app.core.handle(Event(6, "text", text="#7"))[0].plain
    assert app.checklists.active_run(6).answers == {}


def test_a_question_at_a_button_step_is_answered_then_the_open_checklist_is_offered(app):
    screen = chat(app, ["Home care", "who approves a £60,000 contract?", press("▶️ Continue")],
                  opening=start("choose-route"))
    asked = since(screen, "who approves a £60,000 contract?")
    assert "│" in asked.split("You're on")[0]  # answered, with a quote
    assert "You're on step 2 of about" in asked and "Choose the route for a new service" in asked
    assert "[5] ▶️ Continue" in asked or "▶️ Continue" in asked
    shown = since(screen, "<press ▶️ Continue>")
    assert "Step 2 of about" in shown and "voluntary or community organisation asking for money" in shown


@pytest.mark.parametrize("typed", ["hello", "hi there", "thanks", "Thank you!", "good morning"])
def test_small_talk_gets_a_short_human_reply(app, typed):
    screen = since(chat(app, [typed]), typed)
    assert "I answer questions about the council's commissioning policy" in screen
    assert "│" not in screen and "nearest topics" not in screen and "can't find" not in screen


def test_help_without_a_slash_shows_the_help_and_questions_with_hi_are_still_answered(app):
    screen = chat(app, ["help", "hi, who approves a £60,000 contract?"])
    assert "How to use me" in since(screen, "help").split("> hi,")[0]
    assert "│" in since(screen, "hi, who approves")


def test_small_talk_at_a_typed_step_is_not_saved_as_the_answer(app):
    screen = chat(app, ["thanks"], opening=start("choose-route"))
    assert "You're welcome" in screen and "You're on step 1 of" in screen
    assert app.checklists.active_run(5).answers == {}


# -- checklists: pause, progress, why, back, open-checklist notices ---------------------------------
def test_onboarding_i_have_a_question_pauses_and_carries_on_where_it_was(app):
    screen = chat(app, ["Adult social care", press("I have a question"), "who approves a £60,000 contract?",
                        press("▶️ Continue")], opening=start("new-staff-onboarding"))
    paused = since(screen, "<press I have a question>")
    assert "Go ahead: type your question" in paused and "Step 2 of" in paused
    assert "│" in since(screen, "who approves")  # the question is answered
    assert "First, who to ask" in since(screen, "<press ▶️ Continue>")  # back at the same step
    assert not list(app.checklists.records_dir.glob("*.md")) if app.checklists.records_dir.exists() else True
    assert "First, who to ask" in app.core.handle(Event(5, "command", command="resume"))[0].plain


def test_progress_why_back_and_open_checklist_notices(app):
    screen = chat(app, ["Home care", press("ℹ️ Why?"), press("⬅️ Back"), "/start", "/help"],
                  opening=start("choose-route"))
    assert "Step 1 of about" in screen and "Step 2 of about" in screen
    why = since(screen, "<press ℹ️ Why?>").split("> ")[1]
    assert "Why this step" in why and "Yes, its own project" in why  # the step's buttons come back
    back = since(screen, "<press ⬅️ Back>").split("> /start")[0]
    assert "Your earlier answer: Home care" in back
    assert "You have a checklist open: Choose the route for a new service (step 1 of about" in since(screen, "/start")
    assert "You have a checklist open" in since(screen, "/help")


def test_choose_route_outcome_quotes_the_row_it_rests_on(app):
    screen = " ".join(chat(app, [*TO_VALUE, "360k"], opening=start("choose-route")).replace("│", " ").split())
    done = screen.split("Outcome:")[1]
    assert "From the policy" in done and "Who approves: The relevant Director" in done
    assert "clause £100,000 to £499,999" in done and "Choose the route for a new service: Carers' breaks: done" in screen


# -- rules in the chat ---------------------------------------------------------------------------------
def test_rules_take_a_typed_sector_show_topic_titles_grouped_with_back_buttons(app):
    screen = chat(app, ["/rules charities", press("All topics"), press("⬅️ Back to topics"),
                        press("⬅️ Back to sectors"), "/rules martians"], role="provider")
    topics = since(screen, "/rules charities").split("> <press")[0]
    assert "Voluntary and community sector: which topic?" in topics
    assert "] Due diligence" in topics and "due-diligence" not in topics
    listing = since(screen, "<press All topics>").split("\n> ")[0]
    assert "\nDue diligence\n" in listing and "\nPayment\n" in listing and "¶" not in listing
    assert "which topic?" in since(screen, "<press ⬅️ Back to topics>")
    assert "Which sector are you in?" in since(screen, "<press ⬅️ Back to sectors>")
    assert "I don't know the sector “martians”" in since(screen, "/rules martians")


# -- officer extras ------------------------------------------------------------------------------------
def test_officer_help_feedback_and_unanswered(app):
    long = "could you tell me my name is Jane Smith and my email is jane@example.org " + "what about parking " * 12
    screen = chat(app, ["/help", "who approves a £60,000 contract?", press("👎 Not helpful"), long,
                        "/feedback", "/unanswered"])
    helped = since(screen, "/help").split("> who")[0]
    assert "/unanswered" in helped and "/feedback" in helped
    assert "/unanswered" not in since(chat(app, ["/help"], user=9, role="provider"), "/help")
    feedback = since(screen, "/feedback").split("> /unanswered")[0]
    assert "Recently rated not helpful" in feedback and "“who approves a £60,000 contract?”" in feedback
    assert "answered with " in feedback and "clause" in feedback
    unanswered = since(screen, "/unanswered")
    assert "[name]" in unanswered and "[email]" in unanswered and "Jane" not in unanswered
    assert "…" in unanswered and max(len(l) for l in unanswered.splitlines()) < 140


def test_small_talk_words_are_data_a_council_can_replace(tmp_path):
    from assistant.search.smalltalk import load_smalltalk

    path = tmp_path / "smalltalk.yaml"
    path.write_text("greeting: [bore da, shwmae]\nthanks: [diolch]\nfiller: [yn fawr]\n")
    talk = load_smalltalk(path)
    assert talk.kind("Shwmae!") == "greeting" and talk.kind("diolch yn fawr") == "thanks"
    assert talk.kind("hello") is None  # ours are gone: only the council's words count
    assert talk.kind("shwmae, who approves a grant?") is None
    assert load_smalltalk(tmp_path / "absent.yaml") is None
