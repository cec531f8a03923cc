"""/press: the press centre's menu, and the daily summaries subscription."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.press.accreditation import AccreditationService
from bot.press.values import Accreditation, AccreditationStatus
from bot.summaries.service import SummaryService
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import PressMenu, PressMenuCb
from handlers.press.common import contacts_html
from handlers.press.media_menu import add_media_buttons
from handlers.summaries.callbacks import PublishSummaryCb


def status_lines(user: User, latest: Accreditation | None) -> list[str]:
    """Who the user is to the press centre."""
    lines = []
    if user.is_organiser:
        lines.append(_("You are one of the organisers."))
    if latest is not None and latest.status is AccreditationStatus.APPROVED:
        lines.append(
            _("You are accredited: {name}, {outlet}.").format(
                name=escape(latest.form.full_name), outlet=escape(latest.form.outlet)
            )
        )
    elif latest is not None and latest.status is AccreditationStatus.PENDING:
        lines.append(
            _("Your accreditation application No. {number} is being reviewed.").format(
                number=latest.id
            )
        )
    elif not user.is_organiser:
        lines.append(
            _(
                "Journalists covering the meeting: apply for accreditation to get press "
                "releases as soon as they are published and to request quotes."
            )
        )
    return lines


def menu_keyboard(
    user: User, latest: Accreditation | None, subscribed: bool
) -> InlineKeyboardMarkup:
    accredited = latest is not None and latest.status is AccreditationStatus.APPROVED
    items: list[tuple[str, PressMenu]] = []
    if latest is None or latest.status is AccreditationStatus.REJECTED:
        items.append((_("🪪 Apply for accreditation"), PressMenu.APPLY))
    items += [
        (_("📰 Press releases"), PressMenu.RELEASES),
        (_("📣 Media advisory"), PressMenu.ADVISORY),
        (_("💬 Quote bank"), PressMenu.QUOTES),
    ]
    if accredited:
        items += [(_("❓ Request a quote"), PressMenu.ASK), (_("📋 My requests"), PressMenu.MINE)]
    if subscribed:
        items.append((_("🔕 Stop daily summaries"), PressMenu.UNSUBSCRIBE))
    else:
        items.append((_("🔔 Get daily summaries"), PressMenu.SUBSCRIBE))
    if user.is_organiser:
        items += [
            (_("📥 Press queue"), PressMenu.QUEUE),
            (_("🪪 Applications"), PressMenu.APPLICATIONS),
            (_("📰 Publish a release"), PressMenu.PUBLISH_RELEASE),
        ]
    builder = InlineKeyboardBuilder()
    for text, item in items:
        builder.button(text=text, callback_data=PressMenuCb(item=item))
    if user.is_organiser:
        builder.button(text=_("📝 Publish a summary"), callback_data=PublishSummaryCb())
    add_media_buttons(builder, user, accredited)
    builder.adjust(1)
    return builder.as_markup()


async def menu_view(
    user: User,
    accreditation: AccreditationService,
    summaries: SummaryService,
    agenda: AgendaService,
) -> tuple[str, InlineKeyboardMarkup]:
    latest = await accreditation.latest(user.id)
    lines = [_("<b>Press centre</b>"), "", *status_lines(user, latest)]
    contacts = contacts_html(await agenda.event(), user.language)
    if contacts:
        lines += ["", _("<b>Press office</b>"), contacts]
    subscribed = await summaries.is_subscribed(user.id)
    return "\n".join(lines), menu_keyboard(user, latest, subscribed)


async def press_command(
    message: Message,
    user: User,
    accreditation: AccreditationService,
    summaries: SummaryService,
    agenda: AgendaService,
) -> None:
    text, markup = await menu_view(user, accreditation, summaries, agenda)
    await message.answer(text, reply_markup=markup)


async def press_button(
    callback: CallbackQuery,
    user: User,
    accreditation: AccreditationService,
    summaries: SummaryService,
    agenda: AgendaService,
) -> None:
    text, markup = await menu_view(user, accreditation, summaries, agenda)
    await show(callback, text, markup)


async def subscription(
    callback: CallbackQuery,
    *,
    callback_data: PressMenuCb,
    callback_answer: CallbackAnswer,
    user: User,
    accreditation: AccreditationService,
    summaries: SummaryService,
    agenda: AgendaService,
) -> None:
    wanted = callback_data.item is PressMenu.SUBSCRIBE
    await summaries.subscribe(user.id, wanted)
    text, markup = await menu_view(user, accreditation, summaries, agenda)
    await show(callback, text, markup)
    callback_answer.text = (
        _("You will get the daily summaries when they are published.")
        if wanted
        else _("You will no longer get the daily summaries.")
    )


def setup(public: Router, organisers: Router) -> None:
    public.message.register(press_command, Command("press"))
    public.callback_query.register(press_button, PressMenuCb.filter(F.item == PressMenu.HOME))
    public.callback_query.register(
        subscription,
        PressMenuCb.filter(F.item.in_({PressMenu.SUBSCRIBE, PressMenu.UNSUBSCRIBE})),
    )
