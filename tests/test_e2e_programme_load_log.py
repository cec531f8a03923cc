"""What a load changes about a session besides its time, room and texts is in the
programme's audit log too (issue 11): its speakers, and its place in the day's list
when the files reorder the day (not when a session added or removed above it shifts
the numbers)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from bot.__main__ import export_command
from bot.app import App
from bot.content import load_content
from bot.content.service import ContentService
from bot.programme.values import Action
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, send
from tests.test_reminders import edited_data

WELCOME_SPEAKERS = "        speakers: [kate-forbes, biljana-milosevic]"
PROGRAMME = (DATA_DIR / "programme.yaml").read_text(encoding="utf-8")


def block(key: str) -> str:
    """A session's lines in programme.yaml, with the blank line after them."""
    start = PROGRAMME.index(f"      - id: {key}\n")
    return PROGRAMME[start : PROGRAMME.index("\n\n", start) + 2]


PRESENTATIONS = block("d1-presentations")
SIDE_EVENT = (
    PRESENTATIONS.replace("d1-presentations", "d1-side-event")
    .replace('end: "17:30"', 'end: "15:30"')
    .replace("en: Delegations' presentations", "en: Side event")
    .replace("ru: конференц-зал отеля «Арчабиль»", "ru: Зал Б")
    .replace("en: conference hall, Archabil Hotel", "en: Hall B")
)


async def test_a_load_that_only_changes_the_speakers_is_logged_with_them(
    fake: FakeBotAPI, app: App, clock: ManualClock, tmp_path: Path
) -> None:
    content = ContentService(app.store, clock)
    fewer = "        speakers: [biljana-milosevic]"
    await content.load(edited_data(tmp_path, [(WELCOME_SPEAKERS, fewer)]))

    (entry,) = await app.store.programme_audit.page(0, 10)
    assert (entry.source.value, entry.action) == ("load", Action.UPDATED)
    (edit,) = entry.edits
    assert edit.key == "d1-welcome"
    assert edit.speakers is not None
    assert [[name.en for name in names] for names in edit.speakers] == [
        ["Kate Forbes", "Biljana Milošević"],
        ["Biljana Milošević"],
    ]
    english = fake.user(ORGANISER, language_code="en")
    log = (await send(english, "/changes"))["text"]
    assert (
        "python -m bot load\n✏️ Changed by the files\nWelcome addresses\n"
        "Speakers: Kate Forbes, Biljana Milošević → Biljana Milošević"
    ) in log

    await content.load(DATA_DIR)
    newest = (await app.store.programme_audit.page(0, 1))[0]
    assert newest.edits[0].speakers is not None
    assert [len(names) for names in newest.edits[0].speakers] == [1, 2]

    out = tmp_path / "changes.csv"
    assert await export_command(app.settings, "changes", out) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["before_speakers_ru"] == "Кейт Форбс, Биляна Милошевич"
    assert rows[0]["after_speakers_ru"] == "Биляна Милошевич"


async def test_a_speaker_the_files_drop_altogether_is_still_named_in_the_log(
    store: Store, tmp_path: Path
) -> None:
    await store.content.apply(load_content(DATA_DIR), local(5, 9))
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    for name, old, new in (
        ("programme.yaml", WELCOME_SPEAKERS, "        speakers: [biljana-milosevic]"),
        ("delegations.yaml", "    head: kate-forbes\n", ""),
        ("people.yaml", "  - id: kate-forbes\n", "  - id: kate-forbes-gone\n"),
    ):
        text = (target / name).read_text(encoding="utf-8")
        assert old in text
        (target / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    await store.content.apply(load_content(target), local(5, 9))

    (entry,) = await store.programme_audit.page(0, 10)
    assert entry.edits[0].speakers is not None
    assert [[name.en for name in names] for names in entry.edits[0].speakers] == [
        ["Kate Forbes", "Biljana Milošević"],
        ["Biljana Milošević"],
    ]


async def test_a_load_that_only_reorders_parallel_sessions_is_logged_with_the_places(
    fake: FakeBotAPI, app: App, clock: ManualClock, tmp_path: Path
) -> None:
    """Sessions are listed in time order; of those starting together (parallel rooms),
    the files' order is the order every listing shows."""
    content = ContentService(app.store, clock)
    side_by_side = (PRESENTATIONS, PRESENTATIONS + SIDE_EVENT)
    await content.load(edited_data(tmp_path, [side_by_side]))
    assert await app.store.programme_audit.count() == 1  # the side event, added
    swapped = (PRESENTATIONS, SIDE_EVENT + PRESENTATIONS)
    await content.load(edited_data(tmp_path, [swapped]))

    entries = await app.store.programme_audit.page(0, 10)
    assert len(entries) == 3
    places = sorted((e.edits[0].key, e.edits[0].place) for e in entries[:2])
    assert places == [("d1-presentations", (3, 4)), ("d1-side-event", (4, 3))]
    russian = fake.user(ORGANISER, language_code="ru")
    log = (await send(russian, "/changes"))["text"]
    assert "Side event" not in log  # the Russian titles
    assert "✏️ Изменено из файлов\nПрезентации делегаций\nМесто в списке дня: 4 → 5" in log
    assert "Место в списке дня: 5 → 4" in log

    opening = block("d1-opening")
    earlier = (
        opening.replace("d1-opening", "d1-breakfast")
        .replace('start: "10:00"', 'start: "09:00"')
        .replace('end: "10:30"', 'end: "09:30"')
    )
    await content.load(edited_data(tmp_path, [swapped, (opening, earlier + opening)]))
    (added,) = await app.store.programme_audit.page(0, 1)  # the rest only shifted down
    assert added.action is Action.ADDED
    assert await app.store.programme_audit.count() == 4
