"""The press centre's second edition asked of the services directly (no chat).

Bilingual releases and their bad input, the embargo record in the unit of work of the
delivery it records (a failure in between leaves nothing; a retry records once), and
documents of an embargoed release for accredited journalists only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from bot.content import load_content
from bot.content.models import PressAccess
from bot.content.service import ContentService
from bot.forms.input import InputRejectedError
from bot.press.values import EmbargoChannel, Version, written_language
from bot.store.holder import Store
from bot.users.access import NotAllowedError
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
    store_delivery,
)

JOURNALIST = 2001
NOON = local(5, 12)


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
    clock = ManualClock(local(5, 9))
    await ContentService(store, clock).load(DATA_DIR)
    await known(store, ORGANISER, clock)
    await accredit(store, JOURNALIST, clock)
    press = press_services(store, clock, store_delivery(store, clock))
    await press.centre.publishing.run_due()
    return Scene(store, clock, press)


async def everything(store: Store) -> dict[str, list[tuple[object, ...]]]:
    rows = await store.db.execute_fetchall("SELECT * FROM embargo_log")
    return {**await snapshot(store), "embargo_log": [tuple(row) for row in rows]}


def test_the_language_of_a_text_is_told_by_its_alphabet() -> None:
    assert written_language("Встреча открылась в отеле «Archabil»") == "ru"
    assert written_language("The meeting opened at the Archabil Hotel") == "en"
    assert written_language("2025") == "ru"  # no letters: the default language


async def test_a_release_in_two_languages_is_stored_once_with_both(scene: Scene) -> None:
    publishing = scene.press.centre.publishing
    release = await publishing.publish_release(
        OFFICE,
        "two",
        "  Итоги дня  ",
        "Текст релиза.",
        None,
        language="ru",
        translation=Version("en", "The day", "The text of the release."),
    )
    assert (release.title.ru, release.title.en) == ("Итоги дня", "The day")
    assert release.body.en == "The text of the release."
    assert release.written_in == ("en", "ru")
    assert release.written_for("en")
    only_ru = await publishing.publish_release(
        OFFICE, "one", "Итоги дня", "Текст релиза.", None, language="ru"
    )
    assert only_ru.title.en == "Итоги дня"
    assert only_ru.written_in == ("ru",)
    assert not only_ru.written_for("en")


BAD_RELEASES = {
    "unknown language": {"language": "de"},
    "the same language twice": {
        "language": "ru",
        "translation": Version("ru", "Ещё раз", "Тот же язык."),
    },
    "a translation of a text of no known language": {
        "translation": Version("en", "The day", "The text."),
    },
    "a translation into a language the bot does not speak": {
        "language": "ru",
        "translation": Version("uz", "Kun", "Matn."),
    },
}


@pytest.mark.parametrize("options", BAD_RELEASES.values(), ids=BAD_RELEASES.keys())
async def test_a_release_in_languages_the_bot_cannot_serve_is_refused(
    scene: Scene, options: dict[str, object]
) -> None:
    before = await everything(scene.store)
    with pytest.raises(ValueError, match="one version per language"):
        await scene.press.centre.publishing.publish_release(
            OFFICE,
            "bad",
            "Итоги дня",
            "Текст.",
            None,
            **options,  # type: ignore[arg-type]
        )
    assert await everything(scene.store) == before


@pytest.mark.parametrize(
    ("title", "body", "embargo"),
    [
        ("   ", "Text.", None),
        ("Title", "", None),
        ("T" * 201, "Text.", None),
        ("Title", "B" * 8001, None),
        ("Title", "Text.", local(5, 8)),
        ("Title", "Text.", local(5, 9) + dt.timedelta(days=15)),
    ],
    ids=["blank title", "empty body", "title too long", "body too long", "past", "too far"],
)
async def test_bad_text_or_embargo_is_refused_by_the_service(
    scene: Scene, title: str, body: str, embargo: dt.datetime | None
) -> None:
    before = await everything(scene.store)
    with pytest.raises((InputRejectedError, ValueError)):
        await scene.press.centre.publishing.publish_release(
            OFFICE, "bad", title, body, embargo, language="en"
        )
    assert await everything(scene.store) == before


async def test_only_organisers_publish_in_two_languages(scene: Scene) -> None:
    before = await everything(scene.store)
    for who in (GUEST, journalist(JOURNALIST)):
        with pytest.raises(NotAllowedError):
            await scene.press.centre.publishing.publish_release(
                who, "x", "Title", "Text.", None, language="en"
            )
    assert await everything(scene.store) == before


EMBARGO_STEPS = {
    "the notices": ("outbox", "enqueue"),
    "the record": ("embargo_log", "record"),
}


@pytest.mark.parametrize("step", EMBARGO_STEPS.values(), ids=EMBARGO_STEPS.keys())
async def test_an_embargoed_release_failing_midway_leaves_no_record_and_a_retry_records_once(
    scene: Scene, step: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, publishing = scene.store, scene.press.centre.publishing
    before = await everything(store)
    repository, method = step
    monkeypatch.setattr(getattr(store, repository), method, boom)
    with pytest.raises(StepFailedError):
        await publishing.publish_release(OFFICE, "e", "Statement", "Text.", NOON, language="en")
    monkeypatch.undo()
    assert await everything(store) == before

    release = await publishing.publish_release(
        OFFICE, "e", "Statement", "Text.", NOON, language="en"
    )
    await publishing.run_due()
    assert await store.embargo_log.of_release(release.id) == [(JOURNALIST, EmbargoChannel.NOTICE)]


async def test_documents_of_an_embargoed_release_only_to_the_accredited_and_on_record(
    scene: Scene,
) -> None:
    store, publishing = scene.store, scene.press.centre.publishing
    release = await publishing.publish_release(
        OFFICE, "e", "Statement", "Text.", NOON, language="en"
    )
    sent: list[int] = []

    async def send() -> None:
        sent.append(1)

    assert await publishing.hand_over(GUEST, release.id, EmbargoChannel.PDF, send) is None
    assert sent == []

    async def failing() -> None:
        raise StepFailedError

    with pytest.raises(StepFailedError):
        await publishing.hand_over(journalist(JOURNALIST), release.id, EmbargoChannel.PDF, failing)
    assert await store.embargo_log.of_release(release.id) == [(JOURNALIST, EmbargoChannel.NOTICE)]
    handed = await publishing.hand_over(
        journalist(JOURNALIST), release.id, EmbargoChannel.DOCX, send
    )
    assert handed == release
    assert sent == [1]
    scene.clock.set(NOON)
    await publishing.hand_over(GUEST, release.id, EmbargoChannel.PDF, send)
    assert sent == [1, 1]
    assert await store.embargo_log.count_by_channel() == {
        EmbargoChannel.NOTICE: 1,
        EmbargoChannel.DOCX: 1,
        EmbargoChannel.PDF: 0,
    }


async def test_a_request_about_a_session_not_in_the_programme_is_refused(scene: Scene) -> None:
    quote_requests = scene.press.centre.quote_requests
    found = await quote_requests.about_session("d2-income")
    assert found is not None
    target, session = found
    assert session.press is PressAccess.CLOSED
    assert await quote_requests.about_session("no-such-session") is None
    before = await everything(scene.store)
    forged = replace(target, session_key="no-such-session")
    with pytest.raises(ValueError, match="no session"):
        await quote_requests.submit(journalist(JOURNALIST), forged, "What was decided?", NOON)
    with pytest.raises(NotAllowedError):
        await quote_requests.submit(GUEST, target, "What was decided?", NOON)
    assert await everything(scene.store) == before
    request = await quote_requests.submit(journalist(JOURNALIST), target, "What was decided?", NOON)
    assert request.session_key == "d2-income"
    assert request.target_label.ru.startswith("Организаторы — о заседании «Развитие доходо")


async def test_press_access_loads_from_data_and_a_change_of_it_alone_tells_no_subscriber(
    scene: Scene,
) -> None:
    store = scene.store
    sessions = {s.key: s for s in await store.programme.sessions()}
    assert sessions["d1-opening"].press is PressAccess.OPEN
    assert sessions["d1-presentations"].press is PressAccess.CLOSED
    content = load_content(DATA_DIR)
    day = content.programme.days[0]
    opened = day.model_copy(
        update={
            "sessions": [s.model_copy(update={"press": PressAccess.OPEN}) for s in day.sessions]
        }
    )
    changed = content.model_copy(
        update={
            "programme": content.programme.model_copy(
                update={"days": [opened, *content.programme.days[1:]]}
            )
        }
    )
    count = "SELECT count(*) FROM session_changes"
    pending = (await store.db.execute_fetchall(count))[0][0]
    report = await store.content.apply(changed, scene.clock.now())
    assert {c.key for c in report.session_changes} == {"d1-discussion", "d1-presentations"}
    after = {s.key: s for s in await store.programme.sessions()}
    assert after["d1-presentations"].press is PressAccess.OPEN
    assert after["d1-presentations"].revision == sessions["d1-presentations"].revision + 1
    assert (await store.db.execute_fetchall(count))[0][0] == pending, "no notice to anyone"
