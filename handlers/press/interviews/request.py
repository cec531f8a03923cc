"""/interview: a journalist asks to interview someone: person, topic, preferred times."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.forms.input import Bounds, clean, parse_moment
from bot.press.interview_values import LENGTH, MOST_OPEN, MOST_PREFERRED, TOPIC, within_meeting
from bot.press.interviews import InterviewService, TooManyOpenError
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import date_span
from bot.users.values import User
from handlers.common.forms import Form, Question, Step, StepRejectedError, Values, parser
from handlers.press.common import alert, cancelled
from handlers.press.interviews.callbacks import InterviewsCb, InterviewsView, PersonCb
from handlers.press.interviews.views import interviewee_line

TIMES = Bounds(4, 100)


class AskInterview(StatesGroup):
    person = State()
    topic = State()
    times = State()


def too_many() -> str:
    return ngettext(
        "You have {count} interview request waiting already; wait for the press office's "
        "answer first: /interviews",
        "You have {count} interview requests waiting already; wait for the press office's "
        "answers first: /interviews",
        MOST_OPEN,
    ).format(count=MOST_OPEN)


async def ask_person(_values: Values, data: dict[str, Any]) -> Question:
    interviews: InterviewService = data["interviews"]
    user: User = data["user"]
    people = await interviews.interviewees()
    lines = [_("<b>Interview request</b>, step 1 of 3. Whom would you like to interview?"), ""]
    lines += [interviewee_line(person, user.language) for person in people]
    if any(person.illustrative for person in people):
        lines += ["", _("«(example)»: not yet agreed with the person; the press office confirms.")]
    builder = InlineKeyboardBuilder()
    for person in people:
        builder.button(
            text=shorten(person.name.get(user.language), 60),
            callback_data=PersonCb(person=person.key),
        )
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


async def ask_topic(values: Values, data: dict[str, Any]) -> Question:
    interviews: InterviewService = data["interviews"]
    user: User = data["user"]
    person = await interviews.interviewee(values["person"])
    name = person.name.get(user.language) if person else values["person"]
    text = ngettext(
        "Step 2 of 3. The topic of the interview with {name} ({low}–{count} character)?",
        "Step 2 of 3. The topic of the interview with {name} ({low}–{count} characters)?",
        TOPIC.high,
    )
    return text.format(name=escape(name), low=TOPIC.low, count=TOPIC.high), None


async def ask_times(_values: Values, data: dict[str, Any]) -> Question:
    interviews: InterviewService = data["interviews"]
    user: User = data["user"]
    event = await interviews.event()
    times = ngettext(
        "Step 3 of 3. When would suit you? Up to {count} time within the meeting ({span}), "
        "in event time ({zone}), as DD.MM HH:MM, separated by commas.",
        "Step 3 of 3. When would suit you? Up to {count} times within the meeting ({span}), "
        "in event time ({zone}), as DD.MM HH:MM, separated by commas.",
        MOST_PREFERRED,
    ).format(
        count=MOST_PREFERRED,
        span=escape(date_span(event.starts_on, event.ends_on, user.language)),
        zone=escape(event.timezone_name.get(user.language)),
    )
    minutes = int(LENGTH.total_seconds() // 60)
    length = ngettext(
        "An interview takes {count} minute.", "An interview takes {count} minutes.", minutes
    ).format(count=minutes)
    return f"{times} {length}", None


async def parse_times(text: str | None, _values: Values, data: dict[str, Any]) -> list[str]:
    """1 to 3 moments ahead within the meeting's days; stored as ISO text, earliest first."""
    interviews: InterviewService = data["interviews"]
    value = clean(text, TIMES, multiline=True)
    parts = [part for part in re.split(r"[,;\n]+", value) if part.strip()]
    if len(parts) > MOST_PREFERRED:
        raise StepRejectedError(
            ngettext(
                "At most {count} time, please.", "At most {count} times, please.", MOST_PREFERRED
            ).format(count=MOST_PREFERRED)
        )
    event, now = await interviews.event(), interviews.now()
    moments = sorted({parse_moment(part, now, event.zone) for part in parts})
    if not all(within_meeting(moment, event, now) for moment in moments):
        raise StepRejectedError(
            _("Each time must be ahead and within the meeting ({span}). Send them again.").format(
                span=escape(date_span(event.starts_on, event.ends_on, data["user"].language))
            )
        )
    return [moment.isoformat() for moment in moments]


async def submit(message: Message, values: Values, data: dict[str, Any]) -> None:
    interviews: InterviewService = data["interviews"]
    times = [dt.datetime.fromisoformat(moment) for moment in values["times"]]
    try:
        request = await interviews.request(data["user"], values["person"], values["topic"], times)
    except TooManyOpenError:
        await message.answer(too_many())
        return
    if request is None:
        await message.answer(_("This person no longer gives interviews here: /interview"))
        return
    await message.answer(
        _(
            "Your interview request No. {number} is with the press office; their answer will "
            "come here. Your requests: /interviews"
        ).format(number=request.id)
    )


ask_form = Form(
    "interview",
    [
        Step(AskInterview.person, ask_person, "person"),
        Step(
            AskInterview.topic,
            ask_topic,
            "topic",
            parser(lambda text: clean(text, TOPIC, multiline=True)),
        ),
        Step(AskInterview.times, ask_times, "times", parse_times),
    ],
    finish=submit,
    cancelled=cancelled,
    stale=lambda: _("This form is no longer open. Start again with /interview."),
)


async def begin(target: Message, state: FSMContext, data: dict[str, Any]) -> str | None:
    """Starts the form; else says why not (the service refuses non-journalists itself)."""
    interviews: InterviewService = data["interviews"]
    user: User = data["user"]
    await interviews.ensure_journalist(user)
    if not await interviews.interviewees():
        return _("Nobody is listed for interviews yet. Ask the press office: /press")
    if not await interviews.may_open_another(user):
        return too_many()
    await ask_form.begin(target, state, data)
    return None


async def interview_command(message: Message, state: FSMContext, **data: Any) -> None:
    refused = await begin(message, state, data)
    if refused is not None:
        await message.answer(refused)


async def interview_button(callback: CallbackQuery, state: FSMContext, **data: Any) -> None:
    assert isinstance(callback.message, Message)
    refused = await begin(callback.message, state, data)
    if refused is not None:
        alert(data["callback_answer"], refused)


async def pick_person(
    callback: CallbackQuery, callback_data: PersonCb, state: FSMContext, **data: Any
) -> None:
    interviews: InterviewService = data["interviews"]
    await interviews.ensure_journalist(data["user"])
    if await interviews.interviewee(callback_data.person) is None:
        alert(data["callback_answer"], _("This person no longer gives interviews here."))
        return
    await ask_form.choose(callback, state, "person", callback_data.person, data)


def setup(public: Router) -> None:
    public.message.register(interview_command, Command("interview"))
    public.callback_query.register(
        interview_button, InterviewsCb.filter(F.view == InterviewsView.ASK)
    )
    public.callback_query.register(pick_person, PersonCb.filter())
    ask_form.register(public)
