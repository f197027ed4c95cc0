"""reconnect setup and reconnect paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli


def test_setup_with_flags(cli: Cli, store_file: Path) -> None:
    result = cli(
        "setup",
        "--name",
        "Sam",
        "--partner",
        "Alex",
        "--day",
        "wednesday",
        "--time",
        "20:15",
        "--minutes",
        "60",
    )
    assert "Saved." in result.stdout
    assert "every Wednesday at 20:15, 60 minutes" in result.stdout
    settings = json.loads(store_file.read_text())["settings"]
    assert settings["name"] == "Sam" and settings["partner"] == "Alex"
    assert (settings["talk_day"], settings["talk_time"], settings["talk_minutes"]) == (
        "wednesday",
        "20:15",
        60,
    )


def test_setup_changes_only_what_it_is_given(cli: Cli, store_file: Path) -> None:
    cli("setup", "--name", "Sam", "--partner", "Alex")
    cli("setup", "--time", "9:05", "--day", "SAT")
    settings = json.loads(store_file.read_text())["settings"]
    assert settings["name"] == "Sam"
    assert (settings["talk_day"], settings["talk_time"]) == ("saturday", "09:05")


def test_setup_asks_in_a_terminal(
    cli: Cli, store_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconnect_cli.commands import setup

    monkeypatch.setattr(setup, "can_ask", lambda: True)
    cli("setup", input="Robin\nKai\nfunday\nfriday\n25:00\n21:00\n\n")
    settings = json.loads(store_file.read_text())["settings"]
    assert (settings["name"], settings["partner"]) == ("Robin", "Kai")
    assert (settings["talk_day"], settings["talk_time"], settings["talk_minutes"]) == (
        "friday",
        "21:00",
        45,
    )


def test_setup_without_a_terminal_needs_flags(cli: Cli, home: Path) -> None:
    assert "give the settings as flags" in cli("setup", code=2).stderr
    assert not home.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--day", "funday"], "--day: 'funday' is not a day of the week"),
        (["--time", "25:00"], "--time: 25:00 is not a time of day"),
        (["--minutes", "5"], "--minutes: '5' is not a whole number from 15 to 180"),
        (["--focus", "9"], "--focus: '9' is not a whole number from 1 to 4"),
        (["--name", "   "], "--name: a name is 1 to 60 printable characters"),
        (["--week-starts", "caturday"], "--week-starts: 'caturday' is not a day"),
    ],
)
def test_bad_settings_are_refused(cli: Cli, home: Path, args: list[str], message: str) -> None:
    result = cli("setup", *args, code=2)
    assert message in result.stderr
    assert not home.exists()


def test_focus_and_prompt_counts_shape_the_week(cli: Cli) -> None:
    cli("setup", "--focus", "3", "--prompts", "5")
    plan = cli.json("week")
    assert len(plan["focus"]) == 3
    assert len(plan["prompts"]) == 5


def test_paths(cli: Cli, home: Path) -> None:
    where = cli.json("paths")
    assert where == {
        "home": str(home),
        "store": str(home / "store.json"),
        "lock": str(home / "store.lock"),
        "backups": str(home / "backups"),
        "cache": str(home / "cache"),
    }
    assert str(home / "store.json") in cli("paths").stdout.replace("\n", "")
    assert not home.exists()


def test_paths_default_to_the_platform_data_folder(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.delenv("RECONNECT_HOME")
    expected = platformdirs.user_data_path("reconnect", appauthor=False)
    assert cli.json("paths")["home"] == str(expected)
