"""Each press operation is one unit of work: a failure between its steps leaves nothing.

A later step is made to fail (the repository method or the outbox raises); afterwards no
decision, role, subscription, row or queued notice of the operation is in the store, and
the same operation, tried again, does everything (never «already decided»).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bot.content.service import ContentService
from bot.press.accreditation import DecideOutcome
from bot.press.quote_requests import Outcome
from bot.press.values import AccreditationForm, AccreditationStatus, RequestStatus, TargetKind
from bot.store.holder import Store
from bot.summaries.service import PublishOutcome
from bot.users.values import Role
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.press_kit import (
    OFFICE,
    ORGANISER,
    Press,
    accredit,
    journalist,
    known,
    press_services,
    snapshot,
    store_delivery,
)

JOURNALIST = 2001
APPLICANT = 2003
SUBSCRIBER = 2004
DAY_TWO = dt.date(2025, 9, 6)


class StepFailedError(RuntimeError):
    """What the broken step raises."""


async def boom(*_args: object, **_kwargs: object) -> None:
    raise StepFailedError


@dataclass(frozen=True)
class Scene:
    store: Store
    clock: ManualClock
    press: Press


@pytest.fixture
async def scene(store: Store) -> Scene:
    """A loaded store, an accredited journalist, a subscriber, everything due already sent."""
    clock = ManualClock(local(5, 9))
    await ContentService(store, clock).load(DATA_DIR)
    await known(store, ORGANISER, clock)
    await accredit(store, JOURNALIST, clock)
    await known(store, SUBSCRIBER, clock)
    await store.press_subscribers.set(SUBSCRIBER, True)
    press = press_services(store, clock, store_delivery(store, clock))
    await press.centre.publishing.run_due()
    return Scene(store, clock, press)


async def outbox_rows(store: Store, kind: str) -> list[tuple[object, ...]]:
    rows = await store.db.execute_fetchall(
        "SELECT key, chat_id FROM outbox WHERE kind = ? ORDER BY key, chat_id", (kind,)
    )
    return [tuple(row) for row in rows]


# ------------------------------------------------------------------ approval


APPROVAL_STEPS = {
    "subscription": ("press_subscribers", "subscribe_by_default"),
    "role": ("users", "set_role"),
    "notice": ("outbox", "enqueue"),
}


@pytest.mark.parametrize("step", APPROVAL_STEPS.values(), ids=APPROVAL_STEPS.keys())
async def test_an_approval_that_fails_midway_leaves_nothing_and_a_retry_approves(
    scene: Scene, step: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, accreditation = scene.store, scene.press.centre.accreditation
    await known(store, APPLICANT, scene.clock)
    form = AccreditationForm("Jane Doe", "Daily News", "editor", "jane@example.org")
    application = await store.accreditations.apply(APPLICANT, form, scene.clock.now())
    assert application is not None
    before = await snapshot(store)

    repository, method = step
    monkeypatch.setattr(getattr(store, repository), method, boom)
    with pytest.raises(StepFailedError):
        await accreditation.decide(OFFICE, application.id, approve=True)
    monkeypatch.undo()

    assert await snapshot(store) == before
    latest = await store.accreditations.latest_for(APPLICANT)
    assert latest is not None
    assert latest.status is AccreditationStatus.PENDING
    # The applicant comes back with the same profile: what the bot then acts on.
    visit = await store.users.touch(APPLICANT, "Someone", None, "en", scene.clock.now())
    assert visit.stored.role is Role.GUEST, "the role must not linger in memory either"

    outcome, decided = await accreditation.decide(OFFICE, application.id, approve=True)
    assert outcome is DecideOutcome.DONE
    assert decided is not None
    assert decided.status is AccreditationStatus.APPROVED
    stored = await store.users.stored(APPLICANT)
    assert stored is not None
    assert stored.role is Role.PRESS
    assert await store.press_subscribers.is_subscribed(APPLICANT)
    assert await outbox_rows(store, "press.accreditation") == [(str(application.id), APPLICANT)]


# ------------------------------------------------------------------ publishing a release


RELEASE_STEPS = {
    "notice": ("outbox", "enqueue"),
    "bookkeeping": ("press_releases", "mark_announced"),
}


@pytest.mark.parametrize("step", RELEASE_STEPS.values(), ids=RELEASE_STEPS.keys())
async def test_a_release_that_fails_midway_is_not_published_and_a_retry_publishes(
    scene: Scene, step: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, publishing = scene.store, scene.press.centre.publishing
    before = await snapshot(store)

    repository, method = step
    monkeypatch.setattr(getattr(store, repository), method, boom)
    with pytest.raises(StepFailedError):
        await publishing.publish_release(OFFICE, "draft", "A statement", "The text.", None)
    monkeypatch.undo()

    assert await snapshot(store) == before
    assert all(r.key != "chat:draft" for r in await publishing.releases_for(ORGANISER))

    release = await publishing.publish_release(OFFICE, "draft", "A statement", "The text.", None)
    assert release in await publishing.releases_for(SUBSCRIBER)
    key = str(release.id)
    assert await outbox_rows(store, "press.release") == [(key, JOURNALIST), (key, SUBSCRIBER)]


# ------------------------------------------------------------------ publishing a summary


SUMMARY_STEPS = {
    "notice": ("outbox", "enqueue"),
    "bookkeeping": ("summaries", "mark_pushed"),
}


@pytest.mark.parametrize("step", SUMMARY_STEPS.values(), ids=SUMMARY_STEPS.keys())
async def test_a_summary_that_fails_midway_is_not_published_and_a_retry_publishes(
    scene: Scene, step: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, summaries = scene.store, scene.press.summaries
    before = await snapshot(store)

    repository, method = step
    monkeypatch.setattr(getattr(store, repository), method, boom)
    with pytest.raises(StepFailedError):
        await summaries.publish(OFFICE, "draft", DAY_TWO, "Day two", "What happened.")
    monkeypatch.undo()

    assert await snapshot(store) == before
    assert await summaries.for_day(DAY_TWO) is None

    outcome = await summaries.publish(OFFICE, "draft", DAY_TWO, "Day two", "What happened.")
    assert outcome is PublishOutcome.PUBLISHED
    summary = await summaries.for_day(DAY_TWO)
    assert summary is not None
    assert summary.title.en == "Day two"
    pushed = [
        row for row in await outbox_rows(store, "press.summary") if row[0] == "2025-09-06:draft"
    ]
    assert pushed == [("2025-09-06:draft", JOURNALIST), ("2025-09-06:draft", SUBSCRIBER)]


# ------------------------------------------------------------------ answering a request


ANSWER_STEPS = {
    "quote bank": ("quote_bank", "add_from_chat"),
    "notice": ("outbox", "enqueue"),
}


@pytest.mark.parametrize("step", ANSWER_STEPS.values(), ids=ANSWER_STEPS.keys())
async def test_an_answer_that_fails_midway_leaves_the_request_open_and_a_retry_answers(
    scene: Scene, step: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, quote_requests = scene.store, scene.press.centre.quote_requests
    speaker = await quote_requests.target(TargetKind.PERSON, "maral-achilova")
    assert speaker is not None, "a speaker from data/"
    request = await quote_requests.submit(
        journalist(JOURNALIST), speaker, "What will the societies do together?", local(5, 18)
    )
    before = await snapshot(store)

    repository, method = step
    monkeypatch.setattr(getattr(store, repository), method, boom)
    with pytest.raises(StepFailedError):
        await quote_requests.answer(OFFICE, request.id, "A joint plan.", to_bank=True)
    monkeypatch.undo()

    assert await snapshot(store) == before
    still = await quote_requests.for_organiser(OFFICE, request.id)
    assert still is not None
    assert still.status is RequestStatus.NEW

    outcome = await quote_requests.answer(OFFICE, request.id, "A joint plan.", to_bank=True)
    assert outcome is Outcome.DONE
    answered = await quote_requests.for_organiser(OFFICE, request.id)
    assert answered is not None
    assert answered.status is RequestStatus.ANSWERED
    bank = await scene.press.centre.quote_bank.by_speaker()
    assert any(q.key == f"chat:request-{request.id}" for g in bank for q in g.quotes)
    assert await outbox_rows(store, "press.request_closed") == [(str(request.id), JOURNALIST)]
