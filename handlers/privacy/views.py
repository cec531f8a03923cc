"""How a person's copy of their data reads in chat: one line per kind of record."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.privacy.values import PersonalCopy
from bot.users.values import Role
from handlers.common.access import role_name


def table_labels() -> dict[str, str]:
    """What each table holds, in the reader's words; a table missing here (one added
    later) is shown by its name."""
    return {
        "users": _("Profile (name, username, language, role, first and last visit)"),
        "fsm_states": _("Forms you had started"),
        "outbox": _("Messages the bot sent you"),
        "unreachable_chats": _("Note that the bot could not reach you"),
        "subscriptions": _("Sessions you follow"),
        "day_follows": _("Days you follow"),
        "suspended_follows": _("Follows of cancelled sessions"),
        "calendar_feeds": _("Your calendar link (only its fingerprint)"),
        "accreditations": _("Accreditation applications"),
        "press_subscribers": _("Press release subscription"),
        "quote_requests": _("Quote requests"),
        "interview_requests": _("Interview requests"),
        "embargo_log": _("Embargoed releases you received"),
        "press_photos": _("Gallery photos you published or withdrew"),
        "photo_receipts": _("Gallery photos you received"),
        "invites": _("Invite links you created"),
        "invite_uses": _("Invite links you opened"),
        "broadcasts": _("Announcements you sent"),
        "questions": _("Questions to the speakers"),
        "question_votes": _("Votes for questions"),
        "session_moderators": _("Sessions you moderate"),
        "question_boards": _("Question boards in your chat"),
        "feedback_asks": _("Requests for feedback sent to you"),
        "feedback": _("Your ratings and comments"),
        "feedback_opt_outs": _("Feedback requests turned off"),
        "survey_answers": _("Survey answers"),
        "programme_log": _("Programme changes you made"),
        "live_boards": _("Live messages you started"),
        "privacy_log": _("Copies of data you asked for"),
        "email_contacts": _("Your email address, what you chose to get by email, its dates"),
        "email_outbox": _("Emails sent or waiting for your address (what, when, state)"),
        "email_requests": _("Questions filed for you by email"),
    }


def summary(copy: PersonalCopy) -> str:
    """The readable half of /mydata; the JSON file beside it has every field."""
    labels = table_labels()
    lines = [_("<b>What the bot keeps about you</b>"), ""]
    profile = (copy.tables.get("users") or [{}])[0]
    if profile:
        lines.append(_("Name: {name}").format(name=escape(str(profile.get("first_name", "")))))
        username = profile.get("username")
        if username:
            lines.append(_("Username: @{username}").format(username=escape(str(username))))
        role = str(profile.get("role", ""))
        shown = role_name(Role(role)) if role in set(Role) else role
        lines.append(_("Role: {role}").format(role=escape(shown)))
        lines.append("")
    for table, count in copy.counts().items():
        label = labels.get(table, table)
        lines.append(_("{label}: {count}").format(label=escape(label), count=count))
    lines += ["", _("Every field is in the attached file. /forget erases all of it.")]
    return "\n".join(lines)
