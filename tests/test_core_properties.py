"""Properties of the conversation core under random input, found by hypothesis.

A state machine drives the real core (real model, index and SQLite) with random events in random
order: text (empty, huge, any script, control and bidirectional characters, lone surrogates, emoji,
internal and public clauses cut up), commands (known, unknown, officer-only, with arguments, with @botname, deep
links to every checklist, forged invites), button presses (forged, replayed, other users' tokens,
valid tokens of earlier replies), files, and role changes, from providers, officers and the anonymous
group admin's shared id, in private chats, groups and supergroups. Messages arrive as Telegram updates through the channel's own translation where the channel
would make them, and as raw core events where a client could send anything. After every event:

- no exception escapes the core;
- every reply, rendered by the Telegram channel's own functions, fits Telegram: each message parses
  as Telegram HTML, is not empty, is valid UTF-8 and is at most 4,096 characters; every button is
  kept, at most 100, each with callback data of 1-64 bytes; captions at most 1,024 characters;
- a provider, or anyone where the audience is not known to be officers, sees no internal text
  (tests/leakcheck.py, the same definition as the leak sweep);
- another user's button, pressed by someone else, is refused and changes nothing.

Runs are reproducible (derandomize, no example database) and bounded (a few hundred core events).
"""

from __future__ import annotations

import dataclasses
import html
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, multiple, rule, run_state_machine_as_test

from assistant.channels.telegram import CAPTION_LIMIT, event_from_update, keyboard, render_html
from assistant.core.conversation import COMMANDS, EXPIRED
from assistant.core.events import Event, Reply
from leakcheck import LeakDetector, Said, reply_texts, sentences
from telegram_emulator import (MAX_CALLBACK_DATA_BYTES, MAX_CAPTION_LENGTH, MAX_INLINE_BUTTONS, MAX_MESSAGE_LENGTH,
                               parse_html)

BOT_NAME, BOT_ID = "commissioning_bot", 424242
ANONYMOUS_ADMIN = 1087968824   # @GroupAnonymousBot: one id for every anonymous admin of every group
GROUPS = ("group", "supergroup")
PICK = st.one_of(st.sampled_from([-1, -2]), st.integers(0, 12))  # which button to press next; negative from the end
MENU = ["/rules", "/checklists", "/start", "/resume", f"/rules@{BOT_NAME}", f"/checklists@{BOT_NAME}"]
SETTINGS = dict(deadline=None, derandomize=True, database=None, print_blob=False, report_multiple_bugs=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
STATS = {"events": 0, "replies": 0, "messages": 0, "buttons": 0, "longest": 0}
_ids = itertools.count(1)


# -- the real core ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def app(tmp_path_factory, shipped_app, settings):
    from assistant.app import App, wire_conversation

    s = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("core-properties") / "var"})
    a = App(settings=s, embedder=shipped_app.embedder, retriever=shipped_app.retriever, answers=shipped_app.answers)
    wire_conversation(a, throttle=False)  # the flood limit is tested elsewhere; here every event must be served
    return a


@pytest.fixture(scope="module")
def detector(app) -> LeakDetector:
    return LeakDetector.for_app(app)


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\ncore properties: {STATS['events']} events, {STATS['replies']} replies, {STATS['messages']} messages, "
          f"{STATS['buttons']} buttons checked; longest message {STATS['longest']} characters of HTML")


# -- strategies ------------------------------------------------------------------------------------------
ODD = ["", " ", "\n\n\t", "\u202e\u2067", "\u200b\u200f\ufeff", "\x00\x07\x1b[31m\x7f", "😀👍🏽🇬🇧", "e\u0301\u0302",
       "שלום עולם", "مرحبا، ما هو سقف الرعاية المنزلية؟", "漢字かな交じり文", "<b>&amp;</i>", "&#xD800;", "/", "@",
       f"@{BOT_NAME}", "£25.40", "100%", "ﷺ" * 20, "\u0000" * 3, "Ω≈ç√∫", "ｆｕｌｌｗｉｄｔｈ"]


LONE_SURROGATES = st.text(st.characters(categories=("Cs",)), min_size=1, max_size=3)


def _repeat(piece: str, times: int, limit: int) -> str:
    return (piece * min(times, limit // len(piece) + 1))[:limit]


def texts(library: list[str]):
    """Random text: pieces of any script, odd characters, library sentences, sometimes huge."""
    def sentence(i: int) -> str:  # (an index, not sampled_from: its repr would print the whole library)
        return library[i]

    pieces = [st.text(max_size=40), st.sampled_from(ODD), st.integers(0, len(library) - 1).map(sentence), LONE_SURROGATES]
    piece = st.one_of(*pieces)
    short = st.lists(piece, max_size=4).map(" ".join)
    huge = st.tuples(piece, st.integers(20, 4000)).map(lambda t: _repeat(t[0] or "ab ", t[1], 12000))
    return st.one_of(short, short, short, huge)


def command_names():
    known = sorted({c for cmds in COMMANDS.values() for c, _ in cmds} | {"checklist"})
    return st.one_of(st.sampled_from(known), st.sampled_from(["ASK", "Start", "nosuch", "", "a" * 70]),
                     st.from_regex(r"[a-z_]{1,12}", fullmatch=True))


# -- the machine -----------------------------------------------------------------------------------------
def machine(app, detector: LeakDetector):
    """A state machine class over one core. Each example gets fresh user ids and a database of its
    own, so examples do not share conversations: the anonymous admin's one id would otherwise carry
    a pending "what was wrong?" note, a notice already shown or a checklist run from one example
    into the next, and hypothesis, replaying an example to shrink or check it, would see the same
    events answered with other buttons (FlakyStrategyDefinition, depending on what ran before)."""
    import tempfile

    from assistant.app import App, wire_conversation

    def fresh_core():
        s = app.settings.model_copy(update={"data_dir": Path(tempfile.mkdtemp(dir=app.settings.data_dir.parent))})
        a = App(settings=s, embedder=app.embedder, retriever=app.retriever, answers=app.answers)
        wire_conversation(a, throttle=False)
        return a

    library = [s for p in app.retriever.passages for s in sentences(p.text)][::3]
    checklist_ids = sorted(app.checklists.checklists)
    text = texts(library)
    name = st.one_of(st.just(""), st.sampled_from(["Sam", "Ама", "😀", "<i>x</i>"]), text.map(lambda t: t[:64]))
    args = st.one_of(text, st.sampled_from([f"checklist_{c}" for c in checklist_ids]),
                     st.sampled_from(["inv_", "inv_a_é", "inv_deadbeef_0000", "inv_" + "_" * 30, "checklist_"]),
                     st.from_regex(r"inv_[0-9a-f]{16}_[0-9a-f]{20}", fullmatch=True))
    chats = st.sampled_from(("private", *GROUPS))
    forged = st.one_of(st.text(max_size=80), LONE_SURROGATES, st.from_regex(r"[A-Za-z0-9_-]{16}", fullmatch=True), st.binary(max_size=64).map(lambda b: b.decode("latin-1")))

    class CoreMachine(RuleBasedStateMachine):
        tokens = Bundle("tokens")

        def __init__(self):
            super().__init__()
            self.app = fresh_core()
            base = next(_ids) * 10 + 7_000_000
            self.users = [base, base + 1, base + 2, ANONYMOUS_ADMIN]
            self.role = {u: "provider" for u in self.users}
            self.said = {u: Said() for u in self.users}
            self.updates = itertools.count(1)
            self.last: dict[int, list[str]] = {}   # each user's buttons of their latest reply
            self.set_role(base + 1, "officer")

        def set_role(self, user: int, role: str) -> None:
            self.app.roles.users.set_role(user, role, granted_by="property test")
            self.role[user] = role

        # -- sending ----------------------------------------------------------------------------------
        def deliver(self, event: Event | None, chat: str) -> list:
            if event is None:  # the channel says: not for us (a group message without a mention)
                return []
            user = event.user_id
            run = self.app.checklists.active_run(user)
            said = self.said[user]
            said.add(event.name)
            if run is not None and event.kind == "text":
                said.add(event.text)   # a typed checklist answer: the decision record repeats it later
            replies = self.app.core.handle(event)   # no exception may escape
            STATS["events"] += 1
            public_only = self.role[user] != "officer" or chat != "private" or user == ANONYMOUS_ADMIN
            issued = []
            for reply in replies:
                self.check_fits_telegram(reply)
                if public_only:
                    leaks = detector.leaks(reply_texts(reply), said=said.plus([event.text, event.args]))
                    assert not leaks, f"internal text shown to a {self.role[user]} in a {chat} chat: {leaks[:5]}"
                issued += [(user, b.token) for row in reply.buttons for b in row if b.token]
            if replies:
                self.last[user] = [t for _, t in issued]
            STATS["longest"] = max(STATS["longest"], *(len(m) for r in replies for m in render_html(r)), 0)
            return issued

        def check_fits_telegram(self, reply: Reply) -> None:
            STATS["replies"] += 1
            for message in render_html(reply):
                message.encode("utf-8")  # Telegram takes UTF-8 only: a lone surrogate cannot be sent
                plain, _ = parse_html(message)
                assert plain.strip(), f"an empty message would be refused: {message!r}"
                assert len(plain.strip()) <= MAX_MESSAGE_LENGTH, f"message of {len(plain)} characters"
                STATS["messages"] += 1
            markup = keyboard(reply)
            wanted = [b for row in reply.buttons for b in row if b.token or b.url]
            shown = [b for row in (markup.inline_keyboard if markup else ()) for b in row]
            assert len(shown) == len(wanted), f"{len(wanted) - len(shown)} buttons dropped by the channel"
            assert len(shown) <= MAX_INLINE_BUTTONS
            for b in shown:
                STATS["buttons"] += 1
                assert b.text.strip()
                b.text.encode("utf-8")
                if b.callback_data is not None:
                    assert 1 <= len(b.callback_data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES, b.callback_data
            for f in reply.files:
                caption = html.escape(f.caption[:CAPTION_LIMIT - 50])
                caption.encode("utf-8")
                assert len(parse_html(caption)[0]) <= MAX_CAPTION_LENGTH

        def update(self, user: int, chat: str, name: str, **payload) -> dict:
            chat_id = user if chat == "private" else -100_000 - user % 1000
            sender = {"id": user, "is_bot": user == ANONYMOUS_ADMIN, "first_name": name or "·"}
            message = {"message_id": next(self.updates), "date": 0, "chat": {"id": chat_id, "type": chat}, "from": sender}
            if "data" in payload:
                return {"update_id": next(self.updates), "callback_query": {
                    "id": str(next(self.updates)), "from": sender, "chat_instance": "c", "data": payload["data"],
                    "message": {**message, "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot"}}}}
            return {"update_id": next(self.updates), "message": {**message, **payload}}

        def via_telegram(self, user: int, chat: str, name: str, **payload) -> list:
            from telegram import Update

            update = Update.de_json(self.update(user, chat, name, **payload), None)
            return self.deliver(event_from_update(update, BOT_NAME, BOT_ID), chat)

        # -- rules ------------------------------------------------------------------------------------
        @rule(target=tokens, i=st.integers(0, 3), chat=chats, body=text, mention=st.booleans(), who=name)
        def message(self, i, chat, body, mention, who):
            user = self.users[i % len(self.users)]
            if mention and chat != "private":
                body = f"@{BOT_NAME} {body}"
            return multiple(*self.via_telegram(user, chat, who, text=body))

        @rule(target=tokens, i=st.integers(0, 3), chat=chats, cmd=command_names(), at=st.sampled_from(["", BOT_NAME, "other_bot"]),
              arg=args, who=name)
        def command(self, i, chat, cmd, at, arg, who):
            user = self.users[i % len(self.users)]
            body = f"/{cmd}" + (f"@{at}" if at else "") + (f" {arg}" if arg else "")
            return multiple(*self.via_telegram(user, chat, who, text=body))

        @rule(target=tokens, entry=tokens, i=st.integers(0, 3), chat=chats)
        def press_issued(self, entry, i, chat):
            owner, token = entry
            user = self.users[i % len(self.users)]
            before = self.app.checklists.active_run(owner)
            if user != owner:
                replies = self.app.core.handle(dataclasses.replace(self.event_for(user, chat), kind="button", token=token))
                assert [r.plain for r in replies] == [EXPIRED], "another user's button was honoured"
                assert self.app.checklists.active_run(owner) == before, "another user's press changed the owner's run"
                return multiple()
            return multiple(*self.via_telegram(user, chat, "", data=token))

        @rule(target=tokens, i=st.integers(0, 3), k=st.integers(0, 20), chat=chats)
        def press_latest(self, i, k, chat):
            """Follow the conversation: press a button of this user's latest reply (deeper paths:
            rules by sector and topic, checklists to their end, full clauses)."""
            user = self.users[i % len(self.users)]
            if not self.last.get(user):
                return multiple()
            return multiple(*self.via_telegram(user, chat, "", data=self.last[user][k % len(self.last[user])]))

        @rule(target=tokens, i=st.integers(0, 3), chat=chats, start=st.sampled_from(MENU),
              path=st.lists(PICK, min_size=2, max_size=5))
        def menu_tour(self, i, chat, start, path):
            """A menu command, then at least two presses down its menus (the same walk as `tour`)."""
            return self.tour(i, chat, start, path)

        @rule(target=tokens, i=st.integers(0, 3), chat=chats, start=st.one_of(st.sampled_from(MENU), text),
              path=st.lists(PICK, min_size=1, max_size=5))
        def tour(self, i, chat, start, path):
            """A menu command or a question, then a run of presses, each on a button of the reply
            before: the deep paths a person takes (a sector's rules, all topics; a checklist to its end)."""
            user = self.users[i % len(self.users)]
            body = start if start.startswith("/") else (f"@{BOT_NAME} {start}" if chat != "private" else start)
            issued = self.via_telegram(user, chat, "", text=body)
            for k in path:
                if not self.last.get(user):
                    break
                issued += self.via_telegram(user, chat, "", data=self.last[user][k % len(self.last[user])])
            return multiple(*issued)

        @rule(target=tokens, i=st.integers(0, 3), chat=chats, data=forged)
        def press_forged(self, i, chat, data):
            user = self.users[i % len(self.users)]
            return multiple(*self.via_telegram(user, chat, "", data=data))

        @rule(target=tokens, entry=tokens, cut=st.integers(1, 4), tail=st.text("A-_z9", min_size=1, max_size=4))
        def press_tampered(self, entry, cut, tail):
            owner, token = entry
            forged_token = token[:-cut] + tail
            if forged_token == token:
                return multiple()
            return multiple(*self.deliver(Event(owner, "button", token=forged_token), "private"))

        @rule(target=tokens, i=st.integers(0, 3), kind=st.sampled_from(["text", "command", "button", "document", "other"]),
              body=text, cmd=command_names(), arg=args, token=forged, who=name)
        def raw_event(self, i, kind, body, cmd, arg, token, who):
            """What a client that is not Telegram (or a bug in a channel) could hand the core."""
            user = self.users[i % len(self.users)]
            event = dataclasses.replace(self.event_for(user, "private"), kind=kind, text=body, command=cmd, args=arg,
                                        token=token, name=who)
            return multiple(*self.deliver(event, "private"))

        @rule(i=st.integers(0, 3), chat=chats, what=st.sampled_from(["document", "photo", "sticker"]))
        def not_text(self, i, chat, what):
            user = self.users[i % len(self.users)]
            chat = "private"  # the bot reads only text in groups
            payload = {"document": {"file_id": "f", "file_unique_id": "u"}} if what == "document" else \
                {"sticker": {"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1, "is_animated": False,
                             "is_video": False, "type": "regular"}} if what == "sticker" else \
                {"photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]}
            self.via_telegram(user, chat, "", **payload)

        @rule(i=st.integers(0, 3), role=st.sampled_from(["officer", "provider"]))
        def change_role(self, i, role):
            """An admin grants or removes officer status between two events (the shared id too: it
            must still never be served as an officer)."""
            self.set_role(self.users[i], role)

        def event_for(self, user: int, chat: str) -> Event:
            return Event(user, "text", chat=chat)

    return CoreMachine


def test_random_events_for_every_role_and_chat_type(app, detector):
    """Providers, officers (promoted and demoted as it runs) and the anonymous group admin's shared
    id, in private chats, groups and supergroups."""
    run_state_machine_as_test(machine(app, detector),
                              settings=settings(max_examples=100, stateful_step_count=12, **SETTINGS))
