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
