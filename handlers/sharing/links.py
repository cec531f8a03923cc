"""The cards' deep links: ``/start s_<id>`` opens a session, ``d_<id>`` a delegation,
``r_<id>`` a press release, each as its own feature shows it.

Registered before the start router, which would otherwise greet. A payload that does not
parse (a forged id, one past 64 bits) or names nothing gets a clear answer, never a lookup.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.delegations.service import DelegationService
from bot.press.releases import PressPublishing
from bot.reminders.service import ReminderService
from bot.sharing.values import Kind, parse_payload
from bot.users.values import User
from handlers.agenda.views import frame_for, session_view
from handlers.delegations.views import detail_view
from handlers.press.releases import release_view


def linked_id(command: CommandObject, kind: Kind) -> int | None:
    link = parse_payload(command.args or "")
    return link.id if link is not None and link.kind is kind else None


def broken_link() -> str:
    return _("This link is broken or out of date. Send /start for the menu.")


async def open_session(
    message: Message,
    command: CommandObject,
    user: User,
    agenda: AgendaService,
    reminders: ReminderService,
) -> None:
    session_id = linked_id(command, Kind.SESSION)
    session = None if session_id is None else await agenda.session(session_id)
    if session is None:
        await message.answer(
            broken_link()
            if session_id is None
            else _("This session is no longer in the programme: see /agenda.")
        )
        return
    subscribed = await reminders.is_subscribed(user.id, session.id)
    text, markup = session_view(await frame_for(agenda, user.language), session, subscribed)
    await message.answer(text, reply_markup=markup)


async def open_delegation(
    message: Message, command: CommandObject, user: User, delegations: DelegationService
) -> None:
    delegation_id = linked_id(command, Kind.DELEGATION)
    delegation = None if delegation_id is None else await delegations.get(delegation_id)
    if delegation is None:
        await message.answer(
            broken_link()
            if delegation_id is None
            else _("This delegation is no longer on the list: see /delegations.")
        )
        return
    text, markup = detail_view(delegation, 0, user.language)
    await message.answer(text, reply_markup=markup)


async def open_release(
    message: Message,
    command: CommandObject,
    user: User,
    publishing: PressPublishing,
    agenda: AgendaService,
) -> None:
    """Under embargo only for those who may read it early, as everywhere in the press centre."""
    release_id = linked_id(command, Kind.RELEASE)
    release = None if release_id is None else await publishing.release_for(user.id, release_id)
    if release is None:
        await message.answer(
            broken_link()
            if release_id is None
            else _("This press release is not available: see /releases.")
        )
        return
    event = await agenda.event()
    text, markup = release_view(release, 0, event, publishing.now(), user.language)
    await message.answer(text, reply_markup=markup)


def _link(kind: Kind) -> CommandStart:
    return CommandStart(deep_link=True, magic=F.args.startswith(f"{kind.value}_"))


def router() -> Router:
    router = Router(name="sharing.links")
    router.message.filter(F.chat.type == "private")
    router.message.register(open_session, _link(Kind.SESSION))
    router.message.register(open_delegation, _link(Kind.DELEGATION))
    router.message.register(open_release, _link(Kind.RELEASE))
    return router
