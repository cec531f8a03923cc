"""How questions to the speakers read in chat: the delegates' list, the moderators' board,
an incoming question, the sessions a moderator can open."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.agenda.values import Session
from bot.questions.values import Board, Question
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import time_range
from handlers.agenda.callbacks import AgendaCb, AgendaView
from handlers.questions.callbacks import Browse, Moderate, ModerateCb, QuestionsCb

View = tuple[str, InlineKeyboardMarkup]
PAGE = 5
"""Questions per page of the delegates' list: five of 500 characters fit one message."""
ON_BOARD = 10
BOARD_TEXT = 300


def not_a_moderator() -> str:
    return _("Only the organisers and this session's moderators can do this.")


def signature(question: Question, language: str) -> str:
    if question.author_name is None:
        return _("anonymous")
    name = escape(question.author_name)
    if question.society is None:
        return name
    return f"{name}, {escape(question.society.get(language))}"


def question_line(number: int, question: Question, language: str, limit: int = 500) -> str:
    text = escape(shorten(question.text, limit))
    return f"{number}. {text}\n    <i>— {signature(question, language)}</i> · 👍 {question.votes}"


@dataclass(frozen=True, slots=True)
class Listing:
    """What the delegates' list shows: the approved questions and the reader's votes."""

    session: Session
    approved: list[Question]
    answered: int
    voted: set[int]
    page: int


def listing_view(listing: Listing, language: str, now_open: bool) -> View:
    session, approved = listing.session, listing.approved
    pages = max(1, -(-len(approved) // PAGE))
    page = min(listing.page, pages - 1)
    shown = approved[page * PAGE : (page + 1) * PAGE]
    lines = [
        _("<b>Questions to «{title}»</b>").format(title=escape(session.title.get(language))),
        _("Approved by the moderators, the most upvoted first."),
        "",
    ]
    if not approved:
        lines.append(_("No approved questions yet."))
    for number, question in enumerate(shown, start=page * PAGE + 1):
        mark = " ✓" if question.id in listing.voted else ""
        lines.append(question_line(number, question, language) + mark)
    if listing.answered:
        lines += ["", _("Answered already: {count}").format(count=listing.answered)]
    builder = InlineKeyboardBuilder()
    for number, question in enumerate(shown, start=page * PAGE + 1):
        data = QuestionsCb(action=Browse.VOTE, session=session.id, question=question.id, page=page)
        builder.button(text=f"👍 {number}", callback_data=data)
    builder.adjust(PAGE)
    nav = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if 0 <= target < pages:
            data = QuestionsCb(action=Browse.LIST, session=session.id, page=target)
            nav.button(text=arrow, callback_data=data)
    if now_open:
        ask = QuestionsCb(action=Browse.ASK, session=session.id)
        nav.button(text=_("❓ Ask a question"), callback_data=ask)
    back = AgendaCb(view=AgendaView.SESSION, session=session.id)
    nav.button(text=_("« Session"), callback_data=back)
    builder.attach(nav)
    return paginate(lines)[0], builder.as_markup()


def board_view(board: Board, language: str, organiser: bool) -> View:
    """The moderators' board: counts, then the approved questions by votes."""
    title = escape(board.session.title.get(language))
    lines = [
        _("🎙 <b>Questions to «{title}»</b>").format(title=title),
        _("Waiting for a decision: {pending} · answered: {answered}").format(
            pending=board.pending, answered=board.answered
        ),
        "",
    ]
    shown = board.approved[:ON_BOARD]
    if not shown:
        lines.append(_("No approved questions yet."))
    lines += [
        question_line(number, question, language, BOARD_TEXT)
        for number, question in enumerate(shown, start=1)
    ]
    if shown:
        lines += ["", _("Press ✔ and a number once the speaker has answered it.")]
    return paginate(lines)[0], board_keyboard(board, organiser)


def board_keyboard(board: Board, organiser: bool) -> InlineKeyboardMarkup:
    session_id = board.session.id
    builder = InlineKeyboardBuilder()
    incoming = ModerateCb(action=Moderate.INCOMING, session=session_id)
    builder.button(
        text=_("📥 Incoming ({count})").format(count=board.pending), callback_data=incoming
    )
    answered = InlineKeyboardBuilder()
    for number, question in enumerate(board.approved[:ON_BOARD], start=1):
        data = ModerateCb(action=Moderate.ANSWERED, session=session_id, question=question.id)
        answered.button(text=f"✔ {number}", callback_data=data)
    answered.adjust(5)
    builder.attach(answered)
    tools = InlineKeyboardBuilder()
    refresh = ModerateCb(action=Moderate.BOARD, session=session_id)
    tools.button(text=_("🔄 Refresh"), callback_data=refresh)
    if organiser:
        invite = ModerateCb(action=Moderate.INVITE, session=session_id)
        tools.button(text=_("🔗 Moderator link"), callback_data=invite)
    builder.attach(tools)
    return builder.as_markup()


def incoming_view(session: Session, question: Question | None, language: str) -> View:
    """The oldest question waiting, with its decisions; or that none is waiting."""
    title = escape(session.title.get(language))
    builder = InlineKeyboardBuilder()
    if question is None:
        text = _("📥 No questions to «{title}» are waiting.").format(title=title)
        again = ModerateCb(action=Moderate.NEXT, session=session.id)
        builder.button(text=_("🔄 Check again"), callback_data=again)
        return text, builder.as_markup()
    text = "\n".join(
        [
            _("📥 <b>Incoming question</b> to «{title}»").format(title=title),
            f"<blockquote>{escape(question.text)}</blockquote>",
            f"<i>— {signature(question, language)}</i>",
        ]
    )
    for action, label in (
        (Moderate.APPROVE, _("✅ Approve")),
        (Moderate.HIDE, _("🙈 Hide")),
        (Moderate.NEXT, _("⏭ Later")),
    ):
        data = ModerateCb(action=action, session=session.id, question=question.id)
        builder.button(text=label, callback_data=data)
    return text, builder.as_markup()


def sessions_view(sessions: list[tuple[Session, int]], zone: ZoneInfo, language: str) -> View:
    """The sessions the person moderates, each with the number of questions waiting."""
    builder = InlineKeyboardBuilder()
    if not sessions:
        return _(
            "You moderate no session. An organiser can name you with a moderator link."
        ), builder.as_markup()
    for session, pending in sessions:
        when = time_range(session.starts_at, session.ends_at, zone)
        day = session.starts_at.astimezone(zone).strftime("%d.%m")
        label = f"{day} {when} {shorten(session.title.get(language), 40)}"
        if pending:
            label += f" · 📥 {pending}"
        data = ModerateCb(action=Moderate.BOARD, session=session.id)
        builder.button(text=label, callback_data=data)
    builder.adjust(1)
    return _("🎙 <b>Questions to the speakers</b>\nChoose a session:"), builder.as_markup()
