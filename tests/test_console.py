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
