"""What people type becomes a value or one clear UsageError, never anything else."""

from __future__ import annotations

import contextlib
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconnect_cli.errors import UsageError
from reconnect_cli.parsing import (
    WEEKDAYS,
    parse_clock_time,
    parse_count,
    parse_date,
    parse_rating,
    parse_weekday,
)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_real_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_usage_error(text: str) -> None:
    try:
        result = parse_date(text)
    except UsageError as problem:
        assert "\n" not in problem.message
    else:
        assert isinstance(result, date)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2026-04-31", "2025-02-29"])
def test_impossible_dates_are_named(text: str) -> None:
    with pytest.raises(UsageError, match="not a real date"):
        parse_date(text)


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_dates_far_from_any_couple_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match="1900 to 2999"):
        parse_date(text)


def test_leap_day_is_real() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)


@given(st.times())
def test_every_clock_time_reads_back(moment: time) -> None:
    assert parse_clock_time(moment.strftime("%H:%M")) == moment.replace(second=0, microsecond=0)


@pytest.mark.parametrize("text", ["25:00", "24:00", "19:60", "7pm", "", "19.30"])
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_clock_time(text)


@given(st.text(max_size=12))
def test_any_text_is_a_time_or_a_usage_error(text: str) -> None:
    with contextlib.suppress(UsageError):
        assert isinstance(parse_clock_time(text), time)


@pytest.mark.parametrize("name", WEEKDAYS)
def test_weekdays_full_short_and_any_case(name: str) -> None:
    assert parse_weekday(name) == name
    assert parse_weekday(name[:3].upper()) == name


@pytest.mark.parametrize("text", ["funday", "", "s", "sundays"])
def test_unknown_weekdays_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match="not a day of the week"):
        parse_weekday(text)


@given(st.integers(1, 5))
def test_ratings_one_to_five(value: int) -> None:
    assert parse_rating(str(value)) == value


@given(st.text(max_size=6).filter(lambda t: t.strip() not in {"1", "2", "3", "4", "5"}))
def test_anything_else_is_not_a_rating(text: str) -> None:
    with pytest.raises(UsageError, match="from 1 to 5"):
        parse_rating(text)


def test_counts_have_bounds() -> None:
    assert parse_count("45", "--minutes", 15, 180) == 45
    for text in ("14", "181", "-1", "4.5", "٤٥"):
        with pytest.raises(UsageError):
            parse_count(text, "--minutes", 15, 180)
