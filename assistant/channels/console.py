"""The terminal chat: the same core as Telegram, with numbered buttons. It keeps no state.

Buttons of the latest reply are shown as [1], [2], …; typing a number presses one. When a step
asks you to type an answer, a number is your answer, and buttons are shown and pressed as #1, #2.
Anything else is sent as a message (or a /command). Decision records are saved and their path printed.
"""

from __future__ import annotations

import logging
import shutil
import textwrap
from collections.abc import Callable

from assistant.channels.button_input import NoSuchButton, Press, read_press
from assistant.core.events import Button, Event, Part, Reply
from assistant.textnorm import inert

WIDTH = 88  # when the terminal's width is unknown


def terminal_width() -> int:
    """The terminal's columns (40 at least, so a narrow window still reads), else WIDTH."""
    return max(40, shutil.get_terminal_size((WIDTH, 24)).columns)


def render(reply: Reply, width: int | None = None) -> str:
    width = width or terminal_width()
    out: list[str] = []
    line = ""
    for part in reply.parts:
        if part.kind == "quote":
            if line.strip():
                out.append(line)
            line = ""
            for para in part.text.split("\n"):
                out.extend("  │ " + w for w in (textwrap.wrap(para, width - 4) or [""]))
        elif part.kind == "cite":  # wrapped like the quote it cites, continuation lines indented
            out.extend(textwrap.wrap(part.text, width, initial_indent="  — ", subsequent_indent="    ") or ["  —"])
        else:
            line += part.text
            if "\n" in line:
                *done, line = line.split("\n")
                out.extend(done)
    if line:
        out.append(line)
    for f in reply.files:
        out.append(f"  [file] {f.caption or f.filename}: saved at {f.path}")
    return inert("\n".join(out))  # a reply can hold what someone typed (/unanswered): never a control sequence


class InterruptibleInput:
    """`input` that Ctrl-C always interrupts. A process's SIGINT goes to any one of its threads,
    and the model's libraries start several: when it lands on one of theirs, a main thread
    blocked in `input()` is never woken, and the command hangs until the next line is typed (1 in
    8 tries of `checklist run`). Here the main thread waits in `select` on standard input and on
    the signal wakeup pipe that Python's handler writes to from whichever thread takes the
    signal, so the handler's KeyboardInterrupt is raised at once. Lines are read from the file
    descriptor itself (a buffered reader could hold a line `select` cannot see), and bytes that
    are not UTF-8 become U+FFFD as elsewhere."""

    def __init__(self, stdin=None, stdout=None):
        import sys

        self.stdin, self.stdout = stdin or sys.stdin, stdout or sys.stdout
        self.buffer = b""
        self.ended = False

    def __call__(self, prompt: str = "") -> str:
        import os
        import select
        import signal

        self.stdout.write(prompt)
        self.stdout.flush()
        fd = self.stdin.fileno()
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_w, False)
        try:
            previous = signal.set_wakeup_fd(wake_w)
        except ValueError:   # not the main thread: nothing better than a plain read
            os.close(wake_r)
            os.close(wake_w)
            return self._plain()
        try:
            while b"\n" not in self.buffer and not self.ended:
                ready, _, _ = select.select([fd, wake_r], [], [])
                if wake_r in ready:
                    os.read(wake_r, 512)   # a signal came; its Python handler runs on the next line
                if fd in ready:
                    chunk = os.read(fd, 65536)
                    self.buffer += chunk
                    self.ended = not chunk
        finally:
            signal.set_wakeup_fd(previous)
            os.close(wake_r)
            os.close(wake_w)
        return self._line()

    def _plain(self) -> str:
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    def _line(self) -> str:
        line, sep, rest = self.buffer.partition(b"\n")
        if not sep and not line:
            raise EOFError
        self.buffer = rest
        return line.decode("utf-8", errors="replace").rstrip("\r")


def run_console(handle: Callable[[Event], list[Reply]], *, user_id: int, name: str = "", opening: list[Event] | None = None,
                stop_when: Callable[[list[Reply]], bool] | None = None, read=input, write=print,
                interrupted: tuple[str, int] = ("", 0)) -> int:
    """Read a line, turn it into an event, print the replies; `quit` or end of input leaves.

    Ctrl-C prints `interrupted[0]` (if any) and returns `interrupted[1]`: `checklist run` says its
    place is saved and exits non-zero, as an interrupted command should."""
    buttons: list[Button] = []
    typed = False  # the last step asked for a typed answer: bare numbers are text, "#N" presses

    def show(replies: list[Reply]) -> None:
        """Buttons are numbered on through all the replies to one message (an answer's buttons, then
        a checklist reminder's), so every number shown can be pressed."""
        nonlocal buttons, typed
        batch: list[Button] = []
        awaiting = any(r.awaiting_text for r in replies if r.buttons)
        mark = "#" if awaiting else ""
        for r in replies:
            write(render(r))
            flat = [b for row in r.buttons for b in row]
            if flat:
                start = len(batch) + 1
                batch += flat
                write("  " + "   ".join(f"[{mark}{i}] {b.label}" for i, b in enumerate(flat, start)))
            write("")
        if batch:
            buttons, typed = batch, awaiting

    for ev in opening or []:
        replies = handle(ev)
        show(replies)
        if stop_when and stop_when(replies):
            return 0
    while True:
        try:
            line = read("> ")
        except EOFError:
            write("")
            return 0
        except KeyboardInterrupt:
            write("")
            if interrupted[0]:
                write(interrupted[0])
            return interrupted[1]
        text = line.strip()
        if text.lower() in ("quit", "exit", "/quit", "/exit"):
            return 0
        press = read_press(text, len(buttons), typed=typed)
        if isinstance(press, NoSuchButton):
            write(press.message)
            write("")
            continue
        if isinstance(press, Press):
            event = Event(user_id, "button", token=buttons[press.index].token, name=name)
        elif text.startswith("/"):
            cmd, _, args = text[1:].partition(" ")
            event = Event(user_id, "command", command=cmd.split("@")[0].lower(), args=args, name=name)
        else:
            event = Event(user_id, "text", text=line, name=name)
        try:
            replies = handle(event)
        except Exception:  # one bad event must not end the session; the log has the details
            logging.getLogger(__name__).exception("event failed")
            replies = [Reply((Part("text", "Sorry, something went wrong on my side. Please try again."),))]
        show(replies)
        if stop_when and stop_when(replies):
            return 0
