"""Signed one-click unsubscribe links: whoever holds the link may unsubscribe that address.

The token is an HMAC-SHA256 of the contact's id under EMAIL_LINK_SECRET, so a link cannot
be forged for another address, needs no table of tokens, and works without Telegram.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

UNSUBSCRIBE_PATH = "/email/unsubscribe"


class UnsubscribeLinks:
    def __init__(self, base_url: str, secret: str) -> None:
        self._base = base_url.rstrip("/")
        self._secret = secret.encode()

    def token(self, contact_id: int) -> str:
        digest = hmac.new(self._secret, f"unsubscribe:{contact_id}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()[:18]).decode()

    def url(self, contact_id: int) -> str:
        return f"{self._base}{UNSUBSCRIBE_PATH}?c={contact_id}&t={self.token(contact_id)}"

    def verify(self, contact: str, token: str) -> int | None:
        """The contact id the link was made for, or None for a forged or damaged one."""
        if not contact.isdigit() or len(contact) > 18:
            return None
        contact_id = int(contact)
        return contact_id if hmac.compare_digest(self.token(contact_id), token) else None
