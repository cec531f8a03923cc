"""Issue 22, done when: an organiser accredits a journalist by email alone; that journalist
gets the media advisory, an embargoed release at the moment it lifts with its PDF, the
day's summary and the answer to a quote request, all in Russian, by a real SMTP server in
the test process, and unsubscribes in one click. The sample in docs/email.md is this run's
release message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from email.message import EmailMessage

import aiohttp
import pytest

from bot.app import App
from bot.config import Settings
from bot.email.texts import UNSUBSCRIBE_MARK
from bot.press.values import TargetKind
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import ROOT, local, running_app
from tests.email_kit import SmtpServer, attachments, bodies, email_settings, free_port, smtp_server
from tests.fake_bot_api import FakeBotAPI
from tests.press_kit import ORGANISER
from tests.scheduler import ClockScheduler
from tests.test_e2e_press import say

OFFICE = User(ORGANISER, "Press office", "en", Role.ORGANISER)
ADDRESS = "aina.meredova@turkmenportal.com"
SAMPLE = ROOT / "docs" / "email-sample.txt"
SHOWN_HEADERS = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Content-Language",
    "Content-Type",
)


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


@pytest.fixture
async def mailing(
    settings: Settings, smtp: SmtpServer, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    """The bot with email on and its web application on a known port (the links' base)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    changed = email_settings(settings, smtp, base, web_port=port, web_host="127.0.0.1")
    async with running_app(changed, clock, scheduler) as app:
        yield app, base


async def accredit_by_email(fake: FakeBotAPI) -> str:
    office = fake.user(ORGANISER, first_name="Press office", language_code="ru")
    await say(office, "/email_accredit")
    await say(office, "Айна Мередова")
    await say(office, "Туркменпортал")
    bad = await say(office, "aina@turkmenportal")
    assert "Это не адрес электронной почты" in bad["text"], bad["text"]
    await say(office, ADDRESS)
    done = await say(office, "ru")
    return str(done["text"])


def write_sample(letter: EmailMessage, base: str) -> None:
    """docs/email-sample.txt: this run's release as a reader's mail program shows it (the
    headers decoded, the text part, the attachments by name and size); written only when
    it changes. The test's port becomes the public address a deployment would have."""
    lines = [f"{name}: {' '.join(str(letter[name]).split())}" for name in SHOWN_HEADERS]
    text, _html = bodies(letter)
    lines += ["", "--- text/plain (a text/html part says the same) ---", text.rstrip(), ""]
    lines += [
        f"--- attachment: {part.get_filename()} ({part.get_content_type()}) ---"
        for part in letter.iter_attachments()
    ]
    sample = "\n".join(lines).replace(base, "https://press.example.org") + "\n"
    sample = re.sub(r'boundary="[^"]+"', 'boundary="…"', sample)
    if not SAMPLE.exists() or SAMPLE.read_text(encoding="utf-8") != sample:
        SAMPLE.write_text(sample, encoding="utf-8")


def subjects(messages: list[EmailMessage]) -> list[str]:
    return [str(m["Subject"]) for m in messages]


async def test_a_journalist_by_email_alone_gets_everything_in_russian_and_unsubscribes(
    fake: FakeBotAPI,
    smtp: SmtpServer,
    mailing: tuple[App, str],
    clock: ManualClock,
    scheduler: ClockScheduler,
) -> None:
    app, base = mailing
    inbox = smtp.inbox
    done = await accredit_by_email(fake)
    assert done.startswith("✅ Аккредитация по почте оформлена"), done
    assert ADDRESS in done

    advisory = (await inbox.wait_for(1))[0]
    assert str(advisory["Subject"]).startswith("Анонс для СМИ: ")
    assert str(advisory["To"]) == f"Айна Мередова <{ADDRESS}>"
    assert advisory["Content-Language"] == "ru"
    text, html = bodies(advisory)
    assert "Анонс для СМИ" in text
    assert "<b>" not in text
    assert "<b>" in html
    (pdf,) = attachments(advisory).values()
    assert pdf.startswith(b"%PDF")

    publishing = app.dispatcher["publishing"]
    lifts = local(5, 12, 0)
    release = await publishing.publish_release(
        OFFICE,
        "email-draft",
        "Итоги первого дня встречи",
        "Участники обсудили развитие волонтёрского движения.\n\nВторой абзац релиза.",
        lifts,
        language="ru",
    )
    await scheduler.run_due()
    assert [s for s in subjects(inbox.messages) if "Итоги первого дня" in s] == []
    clock.set(lifts - dt.timedelta(seconds=1))
    await scheduler.run_due()
    assert len(inbox.messages) == 1, "nothing before the embargo lifts"
    clock.set(lifts)
    await scheduler.run_due()
    letter = (await inbox.wait_for(2))[1]
    subject = str(letter["Subject"])
    assert subject.startswith("ЭМБАРГО ДО 5 сентября, 12:00 (ашхабадское время, UTC+5)")
    assert "UTC+5" in subject
    assert subject.endswith(": Итоги первого дня встречи")
    files = attachments(letter)
    stored = await app.store.email_outbox.letter(1 + 1)
    assert files["Итоги-первого-дня-встречи.pdf"].startswith(b"%PDF")
    assert files == {a.filename: a.content for a in stored.attachments}
    assert "Второй абзац релиза." in bodies(letter)[0]
    unsubscribe = str(letter["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe.startswith(f"{base}/email/unsubscribe?c=")
    assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert str(letter["List-Id"]).endswith("<press.example.org>")
    assert str(letter["Message-ID"]).endswith("@example.org>")
    assert letter["Date"] is not None
    assert unsubscribe in bodies(letter)[0]
    assert UNSUBSCRIBE_MARK not in bodies(letter)[1]
    write_sample(letter, base)

    summaries = app.dispatcher["summaries"]
    await summaries.publish(
        OFFICE, "sum-1", dt.date(2025, 9, 5), "Первый день", "Что было в первый день встречи."
    )
    summary = (await inbox.wait_for(3))[2]
    assert str(summary["Subject"]) == "Итоги дня: Первый день"
    assert any(name.endswith(".pdf") for name in attachments(summary))

    desk = app.dispatcher["email_desk"]
    contact = (await desk.contacts(OFFICE))[0]
    quotes = app.dispatcher["quote_requests"]
    target = await quotes.target(TargetKind.ORGANISERS, None)
    request = await desk.file_request(
        OFFICE, contact.id, target, "Сколько волонтёров участвует во встрече?", local(6, 12)
    )
    assert release.id
    assert request.id
    await quotes.answer(OFFICE, request.id, "Более двухсот волонтёров.", to_bank=False)
    answer = (await inbox.wait_for(4))[3]
    assert str(answer["Subject"]) == f"Ответ на ваш запрос № {request.id}"
    answer_text = bodies(answer)[0]
    assert "«Более двухсот волонтёров.» — Организаторы" in answer_text
    assert "Сколько волонтёров участвует во встрече?" in answer_text

    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as health:
            email = (await health.json())["checks"]["email"]
            assert email == {"ok": True, "queued": 0, "paused_seconds": 0.0}
        async with http.get(unsubscribe) as page:
            assert page.status == 200
            assert "Отписаться" in await page.text()
        for _twice in range(2):
            async with http.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}) as confirmed:
                assert confirmed.status == 200
                assert f"{ADDRESS} больше не получает писем" in await confirmed.text()
    assert (await desk.contacts(OFFICE))[0].unsubscribed
    await summaries.publish(OFFICE, "sum-2", dt.date(2025, 9, 6), "Второй день", "Итоги дня два.")
    summaries_by_email = await app.store.email_outbox.counts("email.summary")
    assert sum(summaries_by_email.values()) == 1, "nothing more after unsubscribing"
