"""The baselines this bot is measured against: an echo bot, and a same-reply bot.

The echo bot answers a message with its own text and a button with its data: the floor of
aiogram's cost, but its requests are far smaller than ours (no HTML, no keyboards).

The same-reply bot is a minimal aiogram bot that answers each update with exactly the
requests this bot made for it (method, text, parse mode, reply_markup, files of the same
size), captured from a run of ours through the fake Bot API (``capture``) and replayed per
update kind: the message's text or the button's data, in the sender's language. What this
bot costs beyond it is ours: routers and filters, middlewares, the store, rendering.

Both run as ``python -m bench.baseline_bot {echo,same} --api URL [--book FILE]`` with the
process settings of ``bench.bot_process``: HTML by default, the same concurrency limit,
``gc.freeze()`` once started.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.fake_process import FakeClient

TOKEN = "123456789:AAEventDeskBenchToken-0123456789abc"
CONCURRENT_UPDATES = 50  # bot/config.py max_concurrent_updates: the same for every bot
PER_UPDATE = {"chat_id": 0, "message_id": 0, "callback_query_id": "0"}
"""Parameters that name the update answered (with a stand-in of their type): replaced by
the replaying update's own."""


def book_key(language: str | None, kind: str) -> str:
    """An update kind: a message's text or a button's data, in the sender's language."""
    return f"{language or ''}|{kind}"


@dataclass
class Request:
    """One Bot API call this bot made for an update, as the fake recorded it."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, int]] = field(default_factory=dict)
    """field -> (file name, size): the bytes themselves are replayed as zeros."""
    ids: list[str] = field(default_factory=list)
    """Which of ``PER_UPDATE`` the call named (filled in from the replaying update)."""


@dataclass
class ReplyBook:
    replies: dict[str, list[Request]] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        data = {key: [vars(r) for r in requests] for key, requests in self.replies.items()}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> ReplyBook:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            {
                key: [
                    Request(
                        r["method"],
                        r["params"],
                        {k: (v[0], v[1]) for k, v in r["files"].items()},
                        r["ids"],
                    )
                    for r in requests
                ]
                for key, requests in data.items()
            }
        )

    def size(self) -> dict[str, int]:
        """Characters of text and buttons per kind: shows the book is not empty."""
        return {key: len(json.dumps([r.params for r in rs])) for key, rs in self.replies.items()}


async def capture(
    fake: FakeClient,
    update: dict[str, Any],
    chat: int,
    *,
    quiet: float = 0.3,
    timeout: float = 30,  # noqa: ASYNC109
) -> list[Request]:
    """Feed one update to the (otherwise idle) bot and return the calls it made for it.

    Done when the calls for this chat (and the button's answer) have stopped for ``quiet``
    seconds after the first one.
    """
    _, start = await fake.calls(since=10**9)
    query = update.get("callback_query", {}).get("id")
    await fake.updates(update)
    deadline = time.monotonic() + timeout
    mine: list[dict[str, Any]] = []
    last_change = time.monotonic()
    while time.monotonic() < deadline:
        calls, _ = await fake.calls(since=start)
        found = [c for c in calls if _belongs(c, chat, query)]
        if len(found) != len(mine):
            mine, last_change = found, time.monotonic()
        answered = query is None or any(c["method"] == "answerCallbackQuery" for c in mine)
        if mine and answered and time.monotonic() - last_change >= quiet:
            return [request_of(c) for c in mine]
        await asyncio.sleep(0.02)
    raise TimeoutError(f"no answer to {update}")


def _belongs(call: dict[str, Any], chat: int, query: str | None) -> bool:
    params = call["params"]
    if query is not None and str(params.get("callback_query_id")) == query:
        return True
    return str(params.get("chat_id")) == str(chat)


def request_of(call: dict[str, Any]) -> Request:
    """A call as the fake records it (method, params, files), as the book keeps it."""
    files = {k: (f["filename"], f["size"]) for k, f in call["files"].items()}
    params = {k: v for k, v in call["params"].items() if k not in PER_UPDATE and k not in files}
    ids = [k for k in PER_UPDATE if k in call["params"]]
    return Request(call["method"], params, files, ids)


# ------------------------------------------------------------------ the bots themselves


def _bot(api: str) -> Any:
    from aiogram import Bot
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.enums import ParseMode

    return Bot(
        TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(api)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


async def _poll(dispatcher: Any, bot: Any) -> None:
    async def freeze() -> None:
        gc.collect()
        gc.freeze()  # as bot/app.py freeze_start_up_objects

    dispatcher.startup.register(freeze)
    await dispatcher.start_polling(
        bot, polling_timeout=5, tasks_concurrency_limit=CONCURRENT_UPDATES
    )


async def serve_echo(api: str) -> None:
    from aiogram import Dispatcher
    from aiogram.types import CallbackQuery, Message

    dispatcher = Dispatcher()

    async def echo(message: Message) -> None:
        await message.answer(message.text or "?")

    async def pressed(callback: CallbackQuery) -> None:
        await callback.message.edit_text(callback.data or "?")  # type: ignore[union-attr]
        await callback.answer()

    dispatcher.message.register(echo)
    dispatcher.callback_query.register(pressed)
    await _poll(dispatcher, _bot(api))


class Replayer:
    """The book's requests as aiogram method objects: markups built once, as a bot that
    keeps its keyboards would; each update gets new method objects with its own ids."""

    def __init__(self, book: ReplyBook) -> None:
        from aiogram import methods

        self._calls: dict[str, list[tuple[Any, dict[str, Any], Request]]] = {}
        for key, requests in book.replies.items():
            prepared = []
            for request in requests:
                cls = getattr(methods, request.method[0].upper() + request.method[1:])
                ids = {name: PER_UPDATE[name] for name in request.ids}
                model = cls.model_validate({**request.params, **ids, **self._dummy(request)})
                fields = {name: getattr(model, name) for name in request.params}
                prepared.append((cls, fields, request))
            self._calls[key] = prepared

    @staticmethod
    def _dummy(request: Request) -> dict[str, Any]:
        from aiogram.types import BufferedInputFile

        return {k: BufferedInputFile(b"", name) for k, (name, _) in request.files.items()}

    async def replay(self, bot: Any, key: str, ids: dict[str, Any]) -> None:
        from aiogram.types import BufferedInputFile

        for cls, fields, request in self._calls.get(key, ()):
            wanted = {k: ids[k] for k in request.ids}
            uploads = {
                k: BufferedInputFile(bytes(size), name) for k, (name, size) in request.files.items()
            }
            await bot(cls(**fields, **wanted, **uploads))


def same_reply_dispatcher(replayer: Replayer) -> Any:
    """A Dispatcher answering each update with the book's requests for its kind."""
    from aiogram import Bot, Dispatcher
    from aiogram.types import CallbackQuery, Message

    dispatcher = Dispatcher()

    async def answer(message: Message, bot: Bot) -> None:
        language = message.from_user.language_code if message.from_user else None
        await replayer.replay(
            bot, book_key(language, message.text or ""), {"chat_id": message.chat.id}
        )

    async def pressed(callback: CallbackQuery, bot: Bot) -> None:
        shown = callback.message
        ids: dict[str, Any] = {"callback_query_id": callback.id}
        if shown is not None:
            ids |= {"chat_id": shown.chat.id, "message_id": shown.message_id}
        key = book_key(callback.from_user.language_code, callback.data or "")
        await replayer.replay(bot, key, ids)

    dispatcher.message.register(answer)
    dispatcher.callback_query.register(pressed)
    return dispatcher


async def serve_same(api: str, book: Path) -> None:
    dispatcher = same_reply_dispatcher(Replayer(ReplyBook.load(book)))
    await _poll(dispatcher, _bot(api))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.baseline_bot", description=__doc__)
    parser.add_argument("kind", choices=("echo", "same"))
    parser.add_argument("--api", required=True)
    parser.add_argument("--book", type=Path, help="the reply book (same)")
    args = parser.parse_args()
    if args.kind == "echo":
        asyncio.run(serve_echo(args.api))
    else:
        asyncio.run(serve_same(args.api, args.book))


if __name__ == "__main__":
    main()
