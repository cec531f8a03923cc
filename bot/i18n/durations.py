"""A stretch of time as people say it, in the language of the current scope."""

from __future__ import annotations

from aiogram.utils.i18n import ngettext

SECONDS_BELOW = 120
"""Under two minutes a period is said in seconds: «45 seconds», «90 seconds», not «1 min»."""


def duration(seconds: float) -> str:
    """«45 seconds», «90 seconds», «3 minutes»: seconds under two minutes, else whole minutes.

    A duration in a sentence: «for 45 seconds», «когда 1 минуту не будет правок».
    """
    if seconds < SECONDS_BELOW:
        count = max(1, round(seconds))
        return ngettext("{count} second", "{count} seconds", count).format(count=count)
    count = round(seconds / 60)
    return ngettext("{count} minute", "{count} minutes", count).format(count=count)
