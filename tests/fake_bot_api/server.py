"""An in-process fake of the Telegram Bot API served by aiohttp on 127.0.0.1.

Tests point a real ``aiogram.Bot`` at it (``TelegramAPIServer.from_base(fake.url)``) so the
whole stack — aiogram's serialisation, our handlers, error handling — runs unmodified,
while the fake reproduces the Telegram behaviour that bites in production: HTML parsing
errors, length limits, "message is not modified", blocked users, 429 flood control and
long-polling conflicts. Every call is recorded for assertions and benchmarks.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import itertools
import json
import math
import mimetypes
import random
import secrets
import struct
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Self

from aiohttp import web

from .html_entities import HTMLParseError, normalize_url, parse_html, trim_formatted, utf16_len
from .pacing import SlidingLimit, max_in_window
from .users import FakeUser

__all__ = [
    "EDIT_METHODS",
    "SEND_METHODS",
    "Call",
    "FakeBotAPI",
    "SentMessage",
    "TelegramError",
]

JSONDict = dict[str, Any]
Files = dict[str, "Upload"]
Handler = Callable[[JSONDict, Files], Awaitable[Any]]


def _words(text: str) -> frozenset[str]:
    """A set from a whitespace-separated list: keeps the long name lists readable."""
    return frozenset(text.split())


#: Methods that create a new message; ``fail_next(None, ...)`` and rate limits target these.
SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "copyMessage"})
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup", "editMessageCaption"})

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
BLOCKED = "Forbidden: bot was blocked by the user"
DEACTIVATED = "Forbidden: user is deactivated"

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: BLOCKED,
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

# Form-encoded requests carry everything as strings; these tell how to decode them back.
_JSON_FIELDS = _words(
    """
    reply_markup entities caption_entities commands allowed_updates link_preview_options
    reply_parameters scope menu_button media results options explanation_entities
    permissions reaction suggested_post_parameters text_entities question_entities
    """
)
_INT_FIELDS = _words(
    """
    chat_id from_chat_id message_id offset limit timeout reply_to_message_id
    message_thread_id cache_time max_connections user_id direct_messages_topic_id
    until_date
    """
)
_BOOL_FIELDS = _words(
    """
    disable_notification protect_content show_alert disable_web_page_preview
    drop_pending_updates allow_sending_without_reply disable_content_type_detection
    has_spoiler show_caption_above_media allow_paid_broadcast revoke
    """
)
_BUTTON_ACTIONS = _words(
    """
    url callback_data web_app login_url switch_inline_query
    switch_inline_query_current_chat switch_inline_query_chosen_chat copy_text
    callback_game pay
    """
)
_CHAT_ACTIONS = _words(
    """
    typing upload_photo record_video upload_video record_voice upload_voice
    upload_document choose_sticker find_location record_video_note upload_video_note
    """
)
# Update types Telegram leaves out unless they are requested explicitly.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Message fields that belong to the envelope, not the content copyMessage duplicates.
_ENVELOPE = frozenset(
    {"message_id", "from", "chat", "date", "edit_date", "reply_markup", "reply_to_message"}
)
_UPDATE, _CONFLICT, _WEBHOOK, _CLOSED = "update", "conflict", "webhook", "closed"

_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


class TelegramError(Exception):
    """An error answer; raised anywhere inside a method handler to produce it."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSONDict:
        """The response body in Telegram's error shape."""
        body: JSONDict = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(detail: str) -> TelegramError:
    return TelegramError(400, f"Bad Request: {detail}")


def _too_many(retry_after: int) -> TelegramError:
    return TelegramError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


@dataclass(slots=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    data: bytes
    content_type: str


@dataclass(slots=True)
class Call:
    """One request to the fake, kept for assertions (``fake.calls``)."""

    method: str
    params: JSONDict
    files: dict[str, tuple[str, bytes]]
    status: int = 0
    response: JSONDict = field(default_factory=dict)
    at: float = 0.0

    @property
    def description(self) -> str | None:
        """The error description, if the call failed."""
        return self.response.get("description")


class SentMessage(NamedTuple):
    """One successful send (``fake.sent_log``): enough to compute rates and duplicates."""

    at: float
    chat_id: int
    method: str
    message_id: int


@dataclass(slots=True)
class _Fault:
    method: str | None
    status: int
    remaining: int
    retry_after: int | None
    chat_id: int | None
    description: str | None
    delay: float


@dataclass(slots=True)
class _RandomFaults:
    rate: float
    status: int
    retry_after: int
    methods: frozenset[str]
    rng: random.Random


@dataclass(slots=True)
class _Bucket:
    """Token bucket: ``rate`` tokens per second, holding at most ``capacity``."""

    rate: float
    capacity: float
    tokens: float
    stamp: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_time(self) -> float:
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


@dataclass(slots=True)
class _Chat:
    chat: JSONDict
    messages: dict[int, JSONDict] = field(default_factory=dict)  # the bot's, in order
    user_messages: dict[int, JSONDict] = field(default_factory=dict)
    next_id: int = 1
    bucket: _Bucket | None = None

    def take_id(self) -> int:
        message_id = self.next_id
        self.next_id += 1
        return message_id


@dataclass(slots=True)
class _Query:
    user_id: int
    answered: bool = False


def _clean(value: Any) -> Any:
    """Drop None values recursively: JSON clients may send nulls Telegram ignores."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, or a plausible default — only PhotoSize needs them."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return 800, 600


class FakeBotAPI:
    """A fake Telegram Bot API server with inspection, fault injection and simulated users.

    Use ``async with FakeBotAPI() as fake:`` (or ``await fake.start()`` / ``await
    fake.close()``), then create a bot with
    ``AiohttpSession(api=TelegramAPIServer.from_base(fake.url))``.
    """

    def __init__(
        self,
        token: str = "123456789:TEST-fake-token",
        *,
        username: str = "event_desk_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,
        enforce_rate_limits: bool = False,
        chat_rate: float = 1.0,
        chat_burst: int = 3,
        global_rate: float = 30.0,
        global_burst: int = 30,
        hidden_limit: int | None = None,
        strict_html_ampersand: bool = True,
    ) -> None:
        """Configure the fake; nothing listens until ``start()``.

        With ``enforce_rate_limits`` new messages are limited by token buckets like
        Telegram's flood control: ``chat_rate`` per second per chat with a burst of
        ``chat_burst`` (Telegram tolerates short bursts), and ``global_rate`` per second
        overall with a burst of ``global_burst``. Excess sends get 429 + retry_after.

        ``hidden_limit`` (see ``hide_limit``) answers 429 only to sends past that many in
        any sliding second, as Telegram does to a bot whose real limit is below 30/s.
        """
        self.token = token
        self.username = username
        self.host = host
        self.port = port
        self.enforce_rate_limits = enforce_rate_limits
        self.strict_html_ampersand = strict_html_ampersand
        self._chat_rate = chat_rate
        self._chat_burst = chat_burst
        self._global_bucket = _Bucket(global_rate, global_burst, global_burst, time.monotonic())
        bot_id = token.split(":", 1)[0]
        self.bot_id = int(bot_id) if bot_id.isdigit() else 123456789
        self.bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Event Desk",
            "username": username,
        }

        self.calls: list[Call] = []
        self.unexpected: list[Call] = []
        self.sent_log: list[SentMessage] = []
        self.arrivals: list[float] = []
        """``time.monotonic()`` at which each send request reached the fake, 429s included."""
        self.files: dict[str, bytes] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}
        self.webhook: JSONDict | None = None

        self._stats: dict[str, collections.Counter[int]] = {}
        self._sends_per_chat: collections.Counter[int] = collections.Counter()
        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, FakeUser] = {}
        self._blocked: set[int] = set()
        self._deactivated: set[int] = set()
        self._queries: dict[str, _Query] = {}
        self._file_meta: dict[str, JSONDict] = {}
        self._file_paths: dict[str, str] = {}  # download path -> file_id
        self._path_of_file: dict[str, str] = {}
        self._faults: list[_Fault] = []
        self._random_faults: _RandomFaults | None = None
        self._hidden: SlidingLimit | None = None
        self.hide_limit(hidden_limit)

        self._updates: collections.deque[tuple[str, JSONDict]] = collections.deque()
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._poll_waiter: asyncio.Future[str] | None = None
        self._counter = 0

        self._methods: dict[str, tuple[str, Handler]] = {}
        for name, handler in self._method_table().items():
            self._methods[name.lower()] = (name, handler)

        self.app = web.Application(client_max_size=64 * 1024 * 1024)
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner: web.AppRunner | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> Self:
        """Start listening; ``self.url`` is valid afterwards."""
        self._runner = web.AppRunner(
            self.app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        """Release a pending long poll (so shutdown is instant) and stop the server."""
        self._wake_poller(_CLOSED)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def url(self) -> str:
        """Base URL for ``TelegramAPIServer.from_base``."""
        return f"http://{self.host}:{self.port}"

    # ------------------------------------------------------------- public control

    def user(
        self,
        user_id: int,
        *,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
    ) -> FakeUser:
        """Register (or return the already registered) simulated user with a private chat."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        user = FakeUser(
            self,
            user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self._users[user_id] = user
        state = self._chats.get(user_id)
        if state is None:
            self._chats[user_id] = _Chat(user.chat)
        else:
            state.chat = user.chat
        return user

    def push_update(self, update: JSONDict) -> int:
        """Queue a raw update (``update_id`` is assigned) and wake a pending getUpdates."""
        update_id = self._next_update_id
        self._next_update_id += 1
        update = {"update_id": update_id, **{k: v for k, v in update.items() if k != "update_id"}}
        kind = next((k for k in update if k != "update_id"), "")
        payload = update.get(kind)
        if isinstance(payload, dict):
            self._learn_chats(payload)
            if kind == "callback_query" and "id" in payload:
                sender = payload.get("from") or {}
                self._queries[str(payload["id"])] = _Query(int(sender.get("id", 0)))
        self._updates.append((kind, update))
        self._wake_poller(_UPDATE)
        return update_id

    def block(self, user_id: int) -> None:
        """Make every send/edit/copy into this chat fail with 403 "bot was blocked"."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """Undo ``block``."""
        self._blocked.discard(user_id)

    def deactivate(self, user_id: int) -> None:
        """Make sends into this chat fail with 403 "user is deactivated" (deleted account)."""
        self._deactivated.add(user_id)

    def reactivate(self, user_id: int) -> None:
        """Undo ``deactivate``."""
        self._deactivated.discard(user_id)

    def fail_next(
        self,
        method: str | None = None,
        *,
        status: int,
        count: int = 1,
        retry_after: int | None = None,
        chat_id: int | None = None,
        description: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Make the next ``count`` matching calls fail with ``status``.

        ``method=None`` matches any of SEND_METHODS; ``chat_id`` narrows to one chat.
        ``delay`` (seconds) simulates a slow or timed-out Telegram: with an error status the
        call hangs, then fails. With ``status=200`` the call is processed at once and only
        the *response* is late — so a client that times out has still sent the message,
        exactly the situation in which a careless retry produces a duplicate.
        """
        canonical = None if method is None else self._canonical(method)
        self._faults.append(
            _Fault(canonical, status, count, retry_after, chat_id, description, delay)
        )

    def fail_randomly(
        self,
        rate: float,
        *,
        status: int = 429,
        retry_after: int = 1,
        seed: int = 0,
        methods: Iterable[str] = ("sendMessage",),
    ) -> None:
        """Fail a seeded-random fraction ``rate`` of calls to ``methods`` (0 disables)."""
        if rate <= 0:
            self._random_faults = None
            return
        self._random_faults = _RandomFaults(
            rate,
            status,
            retry_after,
            frozenset(self._canonical(m) for m in methods),
            random.Random(seed),
        )

    def hide_limit(self, per_second: int | None) -> None:
        """Answer 429 (retry_after: whole seconds until there is room) to any send past
        ``per_second`` accepted in a sliding second; None lifts it."""
        self._hidden = None if per_second is None else SlidingLimit(per_second)

    def max_arrivals_in(self, window: float = 1.0) -> int:
        """The most send requests that reached the fake within any ``window`` seconds."""
        return max_in_window(self.arrivals, window)

    def clear_faults(self) -> None:
        """Drop all queued and random faults."""
        self._faults.clear()
        self._random_faults = None

    def chat_messages(self, chat_id: int) -> list[JSONDict]:
        """The bot's messages in a chat in their current state (edits applied, deletions gone)."""
        state = self._chats.get(chat_id)
        return [] if state is None else list(state.messages.values())

    def stats(self) -> dict[str, dict[int, int]]:
        """Call counts per method and HTTP status, e.g. ``{"sendMessage": {200: 9, 429: 1}}``."""
        return {method: dict(counter) for method, counter in self._stats.items()}

    def sends_summary(self) -> JSONDict:
        """Totals over ``sent_log`` for benchmarks: count, per-chat counts, time span."""
        log = self.sent_log
        return {
            "total": len(log),
            "chats": len(self._sends_per_chat),
            "per_chat": {str(k): v for k, v in self._sends_per_chat.items()},
            "first_at": log[0].at if log else None,
            "last_at": log[-1].at if log else None,
        }

    def reset_calls(self) -> None:
        """Forget recorded calls, stats and the send log (chats and messages stay)."""
        self.calls.clear()
        self.unexpected.clear()
        self.sent_log.clear()
        self.arrivals.clear()
        self._stats.clear()
        self._sends_per_chat.clear()

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of one method (case-insensitive)."""
        canonical = self._canonical(method)
        return [c for c in self.calls if c.method == canonical]

    # ------------------------------------------------------------ request plumbing

    def _canonical(self, method: str) -> str:
        entry = self._methods.get(method.lower())
        return method if entry is None else entry[0]

    async def _handle(self, request: web.Request) -> web.Response:
        at = time.monotonic()
        raw_method = request.match_info["method"]
        entry = self._methods.get(raw_method.lower())
        method = raw_method if entry is None else entry[0]
        call = Call(method, {}, {}, at=at)
        self.calls.append(call)
        late = 0.0
        try:
            try:
                params, files = await self._read_params(request)
                call.params = params
                call.files = {k: (f.filename, f.data) for k, f in files.items()}
                if request.match_info["token"] != self.token:
                    self.unexpected.append(call)
                    raise TelegramError(401, "Unauthorized")
                if entry is None:
                    self.unexpected.append(call)
                    raise TelegramError(404, "Not Found")
                if method in SEND_METHODS:
                    self.arrivals.append(at)
                if self._faults or self._random_faults is not None:
                    late = await self._inject_fault(method, params)
                if self._hidden is not None and method in SEND_METHODS:
                    self._check_hidden_limit(self._hidden, at)
                if self.enforce_rate_limits and method in SEND_METHODS:
                    self._check_rate_limit(params.get("chat_id"))
                result = await entry[1](params, files)
                body: JSONDict = {"ok": True, "result": result}
                status = 200
            except TelegramError as error:
                body = error.body()
                status = error.status
            call.response = body
            if late > 0:
                await asyncio.sleep(late)
        except asyncio.CancelledError:
            call.status = 499  # the client went away (e.g. its request timeout fired)
            self._count(method, 499)
            raise
        call.status = status
        self._count(method, status)
        return web.Response(text=_dumps(body), status=status, content_type="application/json")

    def _count(self, method: str, status: int) -> None:
        counter = self._stats.get(method)
        if counter is None:
            counter = self._stats[method] = collections.Counter()
        counter[status] += 1

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, Files]:
        """Merge query, JSON, urlencoded and multipart parameters into typed values."""
        params: JSONDict = dict(request.query) if request.query else {}
        files: Files = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                try:
                    data = json.loads(await request.read() or b"{}")
                except ValueError:
                    raise _bad("can't parse JSON encoded request body") from None
                if not isinstance(data, dict):
                    raise _bad("can't parse JSON encoded request body")
                params.update(data)
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = Upload(value.filename, value.file.read(), value.content_type)
                    else:
                        params[key] = value
        for key, value in params.items():
            if isinstance(value, str):
                params[key] = self._decode_field(key, value)
        if files:
            # aiogram sends uploads as `document=attach://<random>` plus a part <random>.
            for key, value in list(params.items()):
                if isinstance(value, str) and value.startswith("attach://"):
                    upload = files.pop(value[9:], None)
                    if upload is not None:
                        files[key] = upload
        return params, files

    @staticmethod
    def _decode_field(key: str, value: str) -> Any:
        if key in _INT_FIELDS:
            try:
                return int(value)
            except ValueError:
                return value
        if key in _JSON_FIELDS:
            try:
                return json.loads(value)
            except ValueError:
                if key == "reply_markup":
                    raise _bad("can't parse reply keyboard markup JSON object") from None
                if key.endswith("entities"):
                    raise _bad("can't parse entities JSON object") from None
                raise _bad(f"can't parse {key} JSON object") from None
        if key in _BOOL_FIELDS:
            return value.lower() in ("true", "1")
        return value

    async def _inject_fault(self, method: str, params: JSONDict) -> float:
        """Raise the first matching queued or random fault; return a response delay."""
        for fault in self._faults:
            if fault.method is None:
                if method not in SEND_METHODS:
                    continue
            elif fault.method != method:
                continue
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._faults.remove(fault)
            if fault.status == 200:
                return fault.delay
            if fault.delay > 0:
                await asyncio.sleep(fault.delay)
            raise self._fault_error(fault.status, fault.retry_after, fault.description)
        chance = self._random_faults
        if chance is not None and method in chance.methods and chance.rng.random() < chance.rate:
            raise self._fault_error(chance.status, chance.retry_after, None)
        return 0.0

    @staticmethod
    def _fault_error(
        status: int, retry_after: int | None, description: str | None
    ) -> TelegramError:
        if status == 429:
            seconds = 1 if retry_after is None else retry_after
            error = _too_many(seconds)
            if description is not None:
                error.description = description
            return error
        text = description or _DEFAULT_DESCRIPTIONS.get(status, "Error")
        return TelegramError(status, text)

    def _check_rate_limit(self, chat_id: Any) -> None:
        now = time.monotonic()
        overall = self._global_bucket
        overall.refill(now)
        wait = overall.wait_time()
        state = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        bucket = None
        if state is not None:
            bucket = state.bucket
            if bucket is None:
                burst = self._chat_burst
                bucket = state.bucket = _Bucket(self._chat_rate, burst, burst, now)
            bucket.refill(now)
            wait = max(wait, bucket.wait_time())
        if wait > 0:
            raise _too_many(max(1, math.ceil(wait)))
        overall.tokens -= 1
        if bucket is not None:
            bucket.tokens -= 1

    @staticmethod
    def _check_hidden_limit(limit: SlidingLimit, at: float) -> None:
        wait = limit.admit(at)
        if wait > 0:
            raise _too_many(max(1, math.ceil(wait)))

    async def _handle_file(self, request: web.Request) -> web.Response:
        """Serve files for ``bot.download`` (paths come from getFile)."""
        if request.match_info["token"] != self.token:
            raise web.HTTPUnauthorized()
        file_id = self._file_paths.get(request.match_info["path"])
        if file_id is None:
            raise web.HTTPNotFound()
        return web.Response(body=self.files[file_id])

    # ------------------------------------------------------------- shared helpers

    def _method_table(self) -> dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "copyMessage": self._copy_message,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "close": self._true,
            "logOut": self._true,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "getChat": self._get_chat,
            "getFile": self._get_file,
            "sendVenue": self._send_venue,
            "answerInlineQuery": self._answer_inline_query,
        }

    def _next_token(self) -> int:
        self._counter += 1
        return self._counter

    def _learn_chats(self, payload: JSONDict) -> None:
        """Remember chats mentioned in an update: Telegram only lets bots write to those."""
        for holder in (payload, payload.get("message")):
            if not isinstance(holder, dict):
                continue
            chat = holder.get("chat")
            if isinstance(chat, dict) and isinstance(chat.get("id"), int):
                if chat["id"] not in self._chats:
                    self._chats[chat["id"]] = _Chat(chat)
                message_id = holder.get("message_id")
                if not isinstance(message_id, int):
                    continue
                state = self._chats[chat["id"]]
                state.next_id = max(state.next_id, message_id + 1)
                sender = holder.get("from")
                if not (isinstance(sender, dict) and sender.get("id") == self.bot_id):
                    state.user_messages[message_id] = holder

    def _wake_poller(self, reason: str) -> None:
        waiter = self._poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(reason)

    def _chat(self, chat_id: Any) -> _Chat:
        """A known chat, or Telegram's "chat not found"."""
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        state = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if state is None:
            raise _bad("chat not found")
        return state

    def _writable_chat(self, chat_id: Any) -> _Chat:
        """A known chat the bot may write to (not blocked, account not deleted)."""
        state = self._chat(chat_id)
        if chat_id in self._deactivated:
            raise TelegramError(403, DEACTIVATED)
        if chat_id in self._blocked:
            raise TelegramError(403, BLOCKED)
        return state

    def _format(
        self, params: JSONDict, key: str, entities_key: str, *, caption: bool
    ) -> tuple[str, list[JSONDict]]:
        """Apply parse_mode/entities and Telegram's trimming and length limits."""
        raw = params.get(key)
        if raw is None or raw == "":
            if caption:
                return "", []
            raise _bad("message text is empty")
        text = raw if isinstance(raw, str) else str(raw)
        parse_mode = params.get("parse_mode")
        entities: list[JSONDict] = []
        mode = parse_mode.strip().lower() if isinstance(parse_mode, str) else ""
        if mode and mode != "none":
            if mode == "html":
                try:
                    text, entities = parse_html(text, strict_ampersand=self.strict_html_ampersand)
                except HTMLParseError as error:
                    raise _bad(f"can't parse entities: {error}") from None
            elif mode not in ("markdown", "markdownv2"):
                raise _bad("unsupported parse_mode")
            # Markdown modes are not parsed: the project uses HTML; text passes through.
        else:
            given = params.get(entities_key)
            if isinstance(given, list):
                entities = [_clean(e) for e in given if isinstance(e, dict)]
        text, entities = trim_formatted(text, entities)
        if not text:
            if caption:
                return "", []
            raise _bad("message text is empty")
        size = utf16_len(text)
        if caption and size > MAX_CAPTION:
            raise _bad("message caption is too long")
        if not caption and size > MAX_TEXT:
            raise _bad("message is too long")
        return text, entities

    def _reply_markup(self, params: JSONDict) -> JSONDict | None:
        """Validate reply_markup; return it if the message will carry it (inline only)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        markup = _clean(markup)
        if "inline_keyboard" in markup:
            return self._inline_keyboard(markup)
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad(
                    'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    if not isinstance(button, str) and not (
                        isinstance(button, dict) and isinstance(button.get("text"), str)
                    ):
                        raise _bad(
                            'can\'t parse keyboard button: Field "text" must be of type String'
                        )
            return None
        if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
            return None
        raise _bad("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _inline_keyboard(markup: JSONDict) -> JSONDict | None:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        prefix = "can't parse inline keyboard button: "
        for row in rows:
            for button in row:
                if not isinstance(button, dict):
                    raise _bad(prefix + "InlineKeyboardButton must be an Object")
                if not isinstance(button.get("text"), str):
                    raise _bad(prefix + 'Field "text" must be of type String')
                if "callback_data" in button:
                    data = button["callback_data"]
                    if not isinstance(data, str):
                        raise _bad(prefix + 'Field "callback_data" must be of type String')
                    if not data or len(data.encode("utf-8")) > MAX_CALLBACK_DATA:
                        raise _bad("BUTTON_DATA_INVALID")
                elif "url" in button:
                    url = button["url"]
                    if not isinstance(url, str) or normalize_url(url) is None:
                        raise _bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
                elif not any(action in button for action in _BUTTON_ACTIONS):
                    raise _bad(prefix + "Text buttons are unallowed in the inline keyboard")
        if not any(rows):
            return None
        return {"inline_keyboard": rows}

    def _reply_to(self, state: _Chat, params: JSONDict) -> JSONDict | None:
        """Resolve reply_parameters / reply_to_message_id into the replied message."""
        reply = params.get("reply_parameters")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
        else:
            message_id = params.get("reply_to_message_id")
        if message_id is None:
            return None
        original = state.messages.get(message_id) or state.user_messages.get(message_id)
        if original is None:
            if allow_missing:
                return None
            raise _bad("message to be replied not found")
        return {k: v for k, v in original.items() if k != "reply_to_message"}

    def _store(self, state: _Chat, method: str, content: JSONDict) -> JSONDict:
        """Create a bot message in a chat, log the send and notify the simulated user."""
        message_id = state.take_id()
        message = {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": state.chat,
            "date": int(time.time()),
            **content,
        }
        state.messages[message_id] = message
        chat_id = state.chat["id"]
        self.sent_log.append(SentMessage(time.monotonic(), chat_id, method, message_id))
        self._sends_per_chat[chat_id] += 1
        user = self._users.get(chat_id)
        if user is not None:
            user._on_bot_event(message)
        return message

    def _replace(
        self, state: _Chat, old: JSONDict, changes: JSONDict, drop: Iterable[str]
    ) -> JSONDict:
        """Store an edited copy (messages are never mutated, so snapshots stay valid)."""
        dropped = set(drop)
        message = {k: v for k, v in old.items() if k not in dropped}
        message.update(changes)
        message["edit_date"] = int(time.time())
        state.messages[old["message_id"]] = message
        user = self._users.get(state.chat["id"])
        if user is not None:
            user._on_bot_event(message)
        return message

    def _message_to_edit(self, params: JSONDict) -> tuple[_Chat, JSONDict] | None:
        if params.get("inline_message_id"):
            return None
        state = self._writable_chat(params.get("chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        message = state.messages.get(message_id)
        if message is None:
            if message_id in state.user_messages:
                raise _bad("message can't be edited")
            raise _bad("message to edit not found")
        return state, message

    def _media(
        self, params: JSONDict, files: Files, key: str, kind: str
    ) -> tuple[str, JSONDict | None]:
        """Resolve an uploaded file, a known file_id or a URL; returns (file_id, upload meta)."""
        upload = files.get(key)
        prefix = "BQACAgIAAxkBAAI" if kind == "document" else "AgACAgIAAxkBAAI"
        if upload is not None:
            number = self._next_token()
            file_id = f"{prefix}{number:06d}{secrets.token_hex(6)}"
            self.files[file_id] = upload.data
            path = f"{kind}s/file_{number}"
            self._file_paths[path] = file_id
            self._path_of_file[file_id] = path
            meta: JSONDict = {
                "file_id": file_id,
                "file_unique_id": f"AgAD{number:06d}",
                "file_size": len(upload.data),
            }
            self._file_meta[file_id] = meta
            return file_id, {"upload": upload, **meta}
        ref = params.get(key)
        if not ref:
            raise _bad(f"there is no {kind} in the request")
        if not isinstance(ref, str) or ref not in self._file_meta:
            if isinstance(ref, str) and ref.startswith(("http://", "https://")):
                number = self._next_token()
                file_id = f"{prefix}{number:06d}url"
                self.files[file_id] = b""
                meta = {"file_id": file_id, "file_unique_id": f"AgAD{number:06d}", "file_size": 0}
                self._file_meta[file_id] = meta
                name = ref.rstrip("/").rsplit("/", 1)[-1] or "file"
                return file_id, {"upload": Upload(name, b"", ""), **meta}
            raise _bad("wrong file identifier/HTTP URL specified")
        return ref, None

    # --------------------------------------------------------------- the methods

    async def _true(self, params: JSONDict, files: Files) -> bool:
        return True

    async def _get_me(self, params: JSONDict, files: Files) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JSONDict, files: Files) -> list[JSONDict]:
        if self.webhook is not None:
            raise TelegramError(409, WEBHOOK_CONFLICT)
        offset = params.get("offset")
        limit = params.get("limit")
        limit = 100 if not isinstance(limit, int) else min(max(limit, 1), 100)
        timeout = params.get("timeout")
        timeout = max(timeout, 0) if isinstance(timeout, int | float) else 0
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        if isinstance(offset, int):
            self._confirm(offset)

        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[str] = loop.create_future()
        self._wake_poller(_CONFLICT)  # only one long poll at a time, like Telegram
        self._poll_waiter = waiter
        deadline = loop.time() + timeout
        try:
            while True:
                batch = self._select_updates(limit)
                remaining = deadline - loop.time()
                if batch or remaining <= 0:
                    return batch
                try:
                    async with asyncio.timeout(remaining):
                        reason = await waiter
                except TimeoutError:
                    return self._select_updates(limit)
                if reason == _CONFLICT:
                    raise TelegramError(409, POLL_CONFLICT)
                if reason == _WEBHOOK:
                    raise TelegramError(409, WEBHOOK_CONFLICT)
                if reason == _CLOSED:
                    return []
                waiter = loop.create_future()
                self._poll_waiter = waiter
        finally:
            if self._poll_waiter is waiter:
                self._poll_waiter = None

    def _confirm(self, offset: int) -> None:
        queue = self._updates
        if offset < 0:
            while len(queue) > -offset:
                queue.popleft()
            return
        while queue and queue[0][1]["update_id"] < offset:
            queue.popleft()

    def _select_updates(self, limit: int) -> list[JSONDict]:
        allowed = self._allowed_updates
        queue = self._updates
        if allowed is None and not any(kind in _OPT_IN_UPDATES for kind, _ in queue):
            return [update for _, update in itertools.islice(queue, limit)]
        # Telegram never delivers updates of types the bot did not ask for: drop them.
        kept = collections.deque(
            item
            for item in queue
            if (item[0] not in _OPT_IN_UPDATES if allowed is None else item[0] in allowed)
        )
        if len(kept) != len(queue):
            self._updates = kept
        return [update for _, update in itertools.islice(kept, limit)]

    async def _send_message(self, params: JSONDict, files: Files) -> JSONDict:
        state = self._writable_chat(params.get("chat_id"))
        text, entities = self._format(params, "text", "entities", caption=False)
        markup = self._reply_markup(params)
        content: JSONDict = {}
        reply = self._reply_to(state, params)
        if reply is not None:
            content["reply_to_message"] = reply
        content["text"] = text
        if entities:
            content["entities"] = entities
        if markup is not None:
            content["reply_markup"] = markup
        return self._store(state, "sendMessage", content)

    async def _send_file(self, params: JSONDict, files: Files, kind: str, method: str) -> JSONDict:
        state = self._writable_chat(params.get("chat_id"))
        caption, caption_entities = self._format(
            params, "caption", "caption_entities", caption=True
        )
        markup = self._reply_markup(params)
        reply = self._reply_to(state, params)
        file_id, meta = self._media(params, files, kind, kind)
        content: JSONDict = {}
        if reply is not None:
            content["reply_to_message"] = reply
        if kind == "document":
            if meta is None:
                content["document"] = self._file_meta[file_id]
            else:
                upload: Upload = meta.pop("upload")
                mime = upload.content_type
                if not mime or mime == "application/octet-stream":
                    mime = mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
                meta = {"file_name": upload.filename, "mime_type": mime, **meta}
                self._file_meta[file_id] = meta
                content["document"] = meta
        else:
            if meta is None:
                sizes = self._file_meta[file_id].get("sizes")
                if sizes is None:
                    raise _bad("wrong file identifier/HTTP URL specified")
                content["photo"] = sizes
            else:
                upload = meta.pop("upload")
                width, height = _image_size(upload.data)
                sizes = [{**meta, "width": width, "height": height}]
                self._file_meta[file_id] = {**meta, "sizes": sizes}
                content["photo"] = sizes
        if caption:
            content["caption"] = caption
            if caption_entities:
                content["caption_entities"] = caption_entities
        if markup is not None:
            content["reply_markup"] = markup
        return self._store(state, method, content)

    async def _send_document(self, params: JSONDict, files: Files) -> JSONDict:
        return await self._send_file(params, files, "document", "sendDocument")

    async def _send_photo(self, params: JSONDict, files: Files) -> JSONDict:
        return await self._send_file(params, files, "photo", "sendPhoto")

    async def _copy_message(self, params: JSONDict, files: Files) -> JSONDict:
        source_chat = self._chat(params.get("from_chat_id"))
        message_id = params.get("message_id")
        source = None
        if isinstance(message_id, int):
            source = source_chat.messages.get(message_id) or source_chat.user_messages.get(
                message_id
            )
        if source is None:
            raise _bad("message to copy not found")
        state = self._writable_chat(params.get("chat_id"))
        content = {k: v for k, v in source.items() if k not in _ENVELOPE}
        if "caption" in params:
            caption, caption_entities = self._format(
                params, "caption", "caption_entities", caption=True
            )
            content.pop("caption", None)
            content.pop("caption_entities", None)
            if caption:
                content["caption"] = caption
                if caption_entities:
                    content["caption_entities"] = caption_entities
        markup = self._reply_markup(params)
        if markup is not None:
            content["reply_markup"] = markup
        reply = self._reply_to(state, params)
        if reply is not None:
            content = {"reply_to_message": reply, **content}
        message = self._store(state, "copyMessage", content)
        return {"message_id": message["message_id"]}

    async def _edit_message_text(self, params: JSONDict, files: Files) -> JSONDict | bool:
        target = self._message_to_edit(params)
        if target is None:
            return True
        state, message = target
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        text, entities = self._format(params, "text", "entities", caption=False)
        markup = self._reply_markup(params)
        if (
            text == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        ):
            raise _bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        changes: JSONDict = {"text": text}
        if entities:
            changes["entities"] = entities
        if markup is not None:
            changes["reply_markup"] = markup
        return self._replace(state, message, changes, ("text", "entities", "reply_markup"))

    async def _edit_message_caption(self, params: JSONDict, files: Files) -> JSONDict | bool:
        target = self._message_to_edit(params)
        if target is None:
            return True
        state, message = target
        if "text" in message:
            raise _bad("there is no caption in the message to edit")
        caption, entities = self._format(params, "caption", "caption_entities", caption=True)
        markup = self._reply_markup(params)
        if (
            caption == message.get("caption", "")
            and entities == message.get("caption_entities", [])
            and markup == message.get("reply_markup")
        ):
            raise _bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        changes: JSONDict = {}
        if caption:
            changes["caption"] = caption
            if entities:
                changes["caption_entities"] = entities
        if markup is not None:
            changes["reply_markup"] = markup
        return self._replace(
            state, message, changes, ("caption", "caption_entities", "reply_markup")
        )

    async def _edit_message_reply_markup(self, params: JSONDict, files: Files) -> JSONDict | bool:
        target = self._message_to_edit(params)
        if target is None:
            return True
        state, message = target
        markup = self._reply_markup(params)
        if markup == message.get("reply_markup"):
            raise _bad(NOT_MODIFIED.removeprefix("Bad Request: "))
        changes = {} if markup is None else {"reply_markup": markup}
        return self._replace(state, message, changes, ("reply_markup",))

    async def _delete_message(self, params: JSONDict, files: Files) -> bool:
        state = self._chat(params.get("chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        if state.messages.pop(message_id, None) is None and (
            state.user_messages.pop(message_id, None) is None
        ):
            raise _bad("message to delete not found")
        return True

    async def _answer_callback_query(self, params: JSONDict, files: Files) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._queries.get(query_id)
        if query is None or query.answered:
            raise TelegramError(400, QUERY_INVALID)
        text = params.get("text")
        if isinstance(text, str) and utf16_len(text) > MAX_CALLBACK_ANSWER:
            raise _bad("MESSAGE_TOO_LONG")
        query.answered = True
        answer = {"callback_query_id": query_id, **params}
        self.callback_answers[query_id] = answer
        user = self._users.get(query.user_id)
        if user is not None:
            user._on_answer(query_id, answer)
        return True

    async def _send_chat_action(self, params: JSONDict, files: Files) -> bool:
        self._writable_chat(params.get("chat_id"))
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    @staticmethod
    def _commands_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope")
        scope = _clean(scope) if isinstance(scope, dict) else {"type": "default"}
        return _dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def _set_my_commands(self, params: JSONDict, files: Files) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JSONDict] = []
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand JSON object")
            name = command.get("command")
            description = command.get("description")
            if (
                not isinstance(name, str)
                or not 1 <= len(name) <= 32
                or not all(c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in name)
            ):
                raise _bad("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad("command description must be non-empty")
            cleaned.append({"command": name, "description": description})
        key = self._commands_key(params)
        if cleaned:
            self.commands[key] = cleaned
        else:
            self.commands.pop(key, None)
        return True

    async def _get_my_commands(self, params: JSONDict, files: Files) -> list[JSONDict]:
        return self.commands.get(self._commands_key(params), [])

    async def _delete_my_commands(self, params: JSONDict, files: Files) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _set_webhook(self, params: JSONDict, files: Files) -> bool:
        url = params.get("url")
        if not url:
            self.webhook = None
            return True
        self.webhook = {"url": url}
        for key in ("max_connections", "allowed_updates", "ip_address"):
            if key in params:
                self.webhook[key] = params[key]
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._wake_poller(_WEBHOOK)
        return True

    async def _delete_webhook(self, params: JSONDict, files: Files) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, params: JSONDict, files: Files) -> JSONDict:
        info: JSONDict = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook is not None:
            info.update(self.webhook)
        return info

    async def _set_chat_menu_button(self, params: JSONDict, files: Files) -> bool:
        chat_id = params.get("chat_id")
        if chat_id is not None:
            self._chat(chat_id)
        button = params.get("menu_button")
        if button is None:
            button = {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            raise _bad("can't parse menu button JSON object")
        self.menu_buttons[chat_id] = _clean(button)
        return True

    async def _get_chat_menu_button(self, params: JSONDict, files: Files) -> JSONDict:
        chat_id = params.get("chat_id")
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "commands"}

    async def _get_chat(self, params: JSONDict, files: Files) -> JSONDict:
        state = self._chat(params.get("chat_id"))
        return {
            **state.chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def _get_file(self, params: JSONDict, files: Files) -> JSONDict:
        file_id = params.get("file_id")
        meta = self._file_meta.get(file_id) if isinstance(file_id, str) else None
        if meta is None:
            raise _bad("invalid file_id")
        result: JSONDict = {
            "file_id": file_id,
            "file_unique_id": meta["file_unique_id"],
            "file_size": meta["file_size"],
        }
        path = self._path_of_file.get(str(file_id))
        if path is not None:
            result["file_path"] = path
        return result

    # --------------------------------------------- venues and inline mode (sharing)

    async def _send_venue(self, params: JSONDict, files: Files) -> JSONDict:
        state = self._writable_chat(params.get("chat_id"))
        location = {
            "latitude": _degrees(params.get("latitude"), 90, "latitude"),
            "longitude": _degrees(params.get("longitude"), 180, "longitude"),
        }
        venue: JSONDict = {"location": location}
        for key in ("title", "address"):
            value = params.get(key)
            if not isinstance(value, str) or not value.strip():
                raise _bad(f"venue {key} is empty")
            venue[key] = value
        content: JSONDict = {"venue": venue, "location": location}
        markup = self._reply_markup(params)
        if markup is not None:
            content["reply_markup"] = markup
        return self._store(state, "sendVenue", content)

    @functools.cached_property
    def inline_answers(self) -> dict[str, JSONDict]:
        """Answers to inline queries by query id: results with their texts as parsed."""
        return {}

    @functools.cached_property
    def _inline_queries(self) -> dict[str, _Query]:
        return {}

    def _expect_inline_query(self, query_id: str, user_id: int) -> None:
        """Called by ``FakeUser.inline``: the query the bot may answer once."""
        self._inline_queries[query_id] = _Query(user_id)

    async def _answer_inline_query(self, params: JSONDict, files: Files) -> bool:
        """Telegram's checks: at most 50 results, ids unique and 1–64 bytes, each text
        a valid message (HTML parsed, at most 4096 characters), a short next_offset."""
        query_id = str(params.get("inline_query_id") or "")
        query = self._inline_queries.get(query_id)
        if query is None or query.answered:
            raise TelegramError(400, QUERY_INVALID)
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("can't parse results JSON object")
        if len(results) > 50:
            raise _bad("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        parsed = [self._inline_result(item, seen) for item in results]
        next_offset = str(params.get("next_offset") or "")
        if len(next_offset.encode("utf-8")) > 64:
            raise _bad("NEXT_OFFSET_INVALID")
        answer: JSONDict = {
            "results": parsed,
            "cache_time": params.get("cache_time"),
            "is_personal": str(params.get("is_personal")).lower() in ("true", "1"),
            "next_offset": next_offset,
            "button": _results_button(params.get("button")),
        }
        query.answered = True
        self.inline_answers[query_id] = answer
        user = self._users.get(query.user_id)
        if user is not None:
            user._on_inline_answer()
        return True

    def _inline_result(self, item: Any, seen: set[str]) -> JSONDict:
        if not isinstance(item, dict):
            raise _bad("can't parse InlineQueryResult JSON object")
        result_id = item.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise _bad("RESULT_ID_INVALID")
        if result_id in seen:
            raise _bad("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        if item.get("type") != "article":
            raise _bad("RESULT_TYPE_INVALID")  # the only kind the project sends
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            raise _bad("RESULT_TITLE_EMPTY")
        content = item.get("input_message_content")
        if not isinstance(content, dict):
            raise _bad("can't parse InputMessageContent JSON object")
        try:
            text, entities = self._format(content, "message_text", "entities", caption=False)
        except TelegramError as error:
            if error.description.endswith("message is too long"):
                raise _bad("MESSAGE_TOO_LONG") from None
            raise
        parsed = {**_clean(item), "text": text, "entities": entities}
        if isinstance(item.get("reply_markup"), dict):
            parsed["reply_markup"] = self._reply_markup({"reply_markup": item["reply_markup"]})
        return parsed


def _degrees(value: Any, bound: float, name: str) -> float:
    try:
        degrees = float(value)
    except (TypeError, ValueError):
        raise _bad(f"wrong {name}") from None
    if not -bound <= degrees <= bound:
        raise _bad(f"wrong {name}")
    return degrees


def _results_button(raw: Any) -> JSONDict | None:
    """An InlineQueryResultsButton: text, and a start parameter of [A-Za-z0-9_-]{1,64}."""
    if raw is None or raw == "":
        return None
    button = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise _bad("can't parse InlineQueryResultsButton JSON object")
    start = button.get("start_parameter")
    if start is not None and (
        not isinstance(start, str)
        or not 1 <= len(start) <= 64
        or not all(c.isascii() and (c.isalnum() or c in "_-") for c in start)
    ):
        raise _bad("START_PARAM_INVALID")
    return _clean(button)
