"""What organiser-only features share: the organiser filter and role names."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.users.values import Role, User


class IsOrganiser(Filter):
    """Passes updates from organisers; features pair it with a handler that refuses others."""

    async def __call__(self, event: TelegramObject, user: User | None = None) -> bool:
        return user is not None and user.is_organiser


def role_name(role: Role) -> str:
    names = {
        Role.GUEST: _("guest"),
        Role.DELEGATE: _("delegate"),
        Role.PRESS: _("press"),
        Role.ORGANISER: _("organiser"),
    }
    return names[role]
