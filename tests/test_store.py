"""The store: migrations from empty and from an older file, and idempotent content loads."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import aiosqlite

from bot.content import load_content
from bot.content.sync import ChangeKind
from bot.store.database import connect, migrate, migration_scripts, schema_version
from bot.store.holder import Store
from tests.conftest import DATA_DIR, local

NOW = dt.datetime(2025, 9, 1, tzinfo=dt.UTC)
LATEST = migration_scripts()[-1][0]


async def test_empty_file_gets_every_migration(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "new.sqlite3")
    try:
        assert await schema_version(store.conn) == LATEST
        async with store.conn.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with store.conn.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1
    finally:
        await store.close()


async def test_older_file_is_upgraded_in_place_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = await connect(path)
    assert await migrate(conn, target=1) == 1
    await conn.execute("INSERT INTO event (id, data) VALUES (1, '{}')")
    await conn.commit()
    await conn.close()

    store = await Store.open(path)
    try:
        assert await schema_version(store.conn) == LATEST
        async with store.conn.execute("SELECT data FROM event") as cursor:
            assert (await cursor.fetchone())[0] == "{}"
        assert await store.users.count() == 0  # the table the newer migration added
    finally:
        await store.close()


async def test_reopening_a_current_file_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    await (await Store.open(path)).close()
    conn = await connect(path)
    assert await migrate(conn) == LATEST
    await conn.close()


async def test_loading_twice_changes_nothing(store: Store) -> None:
    content = load_content(DATA_DIR)
    first = await store.content.apply(content, NOW)
    assert first.counts["sessions"][ChangeKind.ADDED] == sum(
        len(day.sessions) for day in content.programme.days
    )
    second = await store.content.apply(content, NOW + dt.timedelta(hours=1))
    assert not second.changed
    assert second.session_changes == []


async def test_changed_session_keeps_its_id_and_bumps_its_revision(store: Store) -> None:
    content = load_content(DATA_DIR)
    await store.content.apply(content, NOW)
    before = (await store.programme.sessions())[0]

    day = content.programme.days[0]
    moved = day.sessions[0].model_copy(update={"start": "08:00", "end": "08:30"})
    edited = content.model_copy(
        update={
            "programme": content.programme.model_copy(
                update={
                    "days": [
                        day.model_copy(update={"sessions": [moved, *day.sessions[1:]]}),
                        *content.programme.days[1:],
                    ]
                }
            )
        }
    )
    report = await store.content.apply(edited, NOW + dt.timedelta(hours=1))

    after = await store.programme.session(before.id)
    assert after is not None
    assert after.starts_at == local(5, 8, 0)
    assert after.revision == before.revision + 1
    assert [change.kind for change in report.session_changes] == [ChangeKind.UPDATED]
    change = report.session_changes[0]
    assert change.session_id == before.id
    assert change.before is not None
    assert change.after is not None
    assert change.before["starts_at"] != change.after["starts_at"]


async def test_removed_entries_go_and_are_reported(store: Store) -> None:
    content = load_content(DATA_DIR)
    await store.content.apply(content, NOW)
    last_day = content.programme.days[-1]
    trimmed = content.model_copy(
        update={
            "programme": content.programme.model_copy(update={"days": content.programme.days[:-1]})
        }
    )
    report = await store.content.apply(trimmed, NOW)

    removed = {c.key for c in report.session_changes if c.kind is ChangeKind.REMOVED}
    assert removed == {session.id for session in last_day.sessions}
    assert [d.date for d in await store.programme.days()] == [content.programme.days[0].date]
    assert all(s.day != last_day.date for s in await store.programme.sessions())


async def test_sessions_are_stored_in_utc(store: Store) -> None:
    await store.content.apply(load_content(DATA_DIR), NOW)
    first = (await store.programme.sessions())[0]
    assert first.starts_at.tzinfo == dt.UTC
    async with store.conn.execute("SELECT starts_at FROM sessions ORDER BY starts_at") as cursor:
        raw = (await cursor.fetchone())[0]
    assert raw.endswith("+00:00")


async def test_foreign_keys_protect_speakers(store: Store) -> None:
    await store.content.apply(load_content(DATA_DIR), NOW)
    try:
        await store.conn.execute(
            "INSERT INTO session_speakers (session_id, person_id, position) VALUES (999, 999, 0)"
        )
    except aiosqlite.IntegrityError:
        return
    raise AssertionError("a speaker row pointing nowhere was accepted")


async def test_organisers_added_from_chat_become_the_organiser_role(tmp_path: Path) -> None:
    """0006 folds the press centre's own organisers table into the users' roles."""
    path = tmp_path / "press-era.sqlite3"
    conn = await connect(path)
    assert await migrate(conn, target=5) == 5
    await conn.execute(
        "INSERT INTO users (id, first_name, first_seen, last_seen) VALUES (7, 'Aziz', ?, ?)",
        ("2025-09-05T05:00:00+00:00", "2025-09-05T05:00:00+00:00"),
    )
    await conn.execute("INSERT INTO organisers (user_id, added_by, added_at) VALUES (7, 1, '')")
    await conn.commit()
    await conn.close()

    store = await Store.open(path)
    try:
        stored = await store.users.stored(7)
        assert stored is not None
        assert stored.role == "organiser"
        async with store.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'organisers'"
        ) as cursor:
            assert (await cursor.fetchone())[0] == 0
    finally:
        await store.close()


async def test_a_new_session_never_takes_the_id_of_a_removed_one(store: Store) -> None:
    """Its subscribers and change records outlive it; a newcomer must not inherit them."""
    content = load_content(DATA_DIR)
    await store.content.apply(content, NOW)
    last_day = content.programme.days[-1]
    removed = last_day.sessions[-1]
    removed_id = next(s.id for s in await store.programme.sessions() if s.key == removed.id)
    await store.users.touch(7, "Ann", None, "en", NOW)
    await store.reminders.subscribe(7, [removed_id], NOW)

    newcomer = removed.model_copy(update={"id": "d2-briefing"})
    days = [
        *content.programme.days[:-1],
        last_day.model_copy(update={"sessions": [*last_day.sessions[:-1], newcomer]}),
    ]
    edited = content.model_copy(
        update={"programme": content.programme.model_copy(update={"days": days})}
    )
    await store.content.apply(edited, NOW)
    added = next(s for s in await store.programme.sessions() if s.key == "d2-briefing")
    assert added.id > removed_id
    assert await store.reminders.session_ids(7) == {removed_id}


async def test_a_reload_keeps_a_summary_published_from_chat(store: Store) -> None:
    from bot.content.models import Text

    content = load_content(DATA_DIR)
    await store.content.apply(content, NOW)
    day = content.summaries[0].day
    chat_text = Text(ru="Итоги из чата", en="Summary from chat")
    await store.summaries.publish_from_chat(day, chat_text, chat_text, "draft-1", NOW)
    await store.content.apply(content, NOW + dt.timedelta(hours=1))
    summary = await store.summaries.for_day(day)
    assert summary is not None
    assert summary.title.en == "Summary from chat"


async def test_two_processes_upgrading_one_file_at_once_both_end_current(tmp_path: Path) -> None:
    """The bot starting while `load` runs: one applies each migration, the other waits."""
    path = tmp_path / "shared.sqlite3"
    first, second = await connect(path), await connect(path)
    try:
        results = await asyncio.gather(migrate(first), migrate(second))
        assert list(results) == [LATEST, LATEST]
        assert await schema_version(first) == LATEST
    finally:
        await first.close()
        await second.close()
