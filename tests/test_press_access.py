"""Who may do what in the press centre, asked of the services directly (no chat).

Every organiser-only operation refuses a guest and an accredited journalist and changes
nothing; asking for a quote is for accredited journalists only; «my requests» never shows
anyone else's. The chat filters too, but the services are what the web console will call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot.content.service import ContentService
from bot.press.values import AccreditationForm, TargetKind
from bot.store.holder import Store
from bot.users.access import NotAllowedError
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.press_kit import (
    GUEST,
    OFFICE,
    ORGANISER,
    Press,
    accredit,
    journalist,
    known,
    press_services,
    snapshot,
)

JOURNALIST = journalist(2001)
APPLICANT = 2003


@dataclass(frozen=True)
class Scene:
    """A loaded store with one accredited journalist, one open request, one application."""

    store: Store
    press: Press
    request_id: int
    application_id: int


@pytest.fixture
async def scene(store: Store) -> Scene:
    clock = ManualClock(local(5, 9))
    await ContentService(store, clock).load(DATA_DIR)
    await known(store, ORGANISER, clock)
    await accredit(store, JOURNALIST.id, clock)
    press = press_services(store, clock)
    target = await press.centre.quote_requests.target(TargetKind.ORGANISERS, None)
    assert target is not None
    request = await press.centre.quote_requests.submit(
        JOURNALIST, target, "When is the communiqué published?", local(5, 18)
    )
    await known(store, APPLICANT, clock)
    form = AccreditationForm("Jane Doe", "Daily News", "editor", "jane@example.org")
    application = await store.accreditations.apply(APPLICANT, form, clock.now())
    assert application is not None
    return Scene(store, press, request.id, application.id)


Operation = Callable[[Scene, User], Awaitable[Any]]

ORGANISERS_ONLY: dict[str, Operation] = {
    "applications": lambda s, u: s.press.centre.accreditation.pending(u),
    "decide": lambda s, u: s.press.centre.accreditation.decide(u, s.application_id, True),
    "queue": lambda s, u: s.press.centre.quote_requests.queue(u),
    "open a request": lambda s, u: s.press.centre.quote_requests.for_organiser(u, s.request_id),
    "take": lambda s, u: s.press.centre.quote_requests.take(u, s.request_id),
    "may close": lambda s, u: s.press.centre.quote_requests.can_close(u, s.request_id),
    "answer": lambda s, u: s.press.centre.quote_requests.answer(
        u, s.request_id, "The communiqué comes out at 18:00.", to_bank=False
    ),
    "decline": lambda s, u: s.press.centre.quote_requests.decline(u, s.request_id, "Not planned."),
    "publish a release": lambda s, u: s.press.centre.publishing.publish_release(
        u, "draft", "A statement", "The text of the statement.", None
    ),
    "publish a summary": lambda s, u: s.press.summaries.publish(
        u, "draft", dt.date(2025, 9, 6), "Day two", "What happened on day two."
    ),
}


@pytest.mark.parametrize("operation", ORGANISERS_ONLY.values(), ids=ORGANISERS_ONLY.keys())
@pytest.mark.parametrize("who", [GUEST, JOURNALIST], ids=["guest", "journalist"])
async def test_organisers_operations_refuse_everyone_else(
    scene: Scene, operation: Operation, who: User
) -> None:
    before = await snapshot(scene.store)
    with pytest.raises(NotAllowedError) as refused:
        await operation(scene, who)
    assert refused.value.needed is Role.ORGANISER
    assert await snapshot(scene.store) == before


@pytest.mark.parametrize("operation", ORGANISERS_ONLY.values(), ids=ORGANISERS_ONLY.keys())
async def test_organisers_operations_work_for_an_organiser(
    scene: Scene, operation: Operation
) -> None:
    await operation(scene, OFFICE)


@pytest.mark.parametrize("who", [GUEST, OFFICE], ids=["guest", "organiser"])
async def test_only_accredited_journalists_ask(scene: Scene, who: User) -> None:
    """The organisers answer requests; they are not accredited to ask them."""
    quote_requests = scene.press.centre.quote_requests
    target = await quote_requests.target(TargetKind.ORGANISERS, None)
    assert target is not None
    before = await snapshot(scene.store)
    assert not await quote_requests.may_ask(who)
    with pytest.raises(NotAllowedError) as refused:
        await quote_requests.submit(who, target, "Any news on the communiqué?", local(5, 18))
    assert refused.value.needed is Role.PRESS
    assert await snapshot(scene.store) == before
    assert await quote_requests.may_ask(JOURNALIST)


async def test_my_requests_are_only_mine(scene: Scene) -> None:
    quote_requests = scene.press.centre.quote_requests
    assert [r.id for r in await quote_requests.mine(JOURNALIST)] == [scene.request_id]
    for other in (GUEST, OFFICE, journalist(2002)):
        assert await quote_requests.mine(other) == []
