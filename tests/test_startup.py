"""Starting the assistant as a person would: what the terminal says while it waits, loads or builds."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time

from conftest import ROOT, run_bot, write_config
from telegram_emulator import BotApiEmulator


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lines:
    """A subprocess's stderr, read line by line with a deadline."""

    def __init__(self, proc: subprocess.Popen):
        self.proc, self.buf, self.seen = proc, b"", []

    def wait_for(self, text: str, timeout: float) -> float:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if any(text in line for line in self.seen):
                return time.monotonic() - start
            ready, _, _ = select.select([self.proc.stderr], [], [], 0.2)
            if ready:
                chunk = os.read(self.proc.stderr.fileno(), 65536)
                if not chunk and self.proc.poll() is not None:
                    break
                self.buf += chunk
                *done, rest = self.buf.split(b"\n")
                self.seen += [d.decode(errors="replace") for d in done]
                self.buf = rest
        raise AssertionError(f"{text!r} not printed within {timeout} s; got {self.seen[-20:]}")


def test_telegram_without_network_says_so_at_once_then_connects_when_it_can(tmp_path, shipped_index):
    port = _free_port()  # nothing listens here yet: connection refused, as with no network
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(TELEGRAM_BOT_TOKEN="123456:TEST-token", TELEGRAM_BASE_URL=f"http://127.0.0.1:{port}/bot",
               TELEGRAM_BASE_FILE_URL=f"http://127.0.0.1:{port}/file/bot", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, str(ROOT / "bot.py"), "--config", str(write_config(tmp_path)), "telegram",
                             "--index", str(shipped_index)], cwd=str(ROOT), env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    out = Lines(proc)
    try:
        assert out.wait_for("can't reach Telegram (connection error", 20) < 20
        assert "retrying every 5 s" in out.seen[-1]
        time.sleep(7)  # another attempt fails meanwhile: no second line for it
        with BotApiEmulator(port=port) as api:
            out.wait_for("reached Telegram; starting.", 20)
            out.wait_for("connected; Ctrl-C stops it", 90)
            assert api.calls("getMe")
        assert sum("can't reach Telegram" in line for line in out.seen) == 1
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_unreachable_is_reported_once_a_minute_not_per_attempt():
    from assistant.channels.telegram import wait_until_reachable

    now = [0.0]
    attempts = iter([OSError("[Errno -3] Temporary failure in name resolution")] * 40 + [None])

    def probe():
        exc = next(attempts)
        if exc:
            raise exc

    lines: list[str] = []
    wait_until_reachable(probe, write=lines.append, sleep=lambda s: now.__setitem__(0, now[0] + s),
                         clock=lambda: now[0])
    assert lines[0] == ("can't reach Telegram (DNS error: [Errno -3] Temporary failure in name resolution), "
                        "retrying every 5 s; Ctrl-C stops.")
    assert [l.split(" (")[0] for l in lines[1:-1]] == ["still can't reach Telegram after 1 min",
                                                      "still can't reach Telegram after 2 min",
                                                      "still can't reach Telegram after 3 min"]
    assert lines[-1] == "reached Telegram; starting."


SMALL_POLICY = """# Small Grants Policy

## 1. Grants

1.1 The council pays small grants quarterly in advance.

1.2 A grant under £10,000 is approved by a Commissioning Officer.
"""


def test_make_run_says_what_it_is_doing_before_the_slow_parts(tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "small-grants.md").write_text(SMALL_POLICY)
    cfg = write_config(tmp_path, knowledge_dir=str(kb))
    env = {"TELEGRAM_BOT_TOKEN": ""}
    first = run_bot("--config", str(cfg), "run", input="quit\n", env=env)
    assert first.returncode == 0, first.stderr
    lines = [l for l in first.stderr.splitlines() if l.strip()]
    assert lines[0] == "building the index (first run)…"
    assert "build it with" not in first.stderr and "no index" not in first.stderr
    assert "Commissioning Assistant (terminal chat" in first.stdout
    again = run_bot("--config", str(cfg), "run", input="quit\n", env=env)
    assert [l for l in again.stderr.splitlines() if l.strip()][0] == "loading the model and index…"
    assert "building" not in again.stderr


def test_help_describes_every_command_and_option_with_an_example():
    top = run_bot("--help")
    assert top.returncode == 0 and "examples:" in top.stdout
    commands = ["index", "ask", "eval", "chat", "telegram", "checklist", "rules", "check", "invite", "revoke", "run"]
    for name in commands:
        out = run_bot(name, "--help").stdout
        assert "examples:\n  python bot.py " + name in out, name
        options = [l for l in out.split("options:")[1].split("examples:")[0].splitlines()]
        text = " ".join(" ".join(options).split())
        for flag in {w.rstrip(",") for l in options for w in l.split() if w.startswith("--") and w != "--help"}:
            assert f"e.g. {flag}" in text or f"e.g. {name}" in text or "e.g." in text.split(flag, 1)[1].split(" --")[0], \
                f"{name} {flag}: no example"
    assert "--role {officer,provider}" in run_bot("ask", "--help").stdout


def test_eval_with_a_missing_questions_file_names_it():
    out = run_bot("eval", "--questions", "nope.yaml")
    assert out.returncode == 2 and out.stderr.strip() == "error: questions file not found: nope.yaml"


def test_ctrl_c_in_checklist_run_says_it_is_saved_and_exits_non_zero(tmp_path, shipped_index):
    import signal

    cfg = write_config(tmp_path)
    proc = subprocess.Popen([sys.executable, str(ROOT / "bot.py"), "--config", str(cfg), "checklist", "run",
                             "choose-route", "--role", "officer", "--index", str(shipped_index)], cwd=str(ROOT),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            # A suite started in the background (`make test &`) runs with SIGINT
                            # ignored, and Python keeps an inherited SIG_IGN, so the runner could
                            # not see Ctrl-C at all; a user's terminal gives it the default.
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    buf = b""
    deadline = time.monotonic() + 120
    while b"> " not in buf and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            buf += os.read(proc.stdout.fileno(), 65536)
    assert b"Step 1" in buf, buf
    proc.send_signal(signal.SIGINT)
    # Only then close stdin (communicate does): closed at once, a loaded machine could let the
    # runner read end-of-input before the signal lands, which is a clean exit 0, not Ctrl-C.
    proc.wait(timeout=30)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "saved — resume with --resume: python bot.py checklist run choose-route --resume" in out.decode()
    assert b"Traceback" not in err
    resumed = run_bot("--config", str(cfg), "checklist", "run", "choose-route", "--role", "officer", "--index",
                      str(shipped_index), "--resume", input="")
    assert "Which service is this for?" in resumed.stdout


def test_checklist_list_tells_a_provider_how_many_more_officers_have():
    out = run_bot("checklist", "list", "--role", "provider")
    assert out.returncode == 0 and "(2 more for officers)" in out.stdout
    assert "(internal)" not in out.stdout and "more for" not in run_bot("checklist", "list", "--role", "officer").stdout
