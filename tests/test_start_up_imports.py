"""The libraries of files people download are imported with the first file, not at
start-up: fpdf2 (with fontTools), python-docx and icalendar hold ~30 MB that a bot
nobody asked a PDF of would carry all meeting (bench/memory.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("fpdf", "fontTools", "docx", "icalendar")


def test_the_bot_starts_without_the_document_libraries() -> None:
    probe = (
        "import sys, bot.app, bot.wiring, handlers;"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""
