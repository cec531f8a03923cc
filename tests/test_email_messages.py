"""What an email is made of, without a server: addresses checked for form, headers that
no name or subject can add to, RFC 2047 for long and non-ASCII names, signed links, and
the SMTP settings refused in one line when they do not fit together."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_error
from bot.delivery.email_smtp import Verdict, judge
from bot.email.addresses import BadAddressError, normalised
from bot.email.compose import Sender, compose
from bot.email.links import UnsubscribeLinks
from bot.email.values import Attachment, Contact, Letter, QueuedEmail, Topic
from bot.email.wire import Composer

NOW = dt.datetime(2025, 9, 5, 7, 0, tzinfo=dt.UTC)
SENDER = Sender.parse("Пресс-служба <press@example.org>", "Пресс-служба")


ADDRESS = "aina@turkmenportal.com"


def contact(name: str, address: str = ADDRESS) -> Contact:
    return Contact(1, address, None, name, "Туркменпортал", "ru", frozenset(Topic))


def sent(letter: Letter, to: Contact) -> EmailMessage:
    """The message as the server receives it: serialised, then parsed back."""
    message = compose(
        letter,
        to,
        SENDER,
        row_id=7,
        kind="email.release",
        unsubscribe="https://press.example.org/email/unsubscribe?c=1&t=x",
        now=NOW,
    )
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize(
    "typed",
    [
        "aina@turkmenportal",
        "aina@localhost",
        "aina turkmenportal.com",
        "a@b.com\r\nBcc: x@y.com",
        "",
        "aina@turkmenportal.test",
        "<aina@turkmenportal.com>",
        "a" * 250 + "@x.com",
    ],
)
def test_a_bad_address_is_refused(typed: str) -> None:
    with pytest.raises(BadAddressError):
        normalised(typed)


def test_an_address_is_stored_trimmed_with_its_domain_in_lower_case() -> None:
    assert normalised("  Aina.Meredova@TurkmenPortal.COM ") == "Aina.Meredova@turkmenportal.com"


def test_no_name_or_subject_can_add_a_header() -> None:
    evil = contact("Айна\r\nBcc: spy@evil.example\r\n")
    letter = Letter("Релиз\r\nBcc: spy@evil.example", "Текст", "<p>Текст</p>")
    message = sent(letter, evil)
    assert message["Bcc"] is None
    assert [a.addr_spec for a in message["To"].addresses] == ["aina@turkmenportal.com"]
    assert str(message["Subject"]) == "Релиз Bcc: spy@evil.example"
    assert (
        b"\nBcc:"
        not in compose(
            letter, evil, SENDER, row_id=1, kind="k", unsubscribe="https://x/u", now=NOW
        ).as_bytes()
    )


def test_a_long_non_ascii_name_is_encoded_and_reads_back_whole() -> None:
    name = "Гурбангулы Бердымухамедов-Аннамухаммедова " * 4
    message = compose(
        Letter("Тема", "Текст", "<p>Текст</p>"),
        contact(name),
        SENDER,
        row_id=1,
        kind="email.release",
        unsubscribe="https://x/u",
        now=NOW,
    )
    raw = message.as_bytes()
    assert all(len(line) <= 78 for line in raw.split(b"\r\n")[:20])
    assert raw.isascii()
    assert b"=?utf-8?" in raw
    # RFC 2047's decoder joins adjacent encoded-words (the stdlib's address parser, unlike
    # mail programs, puts a space between them, so it is not the judge here).
    header = raw.decode().split("\r\nTo: ")[1].split("\r\nSubject")[0].replace("\r\n", "")
    assert str(make_header(decode_header(header))) == " ".join(name.split()) + " <" + ADDRESS + ">"


def test_the_headers_of_a_mailing_and_the_attachment_bytes() -> None:
    pdf = b"%PDF-1.7 bytes \x00\xff"
    letter = Letter(
        "Тема",
        "Текст {{unsubscribe}}",
        "<p>{{unsubscribe}}</p>",
        (Attachment("релиз.pdf", "application/pdf", pdf),),
    )
    message = sent(letter, contact("Айна"))
    assert message["Message-ID"] == "<email.release.7@example.org>"
    assert message["Date"].datetime == NOW
    assert message["List-Id"] == "Пресс-служба <press.example.org>"
    assert message["List-Unsubscribe"] == "<https://press.example.org/email/unsubscribe?c=1&t=x>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/mixed"
    (part,) = message.iter_attachments()
    assert part.get_filename() == "релиз.pdf"
    assert part.get_content() == pdf
    assert 'href="https://press.example.org/email/unsubscribe?c=1&amp;t=x"' in (
        message.get_body(("html",)).get_content()
    )


def test_a_link_is_signed_for_its_address_only() -> None:
    links = UnsubscribeLinks("https://press.example.org/", "0123456789abcdef0123")
    url = links.url(5)
    assert url.startswith("https://press.example.org/email/unsubscribe?c=5&t=")
    token = url.rpartition("t=")[2]
    assert links.verify("5", token) == 5
    assert links.verify("6", token) is None
    assert links.verify("5", token[:-1] + "A") is None
    assert links.verify("5; DROP", token) is None
    other = UnsubscribeLinks("https://press.example.org", "another-secret-0123456")
    assert other.verify("5", token) is None


def test_what_an_smtp_answer_means() -> None:
    import aiosmtplib

    refused = aiosmtplib.SMTPRecipientsRefused(
        [aiosmtplib.SMTPRecipientRefused(550, "No such user", "a@b.com")]
    )
    greylisted = aiosmtplib.SMTPRecipientsRefused(
        [aiosmtplib.SMTPRecipientRefused(451, "Try later", "a@b.com")]
    )
    assert judge(refused).verdict is Verdict.BOUNCED
    assert judge(greylisted).verdict is Verdict.TEMPORARY
    assert judge(aiosmtplib.SMTPDataError(552, "Too big")).verdict is Verdict.BOUNCED
    assert judge(aiosmtplib.SMTPSenderRefused(550, "Not you", "p@x.org")).verdict is Verdict.DOWN
    assert judge(aiosmtplib.SMTPServerDisconnected("gone")).verdict is Verdict.DOWN
    assert judge(aiosmtplib.SMTPConnectError("refused")).verdict is Verdict.DOWN
    assert judge(ConnectionRefusedError()).verdict is Verdict.DOWN


BASE = {
    "smtp_host": "smtp.example.org",
    "smtp_from": "Press <press@example.org>",
    "email_link_secret": "s" * 32,
    "email_public_url": "https://press.example.org",
}


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"smtp_from": None}, "SMTP_HOST is set, so SMTP_FROM must be too (see .env.example)"),
        ({"email_link_secret": None}, "SMTP_HOST is set, so EMAIL_LINK_SECRET must be too"),
        ({"email_public_url": None}, "SMTP_HOST is set, so EMAIL_PUBLIC_URL (or WEB_PUBLIC_URL)"),
        ({"smtp_from": "press"}, "SMTP_FROM is not an email address"),
        ({"smtp_user": "press"}, "SMTP_USER and SMTP_PASSWORD go together"),
        (
            {"smtp_user": "u", "smtp_password": "p", "smtp_security": "none"},
            "SMTP_SECURITY=none would send SMTP_PASSWORD in clear",
        ),
        ({"email_link_secret": "short"}, "EMAIL_LINK_SECRET is too short"),
        ({"smtp_security": "ssl"}, "SMTP_SECURITY is invalid: Input should be 'starttls', 'tls'"),
        ({"smtp_rate": 0}, "SMTP_RATE is invalid"),
    ],
)
def test_a_bad_combination_is_one_line_at_start(changes: dict[str, object], error: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, **{**BASE, **changes})  # type: ignore[call-arg]
    line = describe_error(caught.value)
    assert line.startswith(error), line
    assert "\n" not in line


def test_without_smtp_host_email_is_off_and_the_port_follows_the_security() -> None:
    assert not Settings(_env_file=None).email_enabled  # type: ignore[call-arg]
    on = Settings(_env_file=None, **BASE)  # type: ignore[call-arg]
    assert on.email_enabled
    assert on.smtp_port_or_default == 587
    tls = Settings(_env_file=None, **{**BASE, "smtp_security": "tls"})  # type: ignore[call-arg]
    assert tls.smtp_port_or_default == 465
    links = Settings(
        _env_file=None,
        **{
            **BASE,
            "email_public_url": None,  # type: ignore[call-arg]
            "web_public_url": "https://bot.example.org",
        },
    )
    assert links.email_links_url == "https://bot.example.org"


def test_the_wire_sends_what_the_standard_library_builds() -> None:
    """The attachments encoded once per letter: each reader's message still parses to the
    same headers, parts and attachment bytes as ``compose`` builds."""
    files = (
        Attachment("релиз.pdf", "application/pdf", bytes(range(256)) * 300),
        Attachment("релиз.docx", "application/octet-stream", b"PK\x03\x04" * 900),
    )
    letter = Letter("Тема", "Текст {{unsubscribe}}", "<p>Текст {{unsubscribe}}</p>", files)
    composer = Composer(
        SENDER, lambda contact: f"https://press.example.org/u?c={contact}", lambda: NOW
    )
    row = QueuedEmail(7, "email.release", "1", 1, 3, 0, NOW)
    built = compose(
        letter,
        contact("Айна"),
        SENDER,
        row_id=7,
        kind="email.release",
        unsubscribe="https://press.example.org/u?c=1",
        now=NOW,
    )
    reference = message_from_bytes(built.as_bytes(), policy=policy.default)
    for reader in (contact("Айна"), contact("Мерет", "meret@example.org")):
        envelope = composer(letter, reader, row)
        assert (envelope.sender, envelope.recipient) == ("press@example.org", reader.address)
        assert envelope.data.isascii()
        wired = message_from_bytes(envelope.data, policy=policy.default)
        assert isinstance(wired, EmailMessage)
        assert wired["To"].addresses[0].addr_spec == reader.address
        for name in ("Subject", "Message-ID", "List-Unsubscribe", "Content-Language"):
            assert wired[name] == reference[name], name
        assert wired.get_body(("plain",)).get_content() == (
            reference.get_body(("plain",)).get_content()
        )
        assert [(p.get_filename(), p.get_content()) for p in wired.iter_attachments()] == [
            (a.filename, a.content) for a in files
        ]
