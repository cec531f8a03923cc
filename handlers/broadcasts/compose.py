"""/broadcast (compose, audience, preview, confirm), /broadcasts (reports, cancel) and the
progress message kept up to date while a broadcast is being delivered."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import re
import uuid
from enum import StrEnum
from html import escape, unescape
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, Filter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.broadcasts.service import BroadcastService, Draft, Report
from bot.broadcasts.values import Audience, AudienceKind, Broadcast, BroadcastState
from bot.content.models import Text
from bot.delegations.service import DelegationService
from bot.delivery import DeliveryProgress
from bot.delivery.values import Media, MediaKind
from bot.telegram import limits
from bot.telegram.html import CAPTION_LIMIT, paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.telegram.limits import too_long_message
from bot.time.display import clock_time, short_day
from bot.users.values import User
from handlers.common.access import IsOrganiser
from handlers.common.views import event_zone_label, show

log = logging.getLogger(__name__)

LISTED = 10  # broadcasts shown by /broadcasts
TAG = re.compile(r"<[^>]+>")


class Compose(StatesGroup):
    content = State()
    audience = State()
    confirm = State()


class ComposeAction(StrEnum):
    CHOOSE = "a"
    DELEGATIONS = "d"
    SESSIONS = "s"
    AUDIENCES = "b"
    SEND = "ok"
    DISCARD = "x"


class ComposeCb(CallbackData, prefix="bc"):
    action: ComposeAction
    kind: AudienceKind = AudienceKind.EVERYONE
    ref: int = 0
    draft: str = ""
    """The draft the buttons belong to (see ``draft_tag``): a button under an older draft's
    message must not act on the draft open now."""


def draft_tag(data: dict[str, Any]) -> str:
    """The short tag of the open draft; empty while none has been written yet."""
    return str(data.get("token", ""))[:12]


class CurrentDraft(Filter):
    """Passes a compose button only when it was made for the draft that is open now."""

    async def __call__(self, callback: CallbackQuery, state: FSMContext) -> bool:
        data = ComposeCb.unpack(callback.data or "")
        return data.draft == draft_tag(await state.get_data())


class BroadcastAction(StrEnum):
    CANCEL = "cancel"


class BroadcastCb(CallbackData, prefix="bcs"):
    action: BroadcastAction
    broadcast: int


# ----------------------------------------------------------------------------- views


def audience_name(audience: Audience, language: str) -> str:
    named = escape(audience.name.get(language)) if audience.name else "—"
    names = {
        AudienceKind.EVERYONE: _("everyone"),
        AudienceKind.DELEGATES: _("all delegates"),
        AudienceKind.DELEGATION: _("the delegation {name}").format(name=named),
        AudienceKind.PRESS: _("the press"),
        AudienceKind.SESSION: _("subscribers of «{name}»").format(name=named),
        AudienceKind.ORGANISERS: _("the organisers"),
    }
    return names[audience.kind]


def discard_button(builder: InlineKeyboardBuilder, draft: str) -> None:
    builder.button(
        text=_("✖ Discard"), callback_data=ComposeCb(action=ComposeAction.DISCARD, draft=draft)
    )


def audiences_markup(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    choose = ComposeAction.CHOOSE
    for label, kind in (
        (_("Everyone"), AudienceKind.EVERYONE),
        (_("Delegates"), AudienceKind.DELEGATES),
    ):
        builder.button(text=label, callback_data=ComposeCb(action=choose, kind=kind, draft=draft))
    builder.button(
        text=_("A delegation…"),
        callback_data=ComposeCb(action=ComposeAction.DELEGATIONS, draft=draft),
    )
    builder.button(
        text=_("Press"),
        callback_data=ComposeCb(action=choose, kind=AudienceKind.PRESS, draft=draft),
    )
    builder.button(
        text=_("Subscribers of a session…"),
        callback_data=ComposeCb(action=ComposeAction.SESSIONS, draft=draft),
    )
    builder.button(
        text=_("Organisers"),
        callback_data=ComposeCb(action=choose, kind=AudienceKind.ORGANISERS, draft=draft),
    )
    discard_button(builder, draft)
    builder.adjust(2, 2, 2, 1)
    return builder.as_markup()


def choices_markup(
    choices: list[tuple[str, AudienceKind, int]], draft: str
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for label, kind, ref in choices:
        builder.button(
            text=label,
            callback_data=ComposeCb(action=ComposeAction.CHOOSE, kind=kind, ref=ref, draft=draft),
        )
    builder.button(
        text=_("« Audiences"), callback_data=ComposeCb(action=ComposeAction.AUDIENCES, draft=draft)
    )
    builder.adjust(1)
    return builder.as_markup()


def confirm_markup(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("✅ Send"), callback_data=ComposeCb(action=ComposeAction.SEND, draft=draft)
    )
    builder.button(
        text=_("Change audience"),
        callback_data=ComposeCb(action=ComposeAction.AUDIENCES, draft=draft),
    )
    discard_button(builder, draft)
    builder.adjust(1, 2)
    return builder.as_markup()


def cancel_markup(broadcast: Broadcast) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("⏹ Cancel the rest"),
        callback_data=BroadcastCb(action=BroadcastAction.CANCEL, broadcast=broadcast.id),
    )
    return builder.as_markup()


def estimate(seconds: float, when: str) -> str:
    if seconds < 60:
        return _("in under a minute")
    return _("about {time}").format(time=when) if seconds < 86_400 else _("in more than a day")


def progress_text(broadcast: Broadcast, progress: DeliveryProgress, eta: str) -> str:
    language = broadcast.language
    heading = _("📣 <b>Broadcast #{number}</b> to {audience}").format(
        number=broadcast.id, audience=audience_name(broadcast.audience, language)
    )
    if progress.finished or broadcast.state is not BroadcastState.SENDING:
        return report_text(heading, broadcast, progress)
    return "\n".join(
        [
            heading,
            _("Sending… sent {sent}, remaining {remaining}, failed {failed}.").format(
                sent=progress.sent,
                remaining=progress.queued,
                failed=progress.failed + progress.unreachable,
            ),
            _("Estimated finish: {eta}.").format(eta=eta),
        ]
    )


def report_text(heading: str, broadcast: Broadcast, progress: DeliveryProgress) -> str:
    if broadcast.state is BroadcastState.CANCELLED:
        status = _("Cancelled; {count} messages were not sent.").format(count=progress.cancelled)
    else:
        status = _("Finished.")
    return "\n".join(
        [
            heading,
            status,
            _("Delivered: {count}").format(count=progress.sent),
            _("Unreachable (blocked the bot or deleted the account): {count}").format(
                count=progress.unreachable
            ),
            _("Failed after retries: {count}").format(count=progress.failed),
        ]
    )


async def eta_text(
    progress: DeliveryProgress, rate: float, agenda: AgendaService, language: str
) -> str:
    """When the rest will have gone at the delivery rate, in the event's zone."""
    seconds = progress.queued / rate
    finish = agenda.now() + dt.timedelta(seconds=seconds)
    zone = await agenda.zone()
    label = event_zone_label(await agenda.event(), zone, finish, language)
    return estimate(seconds, f"{clock_time(finish, zone)} ({label})")


def draft_from(message: Message) -> Draft | None:
    """The announcement in a message: text, or one photo or document with its caption."""
    media = None
    if message.photo:
        media = Media(MediaKind.PHOTO, message.photo[-1].file_id)
    elif message.document:
        media = Media(MediaKind.DOCUMENT, message.document.file_id)
    elif not message.text:
        return None
    text = message.html_text if (message.text or message.caption) else ""
    return Draft(token=uuid.uuid4().hex, text=text, media=media)


async def send_preview(bot: Bot, chat_id: int, draft: Draft) -> None:
    """The announcement exactly as recipients will get it."""
    if draft.media is None:
        await bot.send_message(chat_id, draft.text)
    elif draft.media.kind is MediaKind.PHOTO:
        await bot.send_photo(chat_id, draft.media.file_id, caption=draft.text or None)
    else:
        await bot.send_document(chat_id, draft.media.file_id, caption=draft.text or None)


def draft_data(draft: Draft) -> dict[str, str | None]:
    return {
        "token": draft.token,
        "text": draft.text,
        "media_kind": None if draft.media is None else draft.media.kind.value,
        "file_id": None if draft.media is None else draft.media.file_id,
    }


def draft_of(data: dict[str, object]) -> Draft:
    media = None
    if data.get("media_kind"):
        media = Media(MediaKind(str(data["media_kind"])), str(data["file_id"]))
    return Draft(token=str(data["token"]), text=str(data["text"]), media=media)


def history_entry(report: Report, language: str, zone: ZoneInfo) -> str:
    """One past broadcast: when (event's zone), to whom, how it went, how it began."""
    broadcast, progress = report.broadcast, report.progress
    states = {
        BroadcastState.SENDING: _("sending"),
        BroadcastState.DONE: _("finished"),
        BroadcastState.CANCELLED: _("cancelled"),
    }
    summary = _(
        "delivered {sent}, unreachable {unreachable}, failed {failed}, not sent {left}"
    ).format(
        sent=progress.sent,
        unreachable=progress.unreachable,
        failed=progress.failed,
        left=progress.queued + progress.cancelled,
    )
    created = broadcast.created_at.astimezone(zone)
    when = f"{short_day(created.date(), language)} {clock_time(created, zone)}"
    return (
        f"<b>#{broadcast.id}</b> · {escape(when)} · "
        f"{audience_name(broadcast.audience, language)} · {states[broadcast.state]}\n"
        f"{summary}\n<i>{escape(shorten(_plain(broadcast), 80))}</i>"
    )


def _plain(broadcast: Broadcast) -> str:
    """A hint of the announcement for the list: its start, without markup."""
    text = unescape(TAG.sub("", broadcast.text)).replace("\n", " ")
    return ("📎 " + text).strip() if broadcast.media is not None else text


async def resolve(
    choice: ComposeCb, agenda: AgendaService, delegations: DelegationService
) -> Audience | None:
    """The audience a button names, with the delegation's or session's name; None if gone."""
    if choice.kind is AudienceKind.DELEGATION:
        delegation = await delegations.get(choice.ref)
        return None if delegation is None else Audience(choice.kind, choice.ref, delegation.name)
    if choice.kind is AudienceKind.SESSION:
        session = await agenda.session(choice.ref)
        return None if session is None else Audience(choice.kind, choice.ref, session.title)
    return Audience(choice.kind)


def audience_data(audience: Audience) -> dict[str, object]:
    name = None if audience.name is None else audience.name.model_dump_json()
    return {"kind": audience.kind.value, "ref": audience.ref, "name": name}


def audience_of(data: dict[str, object]) -> Audience:
    name = data.get("name")
    ref = data.get("ref")
    return Audience(
        AudienceKind(str(data["kind"])),
        ref if isinstance(ref, int) else None,
        Text.model_validate_json(name) if isinstance(name, str) else None,
    )


class ProgressReporter:
    """Keeps each running broadcast's progress message current, then turns it into the report.

    One owned task, started and stopped with the bot; every few seconds it reads the
    outbox counts and edits the author's message when they changed. After a restart it
    picks up the broadcasts still sending (their message ids are in the store).
    """

    def __init__(
        self,
        broadcasts: BroadcastService,
        agenda: AgendaService,
        bot: Bot,
        i18n: I18n,
        rate: float,
        interval: float,
    ) -> None:
        self._broadcasts = broadcasts
        self._agenda = agenda
        self._bot = bot
        self._i18n = i18n
        self._rate = rate
        self._interval = interval
        self._shown: dict[int, str] = {}
        self._reported: set[int] = set()
        self._editing = asyncio.Lock()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._broadcasts.resume()
        self._stop.clear()
        self._task = asyncio.create_task(self._run(), name="broadcast-progress")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("broadcast progress: could not update; trying again")
            try:
                async with asyncio.timeout(self._interval):
                    await self._stop.wait()
            except TimeoutError:
                pass

    async def tick(self) -> None:
        for report in await self._broadcasts.sending():
            if not report.finished:
                await self.show(report)
                continue
            # The report first: if Telegram cannot be reached, the next tick tries again.
            done = dataclasses.replace(report.broadcast, state=BroadcastState.DONE)
            await self.show(Report(done, report.progress))
            await self._broadcasts.finish(report.broadcast)

    async def show(self, report: Report) -> None:
        """Edit the progress message in the author's language, if it says something new.

        One edit at a time (the send handler and the periodic tick both call this), and
        never a «sending» state over a broadcast's final report.
        """
        async with self._editing:
            await self._show(report)

    async def _show(self, report: Report) -> None:
        broadcast = report.broadcast
        if broadcast.progress_message_id is None or broadcast.id in self._reported:
            return
        with self._i18n.context(), self._i18n.use_locale(broadcast.language):
            eta = await eta_text(report.progress, self._rate, self._agenda, broadcast.language)
            text = progress_text(broadcast, report.progress, eta)
            running = broadcast.state is BroadcastState.SENDING
            markup = cancel_markup(broadcast) if running else None
        if self._shown.get(broadcast.id) == text:
            return
        try:
            await self._bot.edit_message_text(
                text=text,
                chat_id=broadcast.progress_chat_id,
                message_id=broadcast.progress_message_id,
                reply_markup=markup,
            )
        except TelegramBadRequest as error:
            if "message is not modified" not in error.message:
                log.warning("broadcast %s: progress not shown: %s", broadcast.id, error.message)
        if running:
            self._shown[broadcast.id] = text
        else:
            self._shown.pop(broadcast.id, None)
            self._reported.add(broadcast.id)


# ------------------------------------------------------------------------ the router


def router() -> Router:
    router = Router(name="broadcasts")
    router.message.filter(F.chat.type == "private")

    @router.message(Command("broadcast"), IsOrganiser())
    async def begin(message: Message, state: FSMContext) -> None:
        await state.clear()
        await state.set_state(Compose.content)
        builder = InlineKeyboardBuilder()
        discard_button(builder, "")
        await message.answer(
            _(
                "<b>New broadcast</b>\nSend the announcement: text (formatting is kept), "
                "or one photo or document with a caption."
            ),
            reply_markup=builder.as_markup(),
        )

    @router.message(Command("cancel"), StateFilter(Compose), IsOrganiser())
    async def cancel_command(message: Message, state: FSMContext) -> None:
        await state.clear()
        await message.answer(_("Broadcast discarded: nothing was sent."))

    @router.message(
        StateFilter(Compose.content),
        IsOrganiser(),
        ~F.text.startswith("/"),
        flags={"max_length": limits.ANNOUNCEMENT},
    )
    async def content(message: Message, state: FSMContext) -> None:
        if len(message.caption or "") > CAPTION_LIMIT:
            await message.answer(too_long_message(len(message.caption or ""), CAPTION_LIMIT))
            return
        draft = None if message.media_group_id else draft_from(message)
        if draft is None:
            await message.answer(
                _("A broadcast is text, or one photo or one document with a caption. Try again.")
            )
            return
        data = await state.update_data(**draft_data(draft))
        await state.set_state(Compose.audience)
        await message.answer(
            _("Who should get it?"), reply_markup=audiences_markup(draft_tag(data))
        )

    @router.callback_query(
        ComposeCb.filter(F.action == ComposeAction.AUDIENCES),
        StateFilter(Compose.audience, Compose.confirm),
        IsOrganiser(),
        CurrentDraft(),
    )
    async def audiences(callback: CallbackQuery, state: FSMContext) -> None:
        await state.set_state(Compose.audience)
        await show(
            callback, _("Who should get it?"), audiences_markup(draft_tag(await state.get_data()))
        )
        await callback.answer()

    @router.callback_query(
        ComposeCb.filter(F.action == ComposeAction.DELEGATIONS),
        StateFilter(Compose.audience),
        IsOrganiser(),
        CurrentDraft(),
    )
    async def pick_delegation(
        callback: CallbackQuery,
        state: FSMContext,
        user: User,
        delegations: DelegationService,
        broadcasts: BroadcastService,
    ) -> None:
        choices = []
        for delegation in (await delegations.participants()).ordered():
            audience = Audience(AudienceKind.DELEGATION, delegation.id)
            count = len(await broadcasts.recipients(audience))
            label = f"{shorten(delegation.name.get(user.language), 50)} ({count})"
            choices.append((label, AudienceKind.DELEGATION, delegation.id))
        tag = draft_tag(await state.get_data())
        await show(callback, _("Which delegation?"), choices_markup(choices, tag))
        await callback.answer()

    @router.callback_query(
        ComposeCb.filter(F.action == ComposeAction.SESSIONS),
        StateFilter(Compose.audience),
        IsOrganiser(),
        CurrentDraft(),
    )
    async def pick_session(
        callback: CallbackQuery,
        state: FSMContext,
        user: User,
        agenda: AgendaService,
        broadcasts: BroadcastService,
    ) -> None:
        zone = await agenda.zone()
        choices = []
        for session in await agenda.programme():
            count = len(await broadcasts.recipients(Audience(AudienceKind.SESSION, session.id)))
            if count:
                when = (
                    f"{short_day(session.day, user.language)} {clock_time(session.starts_at, zone)}"
                )
                title = shorten(session.title.get(user.language), 40)
                choices.append((f"{when} {title} ({count})", AudienceKind.SESSION, session.id))
        if not choices:
            await callback.answer(_("Nobody has subscribed to a session yet."), show_alert=True)
            return
        tag = draft_tag(await state.get_data())
        await show(callback, _("Subscribers of which session?"), choices_markup(choices, tag))
        await callback.answer()

    @router.callback_query(
        ComposeCb.filter(F.action == ComposeAction.CHOOSE),
        StateFilter(Compose.audience),
        IsOrganiser(),
        CurrentDraft(),
    )
    async def choose(
        callback: CallbackQuery,
        callback_data: ComposeCb,
        state: FSMContext,
        user: User,
        bot: Bot,
        agenda: AgendaService,
        delegations: DelegationService,
        broadcasts: BroadcastService,
    ) -> None:
        audience = await resolve(callback_data, agenda, delegations)
        if audience is None:
            await callback.answer(_("This choice is out of date."), show_alert=True)
            return
        count = len(await broadcasts.recipients(audience))
        if count == 0:
            await callback.answer(_("Nobody is in this audience yet."), show_alert=True)
            return
        draft = draft_of(await state.get_data())
        await show(
            callback,
            _("Audience: {audience}.").format(audience=audience_name(audience, user.language)),
        )
        try:
            await send_preview(bot, user.id, draft)
        except TelegramBadRequest as error:
            await state.set_state(Compose.content)
            await bot.send_message(
                user.id,
                _("Telegram refused this announcement ({error}). Send it again.").format(
                    error=escape(error.message)
                ),
            )
            await callback.answer()
            return
        await state.update_data(**audience_data(audience))
        await state.set_state(Compose.confirm)
        await bot.send_message(
            user.id,
            _("⬆ This is the preview. It goes to {audience}: {count} recipients. Send it?").format(
                audience=audience_name(audience, user.language), count=count
            ),
            reply_markup=confirm_markup(draft_tag(await state.get_data())),
        )
        await callback.answer()

    @router.callback_query(
        ComposeCb.filter(F.action == ComposeAction.SEND),
        StateFilter(Compose.confirm),
        IsOrganiser(),
        CurrentDraft(),
    )
    async def send(
        callback: CallbackQuery,
        state: FSMContext,
        user: User,
        broadcasts: BroadcastService,
        broadcast_progress: ProgressReporter,
    ) -> None:
        data = await state.get_data()
        await state.clear()
        message_id = callback.message.message_id if callback.message else None
        broadcast = await broadcasts.start(user, draft_of(data), audience_of(data), message_id)
        if broadcast is None:
            await callback.answer(_("This broadcast has been sent already."), show_alert=True)
            return
        await broadcast_progress.show(await broadcasts.report(broadcast))
        await callback.answer(_("Sending started."))

    @router.callback_query(
        ComposeCb.filter(F.action == ComposeAction.DISCARD),
        StateFilter(Compose),
        IsOrganiser(),
        CurrentDraft(),
    )
    async def discard(callback: CallbackQuery, state: FSMContext) -> None:
        await state.clear()
        await show(callback, _("Broadcast discarded: nothing was sent."))
        await callback.answer()

    @router.callback_query(ComposeCb.filter(), IsOrganiser())
    async def stale(callback: CallbackQuery) -> None:
        await callback.answer(
            _("This draft is no longer open. Start again with /broadcast."), show_alert=True
        )

    @router.message(Command("broadcasts"), IsOrganiser())
    async def history(
        message: Message, user: User, broadcasts: BroadcastService, agenda: AgendaService
    ) -> None:
        reports = await broadcasts.recent(LISTED)
        zone = await agenda.zone()
        if not reports:
            await message.answer(_("No broadcasts yet. Start one with /broadcast."))
            return
        blocks = [_("<b>Recent broadcasts</b>")]
        blocks += [history_entry(report, user.language, zone) for report in reports]
        builder = InlineKeyboardBuilder()
        for report in reports:
            if report.broadcast.state is BroadcastState.SENDING:
                builder.button(
                    text=_("⏹ Cancel #{number}").format(number=report.broadcast.id),
                    callback_data=BroadcastCb(
                        action=BroadcastAction.CANCEL, broadcast=report.broadcast.id
                    ),
                )
        builder.adjust(2)
        await message.answer(
            paginate(blocks, separator="\n\n")[0], reply_markup=builder.as_markup()
        )

    @router.callback_query(BroadcastCb.filter(F.action == BroadcastAction.CANCEL), IsOrganiser())
    async def cancel(
        callback: CallbackQuery,
        callback_data: BroadcastCb,
        broadcasts: BroadcastService,
        broadcast_progress: ProgressReporter,
    ) -> None:
        report = await broadcasts.cancel(callback_data.broadcast)
        if report is None:
            await callback.answer(_("This broadcast is not running any more."), show_alert=True)
            return
        await callback.answer(
            _("Cancelled: {count} messages will not be sent.").format(
                count=report.progress.cancelled
            ),
            show_alert=True,
        )
        await broadcast_progress.show(report)

    @router.message(Command("broadcast", "broadcasts"))
    async def refuse(message: Message) -> None:
        await message.answer(_("Only organisers can send broadcasts."))

    @router.callback_query(ComposeCb.filter())
    @router.callback_query(BroadcastCb.filter())
    async def refuse_button(callback: CallbackQuery) -> None:
        await callback.answer(_("Only organisers can send or cancel broadcasts."), show_alert=True)

    return router
