"""The Telegram channel (python-telegram-bot 22, asyncio): translate, delegate, render.

Updates are processed concurrently and the core (CPU-bound retrieval, SQLite) runs in a thread
pool, so one slow question never stalls other users. Sending goes through AIORateLimiter with
retries, so a 429 is retried after the server's `retry_after` and the message arrives once.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import secrets
import signal
import sys
from concurrent.futures import ThreadPoolExecutor

from assistant.core.events import Event, Part, Reply

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
SAFE_TEXT = 4000       # leave room: the limit counts characters after entity parsing
CAPTION_LIMIT = 1024
BUTTON_LIMIT = 100
TYPING_AFTER = 0.4     # seconds a reply may take before the chat shows "typing…"
TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{5,200}$")


# -- rendering: parts -> Telegram HTML, split on paragraph boundaries ------------------------------
def _html(part: Part) -> str:
    t = html.escape(part.text, quote=False)
    return {"bold": f"<b>{t}</b>", "italic": f"<i>{t}</i>", "quote": f"<blockquote>{t}</blockquote>",
            "cite": f"<i>{t}</i>", "code": f"<code>{t}</code>"}.get(part.kind, t)


def _pieces(part: Part, limit: int) -> list[Part]:
    """Cut one over-long part at paragraph, then line, then word boundaries."""
    text, out = part.text, []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        if cut <= limit // 4:
            cut = limit
        out.append(Part(part.kind, text[:cut]))
        text = text[cut:].lstrip("\n ")
    if text:
        out.append(Part(part.kind, text))
    return out


def render_html(reply: Reply, limit: int = SAFE_TEXT) -> list[str]:
    """Messages of at most `limit` visible characters each, never empty, tags never split."""
    chunks: list[list[Part]] = [[]]
    size = 0
    for part in reply.parts:
        for piece in _pieces(part, limit):
            extra = len(piece.text) + (1 if piece.kind in ("quote", "cite") else 0)
            if size + extra > limit and chunks[-1]:
                chunks.append([])
                size = 0
            chunks[-1].append(piece)
            size += extra
    out = []
    for chunk in chunks:
        body = ""
        for p in chunk:
            if p.kind == "cite" and body and not body.endswith("\n"):
                body += "\n"
            body += _html(p)
        body = body.strip()
        if body:
            out.append(body)
    return out or ["…"]


def keyboard(reply: Reply):
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    rows, count = [], 0
    for row in reply.buttons:
        kept = []
        for b in row:
            if count >= BUTTON_LIMIT:
                break
            if b.url:
                kept.append(InlineKeyboardButton(b.label[:64], url=b.url))
            elif b.token and len(b.token.encode()) <= 64:
                kept.append(InlineKeyboardButton(b.label[:64] or "·", callback_data=b.token))
            else:
                continue
            count += 1
        if kept:
            rows.append(kept)
    return InlineKeyboardMarkup(rows) if rows else None


# -- events from updates ------------------------------------------------------------------------------
CHAT_TYPES = ("private", "group", "supergroup", "channel")


def event_from_update(update, bot_username: str, bot_id: int) -> Event | None:
    """None means: not for us (a group message that neither mentions nor replies to the bot).

    The event says what Telegram told us about the audience: the chat's type, and whether the
    sender is shared (a bot, or a message sent on behalf of a chat). Listed shared ids such as
    @GroupAnonymousBot, and what follows from all of it, are the core's decision."""
    user = update.effective_user
    if user is None:
        return None
    name = (user.first_name or "")[:60]
    chat = update.effective_chat
    chat_type = chat.type if chat is not None and chat.type in CHAT_TYPES else "unknown"
    msg = update.message
    shared = bool(user.is_bot) or (msg is not None and msg.sender_chat is not None)
    common = {"name": name, "chat": chat_type, "shared": shared, **_where(update, bot_id)}
    if update.callback_query is not None:
        return Event(user.id, "button", token=(update.callback_query.data or "")[:128], **common)
    if msg is None:
        return None
    group = chat_type != "private"
    text = msg.text or ""
    mention = re.compile(re.escape(f"@{bot_username}") + r"(?!\w)", re.IGNORECASE)
    if group and not text.startswith("/"):
        replied = msg.reply_to_message is not None and msg.reply_to_message.from_user is not None \
            and msg.reply_to_message.from_user.id == bot_id
        if not mention.search(text) and not replied:
            return None
    if not text.startswith("/"):
        text = mention.sub("", text).strip()  # "@bot what is …" and "@bot /rules" alike
    if text.startswith("/"):
        head, _, args = text[1:].partition(" ")
        cmd, _, target = head.partition("@")
        if group and target and target.lower() != bot_username.lower():
            return None  # a command for another bot
        return Event(user.id, "command", command=cmd.lower()[:64], args=args.strip(), **common)
    if msg.text is not None:
        return Event(user.id, "text", text=text, **common)
    if msg.document is not None:
        return Event(user.id, "document", **common)
    return Event(user.id, "other", **common)


def _where(update, bot_id: int) -> dict:
    """The chat an event came from, and the text of the bot's own message it replies to (how an
    officer answers a handoff in the team chat). Only the bot's messages count: Telegram sets
    `reply_to_message.from_user`, so a user cannot make their own message look like the bot's."""
    chat = update.effective_chat
    msg = update.message
    replied = getattr(msg, "reply_to_message", None) if msg is not None else None
    by_bot = replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    return {"chat_id": chat.id if chat else 0, "reply_to_bot": ((replied.text or replied.caption or "") if by_bot else "")[:4096]}


async def _every(seconds: float, work, pool, *, name: str, send=None) -> None:
    """Run `work` now and then every `seconds`; a failure is logged and tried again next time."""
    while True:
        try:
            result = await asyncio.get_running_loop().run_in_executor(pool, work)
            if send is not None:
                for reply in result or []:
                    await send_replies(send, reply.chat, [reply])
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed; trying again later", name)
        await asyncio.sleep(seconds)


class _NoStartupTraceback(logging.Filter):
    """python-telegram-bot logs a refused start-up (bad token or webhook) with a traceback; we print
    one clear line for it instead, so keep its message and drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Network Retry Loop"):
            record.exc_info, record.exc_text = None, None
        return True


# -- the application -----------------------------------------------------------------------------------
async def _retrying(make_call, *, attempts: int = 5):
    """Retry network failures and 5xx (not refusals): the rate limiter already retries 429s."""
    from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut

    delay = 0.5
    for attempt in range(attempts):
        try:
            return await make_call()
        except (BadRequest, Forbidden, InvalidToken):
            raise
        except RetryAfter as exc:
            if attempt == attempts - 1:
                raise
            wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else float(exc.retry_after)
            await asyncio.sleep(wait + 0.1)
        except (TimedOut, NetworkError):
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, 8)


async def send_replies(bot, chat_id: int, replies: list[Reply], *, user_id: int | None = None) -> None:
    from telegram.constants import ParseMode

    home = chat_id
    for reply in replies:
        chat_id = reply.chat or home  # a handoff for the team chat, or a person's reply for the asker
        texts = render_html(reply)
        markup = keyboard(reply)
        for i, text in enumerate(texts):
            last = i == len(texts) - 1
            await _retrying(lambda text=text, last=last: bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
                disable_web_page_preview=True))
        for f in reply.files:
            caption = html.escape(f.caption[:CAPTION_LIMIT - 50])

            async def send_file(f=f, caption=caption):
                with open(f.path, "rb") as fh:
                    return await bot.send_document(chat_id, document=fh, filename=f.filename, caption=caption,
                                                   parse_mode=ParseMode.HTML)

            await _retrying(send_file)
        if reply.menu and chat_id == home:
            try:
                await set_menu_for(bot, chat_id, reply.menu, user_id=user_id)
            except Exception:  # the role change stands; only the menu is stale until the next start
                log.warning("could not set the %s menu for chat %s", reply.menu, chat_id, exc_info=True)


async def send_notices(bot, notices) -> None:
    """Messages nobody asked for just now (a followed document changed): one private chat each;
    a user who blocked the bot is skipped, the others still get theirs."""
    for user_id, reply in notices:
        try:
            await send_replies(bot, user_id, [reply])
        except Exception:
            log.warning("could not send the change notice to %s", user_id, exc_info=True)


def menu(role: str) -> list:
    """The command menu of a role, as Telegram wants it."""
    from telegram import BotCommand

    from assistant.core.conversation import COMMANDS

    return [BotCommand(c, d) for c, d in COMMANDS.get(role, COMMANDS["provider"])]


async def set_menu_for(bot, chat_id: int, role: str, *, user_id: int | None = None) -> None:
    """The menu of one private chat, or of one member in a group (never the whole group's)."""
    from telegram import BotCommandScopeChat, BotCommandScopeChatMember

    cmds = menu(role)
    scope = BotCommandScopeChat(chat_id) if user_id in (None, chat_id) else BotCommandScopeChatMember(chat_id, user_id)
    if cmds == menu("provider"):  # the everybody menu: drop this chat's own, so the default shows
        await _retrying(lambda: bot.delete_my_commands(scope=scope))
    else:
        await _retrying(lambda: bot.set_my_commands(cmds, scope=scope))


async def _typing_if_slow(bot, chat_id: int, after: float = TYPING_AFTER) -> None:
    """Show "typing…" only while a reply is slow: a throttled flood must not queue 100 chat actions
    in the rate limiter ahead of everybody's answers."""
    from telegram.constants import ChatAction

    await asyncio.sleep(after)
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except Exception:  # cosmetic: never fail an update over it
        log.debug("could not send the typing action to %s", chat_id)


def build_application(core, *, token: str, base_url: str | None = None, base_file_url: str | None = None,
                      officer_chats: list[int] = (), workers: int = 4, reloader=None, daily=None, outbox=None,
                      outbox_every: float = 15.0):
    """`daily`: a blocking callable run once a day (the retention purge); `outbox`: a blocking
    callable returning replies addressed to chats (people's replies typed at the terminal), polled
    every `outbox_every` seconds. Both run in the thread pool, off the event loop. python-telegram-bot's
    JobQueue would need the job-queue extra (APScheduler), which is not installed: plain tasks do."""
    from telegram import BotCommandScopeAllPrivateChats, BotCommandScopeDefault, Update
    from telegram.ext import AIORateLimiter, Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="core")

    async def set_menus(app: Application) -> None:
        print(f"Telegram bot @{app.bot.username} connected; Ctrl-C stops it.", file=sys.stderr, flush=True)
        provider = menu("provider")
        await _retrying(lambda: app.bot.set_my_commands(provider, scope=BotCommandScopeDefault()))
        await _retrying(lambda: app.bot.set_my_commands(provider, scope=BotCommandScopeAllPrivateChats()))
        for chat_id in officer_chats:
            try:
                await set_menu_for(app.bot, chat_id, "officer")
            except Exception:  # a chat the bot cannot reach yet must not stop the start-up
                log.warning("could not set the officer menu for chat %s", chat_id)
        loop = asyncio.get_running_loop()  # references kept, so the tasks live as long as the bot
        if reloader is not None:  # hot reload (index/hot_reload.py): followers' notices are sent from here
            reloader.deliver = lambda notices: asyncio.run_coroutine_threadsafe(send_notices(app.bot, notices), loop)
            if hasattr(signal, "SIGHUP"):  # `kill -HUP <pid>`: look for a new index now
                loop.add_signal_handler(signal.SIGHUP, reloader.wake)
            reloader.start()
        if daily is not None:
            app.bot_data.setdefault("tasks", []).append(loop.create_task(_every(86400.0, daily, pool, name="daily purge")))
        if outbox is not None:
            app.bot_data.setdefault("tasks", []).append(
                loop.create_task(_every(outbox_every, outbox, pool, name="handoff replies", send=app.bot)))

    async def handle(update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        bot = ctx.bot
        event = event_from_update(update, bot.username or "", bot.id)
        if event is None:
            return
        if update.callback_query is not None:
            try:
                await update.callback_query.answer()
            except Exception:
                log.info("callback query could not be answered (too old?)")
        if update.effective_chat is None:  # a button under an inline-mode message: never one of ours
            return
        chat_id = update.effective_chat.id
        work = asyncio.get_running_loop().run_in_executor(pool, core.handle, event)
        typing = asyncio.create_task(_typing_if_slow(bot, chat_id)) if event.kind in ("text", "command") else None
        try:
            replies = await work
        finally:
            if typing is not None:
                typing.cancel()
        await send_replies(bot, chat_id, replies, user_id=event.user_id)

    async def on_error(update: object, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("update failed", exc_info=ctx.error)
        chat = getattr(update, "effective_chat", None)
        if chat is not None:
            try:
                await ctx.bot.send_message(chat.id, "Sorry, something went wrong on my side. Please try again in a moment.")
            except Exception:
                log.warning("could not tell the user about the error")

    builder = Application.builder().token(token).concurrent_updates(True).post_init(set_menus) \
        .rate_limiter(AIORateLimiter(max_retries=5)).connect_timeout(10).read_timeout(15).write_timeout(30)
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_file_url or base_url.replace("/bot", "/file/bot"))
    app = builder.build()
    app.bot_data["core"] = core
    app.add_handler(CallbackQueryHandler(handle))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & (filters.COMMAND | filters.TEXT), handle))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, handle))
    # Edited messages and channel posts are ignored on purpose: answering an edit twice confuses.
    app.add_error_handler(on_error)
    return app


# -- start-up without a network ---------------------------------------------------------------------
RETRY_EVERY = 5.0      # seconds between attempts to reach the Bot API at start-up
REPORT_EVERY = 60.0    # while it stays unreachable, one line a minute, not one per attempt


def _reach_error(exc: Exception) -> str:
    """A network failure in words a person at the terminal can act on."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if any(w in text.lower() for w in ("name resolution", "name or service", "nodename", "getaddrinfo", "dns")):
        return f"DNS error: {text}"
    if "timed out" in text.lower() or "timeout" in type(exc).__name__.lower():
        return f"connection timed out: {text}"
    return f"connection error: {text}"


def wait_until_reachable(probe, *, write, sleep=None, clock=None, every: float = RETRY_EVERY,
                         report_every: float = REPORT_EVERY) -> None:
    """Call `probe()` until it stops raising OSError-like network errors. The first failure is
    reported at once, with the retry interval, then one line per `report_every` seconds, so a
    machine without a network says so instead of sitting silent for minutes."""
    import time

    sleep, clock = sleep or time.sleep, clock or time.monotonic
    first = last_report = None
    while True:
        try:
            probe()
        except Exception as exc:  # noqa: BLE001 - any transport failure: say it and retry
            now = clock()
            if first is None:
                first = last_report = now
                write(f"can't reach Telegram ({_reach_error(exc)}), retrying every {every:g} s; Ctrl-C stops.")
            elif now - last_report >= report_every:
                last_report = now
                write(f"still can't reach Telegram after {int((now - first) // 60)} min ({_reach_error(exc)}); "
                      f"retrying every {every:g} s.")
            sleep(every)
            continue
        if first is not None:
            write("reached Telegram; starting.")
        return


def _probe_bot_api(base_url: str | None, token: str):
    """One getMe over plain HTTP: any answer from the server (even a refusal) means it is
    reachable; what the answer says is left to python-telegram-bot."""
    import httpx

    def probe() -> None:
        httpx.get(f"{base_url or 'https://api.telegram.org/bot'}{token}/getMe", timeout=10)

    return probe


def run_telegram(settings, *, webhook: str | None, listen: str, index: str | None,
                 reload_every: float | None = None) -> int:
    from pathlib import Path

    from telegram import Update

    from assistant.app import build, make_reloader, use_pdf_worker
    from assistant.cli import UserError

    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise UserError("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token")
    if not TOKEN_RE.match(token):
        raise UserError("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters): "
                        "copy it again from @BotFather")
    base_url = os.environ.get("TELEGRAM_BASE_URL") or None
    base_file_url = os.environ.get("TELEGRAM_BASE_FILE_URL") or None
    wait_until_reachable(_probe_bot_api(base_url, token), write=lambda line: print(line, file=sys.stderr, flush=True))
    from assistant.cli import loading_notice

    from assistant.storage.db import probe_writable

    probe_writable(settings.path(settings.data_dir))  # refuse in one line before the slow model load
    loading_notice()
    app_parts = build(settings, index_dir=Path(index) if index else None, conversation=True)
    officer_chats = [o.user_id for o in app_parts.roles.officers() if not o.shared]
    reloader = make_reloader(app_parts, reload_every)
    pdfs = use_pdf_worker(app_parts)
    from assistant.privacy.retention import purge

    def daily_purge():
        report = purge(app_parts.db, retention_days=settings.retention_days,
                       decision_record_days=settings.decision_record_days,
                       reports_dir=settings.path(settings.data_dir) / "reports")
        log.info("retention purge: %s", "; ".join(report.lines()))

    app = build_application(app_parts.core, token=token, base_url=base_url, base_file_url=base_file_url,
                            officer_chats=officer_chats, reloader=reloader, daily=daily_purge, outbox=app_parts.people.outbox)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("telegram.ext").addFilter(_NoStartupTraceback())
    from telegram.error import TelegramError

    try:
        if webhook:
            host, _, port = listen.rpartition(":")
            secret = os.environ.get("TELEGRAM_WEBHOOK_SECRET") or secrets.token_urlsafe(24)
            from urllib.parse import urlparse

            path = urlparse(webhook).path.strip("/") or "telegram"
            app.run_webhook(listen=host or "127.0.0.1", port=int(port), url_path=path, webhook_url=webhook,
                            secret_token=secret, allowed_updates=Update.ALL_TYPES)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, poll_interval=0.0, timeout=10, bootstrap_retries=-1)
    except TelegramError as exc:  # refused at start-up (bad token, bad webhook URL): one clear line
        raise UserError(f"Telegram refused to start the bot: {exc}") from None
    finally:
        reloader.stop()
        pdfs.close()
    return 0
