"""/releases and publishing from chat: press releases, daily summaries and their documents."""

from __future__ import annotations

import datetime as dt
import secrets
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.content.models import Event
from bot.forms.input import BODY, TITLE, clean, parse_moment
from bot.press.documents import DocumentText, build_docx
from bot.press.releases import PressPublishing, PublishOutcome
from bot.press.values import PressRelease, as_written
from bot.summaries.values import Summary
from bot.telegram.html import CAPTION_LIMIT, MESSAGE_LIMIT, paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, short_day
from bot.users.values import User
from handlers.agenda.browse import day_key, parse_day_key
from handlers.common.views import show
from handlers.press.callbacks import (
    Confirm,
    NoEmbargoCb,
    PressMenu,
    PressMenuCb,
    PublishCb,
    ReleaseCb,
    ReleaseView,
    SummaryDayCb,
    SummaryDocCb,
)
from handlers.press.common import (
    accepted,
    contacts_lines,
    not_organiser,
    refuse,
    use_buttons,
)
from handlers.press.views import embargo_line, moment, release_header

PAGE_SIZE = 5
LONGEST_EMBARGO = dt.timedelta(days=14)


class ReleaseForm(StatesGroup):
    title = State()
    body = State()
    embargo = State()
    preview = State()


class SummaryForm(StatesGroup):
    day = State()
    title = State()
    body = State()
    preview = State()


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


def summary_document(summary: Summary, event: Event, language: str) -> bytes:
    return build_docx(
        DocumentText(
            title=summary.title.get(language),
            dateline=f"{event.city.get(language)}, {day_heading(summary.day, language)}",
            body=summary.body.get(language),
            contacts_heading=_("Press contacts"),
            contacts=tuple(contacts_lines(event, language)),
        )
    )


def stale_draft() -> str:
    return _("This draft is no longer open: it was published or discarded.")


def confirm_keyboard(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("✅ Publish"), callback_data=PublishCb(draft=draft, choice=Confirm.PUBLISH)
    )
    builder.button(
        text=_("✖ Discard"), callback_data=PublishCb(draft=draft, choice=Confirm.DISCARD)
    )
    return builder.as_markup()


def no_embargo_keyboard(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("No embargo"), callback_data=NoEmbargoCb(draft=draft))
    return builder.as_markup()


async def send_preview(target: Message, header: str, body: str, draft: str) -> None:
    """The draft as it will read, in as many messages as it needs; the buttons under the last.

    ``header`` is HTML; ``body`` is the plain text, split before escaping because Telegram
    counts the length limit after parsing entities.
    """
    await target.answer(_("<b>Preview</b> — publish it?"))
    pages = [escape(page) for page in paginate(body.split("\n\n"), 3500, separator="\n\n")]
    pages[0] = f"{header}\n\n{pages[0]}"
    for page in pages[:-1]:
        await target.answer(page)
    await target.answer(pages[-1], reply_markup=confirm_keyboard(draft))


def router() -> Router:
    router = Router(name="press_releases")

    async def show_list(
        callback_or_message: CallbackQuery | Message,
        user: User,
        page: int,
        publishing: PressPublishing,
        agenda: AgendaService,
    ) -> None:
        releases = await publishing.releases_for(user.id)
        text, markup = list_view(
            releases, page, await agenda.event(), publishing.now(), user.language
        )
        if isinstance(callback_or_message, Message):
            await callback_or_message.answer(text, reply_markup=markup)
        else:
            await show(callback_or_message, text, markup)
            await callback_or_message.answer()

    @router.message(Command("releases"), F.chat.type == "private")
    async def releases_command(
        message: Message, user: User, publishing: PressPublishing, agenda: AgendaService
    ) -> None:
        await show_list(message, user, 0, publishing, agenda)

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.RELEASES))
    async def releases_button(
        callback: CallbackQuery, user: User, publishing: PressPublishing, agenda: AgendaService
    ) -> None:
        await show_list(callback, user, 0, publishing, agenda)

    @router.callback_query(ReleaseCb.filter(F.view == ReleaseView.LIST))
    async def releases_page(
        callback: CallbackQuery,
        callback_data: ReleaseCb,
        user: User,
        publishing: PressPublishing,
        agenda: AgendaService,
    ) -> None:
        await show_list(callback, user, callback_data.page, publishing, agenda)

    @router.callback_query(ReleaseCb.filter(F.view == ReleaseView.ONE))
    async def release_button(
        callback: CallbackQuery,
        callback_data: ReleaseCb,
        user: User,
        publishing: PressPublishing,
        agenda: AgendaService,
    ) -> None:
        release = await publishing.release_for(user.id, callback_data.release)
        if release is None:
            await refuse(callback, _("This press release is not available."))
            return
        text, markup = release_view(
            release, callback_data.page, await agenda.event(), publishing.now(), user.language
        )
        await show(callback, text, markup)
        await callback.answer()

    @router.callback_query(ReleaseCb.filter(F.view == ReleaseView.DOC))
    async def release_file(
        callback: CallbackQuery,
        callback_data: ReleaseCb,
        user: User,
        publishing: PressPublishing,
        agenda: AgendaService,
        bot: Bot,
    ) -> None:
        release = await publishing.release_for(user.id, callback_data.release)
        if release is None:
            await refuse(callback, _("This press release is not available."))
            return
        event = await agenda.event()
        payload = release_document(release, event, publishing.now(), user.language)
        await bot.send_document(
            user.id,
            BufferedInputFile(payload, filename=f"press-release-{release.id}.docx"),
            caption=escape(shorten(release.title.get(user.language), CAPTION_LIMIT - 10)),
        )
        await callback.answer()

    @router.callback_query(SummaryDocCb.filter())
    async def summary_file(
        callback: CallbackQuery,
        callback_data: SummaryDocCb,
        user: User,
        publishing: PressPublishing,
        agenda: AgendaService,
        bot: Bot,
    ) -> None:
        day = parse_day_key(callback_data.day)
        summary = await publishing.summary(day) if day else None
        if summary is None:
            await refuse(callback, _("This summary has not been published."))
            return
        payload = summary_document(summary, await agenda.event(), user.language)
        await bot.send_document(
            user.id,
            BufferedInputFile(payload, filename=f"summary-{summary.day.isoformat()}.docx"),
            caption=escape(shorten(summary.title.get(user.language), CAPTION_LIMIT - 10)),
        )
        await callback.answer()

    # ---------------------------------------------------------------- publishing a release

    async def start_release(user: User, state: FSMContext) -> str:
        if not user.is_organiser:
            return not_organiser()
        await state.clear()
        await state.set_state(ReleaseForm.title)
        await state.update_data(draft=secrets.token_hex(6))
        return _("<b>New press release</b>, step 1 of 3. The title? (/cancel stops at any step)")

    @router.message(Command("publish"), F.chat.type == "private")
    async def publish_command(message: Message, user: User, state: FSMContext) -> None:
        await message.answer(await start_release(user, state))

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.PUBLISH_RELEASE))
    async def publish_button(callback: CallbackQuery, user: User, state: FSMContext) -> None:
        if not user.is_organiser:
            await refuse(callback, not_organiser())
            return
        await callback.message.answer(await start_release(user, state))  # type: ignore[union-attr]
        await callback.answer()

    @router.message(
        StateFilter(ReleaseForm.preview, SummaryForm.day, SummaryForm.preview),
        ~F.text.startswith("/"),
    )
    async def expects_a_button(message: Message) -> None:
        await message.answer(use_buttons())

    @router.message(ReleaseForm.title)
    async def release_title(message: Message, state: FSMContext) -> None:
        title = await accepted(message, lambda text: clean(text, TITLE))
        if title is None:
            return
        await state.update_data(title=title)
        await state.set_state(ReleaseForm.body)
        await message.answer(
            _("Step 2 of 3. The text of the release; separate paragraphs with an empty line.")
        )

    @router.message(ReleaseForm.body, flags={"max_length": MESSAGE_LIMIT})
    async def release_body(message: Message, state: FSMContext) -> None:
        body = await accepted(message, lambda text: clean(text, BODY, multiline=True))
        if body is None:
            return
        data = await state.update_data(body=body)
        await state.set_state(ReleaseForm.embargo)
        await message.answer(
            _(
                "Step 3 of 3. Embargo: until when (event time) may it not be published? "
                "Send HH:MM or DD.MM HH:MM, or press «No embargo»."
            ),
            reply_markup=no_embargo_keyboard(data["draft"]),
        )

    async def release_preview(
        target: Message, user: User, state: FSMContext, agenda: AgendaService, now: dt.datetime
    ) -> None:
        data = await state.get_data()
        embargo = dt.datetime.fromisoformat(data["embargo"]) if data.get("embargo") else None
        event = await agenda.event()
        draft = PressRelease(
            id=0,
            key="",
            title=as_written(data["title"]),
            body=as_written(data["body"]),
            published_at=now,
            embargo_until=embargo,
        )
        header = "\n".join(release_header(draft, event, now, user.language))
        await state.set_state(ReleaseForm.preview)
        await send_preview(target, header, data["body"], data["draft"])

    @router.message(ReleaseForm.embargo)
    async def release_embargo(
        message: Message,
        user: User,
        state: FSMContext,
        agenda: AgendaService,
        publishing: PressPublishing,
    ) -> None:
        now = publishing.now()
        event = await agenda.event()
        embargo = await accepted(message, lambda text: parse_moment(text, now, event.zone))
        if embargo is None:
            return
        if not now < embargo <= now + LONGEST_EMBARGO:
            await message.answer(_("The embargo must end in the future, within 14 days."))
            return
        await state.update_data(embargo=embargo.isoformat())
        await release_preview(message, user, state, agenda, now)

    @router.callback_query(NoEmbargoCb.filter())
    async def release_no_embargo(
        callback: CallbackQuery,
        callback_data: NoEmbargoCb,
        user: User,
        state: FSMContext,
        agenda: AgendaService,
        publishing: PressPublishing,
    ) -> None:
        data = await state.get_data()
        if (
            await state.get_state() != ReleaseForm.embargo.state
            or data.get("draft") != callback_data.draft
        ):
            await refuse(callback, stale_draft())
            return
        await state.update_data(embargo=None)
        await release_preview(callback.message, user, state, agenda, publishing.now())  # type: ignore[arg-type]
        await callback.answer()

    @router.callback_query(PublishCb.filter())
    async def confirm(
        callback: CallbackQuery,
        callback_data: PublishCb,
        user: User,
        state: FSMContext,
        publishing: PressPublishing,
    ) -> None:
        if not user.is_organiser:
            await refuse(callback, not_organiser())
            return
        current = await state.get_state()
        data = await state.get_data()
        if (
            current not in {ReleaseForm.preview.state, SummaryForm.preview.state}
            or data.get("draft") != callback_data.draft
        ):
            await refuse(callback, stale_draft())
            return
        await state.clear()
        if callback_data.choice is Confirm.DISCARD:
            await show(callback, _("Discarded. Nothing was published."))
            await callback.answer()
            return
        if current == ReleaseForm.preview.state:
            embargo = dt.datetime.fromisoformat(data["embargo"]) if data.get("embargo") else None
            outcome, _release = await publishing.publish_release(
                user.id, data["draft"], data["title"], data["body"], embargo
            )
        else:
            outcome = await publishing.publish_summary(
                user.id,
                data["draft"],
                dt.date.fromisoformat(data["day"]),
                data["title"],
                data["body"],
            )
        if outcome is not PublishOutcome.PUBLISHED:
            await refuse(
                callback,
                not_organiser()
                if outcome is PublishOutcome.NOT_ALLOWED
                else _("This day is not in the programme."),
            )
            return
        await show(
            callback, _("✅ Published. Subscribers and accredited journalists are being notified.")
        )
        await callback.answer()

    # ---------------------------------------------------------------- publishing a summary

    async def start_summary(
        user: User, state: FSMContext, agenda: AgendaService
    ) -> tuple[str, InlineKeyboardMarkup | None]:
        if not user.is_organiser:
            return not_organiser(), None
        await state.clear()
        await state.set_state(SummaryForm.day)
        await state.update_data(draft=secrets.token_hex(6))
        builder = InlineKeyboardBuilder()
        for day in await agenda.days():
            builder.button(
                text=short_day(day.date, user.language),
                callback_data=SummaryDayCb(day=day_key(day.date)),
            )
        builder.adjust(1)
        text = _("<b>Daily summary</b>, step 1 of 3. Which day? (/cancel stops at any step)")
        return text, builder.as_markup()

    @router.message(Command("publish_summary"), F.chat.type == "private")
    async def publish_summary_command(
        message: Message,
        user: User,
        state: FSMContext,
        agenda: AgendaService,
    ) -> None:
        text, markup = await start_summary(user, state, agenda)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.PUBLISH_SUMMARY))
    async def publish_summary_button(
        callback: CallbackQuery,
        user: User,
        state: FSMContext,
        agenda: AgendaService,
    ) -> None:
        if not user.is_organiser:
            await refuse(callback, not_organiser())
            return
        text, markup = await start_summary(user, state, agenda)
        await callback.message.answer(text, reply_markup=markup)  # type: ignore[union-attr]
        await callback.answer()

    @router.callback_query(SummaryDayCb.filter())
    async def summary_day(
        callback: CallbackQuery,
        callback_data: SummaryDayCb,
        user: User,
        state: FSMContext,
        agenda: AgendaService,
    ) -> None:
        if not user.is_organiser:
            await refuse(callback, not_organiser())
            return
        if await state.get_state() != SummaryForm.day.state:
            await refuse(callback, stale_draft())
            return
        day = parse_day_key(callback_data.day)
        if day is None or day not in {d.date for d in await agenda.days()}:
            await refuse(callback, _("This day is not in the programme."))
            return
        await state.update_data(day=day.isoformat())
        await state.set_state(SummaryForm.title)
        await show(
            callback,
            _("Step 2 of 3. The title of the summary of {day}?").format(
                day=escape(day_heading(day, user.language))
            ),
        )
        await callback.answer()

    @router.message(SummaryForm.title)
    async def summary_title(message: Message, state: FSMContext) -> None:
        title = await accepted(message, lambda text: clean(text, TITLE))
        if title is None:
            return
        await state.update_data(title=title)
        await state.set_state(SummaryForm.body)
        await message.answer(
            _("Step 3 of 3. The text of the summary; separate paragraphs with an empty line.")
        )

    @router.message(SummaryForm.body, flags={"max_length": MESSAGE_LIMIT})
    async def summary_body(
        message: Message, user: User, state: FSMContext, publishing: PressPublishing
    ) -> None:
        body = await accepted(message, lambda text: clean(text, BODY, multiline=True))
        if body is None:
            return
        data = await state.update_data(body=body)
        await state.set_state(SummaryForm.preview)
        day = dt.date.fromisoformat(data["day"])
        if await publishing.summary(day) is not None:
            await message.answer(_("It replaces the summary already published for this day."))
        title = escape(data["title"])
        heading = escape(day_heading(day, user.language))
        await send_preview(message, f"<b>{title}</b>\n<i>{heading}</i>", body, data["draft"])

    return router
