"""Loading ``data/`` into the store: the one way content gets in."""

from __future__ import annotations

from pathlib import Path

from bot.content import load_content
from bot.content.models import Content
from bot.content.sync import SyncReport
from bot.store.holder import Store
from bot.time.clock import Clock


class ContentService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def load(self, directory: Path) -> SyncReport:
        """Validate the files, then make the store match them (raises ``ContentError``)."""
        content = load_content(directory)
        return await self._store.content.apply(content, self._clock.now())

    async def load_if_empty(self, directory: Path) -> SyncReport | None:
        if not await self._store.content.is_empty():
            return None
        return await self.load(directory)


def describe_content(content: Content, directory: Path) -> str:
    """`check`'s one line: what the files hold, so a wrong folder or a lost day shows."""
    days = content.programme.days
    sessions = sum(len(day.sessions) for day in days)
    national = sum(1 for d in content.delegations if d.kind == "national_society")
    return (
        f"{directory}: OK — {content.event.short_name.en}, "
        f"{content.event.starts_on} to {content.event.ends_on} ({content.event.timezone}); "
        f"{len(days)} days, {sessions} sessions, {len(content.delegations)} delegations "
        f"({national} national societies), {len(content.people)} people, "
        f"{len(content.quotes)} quotes, {len(content.summaries)} summaries, "
        f"{len(content.press_releases)} press releases"
    )


def describe_load(report: SyncReport, directory: Path, database: Path) -> str:
    """`load`'s answer: what changed in the store, table by table, or that nothing did."""
    if not report.changed:
        return f"{directory} → {database}: already up to date, nothing changed"
    lines = [f"{directory} → {database}:"]
    for table, counts in sorted(report.counts.items()):
        parts = [f"{count} {kind.value}" for kind, count in counts.items() if count]
        if parts:
            lines.append(f"  {table}: {', '.join(parts)}")
    return "\n".join(lines)
