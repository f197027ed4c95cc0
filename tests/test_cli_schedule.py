"""reconnect schedule (set, skip, move, reset) and reconnect next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli, set_now


def test_schedule_shows_the_slot_and_the_next_four(cli: Cli) -> None:
    overview = cli.json("schedule")
    assert overview["slot"] == {
        "day": "sunday",
        "time": "19:30",
        "minutes": 45,
        "timezone": "Europe/Berlin",
    }
    starts = [talk["start"] for talk in overview["upcoming"]]
    assert starts == [
        "2026-11-29T19:30:00+01:00",
        "2026-12-06T19:30:00+01:00",
        "2026-12-13T19:30:00+01:00",
        "2026-12-20T19:30:00+01:00",
    ]
    assert all(set(t) >= {"start", "minutes", "skipped", "moved"} for t in overview["upcoming"])
    text = cli("schedule").stdout
    assert "every Sunday at 19:30, 45 minutes (Europe/Berlin)" in text
    assert "Sun 29 Nov 2026" in text


def test_schedule_set_changes_the_regular_slot(cli: Cli, store_file: Path) -> None:
    cli(
        "schedule",
        "set",
        "--day",
        "sat",
        "--time",
        "10:00",
        "--minutes",
        "60",
        "--timezone",
        "America/New_York",
    )
    overview = cli.json("schedule")
    assert overview["slot"] == {
        "day": "saturday",
        "time": "10:00",
        "minutes": 60,
        "timezone": "America/New_York",
    }
    assert overview["upcoming"][0]["start"] == "2026-11-28T10:00:00-05:00"
    assert json.loads(store_file.read_text())["settings"]["timezone"] == "America/New_York"
    # An explicit zone is used from then on, whatever the system says.
    plan = cli.json("week")
    assert plan["slot"]["start"] == "2026-11-28T10:00:00-05:00"


def test_the_time_zone_defaults_to_the_systems(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    assert cli.json("schedule")["slot"]["timezone"] == "Asia/Kolkata"
    assert cli.json("next")["start"] == "2026-11-29T19:30:00+05:30"


def test_skip_marks_the_week_and_is_not_held_against_anyone(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in ("2026-11-01", "2026-11-08", "2026-11-22"):
        cli("checkin", "--date", day, "--rating", "4")
    cli("schedule", "skip", "--date", "2026-11-18")  # the week of 15 November
    assert cli.json("week", "--date", "2026-11-18")["slot"]["skipped"] is True
    assert cli.json("week")["slot"]["skipped"] is False
    set_now(monkeypatch, "2026-11-30T10:00:00")
    recent = cli.json("week")["recent"]
    assert (recent["weeks"], recent["weeks_with_checkin"]) == (3, 3)
    assert recent["summary"].startswith("You checked in 3 of the last 3 weeks.")


def test_skip_this_week_then_next_passes_over_it(cli: Cli) -> None:
    # Pinned to Wednesday 25 November: this week's talk (Sunday 22) is past.
    cli("schedule", "skip", "--date", "2026-11-29")
    upcoming = cli.json("schedule")["upcoming"]
    assert upcoming[0]["skipped"] is True
    nxt = cli.json("next")
    assert nxt["start"] == "2026-12-06T19:30:00+01:00"
    assert "skipped" in cli("week", "--date", "2026-11-29").stdout


def test_move_then_week_and_next_show_the_new_time(cli: Cli) -> None:
    cli("schedule", "move", "--to", "2026-12-01 20:00")
    plan = cli.json("week", "--date", "2026-12-01")
    assert plan["slot"]["start"] == "2026-12-01T20:00:00+01:00"
    assert plan["slot"]["moved"] is True
    nxt = cli.json("next")
    assert nxt["start"] == "2026-12-01T20:00:00+01:00"
    assert nxt["minutes"] == 45
    assert [f["id"] for f in nxt["focus"]] == [f["id"] for f in plan["focus"]]
    assert "moved" in cli("schedule").stdout


def test_move_replaces_a_skip_and_reset_undoes_both(cli: Cli) -> None:
    cli("schedule", "skip", "--date", "2026-11-30")
    cli("schedule", "move", "--to", "2026-12-02 18:00")
    talk = cli.json("schedule")["upcoming"][0]
    assert (talk["skipped"], talk["moved"]) == (False, True)
    assert "Back to the regular slot" in cli("schedule", "reset", "--date", "2026-12-02").stdout
    talk = cli.json("schedule")["upcoming"][0]
    assert (talk["skipped"], talk["moved"], talk["start"]) == (
        False,
        False,
        "2026-11-29T19:30:00+01:00",
    )
    assert "Already regular" in cli("schedule", "reset", "--date", "2026-12-02").stdout


def test_next_is_short_and_names_the_focus(cli: Cli) -> None:
    nxt = cli.json("next")
    assert set(nxt) >= {"start", "minutes", "focus"}
    assert nxt["starts_in"] == "in 4 days"
    line = cli("next").stdout.strip()
    assert line.startswith("Next talk: Sun 29 Nov at 19:30, in 4 days · ")
    assert len(line.splitlines()) == 1
    assert nxt["focus"][0]["title"] in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "--timezone", "Mars/Olympus"], "'Mars/Olympus' is not a known time zone"),
        (["set", "--timezone", "../etc"], "is not a known time zone"),
        (["set", "--time", "7pm"], "--time: '7pm' is not a time in the form HH:MM"),
        (["set", "--time", "25:00"], "--time: 25:00 is not a time of day"),
        (["set", "--day", "someday"], "--day: 'someday' is not a day of the week"),
        (["set"], "say what to change"),
        (["skip", "--date", "2026-02-30"], "not a real date"),
        (["reset", "--date", "29/11/2026"], "not a date in the form YYYY-MM-DD"),
        (["move", "--to", "2026-12-01"], "is not a moment in the form"),
        (["move", "--to", "2026-12-01 24:10"], "is not a time of day"),
        (["move", "--to", "2026-11-20 20:00"], "has already passed"),
        (["move", "--to", "2026-11-25 09:59"], "has already passed"),
        (["export", "--alarm", "-5"], "--alarm: '-5' is not a whole number"),
        (["export", "--weeks", "0"], "--weeks: '0' is not a whole number from 1 to 520"),
    ],
)
def test_bad_schedule_input_is_refused_and_writes_nothing(
    cli: Cli,
    store_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    cli("week")
    before = store_file.read_bytes()
    result = cli("schedule", *args, code=2)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert store_file.read_bytes() == before
    assert not (tmp_path / "reconnect.ics").exists()
