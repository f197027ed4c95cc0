"""Bad input gets one line and exit 2; a store we cannot use gets one line and exit 1.
Either way nothing is written and no traceback is shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli

EVERY_COMMAND = [
    ["week"],
    ["week", "--json"],
    ["week", "--date", "2027-01-10"],
    ["checkin", "--rating", "4"],
    ["history"],
    ["history", "--json"],
    ["prompts"],
    ["setup", "--name", "Sam"],
    ["stats"],
    ["export", "--format", "csv"],
    ["next"],
    ["schedule"],
    ["schedule", "skip"],
    ["schedule", "export", "-o", "-"],
    ["edit", "00000000", "--rating", "3"],
    ["delete", "00000000", "--yes"],
    ["note", "a topic"],
    ["notes"],
]

BROKEN_STORES = {
    "not json": b"{ this is not json",
    "empty file": b"",
    "bad utf-8": b"\xff\xfe\x00garbage",
    "a list": b"[]",
    "wrong field": json.dumps({"schema_version": 1, "surprise": True}).encode(),
    "bad rating": None,  # built from a real store below
}


def _broken_rating_store(cli: Cli, store_file: Path) -> bytes:
    cli("checkin", "--rating", "4")
    document = json.loads(store_file.read_text())
    document["checkins"][0]["rating"] = 9
    return json.dumps(document).encode()


@pytest.mark.parametrize("kind", sorted(BROKEN_STORES))
@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_broken_store_is_refused_and_left_byte_identical(
    cli: Cli, home: Path, store_file: Path, kind: str, args: list[str]
) -> None:
    raw = BROKEN_STORES[kind]
    if raw is None:
        raw = _broken_rating_store(cli, store_file)
    home.mkdir(exist_ok=True)
    store_file.write_bytes(raw)
    result = cli(*args, code=1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reconnect: ")
    assert str(store_file) in lines[0]
    assert "left untouched" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert store_file.read_bytes() == raw


def test_a_bad_rating_names_the_field(cli: Cli, store_file: Path) -> None:
    raw = _broken_rating_store(cli, store_file)
    store_file.write_bytes(raw)
    assert "checkins.0.rating" in cli("history", code=1).stderr


@pytest.mark.parametrize(
    "args",
    [
        ["week", "--nope"],
        ["checkin", "--rating"],
        ["history", "extra"],
        ["nonsense"],
        ["strategies", "show"],
        ["week", "--date", "2026-13-01"],
        ["week", "--date", "tomorrow"],
    ],
    ids=" ".join,
)
def test_usage_errors_are_one_line_with_status_2(cli: Cli, home: Path, args: list[str]) -> None:
    result = cli(*args, code=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reconnect: ")
    assert "Traceback" not in result.stderr
    assert not home.exists()


def test_a_bare_reconnect_shows_the_help(cli: Cli) -> None:
    result = cli()
    assert result.stdout.startswith("Usage: reconnect")
    assert "week" in result.stdout and "checkin" in result.stdout


def test_a_typo_suggests_the_command(cli: Cli) -> None:
    assert "week" in cli("wek", code=2).stderr


def test_a_bad_pinned_clock_is_a_usage_error(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECONNECT_NOW", "next tuesday")
    result = cli("week", code=2)
    assert "RECONNECT_NOW='next tuesday' is not an ISO date" in result.stderr


@pytest.mark.parametrize(
    ("pinned", "week_start"),
    [
        ("2026-11-29", "2026-11-29"),
        ("2026-11-28T23:59:00", "2026-11-22"),
        ("2026-11-28T23:30:00Z", "2026-11-29"),
        ("2026-11-29T01:00:00+05:00", "2026-11-22"),
    ],
)
def test_the_pinned_clock_reads_dates_and_date_times(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, pinned: str, week_start: str
) -> None:
    monkeypatch.setenv("RECONNECT_NOW", pinned)
    assert cli.json("week")["week_start"] == week_start
