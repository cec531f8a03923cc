"""Every word of the Mini App, through the same gettext catalogues as chat (``web.po``).

Templates receive them as ``t``; a text with placeholders is filled in the template with
``t.key.format(...)``, and Jinja escapes the result like any other value.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.i18n.catalogues import language_scope
from bot.web.console.email_texts import email_texts
from bot.web.console.texts import console_texts
from bot.web.privacy_texts import privacy_texts

Texts = dict[str, str]


def _navigation() -> Texts:
    return {
        "programme": _("Programme"),
        "agenda": _("My agenda"),
        "delegations": _("Delegations"),
        "press": _("Press"),
        "loading": _("Loading…"),
        "from_telegram": _("Open this page from the bot's menu in Telegram."),
        "expired": _("This page has been open too long: close it and open it again from the bot."),
        "forbidden": _("This page is for organisers only."),
        "not_found": _("Not found: it may have been removed."),
        "bad_request": _("This request could not be handled; nothing was changed."),
        "offline": _("No connection to the bot. Try again in a moment."),
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
        "badge_on": _("on now"),
        "badge_over": _("over"),
        "badge_following": _("in my agenda"),
        "provisional": _("The time is provisional."),
        "speakers": _("Speakers"),
        "online": _("online"),
        "remind": _("Remind me"),
        "forget": _("Don't remind me"),
        "followed": _(
            "Done: the session is in My agenda, and the bot reminds you in the chat before"
            " it starts."
        ),
        "started": _("This session has started: it can no longer be followed."),
        "forgotten": _("You no longer follow this session."),
        "session_over": _("This session is over."),
        "back_to_day": _("Back to the day"),
    }


def _agenda() -> Texts:
    return {
        "agenda_empty": _(
            "You follow no sessions yet. Open a session in the programme and press «Remind me»."
        ),
        "calendar": _("Subscribe in my calendar"),
        "calendar_about": _(
            "Your calendar app can show the sessions you follow. It refreshes the link by"
            " itself, so a moved session moves in your calendar too."
        ),
        "calendar_make": _("Make my calendar link"),
        "calendar_remake": _("Make a new link"),
        "calendar_revoke": _("Revoke the link"),
        "calendar_new": _("Your link. Keep it to yourself: whoever has it sees your agenda."),
        "calendar_open": _("Open in my calendar"),
        "calendar_once": _("For your safety the link is shown only this once."),
        "calendar_exists": _(
            "You made a link on {day}. If you lost it, make a new one: the old one then stops"
            " working."
        ),
        "calendar_revoked": _("The link is revoked: calendars using it no longer update."),
        "calendar_programme": _("The whole programme, for anyone:"),
    }


def _people_and_press() -> Texts:
    return {
        "national": _("National Societies"),
        "observers": _("Observers"),
        "observer": _("observer"),
        "international": _("International organisations"),
        "head": _("Head of delegation"),
        "members": _("Members"),
        "summaries": _("Daily summaries"),
        "not_published": _("not published yet"),
        "releases": _("Press releases"),
        "no_releases": _("No press releases yet."),
        "embargo": _(
            "Embargo until {time}: for accredited journalists only, not to be published"
            " before then."
        ),
        "published": _("Published {time}"),
        "desk": _("Organisers' desk"),
        "open_requests": _("Open quote requests"),
        "applications": _("Accreditation applications waiting"),
    }


def _chat() -> Texts:
    return {
        "menu_button": _("Programme"),
    }


class Catalogue:
    """The texts of each language, looked up once (they never change while running)."""

    def __init__(self, i18n: I18n) -> None:
        self._scope = language_scope(i18n)
        self._texts: dict[str, Texts] = {}

    def scope(self, language: str) -> AbstractContextManager[object]:
        """Inside it ``gettext`` and ``ngettext`` answer in ``language`` (a page's counts)."""
        return self._scope(language)

    def __call__(self, language: str) -> Texts:
        texts = self._texts.get(language)
        if texts is None:
            with self._scope(language):
                texts = {key: text for part in self.parts() for key, text in part().items()}
            self._texts[language] = texts
        return texts

    def parts(self) -> tuple[Callable[[], Texts], ...]:
        """Where the texts come from, each a function of the language in scope."""
        return (
            _navigation,
            _programme,
            _agenda,
            _people_and_press,
            _chat,
            console_texts,
            privacy_texts,
            email_texts,
        )
