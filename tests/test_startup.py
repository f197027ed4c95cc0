"""`reconnect --help` and shell completion stay light: no pydantic, YAML, dateutil
or catalogue on their path."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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


def test_shell_completion_offers_commands() -> None:
    env = {**os.environ, **COMPLETION_REQUEST}
    result = subprocess.run(
        [sys.executable, "-m", "reconnect_cli"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert "week" in result.stdout
