"""The bot's routers, one per feature, built fresh for every dispatcher."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    broadcasts,
    feedback,
    invites,
    press,
    privacy,
    programme,
    questions,
    sharing,
    summaries,
)
from handlers.agenda import browse as agenda
from handlers.agenda import calendar, now
from handlers.common import errors, fallback, forms, reachability
from handlers.delegations import browse as delegations
from handlers.email import chat as email
from handlers.press import gallery as press_gallery
from handlers.press import interviews as press_interviews
from handlers.reminders import follow as reminder_buttons
from handlers.reminders import manage as reminders
from handlers.start import menu as start
from handlers.stats import report as stats
from handlers.venue import browse as venue


def routers() -> list[Router]:
    """In matching order: the fallback must come last so features see updates first."""
    return [
        errors.router(),
        forms.router(),  # /cancel of every form, before any feature
        invites.router(),  # before start: it claims /start with an invite payload
        sharing.router(),  # before start: the cards' /start s_… d_… r_… links; inline mode
        start.router(),
        agenda.router(),
        calendar.router(),
        now.router(),
        delegations.router(),
        venue.router(),
        summaries.router(),
        reminder_buttons.router(),  # «Remind me» first: the peak's taps (bench/peak.py)
        reminders.router(),
        reachability.router(),
        press.router(),
        press_gallery.router(),
        press_interviews.router(),
        email.router(),  # /email, /email_accredit, /email_advisory and their forms
        stats.router(),
        programme.router(),  # organisers' live changes; /live in groups
        questions.router(),
        feedback.router(),
        privacy.router(),
        broadcasts.router(),  # late: while composing it takes any message
        fallback.router(),
    ]
