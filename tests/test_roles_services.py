"""Organiser-only operations refuse the wrong user whoever calls them, and invite
redemption and broadcast start are each all or nothing (failure-between-steps tests)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from aiogram import Bot

from bot.broadcasts.service import KIND, BroadcastService, Draft
from bot.broadcasts.values import Audience, AudienceKind
from bot.content import load_content
from bot.delivery import Delivery, DeliveryLimits, Outgoing
from bot.delivery.notify import Notifier
from bot.invites.service import InviteService
from bot.invites.values import Redemption
from bot.stats.exports import ExportService
from bot.stats.service import StatsService
from bot.store.holder import Store
from bot.users.access import AccessService, AddOutcome, NotAllowedError
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, TOKEN, local

NOW = local(5, 9)
GUEST = User(11, "Guest", "en", Role.GUEST)
DELEGATE = User(12, "Delegate", "en", Role.DELEGATE, delegation_id=1)
JOURNALIST = User(13, "Journalist", "en", Role.PRESS)
ORGANISER = User(14, "Organiser", "en", Role.ORGANISER)
NOT_ORGANISERS = pytest.mark.parametrize(
    "actor", [GUEST, DELEGATE, JOURNALIST], ids=["guest", "delegate", "journalist"]
)


@dataclass
class Services:
    store: Store
    access: AccessService
    invites: InviteService
    broadcasts: BroadcastService
    stats: StatsService
    exports: ExportService


@pytest.fixture
async def services(store: Store) -> AsyncIterator[Services]:
    """The services as bot/app.py builds them; the delivery worker never starts."""
    await store.content.apply(load_content(DATA_DIR), NOW)
    for user in (GUEST, DELEGATE, JOURNALIST, ORGANISER):
        await store.users.touch(user.id, user.first_name, None, "en", NOW)
        delegation = 1 if user.role is Role.DELEGATE else None
        await store.users.set_role(user.id, user.role, delegation)
    clock = ManualClock(NOW)
    bot = Bot(TOKEN)
    access = AccessService(store, ())
    delivery = Delivery(store.outbox, bot, clock, DeliveryLimits())
    yield Services(
        store,
        access,
        InviteService(store, clock, access),
        BroadcastService(store, clock, delivery, access, Notifier(delivery, store.users, "ru")),
        StatsService(store, clock, access),
        ExportService(store, clock),
    )
    await bot.session.close()


async def outbox_rows(store: Store) -> int:
    rows = await store.db.execute_fetchall("SELECT count(*) FROM outbox WHERE kind = ?", (KIND,))
    return int(rows[0][0])


# ----------------------------------------------------------------- access in services


@NOT_ORGANISERS
async def test_only_an_organiser_starts_lists_or_cancels_a_broadcast(
    services: Services, actor: User
) -> None:
    broadcasts = services.broadcasts
    press = Audience(AudienceKind.PRESS)
    with pytest.raises(NotAllowedError):
        await broadcasts.start(actor, Draft("t-1", "Hello"), press, None)
    assert await services.store.broadcasts.recent(5) == []
    assert await outbox_rows(services.store) == 0
    started = await broadcasts.start(ORGANISER, Draft("t-1", "Hello"), press, None)
    assert started is not None
    for refused in (
        broadcasts.recent(actor, 5),
        broadcasts.cancel(actor, started.id),
        broadcasts.audience_size(actor, press),
    ):
        with pytest.raises(NotAllowedError):
            await refused
    assert (await broadcasts.report(started)).progress.queued == 1, "nothing was cancelled"
    assert len(await broadcasts.recent(ORGANISER, 5)) == 1
    assert await broadcasts.audience_size(ORGANISER, press) == 1
    cancelled = await broadcasts.cancel(ORGANISER, started.id)
    assert cancelled is not None
    assert cancelled.progress.cancelled == 1


@NOT_ORGANISERS
async def test_only_an_organiser_makes_lists_or_revokes_invites(
    services: Services, actor: User
) -> None:
    invites = services.invites
    with pytest.raises(NotAllowedError):
        await invites.create(actor, Role.PRESS, None, 1)
    assert await services.store.invites.usable() == []
    made = await invites.create(ORGANISER, Role.PRESS, None, 1)
    for refused in (invites.usable(actor), invites.revoke(actor, made.id)):
        with pytest.raises(NotAllowedError):
            await refused
    assert [i.id for i in await invites.usable(ORGANISER)] == [made.id], "still open"
    assert await invites.revoke(ORGANISER, made.id)
    assert await invites.usable(ORGANISER) == []


@NOT_ORGANISERS
async def test_only_an_organiser_adds_an_organiser(services: Services, actor: User) -> None:
    with pytest.raises(NotAllowedError):
        await services.access.add_organiser(actor, GUEST.id)
    assert await services.access.role_of(GUEST.id) is Role.GUEST
    assert await services.access.add_organiser(ORGANISER, GUEST.id) is AddOutcome.ADDED
    assert await services.access.role_of(GUEST.id) is Role.ORGANISER


async def test_add_organiser_refuses_ids_no_telegram_user_can_have(services: Services) -> None:
    for user_id in (0, -1, 2**63, 10**20):
        outcome = await services.access.add_organiser(ORGANISER, user_id)
        assert outcome is AddOutcome.NOT_AN_ID
    assert await services.access.organiser_ids() == [ORGANISER.id]


@NOT_ORGANISERS
async def test_only_an_organiser_sees_statistics_or_exports(
    services: Services, actor: User
) -> None:
    with pytest.raises(NotAllowedError):
        await services.stats.collect(actor)
    out = io.StringIO()
    with pytest.raises(NotAllowedError):
        await services.exports.write(actor, "users", out)
    assert out.getvalue() == ""
    assert await services.stats.collect(ORGANISER)
    assert await services.exports.write(ORGANISER, "users", out) == 4


# ------------------------------------------------------ one unit of work per operation


async def test_a_broadcast_start_that_fails_while_queueing_leaves_nothing_and_retries(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every outbox row is written, then the operation fails before it ends: the broadcast
    row and all its messages are rolled back; the same draft then starts normally."""
    delivery = services.broadcasts._delivery
    real = delivery.enqueue

    async def queue_then_fail(messages: Sequence[Outgoing], *, kind: str, key: str) -> int:
        assert await real(messages, kind=kind, key=key) == 3
        raise RuntimeError("the process died here")

    for user_id in (21, 22):
        await services.store.users.touch(user_id, "J", None, "en", NOW)
        await services.store.users.set_role(user_id, Role.PRESS, None)
    monkeypatch.setattr(delivery, "enqueue", queue_then_fail)
    draft, press = Draft("t-2", "Press conference at 15:00"), Audience(AudienceKind.PRESS)
    with pytest.raises(RuntimeError):
        await services.broadcasts.start(ORGANISER, draft, press, None)
    assert await services.store.broadcasts.recent(5) == []
    assert await outbox_rows(services.store) == 0

    monkeypatch.setattr(delivery, "enqueue", real)
    started = await services.broadcasts.start(ORGANISER, draft, press, None)
    assert started is not None
    assert started.recipients == 3
    assert (await services.broadcasts.report(started)).progress.queued == 3


async def test_an_invite_redemption_that_fails_giving_the_role_uses_no_place(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The use is recorded, then giving the role fails (after the row was written): no use,
    no role, and no role left in the users' memory; the retry takes the one place."""
    store = services.store
    made = await services.invites.create(ORGANISER, Role.PRESS, None, 1)
    payload = InviteService.payload(made)
    assert (await store.users.touch(GUEST.id, "Guest", None, "en", NOW)).stored.role is Role.GUEST
    real = store.users.set_role

    async def write_then_fail(*args: Any) -> None:
        await real(*args)
        raise RuntimeError("the process died here")

    monkeypatch.setattr(store.users, "set_role", write_then_fail)
    with pytest.raises(RuntimeError):
        await services.invites.redeem(payload, GUEST)
    after = await store.invites.by_token(made.token)
    assert after is not None
    assert after.uses == 0
    assert not await store.invites.used_by(made.id, GUEST.id)
    assert await services.access.role_of(GUEST.id) is Role.GUEST
    visit = await store.users.touch(GUEST.id, "Guest", None, "en", NOW)
    assert visit.stored.role is Role.GUEST, "a rolled-back role stayed in memory"

    monkeypatch.setattr(store.users, "set_role", real)
    redeemed = await services.invites.redeem(payload, GUEST)
    assert redeemed.outcome is Redemption.GRANTED
    assert redeemed.role is Role.PRESS
    assert (await store.users.touch(GUEST.id, "Guest", None, "en", NOW)).stored.role is Role.PRESS
    late = await services.invites.redeem(payload, JOURNALIST)
    assert late.outcome is Redemption.USED_UP


async def test_a_role_change_rolled_back_never_stays_in_the_users_memory(store: Store) -> None:
    async def promote_then_fail() -> None:
        async with store.transaction():
            await store.users.set_role(7, Role.ORGANISER, None)
            await store.users.set_language(7, "ru")
            raise RuntimeError("a later step of the operation failed")

    await store.users.touch(7, "Ann", None, "en", NOW)
    with pytest.raises(RuntimeError):
        await promote_then_fail()
    visit = await store.users.touch(7, "Ann", None, "en", NOW)
    assert (visit.stored.role, visit.stored.language) == (Role.GUEST, None)
    await store.users.set_role(7, Role.PRESS, None)
    assert (await store.users.touch(7, "Ann", None, "en", NOW)).stored.role is Role.PRESS
