"""How a programme change reads to the organiser: what changes, who is told, what went wrong."""

from __future__ import annotations

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.content.models import Text
from bot.programme.values import (
    Action,
    ChangeRejectedError,
    Edit,
    Fields,
    Preview,
    Problem,
    Proposal,
)
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_label, time_range
from handlers.programme.callbacks import DraftAction, DraftCb

View = tuple[str, InlineKeyboardMarkup | None]


def span(fields: Fields, zone: ZoneInfo) -> str:
    return time_range(fields.starts_at, fields.ends_at, zone)


def title_of(edit: Edit, language: str) -> str:
    return f"<b>{escape(edit.title.get(language))}</b>"


def edit_lines(edit: Edit, zone: ZoneInfo, language: str) -> list[str]:
    """One session's change, field by field: «Time: 10:00–12:30 → 10:20–12:50»."""
    before, after = edit.before, edit.after
    if before is None or after is None:
        fields = after or before
        assert fields is not None
        where = f"{span(fields, zone)} · {escape(fields.room.get(language))}"
        mark = _("➕ New") if before is None else _("❌ Cancelled")
        return [f"{mark}: {title_of(edit, language)}", where]
    lines = [title_of(edit, language)]
    if (before.starts_at, before.ends_at) != (after.starts_at, after.ends_at):
        lines.append(
            _("Time: {before} → {after}").format(before=span(before, zone), after=span(after, zone))
        )
    if before.room != after.room:
        lines.append(
            _("Room: {before} → {after}").format(
                before=escape(before.room.get(language)), after=escape(after.room.get(language))
            )
        )
    if before.title != after.title:
        lines.append(
            _("Title: «{before}» → «{after}»").format(
                before=escape(before.title.get(language)), after=escape(after.title.get(language))
            )
        )
    if before.description != after.description:
        text = after.description.get(language) if after.description else "—"
        lines.append(_("Description: {text}").format(text=escape(shorten(text, 300))))
    return lines + _load_lines(edit, language)


def _load_lines(edit: Edit, language: str) -> list[str]:
    """What only a load changes: the speakers, the place in the day's list (from 1)."""
    lines = []
    if edit.speakers is not None:
        old, new = (_name_list(names, language) for names in edit.speakers)
        lines.append(_("Speakers: {before} → {after}").format(before=old, after=new))
    if edit.place is not None:
        lines.append(
            _("Place in the day's list: {before} → {after}").format(
                before=edit.place[0] + 1, after=edit.place[1] + 1
            )
        )
    return lines


def _name_list(names: tuple[Text, ...], language: str) -> str:
    return escape(", ".join(name.get(language) for name in names)) or "—"


def change_lines(edits: tuple[Edit, ...] | list[Edit], zone: ZoneInfo, language: str) -> list[str]:
    """The first edit, then those moved with it under their own heading."""
    lines = edit_lines(edits[0], zone, language)
    if len(edits) > 1:
        lines += ["", _("Moved with it:")]
        for edit in edits[1:]:
            assert edit.before is not None
            assert edit.after is not None
            lines.append(
                f"{title_of(edit, language)}: {span(edit.before, zone)} → {span(edit.after, zone)}"
            )
    return lines


def audience_line(preview: Preview) -> str:
    if preview.proposal.action is Action.RESTORE:
        back = ngettext(
            "Who will be told: {count} person who followed it gets it back in their reminders;",
            "Who will be told: {count} people who followed it get it back in their reminders;",
            preview.followers,
        ).format(count=preview.followers)
        more = ngettext(
            "{count} more follows the whole day and gets it as new.",
            "{count} more follow the whole day and get it as new.",
            preview.day_followers,
        ).format(count=preview.day_followers)
        return f"{back} {more}"
    if all(edit.before is None for edit in preview.edits):  # added
        return _(
            "Who will be told: the day's followers ({day}); it is added to their reminders."
        ).format(day=preview.day_followers)
    if not preview.tells:
        return _(
            "Nobody is told: titles and descriptions change quietly "
            "(the session page and calendar files show the new text)."
        )
    return told_line(preview.followers, preview.day_followers)


def told_line(followers: int, day_followers: int) -> str:
    """«Who will be told: 1 follower; 5 people follow the whole day.»"""
    session = ngettext(
        "Who will be told: {count} follower;", "Who will be told: {count} followers;", followers
    ).format(count=followers)
    day = ngettext(
        "{count} person follows the whole day.",
        "{count} people follow the whole day.",
        day_followers,
    ).format(count=day_followers)
    return f"{session} {day}"


def preview_view(preview: Preview, zone: ZoneInfo, language: str, tag: str, quiet: str) -> View:
    """``quiet``: the quiet period as said («45 seconds»)."""
    lines = [
        _("<b>Preview</b> — nothing changes until you confirm."),
        "",
        *change_lines(preview.edits, zone, language),
        "",
        audience_line(preview),
    ]
    if preview.tells:
        lines.append(
            _(
                "They get one notice once the edits have rested for {period}; "
                "until then «↩ Undo» takes the change back and nobody is told."
            ).format(period=quiet)
        )
    builder = InlineKeyboardBuilder()
    _later_button(builder, preview.proposal, preview.later, tag)
    builder.button(text=_("✅ Confirm"), callback_data=DraftCb(action=DraftAction.CONFIRM, tag=tag))
    builder.button(text=_("✖ Discard"), callback_data=DraftCb(action=DraftAction.DISCARD, tag=tag))
    builder.adjust(1)
    return paginate(["\n".join(lines)])[0], builder.as_markup()


def rejected_view(
    error: ChangeRejectedError,
    proposal: Proposal,
    later: int,
    zone: ZoneInfo,
    language: str,
    tag: str,
) -> View:
    """A change that breaks a rule: why, and what is left to do (a delay may still move
    the later sessions along, which often resolves an overlap)."""
    text = "\n".join(["⚠️ " + problem_text(error, zone, language), "", _("Nothing was changed.")])
    builder = InlineKeyboardBuilder()
    _later_button(builder, proposal, later, tag)
    builder.button(text=_("✖ Discard"), callback_data=DraftCb(action=DraftAction.DISCARD, tag=tag))
    builder.adjust(1)
    return text, builder.as_markup()


def _later_button(builder: InlineKeyboardBuilder, proposal: Proposal, later: int, tag: str) -> None:
    if proposal.action is not Action.DELAY or not later:
        return
    text = (
        _("⏪ Only this session")
        if proposal.later
        else ngettext(
            "⏩ Also move the {count} later session of the day",
            "⏩ Also move the {count} later sessions of the day",
            later,
        ).format(count=later)
    )
    builder.button(text=text, callback_data=DraftCb(action=DraftAction.LATER, tag=tag))


def problem_text(error: ChangeRejectedError, zone: ZoneInfo, language: str) -> str:
    """What is wrong, naming the rule (and the session it collides with)."""
    bounds, other = error.bounds, error.other
    if error.problem is Problem.OVERLAP and other is not None:
        return _("It would overlap «{title}» ({time}) in the same room.").format(
            title=escape(other.fields.title.get(language)), time=span(other.fields, zone)
        )
    if error.problem is Problem.OUTSIDE_DAYS:
        day = day_label(error.day, language) if error.day else ""
        return _("The session must stay within its day ({day}), a day of the meeting.").format(
            day=escape(day)
        )
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
    return _simple_problems().get(error.problem, _("That is how it is already: nothing to change."))


def _simple_problems() -> dict[Problem, str]:
    return {
        Problem.MISSING: _("This session is no longer in the programme."),
        Problem.STALE: _("Someone changed this session since you opened it; open it again."),
        Problem.BAD_TIME: _("Send the time as HH:MM–HH:MM, e.g. 10:20–12:50."),
        Problem.END_BEFORE_START: _("The end must come after the start."),
    }


def stage_line(start: dt.datetime | None, end: dt.datetime | None, zone: ZoneInfo) -> str | None:
    if end is not None:
        return _("⏹ Marked ended at {time}.").format(time=end.astimezone(zone).strftime("%H:%M"))
    if start is not None:
        return _("▶ Marked started at {time}.").format(
            time=start.astimezone(zone).strftime("%H:%M")
        )
    return None
