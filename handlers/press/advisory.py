"""/advisory: the media advisory as a message, a DOCX and a PDF, for anyone.

One list of sections (``advisory_blocks``) feeds the three, so the message and the
documents say the same: what, when, where, the programme with each session's press
access, the photo opportunities, what «closed» means, accreditation, contacts.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from babel.dates import format_date

from bot.content.models import PressAccess
from bot.press.advisory import Advisory, AdvisoryService
from bot.press.documents import Block, DocumentFormat, DocumentText, masthead
from bot.telegram.html import paginate
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import short_day, time_range, zone_label
from bot.users.values import User
from handlers.common.press_access import ICONS, press_access_label
from handlers.press.callbacks import AdvisoryCb, PressMenu, PressMenuCb
from handlers.press.common import contacts_lines
from handlers.press.documents import BUILDERS, page_label, send_file


def event_dates(first: dt.date, last: dt.date, language: str) -> str:
    """«5–6 September 2025» / «5–6 сентября 2025», as a dateline reads in both languages."""
    end = format_date(last, "d MMMM y", locale=language)
    if first == last:
        return end
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{end}"
    return f"{format_date(first, 'd MMMM', locale=language)} – {end}"


def when_lines(advisory: Advisory, language: str) -> list[str]:
    event = advisory.event
    opening = dt.datetime.combine(event.starts_on, dt.time(12), tzinfo=event.zone)
    lines = [
        event_dates(event.starts_on, event.ends_on, language),
        _("Times: {zone}").format(
            zone=zone_label(event.timezone_name, event.zone, opening, language)
        ),
    ]
    if advisory.provisional:
        lines.append(_("The times are provisional; /agenda always has the current ones."))
    return lines


def programme_blocks(advisory: Advisory, language: str, chat: bool) -> list[Block]:
    """One block a day: each session's time, title and what the press may do there."""
    zone = advisory.event.zone
    blocks = []
    for entry in advisory.days:
        lines = [
            f"{time_range(s.starts_at, s.ends_at, zone)} {s.title.get(language)} — "
            + (f"{ICONS[s.press]} " if chat else "")
            + press_access_label(s.press)
            for s in entry.sessions
        ]
        heading = _("Programme: {day}").format(day=short_day(entry.day.date, language))
        blocks.append(Block(heading, tuple(lines), bulleted=True))
    return blocks


def photo_lines(advisory: Advisory, language: str) -> list[str]:
    zone = advisory.event.zone
    lines = [
        f"{short_day(s.day, language)}, {time_range(s.starts_at, s.ends_at, zone)} "
        f"{s.title.get(language)}"
        for s in advisory.sessions(PressAccess.PHOTO_OP)
    ]
    return lines or [_("None announced so far.")]


def advisory_blocks(advisory: Advisory, language: str, chat: bool = False) -> list[Block]:
    """The sections; ``chat`` adds what a document shows otherwise (its title, no icons)."""
    event = advisory.event
    what = [
        *([event.name.get(language)] if chat else []),
        _("Motto: «{motto}».").format(motto=event.motto.get(language)),
        _("Organiser: {organiser}.").format(organiser=event.organiser.get(language)),
    ]
    access = [
        _("Open: journalists attend and report."),
        _("Photo opportunity: cameras at the start of the session, then it is closed."),
        _("Closed: no press; speakers may decline to comment on a closed session."),
    ]
    accreditation = _(
        "Apply in this bot: /press, «Apply for accreditation». Accredited journalists get "
        "press releases as soon as they are published (embargoed ones early), the daily "
        "summaries, and may request quotes."
    )
    return [
        Block(_("What"), tuple(what)),
        Block(_("When"), tuple(when_lines(advisory, language))),
        Block(_("Where"), (f"{event.venue.get(language)}, {event.city.get(language)}",)),
        *programme_blocks(advisory, language, chat),
        Block(_("Photo opportunities"), tuple(photo_lines(advisory, language)), bulleted=True),
        Block(_("Access for the press"), tuple(access), bulleted=True),
        Block(_("Accreditation"), (accreditation,)),
    ]


def advisory_pages(advisory: Advisory, language: str) -> list[str]:
    """The advisory as chat messages (HTML, every value escaped)."""
    parts = [_("📣 <b>Media advisory</b>")]
    for block in advisory_blocks(advisory, language, chat=True):
        lines = [f"• {escape(line)}" if block.bulleted else escape(line) for line in block.lines]
        parts.append("\n".join([f"<b>{escape(block.heading)}</b>", *lines]))
    contacts = contacts_lines(advisory.event, language)
    if contacts:
        parts.append("\n".join([_("<b>Press office</b>"), *map(escape, contacts)]))
    return paginate(parts, separator="\n\n")


def advisory_text(advisory: Advisory, language: str) -> DocumentText:
    event = advisory.event
    return DocumentText(
        title=event.name.get(language),
        dateline=f"{event.city.get(language)}, "
        f"{event_dates(event.starts_on, event.ends_on, language)}",
        body="",
        contacts_heading=_("Press contacts"),
        contacts=tuple(contacts_lines(event, language)),
        kind=_("Media advisory"),
        masthead=masthead(event, language),
        blocks=tuple(advisory_blocks(advisory, language)),
        page_label=page_label(),
        language=language,
    )


def documents_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("📄 Document (.docx)"), callback_data=AdvisoryCb(fmt=DocumentFormat.DOCX))
    builder.button(text=_("📄 PDF"), callback_data=AdvisoryCb(fmt=DocumentFormat.PDF))
    builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.adjust(2, 1)
    return builder.as_markup()


async def send_advisory(target: Message, user: User, advisory: AdvisoryService) -> None:
    pages = advisory_pages(await advisory.advisory(), user.language)
    for page in pages[:-1]:
        await target.answer(page)
    await target.answer(pages[-1], reply_markup=documents_keyboard())


async def advisory_command(message: Message, user: User, advisory: AdvisoryService) -> None:
    await send_advisory(message, user, advisory)


async def advisory_button(callback: CallbackQuery, user: User, advisory: AdvisoryService) -> None:
    assert isinstance(callback.message, Message)
    await send_advisory(callback.message, user, advisory)


async def advisory_file(
    _callback: CallbackQuery,
    callback_data: AdvisoryCb,
    user: User,
    advisory: AdvisoryService,
    bot: Bot,
) -> None:
    text = advisory_text(await advisory.advisory(), user.language)
    payload = BUILDERS[callback_data.fmt](text)
    name = f"media-advisory-{user.language}"
    await send_file(bot, user.id, payload, name, callback_data.fmt, text.kind)


def setup(public: Router, organisers: Router) -> None:
    public.message.register(advisory_command, Command("advisory"))
    public.callback_query.register(
        advisory_button, PressMenuCb.filter(F.item == PressMenu.ADVISORY)
    )
    public.callback_query.register(advisory_file, AdvisoryCb.filter())
