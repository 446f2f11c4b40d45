"""What crosses the channel boundary: events in, replies out. No transport types here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

EventKind = Literal["text", "command", "button", "document", "other"]


@dataclass(frozen=True)
class Event:
    """A message or button press, as any channel sees it. The role is NOT here: the core looks it up."""

    user_id: int
    kind: EventKind
    text: str = ""
    command: str = ""   # without the slash, lower case
    args: str = ""
    token: str = ""     # a button's opaque payload
    name: str = ""
    # Where it came from (issue 12: audit trail and handoffs). The terminal leaves them empty.
    chat_id: int = 0
    chat_type: str = ""       # private | group | supergroup | channel ("" = the terminal)
    reply_to_bot: str = ""    # the text of the bot's own message this one replies to, if any


@dataclass(frozen=True)
class Part:
    """A run of text with a meaning; channels decide how it looks (HTML, plain, …) and escape it."""

    kind: Literal["text", "bold", "italic", "quote", "cite", "code"]
    text: str


@dataclass(frozen=True)
class Button:
    label: str
    token: str = ""
    url: str = ""


@dataclass(frozen=True)
class Attachment:
    path: Path
    filename: str
    caption: str = ""


@dataclass(frozen=True)
class Reply:
    parts: tuple[Part, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    files: tuple[Attachment, ...] = ()
    menu: str = ""  # a role whose command menu this chat should now show (after an invite)
    awaiting_text: bool = False  # the next message is the answer to a checklist's typed step
    chat: int = 0  # send to this chat instead of the event's (a handoff to the team chat, a person's reply)

    @property
    def plain(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass
class ReplyBuilder:
    """Accumulates parts; `text("a").bold("b").quote("…")`."""

    parts: list[Part] = field(default_factory=list)

    def add(self, kind: str, text: str) -> ReplyBuilder:
        if text:
            self.parts.append(Part(kind, text))  # type: ignore[arg-type]
        return self

    def text(self, t: str) -> ReplyBuilder:
        return self.add("text", t)

    def bold(self, t: str) -> ReplyBuilder:
        return self.add("bold", t)

    def italic(self, t: str) -> ReplyBuilder:
        return self.add("italic", t)

    def quote(self, t: str) -> ReplyBuilder:
        return self.add("quote", t)

    def cite(self, t: str) -> ReplyBuilder:
        return self.add("cite", t)

    def build(self, buttons=(), files=(), menu: str = "", awaiting_text: bool = False) -> Reply:
        return Reply(tuple(self.parts) or (Part("text", " "),), tuple(tuple(r) for r in buttons), tuple(files), menu,
                     awaiting_text)


def say(text: str, buttons=(), *, chat: int = 0) -> Reply:
    r = ReplyBuilder().text(text).build(buttons)
    return r if not chat else Reply(r.parts, r.buttons, r.files, r.menu, r.awaiting_text, chat)
