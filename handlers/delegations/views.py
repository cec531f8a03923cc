"""How the participants read in chat: a paged list by kind, and one delegation."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.content.models import Attendance
from bot.delegations.service import Participants
from bot.delegations.values import Delegation, Member
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.delegations.callbacks import DelegationCb, DelegationView
from handlers.start.menu import MenuCb, Section

View = tuple[str, InlineKeyboardMarkup]
PAGE_SIZE = 6


def _status(delegation: Delegation) -> str:
    marks = []
    if delegation.observer:
        marks.append(_("observer"))
    if delegation.attendance is Attendance.ONLINE:
        marks.append(_("online"))
    return f" ({', '.join(marks)})" if marks else ""


def _list_line(delegation: Delegation, language: str) -> str:
    line = f"• <b>{escape(delegation.name.get(language))}</b>"
    if delegation.country:
        line += f" — {escape(delegation.country.get(language))}"
    return line + _status(delegation)


def list_view(participants: Participants, page: int, language: str) -> View:
    """One page of the list, under the heading of each kind on it, a button each."""
    ordered = participants.ordered()
    pages = max(1, -(-len(ordered) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = ordered[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    sections = (
        (_("<b>National societies</b>"), participants.national_societies),
        (_("<b>Observers</b>"), participants.observers),
        (_("<b>International organisations</b>"), participants.international),
    )
    blocks = [
        _("<b>Participants</b> ({count})").format(count=len(ordered))
        + (f" · {page + 1}/{pages}" if pages > 1 else "")
    ]
    for title, members in sections:
        on_page = [d for d in members if d in shown]
        if on_page:
            blocks += ["", title, *(_list_line(d, language) for d in on_page)]
    builder = InlineKeyboardBuilder()
    for delegation in shown:
        data = DelegationCb(view=DelegationView.DETAIL, delegation=delegation.id, page=page)
        builder.button(text=shorten(delegation.name.get(language), 60), callback_data=data)
    builder.adjust(1)
    builder.attach(_list_navigation(page, pages))
    return paginate(blocks)[0], builder.as_markup()


def _list_navigation(page: int, pages: int) -> InlineKeyboardBuilder:
    nav = InlineKeyboardBuilder()
    if page > 0:
        nav.button(text="‹", callback_data=DelegationCb(view=DelegationView.LIST, page=page - 1))
    if page < pages - 1:
        nav.button(text="›", callback_data=DelegationCb(view=DelegationView.LIST, page=page + 1))
    nav.button(text=_("« Menu"), callback_data=MenuCb(section=Section.HOME))
    return nav


def _head_line(head: Member, language: str) -> str:
    line = _("Head: <b>{name}</b>, {role}").format(
        name=escape(head.name.get(language)), role=escape(head.role.get(language))
    )
    return line + (" " + _("(online)") if head.attendance is Attendance.ONLINE else "")


def _detail_lines(delegation: Delegation, language: str) -> list[str]:
    lines = [f"<b>{escape(delegation.name.get(language))}</b>"]
    if delegation.country:
        country = escape(delegation.country.get(language))
        lines.append(_("Country: {country}").format(country=country))
    if delegation.observer:
        lines.append(_("Status: observer"))
    if delegation.attendance is Attendance.ONLINE:
        lines.append(_("Takes part online"))
    else:
        lines.append(_("Takes part in person"))
    if delegation.head is not None:
        lines.append(_head_line(delegation.head, language))
    others = [member for member in delegation.members if not member.is_head]
    if others:
        lines += ["", _("<b>Named in the sources</b>")]
        lines += [
            f"• <b>{escape(m.name.get(language))}</b> — {escape(m.role.get(language))}"
            for m in others
        ]
    if delegation.about:
        lines += ["", escape(delegation.about.get(language))]
    return lines


def detail_view(delegation: Delegation, page: int, language: str) -> View:
    """One delegation; «back» returns to the page it was opened from."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("« All delegations"), callback_data=DelegationCb(view=DelegationView.LIST, page=page)
    )
    return paginate(["\n".join(_detail_lines(delegation, language))])[0], builder.as_markup()
