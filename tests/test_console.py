"""The terminal channel: numbers press buttons, except when a step waits for a typed answer."""

from __future__ import annotations

from assistant.channels.console import render, run_console
from assistant.core.events import Button, Event, Part, Reply


def test_numbers_press_buttons_unless_a_typed_answer_is_awaited():
    seen: list[Event] = []
    script = iter(["2", "3", "#1", "quit"])

    def handle(event: Event) -> list[Reply]:
        seen.append(event)
        if len(seen) == 1:  # a choice step
            return [Reply((Part("text", "Pick"),), ((Button("A", "tok-a"), Button("B", "tok-b")),))]
        return [Reply((Part("text", "How many providers?"),), ((Button("Cancel", "tok-c"),),), awaiting_text=True)]

    out: list[str] = []
    run_console(handle, user_id=1, opening=[Event(1, "command", command="start")], read=lambda _: next(script),
                write=out.append)
    assert [(e.kind, e.token or e.text) for e in seen[1:]] == [("button", "tok-b"), ("text", "3"), ("button", "tok-c")]
    assert any("[#1] Cancel" in line for line in out)


def test_a_failing_event_is_reported_and_the_session_goes_on():
    script = iter(["boom", "fine", "quit"])
    out: list[str] = []

    def handle(event: Event) -> list[Reply]:
        if event.text == "boom":
            raise RuntimeError("bug")
        return [Reply((Part("text", "ok"),))]

    assert run_console(handle, user_id=1, read=lambda _: next(script), write=out.append) == 0
    assert any("went wrong" in line for line in out) and "ok" in out


def test_quotes_and_citations_render_readably():
    text = render(Reply((Part("bold", "Title\n"), Part("quote", "5.2 The council pays."), Part("cite", "Policy › clause 5.2"))))
    assert "  │ 5.2 The council pays." in text and "  — Policy › clause 5.2" in text


def test_terminal_role_is_a_session_override_not_a_stored_grant(tmp_path, shipped_index):
    """`bot.py chat --role officer` is an officer for that session; the database the Telegram bot
    reads never records user 1 as an officer."""
    from assistant.app import admin_roles
    from assistant.settings import load_settings
    from conftest import run_bot, write_config

    cfg = write_config(tmp_path)
    out = run_bot("--config", str(cfg), "chat", "--role", "officer", "--index", str(shipped_index),
                  input="/whoami\nquit\n")
    assert out.returncode == 0, out.stderr
    assert "signed in as: officer" in out.stdout
    roles = admin_roles(load_settings(cfg))
    assert roles.role_of(1) == "provider"
    assert 1 not in {o.user_id for o in roles.officers()}
    assert "No officers" in run_bot("--config", str(cfg), "officers", "list").stdout


def test_non_utf8_arguments_and_lone_surrogates_are_answered_not_a_traceback(tmp_path, shipped_index):
    import json
    import os

    from conftest import run_bot, write_config

    cfg = write_config(tmp_path)
    question = os.fsdecode(b"\xff\xfe what is a grant? \xed\xa0\x80")  # undecodable bytes, as argv delivers them
    out = run_bot("--config", str(cfg), "ask", "--json", "--index", str(shipped_index), question)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    answer = json.loads(out.stdout)
    assert "\ufffd" in answer["question"] and "what is a grant?" in answer["question"]
    plain = run_bot("--config", str(cfg), "ask", "--index", str(shipped_index), os.fsdecode(b"\xff\xfe"))
    assert plain.returncode == 0 and "Traceback" not in plain.stderr and plain.stdout.strip(), plain.stderr
