"""reconnect week: the plan of a ritual week."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli, set_now


def test_week_works_on_a_fresh_install(cli: Cli) -> None:
    result = cli("week")
    text = result.stdout
    assert "Week of Sun 22 Nov – Sat 28 Nov 2026" in text
    assert "Your talk: Sunday 22 Nov, 19:30–20:15 (45 minutes)" in text
    assert "In focus this week" in text
    assert "Questions to talk about" in text
    assert "first week" in text


def test_week_json_contract(cli: Cli) -> None:
    plan = cli.json("week")
    assert plan["week_start"] == "2026-11-22"
    assert plan["week_end"] == "2026-11-28"
    assert plan["slot"]["start"] == "2026-11-22T19:30:00+01:00"
    assert plan["slot"]["minutes"] == 45
    assert len(plan["focus"]) == 2
    for focus in plan["focus"]:
        assert set(focus) >= {"id", "number", "title", "why", "practices"}
        assert len(focus["practices"]) == 2
        catalogue = cli.json("strategies", "show", focus["id"])["practices"]
        assert set(focus["practices"]) <= set(catalogue)
        assert focus["why"]
    assert sum(step["minutes"] for step in plan["agenda"]) == 45
    assert all(set(step) >= {"title", "minutes"} for step in plan["agenda"])
    assert len(plan["prompts"]) == 3
    focus_ids = {f["id"] for f in plan["focus"]}
    for prompt in plan["prompts"]:
        assert set(prompt) >= {"id", "strategy", "text", "depth"}
        assert prompt["strategy"] in focus_ids
    assert plan["preview"] is False


def test_the_plan_is_saved_and_never_changes(
    cli: Cli, store_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cli.json("week")
    saved = store_file.read_bytes()
    assert cli.json("week") == first
    assert store_file.read_bytes() == saved
    set_now(monkeypatch, "2026-12-20T10:00:00")
    again = cli.json("week", "--date", "2026-11-25")
    assert again["focus"] == first["focus"] and again["prompts"] == first["prompts"]


def test_a_future_week_is_a_preview_that_writes_nothing(cli: Cli, store_file: Path) -> None:
    cli("week")
    before = store_file.read_bytes()
    preview = cli.json("week", "--date", "2026-12-09")
    assert preview["preview"] is True
    assert preview["week_start"] == "2026-12-06"
    cli("week", "--date", "2027-01-01")
    assert store_file.read_bytes() == before


def test_a_preview_on_a_new_install_holds(cli: Cli, store_file: Path) -> None:
    # With no store yet, one is made (its seed fixes the rotation); the preview saves no plan.
    first = cli.json("week", "--date", "2026-12-09")
    assert cli.json("week", "--date", "2026-12-09") == first
    assert json.loads(store_file.read_text())["weeks"] == []


def test_a_preview_matches_the_plan_when_its_week_comes(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("week")
    preview = cli.json("week", "--date", "2026-12-06")
    set_now(monkeypatch, "2026-11-29T09:00:00")
    cli("week")
    set_now(monkeypatch, "2026-12-06T09:00:00")
    actual = cli.json("week")
    assert actual["focus"] == preview["focus"]
    assert actual["prompts"] == preview["prompts"]


def test_previews_reach_a_year_ahead(cli: Cli, store_file: Path) -> None:
    assert cli.json("week", "--date", "2027-11-25")["preview"] is True
    before = store_file.read_bytes()
    result = cli("week", "--date", "2027-12-01", code=2)
    assert "more than a year ahead; previews reach 52 weeks ahead" in result.stderr
    assert store_file.read_bytes() == before


def test_a_past_week_is_planned_and_saved(cli: Cli, store_file: Path) -> None:
    past = cli.json("week", "--date", "2026-10-01")
    assert past["week_start"] == "2026-09-27"
    assert past["preview"] is False
    assert "2026-09-27" in store_file.read_text()


def test_week_uses_the_couples_names_and_slot(cli: Cli) -> None:
    cli(
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
    plan = cli.json("week")
    assert plan["slot"]["start"] == "2026-11-25T20:15:00+01:00"
    assert plan["slot"]["minutes"] == 60
    assert sum(step["minutes"] for step in plan["agenda"]) == 60
    assert "Sam and Alex" in plan["agenda"][2]["about"]
    text = cli("week").stdout
    assert "Wednesday 25 Nov, 20:15–21:15 (60 minutes)" in text


def test_week_reports_recent_check_ins(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("setup", "--name", "Sam", "--partner", "Alex")
    for day in ("2026-11-01", "2026-11-08", "2026-11-22"):
        cli("checkin", "--date", day, "--rating", "4", "--partner-rating", "5")
    set_now(monkeypatch, "2026-11-30T10:00:00")
    plan = cli.json("week")
    recent = plan["recent"]
    assert recent["weeks"] == 4  # since the first check-in's week; the current week is not over
    assert recent["weeks_with_checkin"] == 3
    assert recent["summary"].startswith("You checked in 3 of the last 4 weeks.")
    assert "Sam 4/5, Alex 5/5" in recent["summary"]


def test_week_in_another_time_zone(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Australia/Sydney")
    plan = cli.json("week")
    assert plan["slot"]["start"] == "2026-11-22T19:30:00+11:00"


def test_week_text_has_no_colour_when_piped(cli: Cli) -> None:
    assert "\x1b[" not in cli("week").stdout
