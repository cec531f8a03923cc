"""Migration numbers are handed out ahead of time: a later number may land before an
earlier one. A store has every migration applied once, whatever the order they landed in."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.store import database
from bot.store.database import applied_versions, connect, migrate, migration_scripts


async def test_a_number_that_lands_after_a_higher_one_is_still_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = migration_scripts()
    numbers = [version for version, _, _ in scripts]
    missing = next(n for n in range(1, numbers[-1]) if n not in numbers)
    conn = await connect(tmp_path / "gap.sqlite3")
    try:
        assert await migrate(conn) == numbers[-1]
        late = (missing, f"{missing:04d}_late.sql", "CREATE TABLE landed_late (id INTEGER);")
        monkeypatch.setattr(database, "migration_scripts", lambda: sorted([*scripts, late]))
        assert await migrate(conn) == numbers[-1]
        assert await applied_versions(conn) == {*numbers, missing}
        await conn.execute("SELECT count(*) FROM landed_late")
        assert await migrate(conn) == numbers[-1]  # nothing left to apply
    finally:
        await conn.close()


async def test_a_store_from_before_the_record_has_had_one_to_its_version(tmp_path: Path) -> None:
    """Upgraded by the runner that knew only ``user_version`` (numbers without gaps)."""
    conn = await connect(tmp_path / "old.sqlite3")
    try:
        for version, _name, sql in migration_scripts()[:6]:
            await conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
        assert await applied_versions(conn) == set(range(1, 7))
        latest = migration_scripts()[-1][0]
        assert await migrate(conn) == latest
        assert await applied_versions(conn) == {v for v, _, _ in migration_scripts()}
    finally:
        await conn.close()


def test_two_files_with_one_number_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Entry:
        def __init__(self, name: str) -> None:
            self.name = name

        def read_text(self, encoding: str) -> str:
            return ""

    class Folder:
        def iterdir(self) -> list[Entry]:
            return [Entry("0001_a.sql"), Entry("0001_b.sql")]

    monkeypatch.setattr(database.resources, "files", lambda _package: Folder())
    with pytest.raises(RuntimeError, match="distinct"):
        migration_scripts()
