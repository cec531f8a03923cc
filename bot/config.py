"""The one place settings come from: the environment and ``.env``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.email_settings import EmailSettings

Language = Literal["ru", "en"]
FREE_RATE = 30.0  # messages per second Telegram allows a bot without paid broadcast
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Settings(EmailSettings, BaseSettings):
    """Every knob the bot has; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Optional here so that `check` and `load` work without one; `run` insists on it.
    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_path: Path = Path("var/event-desk.sqlite3")
    data_dir: Path = Path("data")
    organiser_ids: Annotated[tuple[int, ...], NoDecode] = ()
    default_language: Language = "ru"
    event_timezone: str | None = None
    polling_timeout: int = Field(default=30, ge=1, le=50)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Delivery of what the bot sends on its own (reminders, notices, broadcasts).
    delivery_rate: float = Field(default=30.0, gt=0, le=1000)
    delivery_chat_interval: float = Field(default=1.0, ge=0, le=60)
    delivery_group_interval: float = Field(default=3.0, ge=0, le=600)
    delivery_max_attempts: int = Field(default=5, ge=1, le=20)
    delivery_retry_base: float = Field(default=1.0, gt=0, le=600)
    delivery_timeout: int = Field(default=15, ge=1, le=120)
    # Telegram's paid broadcast: up to 1000 messages/s, billed in Stars; required above 30/s.
    delivery_paid_broadcast: bool = False
    # Broadcasts: seconds between two updates of the progress message.
    broadcast_progress_seconds: float = Field(default=3.0, gt=0, le=60)
    # Reminders: how often the bot looks for programme changes, how long edits must rest.
    changes_poll_seconds: float = Field(default=10.0, gt=0, le=3600)
    changes_quiet_minutes: float = Field(default=3.0, ge=0, le=120)
    # Live «Now / next» messages (/live): how often they are brought up to date (each is
    # edited at most once a minute whatever this says; programme changes wake them too).
    live_board_seconds: float = Field(default=60, ge=10, le=3600)
    # Schedule sync: the export of pretalx/frab (JSON or XML) the programme follows, and
    # how often it is fetched; unset: the programme comes from `python -m bot load` alone.
    schedule_url: str | None = None
    schedule_sync_minutes: float = Field(default=5, gt=0, le=1440)
    # Press centre: how often releases, embargoes and summaries due are looked for.
    press_check_seconds: float = Field(default=30, gt=0, le=3600)

    # How updates arrive: long polling (default) or a webhook served by the bot itself.
    update_mode: Literal["polling", "webhook"] = "polling"
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=0, le=65535)
    webhook_path: str = "/telegram/webhook"
    webhook_public_url: str | None = None
    webhook_secret: SecretStr | None = None
    # Updates handled at once; more wait in Telegram's queue (back-pressure, bounded memory).
    max_concurrent_updates: int = Field(default=50, ge=1, le=100)
    # Seconds a shutdown waits for handlers that are still running.
    shutdown_grace: float = Field(default=10.0, gt=0, le=120)
    # Start-up calls that only dress the bot (command menus, menu button): each waits at
    # most ``startup_call_timeout`` s; a failed one is retried in the background, first
    # after ``startup_retry_seconds``, the pause doubling up to ``startup_retry_max_seconds``.
    startup_call_timeout: float = Field(default=10.0, gt=0, le=120)
    startup_retry_seconds: float = Field(default=5.0, gt=0, le=3600)
    startup_retry_max_seconds: float = Field(default=600.0, gt=0, le=86400)

    # Flood control: each user gets ``flood_burst`` updates at once, refilled at
    # ``flood_rate`` per second; beyond that one «slow down», then silence for
    # ``flood_cooldown`` seconds. Organisers are exempt.
    flood_rate: float = Field(default=2.0, gt=0)
    flood_burst: int = Field(default=8, ge=1)
    flood_cooldown: float = Field(default=10.0, ge=0)

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None  # `BOT_TOKEN=` as copied from .env.example means «not set»
        if not TOKEN_PATTERN.match(value.get_secret_value()):
            raise ValueError("expected the token @BotFather gave, like 123456:ABC-DEF…")
        return value

    @field_validator("database_path")
    @classmethod
    def _store_file(cls, value: Path) -> Path:
        """A file the store can be created as: caught here in one line rather than as
        SQLite's «unable to open database file» or a traceback from making its folder."""
        if value.is_dir():
            example = value / "event-desk.sqlite3"
            raise ValueError(f"{value} is a folder; name the store file in it, e.g. {example}")
        existing = next((parent for parent in value.parents if parent.exists()), None)
        if existing is not None and not existing.is_dir():
            raise ValueError(f"{existing} is a file, not a folder, so {value} cannot be made")
        return value

    @field_validator("organiser_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            ids = []
            for part in filter(None, parts):
                if not re.fullmatch(r"-?[0-9]{1,20}", part):
                    raise ValueError(f"{part!r} is not a Telegram user id (digits only)")
                ids.append(int(part))
            return tuple(ids)
        return value

    @field_validator("event_timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if not value:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            message = f"unknown time zone {value!r} (expected e.g. Asia/Ashgabat)"
            raise ValueError(message) from error
        return value

    @field_validator("schedule_url")
    @classmethod
    def _export_url(cls, value: str | None) -> str | None:
        if not value:
            return None  # `SCHEDULE_URL=` as copied from .env.example means «no sync»
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (the schedule export's address)")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _absolute_path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("must start with /, e.g. /telegram/webhook")
        return value

    @field_validator("webhook_public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (the address Telegram posts to)")
        return value.rstrip("/")

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None  # an empty line in .env means «not set»
        if not SECRET_PATTERN.match(value.get_secret_value()):
            raise ValueError("1-256 characters, only A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @property
    def webhook_url(self) -> str | None:
        """Where Telegram posts updates: the public address plus the path."""
        if self.webhook_public_url is None:
            return None
        return self.webhook_public_url + self.webhook_path

    @model_validator(mode="after")
    def _rate_within_telegram_limits(self) -> Settings:
        if self.delivery_rate > FREE_RATE and not self.delivery_paid_broadcast:
            raise ValueError(
                f"DELIVERY_RATE above {FREE_RATE:g} needs DELIVERY_PAID_BROADCAST=true"
                " (Telegram answers faster free sends with 429)"
            )
        return self

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    # Questions to the speakers: per person and session, at most QUESTIONS_PER_WINDOW within
    # QUESTIONS_WINDOW_MINUTES; the moderators' boards are refreshed every few seconds.
    questions_per_window: int = Field(default=3, ge=1, le=100)
    questions_window_minutes: float = Field(default=10, gt=0, le=1440)
    question_board_seconds: float = Field(default=5, gt=0, le=600)
    # Feedback: how often ended sessions are looked for; the survey after the last session.
    feedback_check_seconds: float = Field(default=60, gt=0, le=3600)
    survey_delay_minutes: float = Field(default=60, ge=0, le=10080)
    # Personal data (issue 23): RETENTION_DAYS after the event's last day everyone's but the
    # organisers' personal data is erased; the job looks every RETENTION_CHECK_SECONDS.
    retention_days: int = Field(default=30, ge=1, le=3650)
    retention_check_seconds: float = Field(default=3600, gt=0, le=86400)
    # `python -m bot backup FOLDER` deletes the folder's backups older than this many days.
    backup_keep_days: int = Field(default=30, ge=1, le=3650)

    # The web application (Mini App, calendar feeds, /healthz; the webhook in webhook mode)
    # listens on one address. Unset WEB_HOST/WEB_PORT fall back to WEBHOOK_HOST/WEBHOOK_PORT;
    # in polling mode it runs when WEB_PORT or WEB_PUBLIC_URL is set.
    web_host: str | None = None
    web_port: int | None = Field(default=None, ge=0, le=65535)
    web_public_url: str | None = None
    # Seconds one opening of the Mini App stays valid (Telegram's auth_date + this).
    web_init_data_max_age: int = Field(default=86400, ge=60, le=7 * 86400)
    # The public web edition (/ru/, /en/: programme, delegations, venue, press; no login)
    # is served whenever the web application runs; `off` turns it off.
    public_site: bool = True
    # A folder the bot keeps a static copy of the public edition in, written anew (then
    # renamed into place) after every content change; unset: no copy is kept.
    site_export_dir: Path | None = None

    @field_validator("site_export_dir", mode="before")
    @classmethod
    def _no_export_when_blank(cls, value: object) -> object:
        """``SITE_EXPORT_DIR=`` (as in .env.example) keeps no copy, never one in ``.``."""
        return None if value == "" else value

    @field_validator("web_host", "web_port", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("web_public_url")
    @classmethod
    def _mini_app_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith("https://"):
            raise ValueError("must start with https:// (Telegram opens Mini Apps only over HTTPS)")
        return value.rstrip("/")

    @property
    def web_listen(self) -> tuple[str, int]:
        """Where the web application listens: the WEB_* address, else the webhook's."""
        host = self.web_host if self.web_host is not None else self.webhook_host
        return host, self.web_port if self.web_port is not None else self.webhook_port

    @property
    def web_with_polling(self) -> bool:
        """In polling mode the web application runs only when asked for."""
        return self.web_port is not None or self.web_public_url is not None


def describe_error(error: ValidationError) -> str:
    """One line an operator can act on, naming the variable, instead of a traceback."""
    first = error.errors()[0]
    variable = str(first["loc"][0]).upper() if first["loc"] else "settings"
    if first["type"] == "missing":
        return f"{variable} is not set: put it in .env or the environment (see .env.example)"
    message = str(first["msg"]).removeprefix("Value error, ")
    if not first["loc"]:  # a rule over several settings names them itself
        return message
    return f"{variable} is invalid: {message}"
