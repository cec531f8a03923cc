"""The email part of the one ``Settings`` (``bot/config.py``): the press office's SMTP relay
and its unsubscribe links, read from the same environment and ``.env``."""

from __future__ import annotations

from email.utils import parseaddr
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmailSettings(BaseSettings):
    """The press office by email (``docs/email.md``): off while SMTP_HOST is empty.

    A mixin of ``Settings``: its fields are read from the same environment and ``.env``.
    """

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    smtp_host: str | None = None
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_rate: float = Field(default=5.0, gt=0, le=1000)
    # The HMAC key of the one-click unsubscribe links, and the address they point to
    # (empty: WEB_PUBLIC_URL); plain http is allowed here (a LAN without TLS).
    email_link_secret: SecretStr | None = None
    email_public_url: str | None = None

    @field_validator(
        "smtp_host", "smtp_user", "smtp_from", "email_public_url", "smtp_port", mode="before"
    )
    @classmethod
    def _blank_mail_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("smtp_password", "email_link_secret")
    @classmethod
    def _blank_secret_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value() else None

    @field_validator("email_public_url")
    @classmethod
    def _link_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (where the unsubscribe links point)")
        return None if value is None else value.rstrip("/")

    @property
    def email_enabled(self) -> bool:
        return self.smtp_host is not None

    @property
    def email_links_url(self) -> str | None:
        """Where the unsubscribe links point: EMAIL_PUBLIC_URL, else WEB_PUBLIC_URL."""
        fallback: str | None = getattr(self, "web_public_url", None)
        return self.email_public_url or fallback

    @property
    def smtp_port_or_default(self) -> int:
        """The port SMTP_SECURITY implies unless SMTP_PORT names one."""
        return self.smtp_port or {"starttls": 587, "tls": 465, "none": 25}[self.smtp_security]

    @model_validator(mode="after")
    def _email_combination(self) -> EmailSettings:
        problem = email_problem(self)
        if problem is not None:
            raise ValueError(problem)
        return self


def email_problem(mail: EmailSettings) -> str | None:
    """What is wrong with the SMTP settings taken together, in one line; None if nothing."""
    if mail.smtp_host is None:
        return None
    needed = {
        "SMTP_FROM": mail.smtp_from,
        "EMAIL_LINK_SECRET": mail.email_link_secret,
        "EMAIL_PUBLIC_URL (or WEB_PUBLIC_URL)": mail.email_links_url,
    }
    missing = [name for name, value in needed.items() if value is None]
    if missing:
        return f"SMTP_HOST is set, so {missing[0]} must be too (see .env.example)"
    secret = mail.email_link_secret.get_secret_value() if mail.email_link_secret else ""
    user, password = mail.smtp_user, mail.smtp_password
    problems = [
        sender_problem(mail.smtp_from or ""),
        None
        if (user is None) == (password is None)
        else "SMTP_USER and SMTP_PASSWORD go together: set both or neither",
        "SMTP_SECURITY=none would send SMTP_PASSWORD in clear: use starttls or tls"
        if user is not None and mail.smtp_security == "none"
        else None,
        "EMAIL_LINK_SECRET is too short: at least 16 characters" if len(secret) < 16 else None,
    ]
    return next((problem for problem in problems if problem), None)


def sender_problem(sender: str) -> str | None:
    """Why SMTP_FROM («Name <address>» or a bare address) is not a sender, if it is not."""
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(parseaddr(sender)[1], check_deliverability=False)
    except EmailNotValidError as error:
        return f"SMTP_FROM is not an email address: {error}"
    return None
