"""The programme's audit log (/changes, `python -m bot export changes`) and the rule for
files and chat edits together: a chat edit of a field wins until the file's own value
for that field changes (issue 11)."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.__main__ import export_command
from bot.app import App
from bot.content.models import Text
from bot.content.service import ContentService
from bot.programme.service import ProgrammeDesk
from bot.programme.values import Action, Proposal
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, change_menu, press, send, session_id
from tests.test_e2e_foundation import buttons
from tests.test_reminders import D2_INCOME, D2_ROOM, edited_data

ACTOR = User(ORGANISER, "Anna", "en", Role.ORGANISER)
VOLUNTEERS_TITLE = "          en: Strengthening the potential of the volunteer movement"


def desk_of(app: App) -> ProgrammeDesk:
    desk = app.dispatcher.workflow_data["programme_desk"]
    assert isinstance(desk, ProgrammeDesk)
    return desk


async def revision(app: App, key: str) -> int:
    session = await app.store.programme.session(await session_id(app.store, key))
    assert session is not None
    return session.revision


async def test_changes_are_logged_newest_first_paged_and_exported(
    fake: FakeBotAPI, app: App, clock: ManualClock, tmp_path: Path
) -> None:
    organiser = fake.user(ORGANISER, language_code="en", first_name="Maral")
    menu = await change_menu(organiser, "Sat", "14:00")
    await press(organiser, menu, "📍 Room")
    preview = await send(organiser, "=HYPERLINK(1) / =HYPERLINK(1)")
    await press(organiser, preview, "✅ Confirm")
    desk = desk_of(app)
    income = await session_id(app.store, "d2-income")
    for minutes in (5, 10, 15, 5):
        proposal = Proposal(Action.DELAY, income, await revision(app, "d2-income"), minutes)
        await desk.apply(ACTOR, proposal)
    volunteers = await session_id(app.store, "d2-volunteers")
    await desk.apply(ACTOR, Proposal(Action.CANCEL, volunteers))
    moved = '      - id: d2-income\n        start: "09:00"\n        end: "09:30"'
    await ContentService(app.store, clock).load(edited_data(tmp_path, [(D2_INCOME, moved)]))

    first = await send(organiser, "/changes")
    text = first["text"]
    assert text.startswith("📜 Programme changes — page 1 of 2\n\n#7 · Fri, 5 September, 09:00")
    assert "#7 · Fri, 5 September, 09:00 · python -m bot load\n✏️ Changed by the files" in text
    assert "#6 · Fri, 5 September, 09:00 · Anna in chat\n❌ Cancelled" in text
    assert "Time: 10:35–13:05 → 09:00–09:30" in text
    assert "#2" not in text
    assert buttons(first) == ["›", "♻️ Cancelled sessions (1)", "🖨 Programme to print (PDF)"]
    second = await press(organiser, first, "›")
    assert "#1 · Fri, 5 September, 09:00 · Maral in chat\n📍 Room" in second["text"]
    assert "Room: conference hall, Archabil Hotel → =HYPERLINK(1)" in second["text"]
    assert buttons(second) == ["‹", "♻️ Cancelled sessions (1)", "🖨 Programme to print (PDF)"]
    cancelled = await press(organiser, second, "♻️ Cancelled sessions (1)")
    assert "Sat, 6 September, 14:00–16:30 Strengthening" in cancelled["text"]
    restore = await press(organiser, cancelled, buttons(cancelled)[0])
    assert "➕ New: Strengthening the potential" in restore["text"]

    out = tmp_path / "changes.csv"
    assert await export_command(app.settings, "changes", out, with_ids=True) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["action"] for row in rows] == [
        "room", "delay", "delay", "delay", "delay", "cancel", "updated",
    ]  # fmt: skip
    assert rows[0]["after_room_ru"] == "'=HYPERLINK(1)"  # a spreadsheet shows it as text
    assert rows[0]["actor_name"] == "Maral"
    assert rows[0]["source"] == "chat"
    assert rows[-1]["source"] == "load"
    assert rows[-1]["actor_id"] == ""
    assert rows[1]["before_starts_utc"] == "2025-09-06T05:00:00+00:00"


async def test_a_load_keeps_a_chat_edit_until_the_files_value_for_that_field_changes(
    fake: FakeBotAPI, app: App, clock: ManualClock, tmp_path: Path
) -> None:
    desk, content = desk_of(app), ContentService(app.store, clock)
    income = await session_id(app.store, "d2-income")
    hall_b = Text(ru="Зал Б", en="Hall B")
    await desk.apply(ACTOR, Proposal(Action.ROOM, income, room=hall_b))

    report = await content.load(DATA_DIR)  # the files as they were: the chat edit stands
    assert not report.session_changes
    session = await app.store.programme.session(income)
    assert session is not None
    assert session.room == hall_b

    moved = '      - id: d2-income\n        start: "11:00"\n        end: "13:00"'
    await content.load(edited_data(tmp_path, [(D2_INCOME, moved)]))  # another field
    session = await app.store.programme.session(income)
    assert session is not None
    assert session.room == hall_b  # still the chat's
    assert session.starts_at == local(6, 11)
    entry = (await app.store.programme_audit.page(0, 1))[0]
    assert (entry.source.value, entry.action, entry.file_won) == ("load", Action.UPDATED, ())

    hall_c = D2_ROOM.replace("conference hall, Archabil Hotel", "Hall C")
    await content.load(edited_data(tmp_path, [(D2_INCOME, moved), (D2_ROOM, hall_c)]))
    session = await app.store.programme.session(income)
    assert session is not None
    assert session.room.en == "Hall C"  # the file's own value changed: the file wins
    entry = (await app.store.programme_audit.page(0, 1))[0]
    assert entry.file_won == ("room",)
    assert await app.store.programme_overrides.all() == {}
    organiser = fake.user(ORGANISER, language_code="en")
    log = await send(organiser, "/changes")
    assert (
        "Room: Hall B → Hall C\nThe file's new value replaced the chat edit: room." in log["text"]
    )


async def test_a_load_keeps_chat_cancellations_and_additions_until_the_file_changes(
    app: App, clock: ManualClock, tmp_path: Path
) -> None:
    desk, content = desk_of(app), ContentService(app.store, clock)
    volunteers = await session_id(app.store, "d2-volunteers")
    await desk.apply(ACTOR, Proposal(Action.CANCEL, volunteers))
    added = await desk.apply(
        ACTOR,
        Proposal(
            Action.ADD,
            day=local(6, 0).date(),
            start="17:00",
            end="18:00",
            room=Text(ru="Зал Б", en="Hall B"),
            title=Text(ru="Закрытие", en="Closing"),
        ),
    )
    added_id = added.preview.edits[0].session_id

    report = await content.load(DATA_DIR)
    assert not report.session_changes
    assert await app.store.programme.session(volunteers) is None
    assert await app.store.programme.session(added_id) is not None

    retitled = VOLUNTEERS_TITLE.replace("volunteer movement", "volunteers")
    await content.load(edited_data(tmp_path, [(VOLUNTEERS_TITLE, retitled)]))
    back = [s for s in await app.store.programme.sessions() if s.key == "d2-volunteers"]
    assert len(back) == 1
    assert back[0].title.en == "Strengthening the potential of the volunteers"
    entries = await app.store.programme_audit.page(0, 1)
    assert entries[0].action is Action.ADDED
    assert entries[0].file_won == ("cancelled",)
    assert await desk.cancelled(ACTOR) == []
    chat_session = await app.store.programme.session(added_id)
    assert chat_session is not None
    assert chat_session.key == f"chat-{added_id}"


async def test_the_log_names_the_fields_a_load_took_back_as_people_say_them(
    web: tuple[App, str], fake: FakeBotAPI, clock: ManualClock, tmp_path: Path
) -> None:
    """Not the store's columns («starts_at, ends_at», «cancelled»): chat, console and CSV."""
    from tests.test_web_console_programme import get

    app, base = web
    desk, content = desk_of(app), ContentService(app.store, clock)
    income = await session_id(app.store, "d2-income")
    await desk.apply(ACTOR, Proposal(Action.DELAY, income, await revision(app, "d2-income"), 10))
    await desk.apply(ACTOR, Proposal(Action.CANCEL, await session_id(app.store, "d2-volunteers")))
    moved = '      - id: d2-income\n        start: "09:00"\n        end: "09:30"'
    retitled = VOLUNTEERS_TITLE.replace("volunteer movement", "volunteers")
    await content.load(edited_data(tmp_path, [(D2_INCOME, moved), (VOLUNTEERS_TITLE, retitled)]))

    changes = (await send(fake.user(ORGANISER, language_code="ru"), "/changes"))["text"]
    assert "Новое значение из файла заменило правку из чата: время." in changes
    assert "Файлы изменили заседание, отменённое в чате: оно снова в программе." in changes
    assert "starts_at" not in changes
    assert "cancelled" not in changes

    status, page = await get(base, "/app/organiser/programme/log", clock, language="en")
    assert status == 200
    assert "The file&#39;s new value replaced the chat edit: time." in page
    assert "The files changed a session cancelled in chat: it is back in the programme." in page
    assert "starts_at" not in page

    out = tmp_path / "changes.csv"
    assert await export_command(app.settings, "changes", out) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        won = [row["file_won"] for row in csv.DictReader(handle) if row["file_won"]]
    assert sorted(won) == ["cancellation", "time"]
