"""The console's words (``web.po``), merged into the Mini App's catalogue."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.web.console.programme.texts import programme_texts

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
        "input_command": _("The text cannot start with «/»."),
    }


def _broadcast() -> Texts:
    return {
        "new_broadcast": _("New broadcast"),
        "audience": _("Who gets it"),
        "audience_all": _("Everyone"),
        "audience_dlg": _("Delegates"),
        "audience_one": _("One delegation"),
        "audience_press": _("Journalists"),
        "audience_ses": _("Followers of a session"),
        "audience_org": _("Organisers"),
        "delegation": _("Delegation"),
        "session": _("Session"),
        "announcement": _("Announcement"),
        "announcement_about": _(
            "Telegram's HTML: <b>bold</b>, <i>italic</i>, <u>underlined</u>, <s>struck</s>,"
            ' <a href="https://…">a link</a>, <code>code</code>, <blockquote>a quote</blockquote>.'
        ),
        "preview": _("Preview"),
        "preview_heading": _("Preview: exactly as recipients will read it"),
        "recipients": _("Recipients now: {count}"),
        "send": _("Send"),
        "edit": _("Edit"),
        "recent_broadcasts": _("Recent broadcasts"),
        "broadcast_heading": _("Broadcast No. {number}"),
        "broadcast_sending": _("Sending: {done} of {total}"),
        "broadcast_done": _("Delivered"),
        "broadcast_cancelled": _("Cancelled"),
        "delivered": _("delivered"),
        "failed": _("failed"),
        "unreachable": _("unreachable (blocked the bot)"),
        "cancelled": _("cancelled, not sent"),
        "queued": _("waiting"),
        "broadcast_sent": _("This broadcast has been sent already."),
        "cancel_sending": _("Cancel sending"),
        "cancel_confirm": _(
            "Stop broadcast No. {number}? The messages not yet sent will not be sent."
        ),
        "broadcast_cancelled_already": _(
            "This broadcast was cancelled already: nothing was changed."
        ),
        "broadcast_finished_already": _(
            "This broadcast has finished: there is nothing left to cancel."
        ),
        "state_sending": _("sending"),
        "state_done": _("finished"),
        "state_cancelled": _("cancelled"),
    }


def _announcement_check() -> Texts:
    """Why ``check_announcement`` refused a text (bot/web/console/announcement.py)."""
    return {
        "announcement_empty": _("Write the announcement: it is empty."),
        "announcement_bare": _("A lone «{found}»: write &lt; or &amp; instead."),
        "announcement_tag": _(
            "Telegram does not accept {found}: use b, i, u, s, a href, code, pre, blockquote,"
            " tg-spoiler."
        ),
        "announcement_order": _("{found} closes a tag that is not the last one opened."),
        "announcement_unclosed": _("The tag «{found}» is never closed."),
        "announcement_link": _("A link needs an https://, http:// or tg:// address: {found}"),
        "announcement_entity": _(
            "Telegram does not know {found}: use &lt; &gt; &amp; &quot; or the character itself."
        ),
    }


def _stats() -> Texts:
    return {
        "chart_followers": _("Followers per session"),
        "chart_empty": _("No data yet."),
        "followers": _("Followers"),
        "chart_deliveries": _("Messages sent per hour, last 24 hours ({zone})"),
        "chart_press": _("Quote requests by state"),
        "requests": _("Requests"),
        "chart_ratings": _("Ratings of the sessions (1–5 stars)"),
        "stars": _("{stars} ★"),
        "chart_table": _("The figures as a table"),
        "kind_reminders": _("Reminders"),
        "kind_notices": _("Programme notices"),
        "kind_press": _("Press"),
        "kind_broadcasts": _("Broadcasts"),
        "kind_other": _("Other"),
    }


def console_texts() -> Texts:
    return {
        **_press(),
        **_broadcast(),
        **_announcement_check(),
        **_stats(),
        **programme_texts(),
    }
