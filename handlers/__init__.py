"""The bot's routers, one per feature, built fresh for every dispatcher."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    agenda,
    calendar,
    delegations,
    errors,
    fallback,
    now,
    start,
    stats,
    summary,
)


def routers() -> list[Router]:
    """In matching order: the fallback must come last so features see updates first."""
    return [
        errors.router(),
        start.router(),
        agenda.router(),
        calendar.router(),
        now.router(),
        delegations.router(),
        summary.router(),
        stats.router(),
        fallback.router(),
    ]
