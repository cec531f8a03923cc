"""Every message the press centre sends on its own initiative, through the shared outbox.

Nothing here talks to Telegram: each notification is rendered per recipient language and
handed to ``Delivery.enqueue``, whose ``(kind, key, chat_id)`` uniqueness makes a repeated
publication (a double tap, a second ``load``, a job run twice) a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.content.models import Event
from bot.delivery import Delivery, Outgoing
from bot.i18n.catalogues import language_for
from bot.press.values import Accreditation, PressRelease, QuoteRequest, RequestStatus
from bot.store.holder import Store
from bot.summaries.values import Summary
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.access import AccessService
from handlers.press.callbacks import (
    QueueCb,
    ReleaseCb,
    ReleaseView,
    RequestAction,
    SummaryDocCb,
    decision_keyboard,
)
from handlers.press.views import (
    application_card,
    release_teaser,
    request_card,
    summary_teaser,
)

Render = Callable[[str], tuple[str, InlineKeyboardMarkup | None]]


class PressNotifier:
    def __init__(
        self,
        delivery: Delivery,
        store: Store,
        i18n: I18n,
        organisers: AccessService,
        default_language: str,
    ) -> None:
        self._delivery = delivery
        self._store = store
        self._i18n = i18n
        self._organisers = organisers
        self._default = default_language

    async def application_submitted(self, application: Accreditation) -> int:
        def render(language: str) -> tuple[str, InlineKeyboardMarkup | None]:
            return application_card(application), decision_keyboard(application.id)

        ids = await self._organisers.organiser_ids()
        return await self._send(ids, "press.application", str(application.id), render)

    async def application_decided(self, application: Accreditation, approved: bool) -> int:
        def render(language: str) -> tuple[str, InlineKeyboardMarkup | None]:
            if approved:
                return _(
                    "✅ Your accreditation is approved. You now get press releases as soon as "
                    "they are published, the daily summaries, and you can request quotes: /press"
                ), None
            return _(
                "Your accreditation application was not approved. For questions, contact "
                "the press office (see /press)."
            ), None

        key = str(application.id)
        return await self._send([application.user_id], "press.accreditation", key, render)

    async def release_to_accredited(self, release: PressRelease, now: dt.datetime) -> int:
        """Accredited journalists get every release at publication, embargoed ones marked."""
        event = await self._event()
        ids = await self._store.accreditations.accredited_ids()
        return await self._send(
            ids, "press.release", str(release.id), self._release(release, event, now)
        )

    async def release_to_public(self, release: PressRelease, now: dt.datetime) -> int:
        """When a release goes public: subscribers get it; journalists hear the embargo lifted."""
        event = await self._event()
        accredited = await self._store.accreditations.accredited_ids()
        others = [
            i for i in await self._store.press_subscribers.subscribed_ids() if i not in accredited
        ]
        sent = await self._send(
            others, "press.release", str(release.id), self._release(release, event, now)
        )
        if release.embargo_until is None:
            return sent

        def render(language: str) -> tuple[str, InlineKeyboardMarkup | None]:
            text = _("🔓 The embargo is lifted: «{title}» may be published now.").format(
                title=escape(release.title.get(language))
            )
            return text, _open_release(release)

        return sent + await self._send(accredited, "press.embargo_lifted", str(release.id), render)

    async def summary_published(self, summary: Summary, publication: str) -> int:
        def render(language: str) -> tuple[str, InlineKeyboardMarkup | None]:
            builder = InlineKeyboardBuilder()
            builder.button(
                text=_("📄 Document (.docx)"),
                callback_data=SummaryDocCb(day=summary.day.strftime("%Y%m%d")),
            )
            return summary_teaser(summary, language), builder.as_markup()

        ids = await self._store.press_subscribers.subscribed_ids()
        key = f"{summary.day.isoformat()}:{publication}"
        return await self._send(ids, "press.summary", key, render)

    async def request_submitted(self, request: QuoteRequest) -> int:
        event = await self._event()

        def render(language: str) -> tuple[str, InlineKeyboardMarkup | None]:
            builder = InlineKeyboardBuilder()
            builder.button(
                text=_("Open in the press queue"),
                callback_data=QueueCb(action=RequestAction.OPEN, request=request.id),
            )
            text = (
                _("📨 <b>New quote request</b>") + "\n\n" + request_card(request, event, language)
            )
            return text, builder.as_markup()

        ids = await self._organisers.organiser_ids()
        return await self._send(ids, "press.request", str(request.id), render)

    async def request_closed(self, request: QuoteRequest) -> int:
        """The journalist's answer (or the reason it was declined), with their request quoted."""

        def render(language: str) -> tuple[str, InlineKeyboardMarkup | None]:
            if request.status is RequestStatus.ANSWERED:
                head = _("💬 <b>Answer to your request No. {number}</b> ({target})")
                body = escape(request.answer or "")
            else:
                head = _("Your request No. {number} ({target}) was declined.")
                body = _("Reason: {reason}").format(reason=escape(request.decline_reason or ""))
            text = "\n\n".join(
                [
                    head.format(
                        number=request.id, target=escape(request.target_label.get(language))
                    ),
                    f"<blockquote>{escape(shorten(request.question, 600))}</blockquote>",
                    body,
                ]
            )
            return text, None

        key = str(request.id)
        return await self._send([request.journalist_id], "press.request_closed", key, render)

    def _release(self, release: PressRelease, event: Event, now: dt.datetime) -> Render:
        def render(language: str) -> tuple[str, InlineKeyboardMarkup | None]:
            return release_teaser(release, event, now, language), _open_release(release)

        return render

    async def _event(self) -> Event:
        event = await self._store.programme.event()
        if event is None:
            raise LookupError("no event loaded: run `python -m bot load`")
        return event

    async def _send(self, user_ids: Iterable[int], kind: str, key: str, render: Render) -> int:
        """One rendering per language; the outbox does the sending, retries and rate limits."""
        ids = list(dict.fromkeys(user_ids))
        known = await self._store.users.languages(ids)
        by_language: dict[str, list[int]] = defaultdict(list)
        for user_id in ids:
            chosen, telegram = known.get(user_id, (None, None))
            by_language[chosen or language_for(telegram, self._default)].append(user_id)
        queued = 0
        for language, chat_ids in by_language.items():
            with self._i18n.context(), self._i18n.use_locale(language):
                text, markup = render(language)
            messages = [Outgoing(chat_id=chat, text=text, reply_markup=markup) for chat in chat_ids]
            queued += await self._delivery.enqueue(messages, kind=kind, key=key)
        return queued


def _open_release(release: PressRelease) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Read and download"),
        callback_data=ReleaseCb(view=ReleaseView.ONE, release=release.id),
    )
    return builder.as_markup()
