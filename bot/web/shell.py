"""The Mini App's shell page and its static files.

The shell holds no data and knows no user: Telegram opens it with ``initData`` in the URL
fragment, ``app.js`` reads it through ``telegram-web-app.js`` and fetches every page with
it in a header. Static files are versioned by content (``?v=``), so browsers keep them for a
year and a new release is fetched at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

from aiohttp import web

from bot.web.render import Pages

TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"
CONTENT_TYPES = {".css": "text/css", ".js": "text/javascript"}
SHELL_POLICY = "; ".join(
    (
        "default-src 'none'",
        f"script-src 'self' {TELEGRAM_SCRIPT}",
        "style-src 'self' 'unsafe-inline'",  # telegram-web-app.js may style its own parts
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
    )
)


@dataclass(frozen=True, slots=True)
class StaticFile:
    body: bytes
    content_type: str
    version: str


def load_static() -> dict[str, StaticFile]:
    files = {}
    for entry in resources.files("bot.web").joinpath("static").iterdir():
        suffix = entry.name[entry.name.rfind(".") :]
        if suffix in CONTENT_TYPES:
            body = entry.read_bytes()
            version = hashlib.sha256(body).hexdigest()[:12]
            files[entry.name] = StaticFile(body, CONTENT_TYPES[suffix], version)
    return files


class Shell:
    def __init__(self, pages: Pages) -> None:
        self._static = load_static()
        versions = {name: f"static/{name}?v={f.version}" for name, f in self._static.items()}
        self._html = pages.html(
            "shell.html",
            "en",
            ru=pages.texts("ru"),
            en=pages.texts("en"),
            static=versions,
            telegram_script=TELEGRAM_SCRIPT,
        )

    async def page(self, request: web.Request) -> web.Response:
        headers = {
            "Content-Security-Policy": SHELL_POLICY,
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        return web.Response(
            text=self._html, content_type="text/html", charset="utf-8", headers=headers
        )

    async def static(self, request: web.Request) -> web.Response:
        found = self._static.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        etag = f'"{found.version}"'
        headers = {
            "Cache-Control": "public, max-age=31536000, immutable",
            "ETag": etag,
            "X-Content-Type-Options": "nosniff",
        }
        tags = request.if_none_match or ()
        if any(tag.value == found.version for tag in tags):
            return web.Response(status=304, headers=headers)
        return web.Response(
            body=found.body, content_type=found.content_type, charset="utf-8", headers=headers
        )

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/app/", self.page)
        app.router.add_get("/app", _to_shell)
        app.router.add_get("/app/static/{name}", self.static)


async def _to_shell(request: web.Request) -> web.Response:
    raise web.HTTPPermanentRedirect("/app/")
