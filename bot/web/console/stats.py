"""/stats as charts: followers per session, deliveries per hour by kind, the press queue by
state, the sessions' ratings. ``StatsService.collect`` is called first: it refuses anyone
but an organiser."""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from bot.press.values import RequestStatus
from bot.stats.service import SectionKind, delivery_group
from bot.users.values import User
from bot.web.console.charts import Chart, Series
from bot.web.console.figures import DeliveryFigures
from bot.web.console.press import console_of
from bot.web.console.services import ConsoleServices
from bot.web.render import Reader
from bot.web.texts import Texts

HOURS = 24
GROUPS = ("reminders", "notices", "press", "broadcasts", "other")


async def stats(request: web.Request) -> web.Response:
    context, user, services = console_of(request)
    sections = {section.kind: section for section in await services.stats.collect(user)}
    reader = await context.reader(user)
    t = context.pages.texts(user.language)
    followers = sections[SectionKind.SUBSCRIPTIONS].figures
    requests = await services.store.quote_requests.count_by_status()
    charts = (
        Chart(
            "followers",
            t["chart_followers"],
            tuple(reader.text(f.label) or f.key for f in followers),
            (Series(t["followers"], tuple(f.value for f in followers)),),
        ),
        await _deliveries(DeliveryFigures(services.store.db), reader, t),
        Chart(
            "press",
            t["chart_press"],
            tuple(t[f"status_{status.value}"] for status in RequestStatus),
            (Series(t["requests"], tuple(requests[status] for status in RequestStatus)),),
        ),
        await _ratings(services, user, reader, t),
    )
    return context.pages.response("console_stats.html", user.language, r=reader, charts=charts)


async def _deliveries(figures: DeliveryFigures, reader: Reader, t: Texts) -> Chart:
    """The last 24 hours, an hour a column, stacked by the kinds /stats tells apart."""
    now = reader.now.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    hours = [now - dt.timedelta(hours=back) for back in range(HOURS - 1, -1, -1)]
    keys = [hour.strftime("%Y-%m-%dT%H") for hour in hours]
    counts = {(key, group): 0 for key in keys for group in GROUPS}
    for key, kind, count in await figures.sent_per_hour(hours[0]):
        if (key, delivery_group(kind)) in counts:
            counts[key, delivery_group(kind)] += count
    return Chart(
        "deliveries",
        t["chart_deliveries"].format(zone=reader.zone_label),
        tuple(reader.clock(hour) for hour in hours),
        tuple(
            Series(t[f"kind_{group}"], tuple(counts[key, group] for key in keys))
            for group in GROUPS
        ),
    )


async def _ratings(services: ConsoleServices, user: User, reader: Reader, t: Texts) -> Chart:
    """The sessions' ratings, a column a rated session, stacked by stars (1 to 5)."""
    results = [r for r in await services.feedback.results(user) if r.count]
    return Chart(
        "ratings",
        t["chart_ratings"],
        tuple(reader.text(r.title) for r in results),
        tuple(
            Series(
                t["stars"].format(stars=stars), tuple(r.distribution[stars - 1] for r in results)
            )
            for stars in range(1, 6)
        ),
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/organiser/stats", stats)
