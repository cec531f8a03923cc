"""The programme editor's words, merged into the Mini App's catalogue.

Where chat's live-programme flow says the same sentence (what changes, who is told, why a
change is refused, undo) the very same message is used, so both read alike in both
languages. Labels are chat's without their emoji (the Mini App's pages use none); they and
the page's own words are in ``console_programme.po``.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

Texts = dict[str, str]


def _pages() -> Texts:
    return {
        "console_programme": _("Live programme"),
        "pg_heading": _("Live programme"),
        "pg_about": _(
            "Delay, move, change the room, cancel or restore a session. Every change is "
            "previewed first; followers get one notice after the quiet period."
        ),
        "pg_pick": _("Choose a session to change it."),
        "pg_cancelled": _("Cancelled sessions"),
        "pg_badge_changed": _("changed"),
        "pg_restore": _("Restore"),
        "pg_add": _("Add a session to this day"),
        "pg_log": _("Log of changes"),
        "pg_back_to_day": _("Back to the day"),
        "pg_back_to_session": _("Back to the session"),
        "pg_now": _("Now: {time} · {room}"),
        "pg_revision": _("Revision {number}"),
        "pg_delay": _("Delay"),
        "pg_minutes": _("By how many minutes (1–{high})"),
        "pg_also_later": _("Also move the later sessions of the day"),
        "pg_new_time": _("New time"),
        "pg_within_day": _("The session stays on its day ({day})."),
        "pg_start": _("Starts"),
        "pg_end": _("Ends"),
        "pg_room": _("Room"),
        "pg_room_pick": _("A room of the programme"),
        "pg_room_new": _("Or a new one: «по-русски / in English»"),
        "pg_title": _("Title"),
        "pg_title_ru": _("Title in Russian"),
        "pg_title_en": _("Title in English"),
        "pg_cancel": _("Cancel the session"),
        "pg_stage": _("Now on stage"),
        "pg_started": _("Started now"),
        "pg_ended": _("Ended now"),
        "pg_plan": _("Back to the plan"),
        "pg_marked_started": _("Marked started at {time}."),
        "pg_marked_ended": _("Marked ended at {time}."),
        "pg_back_to_plan": _("Back to the planned times."),
        "pg_show_preview": _("Preview"),
    }


def _changes() -> Texts:
    return {
        "pg_preview": _("Preview: nothing changes until you apply it"),
        "pg_apply": _("Apply"),
        "pg_discard": _("Discard"),
        "pg_discarded": _("Discarded. Nothing was changed."),
        "pg_only_this": _("Only this session"),
        "pg_applied": _("Changed"),
        "pg_told_at": _(
            "Followers are told at {time} unless the session changes again; "
            "until then «↩ Undo» takes it back and nobody is told."
        ),
        "pg_undo_until": _("«↩ Undo» takes it back until {time}."),
        "pg_undo": _("↩ Undo"),
        "pg_undone": _("Undone. The programme is as it was; nobody was told."),
        "pg_too_late": _(
            "Too late to undo: followers may have been told already. Make a new change instead."
        ),
        "pg_changed_since": _(
            "The session has changed since; nothing was undone. Make a new change."
        ),
        "pg_already_undone": _("This change has been undone already."),
        "pg_stale_token": _(
            "This preview has been applied or discarded already, or is too old. "
            "Nothing was changed; open the session again."
        ),
        "pg_refused": _("Not changed"),
        "pg_nothing_changed": _("Nothing was changed."),
        "pg_new": _("New"),
        "pg_gone": _("Cancelled"),
        "pg_time": _("Time: {before} → {after}"),
        "pg_room_change": _("Room: {before} → {after}"),
        "pg_title_change": _("Title: «{before}» → «{after}»"),
        "pg_description": _("Description: {text}"),
        "pg_moved_with_it": _("Moved with it:"),
        "pg_tell_day": _(
            "Who will be told: the day's followers ({day}); it is added to their reminders."
        ),
        "pg_tell_nobody": _(
            "Nobody is told: titles and descriptions change quietly "
            "(the session page and calendar files show the new text)."
        ),
        "pg_one_notice": _(
            "They get one notice once the edits have rested for {period}; "
            "until then «↩ Undo» takes the change back and nobody is told."
        ),
    }


def _problems() -> Texts:
    return {
        "pg_overlap": _("It would overlap «{title}» ({time}) in the same room."),
        "pg_outside_days": _("The session must stay within its day ({day}), a day of the meeting."),
        "pg_no_change": _("That is how it is already: nothing to change."),
        "pg_missing": _("This session is no longer in the programme."),
        "pg_stale": _("Someone changed this session since you opened it; open it again."),
        "pg_bad_time": _("Give the start and the end as HH:MM, e.g. 10:20 and 12:50."),
        "pg_end_before_start": _("The end must come after the start."),
        "pg_not_cancelled": _("This session is not among the cancelled ones. Nothing was changed."),
    }


def _log() -> Texts:
    return {
        "pg_log_page": _("Page {page} of {pages}"),
        "pg_no_changes": _("No changes yet."),
        "pg_older": _("Older"),
        "pg_newer": _("Newer"),
        "pg_by": _("by {name}"),
        "pg_by_load": _("python -m bot load"),
        "pg_by_sync": _("schedule sync"),
        "pg_change_number": _("(change #{number})"),
        "pg_file_won": _("The file's new value replaced the chat edit: {fields}."),
        "pg_file_cancelled": _(
            "The files changed a session cancelled in chat: it is back in the programme."
        ),
        "pg_field_time": _("time"),
        "pg_field_room": _("room"),
        "pg_field_title": _("title"),
        "pg_field_description": _("description"),
        "pg_taken_back": _("↩ taken back"),
        "action_delay": _("Delayed"),
        "action_times": _("New time"),
        "action_room": _("Room"),
        "action_cancel": _("Cancelled"),
        "action_restore": _("Restored"),
        "action_add": _("Added"),
        "action_title": _("Title"),
        "action_description": _("Description"),
        "action_undo": _("Undone"),
        "action_started": _("Marked started"),
        "action_ended": _("Marked ended"),
        "action_plan": _("Back to the plan"),
        "action_added": _("Added by the files"),
        "action_updated": _("Changed by the files"),
        "action_removed": _("Removed by the files"),
    }


def programme_texts() -> Texts:
    return {**_pages(), **_changes(), **_problems(), **_log()}
