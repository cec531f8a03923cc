"""Inline mode and the cards' deep links, end to end over the fake Bot API."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlparse

from bot.app import App
from bot.press.values import AccreditationForm, AccreditationStatus
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser

JSONDict = dict[str, Any]
ORGANISER = 900001
OFFICE = User(ORGANISER, "Press office", "en", Role.ORGANISER)


async def search(user: FakeUser, query: str, offset: str = "") -> JSONDict:
    return await user.inline_answer(await user.inline(query, offset=offset))


def titles(answer: JSONDict) -> list[str]:
    return [result["title"] for result in answer["results"]]


def card(answer: JSONDict, title: str) -> JSONDict:
    found = [result for result in answer["results"] if result["title"] == title]
    assert found, f"no card {title!r} in {titles(answer)}"
    return found[0]


def start_parameter(result: JSONDict) -> str:
    """The deep link of a card's only button, as Telegram would open it."""
    (button,) = [b for row in result["reply_markup"]["inline_keyboard"] for b in row]
    url = urlparse(button["url"])
    assert (url.scheme, url.netloc, url.path) == ("https", "t.me", "/event_desk_test_bot")
    return parse_qs(url.query)["start"][0]


async def open_link(user: FakeUser, parameter: str) -> JSONDict:
    await user.send(f"/start {parameter}")
    return await user.receive()


def buttons(message: JSONDict) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_a_russian_search_finds_the_session_and_its_card_opens_it(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(3001, language_code="ru")
    answer = await search(user, "ОТКРЫТИЕ")
    assert answer["is_personal"] is True
    assert 0 < answer["cache_time"] <= 60
    opening = card(answer, "Открытие встречи")
    assert opening["id"].startswith("s")
    assert opening["text"].startswith("📅 Открытие встречи\n")
    assert "ашхабадское время, UTC+5" in opening["text"]
    assert "Марал Ачилова" in opening["text"]
    assert [e["type"] for e in opening["entities"]][:1] == ["bold"]
    parameter = start_parameter(opening)
    assert parameter == f"s_{opening['id'][1:]}"
    page = await open_link(user, parameter)
    assert page["text"].startswith("Открытие встречи")
    assert "📍 Где это" in buttons(page)


async def test_an_english_search_ignores_case_and_accents(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(3002, language_code="en")
    for query in ("milosevic", "MILOŠEVIĆ", "Милошевич", "  welcome   addresses "):
        answer = await search(user, query)
        assert "Welcome addresses" in titles(answer), query
    delegations = await search(user, "red crescent turkmenistan")
    turkmenistan = card(delegations, "Red Crescent Society of Turkmenistan")
    assert "Head: Maral Achilova" in turkmenistan["text"]
    page = await open_link(user, start_parameter(turkmenistan))
    assert page["text"].startswith("Red Crescent Society of Turkmenistan")
    assert "« All delegations" in buttons(page)


async def test_the_searchers_own_language_even_when_chosen_in_the_bot(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(3003, language_code="ru")
    await user.send("/start")
    menu = await user.receive()
    await user.press(menu, "🇬🇧 English")
    await user.receive()
    assert "Opening of the meeting" in titles(await search(user, "открытие"))


async def test_an_embargoed_release_is_never_found_inline(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    clock.set(local(5, 19))
    publishing = app.dispatcher["publishing"]
    embargoed = await publishing.publish_release(
        OFFICE, "e1", "Zzsecret plans", "Body.", local(6, 12)
    )
    # Accredited once the release is out, so no notice of it lands among the answers.
    journalist = fake.user(3004, language_code="ru")
    await journalist.send("/start")
    await journalist.receive()
    form = AccreditationForm("Journalist Name", "Newsroom", "correspondent", "+993 12 345678")
    application = await app.store.accreditations.apply(journalist.id, form, clock.now())
    assert application is not None
    await app.store.accreditations.decide(
        application.id, AccreditationStatus.APPROVED, ORGANISER, clock.now()
    )
    found = await search(journalist, "открылась")
    release = card(found, next(t for t in titles(found) if t.startswith("В Ашхабаде")))
    assert release["id"].startswith("r")
    page = await open_link(journalist, start_parameter(release))
    assert "В Ашхабаде открылась" in page["text"]

    hidden = await search(journalist, "zzsecret")
    assert hidden["results"] == []
    assert hidden["button"]["text"] == "Ничего не найдено — откройте бота"
    # The journalist reads it in the bot; anyone else gets a clear answer.
    assert "Zzsecret plans" in (await open_link(journalist, f"r_{embargoed.id}"))["text"]
    guest = fake.user(3005, language_code="en")
    refused = await open_link(guest, f"r_{embargoed.id}")
    assert refused["text"] == "This press release is not available: see /releases."

    clock.set(local(6, 12, 1))
    assert titles(await search(journalist, "zzsecret")) == ["Zzsecret plans"]


async def test_forged_links_get_a_clear_answer_and_reach_no_store(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(3006, language_code="en")
    broken = "This link is broken or out of date. Send /start for the menu."
    for parameter in ("s_", "s_x1", "s_0", "d_-1", "r_1_2", "s_" + "9" * 25, f"d_{2**63}"):
        assert (await open_link(user, parameter))["text"] == broken, parameter
    gone = await open_link(user, f"s_{2**63 - 1}")
    assert gone["text"] == "This session is no longer in the programme: see /agenda."
    assert (await open_link(user, "d_999999"))["text"].startswith("This delegation is no longer")
    assert (await open_link(user, "search"))["text"].startswith("Hello")


async def test_long_queries_are_refused_and_pages_follow_telegrams_offsets(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(3007, language_code="en")
    refused = await search(user, "x" * 300)
    assert refused["results"] == []
    assert refused["button"] == {
        "text": "The search is too long: at most 256 characters",
        "start_parameter": "search",
    }
    first = await search(user, "")
    assert len(first["results"]) == 17  # 6 sessions, 11 delegations, no release yet
    assert first["next_offset"] == ""
    many = [f"Release {number}" for number in range(25)]
    for number, title in enumerate(many):
        await app.dispatcher["publishing"].publish_release(
            OFFICE, f"p{number}", title, "Body.", None
        )
    page_one = await search(user, "")
    assert len(page_one["results"]) == 20
    assert page_one["next_offset"] == "20"
    page_two = await search(user, "", offset="20")
    assert page_two["next_offset"] == "40"
    last = await search(user, "", offset="40")
    assert len(last["results"]) == 2
    assert last["next_offset"] == ""
    for forged in ("-5", "abc", "9" * 30):
        assert titles(await search(user, "", offset=forged)) == titles(page_one), forged
    every_id = [r["id"] for page in (page_one, page_two, last) for r in page["results"]]
    assert len(set(every_id)) == 42


async def test_an_inline_search_does_not_make_a_stranger_a_user(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    stranger = fake.user(3008, language_code="en")
    assert titles(await search(stranger, "opening"))
    assert not await app.store.users.exists(stranger.id)
    clock.advance(dt.timedelta(minutes=1))
    await stranger.send("/start")
    await stranger.receive()
    assert await app.store.users.exists(stranger.id)
