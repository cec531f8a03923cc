"""Whether journalists may cover a session, in words.

Shared by the agenda, the reminders and the press centre (the media advisory, quote
requests), so all of them say it alike. Shown to journalists and organisers only: to
delegates it is noise.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.content.models import PressAccess
from bot.users.values import Role, User

ICONS = {PressAccess.OPEN: "🎙", PressAccess.CLOSED: "🔒", PressAccess.PHOTO_OP: "📷"}


def sees_press_access(user: User) -> bool:
    return user.role in (Role.PRESS, Role.ORGANISER)


def press_access_label(access: PressAccess) -> str:
    """Plain text (nothing to escape), without the icon: for documents."""
    labels = {
        PressAccess.OPEN: _("Open to the press"),
        PressAccess.CLOSED: _("Closed to the press"),
        PressAccess.PHOTO_OP: _("Photo opportunity at the start, then closed to the press"),
    }
    return labels[access]


def press_access_line(access: PressAccess) -> str:
    """«🔒 Closed to the press»: for chat."""
    return f"{ICONS[access]} {press_access_label(access)}"
