"""What crosses the channel boundary: events in, replies out. No transport types here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.textnorm import valid_text

EventKind = Literal["text", "command", "button", "document", "other"]
# Where the message was written. Anything but "private" (a one-to-one chat with the sender) is an
# audience the core cannot vouch for; "unknown" is what a channel says when the transport did not tell.
ChatType = Literal["private", "group", "supergroup", "channel", "unknown"]


@dataclass(frozen=True)
class Event:
    """A message or button press, as any channel sees it. The role is NOT here: the core looks it up,
    and decides from `chat` and `shared` how much of it applies to this event.

    Text fields are made valid Unicode on construction (lone surrogates from a non-UTF-8 terminal
    or a broken client become U+FFFD), so nothing past the channel ever meets them."""

    user_id: int
    kind: EventKind
    text: str = ""
    command: str = ""   # without the slash, lower case
    args: str = ""
    token: str = ""     # a button's opaque payload
    name: str = ""
    chat: ChatType = "private"
    shared: bool = False  # the sender id speaks for many people (anonymous admin, channel, bot, service)

    def __post_init__(self) -> None:
        for f in ("text", "command", "args", "token", "name"):
            value = getattr(self, f)
            cleaned = valid_text(value)
            if cleaned is not value:
                object.__setattr__(self, f, cleaned)

    @property
    def private(self) -> bool:
        """A one-to-one chat with one real person: the only place a stored role fully applies."""
        return self.chat == "private" and not self.shared


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


def say(text: str, buttons=()) -> Reply:
    return ReplyBuilder().text(text).build(buttons)
