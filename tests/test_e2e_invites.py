"""Roles by invite link, end to end: create, open, use up, revoke, and refuse non-organisers."""

from __future__ import annotations

import re

from bot.app import App
from bot.users.access import AccessService
from bot.users.values import Role
from tests.fake_bot_api import FakeBotAPI

ORGANISER = 900001
LINK = re.compile(r"https://t\.me/event_desk_test_bot\?start=(inv_[A-Za-z0-9_-]+)")


def payload_in(text: str) -> str:
    found = LINK.search(text)
    assert found, f"no invite link in {text!r}"
    return found.group(1)


async def role_of(app: App, user_id: int) -> Role:
    return await AccessService(app.store, app.settings.organiser_ids).role_of(user_id)


async def test_delegate_invite_binds_the_delegation_and_is_single_use(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/invite delegate kazakhstan")
    created = await organiser.receive()
    assert "single use" in created["text"]
    payload = payload_in(created["text"])

    delegate = fake.user(2001, language_code="en")
    await delegate.send(f"/start {payload}")
    welcome = await delegate.receive()
    assert welcome["text"] == (
        "Welcome! You are registered as a delegate of Red Crescent Society of Kazakhstan."
    )
    assert (await delegate.receive())["text"].startswith("Hello")
    assert await role_of(app, 2001) is Role.DELEGATE
    stored = await app.store.users.stored(2001)
    assert stored is not None
    assert stored.delegation_id == (await app.store.delegations.all())[1].id

    await delegate.send(f"/start {payload}")  # a second tap by the same person is harmless
    assert "delegate of" in (await delegate.receive())["text"]
    await delegate.receive()

    latecomer = fake.user(2002, language_code="ru")
    await latecomer.send(f"/start {payload}")
    assert "уже воспользовались" in (await latecomer.receive())["text"]
    await latecomer.receive()
    assert await role_of(app, 2002) is Role.GUEST


async def test_multi_use_invite_then_revoked(fake: FakeBotAPI, app: App) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/invite press multi")
    created = await organiser.receive()
    assert "any number of people" in created["text"]
    payload = payload_in(created["text"])
    for user_id in (2101, 2102, 2103):
        journalist = fake.user(user_id, language_code="en")
        await journalist.send(f"/start {payload}")
        assert (await journalist.receive())["text"] == "Welcome! You are registered as: press."
        await journalist.receive()
        assert await role_of(app, user_id) is Role.PRESS

    await organiser.send("/invites")
    listing = await organiser.receive()
    assert "used 3 times" in listing["text"]
    await organiser.press(listing, "Revoke")
    revoked = await organiser.receive()
    assert revoked["message_id"] == listing["message_id"]
    assert revoked["text"].startswith("Invite revoked")
    assert "No open invites" in revoked["text"]

    late = fake.user(2104, language_code="en")
    await late.send(f"/start {payload}")
    assert "was revoked" in (await late.receive())["text"]
    await late.receive()
    assert await role_of(app, 2104) is Role.GUEST


async def test_organiser_invite_makes_an_organiser_who_can_invite(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/invite organiser")
    payload = payload_in((await organiser.receive())["text"])
    colleague = fake.user(2201, language_code="en")
    await colleague.send(f"/start {payload}")
    assert "organiser" in (await colleague.receive())["text"]
    await colleague.receive()
    await colleague.send("/invite press 5")
    assert "up to 5 people" in (await colleague.receive())["text"]

    # An organiser opening a press link stays an organiser.
    await organiser.send("/invite press")
    press_link = payload_in((await organiser.receive())["text"])
    await colleague.send(f"/start {press_link}")
    assert "organiser already" in (await colleague.receive())["text"]
    await colleague.receive()
    assert await role_of(app, 2201) is Role.ORGANISER


async def test_bad_invite_requests_and_links_get_clear_answers(fake: FakeBotAPI, app: App) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    for command in ("/invite", "/invite chef", "/invite delegate", "/invite press 1 2"):
        await organiser.send(command)
        assert (await organiser.receive())["text"].startswith("How to invite")
    await organiser.send("/invite delegate atlantis")
    assert "no delegation atlantis" in (await organiser.receive())["text"]
    await organiser.send("/invite press lots")
    assert "is not a number of uses" in (await organiser.receive())["text"]
    await organiser.send("/invite press 0")
    assert "is not a number of uses" in (await organiser.receive())["text"]

    stranger = fake.user(2301, language_code="en")
    await stranger.send("/start inv_forged0000000000")
    assert "not valid" in (await stranger.receive())["text"]
    await stranger.receive()
    assert await app.store.invites.usable() == []


async def test_only_organisers_invite_or_revoke(fake: FakeBotAPI, app: App) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/invite press")
    created = await organiser.receive()
    guest = fake.user(2401, language_code="en")
    for command in ("/invite press", "/invites"):
        await guest.send(command)
        assert (await guest.receive())["text"] == "Only organisers can create or revoke invites."
    query = await guest.press(created, "Revoke")
    answer = await guest.wait_answer(query)
    assert answer["text"] == "Only organisers can revoke invites."
    assert len(await app.store.invites.usable()) == 1


async def test_a_new_organiser_gets_the_organisers_command_menu_and_help(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/invite organiser")
    payload = payload_in((await organiser.receive())["text"])
    colleague = fake.user(2301, language_code="ru")
    await colleague.send(f"/start {payload}")
    await colleague.receive()
    await colleague.receive()
    menus = [
        call.params
        for call in fake.calls_to("setMyCommands")
        if (call.params.get("scope") or {}).get("chat_id") == 2301
    ]
    assert menus, "the new organiser's chat got its own command menu"
    commands = [c["command"] for c in menus[-1]["commands"]]
    assert {"broadcast", "invite", "queue", "stats"} <= set(commands)
    assert menus[-1]["commands"][0]["description"] == "Главное меню"
    await colleague.send("/help")
    assert "/broadcast — Отправить объявление" in (await colleague.receive())["text"]

    guest = fake.user(2302, language_code="en")
    await guest.send("/help")
    assert "/broadcast" not in (await guest.receive())["text"]


async def test_organisers_add_organisers(fake: FakeBotAPI, app: App) -> None:
    """Copied from tests/test_e2e_press.py: /add_organiser now lives with invites and roles."""
    office = fake.user(ORGANISER, language_code="en")
    newcomer = fake.user(2090, language_code="en")
    await newcomer.send("/add_organiser 2090")
    assert (await newcomer.receive())["text"] == "Only the organisers can do this."
    await newcomer.send("/invites")
    assert (await newcomer.receive())["text"] == "Only organisers can create or revoke invites."
    await office.send("/add_organiser bob")
    assert "Usage" in (await office.receive())["text"]
    await office.send("/add_organiser 2099")
    assert "not talked to the bot" in (await office.receive())["text"]
    await office.send("/add_organiser 2090")
    assert (await office.receive())["text"] == "2090 is now an organiser."
    await office.send("/add_organiser 2090")
    assert (await office.receive())["text"] == "2090 is already an organiser."
    assert await role_of(app, 2090) is Role.ORGANISER
    await newcomer.send("/invites")
    assert "No open invites" in (await newcomer.receive())["text"]


async def test_add_organiser_with_an_id_past_64_bits_is_refused_clearly(
    fake: FakeBotAPI, app: App
) -> None:
    """Issue 10: 20 digits used to reach the store and fail there with OverflowError."""
    office = fake.user(ORGANISER, language_code="en")
    for number in ("99999999999999999999", "9223372036854775808", "0"):
        await office.send(f"/add_organiser {number}")
        answer = (await office.receive())["text"]
        assert answer == f"{number} cannot be a Telegram id.", answer
    assert await app.store.users.ids_with_role(Role.ORGANISER) == []


async def test_a_forged_invite_id_is_out_of_date_and_revoke_is_answered_once(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/invite press")
    created = await organiser.receive()
    query = await organiser.press(created, data="inv:revoke:99999999999999999999999")
    assert (await organiser.wait_answer(query))["text"].startswith("This button is out of date")
    revoke = created["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await organiser.press(created, "Revoke")
    assert (await organiser.receive())["text"].startswith("Invite revoked")
    query = await organiser.press(created, data=revoke)
    assert (await organiser.wait_answer(query))["text"] == (
        "This invite is unknown or revoked already."
    )
    answers = fake.calls_to("answerCallbackQuery")
    assert [call.status for call in answers] == [200, 200, 200]
