"""What the broadcast screens say and which buttons they carry (no handlers here)."""

from __future__ import annotations

import re
from html import escape, unescape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.broadcasts.service import Report
from bot.broadcasts.values import Audience, AudienceKind, Broadcast, BroadcastState
from bot.delivery import DeliveryProgress
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import clock_time, short_day
from handlers.broadcasts.callbacks import BroadcastAction, BroadcastCb, ComposeAction, ComposeCb

TAG = re.compile(r"<[^>]+>")
Choice = tuple[str, AudienceKind, int]
"""A button of a delegation or session list: its label, the audience kind and its id."""


def audience_name(audience: Audience, language: str) -> str:
    named = escape(audience.name.get(language)) if audience.name else "—"
    names = {
        AudienceKind.EVERYONE: _("everyone"),
        AudienceKind.DELEGATES: _("all delegates"),
        AudienceKind.DELEGATION: _("the delegation {name}").format(name=named),
        AudienceKind.PRESS: _("the press"),
        AudienceKind.SESSION: _("subscribers of «{name}»").format(name=named),
        AudienceKind.ORGANISERS: _("the organisers"),
    }
    return names[audience.kind]


def new_broadcast() -> str:
    return _(
        "<b>New broadcast</b>\nSend the announcement: text (formatting is kept), "
        "or one photo or document with a caption."
    )


def discard_markup(draft: str = "") -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    _discard_button(builder, draft)
    return builder.as_markup()


def _discard_button(builder: InlineKeyboardBuilder, draft: str) -> None:
    builder.button(
        text=_("✖ Discard"), callback_data=ComposeCb(action=ComposeAction.DISCARD, draft=draft)
    )


def audiences_markup(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    choose = ComposeAction.CHOOSE
    for label, kind in (
        (_("Everyone"), AudienceKind.EVERYONE),
        (_("Delegates"), AudienceKind.DELEGATES),
    ):
        builder.button(text=label, callback_data=ComposeCb(action=choose, kind=kind, draft=draft))
    builder.button(
        text=_("A delegation…"),
        callback_data=ComposeCb(action=ComposeAction.DELEGATIONS, draft=draft),
    )
    builder.button(
        text=_("Press"),
        callback_data=ComposeCb(action=choose, kind=AudienceKind.PRESS, draft=draft),
    )
    builder.button(
        text=_("Subscribers of a session…"),
        callback_data=ComposeCb(action=ComposeAction.SESSIONS, draft=draft),
    )
    builder.button(
        text=_("Organisers"),
        callback_data=ComposeCb(action=choose, kind=AudienceKind.ORGANISERS, draft=draft),
    )
    _discard_button(builder, draft)
    builder.adjust(2, 2, 2, 1)
    return builder.as_markup()


def choices_markup(choices: list[Choice], draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for label, kind, ref in choices:
        builder.button(
            text=label,
            callback_data=ComposeCb(action=ComposeAction.CHOOSE, kind=kind, ref=ref, draft=draft),
        )
    builder.button(
        text=_("« Audiences"), callback_data=ComposeCb(action=ComposeAction.AUDIENCES, draft=draft)
    )
    builder.adjust(1)
    return builder.as_markup()


def confirm_markup(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("✅ Send"), callback_data=ComposeCb(action=ComposeAction.SEND, draft=draft)
    )
    builder.button(
        text=_("Change audience"),
        callback_data=ComposeCb(action=ComposeAction.AUDIENCES, draft=draft),
    )
    _discard_button(builder, draft)
    builder.adjust(1, 2)
    return builder.as_markup()


def confirm_question(audience: Audience, count: int, language: str) -> str:
    return ngettext(
        "⬆ This is the preview. It goes to {audience}: {count} recipient. Send it?",
        "⬆ This is the preview. It goes to {audience}: {count} recipients. Send it?",
        count,
    ).format(audience=audience_name(audience, language), count=count)


def cancel_markup(broadcast: Broadcast) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("⏹ Cancel the rest"),
        callback_data=BroadcastCb(action=BroadcastAction.CANCEL, broadcast=broadcast.id),
    )
    return builder.as_markup()


def estimate(seconds: float, when: str) -> str:
    if seconds < 60:
        return _("in under a minute")
    return _("about {time}").format(time=when) if seconds < 86_400 else _("in more than a day")


def progress_text(broadcast: Broadcast, progress: DeliveryProgress, eta: str) -> str:
    heading = _("📣 <b>Broadcast #{number}</b> to {audience}").format(
        number=broadcast.id, audience=audience_name(broadcast.audience, broadcast.language)
    )
    if progress.finished or broadcast.state is not BroadcastState.SENDING:
        return report_text(heading, broadcast, progress)
    return "\n".join(
        [
            heading,
            _("Sending… sent {sent}, remaining {remaining}, failed {failed}.").format(
                sent=progress.sent,
                remaining=progress.queued,
                failed=progress.failed + progress.unreachable,
            ),
            _("Estimated finish: {eta}.").format(eta=eta),
        ]
    )


def report_text(heading: str, broadcast: Broadcast, progress: DeliveryProgress) -> str:
    if broadcast.state is BroadcastState.CANCELLED:
        status = ngettext(
            "Cancelled; {count} message was not sent.",
            "Cancelled; {count} messages were not sent.",
            progress.cancelled,
        ).format(count=progress.cancelled)
    else:
        status = _("Finished.")
    return "\n".join(
        [
            heading,
            status,
            _("Delivered: {count}").format(count=progress.sent),
            _("Unreachable (blocked the bot or deleted the account): {count}").format(
                count=progress.unreachable
            ),
            _("Failed after retries: {count}").format(count=progress.failed),
        ]
    )


def history_view(
    reports: list[Report], language: str, zone: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup]:
    """/broadcasts: the recent ones, newest first, with a cancel button for each running."""
    blocks = [_("<b>Recent broadcasts</b>")]
    blocks += [history_entry(report, language, zone) for report in reports]
    builder = InlineKeyboardBuilder()
    for report in reports:
        if report.broadcast.state is BroadcastState.SENDING:
            builder.button(
                text=_("⏹ Cancel #{number}").format(number=report.broadcast.id),
                callback_data=BroadcastCb(
                    action=BroadcastAction.CANCEL, broadcast=report.broadcast.id
                ),
            )
    builder.adjust(2)
    return paginate(blocks, separator="\n\n")[0], builder.as_markup()


def history_entry(report: Report, language: str, zone: ZoneInfo) -> str:
    """One past broadcast: when (event's zone), to whom, how it went, how it began."""
    broadcast, progress = report.broadcast, report.progress
    states = {
        BroadcastState.SENDING: _("sending"),
        BroadcastState.DONE: _("finished"),
        BroadcastState.CANCELLED: _("cancelled"),
    }
    summary = _(
        "delivered {sent}, unreachable {unreachable}, failed {failed}, not sent {left}"
    ).format(
        sent=progress.sent,
        unreachable=progress.unreachable,
        failed=progress.failed,
        left=progress.queued + progress.cancelled,
    )
    created = broadcast.created_at.astimezone(zone)
    when = f"{short_day(created.date(), language)} {clock_time(created, zone)}"
    return (
        f"<b>#{broadcast.id}</b> · {escape(when)} · "
        f"{audience_name(broadcast.audience, language)} · {states[broadcast.state]}\n"
        f"{summary}\n<i>{escape(shorten(_plain(broadcast), 80))}</i>"
    )


def _plain(broadcast: Broadcast) -> str:
    """A hint of the announcement for the list: its start, without markup."""
    text = unescape(TAG.sub("", broadcast.text)).replace("\n", " ")
    return ("📎 " + text).strip() if broadcast.media is not None else text


def discarded() -> str:
    return _("Broadcast discarded: nothing was sent.")


def no_longer_open() -> str:
    return _("This draft is no longer open. Start again with /broadcast.")
