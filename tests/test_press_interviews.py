"""The interview desk's services: the people from data/, who may do what, decisions that
count once, one unit of work per decision, and the .ics of a confirmed slot."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from bot.content.loader import load_content
from bot.content.models import Text
from bot.i18n.catalogues import build_i18n
from bot.press.interview_calendar import build_interview_calendar
from bot.press.interview_values import InterviewOutcome, InterviewRequest, InterviewStatus
from bot.press.interviews import TooManyOpenError
from bot.store.holder import Store
from bot.users.access import NotAllowedError
from handlers.press.interviews.desk import queue_view
from handlers.press.interviews.mine import mine_view
from tests.conftest import DATA_DIR, local
from tests.media_kit import JOURNALIST, MediaScene, media_scene, outbox_rows, snapshot
from tests.press_kit import GUEST, OFFICE, ORGANISER, accredit, journalist

OTHER = 2002
TOPIC = "Humanitarian diplomacy in the region"


class StepFailedError(RuntimeError):
    """What the broken step raises."""


async def boom(*_args: object, **_kwargs: object) -> None:
    raise StepFailedError


@pytest.fixture
async def scene(store: Store) -> MediaScene:
    return await media_scene(store)


async def test_people_who_give_interviews_come_from_the_data(scene: MediaScene) -> None:
    people = await scene.media.interviews.interviewees()
    assert [(p.key, p.languages, p.illustrative) for p in people] == [
        ("maral-achilova", ("tk", "ru"), True),
        ("biljana-milosevic", ("en", "ru"), True),
        ("shaban-shaev", ("az", "ru"), True),
    ]
    assert people[0].name.en == "Maral Achilova"


async def test_a_request_is_for_journalists_with_times_within_the_meeting(
    scene: MediaScene,
) -> None:
    interviews, store = scene.media.interviews, scene.store
    times = [local(5, 15), local(6, 11, 30)]
    with pytest.raises(NotAllowedError):
        await interviews.request(GUEST, "maral-achilova", TOPIC, times)
    for bad in (
        [local(4, 15)],
        [local(7, 10)],
        [local(5, 8)],
        [],
        [local(5, h) for h in (10, 11, 12, 13)],
    ):
        with pytest.raises(ValueError, match="preferred times"):
            await interviews.request(journalist(JOURNALIST), "maral-achilova", TOPIC, bad)
    for topic in ("short", "x" * 501):
        with pytest.raises(ValueError, match="topic"):
            await interviews.request(journalist(JOURNALIST), "maral-achilova", topic, times)
    assert await interviews.request(journalist(JOURNALIST), "kate-forbes", TOPIC, times) is None
    assert await snapshot(store) == {"press_photos": [], "interview_requests": [], "outbox": []}

    request = await interviews.request(journalist(JOURNALIST), "maral-achilova", TOPIC, times[::-1])
    assert request is not None
    assert request.preferred == (local(5, 15), local(6, 11, 30))
    assert request.person_name.ru == "Марал Ачилова"
    assert await outbox_rows(store, "press.interview_desk") == [
        (f"{request.id}:requested", ORGANISER)
    ]


async def test_five_requests_may_wait_at_once(scene: MediaScene) -> None:
    interviews = scene.media.interviews
    for _ in range(5):
        await interviews.request(journalist(JOURNALIST), "shaban-shaev", TOPIC, [local(5, 16)])
    assert not await interviews.may_open_another(journalist(JOURNALIST))
    with pytest.raises(TooManyOpenError):
        await interviews.request(journalist(JOURNALIST), "shaban-shaev", TOPIC, [local(5, 16)])
    first = (await interviews.queue(OFFICE))[0]
    assert await interviews.decline(OFFICE, first.id, "Not this time.") is InterviewOutcome.DONE
    assert await interviews.may_open_another(journalist(JOURNALIST))


async def test_only_organisers_decide_and_a_decision_counts_once(scene: MediaScene) -> None:
    interviews, store = scene.media.interviews, scene.store
    times = [local(5, 15), local(6, 11, 30)]
    request = await interviews.request(journalist(JOURNALIST), "maral-achilova", TOPIC, times)
    assert request is not None
    for outsider in (journalist(JOURNALIST), GUEST):
        with pytest.raises(NotAllowedError):
            await interviews.confirm(outsider, request.id, 0)
        with pytest.raises(NotAllowedError):
            await interviews.propose(outsider, request.id, local(5, 17))
        with pytest.raises(NotAllowedError):
            await interviews.decline(outsider, request.id, "No.")
        with pytest.raises(NotAllowedError):
            await interviews.queue(outsider)
    assert await interviews.confirm(OFFICE, request.id, 2) is InterviewOutcome.STALE
    assert await interviews.confirm(OFFICE, 2**63 - 1, 0) is InterviewOutcome.UNKNOWN
    assert await interviews.propose(OFFICE, request.id, local(8, 10)) is InterviewOutcome.BAD_TIME

    assert await interviews.confirm(OFFICE, request.id, 1) is InterviewOutcome.DONE
    assert await interviews.confirm(OFFICE, request.id, 0) is InterviewOutcome.CLOSED
    assert await interviews.decline(OFFICE, request.id, "Too late.") is InterviewOutcome.CLOSED
    confirmed = await interviews.confirmed_for(journalist(JOURNALIST), request.id)
    assert confirmed is not None
    assert confirmed.status is InterviewStatus.CONFIRMED
    assert confirmed.slot == local(6, 11, 30)
    assert await interviews.confirmed_for(journalist(OTHER), request.id) is None
    assert await interviews.confirmed_for(OFFICE, request.id) == confirmed
    key = f"{request.id}:{confirmed.revision}"
    assert await outbox_rows(store, "press.interview") == [(key, JOURNALIST), (key, ORGANISER)]


async def test_a_proposal_is_the_askers_to_answer_and_a_newer_one_replaces_it(
    scene: MediaScene,
) -> None:
    interviews, store = scene.media.interviews, scene.store
    await accredit(store, OTHER, scene.clock)
    request = await interviews.request(
        journalist(JOURNALIST), "biljana-milosevic", TOPIC, [local(5, 15)]
    )
    assert request is not None
    assert await interviews.propose(OFFICE, request.id, local(5, 17)) is InterviewOutcome.DONE
    first = await store.interviews.get(request.id)
    assert first is not None
    assert await interviews.propose(OFFICE, request.id, local(6, 10)) is InterviewOutcome.DONE
    second = await store.interviews.get(request.id)
    assert second is not None

    answer = interviews.answer_proposal
    assert (
        await answer(journalist(OTHER), request.id, second.revision, True)
        is InterviewOutcome.UNKNOWN
    )
    with pytest.raises(NotAllowedError):
        await answer(GUEST, request.id, second.revision, True)
    assert (
        await answer(journalist(JOURNALIST), request.id, first.revision, True)
        is InterviewOutcome.STALE
    )
    assert (
        await answer(journalist(JOURNALIST), request.id, second.revision, True)
        is InterviewOutcome.DONE
    )
    done = await store.interviews.get(request.id)
    assert done is not None
    assert (done.status, done.slot) == (InterviewStatus.CONFIRMED, local(6, 10))
    assert (
        await answer(journalist(JOURNALIST), request.id, done.revision, False)
        is InterviewOutcome.CLOSED
    )
    proposals = await outbox_rows(store, "press.interview")
    assert proposals == [
        (f"{request.id}:{first.revision}", JOURNALIST),
        (f"{request.id}:{second.revision}", JOURNALIST),
        (f"{request.id}:{done.revision}", JOURNALIST),
        (f"{request.id}:{done.revision}", ORGANISER),
    ]


async def test_a_refused_proposal_closes_the_request_and_tells_the_organisers(
    scene: MediaScene,
) -> None:
    interviews, store = scene.media.interviews, scene.store
    request = await interviews.request(
        journalist(JOURNALIST), "shaban-shaev", TOPIC, [local(5, 15)]
    )
    assert request is not None
    await interviews.propose(OFFICE, request.id, local(5, 17))
    proposed = await store.interviews.get(request.id)
    assert proposed is not None
    outcome = await interviews.answer_proposal(
        journalist(JOURNALIST), request.id, proposed.revision, False
    )
    assert outcome is InterviewOutcome.DONE
    closed = await store.interviews.get(request.id)
    assert closed is not None
    assert closed.status is InterviewStatus.WITHDRAWN
    assert (f"{request.id}:refused:{closed.revision}", ORGANISER) in await outbox_rows(
        store, "press.interview_desk"
    )


CONFIRM_STEPS = {
    "asker": ("accreditations", "latest_for"),
    "notice": ("outbox", "enqueue"),
}


@pytest.mark.parametrize("step", CONFIRM_STEPS.values(), ids=CONFIRM_STEPS.keys())
async def test_a_confirmation_that_fails_midway_leaves_nothing_and_a_retry_confirms(
    scene: MediaScene, step: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    interviews, store = scene.media.interviews, scene.store
    request = await interviews.request(
        journalist(JOURNALIST), "maral-achilova", TOPIC, [local(5, 15)]
    )
    assert request is not None
    before = await snapshot(store)

    repository, method = step
    monkeypatch.setattr(getattr(store, repository), method, boom)
    with pytest.raises(StepFailedError):
        await interviews.confirm(OFFICE, request.id, 0)
    monkeypatch.undo()

    assert await snapshot(store) == before
    still = await store.interviews.get(request.id)
    assert still == request
    assert await interviews.confirmed_for(journalist(JOURNALIST), request.id) is None

    assert await interviews.confirm(OFFICE, request.id, 0) is InterviewOutcome.DONE
    done = await interviews.confirmed_for(journalist(JOURNALIST), request.id)
    assert done is not None
    key = f"{request.id}:{done.revision}"
    assert await outbox_rows(store, "press.interview") == [(key, JOURNALIST), (key, ORGANISER)]


async def test_the_ics_has_a_stable_uid_and_the_events_zone(scene: MediaScene) -> None:
    interviews = scene.media.interviews
    request = await interviews.request(
        journalist(JOURNALIST), "maral-achilova", TOPIC, [local(5, 15)]
    )
    assert request is not None
    await interviews.confirm(OFFICE, request.id, 0)
    done = await interviews.confirmed_for(journalist(JOURNALIST), request.id)
    assert done is not None
    event = await interviews.event()
    files = [
        build_interview_calendar(event, done, "Interview with Maral Achilova", TOPIC, "en")
        for _ in range(2)
    ]
    entries = [next(iter(Calendar.from_ical(f).walk("VEVENT"))) for f in files]
    assert entries[0]["UID"] == entries[1]["UID"] == f"20250905-interview-{request.id}@event-desk"
    entry = entries[0]
    assert entry["DTSTART"].params["TZID"] == "Asia/Ashgabat"
    assert entry["DTSTART"].dt == local(5, 15)
    assert entry["DTEND"].dt - entry["DTSTART"].dt == dt.timedelta(minutes=30)
    assert entry["SEQUENCE"] == done.revision
    assert "Archabil" in str(entry["LOCATION"])
    assert b"BEGIN:VTIMEZONE" in files[0]
    assert b"TZID:Asia/Ashgabat" in files[0]


def test_the_lists_of_requests_are_paged_to_the_end() -> None:
    requests = [
        InterviewRequest(
            id=number,
            journalist_id=JOURNALIST,
            person_key="maral-achilova",
            person_name=Text(ru="Марал Ачилова", en="Maral Achilova"),
            topic=f"Topic number {number}",
            preferred=(local(5, 15),),
            status=InterviewStatus.CONFIRMED if number == 12 else InterviewStatus.NEW,
            slot=local(5, 15) if number == 12 else None,
            reason=None,
            revision=1,
            updated_at=local(5, 9),
        )
        for number in range(12, 0, -1)
    ]
    event = load_content(DATA_DIR).event
    i18n = build_i18n("en")
    with i18n.context(), i18n.use_locale("en"):
        first, first_markup = mine_view(requests, 0, event, "en")
        last, last_markup = mine_view(requests, 50, event, "en")
        queue, queue_markup = queue_view(requests[::-1], 1, "en")
    assert first.startswith(
        "<b>My interview requests</b> · 1/3\n\n<b>No. 12</b> · Maral Achilova · confirmed"
    )
    assert [b.text for row in first_markup.inline_keyboard for b in row] == [
        "📅 No. 12 (.ics)",
        "›",
        "« Interviews",
    ]
    assert last.startswith("<b>My interview requests</b> · 3/3\n\n<b>No. 2</b> ·")
    assert "<b>No. 1</b> ·" in last
    assert [b.text for row in last_markup.inline_keyboard for b in row] == ["‹", "« Interviews"]
    assert queue == "<b>Interview requests</b> waiting: 12 · 2/2"
    opened = [b.text for row in queue_markup.inline_keyboard for b in row]
    assert opened[:4] == [
        "No. 9 · Maral Achilova · Topic number 9",
        "No. 10 · Maral Achilova · Topic number 10",
        "No. 11 · Maral Achilova · Topic number 11",
        "No. 12 · Maral Achilova · Topic number 12",
    ]
    assert opened[4:] == ["‹", "« Press centre"]
