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


def test_a_number_that_names_no_button_is_neither_pressed_nor_asked():
    seen: list[Event] = []
    script = iter(["9", "#4", "2", "quit"])

    def handle(event: Event) -> list[Reply]:
        seen.append(event)
        return [Reply((Part("text", "Answer"),), ((Button("A", "a"), Button("B", "b")), (Button("C", "c"),
                                                                                         Button("D", "d"))))]

    out: list[str] = []
    run_console(handle, user_id=1, opening=[Event(1, "command", command="start")], read=lambda _: next(script),
                write=out.append)
    assert "There is no button 9 — choose 1–4, or type a question." in out
    assert "There is no button 4 — choose 1–4, or type a question." not in out  # "#4" is button 4: pressed
    assert [(e.kind, e.token) for e in seen[1:]] == [("button", "d"), ("button", "b")]


def test_at_a_typed_step_a_hash_number_must_name_a_button():
    seen: list[Event] = []
    script = iter(["#7", "7", "quit"])

    def handle(event: Event) -> list[Reply]:
        seen.append(event)
        return [Reply((Part("text", "Which service?"),), ((Button("Back", "back"), Button("Cancel", "cancel")),),
                      awaiting_text=True)]

    out: list[str] = []
    run_console(handle, user_id=1, opening=[Event(1, "command", command="start")], read=lambda _: next(script),
                write=out.append)
    assert "There is no button #7 — choose #1–#2, or type your answer." in out
    assert [(e.kind, e.text) for e in seen[1:]] == [("text", "7")]  # only the bare number went on, as text


def test_citations_wrap_to_the_terminal_width_like_quotes():
    cite = "Local Commissioning Policy › 5. Decision levels by value › clause 5.1 · local-commissioning-policy.md, " \
           "owner: Head of Strategic Commissioning, version 3.2"
    text = render(Reply((Part("quote", "5.1 " + "The council decides who approves. " * 6), Part("cite", cite))), width=60)
    lines = text.splitlines()
    assert all(len(l) <= 60 for l in lines), lines
    cited = [l for l in lines if l.startswith("  — ") or (l.startswith("    ") and not l.startswith("  │"))]
    assert len(cited) >= 2 and " ".join(l.strip(" —") for l in cited) == cite


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


def test_non_utf8_bytes_on_stdin_are_answered_not_a_traceback(tmp_path, shipped_index):
    import os
    import subprocess

    from conftest import PY, ROOT, write_config

    cfg = write_config(tmp_path)
    base = [PY, str(ROOT / "bot.py"), "--config", str(cfg)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}  # as in an en_GB.UTF-8 terminal: strict decoding
    asked = subprocess.run([*base, "ask", "--json", "--index", str(shipped_index)], input=b"\xff\xfe what is a grant?\n",
                           capture_output=True, timeout=180, cwd=str(ROOT), env=env)
    assert asked.returncode == 0 and b"Traceback" not in asked.stderr, asked.stderr.decode(errors="replace")
    assert "what is a grant?" in asked.stdout.decode()
    chat = subprocess.run([*base, "chat", "--index", str(shipped_index)], input=b"\xff\xfe\n/whoami\nquit\n",
                          capture_output=True, timeout=180, cwd=str(ROOT), env=env)
    assert chat.returncode == 0 and b"Traceback" not in chat.stderr, chat.stderr.decode(errors="replace")
    assert b"signed in as: provider" in chat.stdout


def _pipe_reader():
    import io
    import os

    from assistant.channels.console import InterruptibleInput

    r, w = os.pipe()
    return InterruptibleInput(stdin=os.fdopen(r, "rb", buffering=0), stdout=io.StringIO()), w


def test_terminal_lines_are_read_whole_with_bad_bytes_replaced_then_end_of_input():
    import os

    read, w = _pipe_reader()
    os.write(w, b"first\r\nsecond \xff line\nno newline at the end")
    os.close(w)
    assert [read("> "), read("> "), read("> ")] == ["first", "second \ufffd line", "no newline at the end"]
    assert read.stdout.getvalue() == "> > > "
    import pytest
    with pytest.raises(EOFError):
        read("> ")


def test_ctrl_c_taken_by_another_thread_still_interrupts_the_prompt():
    """A process's SIGINT lands on any of its threads (the model's libraries start several); a
    prompt that only a signal on the main thread could wake would hang until a line came."""
    import os
    import signal
    import threading
    import time

    class Interrupted(Exception):
        pass

    def handler(signum, frame):
        raise Interrupted

    read, w = _pipe_reader()
    previous = signal.signal(signal.SIGINT, handler)

    done = threading.Event()

    def other_thread():
        time.sleep(0.3)
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)   # taken by this thread, not the main one
        if not done.wait(5):
            os.write(w, b"too late\n")   # unblocks a prompt that missed the signal, so the test fails, not hangs

    t = threading.Thread(target=other_thread, daemon=True)
    started = time.monotonic()
    t.start()
    try:
        got = read("> ")
    except Interrupted:
        got = None
    finally:
        elapsed = time.monotonic() - started
        done.set()
        t.join()
        signal.signal(signal.SIGINT, previous)
        os.close(w)
    assert got is None and elapsed < 4
