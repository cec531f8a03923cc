"""Figures for the organisers' ``/stats``, assembled from one small section per aggregate.

Each section is an async function of ``StatsContext`` returning a ``Section``; the
service runs the registered ones in order. A feature that brings new data (subscriptions,
delivered reminders and broadcasts, press requests) adds one repository query, one
section function here, one ``SectionKind`` and its title in ``handlers/stats/report.py``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.content.models import Text
from bot.delivery.outbox import OutboxState
from bot.i18n.catalogues import language_for
from bot.press.values import AccreditationStatus, EmbargoChannel, RequestStatus
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService, require_organiser
from bot.users.values import Role, User


class SectionKind(StrEnum):
    USERS_BY_ROLE = "roles"
    USERS_BY_LANGUAGE = "languages"
    ACTIVITY = "activity"
    PROGRAMME = "programme"
    SUBSCRIPTIONS = "subscriptions"
    DELIVERY = "delivery"
    PRESS = "press"


@dataclass(frozen=True, slots=True)
class Figure:
    """One counted thing; ``key`` names it for the renderer (a role, a language, …)."""

    key: str
    value: int
    label: Text | None = None
    """Data text shown instead of the key's translated name (a session's title)."""


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class StatsContext:
    store: Store
    access: AccessService
    now: dt.datetime
    default_language: str


SectionSource = Callable[[StatsContext], Awaitable[Section]]


async def users_by_role(ctx: StatsContext) -> Section:
    """Every role, as the users act with it (configured organisers count as organisers)."""
    counts: Counter[Role] = Counter(dict.fromkeys(Role, 0))
    for user_id, stored in await ctx.store.users.roles():
        counts[ctx.access.effective(user_id, stored)] += 1
    return Section(
        SectionKind.USERS_BY_ROLE, tuple(Figure(role.value, counts[role]) for role in Role)
    )


async def users_by_language(ctx: StatsContext) -> Section:
    """The language users are answered in: their choice, else their Telegram app's."""
    counts: Counter[str] = Counter()
    for chosen, telegram, users in await ctx.store.users.count_by_language():
        counts[chosen or language_for(telegram, ctx.default_language)] += users
    return Section(
        SectionKind.USERS_BY_LANGUAGE,
        tuple(Figure(language, counts[language]) for language in sorted(counts)),
    )


async def activity(ctx: StatsContext) -> Section:
    return Section(
        SectionKind.ACTIVITY,
        (
            Figure("total", await ctx.store.users.count()),
            Figure("day", await ctx.store.users.count_seen_since(ctx.now - dt.timedelta(days=1))),
            Figure("hour", await ctx.store.users.count_seen_since(ctx.now - dt.timedelta(hours=1))),
        ),
    )


async def programme(ctx: StatsContext) -> Section:
    sessions = await ctx.store.programme.sessions()
    return Section(
        SectionKind.PROGRAMME,
        (
            Figure("days", len(await ctx.store.programme.days())),
            Figure("sessions", len(sessions)),
            Figure("delegations", len(await ctx.store.delegations.all())),
            Figure("summaries", len(await ctx.store.summaries.published_days())),
        ),
    )


async def subscriptions(ctx: StatsContext) -> Section:
    """Reminder subscribers of every session, in programme order (none shows as 0)."""
    counts = dict(await ctx.store.reminders.count_per_session())
    return Section(
        SectionKind.SUBSCRIPTIONS,
        tuple(
            Figure(session.key, counts.get(session.id, 0), label=session.title)
            for session in await ctx.store.programme.sessions()
        ),
    )


def delivery_group(kind: str) -> str:
    """The outbox kinds organisers tell apart: reminders, programme notices, press, broadcasts."""
    if kind == "reminder":
        return "reminders"
    if kind in ("moved", "added", "cancelled", "day-offer"):
        return "notices"
    if kind.startswith("press."):
        return "press"
    return "broadcasts" if kind.startswith("broadcast") else "other"


async def delivery(ctx: StatsContext) -> Section:
    sent: Counter[str] = Counter(dict.fromkeys(("reminders", "notices", "press", "broadcasts"), 0))
    failed = 0
    for (kind, state), count in (await ctx.store.outbox.totals()).items():
        if state is OutboxState.SENT:
            sent[delivery_group(kind)] += count
        elif state is OutboxState.FAILED:
            failed += count
    return Section(
        SectionKind.DELIVERY,
        (
            *(
                Figure(f"sent.{group}", count)
                for group, count in sent.items()
                if count or group != "other"
            ),
            Figure("failed", failed),
            Figure("unreachable", await ctx.store.outbox.unreachable_count()),
        ),
    )


async def press(ctx: StatsContext) -> Section:
    requests = await ctx.store.quote_requests.count_by_status()
    applications = await ctx.store.accreditations.count_by_status()
    early = await ctx.store.embargo_log.count_by_channel()
    return Section(
        SectionKind.PRESS,
        (
            Figure("requests.open", requests[RequestStatus.NEW] + requests[RequestStatus.TAKEN]),
            Figure("requests.answered", requests[RequestStatus.ANSWERED]),
            Figure("accreditations.pending", applications[AccreditationStatus.PENDING]),
            Figure("accreditations.approved", applications[AccreditationStatus.APPROVED]),
            Figure("embargo.notices", early[EmbargoChannel.NOTICE]),
            Figure("embargo.documents", early[EmbargoChannel.DOCX] + early[EmbargoChannel.PDF]),
        ),
    )


DEFAULT_SECTIONS: tuple[SectionSource, ...] = (
    users_by_role,
    users_by_language,
    activity,
    programme,
    subscriptions,
    delivery,
    press,
)


class StatsService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        access: AccessService,
        default_language: str = "ru",
        sections: Sequence[SectionSource] = DEFAULT_SECTIONS,
    ) -> None:
        self._store = store
        self._clock = clock
        self._access = access
        self._default_language = default_language
        self._sections = tuple(sections)

    async def collect(self, actor: User) -> list[Section]:
        """Every section's figures, for an organiser only (they count everyone)."""
        require_organiser(actor)
        ctx = StatsContext(self._store, self._access, self._clock.now(), self._default_language)
        return [await section(ctx) for section in self._sections]
