"""How a programme change reads on the console: what changes, who is told, what is wrong.

The same lines chat's preview, result and /changes show (``handlers/programme/views.py``),
as plain text for the templates, which escape it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.utils.i18n import ngettext

from bot.programme.values import ChangeRejectedError, Edit, Fields, Preview, Problem
from bot.time.display import day_label, time_range
from bot.web.render import Reader
from bot.web.texts import Texts

DESCRIPTION_SHOWN = 300

STATUS = {Problem.MISSING: 404, Problem.STALE: 409, Problem.OVERLAP: 409}
"""A refusal's status: a session gone is 404, one changed meanwhile or a clash 409, the
rest (times, bounds, nothing to change) bad input, 400."""

_SIMPLE = {
    Problem.MISSING: "pg_missing",
    Problem.STALE: "pg_stale",
    Problem.BAD_TIME: "pg_bad_time",
    Problem.END_BEFORE_START: "pg_end_before_start",
}


@dataclass(frozen=True, slots=True)
class EditView:
    """One session's change: its title, «➕ New»/«❌ Cancelled» or nothing, the lines."""

    title: str
    mark: str | None
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangeView:
    """The first session changed, then those moved with it (one line each)."""

    first: EditView
    moved: tuple[str, ...]


def span(r: Reader, fields: Fields) -> str:
    return time_range(fields.starts_at, fields.ends_at, r.zone)


def edit_view(t: Texts, r: Reader, edit: Edit) -> EditView:
    before, after = edit.before, edit.after
    title = r.text(edit.title)
    if before is None or after is None:
        fields = after or before
        assert fields is not None
        where = f"{span(r, fields)} · {r.text(fields.room)}"
        return EditView(title, t["pg_new"] if before is None else t["pg_gone"], (where,))
    lines = []
    if (before.starts_at, before.ends_at) != (after.starts_at, after.ends_at):
        lines.append(t["pg_time"].format(before=span(r, before), after=span(r, after)))
    if before.room != after.room:
        lines.append(
            t["pg_room_change"].format(before=r.text(before.room), after=r.text(after.room))
        )
    if before.title != after.title:
        lines.append(
            t["pg_title_change"].format(before=r.text(before.title), after=r.text(after.title))
        )
    if before.description != after.description:
        text = r.text(after.description) or "—"
        if len(text) > DESCRIPTION_SHOWN:
            text = text[: DESCRIPTION_SHOWN - 1] + "…"
        lines.append(t["pg_description"].format(text=text))
    return EditView(title, None, tuple(lines))


def change_view(t: Texts, r: Reader, edits: tuple[Edit, ...]) -> ChangeView:
    moved = []
    for edit in edits[1:]:
        assert edit.before is not None
        assert edit.after is not None
        title = r.text(edit.title)
        moved.append(f"{title}: {span(r, edit.before)} → {span(r, edit.after)}")
    return ChangeView(edit_view(t, r, edits[0]), tuple(moved))


def audience(t: Texts, preview: Preview) -> str:
    """Who hears of it, with the counts chat's preview gives."""
    if all(edit.before is None for edit in preview.edits):  # added or restored
        return t["pg_tell_day"].format(day=preview.day_followers)
    if not preview.tells:
        return t["pg_tell_nobody"]
    followers = preview.followers
    session = ngettext(
        "Who will be told: {count} follower;", "Who will be told: {count} followers;", followers
    ).format(count=followers)
    day = ngettext(
        "{count} person follows the whole day.",
        "{count} people follow the whole day.",
        preview.day_followers,
    ).format(count=preview.day_followers)
    return f"{session} {day}"


def problem(t: Texts, r: Reader, error: ChangeRejectedError) -> str:
    """What is wrong, naming the rule (and the session it collides with)."""
    bounds, other = error.bounds, error.other
    if error.problem is Problem.OVERLAP and other is not None:
        title = r.text(other.fields.title)
        return t["pg_overlap"].format(title=title, time=span(r, other.fields))
    if error.problem is Problem.OUTSIDE_DAYS:
        day = day_label(error.day, r.language) if error.day else ""
        return t["pg_outside_days"].format(day=day)
    if error.problem is Problem.TOO_SHORT and bounds is not None:
        return ngettext(
            "Too short: at least {count} character, please.",
            "Too short: at least {count} characters, please.",
            bounds.low,
        ).format(count=bounds.low)
    if error.problem is Problem.TOO_LONG and bounds is not None:
        return ngettext(
            "Too long: at most {count} character.",
            "Too long: at most {count} characters.",
            bounds.high,
        ).format(count=bounds.high)
    return t[_SIMPLE.get(error.problem, "pg_no_change")]


def status_of(error: ChangeRejectedError) -> int:
    return STATUS.get(error.problem, 400)
