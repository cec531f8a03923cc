"""Previewed changes waiting for «Apply», each under a one-time token.

Chat keeps the change being made in the organiser's FSM state; the console keeps it here,
on the server, under the token the preview page hands its «Apply» form (the broadcast
composer's draft-token pattern). Taking a draft removes it before anything is awaited, so a
double tap applies once and the second finds nothing (409). A token of another organiser,
an old one or one from before a restart finds nothing either; the service's own revision
check still stands behind it. A change that failed for a reason of ours (the store, say:
its transaction rolled back) is given back, so «Apply» can be tried again. Bounded: the
oldest drafts go first.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from bot.programme.values import Proposal

TOKEN = re.compile(r"^[0-9a-f]{32}$")
LIMIT = 256
MAX_AGE = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Draft:
    user_id: int
    proposal: Proposal
    made_at: dt.datetime


class ProgrammeDrafts:
    def __init__(self) -> None:
        self._drafts: OrderedDict[str, Draft] = OrderedDict()

    def keep(self, user_id: int, proposal: Proposal, now: dt.datetime) -> str:
        """A fresh token for this previewed proposal."""
        while self._drafts:
            oldest = next(iter(self._drafts.values()))
            if len(self._drafts) < LIMIT and now - oldest.made_at <= MAX_AGE:
                break
            self._drafts.popitem(last=False)
        token = uuid.uuid4().hex
        self._drafts[token] = Draft(user_id, proposal, now)
        return token

    def take(self, token: str, user_id: int, now: dt.datetime) -> Draft | None:
        """The draft once (the token is spent), or None: unknown, spent, too old or
        another organiser's (theirs is left for them)."""
        draft = self._drafts.pop(token, None)
        if draft is None:
            return None
        if draft.user_id != user_id:
            self._drafts[token] = draft
            return None
        return draft if now - draft.made_at <= MAX_AGE else None

    def give_back(self, token: str, draft: Draft) -> None:
        """A draft whose change failed on our side: it may be applied again."""
        self._drafts[token] = draft
