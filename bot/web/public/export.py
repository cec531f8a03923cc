"""The static mirror: every public page as a plain file, with the calendar and the PDFs.

Links are relative (``links.py``), so the folder works from ``file://`` and from any
plain web host. A mirror is written whole into a new folder beside the target and then
renamed into place, so a copy taken at any moment (a cron job's rsync to a host inside
the country, the venue's LAN) is never half old and half new. A folder that is not
empty and holds no earlier mirror is never replaced: a mistyped path costs nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Hashable
from pathlib import Path

from bot.i18n.catalogues import SUPPORTED
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler
from bot.web.public.links import file_of
from bot.web.public.site import PublicSite

log = logging.getLogger(__name__)

MARK = ".event-desk-mirror"
"""The file that says a folder is a mirror this exporter wrote (and may replace)."""
CHECK_SECONDS = 15.0
"""How often the bot looks for a change nobody signalled (a load by another process,
a release whose time came, the session on now); a live change wakes it at once."""
JOB, WAKE = "site-export", "site-export-wake"


class NotAMirrorError(Exception):
    """The target folder holds other files: it is not replaced."""


class SiteExporter:
    def __init__(self, site: PublicSite, target: Path, default_language: str) -> None:
        self._site = site
        self._target = Path(target)
        self._default = default_language
        self._lock = asyncio.Lock()
        self._written: Hashable | None = None

    async def files(self) -> dict[str, bytes]:
        """Every file of the mirror by its relative path."""
        edition, printer = self._site.edition, self._site.printer
        found: dict[str, bytes] = {MARK: b"written by `python -m bot export-site`\n"}
        found["index.html"] = (await edition.mirror_root(self._default)).encode()
        for address in await edition.addresses():
            page = await edition.page(address, files=True)
            if page is not None:  # gone between the listing and now: left out this time
                found[file_of(address)] = page.encode()
        for language in SUPPORTED:
            feed = await edition.sources.feeds.programme(language)
            found[f"{language}/programme.ics"] = feed.body
            found[f"{language}/programme.pdf"] = await printer.pdf(language)
        return found

    async def write(self) -> int:
        """Writes the mirror anew and renames it into place; returns the number of files."""
        async with self._lock:
            files = await self.files()
            await asyncio.to_thread(replace_folder, self._target, files)
            return len(files)

    async def fingerprint(self) -> Hashable:
        """Changes whenever a page of the mirror may: content, press, the session on now."""
        sources = self._site.edition.sources
        now_next = await sources.agenda.now_and_next()
        return (
            await sources.content.generation(),
            tuple(release.id for release in await sources.press.releases()),
            tuple(summary.day for summary in await sources.press.summaries()),
            now_next.phase,
            tuple(session.id for session in now_next.current),
            None if now_next.next is None else now_next.next.id,
        )

    async def refresh(self) -> None:
        """Writes the mirror if anything changed since it was last written."""
        try:
            fingerprint = await self.fingerprint()
            if fingerprint == self._written:
                return
            count = await self.write()
        except (OSError, NotAMirrorError) as error:
            log.error("the public mirror at %s was not written: %s", self._target, error)
            return
        self._written = fingerprint
        log.info("public mirror written to %s: %d files", self._target, count)


def keep_mirror(exporter: SiteExporter, scheduler: Scheduler, clock: Clock) -> Callable[[], None]:
    """Re-export on a schedule; returns the function that wakes it at once (for the
    programme's change signal: a delay reaches the mirror within seconds)."""
    scheduler.run_every(JOB, CHECK_SECONDS, exporter.refresh)

    def wake() -> None:
        scheduler.run_at(WAKE, clock.now(), exporter.refresh)  # once, however many changes

    return wake


def replace_folder(target: Path, files: dict[str, bytes]) -> None:
    """``target`` becomes a folder holding exactly ``files``, in one rename."""
    if target.exists() and any(target.iterdir()) and not (target / MARK).exists():
        raise NotAMirrorError(f"{target} is not empty and holds no mirror: not replaced")
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for name, data in files.items():
            path = fresh / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        fresh.chmod(0o755)  # mkdtemp's 0700 would hide the mirror from a web server
        if not target.exists():
            fresh.rename(target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / "mirror")
        fresh.rename(target)
        shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
