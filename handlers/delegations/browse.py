"""/delegations: who takes part, paged, with a detail view for each body."""

from __future__ import annotations

from enum import StrEnum
from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.content.models import Attendance
from bot.delegations.service import DelegationService, Participants
from bot.delegations.values import Delegation
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.start.menu import MenuCb, Section

PAGE_SIZE = 6


class DelegationView(StrEnum):
    LIST = "list"
    DETAIL = "one"


class DelegationCb(CallbackData, prefix="dl"):
    view: DelegationView
    page: int = 0
    delegation: int = 0


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


def list_view(
    participants: Participants, page: int, language: str
) -> tuple[str, InlineKeyboardMarkup]:
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
        builder.button(
            text=shorten(delegation.name.get(language), 60),
            callback_data=DelegationCb(
                view=DelegationView.DETAIL, delegation=delegation.id, page=page
            ),
        )
    builder.adjust(1)
    nav = InlineKeyboardBuilder()
    if page > 0:
        nav.button(text="‹", callback_data=DelegationCb(view=DelegationView.LIST, page=page - 1))
    if page < pages - 1:
        nav.button(text="›", callback_data=DelegationCb(view=DelegationView.LIST, page=page + 1))
    nav.button(text=_("« Menu"), callback_data=MenuCb(section=Section.HOME))
    builder.attach(nav)
    return paginate(blocks)[0], builder.as_markup()


def detail_view(
    delegation: Delegation, page: int, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [f"<b>{escape(delegation.name.get(language))}</b>"]
    if delegation.country:
        lines.append(
            _("Country: {country}").format(country=escape(delegation.country.get(language)))
        )
    if delegation.observer:
        lines.append(_("Status: observer"))
    if delegation.attendance is Attendance.ONLINE:
        lines.append(_("Takes part online"))
    else:
        lines.append(_("Takes part in person"))
    head = delegation.head
    if head is not None:
        lines.append(
            _("Head: <b>{name}</b>, {role}").format(
                name=escape(head.name.get(language)), role=escape(head.role.get(language))
            )
            + (" " + _("(online)") if head.attendance is Attendance.ONLINE else "")
        )
    others = [member for member in delegation.members if not member.is_head]
    if others:
        lines += ["", _("<b>Named in the sources</b>")]
        lines += [
            f"• <b>{escape(m.name.get(language))}</b> — {escape(m.role.get(language))}"
            for m in others
        ]
    if delegation.about:
        lines += ["", escape(delegation.about.get(language))]
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("« All delegations"), callback_data=DelegationCb(view=DelegationView.LIST, page=page)
    )
    return paginate(["\n".join(lines)])[0], builder.as_markup()


def router() -> Router:
    router = Router(name="delegations")

    @router.message(Command("delegations"), F.chat.type == "private")
    async def delegations_command(
        message: Message, user: User, delegations: DelegationService
    ) -> None:
        text, markup = list_view(await delegations.participants(), 0, user.language)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(MenuCb.filter(F.section == Section.DELEGATIONS))
    @router.callback_query(DelegationCb.filter(F.view == DelegationView.LIST))
    async def list_button(
        callback: CallbackQuery,
        callback_data: MenuCb | DelegationCb,
        user: User,
        delegations: DelegationService,
    ) -> None:
        page = callback_data.page if isinstance(callback_data, DelegationCb) else 0
        text, markup = list_view(await delegations.participants(), page, user.language)
        await show(callback, text, markup)
        await callback.answer()

    @router.callback_query(DelegationCb.filter(F.view == DelegationView.DETAIL))
    async def detail_button(
        callback: CallbackQuery,
        callback_data: DelegationCb,
        user: User,
        delegations: DelegationService,
    ) -> None:
        delegation = await delegations.get(callback_data.delegation)
        if delegation is None:
            await callback.answer(_("This delegation is no longer on the list."), show_alert=True)
            return
        text, markup = detail_view(delegation, callback_data.page, user.language)
        await show(callback, text, markup)
        await callback.answer()

    return router
