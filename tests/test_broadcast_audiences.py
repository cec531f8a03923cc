"""Who each audience means, and the broadcast record written before anything is sent."""

from __future__ import annotations

from bot.app import App
from bot.broadcasts.service import BroadcastService, Draft
from bot.broadcasts.values import Audience, AudienceKind
from bot.users.values import Role, User
from tests.conftest import local

CONFIGURED_ORGANISER = 900001


async def test_each_audience_is_exactly_its_people(app: App) -> None:
    store = app.store
    first, second = (d.id for d in (await store.delegations.all())[:2])
    roles = {
        1: (Role.DELEGATE, first),
        2: (Role.DELEGATE, first),
        3: (Role.DELEGATE, second),
        4: (Role.PRESS, None),
        5: (Role.ORGANISER, None),
        6: (Role.GUEST, None),
    }
    for user_id, (role, delegation) in roles.items():
        await store.users.touch(user_id, "U", None, "en", local(5, 8))
        await store.users.set_role(user_id, role, delegation)
    session = (await store.programme.sessions())[0]
    await store.reminders.subscribe(6, [session.id], local(5, 8))
    await store.reminders.subscribe(4, [session.id], local(5, 8))
    broadcasts: BroadcastService = app.dispatcher["broadcasts"]

    async def who(kind: AudienceKind, ref: int | None = None) -> list[int]:
        return await broadcasts.recipients(Audience(kind, ref))

    assert await who(AudienceKind.EVERYONE) == [1, 2, 3, 4, 5, 6, CONFIGURED_ORGANISER]
    assert await who(AudienceKind.DELEGATES) == [1, 2, 3]
    assert await who(AudienceKind.DELEGATION, first) == [1, 2]
    assert await who(AudienceKind.DELEGATION, second) == [3]
    assert await who(AudienceKind.PRESS) == [4]
    assert await who(AudienceKind.SESSION, session.id) == [4, 6]
    assert await who(AudienceKind.ORGANISERS) == [5, CONFIGURED_ORGANISER]


async def test_a_broadcast_is_written_with_all_recipients_and_a_draft_starts_once(
    app: App,
) -> None:
    for user_id in (11, 12, 13):
        await app.store.users.touch(user_id, "U", None, "en", local(5, 8))
        await app.store.users.set_role(user_id, Role.PRESS, None)
    await app.delivery.stop()  # nothing leaves: look at what was written
    broadcasts: BroadcastService = app.dispatcher["broadcasts"]
    author = User(CONFIGURED_ORGANISER, "Org", "en", Role.ORGANISER)
    draft = Draft(token="t1", text="<b>Hi</b>")
    started = await broadcasts.start(author, draft, Audience(AudienceKind.PRESS), None)
    assert started is not None
    assert started.recipients == 3
    report = await broadcasts.report(started)
    assert (report.progress.queued, report.progress.total) == (3, 3)
    assert await broadcasts.start(author, draft, Audience(AudienceKind.PRESS), None) is None
    assert len(await app.store.broadcasts.recent(5)) == 1
    cancelled = await broadcasts.cancel(author, started.id)
    assert cancelled is not None
    assert cancelled.progress.cancelled == 3
    assert await broadcasts.cancel(author, started.id) is None
    await app.delivery.start()
