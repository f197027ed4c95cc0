"""reconnect schedule export: an .ics file that independent parsers read as we mean it.

The file is parsed with `icalendar` and expanded with `recurring-ical-events`, and
the talks they find are compared with the planner's own, across daylight-saving
changes in both hemispheres and in a zone without them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from conftest import Cli
from reconnect_cli import schedule
from reconnect_cli.models import Settings

UTC = timezone.utc
WEEKS = 64


def export(cli: Cli, *args: str) -> bytes:
    """The exported file, byte for byte as written to stdout."""
    return bytes(cli("schedule", "export", "-o", "-", *args).stdout_bytes)


def vevents(content: bytes) -> list[Any]:
    """The file's VEVENTs, as icalendar reads them (loosely typed, like the format)."""
    calendar: Any = icalendar.Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


def expand(content: bytes, weeks: int = WEEKS) -> list[datetime]:
    calendar: Any = icalendar.Calendar.from_ical(content)
    events = recurring_ical_events.of(calendar).between(
        datetime(2026, 11, 1, tzinfo=UTC),
        datetime(2026, 11, 1, tzinfo=UTC) + timedelta(weeks=weeks),
    )
    return sorted(event["DTSTART"].dt.astimezone(UTC) for event in events)


def planner_starts(zone: str, wall: str, weeks: int = WEEKS) -> list[datetime]:
    settings = Settings(talk_time=wall, timezone=zone)
    return [
        start.astimezone(UTC)
        for start in schedule.regular_starts(settings, ZoneInfo(zone), date(2026, 11, 22), weeks)
    ]


@pytest.mark.parametrize(
    ("zone", "wall"),
    [
        ("Europe/Berlin", "19:30"),
        ("America/New_York", "19:30"),
        ("Australia/Sydney", "19:30"),
        ("Asia/Kolkata", "19:30"),
        # Slots that meet a spring-forward gap or a fall-back fold on some Sundays.
        ("Europe/Berlin", "02:30"),
        ("America/New_York", "02:30"),
        ("America/New_York", "01:30"),
        ("Australia/Sydney", "02:30"),
    ],
)
def test_calendars_see_the_same_talks_as_the_planner(cli: Cli, zone: str, wall: str) -> None:
    cli("schedule", "set", "--timezone", zone, "--time", wall)
    content = export(cli, "--weeks", str(WEEKS))
    ours = planner_starts(zone, wall)
    theirs = expand(content, weeks=WEEKS + 4)
    assert theirs == ours
    assert len(ours) == WEEKS
    offsets = {start.astimezone(ZoneInfo(zone)).utcoffset() for start in ours}
    assert len(offsets) == (1 if zone == "Asia/Kolkata" else 2)


def test_an_open_ended_series_agrees_too(cli: Cli) -> None:
    content = export(cli)
    assert b"UNTIL" not in content
    theirs = expand(content)
    assert len(theirs) >= 60
    assert theirs == planner_starts("Europe/Berlin", "19:30", WEEKS)[: len(theirs)]


def test_skipped_and_moved_weeks_are_in_the_file(cli: Cli) -> None:
    cli("schedule", "skip", "--date", "2026-12-02")
    cli("schedule", "move", "--to", "2026-12-10 20:00")
    content = export(cli, "--weeks", "10")
    events = vevents(content)
    assert len(events) == 2
    series, override = events
    assert series["UID"] == override["UID"]
    exdates = [d.dt for d in series["EXDATE"].dts]
    assert [d.isoformat() for d in exdates] == ["2026-11-29T19:30:00+01:00"]
    assert override["RECURRENCE-ID"].dt.isoformat() == "2026-12-06T19:30:00+01:00"
    assert override["DTSTART"].dt.isoformat() == "2026-12-10T20:00:00+01:00"
    starts = [s.astimezone(ZoneInfo("Europe/Berlin")).isoformat() for s in expand(content)]
    assert "2026-11-29T19:30:00+01:00" not in starts
    assert "2026-12-06T19:30:00+01:00" not in starts
    assert "2026-12-10T20:00:00+01:00" in starts
    # week, next and the file agree.
    assert cli.json("next")["start"] == "2026-12-10T20:00:00+01:00"
    assert cli.json("week", "--date", "2026-12-10")["slot"]["start"] == "2026-12-10T20:00:00+01:00"


def test_the_file_is_well_formed_rfc_5545(cli: Cli) -> None:
    cli("setup", "--name", "Sam", "--partner", "Alex, the one with a very long name indeed")
    content = export(cli)
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert content.endswith(b"END:VCALENDAR\r\n")
    lines = content.split(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert b"VERSION:2.0" in lines and any(line.startswith(b"PRODID:") for line in lines)
    text = content.replace(b"\r\n ", b"").decode()
    assert "DTSTART;TZID=Europe/Berlin:20261122T193000" in text
    assert "RRULE:FREQ=WEEKLY;BYDAY=SU" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Berlin" in text
    assert re.search(r"DTSTAMP:\d{8}T\d{6}Z", text)
    assert "DURATION:PT45M" in text
    assert "SUMMARY:Our weekly talk: Sam & Alex\\, the one with a very long name indeed" in text
    assert "Settle in\\, phones away" in text  # the agenda, escaped
    assert "TRIGGER:-PT30M" in text


def test_dtstart_falls_on_the_rules_day(cli: Cli) -> None:
    cli("schedule", "set", "--day", "wednesday", "--time", "20:15")
    event = vevents(export(cli))[0]
    assert event["DTSTART"].dt.strftime("%a") == "Wed"
    assert event["RRULE"]["BYDAY"] == ["WE"]


def test_until_is_utc_with_a_zoned_start(cli: Cli) -> None:
    until = vevents(export(cli, "--weeks", "12"))[0]["RRULE"]["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == timedelta(0)


def test_the_uid_is_stable_across_exports(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    first = vevents(export(cli))[0]["UID"]
    cli("schedule", "set", "--time", "21:00")
    monkeypatch.setenv("RECONNECT_NOW", "2027-03-01T09:00:00")
    second = vevents(export(cli))[0]["UID"]
    assert first == second
    assert str(first).endswith("@reconnect")


def test_alarm_default_custom_and_none(cli: Cli) -> None:
    assert b"TRIGGER:-PT30M" in export(cli)
    assert b"TRIGGER:-PT1H" in export(cli, "--alarm", "60")
    assert b"VALARM" not in export(cli, "--alarm", "0")


def test_export_writes_a_file(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("schedule", "export")
    assert "Wrote reconnect.ics" in result.stdout
    assert (tmp_path / "reconnect.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    target = tmp_path / "talk.ics"
    cli("schedule", "export", "-o", str(target))
    assert vevents(target.read_bytes())


def test_export_into_a_missing_folder_is_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("schedule", "export", "-o", str(tmp_path / "nowhere" / "x.ics"), code=1)
    assert result.stderr.startswith("reconnect: cannot write")
