"""The installed `reconnect`, run as a real process: the Sunday loop end to end."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Cli


def installed_reconnect() -> str:
    beside_python = Path(sys.executable).parent / (
        "reconnect.exe" if os.name == "nt" else "reconnect"
    )
    found = str(beside_python) if beside_python.exists() else shutil.which("reconnect")
    if found is None:
        pytest.fail("the reconnect command is not installed next to this Python")
    return found


def run(*args: str, input: str | None = None, code: int = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [installed_reconnect(), *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
    )
    assert result.returncode == code, (args, result.stdout, result.stderr)
    return result


def test_the_sunday_loop(home: Path) -> None:
    run("setup", "--name", "Sam", "--partner", "Alex")
    plan = json.loads(run("week", "--json").stdout)
    assert plan["names"] == {"name": "Sam", "partner": "Alex"}
    text = run("week").stdout
    assert plan["focus"][0]["title"] in text
    run(
        "checkin",
        "--rating",
        "4",
        "--partner-rating",
        "5",
        "--highlight",
        "Tea on the step",
        "--note",
        "-",
        input="A long note.\n",
    )
    history = json.loads(run("history", "--json").stdout)
    assert len(history) == 1
    assert history[0]["note"] == "A long note."
    assert history[0]["strategies"] == [f["id"] for f in plan["focus"]]
    assert "Tea on the step" in run("history").stdout
    if os.name == "posix":
        assert stat.S_IMODE((home / "store.json").stat().st_mode) == 0o600


def test_errors_are_one_line_from_the_real_command(home: Path) -> None:
    result = run("checkin", "--rating", "7", code=2)
    assert result.stderr == "reconnect: --rating: '7' is not a whole number from 1 to 5\n"
    assert result.stdout == ""
    home.mkdir()
    (home / "store.json").write_text("{oops")
    broken = run("history", code=1)
    assert broken.stderr.count("\n") == 1 and "not valid JSON" in broken.stderr


def test_no_colour_when_piped_or_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in run("week").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[3" not in run("strategies").stdout


def test_python_dash_m_works_like_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reconnect_cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    from reconnect_cli import __version__

    assert result.stdout.strip() == f"reconnect {__version__}"
    result = subprocess.run(
        [sys.executable, "-m", "reconnect_cli", "paths", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert json.loads(result.stdout)["home"] == os.environ["RECONNECT_HOME"]


@pytest.mark.parametrize("columns", [50, 72, 120])
def test_tables_and_text_fit_the_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    from rich.cells import cell_len

    long_words = "We talked about the long weekend and what we would like to change in the mornings"
    cli("setup", "--name", "Sam", "--partner", "Alex")
    for rating in ("3", "4", "5"):
        cli("checkin", "-r", rating, "-p", "4", "--highlight", long_words)
    cli("note", long_words)
    monkeypatch.setenv("COLUMNS", str(columns))
    for args in (
        ["week"],
        ["history"],
        ["stats"],
        ["strategies"],
        ["strategies", "show", "12"],
        ["prompts", "gratitude", "-n", "5"],
        ["schedule"],
        ["notes"],
        ["backup", "list"],
        ["doctor"],
        ["paths"],
    ):
        lines = cli(*args).stdout.splitlines()
        widest = max(cell_len(line.rstrip()) for line in lines)
        assert widest <= columns, f"reconnect {' '.join(args)} is {widest} wide at {columns}"
