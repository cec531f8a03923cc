"""The bot's routers, one per feature, built fresh for every dispatcher."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    agenda,
    broadcasts,
    calendar,
    delegations,
    errors,
    fallback,
    invites,
    now,
    press,
    press_quotes,
    press_releases,
    reachability,
    reminders,
    start,
    stats,
    summary,
)


def routers() -> list[Router]:
    """In matching order: the fallback must come last so features see updates first."""
    return [
        errors.router(),
        invites.router(),  # before start: it claims /start with an invite payload
        start.router(),
        agenda.router(),
        calendar.router(),
        now.router(),
        delegations.router(),
        summary.router(),
        reminders.router(),
        reachability.router(),
        press.router(),  # first of the press routers: it holds /cancel for every form
        press_releases.router(),
        press_quotes.router(),
        stats.router(),
        broadcasts.router(),  # late: while composing it takes any message
        fallback.router(),
    ]
