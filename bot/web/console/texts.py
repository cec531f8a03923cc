"""The console's words (``web.po``), merged into the Mini App's catalogue."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

Texts = dict[str, str]


def _press() -> Texts:
    return {
        "console": _("Organisers' console"),
        "console_press": _("Press"),
        "console_broadcast": _("Broadcast"),
        "console_stats": _("Statistics"),
        "press_queue": _("Press queue"),
        "oldest_first": _("Oldest first."),
        "number": _("No. {number}"),
        "due": _("by {time}"),
        "applied": _("applied {time}"),
        "overdue": _("overdue"),
        "due_soon": _("due soon"),
        "status_new": _("new"),
        "status_taken": _("taken"),
        "status_answered": _("answered"),
        "status_declined": _("declined"),
        "no_open_requests": _("No open requests."),
        "no_applications": _("No applications are waiting."),
        "request_heading": _("Quote request No. {number}"),
        "to_target": _("To {target}"),
        "answer": _("Answer"),
        "to_bank": _("Add the answer to the quote bank"),
        "send_answer": _("Send the answer"),
        "decline_reason": _("Why it is declined (the journalist sees this)"),
        "decline": _("Decline"),
        "take": _("Take it"),
        "back_to_queue": _("Back to the press queue"),
        "request_taken_by_you": _("Taken: it is yours now."),
        "request_answered": _("The answer was sent to the journalist."),
        "request_declined": _("The request was declined; the journalist was told."),
        "request_closed": _("This request has already been answered or declined."),
        "request_taken": _("Someone has already taken this request."),
        "request_not_for_bank": _("Only an answer from a speaker can go into the quote bank."),
        "application_heading": _("Accreditation application No. {number}"),
        "full_name": _("Name"),
        "outlet": _("Media outlet"),
        "job": _("Position"),
        "contact": _("Contact"),
        "applied_at": _("Applied"),
        "approve": _("Approve"),
        "reject": _("Reject"),
        "application_approved": _("Approved: the journalist was told."),
        "application_rejected": _("Rejected: the journalist was told."),
        "application_decided": _("This application has already been decided."),
        "input_empty": _("Please write something: the field is empty."),
        "input_too_short": _("Too short: at least {low} characters."),
        "input_too_long": _("Too long: at most {high} characters."),
        "input_command": _("The text cannot start with «/»."),
    }


def console_texts() -> Texts:
    return {**_press()}
