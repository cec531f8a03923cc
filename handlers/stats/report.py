"""/stats: the organisers' figures, one block per section of the StatsService."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.feedback.service import FeedbackService
from bot.feedback.surveys import SurveyService
from bot.stats.service import Section, SectionKind, StatsService
from bot.telegram.html import paginate
from bot.users.values import User
from handlers.common.access import organisers_only
from handlers.feedback.report import feedback_report


def section_title(kind: SectionKind) -> str:
    return {
        SectionKind.USERS_BY_ROLE: _("<b>Users by role</b>"),
        SectionKind.USERS_BY_LANGUAGE: _("<b>Users by language</b>"),
        SectionKind.ACTIVITY: _("<b>Activity</b>"),
        SectionKind.PROGRAMME: _("<b>Programme</b>"),
        SectionKind.SUBSCRIPTIONS: _("<b>Reminder subscribers per session</b>"),
        SectionKind.DELIVERY: _("<b>Messages the bot sent on its own</b>"),
        SectionKind.PRESS: _("<b>Press centre</b>"),
    }[kind]


def figure_label(key: str) -> str:
    """Translated names of the figures' keys; a key with no name is shown as it is."""
    labels = {
        "organiser": _("organisers"),
        "delegate": _("delegates"),
        "press": _("press"),
        "guest": _("guests"),
        "ru": _("Russian"),
        "en": _("English"),
        "total": _("users in all"),
        "day": _("active in the last 24 hours"),
        "hour": _("active in the last hour"),
        "days": _("days"),
        "sessions": _("sessions"),
        "delegations": _("delegations"),
        "summaries": _("summaries published"),
        "sent.reminders": _("reminders delivered"),
        "sent.notices": _("programme notices delivered"),
        "sent.press": _("press notifications delivered"),
        "sent.broadcasts": _("broadcast messages delivered"),
        "sent.other": _("other messages delivered"),
        "failed": _("failed after retries"),
        "unreachable": _("users who blocked the bot"),
        "requests.open": _("open quote requests"),
        "requests.answered": _("answered quote requests"),
        "accreditations.pending": _("accreditations waiting for a decision"),
        "accreditations.approved": _("accredited journalists"),
        "embargo.notices": _("embargoed releases: notices to journalists before the lift"),
        "embargo.documents": _("embargoed releases: documents downloaded before the lift"),
    }
    return labels.get(key) or escape(key)


def stats_view(sections: list[Section], language: str) -> str:
    blocks = [_("📊 <b>Statistics</b>")]
    for section in sections:
        lines = [section_title(section.kind)]
        lines += [
            f"• {escape(f.label.get(language)) if f.label else figure_label(f.key)}: {f.value}"
            for f in section.figures
        ]
        blocks.append("\n".join(lines))
    return paginate(blocks, separator="\n\n")[0]


async def stats_command(
    message: Message,
    user: User,
    stats: StatsService,
    feedback: FeedbackService,
    surveys: SurveyService,
) -> None:
    await message.answer(stats_view(await stats.collect(user), user.language))
    await feedback_report(message, user, feedback, surveys)


async def refuse(message: Message) -> None:
    await message.answer(_("Statistics are for the organisers only."))


def router() -> Router:
    """/stats for organisers (the filter set once), one refusal for everyone else."""
    feature = Router(name="stats")
    feature.message.filter(F.chat.type == "private")
    organisers = organisers_only("stats.organisers")
    organisers.message.register(stats_command, Command("stats"))
    refusal = Router(name="stats.refusal")  # a sub-router: after the organisers' one
    refusal.message.register(refuse, Command("stats"))
    feature.include_routers(organisers, refusal)
    return feature
