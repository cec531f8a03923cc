"""Services without Telegram: the programme at any moment, participants, summaries."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from bot.agenda.calendar import build_calendar
from bot.agenda.service import AgendaService, Phase
from bot.agenda.values import place
from bot.content import load_content
from bot.delegations.service import DelegationService
from bot.store.holder import Store
from bot.users.access import AccessService
from bot.users.service import UserService
from tests.clock import ManualClock
from tests.conftest import ASHGABAT, DATA_DIR, local
from tests.press_kit import press_services


@pytest.fixture
async def loaded(store: Store) -> Store:
    await store.content.apply(load_content(DATA_DIR), dt.datetime(2025, 9, 1, tzinfo=dt.UTC))
    return store


async def test_before_the_meeting_points_at_the_first_session(loaded: Store) -> None:
    agenda = AgendaService(loaded, ManualClock(local(4, 12)))
    state = await agenda.now_and_next()
    assert state.phase is Phase.BEFORE
    assert state.current == ()
    assert state.next == (await agenda.programme())[0]


async def test_during_a_session_it_is_current_and_the_next_follows(loaded: Store) -> None:
    sessions = await AgendaService(loaded, ManualClock(local(1, 0))).programme()
    first, second = sessions[0], sessions[1]
    agenda = AgendaService(loaded, ManualClock(first.starts_at + dt.timedelta(minutes=1)))
    state = await agenda.now_and_next()
    assert state.phase is Phase.RUNNING
    assert state.current == (first,)
    assert state.next == second


async def test_overnight_between_days_nothing_is_on(loaded: Store) -> None:
    agenda = AgendaService(loaded, ManualClock(local(5, 23)))
    state = await agenda.now_and_next()
    assert state.phase is Phase.RUNNING
    assert state.current == ()
    assert state.next is not None
    assert state.next.day == dt.date(2025, 9, 6)


async def test_after_the_last_session_the_meeting_is_over(loaded: Store) -> None:
    sessions = await AgendaService(loaded, ManualClock(local(1, 0))).programme()
    agenda = AgendaService(loaded, ManualClock(sessions[-1].ends_at))
    state = await agenda.now_and_next()
    assert state.phase is Phase.OVER
    assert state.next is None


async def test_zone_override_changes_only_the_display_zone(loaded: Store) -> None:
    agenda = AgendaService(loaded, ManualClock(local(5, 9)), zone_override="Europe/Moscow")
    assert (await agenda.zone()).key == "Europe/Moscow"
    plain = AgendaService(loaded, ManualClock(local(5, 9)))
    assert await plain.zone() == ASHGABAT


async def test_participants_are_grouped_with_international_bodies_apart(loaded: Store) -> None:
    participants = await DelegationService(loaded).participants()
    assert len(participants.national_societies) == 8
    assert [d.country.en for d in participants.observers if d.country] == ["Qatar"]
    assert sorted(d.name.en[-6:] for d in participants.international) == ["(ICRC)", "(IFRC)"]
    online = [d for d in participants.national_societies if d.attendance == "online"]
    assert len(online) == 1
    assert online[0].country is not None
    assert online[0].country.en == "Kazakhstan"


async def test_head_of_delegation_where_the_source_names_one(loaded: Store) -> None:
    participants = await DelegationService(loaded).participants()
    heads = {
        d.country.en if d.country else d.name.en: d.head.name.en
        for d in participants.ordered()
        if d.head is not None
    }
    assert heads.get("Turkmenistan") == "Maral Achilova"
    assert "Azerbaijan" not in heads  # Shaev is a delegate, not named as head


async def test_day_one_summary_is_published_and_day_two_is_not(loaded: Store) -> None:
    service = press_services(loaded, ManualClock(local(5, 9))).summaries
    days = await service.days()
    assert [(d.day.date.day, d.published) for d in days] == [(5, True), (6, False)]
    summary = await service.for_day(dt.date(2025, 9, 5))
    assert summary is not None
    assert "Ачилова" in summary.body.ru


async def test_calendar_uids_are_stable_and_times_zoned(loaded: Store) -> None:
    agenda = AgendaService(loaded, ManualClock(local(5, 9)))
    event = await agenda.event()
    sessions = await agenda.programme()
    first = Calendar.from_ical(build_calendar(event, sessions, "en", ASHGABAT))
    again = Calendar.from_ical(build_calendar(event, sessions, "ru", ASHGABAT))
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    assert len(set(uids)) == len(sessions)
    start = first.walk("VEVENT")[0].decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(hours=5)
    assert start == sessions[0].starts_at
    assert first.walk("VTIMEZONE"), "the zone travels with the file"


async def test_users_language_choice_beats_their_telegram_language(store: Store) -> None:
    users = UserService(store, ManualClock(local(5, 9)), "ru", AccessService(store, ()))
    assert (await users.seen(1, "Ann", None, "en-GB")).language == "en"
    assert (await users.seen(2, "Олег", None, "ru")).language == "ru"
    assert (await users.seen(3, "Ayşe", None, "tr")).language == "ru"
    await users.choose_language(1, "ru")
    assert (await users.seen(1, "Ann", None, "en-GB")).language == "ru"
    with pytest.raises(ValueError, match="unsupported"):
        await users.choose_language(1, "de")


@pytest.mark.parametrize(
    ("room", "venue", "shown"),
    [
        (
            "конференц-зал отеля «Арчабиль»",
            "конференц-зал отеля «Арчабиль»",
            "конференц-зал отеля «Арчабиль»",
        ),
        (
            "conference hall, Archabil Hotel",
            "conference hall of the Archabil Hotel",
            "conference hall, Archabil Hotel",
        ),
        (
            "Конференц-зал, отель «Арчабиль»",
            "конференц-зал отеля «Арчабиль»",
            "Конференц-зал, отель «Арчабиль»",
        ),
        ("Hall B, Archabil Hotel", "Archabil Hotel", "Hall B, Archabil Hotel"),
        (
            "conference hall",
            "conference hall of the Archabil Hotel",
            "conference hall of the Archabil Hotel",
        ),
        ("Hall B", "Archabil Hotel", "Hall B, Archabil Hotel"),
        ("Conference room", "Conflict museum", "Conference room, Conflict museum"),
    ],
)
def test_a_place_names_a_room_that_is_the_venue_once(room: str, venue: str, shown: str) -> None:
    assert place(room, venue) == shown
