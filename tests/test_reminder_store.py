"""Reminder and outbox repositories: change triggers, folding, dedup and reachability."""

from __future__ import annotations

import datetime as dt

from bot.content import load_content
from bot.delivery.outbox import NewRow, OutboxState
from bot.store.holder import Store
from tests.conftest import DATA_DIR, local

NOW = local(1, 12)


async def loaded(store: Store) -> dict[str, int]:
    await store.content.apply(load_content(DATA_DIR), NOW)
    await store.reminders.mark_all_handled(NOW)
    return {s.key: s.id for s in await store.programme.sessions()}


async def test_several_edits_fold_into_one_change_once_quiet(store: Store) -> None:
    ids = await loaded(store)
    income = ids["d2-income"]
    await store.conn.execute(
        "UPDATE sessions SET starts_at = '2025-09-06T06:30:00+00:00' WHERE id = ?", (income,)
    )
    await store.conn.execute("UPDATE sessions SET title = title WHERE id = ?", (income,))
    await store.conn.commit()
    assert await store.reminders.notice_changes(NOW) == {income}
    await store.conn.execute(
        'UPDATE sessions SET room = \'{"ru": "Зал Б", "en": "Hall B"}\' WHERE id = ?',
        (income,),
    )
    await store.conn.commit()
    later = NOW + dt.timedelta(minutes=2)
    assert await store.reminders.notice_changes(later) == {income}
    assert await store.reminders.settled_changes(later - dt.timedelta(minutes=3)) == []

    (change,) = await store.reminders.settled_changes(later)
    assert len(change.change_ids) == 2, "the title-only update is not a change"
    assert change.before is not None
    assert change.after is not None
    assert change.before.starts_at == local(6, 10)
    assert change.after.starts_at == local(6, 11, 30)
    assert change.after.room.en == "Hall B"
    await store.reminders.mark_handled(change.change_ids, later)
    assert await store.reminders.settled_changes(later + dt.timedelta(hours=1)) == []


async def test_a_removed_session_keeps_its_subscribers_until_told(store: Store) -> None:
    ids = await loaded(store)
    await store.users.touch(7, "A", None, "en", NOW)
    await store.reminders.subscribe(7, [ids["d2-volunteers"]], NOW)
    await store.conn.execute("DELETE FROM sessions WHERE id = ?", (ids["d2-volunteers"],))
    await store.conn.commit()
    await store.reminders.notice_changes(NOW)
    (change,) = await store.reminders.settled_changes(NOW)
    assert change.after is None
    assert change.before is not None
    assert change.before.title.en.startswith("Strengthening")
    assert [row[0] for row in await store.reminders.subscribers(ids["d2-volunteers"])] == [7]


async def test_outbox_queues_each_kind_key_chat_once(store: Store) -> None:
    rows = [NewRow(1, "a", None), NewRow(2, "b", None)]
    assert await store.outbox.enqueue("k", "x", rows, NOW) == (2, 0)
    assert await store.outbox.enqueue("k", "x", rows, NOW) == (0, 0)
    assert await store.outbox.enqueue("k", "y", rows[:1], NOW) == (1, 0)
    queued = await store.outbox.queued(0, 10)
    assert [(r.chat_id, r.key) for r in queued] == [(1, "x"), (2, "x"), (1, "y")]


async def test_unreachable_chats_are_skipped_until_reachable(store: Store) -> None:
    await store.outbox.enqueue("k", "x", [NewRow(5, "a", None), NewRow(6, "a", None)], NOW)
    await store.outbox.mark_unreachable(5, "blocked the bot", NOW)
    counts = await store.outbox.counts("k", "x")
    assert (counts[OutboxState.QUEUED], counts[OutboxState.UNREACHABLE]) == (1, 1)
    assert await store.outbox.enqueue("k", "y", [NewRow(5, "b", None)], NOW) == (0, 1)
    assert await store.outbox.mark_reachable(5) is True
    assert await store.outbox.mark_reachable(5) is False
    assert await store.outbox.enqueue("k", "z", [NewRow(5, "c", None)], NOW) == (1, 0)
    assert await store.outbox.cancel("k", "z") == 1
    assert (await store.outbox.counts("k", "z"))[OutboxState.CANCELLED] == 1


def test_a_notice_is_rendered_once_per_language_and_addressed_to_each() -> None:
    from contextlib import nullcontext

    from bot.delivery import Outgoing
    from bot.delivery.notify import Notifier
    from bot.delivery.values import Recipient

    rendered: list[str] = []

    def render(language: str) -> Outgoing:
        rendered.append(language)
        return Outgoing(0, f"text in {language}")

    people = [Recipient(1, "ru"), Recipient(2, "en"), Recipient(3, "ru"), Recipient(4, "ru")]
    notifier = Notifier(None, None, "ru", lambda language: nullcontext())  # type: ignore[arg-type]
    messages = notifier.messages(people, render)
    assert rendered == ["ru", "en"]
    assert [(m.chat_id, m.text) for m in messages] == [
        (1, "text in ru"),
        (2, "text in en"),
        (3, "text in ru"),
        (4, "text in ru"),
    ]
