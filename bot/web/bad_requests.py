"""Requests the web application cannot parse: one WARNING line, never their content.

aiohttp answers a request its parser refuses (a header or request line over 8190 bytes, a
malformed header line, a bad method) with 400, and logs it from its request handler with
``logger.exception``: an ERROR whose traceback quotes the start of the offending line. In
the Mini App that line is the user's initData (their id and first name), so anyone could
fill the log with tracebacks and personal data. The request handler takes the logger it
uses as a parameter (``AppRunner(..., logger=...)`` hands it on); the one given here turns
every parser error into one WARNING line with the client's address and the error's kind,
and passes anything else (a handler's own failure: our bug) through unchanged.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp.http_exceptions import HttpProcessingError

log = logging.getLogger(__name__)
server_log = logging.getLogger("aiohttp.server")


class BadRequestLog(logging.LoggerAdapter[logging.Logger]):
    """aiohttp's server logger, but a request it could not parse is one short warning."""

    def __init__(self) -> None:
        super().__init__(server_log, {})

    def log(
        self,
        level: int,
        msg: object,
        *args: object,
        exc_info: Any = None,
        **kwargs: Any,
    ) -> None:
        if isinstance(exc_info, HttpProcessingError):
            # aiohttp itself lowers one case to DEBUG: a first request with a bad method,
            # i.e. traffic that is not HTTP at all (TLS to a plain port, a scanner).
            level = min(level, logging.WARNING)
            log.log(level, "bad request from %s: %s", client(args), kind(exc_info))
            return
        super().log(level, msg, *args, exc_info=exc_info, **kwargs)


def client(args: tuple[object, ...]) -> str:
    """aiohttp names the client's address as the message's one argument
    («Error handling request from %s»); an address only, never anything it sent."""
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return "an unknown address"


def kind(error: HttpProcessingError) -> str:
    """The error's class and status: its message quotes the request, so it is left out."""
    return f"{type(error).__name__} ({error.code})"
