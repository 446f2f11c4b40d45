"""Reading "3" or "#3" typed in the terminal as a press of the numbered button it names.

The terminal shows the latest reply's buttons as [1], [2] … (or [#1], [#2] … while a checklist
step waits for a typed answer, when a bare number is the answer). A number that names no button
is neither a press nor a question: answering "9" with a policy quote is never what was meant, so
it gets "there is no button 9" and the range that exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"(#)?\s*(\d{1,6})")


@dataclass(frozen=True)
class Press:
    index: int  # 0-based


@dataclass(frozen=True)
class NoSuchButton:
    message: str


def _range(count: int, mark: str) -> str:
    return f"{mark}1" if count == 1 else f"{mark}1–{mark}{count}"


def read_press(text: str, count: int, *, typed: bool) -> Press | NoSuchButton | None:
    """A press, a refusal naming the buttons that exist, or None: the line is a message."""
    m = _NUMBER.fullmatch(text.strip())
    if m is None:
        return None
    hashed, n = bool(m.group(1)), int(m.group(2))
    if typed and not hashed:
        return None  # a step waiting for a typed answer: the number is the answer
    if count and 1 <= n <= count:
        return Press(n - 1)
    mark = "#" if typed else ""
    if not count:
        return NoSuchButton(f"There is no button {mark}{n} — there are no buttons here. Type a question, or send /help.")
    other = "type your answer" if typed else "type a question"
    return NoSuchButton(f"There is no button {mark}{n} — choose {_range(count, mark)}, or {other}.")
