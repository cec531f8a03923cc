"""/releases: press releases as a list, one by one, and as a document to download."""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.content.models import Event
from bot.press.documents import DocumentText, build_docx
from bot.press.releases import PressPublishing
from bot.press.values import PressRelease
from bot.telegram.html import CAPTION_LIMIT, paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import PressMenu, PressMenuCb, ReleaseCb, ReleaseView
from handlers.press.common import alert, contacts_lines
from handlers.press.views import embargo_line, moment, release_header

PAGE_SIZE = 5


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


def release_document(release: PressRelease, event: Event, now: dt.datetime, language: str) -> bytes:
    return build_docx(
        DocumentText(
            title=release.title.get(language),
            dateline=f"{event.city.get(language)}, {moment(release.published_at, event, language)}",
            body=release.body.get(language),
            contacts_heading=_("Press contacts"),
            contacts=tuple(contacts_lines(event, language)),
            banner=embargo_line(release, event, language) if release.embargoed(now) else None,
        )
    )


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
    release = await publishing.release_for(user.id, callback_data.release)
    if release is None:
        alert(callback_answer, _("This press release is not available."))
        return
    payload = release_document(release, await agenda.event(), publishing.now(), user.language)
    await bot.send_document(
        user.id,
        BufferedInputFile(payload, filename=f"press-release-{release.id}.docx"),
        caption=escape(shorten(release.title.get(user.language), CAPTION_LIMIT - 10)),
    )


def setup(public: Router, organisers: Router) -> None:
    public.message.register(releases_command, Command("releases"))
    public.callback_query.register(
        releases_button, PressMenuCb.filter(F.item == PressMenu.RELEASES)
    )
    public.callback_query.register(releases_page, ReleaseCb.filter(F.view == ReleaseView.LIST))
    public.callback_query.register(release_button, ReleaseCb.filter(F.view == ReleaseView.ONE))
    public.callback_query.register(release_file, ReleaseCb.filter(F.view == ReleaseView.DOC))
