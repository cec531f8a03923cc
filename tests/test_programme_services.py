"""The live-programme services without Telegram: who may call them, and the typed times."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.agenda.service import AgendaService
from bot.content import load_content
from bot.programme.edits import parse_span
from bot.programme.service import ProgrammeDesk
from bot.programme.signal import ChangeSignal
from bot.programme.stage import Mark, StageService
from bot.programme.values import Action, ChangeRejectedError, Problem, Proposal
from bot.store.holder import Store
from bot.users.access import NotAllowedError
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local

GUEST = User(7001, "Guest", "en", Role.GUEST)
PRESS = User(7002, "Press", "en", Role.PRESS)
ORGANISER = User(900001, "Anna", "en", Role.ORGANISER)


class Planner:
    def __init__(self) -> None:
        self.woken = 0

    def replan_soon(self) -> None:
        self.woken += 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:20–12:50", ("10:20", "12:50")),
        ("10:20-12:50", ("10:20", "12:50")),
        (" 9.05 — 9.45 ", ("09:05", "09:45")),
        ("10:20 - 12:50", ("10:20", "12:50")),
    ],
)
def test_typed_spans_in_the_shapes_people_type(typed: str, expected: tuple[str, str]) -> None:
    assert parse_span(typed) == expected


@pytest.mark.parametrize("typed", ["", "10:20", "24:00-25:00", "10:60-11:00", "ten to twelve"])
def test_a_span_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(ChangeRejectedError) as caught:
        parse_span(typed)
    assert caught.value.problem is Problem.BAD_TIME


async def test_only_organisers_may_use_the_services_whoever_calls(store: Store) -> None:
    clock = ManualClock(local(5, 9))
    await store.content.apply(load_content(DATA_DIR), clock.now())
    planner = Planner()
    signal = ChangeSignal(store.content_cache, planner)
    agenda = AgendaService(store, clock)
    desk = ProgrammeDesk(store, clock, agenda, signal, dt.timedelta(minutes=3))
    stage = StageService(store, clock, signal)
    session = (await store.programme.sessions())[-1]
    proposal = Proposal(Action.DELAY, session.id, session.revision, minutes=5)
    for user in (GUEST, PRESS):
        with pytest.raises(NotAllowedError):
            await desk.apply(user, proposal)
        with pytest.raises(NotAllowedError):
            await desk.preview(user, proposal)
        with pytest.raises(NotAllowedError):
            await desk.undo(user, 1)
        with pytest.raises(NotAllowedError):
            await desk.log(user, 0, 5)
        with pytest.raises(NotAllowedError):
            await stage.mark(user, session.id, Mark.STARTED)
    assert await store.programme_audit.count() == 0
    assert planner.woken == 0

    applied = await desk.apply(ORGANISER, proposal)
    assert planner.woken == 1  # reminders re-plan at once
    with pytest.raises(ChangeRejectedError) as caught:
        await desk.apply(ORGANISER, proposal)  # the revision it was made for is gone
    assert caught.value.problem is Problem.STALE
    assert applied.undo_until == clock.now() + dt.timedelta(minutes=3)
