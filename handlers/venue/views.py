"""How practical information reads in chat: the overview and one page per section.

Every function returns HTML with all data escaped, in the language active in the i18n
context. A block marked ``illustrative`` in the file is shown «to be confirmed».
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.agenda.values import Session
from bot.content.models import Event
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_label, short_day, time_range
from bot.venue.models import Hall, Practical
from handlers.agenda.callbacks import AgendaCb, AgendaView
from handlers.common.views import event_zone_label
from handlers.start.menu import MenuCb, Section
from handlers.venue.callbacks import VenueCb, VenueSection

View = tuple[str, InlineKeyboardMarkup]


@dataclass(frozen=True, slots=True)
class Moment:
    """The event's zone and the present, for the «local time» line and session times."""

    event: Event
    zone: ZoneInfo
    now: dt.datetime
    language: str

    def zone_label(self) -> str:
        return escape(event_zone_label(self.event, self.zone, self.now, self.language))


def unconfirmed(illustrative: bool) -> str:
    return " <i>" + _("(to be confirmed)") + "</i>" if illustrative else ""


def _contact(*parts: str | None) -> str:
    return " · ".join(escape(part) for part in parts if part)


def overview_view(practical: Practical, moment: Moment) -> View:
    """The venue, the local time, the help desk and emergency numbers: no tap needed."""
    language = moment.language
    venue = practical.venue
    lines = [
        _("<b>📍 Venue</b>"),
        f"<b>{escape(venue.name.get(language))}</b>",
        escape(venue.address.get(language)),
    ]
    if venue.illustrative:
        lines.append("<i>" + _("The address and the map pin are approximate.") + "</i>")
    local = moment.now.astimezone(moment.zone)
    lines += [
        "",
        _("🕘 Local time: {time}, {day} ({zone})").format(
            time=f"{local:%H:%M}",
            day=escape(day_label(local.date(), language)),
            zone=moment.zone_label(),
        ),
    ]
    desk = practical.help_desk
    if desk is not None:
        where = _contact(desk.where.get(language), desk.hours.get(language) if desk.hours else None)
        lines += [
            "",
            _("<b>ℹ️ Organisers' help desk</b>") + unconfirmed(desk.illustrative),
            where,
        ]
        if desk.phone or desk.email:
            lines.append(_contact(desk.phone, desk.email))
    if practical.emergency:
        lines += ["", _("<b>🆘 Emergency</b>")]
        lines += [
            f"{escape(item.name.get(language))}: <b>{escape(item.phone)}</b>"
            + unconfirmed(item.illustrative)
            for item in practical.emergency
        ]
    return paginate(["\n".join(lines)])[0], _overview_buttons(practical)


def _overview_buttons(practical: Practical) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("🗺 Map pin"), callback_data=VenueCb(section=VenueSection.MAP))
    sections = (
        (practical.halls, _("🏛 Halls"), VenueSection.HALLS),
        (practical.hotel, _("🏨 Hotel"), VenueSection.HOTEL),
        (practical.transport, _("🚌 Transport"), VenueSection.TRANSPORT),
        (practical.wifi, _("📶 Wi-Fi"), VenueSection.WIFI),
    )
    for present, text, section in sections:
        if present:
            builder.button(text=text, callback_data=VenueCb(section=section))
    builder.button(text=_("« Menu"), callback_data=MenuCb(section=Section.HOME))
    builder.adjust(2)
    return builder.as_markup()


def _back_to_venue() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("« Venue"), callback_data=VenueCb(section=VenueSection.HOME))
    return builder.as_markup()


def halls_view(practical: Practical, language: str) -> View | None:
    if not practical.halls:
        return None
    lines = [_("<b>🏛 Halls</b>"), ""]
    builder = InlineKeyboardBuilder()
    for hall in practical.halls:
        lines.append(f"• <b>{escape(hall.name.get(language))}</b>")
        builder.button(
            text=shorten(hall.name.get(language), 60),
            callback_data=VenueCb(section=VenueSection.HALL, hall=hall.id),
        )
    builder.button(text=_("« Venue"), callback_data=VenueCb(section=VenueSection.HOME))
    builder.adjust(1)
    return paginate(["\n".join(lines)])[0], builder.as_markup()


def hall_view(hall: Hall, sessions: list[Session], moment: Moment, from_session: int = 0) -> View:
    """A hall, how to find it and what happens there; «back» leads where it was opened from."""
    language = moment.language
    lines = [f"<b>🏛 {escape(hall.name.get(language))}</b>" + unconfirmed(hall.illustrative)]
    if hall.directions:
        lines.append(escape(hall.directions.get(language)))
    builder = InlineKeyboardBuilder()
    if sessions:
        lines += ["", _("<b>Sessions here</b> ({zone})").format(zone=moment.zone_label())]
    for session in sessions:
        span = time_range(session.starts_at, session.ends_at, moment.zone)
        day = short_day(session.starts_at.astimezone(moment.zone).date(), language)
        lines.append(f"{escape(day)}, {span} {escape(session.title.get(language))}")
        builder.button(
            text=f"{span} {shorten(session.title.get(language), 40)}",
            callback_data=AgendaCb(view=AgendaView.SESSION, session=session.id),
        )
    builder.button(text=_("🗺 Map pin"), callback_data=VenueCb(section=VenueSection.MAP))
    if from_session:
        back = AgendaCb(view=AgendaView.SESSION, session=from_session)
        builder.button(text=_("« Back to the session"), callback_data=back)
    else:
        builder.button(text=_("« Halls"), callback_data=VenueCb(section=VenueSection.HALLS))
    builder.adjust(1)
    return paginate(["\n".join(lines)])[0], builder.as_markup()


def no_hall_view(session: Session, practical: Practical, moment: Moment) -> View:
    """A session whose room ``practical.yaml`` does not name: the room and the venue."""
    language = moment.language
    venue = practical.venue
    lines = [
        f"<b>{escape(session.title.get(language))}</b>",
        _("📍 Room: {room}").format(room=escape(session.room.get(language))),
        "",
        f"<b>{escape(venue.name.get(language))}</b>",
        escape(venue.address.get(language)),
        "",
        _("Ask at the organisers' help desk how to find this room."),
    ]
    builder = InlineKeyboardBuilder()
    builder.button(text=_("🗺 Map pin"), callback_data=VenueCb(section=VenueSection.MAP))
    back = AgendaCb(view=AgendaView.SESSION, session=session.id)
    builder.button(text=_("« Back to the session"), callback_data=back)
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def hotel_view(practical: Practical, language: str) -> View | None:
    hotel = practical.hotel
    if hotel is None:  # gone from the file since the button was drawn
        return None
    lines = [f"<b>🏨 {escape(hotel.name.get(language))}</b>" + unconfirmed(hotel.illustrative)]
    if hotel.about:
        lines.append(escape(hotel.about.get(language)))
    if hotel.phone:
        lines.append(_("Phone: {phone}").format(phone=escape(hotel.phone)))
    return "\n".join(lines), _back_to_venue()


def transport_view(practical: Practical, language: str) -> View | None:
    if not practical.transport:
        return None
    lines = [_("<b>🚌 Transport</b>")]
    for item in practical.transport:
        lines += [
            "",
            f"<b>{escape(item.title.get(language))}</b>" + unconfirmed(item.illustrative),
            escape(item.details.get(language)),
        ]
    return paginate(["\n".join(lines)])[0], _back_to_venue()


def wifi_view(practical: Practical, language: str) -> View | None:
    wifi = practical.wifi
    if wifi is None:  # gone from the file since the button was drawn
        return None
    lines = [
        _("<b>📶 Wi-Fi</b>") + unconfirmed(wifi.illustrative),
        _("Network: <code>{network}</code>").format(network=escape(wifi.network)),
    ]
    if wifi.password:
        lines.append(_("Password: <code>{password}</code>").format(password=escape(wifi.password)))
    if wifi.note:
        lines.append(escape(wifi.note.get(language)))
    return "\n".join(lines), _back_to_venue()


def not_published() -> str:
    return _("Practical information about the venue has not been published yet.")
