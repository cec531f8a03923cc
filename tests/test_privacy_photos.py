"""Photo consent withdrawn (issue 23): the organiser withdraws a gallery photo on behalf
of the person in it; it leaves the gallery at once, its file ids leave the store, every
journalist who received the file is told (through the outbox) not to use it, and the
audit log records it."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.config import Settings
from tests.fake_bot_api import FakeBotAPI
from tests.test_e2e_press import accredited, organiser, refused, say
from tests.test_e2e_press_photos import (
    CREDIT,
    answer_steps,
    document_on_telegram,
    incoming,
    publish,
)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def test_withdrawn_consent_reaches_those_who_received_the_photo(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    reader = await accredited(app, fake, 2301, "en")
    other = await accredited(app, fake, 2302, "ru")
    document = await document_on_telegram(app, office, "IMG_1.png")
    await say(office, "/upload_photo")
    incoming(office, document=document, caption="The opening session")
    await office.press(await office.receive(), "Keep «The opening session»")
    await office.receive()
    copy, _result = await publish(
        office, await answer_steps(office, CREDIT, "Fri, 5 September", warning=False)
    )
    await reader.receive()  # «new photos» notices
    await other.receive()

    home = await say(reader, "/photos")
    await reader.press(home, "Fri, 5 September · 1")
    await reader.press(await reader.receive(), "📥 1")
    received = await reader.receive()
    assert received["document"]["file_id"] == copy["document"]["file_id"]

    home = await say(office, "/photos")
    await office.press(home, "Fri, 5 September · 1")
    await office.press(await office.receive(), "📥 1")
    own = await office.receive()
    query = await office.press(own, "🗑 Withdraw from the gallery")
    await office.wait_answer(query)

    told = await reader.receive()
    assert told["text"].startswith("⛔ Do not use this photo any more")
    assert "The opening session" in told["text"]
    assert CREDIT in told["text"]
    await other.expect_nothing()  # never received it
    assert (await refused(reader, home, "gal:f:2025-09-05:0:1")) == (
        "This photo is no longer in the gallery."
    )
    rows = await app.store.db.execute_fetchall(
        "SELECT original_file_id, copy_file_id, withdrawn_at IS NOT NULL FROM press_photos"
    )
    assert [tuple(row) for row in rows] == [("", "", 1)]
    [entry] = [e for e in await app.store.privacy.log_entries() if e["action"] == "photo-consent"]
    assert entry["detail"] == "photo 1 withdrawn; journalists told: 1"
    assert entry["actor_id"] == 900001
