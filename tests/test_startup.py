"""`reconnect --help` and shell completion stay light: no pydantic, YAML, dateutil
or catalogue on their path."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = [
    "icalendar",
    "tzlocal",
    "pydantic",
    "yaml",
    "dateutil",
    "reconnect_cli.locking",
    "platformdirs",
    "reconnect_cli.models",
    "reconnect_cli.catalogue",
    "reconnect_cli.store",
    # Typer's Rich help and its Markdown parser (zsh and fish hints would load them).
    "typer.rich_utils",
    "markdown_it",
]

PROBE = """
import json, sys
from reconnect_cli.cli import main
try:
    main()
except SystemExit:
    pass
heavy = {heavy!r}
sys.stderr.write("LOADED=" + json.dumps([m for m in heavy if m in sys.modules]) + "\\n")
"""


def loaded_modules(args: list[str], extra_env: dict[str, str] | None = None) -> list[str]:
    env = {**os.environ, **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    marker = [line for line in result.stderr.splitlines() if line.startswith("LOADED=")]
    assert marker, result.stderr
    return list(json.loads(marker[-1].removeprefix("LOADED=")))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["week", "--help"],
        ["checkin", "--help"],
        ["strategies", "show", "--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    assert loaded_modules(args) == []


# What bash sends when someone presses Tab after `reconnect we`.
COMPLETION_REQUEST = {
    "_RECONNECT_COMPLETE": "complete_bash",
    "COMP_WORDS": "reconnect we",
    "COMP_CWORD": "1",
    "_TYPER_COMPLETE_ARGS": "reconnect we",
}


def test_shell_completion_imports_nothing_heavy() -> None:
    assert loaded_modules([], COMPLETION_REQUEST) == []


def run_reconnect(
    args: list[str], extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m reconnect_cli ARGS`` in this test's home, as a shell would run it."""
    return subprocess.run(
        [sys.executable, "-m", "reconnect_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(extra_env or {})},
        timeout=60,
        check=False,
    )


def test_shell_completion_offers_commands() -> None:
    assert "week" in run_reconnect([], COMPLETION_REQUEST).stdout


def test_a_store_reconnect_wrote_is_read_without_pydantic_and_a_changed_one_is_validated(
    home: Path,
) -> None:
    """The everyday commands skip validation only for the exact bytes reconnect last wrote
    or validated: any other bytes, a hand edit included, go through pydantic in full."""
    assert "pydantic" in loaded_modules(["checkin", "-r", "4", "--highlight", "first"])
    # The first check-in made the folder; the next command caches the checked catalogue.
    assert "yaml" in loaded_modules(["week"])
    for args in (["week"], ["checkin", "-r", "5"], ["history"], ["stats"], ["next"]):
        assert "pydantic" not in loaded_modules(args), args
        assert "yaml" not in loaded_modules(args), args  # the catalogue comes from its cache

    store_file = home / "store.json"
    edited = store_file.read_bytes().replace(b'"first"', b'"edited by hand"')
    store_file.write_bytes(edited)
    assert "pydantic" in loaded_modules(["history"])
    # A hand edit that breaks a rule is caught, however quick the last read was.
    store_file.write_bytes(edited.replace(b'"rating": 5', b'"rating": 9'))
    result = run_reconnect(["history"])
    assert result.returncode == 1
    assert "rating" in result.stderr and "less than or equal to 5" in result.stderr


def test_a_changed_prompts_file_misses_the_catalogue_cache(home: Path) -> None:
    home.mkdir()  # the cache never creates the folder itself
    assert "yaml" in loaded_modules(["strategies"])  # the first run builds the cache
    assert "yaml" not in loaded_modules(["strategies"])
    (home / "prompts.yaml").write_text("hidden:\n  - gratitude-01\n")
    assert "yaml" in loaded_modules(["strategies"])
    assert "yaml" not in loaded_modules(["strategies"])


def _complete(words: str) -> tuple[str, list[str]]:
    """What zsh gets for ``words`` (ending in a space to complete a new word), and the
    heavy modules the request loaded."""
    request = {"_RECONNECT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    return run_reconnect([], request).stdout, loaded_modules([], request)


def test_completion_offers_strategy_ids_as_quickly_as_help(home: Path) -> None:
    offered, loaded = _complete("reconnect strategies show gr")
    assert '"gratitude":"Practice gratitude"' in offered
    assert loaded == []
    offered, loaded = _complete("reconnect checkin --strategy af")
    assert '"affection"' in offered and "gratitude" not in offered
    assert loaded == []


def test_completion_offers_checkin_ids_newest_first(home: Path) -> None:
    for rating, words in (("4", "older"), ("5", "newer")):
        assert run_reconnect(["checkin", "-r", rating, "--highlight", words]).returncode == 0
    ids = [c["id"] for c in json.loads((home / "store.json").read_bytes())["checkins"]]
    offered, loaded = _complete("reconnect edit ")
    assert loaded == []
    assert offered.index(ids[1]) < offered.index(ids[0])  # newest first
    assert "2026-11-25 newer" in offered
    offered, _ = _complete(f"reconnect delete {ids[0][:4]}")
    assert ids[0] in offered and ids[1] not in offered
    offered, _ = _complete("reconnect prompts hide gratitude-0")
    assert '"gratitude-01"' in offered
    offered, _ = _complete("reconnect backup restore ")
    assert offered.count("2026") >= 1


def test_completion_on_a_new_install_still_offers_strategies(home: Path) -> None:
    offered, loaded = _complete("reconnect prompts add ")
    assert all(f'"{name}"' in offered for name in ("open-communication", "professional-help"))
    assert loaded == []
    offered, _ = _complete("reconnect edit ")
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}", offered)  # no check-ins, none offered
