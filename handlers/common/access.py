"""What organiser-only handlers share: the organiser filter, their sub-router, the refusal."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.users.values import Role, User


class IsOrganiser(Filter):
    """Passes updates from organisers; features pair it with a handler that refuses others."""

    async def __call__(self, event: TelegramObject, user: User | None = None) -> bool:
        return user is not None and user.is_organiser


def organisers_only(name: str) -> Router:
    """A sub-router for organisers: the filter is set once for all its handlers.

    Pair it with a refusal for everyone else (``refuse``); the services check again.
    """
    router = Router(name=name)
    router.message.filter(IsOrganiser())
    router.callback_query.filter(IsOrganiser())
    return router


def refusal(needed: Role) -> str:
    if needed is Role.PRESS:
        return _("Only accredited journalists can do this. Apply in /press.")
    return _("Only the organisers can do this.")


async def refuse(event: Message | CallbackQuery, needed: Role = Role.ORGANISER) -> None:
    """A clear answer that changes nothing."""
    if isinstance(event, CallbackQuery):
        await event.answer(refusal(needed), show_alert=True)
    else:
        await event.answer(refusal(needed))


def role_name(role: Role) -> str:
    names = {
        Role.GUEST: _("guest"),
        Role.DELEGATE: _("delegate"),
        Role.PRESS: _("press"),
        Role.ORGANISER: _("organiser"),
    }
    return names[role]
