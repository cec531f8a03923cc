"""How press material reads in chat, shared by the handlers and the notices.

Every function returns HTML with all data escaped, in the language active in the i18n
context; callers make sure no result is longer than a Telegram message.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram.utils.i18n import gettext as _
from babel.dates import format_date

from bot.content.models import Event
from bot.press.values import Accreditation, PressRelease, QuoteRequest, RequestStatus
from bot.telegram.html import shorten
from bot.time.display import zone_label


def moment(at: dt.datetime, event: Event, language: str, *, year: bool = False) -> str:
    """«5 September, 18:00 (Ashgabat time, UTC+5)»: always with the zone named; with
    ``year`` «5 September 2025, 18:00 …», as an archive document's dateline reads."""
    local = at.astimezone(event.zone)
    date = format_date(local.date(), "d MMMM y" if year else "d MMMM", locale=language)
    zone = zone_label(event.timezone_name, event.zone, at, language)
    return f"{date}, {local:%H:%M} ({zone})"


def embargo_line(release: PressRelease, event: Event, language: str) -> str:
    assert release.embargo_until is not None
    return _("EMBARGOED until {time}").format(time=moment(release.embargo_until, event, language))


def release_header(
    release: PressRelease, event: Event, now: dt.datetime, language: str
) -> list[str]:
    lines = []
    if release.embargoed(now):
        lines.append(f"⛔ <b>{escape(embargo_line(release, event, language))}</b>")
    lines.append(f"<b>{escape(release.title.get(language))}</b>")
    lines.append(f"<i>{escape(moment(release.published_at, event, language))}</i>")
    if not release.written_for(language):
        lines.append(only_in(release.written_in[0]))
    return lines


def only_in(language: str) -> str:
    """What a reader is told when the release is not in their language."""
    if language == "ru":
        return _("🌐 Published in Russian only.")
    return _("🌐 Published in English only.")


def release_teaser(release: PressRelease, event: Event, now: dt.datetime, language: str) -> str:
    """The notification of a release: its header and the start of its body."""
    first = release.body.get(language).split("\n\n")[0]
    lines = [_("📰 <b>New press release</b>"), ""]
    lines += release_header(release, event, now, language)
    lines += ["", escape(shorten(first, 1200))]
    return "\n".join(lines)


def application_card(application: Accreditation) -> str:
    form = application.form
    return "\n".join(
        [
            _("🪪 <b>Accreditation application No. {number}</b>").format(number=application.id),
            _("Name: {name}").format(name=escape(form.full_name)),
            _("Media outlet: {outlet}").format(outlet=escape(form.outlet)),
            _("Role: {role}").format(role=escape(form.role)),
            _("Contact: {contact}").format(contact=escape(form.contact)),
        ]
    )


def status_label(status: RequestStatus) -> str:
    labels = {
        RequestStatus.NEW: _("new"),
        RequestStatus.TAKEN: _("taken"),
        RequestStatus.ANSWERED: _("answered"),
        RequestStatus.DECLINED: _("declined"),
    }
    return labels[status]


def request_card(request: QuoteRequest, event: Event, language: str) -> str:
    return "\n".join(
        [
            _("<b>Request No. {number}</b> · {status}").format(
                number=request.id, status=status_label(request.status)
            ),
            _("To: {target}").format(target=escape(request.target_label.get(language))),
            _("Deadline: {time}").format(time=escape(moment(request.deadline, event, language))),
            f"<blockquote>{escape(request.question)}</blockquote>",
        ]
    )
