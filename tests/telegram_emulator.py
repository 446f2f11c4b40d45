"""A small Telegram Bot API emulator for end-to-end tests.

The emulator is an HTTP server on 127.0.0.1 (standard library only) that answers the subset of the
Bot API the assistant uses, the way api.telegram.org does: the same URL layout
(``{base_url}{token}/{method}``, ``{base_file_url}{token}/{file_path}``), the same request
encodings (JSON bodies, ``application/x-www-form-urlencoded`` and ``multipart/form-data`` bodies
whose values are strings, with objects such as ``reply_markup`` JSON-encoded inside them, which is
what python-telegram-bot's httpx client sends), and the same envelopes
(``{"ok": true, "result": ...}`` / ``{"ok": false, "error_code": ..., "description": ...}``).

Tests play users through a thread-safe scripting API::

    with BotApiEmulator() as api:
        start_the_bot(base_url=api.base_url, base_file_url=api.base_file_url, token=api.token)
        api.send_text(42, "/start")
        reply = api.wait_for(lambda c: "Welcome" in c["plain"], chat_id=42)
        api.send_callback(42, reply["result"]["message_id"], "menu:help")
        api.wait_for(method="editMessageText", chat_id=42)

Every call the bot makes is recorded (``calls()``, ``wait_for()``), including refused ones, which
carry ``ok=False``, the HTTP ``status`` and the ``description``; failures injected with
``fail_next()`` are additionally flagged ``injected=True``. Refused calls never create or change
messages.

Validation follows Telegram (and TDLib's HTML parser) closely enough that a bot passing these
tests does not trip over the real server's checks: empty or over-long text and captions (length
counted after HTML entities are parsed), malformed HTML, oversized inline keyboards, bad
``callback_data``, buttons without an action, "message is not modified", edits of missing
messages, unknown chats. One deliberate difference: a bare ``&`` that does not start a valid
entity is refused (Telegram's documentation requires escaping it, the real parser silently keeps
it); pass ``strict_html_entities=False`` to get the lenient behaviour.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["ApiError", "BotApiEmulator", "HtmlParseError", "parse_html"]

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_INLINE_BUTTONS = 100
MAX_REPLY_KEYBOARD_BUTTONS = 300
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_COMMANDS = 100

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
CALLBACK_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"

# Update types Telegram delivers when allowed_updates is unset or empty.
_ALL_UPDATE_TYPES = (
    "message", "edited_message", "channel_post", "edited_channel_post", "business_connection",
    "business_message", "edited_business_message", "deleted_business_messages", "message_reaction",
    "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query",
    "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer",
    "my_chat_member", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
)
_DEFAULT_UPDATE_TYPES = frozenset(_ALL_UPDATE_TYPES) - {
    "chat_member", "message_reaction", "message_reaction_count",
}
_MESSAGE_UPDATE_KEYS = (
    "message", "edited_message", "channel_post", "edited_channel_post", "business_message",
    "edited_business_message",
)

_CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
})
_INLINE_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)
_COMMAND_SCOPES = frozenset({
    "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
    "chat_administrators", "chat_member",
})

# Form values always arrive as strings; these name the parameters whose string is decoded.
_JSON_PARAMS = frozenset({
    "reply_markup", "scope", "commands", "allowed_updates", "entities", "caption_entities",
    "link_preview_options", "reply_parameters", "menu_button", "media", "results", "options",
    "permissions", "rights", "suggested_post_parameters", "explanation_entities",
})
_INT_PARAMS = frozenset({
    "chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id",
    "message_thread_id", "cache_time", "max_connections", "user_id", "from_chat_id",
    "until_date", "direct_messages_topic_id",
})
_BOOL_PARAMS = frozenset({
    "disable_notification", "protect_content", "show_alert", "drop_pending_updates",
    "disable_web_page_preview", "allow_sending_without_reply", "disable_content_type_detection",
    "allow_paid_broadcast", "for_channels", "only_if_banned", "revoke_messages", "has_spoiler",
    "show_caption_above_media", "is_anonymous",
})


# --------------------------------------------------------------------------------------------
# Errors


class ApiError(Exception):
    """A Bot API error answer: HTTP ``status`` with ``{"ok": false, ...}``."""

    def __init__(self, status: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict:
        body: dict[str, Any] = {
            "ok": False, "error_code": self.status, "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(description: str) -> ApiError:
    return ApiError(400, "Bad Request: " + description)


class HtmlParseError(ValueError):
    """Raised by :func:`parse_html` with TDLib's wording (without "can't parse entities: ")."""


# --------------------------------------------------------------------------------------------
# HTML parse mode (modelled on TDLib's parse_html)

_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "span": "spoiler", "tg-spoiler": "spoiler", "a": "text_link", "code": "code", "pre": "pre",
    "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HEX = frozenset("0123456789abcdefABCDEF")
_DEC = frozenset("0123456789")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the HTML entity at ``text[i] == '&'``: ``(character, next index)`` or None."""
    n = len(text)
    j = i + 1
    if j < n and text[j] == "#":
        j += 1
        digits_ok = _DEC
        base = 10
        if j < n and text[j] in "xX":
            j += 1
            digits_ok = _HEX
            base = 16
        start = j
        while j < n and text[j] in digits_ok:
            j += 1
        if j == start or j - i >= 10:
            return None
        code = int(text[start:j], base)
        if code == 0 or code >= 0x10FFFF:
            return None
        if 0xD800 <= code <= 0xDFFF:
            raise HtmlParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, check for "
                "unmatched surrogate code units"
            )
        char = chr(code)
    else:
        start = j
        while j < n and text[j].isascii() and text[j].isalpha():
            j += 1
        char = _NAMED_ENTITIES.get(text[start:j])
        if char is None:
            return None
    if j < n and text[j] == ";":
        j += 1
    return char, j


def parse_html(text: str, *, strict_entities: bool = True) -> tuple[str, list[tuple]]:
    """Parse Telegram HTML into ``(plain_text, entities)``.

    Entities are ``(type, offset, length, argument)`` tuples in code points (used to decide
    whether an edit changes anything). Raises :class:`HtmlParseError` with TDLib's messages.
    With ``strict_entities`` a ``&`` that does not start a valid entity is an error.
    """
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, int, dict[str, str], int]] = []
    entities: list[tuple] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded is None:
                if strict_entities:
                    raise HtmlParseError(
                        f"Character '&' at byte offset {_byte_offset(text, i)} does not start an "
                        "HTML entity; it must be escaped as &amp;"
                    )
                out.append("&")
                pos += 1
                i += 1
                continue
            out.append(decoded[0])
            pos += 1
            i = decoded[1]
            continue
        if c != "<":
            out.append(c)
            pos += 1
            i += 1
            continue

        begin = i
        i += 1
        if i < n and text[i] == "/":  # end tag
            if not stack:
                raise HtmlParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            i += 1
            name_start = i
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            end_name = text[name_start:i].lower()
            while i < n and text[i].isspace():
                i += 1
            if i >= n or text[i] != ">":
                raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            i += 1
            tag, start, attrs, _ = stack.pop()
            if end_name and end_name != tag:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, expected "
                    f'"</{tag}>", found "</{end_name}>"'
                )
            if pos > start:
                kind = _HTML_TAGS[tag]
                argument = ""
                if tag == "a":
                    argument = attrs.get("href", "")
                elif tag == "tg-emoji":
                    argument = attrs.get("emoji-id", "")
                elif tag in ("code", "pre"):
                    argument = attrs.get("class", "")
                elif tag == "blockquote" and "expandable" in attrs:
                    kind = "expandable_blockquote"
                entities.append((kind, start, pos - start, argument))
            continue

        name_start = i
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[name_start:i].lower()
        if tag not in _HTML_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        attrs: dict[str, str] = {}
        while True:
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            if text[i] == ">":
                i += 1
                break
            attr_start = i
            while i < n and not text[i].isspace() and text[i] not in "=>":
                i += 1
            attr = text[attr_start:i].lower()
            if not attr:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{_byte_offset(text, begin)}"
                )
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            if text[i] != "=":
                attrs[attr] = ""  # attribute without a value, e.g. <blockquote expandable>
                continue
            i += 1
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            if text[i] not in "\"'":
                token_start = i
                while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                    i += 1
                if i >= n or (not text[i].isspace() and text[i] != ">"):
                    raise HtmlParseError(
                        f"Unexpected end of name token at byte offset "
                        f"{_byte_offset(text, token_start)}"
                    )
                value = text[token_start:i].lower()
            else:
                quote = text[i]
                i += 1
                chars: list[str] = []
                while i < n and text[i] != quote:
                    if text[i] == "&":
                        decoded = _decode_entity(text, i)
                        if decoded is not None:
                            chars.append(decoded[0])
                            i = decoded[1]
                            continue
                    chars.append(text[i])
                    i += 1
                if i >= n:
                    raise HtmlParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                    )
                i += 1
                value = "".join(chars)
            attrs[attr] = value
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        if tag == "tg-emoji" and not re.fullmatch(r"\d+", attrs.get("emoji-id", "")):
            raise HtmlParseError("Custom emoji entity must contain a valid emoji-id")
        stack.append((tag, pos, attrs, begin))

    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), entities


# --------------------------------------------------------------------------------------------
# Request decoding


def _coerce(name: str, value: Any) -> Any:
    """Turn a form string into the value Telegram would read from it."""
    if not isinstance(value, str):
        return value
    if name in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            if name == "reply_markup":
                raise _bad("can't parse reply keyboard markup JSON object") from None
            raise _bad(f"can't parse {name} JSON object") from None
    if name in _INT_PARAMS:
        if re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        if name in ("timeout", "cache_time"):
            try:
                return float(value)
            except ValueError:
                pass
        return value
    if name in _BOOL_PARAMS:
        lowered = value.strip().lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0", ""):
            return False
    return value


_CTL_ESCAPES = {f"%{c:02X}": chr(c) for c in range(0x20) if c != 0x1B}
_CTL_ESCAPES["%22"] = '"'


def _header_param(header: str, key: str) -> str | None:
    match = re.search(
        r'(?:^|;)\s*' + re.escape(key) + r'\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))', header, re.I
    )
    if not match:
        return None
    if match.group(1) is None:
        return match.group(2).strip()
    value = re.sub(r"%[0-9A-Fa-f]{2}", lambda m: _CTL_ESCAPES.get(m.group(0).upper(), m.group(0)),
                   match.group(1))
    return re.sub(r"\\(.)", r"\1", value)


def _parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, str], dict[str, dict]]:
    match = re.search(r'boundary=(?:"([^"]+)"|([^;\s]+))', content_type)
    if not match:
        raise _bad("multipart/form-data without boundary")
    boundary = (match.group(1) or match.group(2)).encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, dict] = {}
    for part in body.split(b"--" + boundary)[1:]:
        if part.startswith(b"--"):
            break
        if part.startswith(b"\r\n"):
            part = part[2:]
        if part.endswith(b"\r\n"):
            part = part[:-2]
        head, sep, content = part.partition(b"\r\n\r\n")
        if not sep:
            continue
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = _header_param(disposition, "name")
        if name is None:
            continue
        filename = _header_param(disposition, "filename")
        extended = _header_param(disposition, "filename*")
        if extended and "''" in extended:
            charset, _, quoted = extended.partition("''")
            filename = urllib.parse.unquote(quoted, encoding=charset or "utf-8")
        if filename is not None:
            files[name] = {
                "file_name": filename,
                "mime_type": headers.get("content-type", "application/octet-stream"),
                "content": content,
            }
        else:
            fields[name] = content.decode("utf-8", "replace")
    return fields, files


def _read_chunked(rfile) -> bytes:
    chunks = []
    while True:
        size_line = rfile.readline().split(b";")[0].strip()
        size = int(size_line or b"0", 16)
        if size == 0:
            while rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(chunks)
        chunks.append(rfile.read(size))
        rfile.readline()


# --------------------------------------------------------------------------------------------
# HTTP plumbing


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TelegramBotApiEmulator/1.0"
    timeout = 120  # idle keep-alive connections are dropped after this

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def setup(self) -> None:
        super().setup()
        self.server.emulator._track(self.connection, True)  # type: ignore[attr-defined]

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.emulator._track(self.connection, False)  # type: ignore[attr-defined]

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._dispatch()

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        self._dispatch()

    def _dispatch(self) -> None:
        emulator: BotApiEmulator = self.server.emulator  # type: ignore[attr-defined]
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            body = _read_chunked(self.rfile)
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
        status, content_type, data = emulator._handle_http(
            self.command, self.path, self.headers.get("Content-Type") or "", body
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    emulator: BotApiEmulator

    def handle_error(self, request, client_address) -> None:  # quiet on client disconnects
        pass


# --------------------------------------------------------------------------------------------
# The emulator


class BotApiEmulator:
    """In-process fake of api.telegram.org for one bot token. See the module docstring."""

    def __init__(
        self,
        token: str = "123456:TEST-token",
        *,
        bot_username: str = "commissioning_test_bot",
        bot_first_name: str = "Commissioning Assistant",
        port: int = 0,
        strict_chats: bool = True,
        strict_html_entities: bool = True,
    ):
        match = re.fullmatch(r"(\d+):[\w-]+", token)
        if not match:
            raise ValueError(f"not a bot token: {token!r}")
        self.token = token
        self.bot_id = int(match.group(1))
        self.bot_user = {
            "id": self.bot_id, "is_bot": True, "first_name": bot_first_name,
            "username": bot_username,
        }
        self.strict_chats = strict_chats
        self.strict_html_entities = strict_html_entities
        self._requested_port = port
        self.port: int | None = None

        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._stopping = False

        # Updates.
        self._update_ids = itertools.count(10_000)
        self._queue: list[dict] = []
        self._delivered: set[int] = set()
        self._last_update_id = 0
        self._allowed_updates: list[str] = []
        self._poll_generation = 0
        # Webhook.
        self._webhook: dict | None = None
        # Chats, users, messages.
        self._users: dict[int, dict] = {}
        self._chats: dict[int, dict] = {}
        self._blocked: set[int] = set()
        self._messages: dict[int, dict[int, dict]] = {}
        self._signatures: dict[tuple[int, int], tuple] = {}
        self._deleted: set[tuple[int, int]] = set()
        self._next_message_id: dict[int, int] = {}
        # Callback queries.
        self._callback_ids = itertools.count(4_211_000_000_000_000_001)
        self._callbacks: dict[str, dict] = {}
        self._answered_callbacks: list[dict] = []
        # Files.
        self._file_counter = itertools.count(1)
        self._files: dict[str, dict] = {}
        self._files_by_path: dict[str, dict] = {}
        # Commands, descriptions.
        self._commands: dict[tuple, list[dict]] = {}
        self._descriptions: dict[tuple[str, str], str] = {}
        # Calls and injected failures.
        self._calls: list[dict] = []
        self._seq = itertools.count(1)
        self._consumed: set[int] = set()
        self._failures: dict[str, list[dict]] = {}

        self._methods: dict[str, tuple[str, Callable[[dict, dict], Any]]] = {}
        for name, handler in (
            ("getMe", self._m_get_me),
            ("getUpdates", self._m_get_updates),
            ("deleteWebhook", self._m_delete_webhook),
            ("setWebhook", self._m_set_webhook),
            ("getWebhookInfo", self._m_get_webhook_info),
            ("sendMessage", self._m_send_message),
            ("editMessageText", self._m_edit_message_text),
            ("editMessageCaption", self._m_edit_message_caption),
            ("editMessageReplyMarkup", self._m_edit_message_reply_markup),
            ("deleteMessage", self._m_delete_message),
            ("answerCallbackQuery", self._m_answer_callback_query),
            ("sendDocument", self._m_send_document),
            ("sendChatAction", self._m_send_chat_action),
            ("getFile", self._m_get_file),
            ("getChat", self._m_get_chat),
            ("setMyCommands", self._m_set_my_commands),
            ("getMyCommands", self._m_get_my_commands),
            ("deleteMyCommands", self._m_delete_my_commands),
            ("setMyDescription", self._m_set_my_description),
            ("getMyDescription", self._m_get_my_description),
            ("setMyShortDescription", self._m_set_my_short_description),
            ("getMyShortDescription", self._m_get_my_short_description),
            ("close", self._m_true),
            ("logOut", self._m_true),
        ):
            self._methods[name.lower()] = (name, handler)

    # ---------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        """Pass as ``base_url``; python-telegram-bot appends the token and ``/method``."""
        return f"http://127.0.0.1:{self._require_port()}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self._require_port()}/file/bot"

    def _require_port(self) -> int:
        if self.port is None:
            raise RuntimeError("BotApiEmulator is not started")
        return self.port

    def start(self) -> BotApiEmulator:
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", self._requested_port), _Handler)
        server.emulator = self
        self._server = server
        self.port = server.server_address[1]
        with self._cond:
            self._stopping = False
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"telegram-emulator-{self.port}", daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server = self._server
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()  # long polls return at once
        server.shutdown()
        with self._cond:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> BotApiEmulator:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._cond:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    # ---------------------------------------------------------------- scripting: users

    def add_chat(
        self,
        chat_id: int,
        *,
        chat_type: str = "private",
        first_name: str = "Test",
        username: str | None = None,
        title: str | None = None,
    ) -> dict:
        """Make a chat known (as if the user had started the bot) without sending an update."""
        with self._cond:
            if chat_type == "private":
                self._ensure_user(chat_id, first_name=first_name, username=username)
            return copy.deepcopy(self._ensure_chat(chat_id, chat_type, first_name=first_name,
                                                   username=username, title=title))

    def block_user(self, user_id: int) -> None:
        """From now on sends to this private chat fail with 403 "bot was blocked by the user"."""
        with self._cond:
            self._blocked.add(user_id)

    def unblock_user(self, user_id: int) -> None:
        with self._cond:
            self._blocked.discard(user_id)

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Test",
        username: str | None = None,
        reply_to_message_id: int | None = None,
        chat_title: str | None = None,
        language_code: str | None = "en",
    ) -> int:
        """Enqueue a text message from a user; returns the update_id.

        A leading ``/command`` (optionally ``@botname``) gets a ``bot_command`` entity.
        """
        with self._cond:
            self._blocked.discard(user_id)  # a user who writes has (re)started the bot
            user = self._ensure_user(user_id, first_name=first_name, username=username,
                                     language_code=language_code)
            chat = self._chat_for(user_id, chat_id, chat_type, first_name, username, chat_title)
            message: dict[str, Any] = {
                "message_id": self._new_message_id(chat["id"]),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(chat),
                "date": int(time.time()),
                "text": text,
            }
            command = re.match(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?", text)
            if command:
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command.group(0))}
                ]
            if reply_to_message_id is not None:
                replied = self._messages.get(chat["id"], {}).get(reply_to_message_id)
                if replied is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat['id']}")
                message["reply_to_message"] = self._without_reply(replied)
            self._store_message(message, by_bot=False)
            return self._enqueue({"message": message})

    def send_user_document(
        self,
        user_id: int,
        content: bytes,
        file_name: str,
        *,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Test",
        username: str | None = None,
    ) -> int:
        """Enqueue a message carrying a document the bot can fetch with getFile."""
        with self._cond:
            document = self._register_file(content, file_name, mime_type)
            user = self._ensure_user(user_id, first_name=first_name, username=username)
            chat = self._chat_for(user_id, chat_id, chat_type, first_name, username, None)
            message = {
                "message_id": self._new_message_id(chat["id"]),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(chat),
                "date": int(time.time()),
                "document": document,
            }
            if caption:
                message["caption"] = caption
            self._store_message(message, by_bot=False)
            return self._enqueue({"message": message})

    def register_file(
        self, content: bytes, file_name: str = "file.bin",
        mime_type: str = "application/octet-stream",
    ) -> dict:
        """Store a file (served by getFile + base_file_url); returns its Document object."""
        with self._cond:
            return self._register_file(content, file_name, mime_type)

    def send_callback(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        first_name: str = "Test",
        username: str | None = None,
        check_button: bool = True,
    ) -> str:
        """Enqueue a button press on a stored message; returns the callback query id.

        With ``check_button`` the message must currently show a button with that callback_data
        (a real client cannot press anything else).
        """
        with self._cond:
            chat_id = user_id if chat_id is None else chat_id
            message = self._messages.get(chat_id, {}).get(message_id)
            if message is None or (chat_id, message_id) in self._deleted:
                raise ValueError(f"no message {message_id} in chat {chat_id}")
            if check_button:
                buttons = [
                    button.get("callback_data")
                    for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                    for button in row
                ]
                if data not in buttons:
                    raise ValueError(
                        f"message {message_id} in chat {chat_id} has no button with callback_data "
                        f"{data!r}; it shows {buttons!r}"
                    )
            user = self._ensure_user(user_id, first_name=first_name, username=username)
            query_id = str(next(self._callback_ids))
            query = {
                "id": query_id,
                "from": copy.deepcopy(user),
                "message": copy.deepcopy(message),
                "chat_instance": str(abs(hash((self.bot_id, chat_id))) % 10**18),
                "data": data,
            }
            self._callbacks[query_id] = {"answered": False, "chat_id": chat_id,
                                         "message_id": message_id, "data": data}
            self._enqueue({"callback_query": query})
            return query_id

    def send_update(self, raw: dict) -> int:
        """Enqueue any update. Missing ``update_id``, ``message_id``, ``date`` and ``chat`` (the
        sender's private chat) are filled in; ``"from"``/``"chat"`` may be given as a bare id of a
        known user/chat. Messages are stored so the bot can reply to or edit around them."""
        update = copy.deepcopy(raw)
        with self._cond:
            for key in _MESSAGE_UPDATE_KEYS:
                if key in update:
                    self._complete_message(update[key], edited=key.startswith("edited"))
            query = update.get("callback_query")
            if isinstance(query, dict):
                query.setdefault("id", str(next(self._callback_ids)))
                query.setdefault("chat_instance", "1")
                if isinstance(query.get("from"), int):
                    query["from"] = copy.deepcopy(self._users[query["from"]])
                message = query.get("message") or {}
                self._callbacks[query["id"]] = {
                    "answered": False, "chat_id": (message.get("chat") or {}).get("id"),
                    "message_id": message.get("message_id"), "data": query.get("data"),
                }
            if "update_id" in update:
                self._last_update_id = max(self._last_update_id, int(update["update_id"]))
                self._queue.append(update)
                self._cond.notify_all()
                return int(update["update_id"])
            return self._enqueue(update)

    # ---------------------------------------------------------------- scripting: inspection

    def mark(self) -> int:
        """A cursor: ``wait_for(..., after=cursor)`` / ``calls(after=cursor)`` see later calls."""
        with self._cond:
            return self._calls[-1]["seq"] if self._calls else 0

    def calls(
        self,
        method: str | None = None,
        chat_id: int | str | None = None,
        *,
        after: int | None = None,
        include_failed: bool = True,
    ) -> list[dict]:
        """Recorded bot calls, oldest first. ``method=None`` means all but getUpdates."""
        with self._cond:
            return [
                call for call in self._calls
                if self._call_matches(call, method, chat_id, after, include_failed)
            ]

    def wait_for(
        self,
        predicate: Callable[[dict], bool] | str | None = None,
        *,
        method: str | None = "sendMessage",
        chat_id: int | str | None = None,
        timeout: float = 10.0,
        after: int | None = None,
        include_failed: bool = False,
        consume: bool = True,
    ) -> dict:
        """Block until a matching call arrives and return its record.

        Returns the oldest matching call not yet returned by an earlier ``wait_for`` (so calls
        that arrived before this wait count, and each call is returned once), later than
        ``after`` if given. ``predicate`` is a callable taking the record, or a string that must
        occur in the sent text (raw or after HTML parsing). Refused calls only match with
        ``include_failed=True``. Raises AssertionError listing the calls seen on timeout.
        """
        if isinstance(predicate, str):
            needle = predicate

            def predicate(call: dict) -> bool:
                return needle in (call.get("text") or "") or needle in (call.get("plain") or "")

            predicate.__qualname__ = f"contains {needle!r}"
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self._calls:
                    if call["seq"] in self._consumed:
                        continue
                    if not self._call_matches(call, method, chat_id, after, include_failed):
                        continue
                    if predicate is not None and not predicate(call):
                        continue
                    if consume:
                        self._consumed.add(call["seq"])
                    return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            seen = [c for c in self._calls if c["method"] != "getUpdates"
                    and (after is None or c["seq"] > after)]
        what = method or "any call"
        if chat_id is not None:
            what += f" to chat {chat_id}"
        if predicate is not None:
            what += f" matching {getattr(predicate, '__qualname__', predicate)!r}"
        lines = [self._describe(c) for c in seen[-40:]] or ["(none)"]
        raise AssertionError(
            f"timed out after {timeout}s waiting for {what}"
            f"{'' if after is None else f' after #{after}'}; calls seen:\n  " + "\n  ".join(lines)
        )

    def messages(self, chat_id: int, *, include_user: bool = False) -> list[dict]:
        """Current state (after edits, without deleted ones) of the bot's messages in a chat."""
        with self._cond:
            result = []
            for message_id, message in sorted(self._messages.get(chat_id, {}).items()):
                if (chat_id, message_id) in self._deleted:
                    continue
                if not include_user and not self._is_bot_message(message):
                    continue
                result.append(copy.deepcopy(message))
            return result

    def message(self, chat_id: int, message_id: int) -> dict | None:
        with self._cond:
            message = self._messages.get(chat_id, {}).get(message_id)
            return copy.deepcopy(message) if message is not None else None

    @property
    def answered_callbacks(self) -> list[dict]:
        """Params of every successful answerCallbackQuery, oldest first."""
        with self._cond:
            return copy.deepcopy(self._answered_callbacks)

    def commands(
        self,
        scope_type: str | None = None,
        chat_id: int | None = None,
        *,
        user_id: int | None = None,
        language_code: str = "",
    ) -> list[dict]:
        """Commands stored by setMyCommands for one scope (default scope when None)."""
        with self._cond:
            key = (scope_type or "default", chat_id, user_id, language_code or "")
            return copy.deepcopy(self._commands.get(key, []))

    @property
    def all_commands(self) -> dict[tuple, list[dict]]:
        """{(scope_type, chat_id, user_id, language_code): commands} for every stored scope."""
        with self._cond:
            return copy.deepcopy(self._commands)

    @property
    def webhook(self) -> dict | None:
        """Params of the active setWebhook, or None."""
        with self._cond:
            return copy.deepcopy(self._webhook)

    @property
    def pending_updates(self) -> list[dict]:
        """Updates not yet confirmed by the bot (delivered or not)."""
        with self._cond:
            return copy.deepcopy(self._queue)

    def wait_delivered(self, update_id: int | None = None, *, timeout: float = 10.0) -> None:
        """Block until getUpdates has handed out the update (default: the latest one)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            target = self._last_update_id if update_id is None else update_id
            while target not in self._delivered:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"update {target} was not fetched within {timeout}s")
                self._cond.wait(remaining)

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail before any processing.

        429 answers carry ``parameters.retry_after``; other statuses get a stock description
        (500 "Internal Server Error", 502 "Bad Gateway", ...). ``delay`` seconds pass before the
        answer. Failed calls are recorded with ``ok=False, injected=True`` and change nothing.
        """
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after}",
                400: "Bad Request: injected failure",
                401: "Unauthorized",
                403: "Forbidden: injected failure",
                404: "Not Found",
                409: "Conflict: injected failure",
                500: "Internal Server Error",
                502: "Bad Gateway",
                503: "Service Unavailable",
                504: "Gateway Timeout",
            }.get(status, f"Error {status}")
        parameters = {"retry_after": retry_after} if status == 429 else None
        key = self._canonical(method)
        with self._cond:
            self._failures.setdefault(key, []).extend(
                {"status": status, "description": description, "parameters": parameters,
                 "delay": delay}
                for _ in range(times)
            )

    # ---------------------------------------------------------------- internals: state

    def _canonical(self, method: str) -> str:
        entry = self._methods.get(method.lower())
        return entry[0] if entry else method

    def _call_matches(self, call: dict, method: str | None, chat_id: Any, after: int | None,
                      include_failed: bool) -> bool:
        if method is None:
            if call["method"] == "getUpdates":
                return False
        elif call["method"].lower() != method.lower():
            return False
        if chat_id is not None and call.get("chat_id") != chat_id:
            return False
        if after is not None and call["seq"] <= after:
            return False
        return include_failed or call["ok"]

    @staticmethod
    def _describe(call: dict) -> str:
        state = "ok" if call["ok"] else (
            f"FAILED {call['status']}{' (injected)' if call.get('injected') else ''}: "
            f"{call['description']}"
        )
        text = call.get("plain") or call.get("text")
        if text is None and call["method"] == "answerCallbackQuery":
            text = call["params"].get("text")
        shown = "" if text is None else f" {text[:80]!r}{'...' if len(text) > 80 else ''}"
        target = "" if call.get("chat_id") is None else f" chat={call['chat_id']}"
        extra = ""
        if call["method"].startswith("edit") and "message_id" in call["params"]:
            extra = f" message_id={call['params']['message_id']}"
        if call.get("file_name"):
            extra += f" file={call['file_name']!r}"
        return f"#{call['seq']} {call['method']}{target}{extra} {state}{shown}"

    def _enqueue(self, update: dict) -> int:
        update_id = next(self._update_ids)
        while update_id <= self._last_update_id:
            update_id = next(self._update_ids)
        self._last_update_id = update_id
        update = {"update_id": update_id, **update}
        self._queue.append(update)
        self._cond.notify_all()
        return update_id

    def _ensure_user(self, user_id: int, *, first_name: str = "Test", username: str | None = None,
                     language_code: str | None = None) -> dict:
        user = self._users.get(user_id) or {"id": user_id, "is_bot": False}
        user["first_name"] = first_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[user_id] = user
        return user

    def _ensure_chat(self, chat_id: int, chat_type: str, *, first_name: str = "Test",
                     username: str | None = None, title: str | None = None) -> dict:
        chat = self._chats.get(chat_id) or {"id": chat_id, "type": chat_type}
        chat["type"] = chat_type
        if chat_type == "private":
            chat["first_name"] = first_name
            if username:
                chat["username"] = username
        else:
            chat["title"] = title or chat.get("title") or "Test group"
            if username:
                chat["username"] = username
        self._chats[chat_id] = chat
        return chat

    def _chat_for(self, user_id: int, chat_id: int | None, chat_type: str, first_name: str,
                  username: str | None, title: str | None) -> dict:
        if chat_type == "private":
            if chat_id is not None and chat_id != user_id:
                raise ValueError("a private chat's id is the user's id")
            return self._ensure_chat(user_id, "private", first_name=first_name, username=username)
        if chat_id is None:
            raise ValueError(f"chat_id is required for a {chat_type} chat")
        return self._ensure_chat(chat_id, chat_type, title=title)

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _store_message(self, message: dict, *, by_bot: bool, signature: tuple | None = None
                       ) -> None:
        chat_id = message["chat"]["id"]
        self._messages.setdefault(chat_id, {})[message["message_id"]] = message
        self._next_message_id[chat_id] = max(self._next_message_id.get(chat_id, 1),
                                             message["message_id"] + 1)
        if signature is not None:
            self._signatures[(chat_id, message["message_id"])] = signature

    def _is_bot_message(self, message: dict) -> bool:
        return (message.get("from") or {}).get("id") == self.bot_id

    @staticmethod
    def _without_reply(message: dict) -> dict:
        replied = copy.deepcopy(message)
        replied.pop("reply_to_message", None)
        return replied

    def _complete_message(self, message: dict, *, edited: bool) -> None:
        sender = message.get("from")
        if isinstance(sender, int):
            if sender not in self._users:
                raise ValueError(f"unknown user {sender}; pass a User object")
            message["from"] = copy.deepcopy(self._users[sender])
        elif isinstance(sender, dict):
            sender.setdefault("is_bot", False)
            sender.setdefault("first_name", "Test")
            self._users.setdefault(sender["id"], copy.deepcopy(sender))
        chat = message.get("chat")
        if isinstance(chat, int):
            if chat not in self._chats:
                raise ValueError(f"unknown chat {chat}; pass a Chat object")
            message["chat"] = copy.deepcopy(self._chats[chat])
        elif chat is None:
            if not isinstance(message.get("from"), dict):
                raise ValueError("a message needs a chat or a sender")
            user = message["from"]
            message["chat"] = copy.deepcopy(self._ensure_chat(
                user["id"], "private", first_name=user.get("first_name", "Test"),
                username=user.get("username")))
        else:
            self._chats.setdefault(chat["id"], copy.deepcopy(chat))
        chat_id = message["chat"]["id"]
        message.setdefault("date", int(time.time()))
        if edited:
            if "message_id" not in message:
                raise ValueError("an edited message needs the message_id it edits")
            message.setdefault("edit_date", int(time.time()))
        elif "message_id" not in message:
            message["message_id"] = self._new_message_id(chat_id)
        self._store_message(copy.deepcopy(message), by_bot=False)

    def _register_file(self, content: bytes, file_name: str, mime_type: str) -> dict:
        number = next(self._file_counter)
        file_id = f"BQACAgIAAxkBAAI{number:06d}emu"
        suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        entry = {
            "file_id": file_id,
            "file_unique_id": f"AgAD{number:06d}",
            "file_size": len(content),
            "file_path": f"documents/file_{number}.{suffix}",
            "file_name": file_name,
            "mime_type": mime_type,
            "content": bytes(content),
        }
        self._files[file_id] = entry
        self._files_by_path[entry["file_path"]] = entry
        return {key: entry[key] for key in
                ("file_name", "mime_type", "file_id", "file_unique_id", "file_size")}

    # ---------------------------------------------------------------- internals: HTTP

    def _handle_http(self, http_method: str, raw_path: str, content_type: str, body: bytes
                     ) -> tuple[int, str, bytes]:
        split = urllib.parse.urlsplit(raw_path)
        path = urllib.parse.unquote(split.path)
        if path.startswith("/file/bot"):
            token, _, file_path = path[len("/file/bot"):].partition("/")
            if token != self.token:
                return self._json(401, ApiError(401, "Unauthorized").payload())
            with self._cond:
                entry = self._files_by_path.get(file_path)
            if entry is None:
                return self._json(404, ApiError(404, "Not Found").payload())
            return 200, entry["mime_type"], entry["content"]
        if not path.startswith("/bot"):
            return self._json(404, ApiError(404, "Not Found").payload())
        token, _, method = path[len("/bot"):].partition("/")
        if token != self.token:
            return self._json(401, ApiError(401, "Unauthorized").payload())
        if not method or "/" in method:
            return self._json(404, ApiError(404, "Not Found").payload())

        files: dict[str, dict] = {}
        raw: dict[str, Any] = {}
        try:
            query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
            raw = {key: values[-1] for key, values in query.items()}
            media_type = content_type.split(";")[0].strip().lower()
            if media_type == "application/json" and body.strip():
                try:
                    decoded = json.loads(body)
                except ValueError:
                    raise _bad("can't parse JSON object") from None
                if not isinstance(decoded, dict):
                    raise _bad("JSON object expected")
                raw.update(decoded)
            elif media_type == "multipart/form-data":
                fields, files = _parse_multipart(body, content_type)
                raw.update(fields)
            elif body:
                raw.update({
                    key: values[-1]
                    for key, values in urllib.parse.parse_qs(
                        body.decode("utf-8", "replace"), keep_blank_values=True).items()
                })
        except ApiError as error:
            with self._cond:
                self._record(self._canonical(method), dict(raw), {}, error=error)
            return self._json(error.status, error.payload())
        params: dict[str, Any] = {}
        first_error: ApiError | None = None
        for key, value in raw.items():
            try:
                params[key] = _coerce(key, value)
            except ApiError as error:  # keep the raw string in the record
                params[key] = value
                first_error = first_error or error
        if first_error is not None:
            with self._cond:
                self._record(self._canonical(method), params, files, error=first_error)
            return self._json(first_error.status, first_error.payload())
        status, payload = self._call(method, params, files)
        return self._json(status, payload)

    @staticmethod
    def _json(status: int, payload: dict) -> tuple[int, str, bytes]:
        return status, "application/json", json.dumps(payload, ensure_ascii=False).encode("utf-8")

    def _call(self, method: str, params: dict, files: dict) -> tuple[int, dict]:
        entry = self._methods.get(method.lower())
        if entry is None:
            error = ApiError(404, "Not Found")
            with self._cond:
                self._record(method, params, files, error=error, unknown=True)
            return error.status, error.payload()
        name, handler = entry
        with self._cond:
            pending = self._failures.get(name)
            failure = pending.pop(0) if pending else None
        if failure is not None:
            if failure["delay"]:
                time.sleep(failure["delay"])
            error = ApiError(failure["status"], failure["description"], failure["parameters"])
            with self._cond:
                self._record(name, params, files, error=error, injected=True)
            return error.status, error.payload()
        with self._cond:
            try:
                result = handler(params, files)
            except ApiError as error:
                self._record(name, params, files, error=error)
                return error.status, error.payload()
            self._record(name, params, files, result=result)
            return 200, {"ok": True, "result": result}

    def _record(self, method: str, params: dict, files: dict, *, result: Any = None,
                error: ApiError | None = None, injected: bool = False, unknown: bool = False
                ) -> None:
        chat_id = params.get("chat_id")
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            chat_id = next((cid for cid, chat in self._chats.items()
                            if chat.get("username") == chat_id[1:]), chat_id)
        text = params.get("text", params.get("caption"))
        record: dict[str, Any] = {
            "seq": next(self._seq),
            "method": method,
            "params": params,
            "chat_id": chat_id,
            "text": text if isinstance(text, str) else None,
            "plain": None,
            "time": time.time(),
            "ok": error is None,
            "status": 200 if error is None else error.status,
            "description": None if error is None else error.description,
            "result": copy.deepcopy(result),
            "injected": injected,
            "unknown_method": unknown,
        }
        if isinstance(text, str):
            record["plain"] = self._plain_or_none(text, params.get("parse_mode"))
        upload = files.get("document")
        if upload is None and isinstance(params.get("document"), str) and \
                params["document"].startswith("attach://"):
            upload = files.get(params["document"][len("attach://"):])
        if upload is not None:
            record["file"] = dict(upload)
            record["file_name"] = upload["file_name"]
            record["file_bytes"] = upload["content"]
        elif files:
            record["file"] = dict(next(iter(files.values())))
        if method == "sendDocument" and upload is None and isinstance(result, dict):
            entry = self._files.get(result.get("document", {}).get("file_id", ""))
            if entry is not None:
                record["file_name"] = entry["file_name"]
                record["file_bytes"] = entry["content"]
        self._calls.append(record)
        self._cond.notify_all()

    def _plain_or_none(self, text: str, parse_mode: Any) -> str | None:
        if isinstance(parse_mode, str) and parse_mode.lower() == "html":
            try:
                return parse_html(text, strict_entities=self.strict_html_entities)[0].strip()
            except HtmlParseError:
                return None
        return text.strip()

    # ---------------------------------------------------------------- internals: validation

    def _formatted(self, text: Any, parse_mode: Any, entities: Any, *, what: str,
                   limit: int, allow_empty: bool) -> tuple[str, tuple]:
        """Validate text/caption; returns (stored plain text, signature for not-modified)."""
        if text is None:
            text = ""
        if not isinstance(text, str):
            text = json.dumps(text)
        if parse_mode in (None, ""):
            plain, parsed = text, []
        elif not isinstance(parse_mode, str):
            raise _bad("unsupported parse_mode")
        elif parse_mode.lower() == "html":
            try:
                plain, parsed = parse_html(text, strict_entities=self.strict_html_entities)
            except HtmlParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        elif parse_mode.lower() in ("markdown", "markdownv2"):
            plain, parsed = text, []  # not parsed: length is checked on the raw text
        else:
            raise _bad("unsupported parse_mode")
        stripped = plain.strip()
        if not stripped and not allow_empty:
            raise _bad(f"{what} text is empty")
        if len(stripped) > limit:
            raise _bad("message is too long" if what == "message"
                       else "message caption is too long")
        lead = len(plain) - len(plain.lstrip())
        signature = (
            stripped,
            tuple(sorted((kind, offset - lead, length, arg)
                         for kind, offset, length, arg in parsed)),
            json.dumps(entities, sort_keys=True) if entities else "",
        )
        return stripped, signature

    @staticmethod
    def _validate_markup(markup: Any) -> dict | None:
        """Validate reply_markup; returns the inline keyboard to echo (None if none)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array '
                           "of Arrays")
            if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
                raise _bad("reply markup is too long")
            for row in rows:
                for button in row:
                    if not isinstance(button, dict):
                        raise _bad("can't parse inline keyboard button: InlineKeyboardButton must "
                                   "be an Object")
                    if not isinstance(button.get("text"), str) or not button["text"].strip():
                        raise _bad("can't parse inline keyboard button: Text must be non-empty")
                    if not any(key in button for key in _INLINE_BUTTON_ACTIONS):
                        raise _bad("can't parse inline keyboard button: Text buttons are "
                                   "unallowed in the inline keyboard")
                    if "callback_data" in button:
                        data = button["callback_data"]
                        if not isinstance(data, str) or not (
                                1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES):
                            raise _bad("BUTTON_DATA_INVALID")
                    if "url" in button:
                        url = button["url"]
                        if not isinstance(url, str) or not re.match(
                                r"^(?:(?:https?|tg|ton)://)?[^\s/:?#]+(?:[./:?#][^\s]*)?$", url
                        ) or ("://" not in url and "." not in url):
                            raise _bad(f"inline keyboard button URL '{url}' is invalid: Wrong "
                                       "HTTP URL")
            return copy.deepcopy(markup) if any(rows) else None
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
            if sum(len(row) for row in rows) > MAX_REPLY_KEYBOARD_BUTTONS:
                raise _bad("reply markup is too long")
            for row in rows:
                for button in row:
                    label = button if isinstance(button, str) else (
                        button.get("text") if isinstance(button, dict) else None)
                    if not isinstance(label, str) or not label.strip():
                        raise _bad("can't parse keyboard button: Text must be non-empty")
            return None
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return None
        raise _bad("can't find field \"inline_keyboard\"")

    def _resolve_chat(self, chat_id: Any, *, for_sending: bool = True) -> dict:
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if isinstance(chat_id, str):
            if chat_id.startswith("@"):
                for chat in self._chats.values():
                    if chat.get("username") == chat_id[1:] and chat["type"] != "private":
                        return chat
            raise _bad("chat not found")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int):
            raise _bad("chat not found")
        chat = self._chats.get(chat_id)
        if chat is None:
            if self.strict_chats:
                raise _bad("chat not found")
            if chat_id > 0:
                chat = self._ensure_chat(chat_id, "private")
            else:
                chat = self._ensure_chat(chat_id, "supergroup")
        if for_sending and chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _target_message(self, params: dict, *, action: str) -> tuple[dict, dict]:
        if params.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")
        chat = self._resolve_chat(params.get("chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        if not isinstance(message_id, int):
            raise _bad("message identifier is not specified")
        message = self._messages.get(chat["id"], {}).get(message_id)
        if message is None or (chat["id"], message_id) in self._deleted:
            raise _bad(f"message to {action} not found")
        if action == "edit" and not self._is_bot_message(message):
            raise _bad("message can't be edited")
        return chat, message

    def _reply_to(self, params: dict, chat: dict) -> dict | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = reply.get("allow_sending_without_reply", False)
            target_chat = reply.get("chat_id", chat["id"])
        elif params.get("reply_to_message_id") is not None:
            message_id = params["reply_to_message_id"]
            allow_missing = params.get("allow_sending_without_reply", False)
            target_chat = chat["id"]
        else:
            return None
        message = self._messages.get(target_chat, {}).get(message_id)
        if message is None or (target_chat, message_id) in self._deleted:
            if allow_missing:
                return None
            raise _bad("message to be replied not found")
        return self._without_reply(message)

    def _new_bot_message(self, chat: dict, params: dict) -> dict:
        message: dict[str, Any] = {
            "message_id": 0,
            "from": copy.deepcopy(self.bot_user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = params["message_thread_id"]
        return message

    # ---------------------------------------------------------------- methods

    def _m_true(self, params: dict, files: dict) -> bool:
        return True

    def _m_get_me(self, params: dict, files: dict) -> dict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _m_get_updates(self, params: dict, files: dict) -> list[dict]:
        offset = params.get("offset")
        limit = params.get("limit", 100)
        timeout = params.get("timeout", 0)
        allowed = params.get("allowed_updates")
        if offset is not None and not isinstance(offset, int):
            raise _bad("wrong parameter offset")
        if not isinstance(limit, int):
            raise _bad("wrong parameter limit")
        if not isinstance(timeout, (int, float)):
            raise _bad("wrong parameter timeout")
        if allowed is not None and not (
                isinstance(allowed, list) and all(isinstance(a, str) for a in allowed)):
            raise _bad("can't parse allowed_updates")
        limit = min(max(limit, 1), 100)
        if self._webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()  # an older long poll now ends with 409
        if allowed is not None:
            self._allowed_updates = list(allowed)
        if offset is not None:
            if offset < 0:
                self._queue = self._queue[offset:]
            else:
                self._queue = [u for u in self._queue if u["update_id"] >= offset]
        deadline = time.monotonic() + max(float(timeout), 0.0)
        while True:
            if self._stopping:
                return []
            if self._poll_generation != generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; make sure "
                                    "that only one bot instance is running")
            wanted = set(self._allowed_updates) or _DEFAULT_UPDATE_TYPES
            kept = []
            for update in self._queue:
                kinds = [key for key in update if key != "update_id"]
                if not kinds or any(kind in wanted for kind in kinds):
                    kept.append(update)
            self._queue = kept  # updates of unwanted types are never delivered
            if self._queue:
                batch = self._queue[:limit]
                self._delivered.update(u["update_id"] for u in batch)
                self._cond.notify_all()
                return copy.deepcopy(batch)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            self._cond.wait(remaining)

    def _m_delete_webhook(self, params: dict, files: dict) -> bool:
        self._webhook = None
        if params.get("drop_pending_updates"):
            self._queue = []
        return True

    def _m_set_webhook(self, params: dict, files: dict) -> bool:
        url = params.get("url", "")
        if not url:
            self._webhook = None
        else:
            if not isinstance(url, str) or not url.startswith("https://"):
                raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
            self._webhook = {k: v for k, v in params.items()}
            if params.get("allowed_updates") is not None:
                self._allowed_updates = list(params["allowed_updates"])
        if params.get("drop_pending_updates"):
            self._queue = []
        return True

    def _m_get_webhook_info(self, params: dict, files: dict) -> dict:
        info: dict[str, Any] = {
            "url": self._webhook["url"] if self._webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if self._webhook:
            if self._webhook.get("max_connections"):
                info["max_connections"] = self._webhook["max_connections"]
            info["ip_address"] = "127.0.0.1"
        if self._allowed_updates:
            info["allowed_updates"] = list(self._allowed_updates)
        return info

    def _m_send_message(self, params: dict, files: dict) -> dict:
        chat = self._resolve_chat(params.get("chat_id"))
        text, signature = self._formatted(
            params.get("text"), params.get("parse_mode"), params.get("entities"),
            what="message", limit=MAX_MESSAGE_LENGTH, allow_empty=False)
        markup = self._validate_markup(params.get("reply_markup"))
        replied = self._reply_to(params, chat)
        message = self._new_bot_message(chat, params)
        message["message_id"] = self._new_message_id(chat["id"])
        if replied is not None:
            message["reply_to_message"] = replied
        message["text"] = text
        if markup is not None:
            message["reply_markup"] = markup
        self._store_message(message, by_bot=True, signature=signature + (json.dumps(markup),))
        return copy.deepcopy(message)

    def _m_send_document(self, params: dict, files: dict) -> dict:
        chat = self._resolve_chat(params.get("chat_id"))
        caption, signature = self._formatted(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            what="caption", limit=MAX_CAPTION_LENGTH, allow_empty=True)
        markup = self._validate_markup(params.get("reply_markup"))
        replied = self._reply_to(params, chat)
        document_param = params.get("document")
        upload = files.get("document")
        if upload is None and isinstance(document_param, str) and \
                document_param.startswith("attach://"):
            upload = files.get(document_param[len("attach://"):])
            if upload is None:
                raise _bad("file not found in the request")
        if upload is not None:
            if not upload["content"]:
                raise _bad("file must be non-empty")
            if len(upload["content"]) > 50 * 1024 * 1024:
                raise ApiError(413, "Request Entity Too Large")
            document = self._register_file(upload["content"], upload["file_name"],
                                           upload["mime_type"])
        elif isinstance(document_param, str) and document_param in self._files:
            entry = self._files[document_param]
            document = {key: entry[key] for key in
                        ("file_name", "mime_type", "file_id", "file_unique_id", "file_size")}
        elif isinstance(document_param, str) and document_param.startswith(("http://",
                                                                             "https://")):
            name = urllib.parse.urlsplit(document_param).path.rsplit("/", 1)[-1] or "file"
            document = self._register_file(b"", name, "application/octet-stream")
        elif document_param:
            raise _bad("wrong file identifier/HTTP URL specified")
        else:
            raise _bad("there is no document in the request")
        message = self._new_bot_message(chat, params)
        message["message_id"] = self._new_message_id(chat["id"])
        if replied is not None:
            message["reply_to_message"] = replied
        message["document"] = document
        if caption:
            message["caption"] = caption
        if markup is not None:
            message["reply_markup"] = markup
        self._store_message(message, by_bot=True, signature=signature + (json.dumps(markup),))
        return copy.deepcopy(message)

    def _m_edit_message_text(self, params: dict, files: dict) -> dict:
        chat, message = self._target_message(params, action="edit")
        text, signature = self._formatted(
            params.get("text"), params.get("parse_mode"), params.get("entities"),
            what="message", limit=MAX_MESSAGE_LENGTH, allow_empty=False)
        markup = self._validate_markup(params.get("reply_markup"))
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        key = (chat["id"], message["message_id"])
        signature = signature + (json.dumps(markup),)
        if self._signatures.get(key) == signature:
            raise _bad(NOT_MODIFIED)
        message["text"] = text
        self._set_markup(message, markup)
        message["edit_date"] = int(time.time())
        self._signatures[key] = signature
        return copy.deepcopy(message)

    def _m_edit_message_caption(self, params: dict, files: dict) -> dict:
        chat, message = self._target_message(params, action="edit")
        caption, signature = self._formatted(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            what="caption", limit=MAX_CAPTION_LENGTH, allow_empty=True)
        markup = self._validate_markup(params.get("reply_markup"))
        if "text" in message:
            raise _bad("there is no caption in the message to edit")
        key = (chat["id"], message["message_id"])
        signature = signature + (json.dumps(markup),)
        if self._signatures.get(key) == signature:
            raise _bad(NOT_MODIFIED)
        if caption:
            message["caption"] = caption
        else:
            message.pop("caption", None)
        self._set_markup(message, markup)
        message["edit_date"] = int(time.time())
        self._signatures[key] = signature
        return copy.deepcopy(message)

    def _m_edit_message_reply_markup(self, params: dict, files: dict) -> dict:
        chat, message = self._target_message(params, action="edit")
        markup = self._validate_markup(params.get("reply_markup"))
        if json.dumps(markup) == json.dumps(message.get("reply_markup")):
            raise _bad(NOT_MODIFIED)
        self._set_markup(message, markup)
        message["edit_date"] = int(time.time())
        key = (chat["id"], message["message_id"])
        if key in self._signatures:
            self._signatures[key] = self._signatures[key][:-1] + (json.dumps(markup),)
        return copy.deepcopy(message)

    @staticmethod
    def _set_markup(message: dict, markup: dict | None) -> None:
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup

    def _m_delete_message(self, params: dict, files: dict) -> bool:
        chat, message = self._target_message(params, action="delete")
        self._deleted.add((chat["id"], message["message_id"]))
        return True

    def _m_answer_callback_query(self, params: dict, files: dict) -> bool:
        query_id = params.get("callback_query_id")
        query = self._callbacks.get(str(query_id)) if query_id is not None else None
        if query is None or query["answered"]:
            raise _bad(CALLBACK_QUERY_INVALID)
        text = params.get("text")
        if isinstance(text, str) and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad("MESSAGE_TOO_LONG")
        query["answered"] = True
        self._answered_callbacks.append(copy.deepcopy(params))
        return True

    def _m_send_chat_action(self, params: dict, files: dict) -> bool:
        self._resolve_chat(params.get("chat_id"))
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _m_get_file(self, params: dict, files: dict) -> dict:
        entry = self._files.get(str(params.get("file_id")))
        if entry is None:
            raise _bad("invalid file_id")
        return {key: entry[key] for key in ("file_id", "file_unique_id", "file_size", "file_path")}

    def _m_get_chat(self, params: dict, files: dict) -> dict:
        chat = self._resolve_chat(params.get("chat_id"), for_sending=False)
        return {**copy.deepcopy(chat), "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False,
                                        "unique_gifts": False, "premium_subscription": False}}

    def _command_key(self, params: dict) -> tuple:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _COMMAND_SCOPES:
            raise _bad("unsupported bot command scope type")
        kind = scope["type"]
        chat_id = user_id = None
        if kind in ("chat", "chat_administrators", "chat_member"):
            chat_id = self._resolve_chat(scope.get("chat_id"), for_sending=False)["id"]
        if kind == "chat_member":
            user_id = scope.get("user_id")
            if not isinstance(user_id, int):
                raise _bad("user not found")
        language = params.get("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        return kind, chat_id, user_id, language

    def _m_set_my_commands(self, params: dict, files: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise _bad("too many commands specified")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand")
            name = command.get("command")
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._command_key(params)
        if commands:
            self._commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self._commands.pop(key, None)
        return True

    def _m_get_my_commands(self, params: dict, files: dict) -> list[dict]:
        return copy.deepcopy(self._commands.get(self._command_key(params), []))

    def _m_delete_my_commands(self, params: dict, files: dict) -> bool:
        self._commands.pop(self._command_key(params), None)
        return True

    def _set_description(self, kind: str, params: dict, limit: int) -> bool:
        value = params.get(kind) or ""
        if len(value) > limit:
            raise _bad(f"{kind.replace('_', ' ')} is too long")
        self._descriptions[(kind, params.get("language_code") or "")] = value
        return True

    def _m_set_my_description(self, params: dict, files: dict) -> bool:
        return self._set_description("description", params, 512)

    def _m_get_my_description(self, params: dict, files: dict) -> dict:
        return {"description": self._descriptions.get(
            ("description", params.get("language_code") or ""), "")}

    def _m_set_my_short_description(self, params: dict, files: dict) -> bool:
        return self._set_description("short_description", params, 120)

    def _m_get_my_short_description(self, params: dict, files: dict) -> dict:
        return {"short_description": self._descriptions.get(
            ("short_description", params.get("language_code") or ""), "")}
