"""/releases: press releases as a list, one by one, and as a document to download."""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.content.models import Event
from bot.press.documents import DocumentFormat
from bot.press.releases import PressPublishing
from bot.press.values import PressRelease
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import PressMenu, PressMenuCb, ReleaseCb, ReleaseView
from handlers.press.common import alert
from handlers.press.documents import CHANNELS, release_document, send_file
from handlers.press.views import moment, release_header

PAGE_SIZE = 5
FORMATS = {ReleaseView.DOC: DocumentFormat.DOCX, ReleaseView.PDF: DocumentFormat.PDF}


def list_view(
    releases: list[PressRelease], page: int, event: Event, now: dt.datetime, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    pages = max(1, -(-len(releases) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = releases[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [_("<b>Press releases</b>") + (f" · {page + 1}/{pages}" if pages > 1 else ""), ""]
    if not releases:
        lines.append(_("No press releases have been published yet."))
    builder = InlineKeyboardBuilder()
    for release in shown:
        mark = "⛔ " if release.embargoed(now) else ""
        lines.append(
            f"• {mark}<b>{escape(release.title.get(language))}</b>\n"
            f"  <i>{escape(moment(release.published_at, event, language))}</i>"
        )
        builder.button(
            text=mark + shorten(release.title.get(language), 60),
            callback_data=ReleaseCb(view=ReleaseView.ONE, release=release.id),
        )
    builder.adjust(1)
    nav = InlineKeyboardBuilder()
    if page > 0:
        nav.button(text="‹", callback_data=ReleaseCb(view=ReleaseView.LIST, page=page - 1))
    if page < pages - 1:
        nav.button(text="›", callback_data=ReleaseCb(view=ReleaseView.LIST, page=page + 1))
    nav.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.attach(nav)
    return paginate(lines)[0], builder.as_markup()


def release_view(
    release: PressRelease, page: int, event: Event, now: dt.datetime, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    header = "\n".join(release_header(release, event, now, language)) + "\n\n"
    # Split the plain text, then escape: Telegram counts the limit after parsing entities.
    paragraphs = release.body.get(language).split("\n\n")
    pages = [escape(page) for page in paginate(paragraphs, limit=3500, separator="\n\n")]
    page = min(max(page, 0), len(pages) - 1)
    footer = f"\n\n{page + 1}/{len(pages)}" if len(pages) > 1 else ""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("📄 Document (.docx)"),
        callback_data=ReleaseCb(view=ReleaseView.DOC, release=release.id),
    )
    builder.button(
        text=_("📄 PDF"), callback_data=ReleaseCb(view=ReleaseView.PDF, release=release.id)
    )
    nav = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if 0 <= target < len(pages):
            nav.button(
                text=arrow,
                callback_data=ReleaseCb(view=ReleaseView.ONE, release=release.id, page=target),
            )
    nav.button(text=_("« Press releases"), callback_data=ReleaseCb(view=ReleaseView.LIST))
    builder.attach(nav)
    return header + pages[page] + footer, builder.as_markup()


async def listing(
    user: User, page: int, publishing: PressPublishing, agenda: AgendaService
) -> tuple[str, InlineKeyboardMarkup]:
    releases = await publishing.releases_for(user.id)
    return list_view(releases, page, await agenda.event(), publishing.now(), user.language)


async def releases_command(
    message: Message, user: User, publishing: PressPublishing, agenda: AgendaService
) -> None:
    text, markup = await listing(user, 0, publishing, agenda)
    await message.answer(text, reply_markup=markup)


async def releases_button(
    callback: CallbackQuery, user: User, publishing: PressPublishing, agenda: AgendaService
) -> None:
    text, markup = await listing(user, 0, publishing, agenda)
    await show(callback, text, markup)


async def releases_page(
    callback: CallbackQuery,
    callback_data: ReleaseCb,
    user: User,
    publishing: PressPublishing,
    agenda: AgendaService,
) -> None:
    text, markup = await listing(user, callback_data.page, publishing, agenda)
    await show(callback, text, markup)


async def release_button(
    callback: CallbackQuery,
    callback_data: ReleaseCb,
    callback_answer: CallbackAnswer,
    user: User,
    publishing: PressPublishing,
    agenda: AgendaService,
) -> None:
    release = await publishing.release_for(user.id, callback_data.release)
    if release is None:
        alert(callback_answer, _("This press release is not available."))
        return
    text, markup = release_view(
        release, callback_data.page, await agenda.event(), publishing.now(), user.language
    )
    await show(callback, text, markup)


async def release_file(
    _callback: CallbackQuery,
    *,
    callback_data: ReleaseCb,
    callback_answer: CallbackAnswer,
    user: User,
    publishing: PressPublishing,
    agenda: AgendaService,
    bot: Bot,
) -> None:
    """The release as a document; while it is embargoed the download is on record."""
    release = await publishing.release_for(user.id, callback_data.release)
    if release is None:
        alert(callback_answer, _("This press release is not available."))
        return
    fmt = FORMATS[callback_data.view]
    event = await agenda.event()
    payload = release_document(release, event, publishing.now(), user.language, fmt)
    name, caption = f"press-release-{release.id}", release.title.get(user.language)
    sent = await publishing.hand_over(
        user,
        release.id,
        CHANNELS[fmt],
        lambda: send_file(bot, user.id, payload, name, fmt, caption),
    )
    if sent is None:
        alert(callback_answer, _("This press release is not available."))


def setup(public: Router, organisers: Router) -> None:
    public.message.register(releases_command, Command("releases"))
    public.callback_query.register(
        releases_button, PressMenuCb.filter(F.item == PressMenu.RELEASES)
    )
    public.callback_query.register(releases_page, ReleaseCb.filter(F.view == ReleaseView.LIST))
    public.callback_query.register(release_button, ReleaseCb.filter(F.view == ReleaseView.ONE))
    public.callback_query.register(release_file, ReleaseCb.filter(F.view.in_(FORMATS)))
