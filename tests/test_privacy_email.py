"""Personal data on the email channel: a Telegram journalist's address and what went to it
are in their copy and go with their erasure; a journalist accredited by email alone is
erased by an organiser on request or by the retention purge; the organiser who added
someone is unlinked when erased; published releases stay. Checked in the raw bytes of
the database file and its WAL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.email.values import Attachment, ContactForm, Letter, Topic
from bot.press.values import TargetKind
from bot.privacy.cli import purge_command
from bot.privacy.service import PrivacyService
from bot.stats.exports import ExportService
from bot.store.holder import Store
from bot.users.access import AccessService, NotAllowedError
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.email_kit import SmtpServer, smtp_server
from tests.press_kit import ORGANISER
from tests.privacy_kit import ZED, found_in_files
from tests.test_email_delivery import Bounces, release_to, until, worker

NOW = dt.datetime(2025, 9, 5, 9, tzinfo=dt.UTC)
LABEL_RU, LABEL_EN = "Организаторам", "The organisers"
HERS = ("Xylandra Pemberwick", "Pemberwick Courier", "xylandra@pemberwick.example")
ONLY_EMAIL = ("Quennell Ardsworth", "Ardsworth Ledger", "q.ardsworth@ledger.example")
HER_QUESTION = "Which lighthouse keepers joined the Pemberwick drill?"
HIS_QUESTION = "How many Ardsworth volunteers came by ferry?"
RELEASE_TEXT = "The meeting opened in Ashgabat (published release, illustrative)."
PDF = b"%PDF-1.4 published release bytes"
ORGANISER_USER = User(id=ORGANISER, first_name="Press office", language="en", role=Role.ORGANISER)


def letter(text: str, attachment: bytes = b"") -> Letter:
    files = (Attachment("release.pdf", "application/pdf", attachment),) if attachment else ()
    return Letter(text[:20], text, f"<p>{text}</p>", files)


async def quote_request(store: Store, contact_id: int, question: str) -> int:
    """A question a journalist sent by email, filed by the organiser (as EmailDesk does)."""
    from bot.content.models import Text

    request = await store.quote_requests.add(
        ORGANISER,
        TargetKind.ORGANISERS,
        None,
        Text(ru=LABEL_RU, en=LABEL_EN),
        question,
        deadline=NOW + dt.timedelta(days=1),
        now=NOW,
    )
    await store.email_contacts.link_request(request.id, contact_id)
    return request.id


async def press_by_email(store: Store) -> tuple[int, int]:
    """Zed (on Telegram, with an address) and an email-only journalist: a shared release,
    a welcome for each, an answer and a filed request for each. Returns their contact ids."""
    await store.users.touch(ZED, "Xylandra", None, "ru", NOW)
    name, outlet, address = HERS
    await store.email_contacts.replace_address(ZED, ContactForm(name, outlet, address, "ru"), NOW)
    hers = await store.email_contacts.of_user(ZED)
    his = await store.email_contacts.add(ContactForm(*ONLY_EMAIL, "ru"), None, ORGANISER, NOW)
    assert hers is not None
    assert his is not None
    outbox = store.email_outbox
    release = await outbox.body("email.release", "1", "ru", letter(RELEASE_TEXT, PDF))
    await outbox.enqueue("email.release", "1", [(hers.id, release), (his.id, release)], NOW)
    for contact, question in ((hers, HER_QUESTION), (his, HIS_QUESTION)):
        key = f"welcome:{contact.id}:{contact.address}"
        welcome = await outbox.body("email.advisory", key, "ru", letter("Media advisory"))
        await outbox.enqueue("email.advisory", key, [(contact.id, welcome)], NOW)
        request_id = await quote_request(store, contact.id, question)
        answer = await outbox.body(
            "email.answer", str(request_id), "ru", letter(f"{contact.full_name}: {question}")
        )
        await outbox.enqueue("email.answer", str(request_id), [(contact.id, answer)], NOW)
    return hers.id, his.id


def privacy_of(store: Store) -> PrivacyService:
    return PrivacyService(store, ManualClock(NOW), AccessService(store, (ORGANISER,)), None, None)


async def count(store: Store, sql: str, *params: object) -> int:
    rows = await store.db.execute_fetchall(sql, params)
    return int(rows[0][0])


async def test_the_copy_holds_the_email_contact_its_letters_and_its_requests(store: Store) -> None:
    hers, _ = await press_by_email(store)
    copy = await store.privacy.rows_of(ZED)
    [contact] = copy["email_contacts"]
    assert (contact["full_name"], contact["outlet"], contact["address"]) == HERS
    assert {"language", "releases", "answers", "added_at", "bouncing_since"} <= set(contact)
    letters = copy["email_outbox"]
    assert {row["kind"] for row in letters} == {"email.release", "email.advisory", "email.answer"}
    assert all(row["contact_id"] == hers and "state" in row for row in letters)
    assert "text" not in letters[0], "what was sent is named, not copied whole"
    assert [row["contact_id"] for row in copy["email_requests"]] == [hers]
    assert [row["question"] for row in copy["quote_requests"]] == [HER_QUESTION]


async def test_forget_takes_the_address_and_what_hangs_off_it_not_the_release(
    store: Store, tmp_path: Path
) -> None:
    hers, his = await press_by_email(store)
    erasure = await privacy_of(store).erase(ZED)
    assert erasure.clean
    assert erasure.touched["email_contacts"] == 1
    assert erasure.touched["email_outbox"] == 3
    assert await count(store, "SELECT count(*) FROM email_outbox WHERE contact_id = ?", hers) == 0
    assert await count(store, "SELECT count(*) FROM email_requests WHERE contact_id = ?", hers) == 0
    assert await count(store, "SELECT count(*) FROM email_outbox WHERE contact_id = ?", his) == 3
    kinds = await store.db.execute_fetchall("SELECT kind FROM email_bodies ORDER BY id")
    assert [row[0] for row in kinds] == [
        "email.release",
        "email.advisory",
        "email.answer",
    ], "the release stays; her welcome and her answer go; his stay"
    assert await count(store, "SELECT count(*) FROM email_attachments") == 1
    database = tmp_path / "unit.sqlite3"
    assert found_in_files(database, [RELEASE_TEXT.encode(), PDF]) != {}
    words = [*HERS, HER_QUESTION]
    assert found_in_files(database, [word.encode() for word in words]) == {}


async def test_an_erased_organiser_is_unlinked_from_the_addresses_they_added(
    store: Store,
) -> None:
    await store.users.touch(ORGANISER, "Press office", None, "en", NOW)
    _, his = await press_by_email(store)
    await privacy_of(store).erase(ORGANISER)
    assert await count(store, "SELECT added_by FROM email_contacts WHERE id = ?", his) == 0


async def test_an_organiser_erases_a_journalist_known_by_email_only(
    store: Store, tmp_path: Path
) -> None:
    hers, his = await press_by_email(store)
    privacy = privacy_of(store)
    journalist = User(id=ZED, first_name="Xylandra", language="ru", role=Role.PRESS)
    with pytest.raises(NotAllowedError):
        await privacy.erase_contact(journalist, his)
    with pytest.raises(ValueError, match="Telegram"):
        await privacy.erase_contact(ORGANISER_USER, hers)
    with pytest.raises(LookupError):
        await privacy.erase_contact(ORGANISER_USER, 999)
    assert await count(store, "SELECT count(*) FROM email_contacts") == 2, "nothing changed"

    erasure = await privacy.erase_contact(ORGANISER_USER, his)
    assert erasure.clean
    assert erasure.touched["email_contacts"] == 1
    assert erasure.touched["quote_requests"] == 1
    words = [*ONLY_EMAIL, HIS_QUESTION]
    assert found_in_files(tmp_path / "unit.sqlite3", [w.encode() for w in words]) == {}
    [logged] = await store.privacy.log_entries()
    assert (logged["action"], logged["actor_id"]) == ("erase-email", ORGANISER)
    assert "Ardsworth" not in logged["detail"]
    assert await store.email_contacts.get(hers) is not None


async def test_the_purge_takes_everyone_known_by_email_but_the_organisers(
    store: Store, tmp_path: Path
) -> None:
    await press_by_email(store)
    office = ContactForm("Press office", "The meeting", "press@meeting.example", "en")
    await store.email_contacts.replace_address(ORGANISER, office, NOW)
    privacy = privacy_of(store)

    dry = await privacy.purge(dry_run=True)
    assert dry.people == 2, "Zed, and the journalist known by email only"
    assert dry.tables["email_contacts"] == 2
    assert dry.tables["email_outbox"] == 6
    assert dry.tables["email_requests"] == 2
    assert await count(store, "SELECT count(*) FROM email_contacts") == 3, "a dry run"

    report = await privacy.purge()
    assert report.tables["email_contacts"] == 2
    rows = await store.db.execute_fetchall("SELECT address FROM email_contacts")
    assert [row[0] for row in rows] == ["press@meeting.example"]
    words = [*HERS, *ONLY_EMAIL, HER_QUESTION, HIS_QUESTION]
    assert found_in_files(tmp_path / "unit.sqlite3", [w.encode() for w in words]) == {}
    assert await count(store, "SELECT count(*) FROM email_bodies") == 1, "the release stays"


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


async def test_a_refused_address_is_in_no_log_line_and_no_stored_reason(
    store: Store, smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Servers quote the address they refuse («550 5.1.1 <a@b>: unknown»): the worker's
    warning and the stored reason keep the code and the words, not the address."""
    addresses = await release_to(store, 2)
    smtp.inbox.refuse[addresses[1]] = f"550 5.1.1 <{addresses[1]}>: Recipient address rejected"
    bounces = Bounces()
    sending = worker(store, smtp, bounces)
    caplog.set_level(logging.INFO)
    await sending.start()
    try:
        await until(lambda: bounces.told == [2])
    finally:
        await sending.stop()
    stored = await store.db.execute_fetchall(
        "SELECT bounce_reason FROM email_contacts WHERE id = 2"
        " UNION ALL SELECT error FROM email_outbox WHERE contact_id = 2"
    )
    assert "5.1.1" in stored[0][0]
    # The test's own SMTP server (aiosmtpd, «mail.log») logs what it receives: not the bot.
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    assert "refused for good" in logged
    for text in (logged, *(row[0] for row in stored)):
        assert addresses[1] not in text
        assert addresses[1].split("@")[0] not in text


async def test_unsubscribing_keeps_only_the_address_and_when(store: Store) -> None:
    """What honours the unsubscribe stays (the address, so nothing goes to it again and
    an organiser cannot add it back without the journalist; the date); the name, the
    outlet, the choices and a bounce reason go."""
    _, his = await press_by_email(store)
    await store.email_contacts.mark_bouncing(his, "550 5.1.1 unknown", NOW)
    assert await store.email_contacts.unsubscribe(his, NOW)
    assert not await store.email_contacts.unsubscribe(his, NOW), "twice is fine"
    [row] = await store.db.execute_fetchall("SELECT * FROM email_contacts WHERE id = ?", (his,))
    assert row["address"] == ONLY_EMAIL[2]
    assert row["unsubscribed_at"] is not None
    kept = (row["full_name"], row["outlet"], row["bounce_reason"])
    assert kept == ("", "", None)
    assert (row["releases"], row["summaries"], row["advisories"], row["answers"]) == (0, 0, 0, 0)
    again = ContactForm(*ONLY_EMAIL, "ru")
    assert await store.email_contacts.add(again, None, ORGANISER, NOW) is None


async def test_an_address_given_again_after_unsubscribing_wants_everything_again(
    store: Store,
) -> None:
    hers, _ = await press_by_email(store)
    await store.email_contacts.unsubscribe(hers, NOW)
    await store.email_contacts.replace_address(ZED, ContactForm(*HERS, "en"), NOW)
    contact = await store.email_contacts.get(hers)
    assert contact is not None
    assert contact.full_name == HERS[0]
    assert not contact.unsubscribed
    assert contact.wants(Topic.RELEASES)
    assert contact.wants(Topic.ANSWERS)


async def test_an_export_of_the_addresses_is_recorded_and_leaves_ids_out(store: Store) -> None:
    await press_by_email(store)
    out = io.StringIO()
    assert (
        await ExportService(store, ManualClock(NOW)).write(ORGANISER_USER, "email-contacts", out)
        == 2
    )
    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert "telegram_id" not in header
    assert "added_by" not in header
    assert [row[header.index("address")] for row in rows] == [HERS[2], ONLY_EMAIL[2]]
    [logged] = await store.privacy.log_entries()
    assert (logged["actor_id"], logged["action"]) == (ORGANISER, "export")
    assert logged["detail"] == "email-contacts: 2 row(s), without Telegram ids"


async def test_the_command_line_dry_run_counts_the_email_tables(
    store: Store, tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await press_by_email(store)
    here = settings.model_copy(update={"database_path": tmp_path / "unit.sqlite3"})
    assert await purge_command(here, dry_run=True) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("would erase the personal data of 2 people (organisers are kept)")
    for line in ("email_contacts: 2", "email_outbox: 6", "email_requests: 2", "quote_requests: 2"):
        assert f"  {line} row(s)" in printed
    assert await count(store, "SELECT count(*) FROM email_contacts") == 2
