"""The Telegram channel in process: the real python-telegram-bot Application, async, against the emulator.

The model is python-telegram-bot's own test suite: build the Application, `initialize()` it, feed
it updates with `process_update(Update.de_json(...))`, `shutdown()` it. The Application is the one
`bot.py telegram` runs (`build_application` over the conversation core that `assistant.app` wires),
aimed at the Bot API emulator with `base_url`; only the polling loop is left out. Each update is
created by the emulator (so a later button press finds its message), taken from its queue and
processed here, and when `process_update` returns the bot's HTTP calls have been made: no waiting
and no timing. What is asserted is what a Telegram user would see. The subprocess tests in
test_telegram_e2e.py cover what needs a whole process (polling, webhooks, start-up, kill -9).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from telegram import Update

from assistant.channels.telegram import build_application
from assistant.core.conversation import COMMANDS
from conftest import chat_app
from telegram_emulator import BotApiEmulator

OFFICER = 7001
BOT_USERNAME = "commissioning_async_bot"
QUESTION = "what are the four steps of commissioning?"
HOME_CARE = "what is the maximum hourly rate the council will pay for home care?"
INTERNAL_CEILING = "25.40"   # the internal home-care ceiling (£25.40): officers in private only
CONSULTATION = "Plan a consultation on a service change"   # a public checklist
OFFICER_ONLY = {"unanswered", "feedback", "stats"}


# -- fixtures: the emulator and the core once per module, an Application per test --------------------
@pytest.fixture(scope="module")
def api():
    with BotApiEmulator(bot_username=BOT_USERNAME) as emulator:
        emulator.add_chat(OFFICER, first_name="Olive")
        yield emulator


@pytest.fixture(scope="module")
def core(shipped_app, settings, tmp_path_factory):
    """The conversation core over the session's index, with its own storage and one officer."""
    telegram = settings.telegram.model_copy(update={"officers": [OFFICER]})
    return chat_app(shipped_app, settings, tmp_path_factory.mktemp("telegram-async"), telegram=telegram).core


@dataclass
class Bot:
    """The Application under test and the emulator it talks to, played by users."""

    application: object
    api: BotApiEmulator
    errors: list = field(default_factory=list)

    async def deliver(self, update_id: int) -> None:
        """Process one update the emulator queued, as polling would hand it over; the handler's
        sends are done when this returns. An exception in a handler fails the test."""
        raw = next(u for u in self.api.pending_updates if u["update_id"] == update_id)
        await self.application.process_update(Update.de_json(raw, self.application.bot))
        assert not self.errors, f"the update raised: {self.errors!r}"

    async def say(self, user: int, text: str, **kw) -> list[dict]:
        """Everything the bot sent to the chat in answer to one message."""
        mark = self.api.mark()
        await self.deliver(self.api.send_text(user, text, **kw))
        return sent(self.api, kw.get("chat_id") or user, mark)

    async def press(self, user: int, message: dict, label: str | None = None, *, data: str | None = None,
                    chat_id: int | None = None) -> tuple[str, list[dict]]:
        """Press a button on a message the bot sent (or send forged `data`): (query id, replies)."""
        mark = self.api.mark()
        query = self.api.send_callback(user, message["result"]["message_id"],
                                       data if data is not None else button(message, label)["callback_data"],
                                       chat_id=chat_id, check_button=data is None)
        await self.deliver(next(u["update_id"] for u in self.api.pending_updates
                                if (u.get("callback_query") or {}).get("id") == query))
        return query, sent(self.api, chat_id or user, mark)


@pytest.fixture
def no_proxy(monkeypatch):
    """httpx (python-telegram-bot's client) would send calls to 127.0.0.1 through a proxy."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def bot(api, core, no_proxy):
    application = build_application(core, token=api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                                    officer_chats=[OFFICER])
    under_test = Bot(application, api)

    async def keep(update, ctx) -> None:   # beside the channel's own handler, which tells the user
        under_test.errors.append(ctx.error)

    application.add_error_handler(keep)
    async with application:   # initialize(): getMe from the emulator; shutdown() on the way out
        yield under_test


# -- helpers: what a user sees -------------------------------------------------------------------------
def sent(api: BotApiEmulator, chat: int, after: int) -> list[dict]:
    return [c for c in api.calls(chat_id=chat, after=after)
            if c["method"] in ("sendMessage", "sendDocument") and c["ok"]]


def text_of(calls: list[dict]) -> str:
    return "\n".join(c.get("plain") or "" for c in calls)


def labels(call: dict) -> list[str]:
    return [b["text"] for row in (call["params"].get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def button(call: dict, label: str) -> dict:
    for row in (call["params"].get("reply_markup") or {}).get("inline_keyboard", []):
        for b in row:
            if label.lower() in b["text"].lower():
                return b
    raise AssertionError(f"no button {label!r} in {labels(call)}")


def only(calls: list[dict], needle: str) -> dict:
    found = [c for c in calls if needle.lower() in (c.get("plain") or "").lower()]
    assert len(found) == 1, f"expected one message with {needle!r}, got: {[c.get('plain', '')[:80] for c in calls]}"
    return found[0]


# -- tests ------------------------------------------------------------------------------------------------
async def test_start_up_sets_the_menus_by_role(bot, api):
    await bot.application.post_init(bot.application)   # what run_polling does after initialize()
    default = {c["command"] for c in api.commands()}
    assert default == {c for c, _ in COMMANDS["provider"]} and not default & OFFICER_ONLY
    assert not {c["command"] for c in api.commands("all_private_chats")} & OFFICER_ONLY
    assert OFFICER_ONLY <= {c["command"] for c in api.commands("chat", OFFICER)}


async def test_private_question_gets_a_quoted_answer_with_a_citation(bot, api):
    user = 9201
    [answer] = await bot.say(user, QUESTION)
    assert answer["params"]["parse_mode"] == "HTML" and "<blockquote>" in answer["text"]
    assert "Local Commissioning Policy" in answer["plain"] and "3.1.1" in answer["plain"]
    for label in ("full clause", "👍", "👎"):
        assert button(answer, label)["callback_data"]

    query, [full] = await bot.press(user, answer, "full clause")
    assert query in [a["callback_query_id"] for a in api.answered_callbacks], "the press was not acknowledged"
    assert full["plain"].startswith("Local Commissioning Policy") and "3.1.1" in full["plain"]
    _, [thanks] = await bot.press(user, answer, "👍")
    assert "thanks" in thanks["plain"].lower()


async def test_an_officer_in_a_group_gets_no_internal_text(bot, api):
    group = -100_9211
    kw = {"chat_id": group, "chat_type": "supergroup", "chat_title": "Providers and officers"}
    in_private = await bot.say(OFFICER, HOME_CARE)
    assert INTERNAL_CEILING in text_of(in_private), "the officer should see the internal ceiling in private"

    in_group = await bot.say(OFFICER, f"@{BOT_USERNAME} {HOME_CARE}", **kw)
    assert in_group and "private chat" in text_of(in_group)
    for c in in_group:
        assert INTERNAL_CEILING not in c["text"], c["plain"]
    answer = next(c for c in in_group if labels(c))
    for label in labels(answer):   # the group answer's buttons open public material only
        _, opened = await bot.press(OFFICER, answer, label, chat_id=group)
        assert opened and INTERNAL_CEILING not in text_of(opened)


async def test_a_group_message_without_a_mention_is_left_alone(bot, api):
    group = -100_9221
    kw = {"chat_id": group, "chat_type": "supergroup", "chat_title": "Commissioning team"}
    assert await bot.say(9221, QUESTION, **kw) == []
    assert "Local Commissioning Policy" in text_of(await bot.say(9221, f"@{BOT_USERNAME} {QUESTION}", **kw))


async def test_a_checklist_button_press_advances_the_step(bot, api):
    user = 9231
    listing = only(await bot.say(user, "/checklists"), "Guided checklists")
    _, replies = await bot.press(user, listing, CONSULTATION[:60])
    first = only(replies, "Step 1 of")
    assert CONSULTATION in first["plain"] and "Cancel" in " ".join(labels(first))
    _, replies = await bot.press(user, first, labels(first)[0])
    second = only(replies, "Step 2 of")
    assert second["plain"] != first["plain"] and "Cancel" in " ".join(labels(second))
    assert "Step 2 of" in only(await bot.say(user, "/resume"), "Step 2 of")["plain"]


async def test_a_forged_or_stale_button_is_refused_politely_and_changes_nothing(bot, api):
    user = 9241
    listing = only(await bot.say(user, "/checklists"), "Guided checklists")
    _, replies = await bot.press(user, listing, CONSULTATION[:60])
    step = only(replies, "Step 1 of")
    stale = button(step, labels(step)[0])["callback_data"]
    _, replies = await bot.press(user, step, labels(step)[0])
    only(replies, "Step 2 of")

    for data in ("forged-token-123", "x" * 64, stale):
        query, [refusal] = await bot.press(user, step, data=data)
        assert "that button has expired" in refusal["plain"].lower()
        assert "/resume" in refusal["plain"] and not labels(refusal)
        assert query in [a["callback_query_id"] for a in api.answered_callbacks], "the press was not acknowledged"
    assert "Step 2 of" in only(await bot.say(user, "/resume"), "Step")["plain"], "a refused press moved the checklist"


async def test_an_unknown_command_points_to_help(bot, api):
    [reply] = await bot.say(9251, "/frobnicate now")
    assert "I don't know the command /frobnicate" in reply["plain"] and "/help" in reply["plain"]
    [help_] = await bot.say(9251, "/help")
    assert "How to use me" in help_["plain"]


async def test_a_huge_message_is_read_in_part_and_an_empty_one_gets_a_prompt(bot, api):
    user = 9261
    replies = await bot.say(user, ((QUESTION + " ") * 300)[:10_000])
    assert "read only its first 2,000 characters" in text_of(replies)
    assert "Local Commissioning Policy" in text_of(replies)
    assert all(len(c["plain"]) <= 4096 for c in replies)
    for blank in ("   ", f"@{BOT_USERNAME}"):
        [prompt] = await bot.say(user, blank)
        assert "Please type a question" in prompt["plain"], blank


async def test_a_message_of_invisible_characters_gets_the_prompt_too(bot, api):
    [prompt] = await bot.say(9262, "\u200b\u200d")
    assert "Please type a question" in prompt["plain"]


async def test_a_sticker_gets_a_polite_reply(bot, api):
    user = 9271
    api.add_chat(user)
    mark = api.mark()
    await bot.deliver(api.send_update({"message": {"from": user, "chat": user, "sticker": {
        "file_id": "s1", "file_unique_id": "s1", "width": 512, "height": 512, "is_animated": False,
        "is_video": False, "type": "regular"}}}))
    [reply] = sent(api, user, mark)
    assert "only read text" in reply["plain"]


async def test_a_refused_send_is_retried_and_the_answer_arrives_once(bot, api):
    user = 9291
    for status in (429, 500):
        api.fail_next("sendMessage", status=status, retry_after=1)
        mark = api.mark()
        replies = await bot.say(user, QUESTION)
        failed = [c for c in api.calls("sendMessage", chat_id=user, after=mark) if not c["ok"]]
        assert [c["status"] for c in failed] == [status] and failed[0]["injected"]
        assert len([c for c in replies if "Local Commissioning Policy" in c["plain"]]) == 1, status


async def test_a_failing_core_gets_an_apology_not_silence(api, no_proxy):
    """What the channel's error handler is for: the user hears that something went wrong."""

    class Broken:
        def handle(self, event):
            raise RuntimeError("the index went away")

    application = build_application(Broken(), token=api.token, base_url=api.base_url)
    async with application:
        mark = api.mark()
        update_id = api.send_text(9281, QUESTION)
        raw = next(u for u in api.pending_updates if u["update_id"] == update_id)
        await application.process_update(Update.de_json(raw, application.bot))
    [apology] = sent(api, 9281, mark)
    assert "something went wrong on my side" in apology["plain"]
