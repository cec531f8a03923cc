"""/stats figures and the press office's CSV exports, from data the features produce."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator

from bot.app import App
from bot.content import load_content
from bot.content.models import Text
from bot.email.values import ContactForm
from bot.press.values import (
    AccreditationForm,
    AccreditationStatus,
    EmbargoChannel,
    TargetKind,
)
from bot.programme.audit import NewEntry
from bot.programme.values import Action, Edit, Fields, Source
from bot.stats.exports import EXPORTS, Export, write_csv
from bot.store.holder import Store
from tests.conftest import DATA_DIR, local
from tests.fake_bot_api import FakeBotAPI

ORGANISER = 900001
NOW = local(5, 9)


async def test_stats_count_subscribers_per_session_and_the_press_queue(
    fake: FakeBotAPI, app: App
) -> None:
    delegate = fake.user(5101, language_code="en")
    await delegate.send("/agenda")
    days = await delegate.receive()
    day_button = next(b["text"] for row in days["reply_markup"]["inline_keyboard"] for b in row)
    await delegate.press(days, day_button)
    day = await delegate.receive()
    opening = next(
        b["text"]
        for row in day["reply_markup"]["inline_keyboard"]
        for b in row
        if b["text"].startswith("10:00")
    )
    await delegate.press(day, opening)
    detail = await delegate.receive()
    await delegate.press(detail, "🔔 Remind me")
    await delegate.receive()

    form = AccreditationForm("Anna Petrova", "Daily News", "reporter", "anna@example.org")
    await app.store.accreditations.apply(5102, form, NOW)

    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/stats")
    text = (await organiser.receive())["text"]
    assert "Reminder subscribers per session\n• Opening of the meeting: 1\n" in text
    assert "• Welcome addresses: 0" in text
    assert "• accreditations waiting for a decision: 1" in text
    assert "• open quote requests: 0" in text
    assert "• reminders delivered: 0" in text


async def test_exports_of_subscriptions_accreditations_and_press_requests(store: Store) -> None:
    await store.content.apply(load_content(DATA_DIR), NOW)
    await store.users.touch(77, "Ann", "ann", "en", NOW)
    first = (await store.programme.sessions())[0]
    await store.reminders.subscribe(77, [first.id], NOW)
    form = AccreditationForm("Анна Петрова", "Вечерний Ашхабад", "корреспондент", "+99365000000")
    application = await store.accreditations.apply(77, form, NOW)
    assert application is not None
    await store.quote_requests.add(
        77,
        TargetKind.ORGANISERS,
        None,
        Text(ru="Организаторы", en="The organisers"),
        "Сколько волонтёров, «и» <что> дальше?",
        NOW + dt.timedelta(days=1),
        NOW,
    )

    rows = {}
    for name in ("subscriptions", "accreditations", "press-requests"):
        out = io.StringIO()
        assert await write_csv(EXPORTS[name], store, out) == 1
        rows[name] = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows["subscriptions"][1][:5] == ["77", "Ann", "ann", "d1-opening", "Открытие встречи"]
    assert rows["accreditations"][1][2:7] == [
        "Анна Петрова",
        "Вечерний Ашхабад",
        "корреспондент",
        "'+99365000000",  # a leading + is a formula to Excel: kept as text
        "pending",
    ]
    request = dict(zip(rows["press-requests"][0], rows["press-requests"][1], strict=True))
    assert request["question"] == "Сколько волонтёров, «и» <что> дальше?"
    assert request["addressed_to_ru"] == "Организаторы"
    assert request["status"] == "new"


FORMULAS = ('=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx")


async def test_no_export_writes_a_cell_a_spreadsheet_would_run(store: Store) -> None:
    """Issue 10 (OWASP CSV injection): a user-chosen value that starts with = + - @, a tab
    or a carriage return gets a leading single quote, in every export."""
    await store.content.apply(load_content(DATA_DIR), NOW)
    first = (await store.programme.sessions())[0]
    for number, text in enumerate(FORMULAS, start=1):
        await store.users.touch(number, text, None, "en", NOW)
        await store.reminders.subscribe(number, [first.id], NOW)
        form = AccreditationForm(text, text, text, text)
        application = await store.accreditations.apply(number, form, NOW)
        assert application is not None
        await store.quote_requests.add(
            number, TargetKind.ORGANISERS, None, Text(ru=text, en=text), text, NOW, NOW
        )
        await store.feedback.rate(first.id, number, 3, NOW)  # issue 14's two exports
        await store.feedback.comment(first.id, number, text)
        await store.surveys.answer(number, text, 1, Text(ru="1", en="1"), NOW)
        address = f"journalist{number}@newsroom.example"  # issue 22's addresses
        await store.email_contacts.add(ContactForm(text, text, address, "en"), number, 1, NOW)
        # Early copies of an embargoed release, to the journalist (approved: the log names them).
        await store.accreditations.decide(application.id, AccreditationStatus.APPROVED, 1, NOW)
        embargo = NOW + dt.timedelta(hours=1)
        release = await store.press_releases.add_from_chat(
            f"chat:{number}", Text(ru=text, en=text), Text(ru=text, en=text), NOW, embargo
        )
        await store.embargo_log.record(release, [number], EmbargoChannel.PDF, NOW)
        fields = Fields(first.starts_at, first.ends_at, first.room, first.title, None)
        edit = Edit(first.id, first.key, first.day, fields, fields)  # issue 11's change log
        entry = NewEntry(Source.CHAT, Action.STARTED, [edit], number, actor_name=text)
        await store.programme_audit.add(entry, NOW)
    for export in EXPORTS.values():
        out = io.StringIO()
        assert await write_csv(export, store, out) == len(FORMULAS), export.name
        body = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1:]
        for text in FORMULAS:
            assert not any(cell == text for row in body for cell in row), (export.name, text)
            assert any(cell == "'" + text for row in body for cell in row), (export.name, text)


async def test_the_writer_neutralises_any_export_but_keeps_numbers(store: Store) -> None:
    """An export added later goes through the same writer: no row source can bypass it."""

    async def rows(_store: Store) -> AsyncIterator[tuple[object, ...]]:
        yield (-5, 1.5, None, "-5", "=1+1", "ok", "a=b", " =x")

    export = Export("later", "a future export", ("a", "b", "c", "d", "e", "f", "g", "h"), rows)
    out = io.StringIO()
    assert await write_csv(export, store, out) == 1
    (row,) = list(csv.reader(io.StringIO(out.getvalue())))[1:]
    assert row == ["-5", "1.5", "", "'-5", "'=1+1", "ok", "a=b", " =x"]
