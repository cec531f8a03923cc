"""Email addresses as people type them: checked for form, never looked up.

``email-validator`` knows the syntax (RFC 5322 and internationalised addresses) and that a
domain has the form of one (a dot, no bare «localhost», a real top-level domain); with
``check_deliverability=False`` nothing asks DNS, so a check is instant and works offline.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

LONGEST = 254
"""RFC 5321's limit on a forward path."""


class BadAddressError(ValueError):
    """The address cannot be one; nothing is stored."""


def normalised(address: str) -> str:
    """The address as it will be stored and written to: trimmed, its domain lower-cased.

    Raises ``BadAddressError`` for anything that is not an address of the form a@b.example.
    """
    value = address.strip()
    if not value or len(value) > LONGEST or any(ch in value for ch in "\r\n<>,;"):
        raise BadAddressError(value)
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise BadAddressError(str(error)) from error
    return str(checked.normalized)
