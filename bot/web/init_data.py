"""Telegram Mini App ``initData``: who opened the page, as Telegram signed it.

Telegram hands the Mini App a query string signed with HMAC-SHA256 under the key
HMAC-SHA256("WebAppData", bot token). The page sends it with every request; the server
trusts nothing in it until the signature checks out (constant-time) and ``auth_date`` is
recent enough, so a copied string stops working after ``max_age``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

MAX_LENGTH = 4096
"""Telegram's initData is well under 1 KiB; anything far longer is not Telegram's."""
CLOCK_SKEW = dt.timedelta(seconds=60)
"""An auth_date this far ahead of our clock is still accepted (servers' clocks differ)."""
MAX_USER_ID = 2**52
"""Telegram's user ids have at most 52 significant bits."""


class InitDataError(ValueError):
    """initData that is missing, malformed, forged or too old: the request gets 401."""


class ExpiredError(InitDataError):
    """Genuine but older than the maximum age: the page has been open too long."""


@dataclass(frozen=True, slots=True)
class WebAppUser:
    """The Telegram user the signed initData names."""

    id: int
    first_name: str
    username: str | None
    language_code: str | None
    auth_date: dt.datetime


def secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The query string Telegram would send for ``fields`` (for tests and tools)."""
    digest = hmac.new(secret_key(bot_token), _check_string(fields).encode(), hashlib.sha256)
    return urlencode({**fields, "hash": digest.hexdigest()})


def validate(init_data: str, bot_token: str, now: dt.datetime, max_age: dt.timedelta) -> WebAppUser:
    """The user behind ``init_data``, or :class:`InitDataError` saying what is wrong."""
    if not init_data:
        raise InitDataError("no initData")
    if len(init_data) > MAX_LENGTH:
        raise InitDataError("initData too long")
    fields = _fields(init_data)
    received = fields.pop("hash", "")
    expected = hmac.new(secret_key(bot_token), _check_string(fields).encode(), hashlib.sha256)
    if not hmac.compare_digest(expected.hexdigest(), received.lower()):
        raise InitDataError("bad signature")
    signed_at = _auth_date(fields.get("auth_date", ""))
    if now - signed_at > max_age:
        raise ExpiredError("initData expired")
    if signed_at - now > CLOCK_SKEW:
        raise InitDataError("initData from the future")
    return _user(fields.get("user", ""), signed_at)


def _fields(init_data: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError as error:
        raise InitDataError("not a query string") from error
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("a field is repeated")
    return fields


def _check_string(fields: dict[str, str]) -> str:
    """Telegram's data-check-string: every field but ``hash``, sorted, one per line."""
    return "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))


def _auth_date(value: str) -> dt.datetime:
    if not value.isdigit() or len(value) > 12:
        raise InitDataError("bad auth_date")
    return dt.datetime.fromtimestamp(int(value), dt.UTC)


def _user(value: str, signed_at: dt.datetime) -> WebAppUser:
    try:
        user = json.loads(value)
    except ValueError as error:
        raise InitDataError("bad user") from error
    if not isinstance(user, dict):
        raise InitDataError("no user")
    user_id, first_name = user.get("id"), user.get("first_name")
    if type(user_id) is not int or not 0 < user_id < MAX_USER_ID:
        raise InitDataError("bad user id")
    if not isinstance(first_name, str):
        raise InitDataError("bad first_name")
    username, language = user.get("username"), user.get("language_code")
    return WebAppUser(
        id=user_id,
        first_name=first_name,
        username=username if isinstance(username, str) else None,
        language_code=language if isinstance(language, str) else None,
        auth_date=signed_at,
    )
