"""What every web handler reaches through the request: the services, the pages, the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aiohttp import web

from bot.config import Settings
from bot.time.clock import Clock
from bot.users.values import User
from bot.web.render import Pages, Reader
from bot.web.services import WebServices


@dataclass(frozen=True, slots=True)
class WebContext:
    settings: Settings
    clock: Clock
    services: WebServices
    pages: Pages
    bot_token: str

    @property
    def init_data_max_age(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.settings.web_init_data_max_age)

    async def reader(self, user: User) -> Reader:
        agenda = self.services.agenda
        return Reader(user.language, await agenda.event(), await agenda.zone(), agenda.now())


WEB = web.AppKey("web", WebContext)
USER = web.RequestKey("user", User)


def context_of(request: web.Request) -> tuple[WebContext, User]:
    """The web context and the signed-in user of a Mini App request."""
    return request.app[WEB], request[USER]
