"""The documentation is tested like code: its commands run, its generated parts are current,
the two handbooks keep the same sections, and every sub-command explains itself.

- Every ``python -m bot …`` command in a ``sh`` block of docs/**/*.md runs (in this process,
  through ``bot.__main__.main``) against a throwaway store in a scratch folder: the meeting's
  data loaded, ``VAR=value`` prefixes honoured, absolute paths moved inside it. A command that
  needs the bot token or the network says so in its comment («token», «токен», «network») and
  is checked with ``--help`` instead. Harmless file commands of the same blocks (cp, mkdir,
  sed, diff, echo, rm) run too, in bash, in order; server commands (sudo, pip, git) do not.
- docs/operators/settings.md is what ``python -m docs.settings_reference`` writes now.
- docs/ru/*.md and docs/en/*.md have the same pages with the same heading structure.
- ``python -m bot --help`` and each sub-command's help are plain text with an example.

The site itself (links, pages, snippets) is checked by ``mkdocs build --strict`` in .ci/run.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.__main__ import build_parser, main
from docs import settings_reference

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SHELL_FENCES = {"sh", "shell", "bash", "console"}
HARMLESS = ("cp ", "mkdir ", "sed ", "diff ", "echo ", "rm ")
MARKED = re.compile(r"#.*(token|токен|network|сеть)", re.IGNORECASE)
BOT_COMMAND = re.compile(r"(?:\.venv/bin/)?python3? -m bot\b([^&|;#]*)")
ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")
ABSOLUTE = re.compile(r"(?<![\w.$/])/(var|opt|etc|srv|home)/")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    lines: tuple[str, ...]


def shell_blocks(page: Path) -> list[Block]:
    """The fenced sh/console blocks of a page, with the line each starts on."""
    blocks: list[Block] = []
    fence: str | None = None
    start, body = 0, list[str]()
    for number, raw in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        stripped = raw.strip()
        if fence is None and stripped.startswith("```"):
            fence, start, body = stripped[3:].strip().split(" ")[0], number, []
        elif fence is not None and stripped.startswith("```"):
            if fence in SHELL_FENCES:
                blocks.append(Block(page, start, tuple(body)))
            fence = None
        elif fence is not None:
            body.append(stripped.removeprefix("$ "))
    return blocks


def command_pages() -> list[Path]:
    return sorted(
        page
        for page in DOCS.rglob("*.md")
        if any(BOT_COMMAND.search(line) for b in shell_blocks(page) for line in b.lines)
    )


def sub_command(line: str) -> str | None:
    """The sub-command a line runs: None for the top-level --help, «run» when none is named."""
    found = BOT_COMMAND.search(line)
    assert found is not None
    words = found.group(1).split()
    if words and not words[0].startswith("-"):
        return words[0]
    return None if {"-h", "--help"} & set(words) else "run"


@dataclass(frozen=True)
class Step:
    """One command of a block: the bot's (run in this process), or a file command (bash)."""

    text: str
    env: dict[str, str]
    argv: list[str] | None  # the bot's arguments; None: a shell command


def steps_of(block: Block, known: set[str]) -> list[Step]:
    """What of a block the test runs, in order. Server commands (sudo, pip, git…) are left
    out; a bot command that needs the token or the network must say so and runs --help."""
    steps: list[Step] = []
    for line in block.lines:
        command = line.split(" #", 1)[0].strip()
        for segment in filter(None, (part.strip() for part in command.split("&&"))):
            words = shlex.split(segment)
            env = dict(w.split("=", 1) for w in itertools.takewhile(ASSIGNMENT.match, words))
            rest = words[len(env) :]
            if BOT_COMMAND.search(segment) is None:
                if segment.startswith(HARMLESS):
                    steps.append(Step(segment, {}, None))
                continue
            argv = rest[rest.index("bot") + 1 :]
            name = sub_command(segment)
            assert name is None or name in known, (
                f"{block.page.name}:{block.line}: no sub-command {name!r}"
            )
            if name == "run" or MARKED.search(line):
                assert MARKED.search(line), f"{block.page.name}:{block.line}: mark {line!r}"
                argv = [name or "run", "--help"]
            steps.append(Step(segment, env, argv))
    return steps


class Sandbox:
    """A scratch folder with a copy of data/, the schedule samples and a loaded store."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.monkeypatch = monkeypatch
        shutil.copytree(ROOT / "data", folder / "data")
        shutil.copy(ROOT / ".env.example", folder / ".env.example")
        samples = ROOT / "tests" / "samples"
        for sample in samples.iterdir():
            shutil.copy(sample, folder / sample.name)
        shutil.copy(samples / "pretalx-rc3-channels.schedule.json", folder / "schedule.json")
        shutil.copy(samples / "frab-31c3.schedule.xml", folder / "schedule.xml")
        (folder / "var").mkdir()
        for key in list(os.environ):  # the developer's own settings stay out
            if key.lower() in settings_reference.Settings.model_fields:
                monkeypatch.delenv(key)
        monkeypatch.setenv("DATABASE_PATH", "var/docs.sqlite3")
        monkeypatch.setenv("DATA_DIR", "data")
        monkeypatch.chdir(folder)
        assert self.run(Step("load", {}, ["load", "data/"])) == 0

    def inside(self, text: str) -> str:
        """Absolute paths of a server (/var/…, /opt/…) moved into the scratch folder."""
        moved = ABSOLUTE.sub(lambda m: f"{self.folder}/{m.group(1)}/", text)
        for word in moved.split():
            if word.startswith(str(self.folder)) and word.endswith("/"):
                Path(word).mkdir(parents=True, exist_ok=True)
            elif word.startswith(str(self.folder)):
                Path(word).parent.mkdir(parents=True, exist_ok=True)
        return moved

    def run(self, step: Step) -> int:
        if step.argv is None:
            result = subprocess.run(
                ["bash", "-c", self.inside(step.text)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            print(result.stdout, result.stderr)
            return result.returncode
        with self.monkeypatch.context() as patch:
            for key, value in step.env.items():
                patch.setenv(key, self.inside(value))
            try:
                return main([self.inside(word) for word in step.argv])
            except SystemExit as exit_:  # --help, or argparse refusing the arguments
                return int(exit_.code or 0)


def sub_commands() -> dict[str, argparse.ArgumentParser]:
    actions = build_parser()._subparsers._group_actions  # type: ignore[union-attr]
    choices = [a for a in actions if isinstance(a, argparse._SubParsersAction)]
    return dict(choices[0].choices)


@pytest.mark.parametrize("page", command_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_bot_command_in_the_guides_runs(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = Sandbox(tmp_path, monkeypatch)
    known = set(sub_commands())
    ran = 0
    for block in shell_blocks(page):
        for step in steps_of(block, known):
            code = sandbox.run(step)
            assert code == 0, f"{page.relative_to(ROOT)}:{block.line}: {step.text!r} exited {code}"
            ran += step.argv is not None
    assert ran, f"{page.relative_to(ROOT)} has no command that ran"


def test_a_failing_command_fails_the_docs_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner is not blind: a failing command, an unmarked run, a typo are caught."""
    sandbox = Sandbox(tmp_path, monkeypatch)
    known = set(sub_commands())
    [step] = steps_of(Block(DOCS / "x.md", 1, ("python -m bot check nowhere/",)), known)
    assert sandbox.run(step) == 1
    [step] = steps_of(Block(DOCS / "x.md", 1, ("python -m bot export nothing",)), known)
    assert sandbox.run(step) == 1
    with pytest.raises(AssertionError, match="mark"):
        steps_of(Block(DOCS / "x.md", 1, ("python -m bot run",)), known)
    with pytest.raises(AssertionError, match="no sub-command"):
        steps_of(Block(DOCS / "x.md", 1, ("python -m bot frobnicate",)), known)


def test_the_settings_reference_is_generated_from_settings() -> None:
    env = (ROOT / ".env.example").read_text(encoding="utf-8")
    committed = settings_reference.PAGE.read_text(encoding="utf-8")
    assert committed == settings_reference.render(env), (
        "docs/operators/settings.md is stale: run python -m docs.settings_reference"
    )


def test_a_setting_missing_from_env_example_is_named() -> None:
    env = (ROOT / ".env.example").read_text(encoding="utf-8")
    without = "\n".join(line for line in env.splitlines() if not line.startswith("FLOOD_BURST="))
    with pytest.raises(ValueError, match="FLOOD_BURST"):
        settings_reference.render(without)
    with pytest.raises(ValueError, match="NO_SUCH_KNOB"):
        settings_reference.render(env + "\n# A knob nobody reads.\nNO_SUCH_KNOB=1\n")


def headings(page: Path) -> list[int]:
    """The levels of a page's headings, outside code blocks."""
    levels, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
        elif not fenced and (found := re.match(r"(#{1,6}) ", line)):
            levels.append(len(found.group(1)))
    return levels


def test_the_russian_and_english_handbooks_have_the_same_sections() -> None:
    russian = sorted(p.name for p in (DOCS / "ru").glob("*.md"))
    english = sorted(p.name for p in (DOCS / "en").glob("*.md"))
    assert russian == english
    assert russian, "no handbook pages"
    for name in russian:
        ru, en = headings(DOCS / "ru" / name), headings(DOCS / "en" / name)
        assert ru == en, f"{name}: ru headings {ru} != en headings {en}"
        assert ru.count(1) == 1, f"{name}: one title"


def test_every_help_is_plain_text_with_an_example() -> None:
    parser = build_parser()
    assert "examples:" in parser.format_help()
    commands = sub_commands()
    assert {"run", "check", "load", "backup", "export", "import-schedule"} <= set(commands)
    for name, sub in [("", parser), *commands.items()]:
        text = sub.format_help()
        assert not re.search(r"``|:\w+:`|^\.\. ", text, re.MULTILINE), f"reST in {name}: {text}"
        assert sub.formatter_class is argparse.RawDescriptionHelpFormatter, name
        assert "example" in text.lower(), f"no example in the help of {name or 'bot'}"
        assert f"python -m bot {name}".strip() in text, text


def test_the_readme_links_lead_somewhere() -> None:
    """The README is read on the code host, outside the site: its links are checked here."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)|src=\"([^\"]+)\"", readme)
    relative = [a or b for a, b in targets if not (a or b).startswith(("http:", "https:"))]
    assert relative, "no links found"
    missing = [target for target in relative if not (ROOT / target).exists()]
    assert not missing, f"README links to files that do not exist: {missing}"
