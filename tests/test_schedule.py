"""When talks happen: the weekly rule across DST in both hemispheres, skips and moves."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from reconnect_cli import schedule, validation
from reconnect_cli.models import MovedTalk, Rotation, Settings, Store

UTC = timezone.utc


def store_with(**settings: object) -> Store:
    return Store(
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        rotation=Rotation(seed=1),
        settings=validation.from_python(Settings, settings),
    )


@pytest.mark.parametrize(
    ("zone", "offsets"),
    [
        ("Europe/Berlin", {"+01:00", "+02:00"}),
        ("America/New_York", {"-05:00", "-04:00"}),
        ("Australia/Sydney", {"+11:00", "+10:00"}),
        ("Asia/Kolkata", {"+05:30"}),
    ],
)
def test_a_1930_talk_stays_at_1930_all_year(zone: str, offsets: set[str]) -> None:
    starts = schedule.regular_starts(Settings(), ZoneInfo(zone), date(2026, 1, 1), 60)
    assert all(start.strftime("%H:%M") == "19:30" for start in starts)
    assert all(start.strftime("%A") == "Sunday" for start in starts)
    assert {start.isoformat()[-6:] for start in starts} == offsets
    gaps = {b.astimezone(UTC) - a.astimezone(UTC) for a, b in itertools.pairwise(starts)}
    assert len(gaps) == (1 if len(offsets) == 1 else 3)  # 7 days, or 7 days ± 1 hour


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected"),
    [
        # Spring-forward gaps: the wall time does not exist, so it moves on by the gap.
        ("Europe/Berlin", date(2026, 3, 29), "02:30", "2026-03-29T03:30:00+02:00"),
        ("America/New_York", date(2026, 3, 8), "02:30", "2026-03-08T03:30:00-04:00"),
        ("Australia/Sydney", date(2026, 10, 4), "02:30", "2026-10-04T03:30:00+11:00"),
        # Fall-back folds: the wall time happens twice; the first one counts.
        ("Europe/Berlin", date(2026, 10, 25), "02:30", "2026-10-25T02:30:00+02:00"),
        ("America/New_York", date(2026, 11, 1), "01:30", "2026-11-01T01:30:00-04:00"),
        ("Australia/Sydney", date(2026, 4, 5), "02:30", "2026-04-05T02:30:00+11:00"),
    ],
)
def test_gaps_and_folds_follow_rfc_5545(zone: str, day: date, wall: str, expected: str) -> None:
    settings = Settings(talk_time=wall)
    start = schedule.regular_starts(settings, ZoneInfo(zone), day, 1)[0]
    assert start.isoformat() == expected


def test_the_weeks_talk_is_on_its_day_within_the_week() -> None:
    data = store_with(talk_day="wednesday", talk_time="20:15")
    talk = schedule.talk_for_week(data, date(2026, 11, 22), ZoneInfo("Europe/Berlin"))
    assert talk.start.isoformat() == "2026-11-25T20:15:00+01:00"
    assert talk.end.isoformat() == "2026-11-25T21:00:00+01:00"
    assert not talk.skipped and not talk.moved


def test_skipped_and_moved_weeks() -> None:
    zone = ZoneInfo("Europe/Berlin")
    data = store_with()
    data.skipped_weeks = [date(2026, 11, 29)]
    moved_to = datetime(2026, 12, 8, 20, 0, tzinfo=zone)
    data.moved_talks = [MovedTalk(week_start=date(2026, 12, 6), start=moved_to)]
    skipped = schedule.talk_for_week(data, date(2026, 11, 29), zone)
    moved = schedule.talk_for_week(data, date(2026, 12, 6), zone)
    assert skipped.skipped and not skipped.moved
    assert moved.moved and moved.start == moved_to
    now = datetime(2026, 11, 25, 10, 0, tzinfo=zone)
    upcoming = schedule.upcoming_talks(data, zone, now, date(2026, 11, 22), 4)
    assert [t.week_start for t in upcoming] == [
        date(2026, 11, 29),
        date(2026, 12, 6),
        date(2026, 12, 13),
        date(2026, 12, 20),
    ]
    assert schedule.next_talk(data, zone, now, date(2026, 11, 22)).start == moved_to


def test_a_talk_under_way_is_still_upcoming() -> None:
    zone = ZoneInfo("Europe/Berlin")
    data = store_with()
    during = datetime(2026, 11, 22, 19, 50, tzinfo=zone)
    talk = schedule.next_talk(data, zone, during, date(2026, 11, 22))
    assert talk.week_start == date(2026, 11, 22)
    after = during + timedelta(hours=1)
    assert schedule.next_talk(data, zone, after, date(2026, 11, 22)).week_start == date(
        2026, 11, 29
    )


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (-5, "now"),
        (0.5, "in under a minute"),
        (1, "in 1 minute"),
        (59, "in 59 minutes"),
        (60, "in 1 hour"),
        (125, "in 2 hours"),
        (1440, "in 1 day"),
        (4 * 1440 + 300, "in 4 days"),
    ],
)
def test_starts_in(minutes: float, text: str) -> None:
    now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert schedule.starts_in(now + timedelta(minutes=minutes), now) == text


def test_rrule_is_the_only_source_of_occurrences() -> None:
    rule = schedule.weekly_rule(Settings(talk_day="friday", talk_time="07:05"), date(2026, 1, 1))
    first = next(iter(rule))
    assert first == datetime.combine(date(2026, 1, 2), time(7, 5))
