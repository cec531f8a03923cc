"""The cards inline mode posts into a chat: a session, a delegation or a release, with a
button that opens it in the bot.

A card is read by people who may never have opened the bot, in the language of whoever
shared it; everything from the data is escaped, and each part is cut short so a card stays
far below Telegram's 4096 characters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from aiogram.enums import ParseMode
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
)
from aiogram.utils.deep_linking import create_deep_link
from aiogram.utils.i18n import gettext as _

from bot.agenda.values import Session, place
from bot.content.models import Attendance, Event
from bot.delegations.values import Delegation
from bot.press.values import PressRelease
from bot.sharing.values import Found, Kind, payload
from bot.telegram.html import paginate, shorten
from bot.time.display import short_day, time_range, zone_label
from handlers.common.views import event_zone_label

TITLE_LIMIT = 200
"""Characters of a title in a card and in the results list."""
BODY_LIMIT = 700
"""Characters of a description, an «about» or a release's first paragraph in a card."""


@dataclass(frozen=True, slots=True)
class Setting:
    """What every card needs besides its subject."""

    event: Event
    zone: ZoneInfo
    now: dt.datetime
    language: str
    bot_username: str

    def text(self, value: str, limit: int = TITLE_LIMIT) -> str:
        return escape(shorten(value, limit))

    def when(self, session: Session) -> str:
        day = short_day(session.starts_at.astimezone(self.zone).date(), self.language)
        return f"{day}, {time_range(session.starts_at, session.ends_at, self.zone)}"


def result(found: Found, setting: Setting) -> InlineQueryResultArticle:
    """One inline result; its id (``s12``, ``d3``, ``r7``) is unique and short."""
    item = found.item
    if isinstance(item, Session):
        title, description, lines = _session(item, setting)
    elif isinstance(item, Delegation):
        title, description, lines = _delegation(item, setting)
    else:
        title, description, lines = _release(item, setting)
    lines += ["", f"<i>{setting.text(setting.event.short_name.get(setting.language))}</i>"]
    link = create_deep_link(setting.bot_username, "start", payload(found.kind, found.id))
    return InlineQueryResultArticle(
        id=f"{found.kind.value}{found.id}",
        title=shorten(title, TITLE_LIMIT),
        description=shorten(description, TITLE_LIMIT),
        input_message_content=InputTextMessageContent(
            message_text=paginate(["\n".join(lines)])[0],
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=_OPEN[found.kind](), url=link)]]
        ),
    )


_OPEN = {
    Kind.SESSION: lambda: _("📅 Open in the programme"),
    Kind.DELEGATION: lambda: _("🌍 Open in the bot"),
    Kind.RELEASE: lambda: _("📰 Read in the bot"),
}


def _session(session: Session, setting: Setting) -> tuple[str, str, list[str]]:
    language = setting.language
    title = session.title.get(language)
    where = place(session.room.get(language), setting.event.venue.get(language))
    zone = escape(event_zone_label(setting.event, setting.zone, setting.now, language))
    lines = [
        f"📅 <b>{setting.text(title)}</b>",
        f"🕘 {escape(setting.when(session))} ({zone})",
        f"📍 {setting.text(where)}",
    ]
    if session.times_illustrative:
        lines.append(_("<i>The time is provisional.</i>"))
    if session.speakers:
        names = ", ".join(speaker.name.get(language) for speaker in session.speakers)
        lines.append("🎤 " + setting.text(names, BODY_LIMIT))
    if session.description:
        lines += ["", setting.text(session.description.get(language), BODY_LIMIT)]
    return title, f"{setting.when(session)} · {where}", lines


def _delegation(delegation: Delegation, setting: Setting) -> tuple[str, str, list[str]]:
    language = setting.language
    title = delegation.name.get(language)
    facts = [delegation.country.get(language)] if delegation.country else []
    if delegation.observer:
        facts.append(_("observer"))
    if delegation.attendance is Attendance.ONLINE:
        facts.append(_("online"))
    lines = [f"🌍 <b>{setting.text(title)}</b>"]
    if facts:
        lines.append(setting.text(" · ".join(facts)))
    head = delegation.head
    if head is not None:
        lines.append(
            _("Head: <b>{name}</b>, {role}").format(
                name=setting.text(head.name.get(language)),
                role=setting.text(head.role.get(language)),
            )
        )
    if delegation.about:
        lines += ["", setting.text(delegation.about.get(language), BODY_LIMIT)]
    return title, " · ".join(facts) or _("Delegation"), lines


def _release(release: PressRelease, setting: Setting) -> tuple[str, str, list[str]]:
    language = setting.language
    title = release.title.get(language)
    local = release.published_at.astimezone(setting.event.zone)
    zone = zone_label(setting.event.timezone_name, setting.event.zone, local, language)
    published = f"{short_day(local.date(), language)}, {local:%H:%M} ({zone})"
    first = release.body.get(language).split("\n\n")[0]
    lines = [
        f"📰 <b>{setting.text(title)}</b>",
        f"<i>{escape(published)}</i>",
        "",
        setting.text(first, BODY_LIMIT),
    ]
    return title, _("Press release, {published}").format(published=published), lines
