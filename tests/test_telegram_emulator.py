"""Tests of the Bot API emulator, driven by the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import time
import urllib.error
import urllib.request
import warnings

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler

from telegram_emulator import BotApiEmulator, parse_html

USER = 42


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def api():
    with BotApiEmulator() as emulator:
        emulator.add_chat(USER, first_name="Alice")
        yield emulator


def run(api: BotApiEmulator, scenario, token: str | None = None):
    """Run ``scenario(bot)`` against the emulator with a real, initialised telegram.Bot."""

    async def main():
        bot = Bot(token or api.token, base_url=api.base_url, base_file_url=api.base_file_url)
        async with bot:
            return await scenario(bot)

    return asyncio.run(main())


def keyboard(count: int, prefix: str = "b") -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(str(i), callback_data=f"{prefix}{i}") for i in range(count)]
    return InlineKeyboardMarkup([buttons[i:i + 8] for i in range(0, count, 8)])


def test_urls_and_get_me(api):
    assert api.base_url == f"http://127.0.0.1:{api.port}/bot"
    assert api.base_file_url == f"http://127.0.0.1:{api.port}/file/bot"

    async def scenario(bot):
        return await bot.get_me()

    me = run(api, scenario)
    assert me.id == 123456 and me.is_bot and me.username == "commissioning_test_bot"
    assert [c["method"] for c in api.calls()] == ["getMe", "getMe"]  # initialize() + get_me()


def test_wrong_token_is_unauthorized(api):
    async def scenario(bot):
        await bot.get_me()

    with pytest.raises(InvalidToken):
        run(api, scenario, token="999:wrong")


def test_send_message_is_recorded_and_returned(api):
    async def scenario(bot):
        buttons = [InlineKeyboardButton("Go", callback_data="go"),
                   InlineKeyboardButton("Docs", url="https://x.org")]
        first = await bot.send_message(
            USER, "<b>Hello</b> &amp; welcome &lt;3", parse_mode="HTML",
            reply_markup=InlineKeyboardMarkup([buttons]),
        )
        second = await bot.send_message(USER, "plain")
        return first, second

    first, second = run(api, scenario)
    assert first.text == "Hello & welcome <3"
    assert first.from_user.id == api.bot_id and first.chat.id == USER
    assert first.reply_markup.inline_keyboard[0][0].callback_data == "go"
    assert (first.message_id, second.message_id) == (1, 2)

    call = api.wait_for(chat_id=USER)
    assert call["params"]["text"] == "<b>Hello</b> &amp; welcome &lt;3"
    assert call["params"]["parse_mode"] == "HTML"
    assert call["params"]["reply_markup"]["inline_keyboard"][0][1]["url"] == "https://x.org"
    assert call["plain"] == "Hello & welcome <3"
    assert api.wait_for("plain")["result"]["message_id"] == 2
    assert [m["text"] for m in api.messages(USER)] == ["Hello & welcome <3", "plain"]


def test_text_validation(api):
    async def scenario(bot):
        errors = {}
        cases = {
            "too_long": ("<b>" + "x" * 4097 + "</b>", "HTML"),
            "empty": ("", None),
            "blank_after_parsing": ("<b> </b>", "HTML"),
            "unknown_tag": ("<p>hi</p>", "HTML"),
            "unclosed": ("<b>hi", "HTML"),
            "mismatched": ("<b><i>hi</b></i>", "HTML"),
            "bare_lt": ("1 < 2", "HTML"),
            "bare_amp": ("R&D", "HTML"),
        }
        for name, (text, mode) in cases.items():
            try:
                await bot.send_message(USER, text, parse_mode=mode)
            except BadRequest as exc:
                errors[name] = str(exc)
        # 4096 characters after parsing is fine although the markup is five times longer.
        ok = await bot.send_message(USER, "<i>" + "&amp;" * 4096 + "</i>", parse_mode="HTML")
        return errors, ok

    errors, ok = run(api, scenario)
    assert errors["too_long"] == "Message is too long"
    assert errors["empty"] == errors["blank_after_parsing"] == "Message text is empty"
    # python-telegram-bot strips "Bad Request: " and lower-cases all but the first letter.
    assert errors["unknown_tag"] == (
        'Can\'t parse entities: unsupported start tag "p" at byte offset 0')
    assert errors["unclosed"] == (
        'Can\'t parse entities: can\'t find end tag corresponding to start tag "b"')
    assert 'expected "</i>", found "</b>"' in errors["mismatched"]
    assert "Can't parse entities" in errors["bare_lt"]
    assert "Can't parse entities" in errors["bare_amp"]
    assert len(ok.text) == 4096
    refused = api.calls("sendMessage", include_failed=True)
    assert [c["ok"] for c in refused].count(False) == 8
    assert all(c["status"] == 400 for c in refused if not c["ok"])
    assert len(api.messages(USER)) == 1  # refused calls create nothing


def test_keyboard_validation(api):
    async def scenario(bot):
        errors = {}
        cases = {
            "101_buttons": keyboard(101),
            "long_data": InlineKeyboardMarkup(
                [[InlineKeyboardButton("x", callback_data="y" * 65)]]),
            "empty_data": InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="")]]),
            "no_action": InlineKeyboardMarkup([[InlineKeyboardButton("x")]]),
        }
        for name, markup in cases.items():
            try:
                await bot.send_message(USER, "menu", reply_markup=markup)
            except BadRequest as exc:
                errors[name] = str(exc)
        ok = await bot.send_message(USER, "menu", reply_markup=keyboard(100))
        multibyte = "é" * 32  # 64 bytes
        await bot.send_message(USER, "menu", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("x", callback_data=multibyte)]]))
        return errors, ok

    errors, ok = run(api, scenario)
    assert errors == {
        "101_buttons": "Reply markup is too long",
        "long_data": "Button_data_invalid",
        "empty_data": "Button_data_invalid",
        "no_action": "Can't parse inline keyboard button: text buttons are unallowed in the "
                     "inline keyboard",
    }
    assert sum(len(row) for row in ok.reply_markup.inline_keyboard) == 100


def test_edits_callbacks_and_not_modified(api):
    async def scenario(bot):
        sent = await bot.send_message(USER, "<b>Pick</b>", parse_mode="HTML",
                                      reply_markup=keyboard(2))
        query_id = api.send_callback(USER, sent.message_id, "b1", first_name="Alice")
        updates = await bot.get_updates(timeout=1)
        query = updates[-1].callback_query
        await bot.answer_callback_query(query.id, text="Noted")
        errors = []
        try:
            await bot.answer_callback_query(query.id)
        except BadRequest as exc:
            errors.append(str(exc))
        edited = await bot.edit_message_text("Picked 1", chat_id=USER,
                                             message_id=sent.message_id)
        for call in (
            bot.edit_message_text("<i>Picked</i> 1", chat_id=USER, message_id=sent.message_id,
                                  parse_mode="HTML"),  # formatting differs: allowed
            bot.edit_message_text("<i>Picked</i> 1", chat_id=USER, message_id=sent.message_id,
                                  parse_mode="HTML"),  # identical: not modified
            bot.edit_message_text("x", chat_id=USER, message_id=999),
            bot.edit_message_reply_markup(chat_id=USER, message_id=sent.message_id),
        ):
            try:
                await call
            except BadRequest as exc:
                errors.append(str(exc))
        return query_id, query, edited, errors

    query_id, query, edited, errors = run(api, scenario)
    assert query.id == query_id and query.data == "b1" and query.from_user.first_name == "Alice"
    assert query.message.text == "Pick" and query.message.reply_markup is not None
    assert api.answered_callbacks == [{"callback_query_id": query_id, "text": "Noted"}]
    assert edited.text == "Picked 1" and edited.reply_markup is None  # omitted markup removes it
    assert errors[0].startswith("Query is too old")
    assert errors[1].startswith("Message is not modified")
    assert errors[2] == "Message to edit not found"
    assert errors[3].startswith("Message is not modified")  # keyboard already gone
    assert api.messages(USER) == [api.message(USER, 1)]
    assert api.messages(USER)[0]["text"] == "Picked 1" and "edit_date" in api.messages(USER)[0]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_429_surfaces_as_retry_after_and_is_not_delivered(api):
    api.fail_next("sendMessage", status=429, retry_after=1)

    async def scenario(bot):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "important")
        await bot.send_message(USER, "important")
        return caught.value

    exc = run(api, scenario)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        retry_after = exc.retry_after
    if isinstance(retry_after, dtm.timedelta):
        retry_after = retry_after.total_seconds()
    assert retry_after == 1
    calls = api.calls("sendMessage", chat_id=USER)
    assert [(c["ok"], c["status"], c["injected"]) for c in calls] == [
        (False, 429, True), (True, 200, False)]
    assert [m["text"] for m in api.messages(USER)] == ["important"]  # exactly once
    assert api.wait_for("important")["seq"] == calls[1]["seq"]  # failures are skipped


def test_5xx_surfaces_as_network_error(api):
    api.fail_next("sendMessage", status=500)
    api.fail_next("sendChatAction", status=502, times=2)

    async def scenario(bot):
        raised = []
        for call in (lambda: bot.send_message(USER, "x"),
                     lambda: bot.send_chat_action(USER, "typing"),
                     lambda: bot.send_chat_action(USER, "typing")):
            try:
                await call()
            except NetworkError as exc:
                raised.append(exc)
        await bot.send_chat_action(USER, "typing")
        return raised

    raised = run(api, scenario)
    assert [type(e) for e in raised] == [NetworkError] * 3  # not BadRequest, not RetryAfter
    assert str(raised[0]) == "Internal Server Error" and str(raised[1]) == "Bad Gateway"
    assert api.messages(USER) == []
    assert [c["ok"] for c in api.calls("sendChatAction")] == [False, False, True]


def test_get_updates_offset_long_poll_and_conflict(api):
    first = api.send_text(7, "/start now", first_name="Bob", username="bob")
    second = api.send_text(7, "hello")

    async def scenario(bot):
        batch = await bot.get_updates()
        again = await bot.get_updates()  # nothing confirmed yet: same updates
        rest = await bot.get_updates(offset=first + 1)
        empty = await bot.get_updates(offset=second + 1, timeout=0)

        threading.Timer(0.2, api.send_text, args=(7, "late")).start()
        started = time.monotonic()
        late = await bot.get_updates(offset=second + 1, timeout=5)
        waited = time.monotonic() - started

        # A second bot instance polling the same token ends the first one's long poll.
        old_poll = asyncio.create_task(bot.get_updates(offset=late[0].update_id + 1, timeout=5))
        await asyncio.sleep(0.2)
        async with Bot(api.token, base_url=api.base_url) as other:
            await other.get_updates(offset=late[0].update_id + 1, timeout=0)
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await old_poll
        return batch, again, rest, empty, late, waited

    batch, again, rest, empty, late, waited = run(api, scenario)
    message = batch[0].message
    assert [u.update_id for u in batch] == [first, second] == [u.update_id for u in again]
    assert message.text == "/start now" and message.chat.type == "private"
    assert message.from_user.username == "bob" and message.chat.id == 7
    assert message.entities[0].type == "bot_command" and message.entities[0].length == 6
    assert [u.update_id for u in rest] == [second] and empty == ()
    assert late[0].message.text == "late" and waited < 2
    assert api.pending_updates == []  # the last poll confirmed everything
    api.wait_delivered(late[0].update_id, timeout=0.1)


def test_allowed_updates_and_raw_updates(api):
    api.send_update({"message": {"from": {"id": 9, "first_name": "Eve"},
                                 "sticker": {"file_id": "s", "file_unique_id": "s", "width": 1,
                                             "height": 1, "is_animated": False,
                                             "is_video": False, "type": "regular"}}})
    api.send_update({"message_reaction": {"chat": 9, "message_id": 1, "date": 0,
                                          "old_reaction": [], "new_reaction": []}})
    group = api.send_text(9, "/help@commissioning_test_bot", chat_id=-100123,
                          chat_type="supergroup", chat_title="Team")

    async def scenario(bot):
        return await bot.get_updates(allowed_updates=["message"])

    updates = run(api, scenario)
    assert updates[0].message.sticker is not None and updates[0].message.chat.id == 9
    assert updates[-1].update_id == group and updates[-1].message.chat.title == "Team"
    assert updates[-1].message.entities[0].length == len("/help@commissioning_test_bot")
    assert len(updates) == 2  # the reaction is not an allowed update type


def test_send_document_keeps_bytes_and_serves_them(api):
    payload = b"%PDF-1.4\r\n\x00\xff binary \r\n--not-a-boundary\r\n"

    async def scenario(bot):
        message = await bot.send_document(
            USER, document=payload, filename="Decision record.pdf",
            caption="<b>Decision</b> record", parse_mode="HTML",
        )
        file = await bot.get_file(message.document.file_id)
        downloaded = await file.download_as_bytearray()
        with pytest.raises(BadRequest, match="caption is too long"):
            await bot.send_document(USER, document=b"x", filename="a.txt", caption="y" * 1025)
        return message, bytes(downloaded)

    message, downloaded = run(api, scenario)
    assert message.document.file_name == "Decision record.pdf"
    assert message.document.mime_type == "application/pdf"
    assert message.caption == "Decision record"
    call = api.wait_for(method="sendDocument", chat_id=USER)
    assert call["file_bytes"] == payload and call["file_name"] == "Decision record.pdf"
    assert call["params"]["caption"] == "<b>Decision</b> record"
    assert downloaded == payload


def test_commands_are_stored_per_scope(api):
    async def scenario(bot):
        await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
        await bot.set_my_commands([BotCommand("admin", "Admin tools")],
                                  scope=BotCommandScopeChat(USER))
        await bot.set_my_commands([BotCommand("aide", "Aide")], language_code="fr")
        scoped = await bot.get_my_commands(scope=BotCommandScopeChat(USER))
        with pytest.raises(BadRequest):
            await bot.set_my_commands([BotCommand("Bad-Name", "x")])
        await bot.delete_my_commands(language_code="fr")
        return scoped

    scoped = run(api, scenario)
    assert [c.command for c in scoped] == ["admin"]
    assert api.commands() == [{"command": "start", "description": "Start"},
                              {"command": "help", "description": "Help"}]
    assert api.commands("chat", USER) == [{"command": "admin", "description": "Admin tools"}]
    assert api.commands(language_code="fr") == []
    call = api.calls("setMyCommands")[1]
    assert call["params"]["scope"] == {"type": "chat", "chat_id": USER}


def test_unknown_chat_blocked_user_and_wait_for_timeout(api):
    api.block_user(USER)

    async def scenario(bot):
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(555, "hi")
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(USER, "hi")

    run(api, scenario)
    with pytest.raises(AssertionError) as caught:
        api.wait_for("hi", chat_id=USER, timeout=0.2)
    report = str(caught.value)
    assert "sendMessage chat=555 FAILED 400" in report
    assert "sendMessage chat=42 FAILED 403" in report


def test_webhook_and_cursor(api):
    async def scenario(bot):
        await bot.set_webhook("https://example.org/hook")
        info = await bot.get_webhook_info()
        with pytest.raises(Conflict):
            await bot.get_updates()
        await bot.delete_webhook(drop_pending_updates=True)
        cursor = api.mark()
        await bot.send_message(USER, "after")
        return info, cursor

    api.send_text(USER, "dropped")
    info, cursor = run(api, scenario)
    assert info.url == "https://example.org/hook" and info.pending_update_count == 1
    assert api.webhook is None and api.pending_updates == []
    assert api.wait_for(after=cursor)["text"] == "after"
    assert api.calls(after=cursor)[0]["method"] == "sendMessage"


def test_parse_html_matches_tdlib():
    with pytest.raises(ValueError, match='Unmatched end tag at byte offset 17, expected "</i>"'):
        parse_html("🏟 🏟&lt;<i>a</em   >")
    text, entities = parse_html('<a href="https://x.org/?a=1&amp;b=2">link</a> &#128512; &quot;')
    assert text == 'link 😀 "' and entities == [("text_link", 0, 4, "https://x.org/?a=1&b=2")]
    assert parse_html("&ge; ok", strict_entities=False)[0] == "&ge; ok"


def test_application_polling_round_trip(api):
    """The path the real bot takes: ApplicationBuilder with base_url, updater polling."""

    async def start(update, context):
        await update.message.reply_text("<b>Welcome</b>", parse_mode="HTML",
                                        reply_markup=keyboard(1))

    async def button(update, context):
        await update.callback_query.answer("ok")
        await update.callback_query.edit_message_text("Help text")

    async def main():
        app = (ApplicationBuilder().token(api.token).base_url(api.base_url)
               .base_file_url(api.base_file_url).build())
        app.add_handler(CommandHandler("start", start))
        app.add_handler(CallbackQueryHandler(button))
        async with app:
            await app.start()
            await app.updater.start_polling(timeout=5)
            await asyncio.to_thread(api.send_text, 5, "/start")
            welcome = await asyncio.to_thread(api.wait_for, "Welcome", chat_id=5)
            await asyncio.to_thread(api.send_callback, 5, welcome["result"]["message_id"], "b0")
            await asyncio.to_thread(api.wait_for, method="editMessageText", chat_id=5)
            await app.updater.stop()
            await app.stop()

    asyncio.run(main())
    assert [c["method"] for c in api.calls()] == [
        "getMe", "deleteWebhook", "sendMessage", "answerCallbackQuery", "editMessageText"]
    assert api.answered_callbacks[0]["text"] == "ok"
    assert [m["text"] for m in api.messages(5)] == ["Help text"]
    assert api.messages(5)[0].get("reply_markup") is None
    assert api.pending_updates == []


def test_plain_http_clients_json_bodies_and_unknown_methods(api):
    def post(path, payload=None):
        request = urllib.request.Request(
            api.base_url + path, data=None if payload is None else json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    status, body = post(api.token + "/sendMessage", {
        "chat_id": USER, "text": "hi",
        "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "x"}]]}})
    assert status == 200 and body["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "a"
    assert post(api.token + "/getMe")[1]["result"]["id"] == api.bot_id
    assert post(api.token + "/noSuchMethod") == (
        404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert post("1:other/getMe") == (
        401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    assert api.calls()[-1]["unknown_method"] and not api.calls()[-1]["ok"]
