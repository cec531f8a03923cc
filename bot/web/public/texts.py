"""Every word of the public web edition and the printed programme (``public.po``).

Texts the Mini App or chat already say the same way are reused by their message id, so
the three never drift apart; templates receive them as ``t``.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram.utils.i18n import gettext as _

from bot.web.texts import Catalogue, Texts

LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}
"""Each language named in itself: the switch reads right to whoever needs it."""


def _frame() -> Texts:
    return {
        "skip": _("Skip to the content"),
        "sections": _("Sections"),
        "documents": _("Documents"),
        "language": _("Language"),
        "programme": _("Programme"),
        "delegations": _("Delegations"),
        "venue": _("Venue and practical information"),
        "venue_short": _("Venue"),
        "press": _("Press"),
        "generated": _("Page as of {time}."),
        "no_telegram": _("This edition needs neither Telegram nor JavaScript."),
        "not_found_title": _("Page not found"),
        "not_found": _("Not found: it may have been removed."),
        "to_programme": _("To the programme"),
        "privacy": _("How the bot handles your data"),
    }


def _programme() -> Texts:
    return {
        "on_now": _("On now"),
        "next": _("Next"),
        "opens": _("The meeting opens on {day} at {time}."),
        "over": _("The meeting is over. Thank you for taking part!"),
        "between": _("Nothing is on at this moment."),
        "days": _("Days"),
        "times": _("Times: {zone}"),
        "no_sessions": _("No sessions on this day."),
        "provisional": _("The time is provisional."),
        "speakers": _("Speakers"),
        "online": _("online"),
        "back_to_day": _("Back to the day"),
        "when": _("When"),
        "where": _("Where"),
        "delayed": _("Delayed: planned for {time}"),
        "earlier": _("Brought forward: planned for {time}"),
        "moved": _("Moved: planned in {room}"),
        "cancelled": _("Cancelled"),
        "on_stage": _("On stage now"),
        "over_badge": _("over"),
        "ics": _("The whole programme for a calendar app (ICS)"),
        "pdf": _("The programme to print (PDF, A4)"),
        "press_open": _("Open to the press"),
        "press_closed": _("Closed to the press"),
        "press_photo-op": _("Photo opportunity at the start, then closed to the press"),
    }


def _people_and_place() -> Texts:
    return {
        "national": _("National Societies"),
        "observers": _("Observers"),
        "observer": _("observer"),
        "international": _("International organisations"),
        "head": _("Head of delegation"),
        "members": _("Members"),
        "takes_part_online": _("Takes part online."),
        "address": _("Address"),
        "approximate": _("The address and the map pin are approximate."),
        "halls": _("Halls"),
        "hotel": _("Hotel"),
        "transport": _("Transport"),
        "help_desk": _("Organisers' help desk"),
        "emergency": _("Emergency numbers"),
        "to_confirm": _("(to be confirmed)"),
        "phone": _("Phone: {phone}"),
        "hours": _("Hours: {hours}"),
        "email": _("Email: {email}"),
        "no_practical": _("Practical information about the venue has not been published yet."),
        "map": _("Coordinates: {latitude}, {longitude}"),
    }


def _press() -> Texts:
    return {
        "releases": _("Press releases"),
        "no_releases": _("No press releases yet."),
        "summaries": _("Daily summaries"),
        "no_summaries": _("No daily summary has been published yet."),
        "published": _("Published {time}"),
        "release": _("Press release"),
        "summary": _("Daily summary"),
        "advisory": _("Media advisory"),
        "what": _("What"),
        "photo_ops": _("Photo opportunities"),
        "none_announced": _("None announced so far."),
        "access": _("Access for the press"),
        "access_open": _("Open: journalists attend and report."),
        "access_photo": _(
            "Photo opportunity: cameras at the start of the session, then it is closed."
        ),
        "access_closed": _(
            "Closed: no press; speakers may decline to comment on a closed session."
        ),
        "motto": _("Motto: «{motto}»."),
        "organiser": _("Organiser: {organiser}."),
        "accreditation": _("Accreditation"),
        "accreditation_how": _(
            "Journalists apply to the press office (contacts below) or in the bot in"
            " Telegram: /press. Accredited journalists get releases as soon as they are"
            " published, embargoed ones early."
        ),
        "press_office": _("Press office"),
        "example": _("example"),
    }


def _printed() -> Texts:
    return {
        "page": _("Page {page} of {pages}"),
        "as_of": _("As of {time}."),
        "current_at": _("The current programme: {address}"),
        "open_mark": _("open"),
        "closed_mark": _("closed"),
        "photo_mark": _("photo op"),
        "legend": _(
            "Press: open — journalists attend; photo op — cameras at the start, then"
            " closed; closed — no press."
        ),
    }


class PublicTexts(Catalogue):
    """The public edition's and the printed programme's texts, by the Mini App's catalogue."""

    def parts(self) -> tuple[Callable[[], Texts], ...]:
        return (_frame, _programme, _people_and_place, _press, _printed)
