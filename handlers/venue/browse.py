"""/venue: the map pin and the overview; its sections and halls edit one message."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.telegram.html import shorten
from bot.users.values import User
from bot.venue.models import Practical
from bot.venue.service import VenueService
from handlers.common.callbacks import answer_callbacks
from handlers.common.views import show
from handlers.start.menu import MenuCb, Section
from handlers.venue.callbacks import VenueCb, VenueSection
from handlers.venue.views import (
    Moment,
    View,
    hall_view,
    halls_view,
    hotel_view,
    no_hall_view,
    not_published,
    overview_view,
    transport_view,
    wifi_view,
)

PIN_TEXT_LIMIT = 200
"""Characters of the pin's title and address: Telegram shows one line of each."""

SECTIONS: dict[VenueSection, Callable[[Practical, str], View | None]] = {
    VenueSection.HALLS: halls_view,
    VenueSection.HOTEL: hotel_view,
    VenueSection.TRANSPORT: transport_view,
    VenueSection.WIFI: wifi_view,
}


async def moment_for(agenda: AgendaService, language: str) -> Moment:
    return Moment(await agenda.event(), await agenda.zone(), agenda.now(), language)


def out_of_date(callback_answer: CallbackAnswer, text: str | None = None) -> None:
    callback_answer.text = text or _("This button is out of date. Send /venue for a fresh one.")
    callback_answer.show_alert = True


async def send_pin(bot: Bot, chat_id: int, practical: Practical, language: str) -> None:
    """The venue as a Telegram venue: a map pin with its name and address."""
    venue = practical.venue
    await bot.send_venue(
        chat_id,
        latitude=venue.location.latitude,
        longitude=venue.location.longitude,
        title=shorten(venue.name.get(language), PIN_TEXT_LIMIT),
        address=shorten(venue.address.get(language), PIN_TEXT_LIMIT),
    )


async def venue_command(
    message: Message, user: User, venue: VenueService, agenda: AgendaService, bot: Bot
) -> None:
    practical = await venue.practical()
    if practical is None:
        await message.answer(not_published())
        return
    await send_pin(bot, message.chat.id, practical, user.language)
    text, markup = overview_view(practical, await moment_for(agenda, user.language))
    await message.answer(text, reply_markup=markup)


async def overview_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    user: User,
    venue: VenueService,
    agenda: AgendaService,
) -> None:
    """From the main menu or a section's «back»: the overview in place of the message."""
    practical = await venue.practical()
    if practical is None:
        out_of_date(callback_answer, not_published())
        return
    await show(callback, *overview_view(practical, await moment_for(agenda, user.language)))


async def map_button(
    _callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    user: User,
    venue: VenueService,
    bot: Bot,
) -> None:
    """The pin as a new message below: a map cannot replace a text message in place."""
    practical = await venue.practical()
    if practical is None:
        out_of_date(callback_answer, not_published())
        return
    await send_pin(bot, user.id, practical, user.language)


async def section_button(
    callback: CallbackQuery,
    callback_data: VenueCb,
    callback_answer: CallbackAnswer,
    user: User,
    venue: VenueService,
) -> None:
    practical = await venue.practical()
    view = None if practical is None else SECTIONS[callback_data.section](practical, user.language)
    if view is None:
        out_of_date(callback_answer)
        return
    await show(callback, *view)


async def hall_button(
    callback: CallbackQuery,
    callback_data: VenueCb,
    callback_answer: CallbackAnswer,
    user: User,
    venue: VenueService,
    agenda: AgendaService,
) -> None:
    hall = await venue.hall(callback_data.hall)
    if hall is None:
        out_of_date(callback_answer)
        return
    moment = await moment_for(agenda, user.language)
    await show(callback, *hall_view(hall, await venue.sessions_in(hall), moment))


async def session_hall_button(
    callback: CallbackQuery,
    callback_data: VenueCb,
    callback_answer: CallbackAnswer,
    user: User,
    venue: VenueService,
    agenda: AgendaService,
) -> None:
    """«📍 Where is it» on a session's page: its hall, or its room and the venue."""
    found = await venue.hall_of(callback_data.session)
    if found is None:
        out_of_date(callback_answer, _("This session is no longer in the programme: see /agenda."))
        return
    practical = await venue.practical()
    if practical is None:
        out_of_date(callback_answer, not_published())
        return
    moment = await moment_for(agenda, user.language)
    if found.hall is None:
        await show(callback, *no_hall_view(found.session, practical, moment))
        return
    sessions = await venue.sessions_in(found.hall)
    await show(callback, *hall_view(found.hall, sessions, moment, from_session=found.session.id))


def router() -> Router:
    router = Router(name="venue")
    answer_callbacks(router)
    router.message.register(venue_command, Command("venue"), F.chat.type == "private")
    router.callback_query.register(overview_button, MenuCb.filter(F.section == Section.VENUE))
    router.callback_query.register(overview_button, VenueCb.filter(F.section == VenueSection.HOME))
    router.callback_query.register(map_button, VenueCb.filter(F.section == VenueSection.MAP))
    router.callback_query.register(section_button, VenueCb.filter(F.section.in_(set(SECTIONS))))
    router.callback_query.register(hall_button, VenueCb.filter(F.section == VenueSection.HALL))
    router.callback_query.register(
        session_hall_button, VenueCb.filter(F.section == VenueSection.SESSION_HALL)
    )
    return router
