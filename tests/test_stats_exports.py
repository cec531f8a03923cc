"""/stats figures and the press office's CSV exports, from data the features produce."""

from __future__ import annotations

import csv
import datetime as dt
import io

from bot.app import App
from bot.content import load_content
from bot.content.models import Text
from bot.press.values import AccreditationForm, TargetKind
from bot.stats.exports import EXPORTS, write_csv
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
        "+99365000000",
        "pending",
    ]
    request = dict(zip(rows["press-requests"][0], rows["press-requests"][1], strict=True))
    assert request["question"] == "Сколько волонтёров, «и» <что> дальше?"
    assert request["addressed_to_ru"] == "Организаторы"
    assert request["status"] == "new"
