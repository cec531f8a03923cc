"""/interviews for journalists: who gives interviews, my requests, answering a proposed
time, and the .ics of a confirmed interview."""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.content.models import Event
from bot.press.interview_calendar import build_interview_calendar
from bot.press.interview_values import InterviewOutcome, InterviewRequest, InterviewStatus
from bot.press.interviews import InterviewService
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import PressMenu, PressMenuCb
from handlers.press.common import alert
from handlers.press.interviews.callbacks import CalendarCb, InterviewsCb, InterviewsView, ReplyCb
from handlers.press.interviews.desk import queue_view
from handlers.press.interviews.views import interviewee_line, journalist_block, refusal_text

PAGE_SIZE = 5


async def home_view(user: User, interviews: InterviewService) -> tuple[str, InlineKeyboardMarkup]:
    """Organisers see the requests waiting; journalists who gives interviews, and theirs."""
    if user.is_organiser:
        return queue_view(await interviews.queue(user), 0, user.language)
    await interviews.ensure_journalist(user)
    lines = [_("<b>Interviews</b>"), _("People who give interviews at the meeting:"), ""]
    lines += [interviewee_line(person, user.language) for person in await interviews.interviewees()]
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("🎙 Request an interview"), callback_data=InterviewsCb(view=InterviewsView.ASK)
    )
    builder.button(
        text=_("📋 My interview requests"), callback_data=InterviewsCb(view=InterviewsView.MINE)
    )
    builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def mine_view(
    requests: list[InterviewRequest], page: int, event: Event, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the journalist's requests, newest first; .ics buttons for confirmed ones."""
    pages = max(1, -(-len(requests) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = requests[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    heading = _("<b>My interview requests</b>") + (f" · {page + 1}/{pages}" if pages > 1 else "")
    blocks = [heading]
    if not requests:
        blocks.append(_("No interview requests yet. Ask with /interview."))
    builder = InlineKeyboardBuilder()
    for request in shown:
        blocks.append(journalist_block(request, event, language))
        if request.status is InterviewStatus.CONFIRMED:
            builder.button(
                text=_("📅 No. {number} (.ics)").format(number=request.id),
                callback_data=CalendarCb(request=request.id),
            )
    builder.adjust(1)
    nav = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if 0 <= target < pages:
            nav.button(
                text=arrow, callback_data=InterviewsCb(view=InterviewsView.MINE, page=target)
            )
    nav.button(text=_("« Interviews"), callback_data=InterviewsCb(view=InterviewsView.HOME))
    builder.attach(nav)
    return "\n\n".join(blocks), builder.as_markup()


async def interviews_command(message: Message, user: User, interviews: InterviewService) -> None:
    text, markup = await home_view(user, interviews)
    await message.answer(text, reply_markup=markup)


async def home_button(callback: CallbackQuery, user: User, interviews: InterviewService) -> None:
    text, markup = await home_view(user, interviews)
    await show(callback, text, markup)


async def mine_page(
    callback: CallbackQuery, callback_data: InterviewsCb, user: User, interviews: InterviewService
) -> None:
    await interviews.ensure_journalist(user)
    requests = await interviews.mine(user)
    event = await interviews.event()
    text, markup = mine_view(requests, callback_data.page, event, user.language)
    await show(callback, text, markup)


async def reply(
    callback: CallbackQuery,
    callback_data: ReplyCb,
    callback_answer: CallbackAnswer,
    user: User,
    interviews: InterviewService,
) -> None:
    """The journalist accepts or refuses the time the press office proposed."""
    outcome = await interviews.answer_proposal(
        user, callback_data.request, callback_data.revision, callback_data.accept
    )
    if outcome is not InterviewOutcome.DONE:
        alert(callback_answer, refusal_text(outcome))
        return
    text = (
        _("✅ Accepted: the interview is confirmed; the details follow.")
        if callback_data.accept
        else _("You refused the proposed time; the request is closed. Ask again: /interview")
    )
    await show(callback, text)


async def calendar_file(
    _callback: CallbackQuery,
    *,
    callback_data: CalendarCb,
    callback_answer: CallbackAnswer,
    user: User,
    interviews: InterviewService,
    bot: Bot,
) -> None:
    request = await interviews.confirmed_for(user, callback_data.request)
    if request is None:
        alert(callback_answer, _("There is no confirmed interview for this button."))
        return
    event = await interviews.event()
    name = request.person_name.get(user.language)
    payload = build_interview_calendar(
        event,
        request,
        _("Interview with {person}").format(person=name),
        request.topic,
        user.language,
    )
    await bot.send_document(
        user.id,
        BufferedInputFile(payload, filename=f"interview-{request.id}.ics"),
        caption=_("Open the file to add the interview with {person} to your calendar.").format(
            person=escape(name)
        ),
    )


def setup(public: Router) -> None:
    public.message.register(interviews_command, Command("interviews"))
    public.callback_query.register(home_button, InterviewsCb.filter(F.view == InterviewsView.HOME))
    public.callback_query.register(mine_page, InterviewsCb.filter(F.view == InterviewsView.MINE))
    public.callback_query.register(reply, ReplyCb.filter())
    public.callback_query.register(calendar_file, CalendarCb.filter())
