"""The public edition's pages: an address in, the page's HTML out (None: no such page).

One renderer for the server and the mirror: ``files`` only changes how links are written
(see ``links.py``) and adds the moment the mirror was written, which a live page does
not need (it would also change the page's ETag every minute).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from bot.content.models import PressAccess
from bot.i18n.catalogues import SUPPORTED
from bot.press.documents import contact_lines
from bot.web.public.gather import GATHERERS, Context
from bot.web.public.links import Linker, day_key, home
from bot.web.public.sources import PublicSources
from bot.web.public.texts import LANGUAGE_NAMES, PublicTexts
from bot.web.render import Reader

LANGUAGE = "ru|en"
DAY = "[0-9]{8}"
ID = "[0-9]{1,18}"
"""At most 18 digits: every id fits SQLite's 64-bit integers; longer ones are 404."""
KEYED = {"day": DAY, "summary": DAY, "session": ID, "delegation": ID, "release": ID}
SINGLE = ("delegations", "venue", "press", "advisory", "privacy")
MISSING = "missing"
_ADDRESS = re.compile(
    rf"(?P<language>{LANGUAGE})/(?:"
    + "|".join(rf"(?P<{kind}>{kind})/(?P<{kind}_key>{key})" for kind, key in KEYED.items())
    + "|"
    + "|".join(rf"(?P<{kind}>{kind})" for kind in SINGLE)
    + ")?"
)


@dataclass(frozen=True, slots=True)
class Target:
    language: str
    kind: str
    key: str = ""


def parse(address: str) -> Target | None:
    """The page an address names, or None for anything else (a forged path included)."""
    match = _ADDRESS.fullmatch(address)
    if match is None:
        return None
    found = match.groupdict()
    kind = next((name for name in (*KEYED, *SINGLE) if found[name]), "home")
    return Target(found["language"], kind, found.get(f"{kind}_key") or "")


def address_of(target: Target) -> str:
    if target.kind == "home":
        return home(target.language)
    return "/".join(filter(None, (target.language, target.kind, target.key)))


class PublicEdition:
    def __init__(self, sources: PublicSources, texts: PublicTexts) -> None:
        self.sources = sources
        self.texts = texts
        self._env = Environment(
            loader=PackageLoader("bot.web", "templates/public"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    async def page(self, address: str, *, files: bool = False) -> str | None:
        target = parse(address)
        if target is None:
            return None
        context = await GATHERERS[target.kind](self.sources, target.key)
        if context is None:
            return None
        return await self._render(f"{target.kind}.html", target, files, context)

    async def not_found(self, language: str) -> str:
        return await self._render("not_found.html", Target(language, MISSING), False, {})

    async def mirror_root(self, language: str) -> str:
        """The mirror's ``index.html``: straight on to ``language``, or either by hand."""
        return await self._render("root.html", Target(language, "home"), True, {})

    async def addresses(self) -> list[str]:
        """Every page there is now, in both languages: what the mirror writes."""
        sources = self.sources
        keys = [("home", "")] + [(kind, "") for kind in SINGLE]
        keys += [("day", day_key(d.date)) for d in await sources.agenda.days()]
        keys += [("session", str(s.id)) for s in await sources.agenda.programme()]
        keys += [("session", str(c.session_id)) for c in await sources.status.cancelled()]
        participants = await sources.delegations.participants()
        keys += [("delegation", str(d.id)) for d in participants.ordered()]
        keys += [("release", str(r.id)) for r in await sources.press.releases()]
        keys += [("summary", day_key(s.day)) for s in await sources.press.summaries()]
        return [address_of(Target(lang, kind, key)) for lang in SUPPORTED for kind, key in keys]

    async def _render(self, template: str, target: Target, files: bool, context: Context) -> str:
        agenda = self.sources.agenda
        language = target.language
        event = await agenda.event()
        reader = Reader(language, event, await agenda.zone(), agenda.now())
        other = next(lang for lang in SUPPORTED if lang != language)
        address = address_of(target)

        def target_in(language: str) -> Target:
            return Target(language, target.kind, target.key)

        texts = self.texts(language)
        page = self._env.get_template(template)
        return page.render(
            t=texts,
            r=reader,
            language=language,
            other=other,
            names=LANGUAGE_NAMES,
            kind=target.kind,
            link=Linker(address, files, rooted=target.kind == MISSING),
            alternate=home(other) if target.kind == MISSING else address_of(target_in(other)),
            generated=reader.moment(reader.now) if files else None,
            contacts=contact_lines(event, language, texts["example"]),
            day_key=day_key,
            access=PressAccess,
            **context,
        )
