"""The console's press queue and applications: the press services, the journalist's notice
over the fake Bot API, deadlines marked, refusals that change nothing, ru and en."""

from __future__ import annotations

import datetime as dt

from bot.app import App
from bot.press.values import AccreditationForm, QuoteRequest, RequestStatus, TargetKind
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI
from tests.press_kit import accredit, snapshot
from tests.test_web_auth import fetch, signed

ORGANISER = User(900001, "Press office", "en", Role.ORGANISER)
FORM = AccreditationForm("Aylar <Amanova>", "Daily News", "correspondent", "+993 12 345678")


async def written(app: App) -> tuple[object, ...]:
    """What a decision or a closed request writes: its rows, and how many messages are queued
    (the worker changes the states of rows queued earlier, so only their number is compared)."""
    rows = await snapshot(app.store)
    [(outbox,)] = await app.store.db.execute_fetchall("SELECT count(*) FROM outbox")
    return rows["accreditations"], rows["quote_requests"], rows["quotes"], rows["users"], outbox


async def apply(app: App, fake: FakeBotAPI, user_id: int, language: str = "en") -> int:
    """A journalist who talked to the bot applies, as chat's form would."""
    journalist = fake.user(user_id, language_code=language)
    await journalist.send("/start")
    await journalist.receive()
    accreditation = app.dispatcher["accreditation"]
    await accreditation.apply(User(user_id, "Aylar", language), FORM)
    [application] = [a for a in await accreditation.pending(ORGANISER) if a.user_id == user_id]
    return application.id


async def ask(
    app: App, clock: ManualClock, user_id: int, hours: float, fake: FakeBotAPI | None = None
) -> QuoteRequest:
    """An accredited journalist's request to the organisers, due in ``hours``; ``fake``: the
    journalist has a Telegram chat the answer can reach."""
    if fake is not None:
        fake.user(user_id, language_code="en")
    await accredit(app.store, user_id, clock)
    service = app.dispatcher["quote_requests"]
    target = await service.target(TargetKind.ORGANISERS, None)
    journalist = User(user_id, "Journalist", "en", Role.PRESS)
    deadline = clock.now() + dt.timedelta(hours=hours)
    return await service.submit(journalist, target, "What will <the> meeting decide?", deadline)


async def test_an_organiser_approves_an_application_and_the_journalist_is_told(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    application_id = await apply(app, fake, 6101)
    status, body, _ = await fetch(base, "/app/organiser/press", signed(ORGANISER.id, clock))
    assert status == 200
    assert f'data-application="{application_id}"' in body
    assert "Aylar &lt;Amanova&gt;" in body
    status, body, _ = await fetch(
        base, f"/app/organiser/application/{application_id}", signed(ORGANISER.id, clock)
    )
    assert status == 200
    assert "Daily News" in body
    assert "+993 12 345678" in body
    path = f"/app/organiser/application/{application_id}/approve"
    status, body, _ = await fetch(base, path, signed(ORGANISER.id, clock), method="POST")
    assert status == 200
    assert "Approved: the journalist was told." in body
    notice = await fake.user(6101).receive()
    assert "Your accreditation is approved" in notice["text"]
    assert await app.dispatcher["access"].role_of(6101) is Role.PRESS
    before = await written(app)
    status, body, _ = await fetch(base, path, signed(ORGANISER.id, clock), method="POST")
    assert status == 409
    assert "already been decided" in body
    assert await written(app) == before


async def test_a_rejection_in_russian_reaches_the_journalist_in_russian(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    application_id = await apply(app, fake, 6102, language="ru")
    headers = signed(ORGANISER.id, clock, language="ru")
    _, body, _ = await fetch(base, "/app/organiser/press", headers)
    assert "Очередь прессы" in body
    assert "Заявок" not in body.split("Очередь прессы")[0]
    path = f"/app/organiser/application/{application_id}/reject"
    status, body, _ = await fetch(base, path, headers, method="POST")
    assert status == 200
    assert "Отклонено: журналист получил уведомление." in body
    notice = await fake.user(6102).receive()
    assert "не одобрена" in notice["text"]


async def test_the_queue_lists_oldest_first_and_marks_deadlines(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    first = await ask(app, clock, 6201, hours=0.5)
    second = await ask(app, clock, 6202, hours=48)
    _, body, _ = await fetch(base, "/app/organiser/press", signed(ORGANISER.id, clock))
    assert body.index(f'data-request="{first.id}"') < body.index(f'data-request="{second.id}"')
    rows = body.split(f'data-request="{second.id}"')
    assert 'data-flag="due_soon"' in rows[0]
    assert 'data-flag="' not in rows[1].split("</a>")[0]
    clock.advance(dt.timedelta(hours=1))
    _, body, _ = await fetch(
        base, f"/app/organiser/request/{first.id}", signed(ORGANISER.id, clock)
    )
    assert 'data-flag="overdue"' in body


async def test_take_and_answer_a_request_the_journalist_gets_chats_notice(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    request = await ask(app, clock, 6301, hours=24, fake=fake)
    headers = signed(ORGANISER.id, clock)
    path = f"/app/organiser/request/{request.id}"
    status, body, _ = await fetch(base, path + "/take", headers, method="POST")
    assert status == 200
    assert "Taken: it is yours now." in body
    assert 'data-status="taken"' in body
    status, body, _ = await fetch(
        base, path + "/answer", headers, method="POST", data={"text": "We <expect> a decision."}
    )
    assert status == 200
    assert "The answer was sent to the journalist." in body
    notice = await fake.user(6301).receive()
    assert "Answer to your request No." in notice["text"]
    assert "We <expect> a decision." in notice["text"]
    closed = await app.store.quote_requests.get(request.id)
    assert closed is not None
    assert closed.status is RequestStatus.ANSWERED


async def test_decline_with_a_reason_and_bad_reasons_change_nothing(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    request = await ask(app, clock, 6401, hours=24, fake=fake)
    headers = signed(ORGANISER.id, clock)
    path = f"/app/organiser/request/{request.id}/decline"
    await fetch(base, "/app/organiser/press", headers)  # the organiser is seen: a users row
    before = await written(app)
    for reason, problem in (
        ("", "the field is empty"),
        ("no", "at least 3"),
        ("x" * 501, "at most 500"),
    ):
        status, body, _ = await fetch(base, path, headers, method="POST", data={"reason": reason})
        assert status == 400, reason
        assert problem in body
    status, body, _ = await fetch(
        base, path.replace("decline", "answer"), headers, method="POST", data={"text": "/start"}
    )
    assert status == 400
    assert "cannot start with «/»" in body
    status, body, _ = await fetch(
        base,
        path.replace("decline", "answer"),
        headers,
        method="POST",
        data={"text": "Fine answer", "bank": "1"},
    )
    assert status == 409
    assert "Only an answer from a speaker" in body
    assert await written(app) == before
    status, body, _ = await fetch(
        base, path, headers, method="POST", data={"reason": "Outside our remit."}
    )
    assert status == 200
    assert "the journalist was told" in body
    notice = await fake.user(6401).receive()
    assert "was declined" in notice["text"]
    assert "Outside our remit." in notice["text"]
    status, body, _ = await fetch(base, path, headers, method="POST", data={"reason": "Again."})
    assert status == 409
    assert "already been answered or declined" in body
