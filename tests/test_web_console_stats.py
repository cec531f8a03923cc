"""/stats as server-drawn SVG charts, each with a title and its figures as a table."""

from __future__ import annotations

import html

from bot.app import App
from bot.users.values import Role
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI
from tests.press_kit import known
from tests.test_web_auth import fetch, signed
from tests.test_web_console_press import ask

ORGANISER = 900001
PATH = "/app/organiser/stats"


def chart(body: str, key: str) -> str:
    return body.split(f'<figure class="card chart" data-chart="{key}">')[1].split("</figure>")[0]


async def test_three_charts_with_titles_and_tables_from_the_store(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    [session, *_] = await app.dispatcher["agenda"].programme()
    for user_id in (7301, 7302):
        await known(app.store, user_id, clock)
        await app.dispatcher["reminders"].remind(user_id, session.id)
    await ask(app, clock, 7303, hours=24)
    delegate = fake.user(7304, language_code="en")
    await delegate.send("/start")
    await delegate.receive()
    await app.dispatcher["access"].grant(7304, Role.PRESS)
    await fetch(
        base,
        "/app/organiser/broadcast/send",
        signed(ORGANISER, clock),
        method="POST",
        data={"kind": "press", "text": "Briefing", "token": "c" * 32},
    )
    await delegate.receive()
    status, body, _ = await fetch(base, PATH, signed(ORGANISER, clock))
    assert status == 200
    followers = chart(body, "followers")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in followers
    assert '<title id="chart-followers">Followers per session</title>' in followers
    assert 'data-value="2"' in followers
    assert "<caption>Followers per session</caption>" in followers
    press = chart(body, "press")
    assert '<th scope="row">new</th><td>1</td>' in press
    deliveries = chart(body, "deliveries")
    assert "Messages sent per hour" in deliveries
    assert "<td>1</td>" in deliveries, "the broadcast sent this hour"
    assert "<script" not in body


async def test_the_sessions_ratings_are_a_chart(web: tuple[App, str], clock: ManualClock) -> None:
    app, base = web
    [session, *_] = await app.dispatcher["agenda"].programme()
    for user_id, stars in ((7311, 5), (7312, 5), (7313, 3)):
        await known(app.store, user_id, clock)
        await app.store.feedback.rate(session.id, user_id, stars, clock.now())
    status, body, _ = await fetch(base, PATH, signed(ORGANISER, clock))
    assert status == 200
    ratings = chart(body, "ratings")
    assert "Ratings of the sessions (1–5 stars)" in ratings
    assert html.escape(session.title.en) in ratings
    assert "<td>2</td>" in ratings  # two 5 ★
    assert "<td>1</td>" in ratings  # one 3 ★


async def test_stats_in_russian_and_refused_to_a_journalist(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    status, body, _ = await fetch(base, PATH, signed(ORGANISER, clock, language="ru"))
    assert status == 200
    assert "Подписчики по сессиям" in body
    await app.dispatcher["access"].grant(7401, Role.PRESS)
    status, body, _ = await fetch(base, PATH, signed(7401, clock))
    assert status == 403
    assert "organisers only" in body


async def test_an_empty_chart_says_no_data_yet_instead_of_a_lone_axis(
    web: tuple[App, str], clock: ManualClock
) -> None:
    """Nothing sent, nothing rated: no «1» on an empty axis, but «no data yet», in ru and en."""
    _app, base = web
    status, body, _ = await fetch(base, PATH, signed(ORGANISER, clock))
    assert status == 200
    for key in ("deliveries", "ratings"):
        empty = chart(body, key)
        assert "No data yet." in empty
        assert "<svg" not in empty
        assert ">1</text>" not in empty
    status, body, _ = await fetch(base, PATH, signed(ORGANISER, clock, language="ru"))
    assert "Данных пока нет." in chart(body, "ratings")
