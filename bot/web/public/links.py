"""Where each public page lives, on the server and in the static mirror, and the relative
link from one page to another.

An address is a path under the site's root without the leading slash: ``ru/`` (home),
``ru/day/20250905``, ``ru/session/12``, ``ru/programme.pdf``. The server serves it at
``/<address>``; the mirror writes it to a file (``ru/index.html``,
``ru/day/20250905.html``; a document keeps its name). Every link a page holds is relative
to the page itself, so the same mirror works from ``file://``, from a folder on any plain
web host, and under any prefix.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass

DOCUMENT = re.compile(r"\.(ics|pdf)$")


def day_key(date: dt.date) -> str:
    return date.strftime("%Y%m%d")


def home(language: str) -> str:
    return f"{language}/"


def file_of(address: str) -> str:
    """The mirror's file for an address."""
    if address.endswith("/"):
        return f"{address}index.html"
    if DOCUMENT.search(address):
        return address
    return f"{address}.html"


def relative(here: str, there: str) -> str:
    """``there`` as a link from ``here`` (both addresses, or both mirror files)."""
    link = posixpath.relpath(there, posixpath.dirname(here) or ".")
    if there.endswith("/"):
        link = "./" if link == "." else f"{link}/"
    return link


@dataclass(frozen=True, slots=True)
class Linker:
    """The links of the page at ``here``: as served, or as written in the mirror."""

    here: str
    files: bool
    rooted: bool = False
    """Links from the site's root (``/ru/``): for a page served at an address it does
    not know, such as the «not found» page."""

    def __call__(self, there: str) -> str:
        if self.rooted:
            return f"/{there}"
        if self.files:
            return relative(file_of(self.here), file_of(there))
        return relative(self.here, there)

    def to(self, language: str, *parts: object) -> str:
        """``to("ru", "day", "20250905")``; ``to("ru")`` is the language's home."""
        return self(posixpath.join(language, *map(str, parts)) if parts else home(language))
