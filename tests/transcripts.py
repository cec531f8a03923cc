"""Chat transcripts for the handbook, recorded from end-to-end tests over the fake Bot API.

The handbook shows what the bot really says, so it is never typed by hand: a test drives a
conversation through ``Transcript`` speakers (who send, press and receive exactly as
``FakeUser`` does) and every step is written down as Markdown. ``Transcript.check()`` then
compares the result with the committed file under ``docs/<language>/transcripts/`` and fails
when they differ; ``UPDATE_TRANSCRIPTS=1`` rewrites the file instead. The pages include the
files with ``--8<--`` (pymdownx.snippets), so a stale page cannot reach the site.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from tests.fake_bot_api import FakeUser

ROOT = Path(__file__).resolve().parent.parent
Message = dict[str, Any]

WORDS = {
    "ru": {
        "bot": "Бот",
        "edits": "Бот меняет то же сообщение",
        "presses": "нажимает",
        "file": "файл",
        "header": "Переписка записана тестом `{test}`; не правьте её вручную.",
    },
    "en": {
        "bot": "Bot",
        "edits": "The bot edits the same message",
        "presses": "presses",
        "file": "file",
        "header": "Recorded by the test `{test}`; do not edit by hand.",
    },
}


class Transcript:
    """One conversation in one language, as the handbook shows it."""

    def __init__(self, name: str, language: str, test: str) -> None:
        self.path = ROOT / "docs" / language / "transcripts" / f"{name}.md"
        self.language = language
        self.words = WORDS[language]
        self.blocks: list[str] = [f"<!-- {self.words['header'].format(test=test)} -->"]

    def speaker(self, user: FakeUser, name: str) -> Speaker:
        """``user`` acting under the name the reader knows them by («Организатор»)."""
        return Speaker(self, user, name)

    def note(self, text: str) -> None:
        """A line of narration between the steps («Three minutes later…»)."""
        self.blocks.append(f"*{text}*")

    def bot(self, message: Message) -> None:
        edited = "edit_date" in message
        lead = self.words["edits"] if edited else self.words["bot"]
        self.blocks.append(f"**{lead}:**\n\n```{{.text .chat}}\n{render(message, self.words)}\n```")

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"

    def check(self) -> None:
        """Fail when the committed transcript is stale; rewrite it with UPDATE_TRANSCRIPTS=1."""
        fresh = self.text()
        if os.environ.get("UPDATE_TRANSCRIPTS") == "1":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(fresh, encoding="utf-8")
            return
        committed = self.path.read_text(encoding="utf-8") if self.path.exists() else ""
        if committed != fresh:
            diff = "".join(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    fresh.splitlines(keepends=True),
                    str(self.path.relative_to(ROOT)),
                    "what the bot says now",
                )
            )
            raise AssertionError(
                f"{self.path.relative_to(ROOT)} is stale; regenerate it with"
                f" UPDATE_TRANSCRIPTS=1 python -m pytest tests/test_docs_transcripts.py\n{diff}"
            )


class Speaker:
    """A person in a transcript: what they do is written down, then what the bot answers."""

    def __init__(self, transcript: Transcript, user: FakeUser, name: str) -> None:
        self.transcript = transcript
        self.user = user
        self.name = name

    async def send(self, text: str) -> Message:
        """Send ``text``; records it and the bot's first answer, which it returns."""
        self.transcript.blocks.append(f"**{self.name}:** {quoted(text)}")
        await self.user.send(text)
        return await self.receive()

    async def press(self, message: Message, label: str) -> Message:
        """Press the button ``label``; records it and the bot's answer, which it returns."""
        self._pressed(label)
        await self.user.press(message, label)
        return await self.receive()

    async def press_until(self, message: Message, label: str, words: str) -> Message:
        """Press ``label``, then record only the first answer that says ``words``: the steps
        before it (a progress message's edits) depend on timing, not on the bot."""
        self._pressed(label)
        await self.user.press(message, label)
        while words not in ((answer := await self.user.receive()).get("text") or ""):
            pass
        self.transcript.bot(answer)
        return answer

    def _pressed(self, label: str) -> None:
        self.transcript.blocks.append(
            f"**{self.name}** {self.transcript.words['presses']} «{label}»"
        )

    async def press_starting(self, message: Message, prefix: str) -> Message:
        """Press the first button whose label starts with ``prefix``."""
        labels = [b["text"] for row in keyboard(message) for b in row]
        found = [label for label in labels if label.startswith(prefix)]
        assert found, f"no button starting with {prefix!r} in {labels}"
        return await self.press(message, found[0])

    async def receive(self) -> Message:
        """The bot's next message or edit in this chat, recorded."""
        message = await self.user.receive()
        self.transcript.bot(message)
        return message

    async def receive_quietly(self) -> Message:
        """The next message, not recorded (an intermediate state the page need not show)."""
        return await self.user.receive()


def quoted(text: str) -> str:
    """What a person typed, as inline code (a command) or as a quotation."""
    return f"`{text}`" if text.startswith("/") else f"«{text}»"


def keyboard(message: Message) -> list[list[dict[str, Any]]]:
    markup = message.get("reply_markup") or {}
    rows: list[list[dict[str, Any]]] = markup.get("inline_keyboard", [])
    return rows


def render(message: Message, words: dict[str, str]) -> str:
    """A message as a person sees it: its text (or a file and its caption) and its buttons."""
    lines: list[str] = []
    if "document" in message:
        lines.append(f"📎 {words['file']}: {message['document'].get('file_name', '')}")
    if "photo" in message:
        lines.append(f"🖼 {words['file']}")
    body = message.get("text") or message.get("caption") or ""
    lines.extend(body.splitlines())
    for row in keyboard(message):
        lines.append(" ".join(f"[{button['text']}]" for button in row))
    return "\n".join(lines).replace("```", "'''")
