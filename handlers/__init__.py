"""The bot's routers, one per feature, built fresh for every dispatcher."""

from __future__ import annotations

from aiogram import Router

from handlers.agenda import browse as agenda
from handlers.agenda import calendar, now
from handlers.broadcasts import compose as broadcasts
from handlers.common import errors, fallback, forms, reachability
from handlers.delegations import browse as delegations
from handlers.invites import links as invites
from handlers.press import accreditation as press
from handlers.press import quotes as press_quotes
from handlers.press import releases as press_releases
from handlers.reminders import follow as reminder_buttons
from handlers.reminders import manage as reminders
from handlers.start import menu as start
from handlers.stats import report as stats
from handlers.summaries import read as summary


def routers() -> list[Router]:
    """In matching order: the fallback must come last so features see updates first."""
    return [
        errors.router(),
        forms.router(),  # /cancel of every form, before any feature
        invites.router(),  # before start: it claims /start with an invite payload
        start.router(),
        agenda.router(),
        calendar.router(),
        now.router(),
        delegations.router(),
        summary.router(),
        reminders.router(),
        reminder_buttons.router(),
        reachability.router(),
        press.router(),  # first of the press routers: it holds /cancel for every form
        press_releases.router(),
        press_quotes.router(),
        stats.router(),
        broadcasts.router(),  # late: while composing it takes any message
        fallback.router(),
    ]
