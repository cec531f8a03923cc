"""Calendar feeds: the whole programme for anyone, each user's follows behind a secret link,
stable UIDs and SEQUENCE, and answers a calendar app can cache."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from email.utils import format_datetime
from pathlib import Path

from icalendar import Calendar

from bot.app import App
from bot.calendar_feeds.repository import CalendarFeedRepository
from bot.calendar_feeds.service import ChangeTimes
from bot.content.service import ContentService
from tests.clock import ManualClock
from tests.test_reminders import D2_INCOME, edited_data
from tests.test_web_auth import fetch, signed


def events(body: str) -> dict[str, dict[str, object]]:
    calendar = Calendar.from_ical(body)
    return {
        str(entry["uid"]): {
            "summary": str(entry["summary"]),
            "start": entry.decoded("dtstart"),
            "sequence": int(entry["sequence"]),
        }
        for entry in calendar.walk("VEVENT")
    }


async def make_link(base: str, user_id: int, clock: ManualClock) -> str:
    """Press «Make my calendar link»; the token as the page shows it, once."""
    status, body, _ = await fetch(base, "/app/calendar/link", signed(user_id, clock), method="POST")
    assert status == 200
    [token] = set(re.findall(r"/cal/([A-Za-z0-9_-]{43})\.ics", body))
    assert f'href="webcal://bot.example.org/cal/{token}.ics"' in body
    return token


async def test_the_programme_feed_needs_no_sign_in_and_answers_304_when_unchanged(
    web: tuple[App, str], clock: ManualClock
) -> None:
    _, base = web
    status, body, headers = await fetch(base, "/cal/programme.ics?lang=en")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=300"
    entries = events(body)
    assert len(entries) == 6
    assert "20250905-d1-opening@event-desk" in entries, "the same UID as chat's .ics files"
    assert entries["20250905-d1-opening@event-desk"]["summary"] == "Opening of the meeting"
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert (await fetch(base, "/cal/programme.ics?lang=en", {"If-None-Match": etag}))[0] == 304
    assert (await fetch(base, "/cal/programme.ics?lang=en", {"If-Modified-Since": modified}))[
        0
    ] == 304
    earlier = format_datetime(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), usegmt=True)
    status, _, _ = await fetch(base, "/cal/programme.ics?lang=en", {"If-Modified-Since": earlier})
    assert status == 200
    status, _, _ = await fetch(base, "/cal/programme.ics?lang=en", {"If-None-Match": '"other"'})
    assert status == 200
    _, russian, _ = await fetch(base, "/cal/programme.ics?lang=ru")
    assert events(russian)["20250905-d1-opening@event-desk"]["summary"] == "Открытие встречи"


async def test_a_private_feed_follows_the_users_sessions_and_its_link_can_be_replaced(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    sessions = await app.dispatcher["agenda"].programme()
    for session in sessions[:2]:
        await fetch(base, f"/app/session/{session.id}/follow", signed(6001, clock), method="POST")
    token = await make_link(base, 6001, clock)
    status, body, headers = await fetch(base, f"/cal/{token}.ics")
    assert status == 200
    assert headers["Cache-Control"] == "private, no-cache"
    assert set(events(body)) == {
        "20250905-d1-opening@event-desk",
        "20250905-d1-welcome@event-desk",
    }
    assert events(body)["20250905-d1-opening@event-desk"]["summary"] == "Opening of the meeting"
    stored = await CalendarFeedRepository(app.store.db).owner(
        hashlib.sha256(token.encode()).hexdigest()
    )
    assert stored == 6001, "only the token's hash is kept"
    rows = await app.store.db.execute_fetchall("SELECT token_hash FROM calendar_feeds")
    assert token not in {row["token_hash"] for row in rows}

    _, page, _ = await fetch(base, "/app/calendar", signed(6001, clock))
    assert token not in page, "the link is shown only once"
    assert "You made a link on Friday, 5 September" in page

    await fetch(base, f"/app/session/{sessions[1].id}/unfollow", signed(6001, clock), method="POST")
    status, body, changed = await fetch(
        base, f"/cal/{token}.ics", {"If-None-Match": headers["ETag"]}
    )
    assert status == 200, "an unfollowed session changes the feed"
    assert set(events(body)) == {"20250905-d1-opening@event-desk"}
    status, _, _ = await fetch(
        base, f"/cal/{token}.ics", {"If-Modified-Since": headers["Last-Modified"]}
    )
    assert status == 200, "Last-Modified moved on although no session was edited"
    assert changed["Last-Modified"] != headers["Last-Modified"]

    renewed = await make_link(base, 6001, clock)
    assert (await fetch(base, f"/cal/{token}.ics"))[0] == 404, "the old link stops working"
    assert (await fetch(base, f"/cal/{renewed}.ics"))[0] == 200
    status, page, _ = await fetch(
        base, "/app/calendar/revoke", signed(6001, clock, language="ru"), method="POST"
    )
    assert "Ссылка отозвана" in page
    assert (await fetch(base, f"/cal/{renewed}.ics"))[0] == 404
    assert (await fetch(base, f"/cal/{'A' * 43}.ics"))[0] == 404
    assert (await fetch(base, "/cal/short.ics"))[0] == 404


async def test_the_feeds_change_when_a_session_moves(
    web: tuple[App, str], clock: ManualClock, tmp_path: Path
) -> None:
    app, base = web
    income = next(s for s in await app.dispatcher["agenda"].programme() if s.key == "d2-income")
    await fetch(base, f"/app/session/{income.id}/follow", signed(6002, clock), method="POST")
    token = await make_link(base, 6002, clock)
    uid = "20250905-d2-income@event-desk"
    _, before, personal = await fetch(base, f"/cal/{token}.ics")
    _, _, public = await fetch(base, "/cal/programme.ics")
    assert events(before)[uid]["start"] == dt.datetime.fromisoformat("2025-09-06T10:00+05:00")

    clock.advance(dt.timedelta(minutes=5))
    moved = D2_INCOME.replace('start: "10:00"', 'start: "11:00"').replace('"12:30"', '"13:30"')
    await ContentService(app.store, clock).load(edited_data(tmp_path, [(D2_INCOME, moved)]))

    status, after, _ = await fetch(base, f"/cal/{token}.ics", {"If-None-Match": personal["ETag"]})
    assert status == 200
    entry = events(after)[uid]
    assert entry["start"] == dt.datetime.fromisoformat("2025-09-06T11:00+05:00")
    assert entry["sequence"] == events(before)[uid]["sequence"] + 1
    assert set(events(after)) == {uid}, "the same entry, moved: not a second one"
    status, _, _ = await fetch(base, "/cal/programme.ics", {"If-None-Match": public["ETag"]})
    assert status == 200


def test_change_times_never_repeat_a_date_for_new_content() -> None:
    changes = ChangeTimes(limit=2)
    now = dt.datetime(2025, 9, 5, 4, 0, 0, 500_000, tzinfo=dt.UTC)
    first = changes.since("a", '"1"', now)
    assert first == now.replace(microsecond=0)
    assert changes.since("a", '"1"', now + dt.timedelta(hours=1)) == first
    assert changes.since("a", '"2"', now) == first + dt.timedelta(seconds=1)
    changes.since("b", '"1"', now)
    changes.since("c", '"1"', now)
    assert changes.since("a", '"2"', now + dt.timedelta(hours=2)) > first, "a forgets, then anew"
