"""The meeting's data files: their models and the loader that checks them as a whole.

``load_content(Path("data"))`` returns a validated ``Content`` or raises ``ContentError``
whose ``problems`` say, file by file and line by line, what an organiser has to fix.
"""

from bot.content.loader import load_content
from bot.content.models import (
    LANGUAGES,
    Attendance,
    Content,
    Day,
    Delegation,
    DelegationKind,
    Event,
    Key,
    Person,
    PressContact,
    PressRelease,
    Programme,
    Quote,
    Session,
    Summary,
    Text,
)
from bot.content.problems import ContentError, Problem

__all__ = [
    "LANGUAGES",
    "Attendance",
    "Content",
    "ContentError",
    "Day",
    "Delegation",
    "DelegationKind",
    "Event",
    "Key",
    "Person",
    "PressContact",
    "PressRelease",
    "Problem",
    "Programme",
    "Quote",
    "Session",
    "Summary",
    "Text",
    "load_content",
]
