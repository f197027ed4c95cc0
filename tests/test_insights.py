"""reconnect stats and the care nudge, on constructed histories."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import Cli
from reconnect_cli import store
from reconnect_cli.models import CheckIn, Rotation, Settings, Store

# The pinned now is Wednesday 25 November 2026; its ritual week starts Sunday 22 November.
THIS_WEEK = date(2026, 11, 22)
UTC = timezone.utc


def week(back: int) -> date:
    """The Sunday `back` weeks before this week's."""
    return THIS_WEEK - timedelta(weeks=back)


def checkin(
    day: date, rating: int, partner: int | None = None, strategies: Sequence[str] = ()
) -> CheckIn:
    moment = datetime(day.year, day.month, day.day, 20, 30, tzinfo=UTC)
    return CheckIn(
        id=str(uuid.uuid4()),
        date=day,
        rating=rating,
        partner_rating=partner,
        strategies=list(strategies),
        created_at=moment,
        updated_at=moment,
    )


def write_history(
    home: Path,
    checkins: Sequence[CheckIn],
    skipped: Sequence[date] = (),
    started: date = date(2026, 1, 4),
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    data = Store(
        created_at=datetime(started.year, started.month, started.day, 9, tzinfo=UTC),
        rotation=Rotation(seed=5),
        settings=Settings(name="Sam", partner="Alex"),
        checkins=list(checkins),
        skipped_weeks=list(skipped),
    )
    (home / "store.json").write_bytes(store.dump_store(data))


def test_weeks_kept_with_gaps_and_skips(cli: Cli, home: Path) -> None:
    history = [checkin(week(b), 4, 4) for b in (1, 2, 4, 5, 7, 8, 9, 10, 11)]
    write_history(home, history, skipped=[week(3)])
    figures = cli.json("stats")
    # 12 weeks: this week is still open, week 3 was skipped; 10 counted, 9 kept.
    assert (figures["weeks"], figures["weeks_with_checkin"], figures["skipped_weeks"]) == (10, 9, 1)
    assert figures["longest_run"] == 5  # weeks 11..7; week 6 broke it; the skip does not
    assert "You kept 9 of the last 10 weeks. 1 skipped week is left out." in cli("stats").stdout


def test_this_weeks_check_in_counts_once_it_is_there(cli: Cli, home: Path) -> None:
    write_history(home, [checkin(week(0) + timedelta(days=1), 5, 5), checkin(week(1), 4)])
    figures = cli.json("stats", "--weeks", "4")
    assert (figures["weeks"], figures["weeks_with_checkin"]) == (4, 2)
    assert len(figures["chart"]) == 4
    assert figures["chart"][-1]["rating"] == 5


def test_a_skipped_week_does_not_break_the_longest_run(cli: Cli, home: Path) -> None:
    write_history(home, [checkin(week(b), 3) for b in (1, 2, 4, 5)], skipped=[week(3)])
    assert cli.json("stats")["longest_run"] == 4


def test_averages_of_each_partner(cli: Cli, home: Path) -> None:
    write_history(home, [checkin(week(1), 4, 2), checkin(week(2), 3, None), checkin(week(3), 5, 3)])
    figures = cli.json("stats")
    assert figures["average_rating"] == 4.0
    assert figures["average_partner_rating"] == 2.5


@pytest.mark.parametrize(
    ("earlier", "later", "trend"),
    [
        ((2, 2, 3), (4, 4, 5), "up"),
        ((4, 5, 4), (3, 2, 3), "down"),
        ((4, 3, 4), (4, 4, 3), "steady"),
    ],
)
def test_trend_compares_the_later_half_with_the_earlier(
    cli: Cli, home: Path, earlier: tuple[int, ...], later: tuple[int, ...], trend: str
) -> None:
    history = [checkin(week(11 - i), r, r) for i, r in enumerate(earlier)]
    history += [checkin(week(3 - i), r, r) for i, r in enumerate(later)]
    write_history(home, history)
    assert cli.json("stats")["trend"] == trend


def test_too_little_data_for_a_trend_says_so(cli: Cli, home: Path) -> None:
    write_history(home, [checkin(week(1), 4)])
    figures = cli.json("stats")
    assert figures["trend"] is None
    assert figures["trend_note"] == "Not enough talks yet to see a trend."


def test_per_strategy_figures(cli: Cli, home: Path) -> None:
    write_history(
        home,
        [checkin(week(1), 4, 2, ["gratitude"]), checkin(week(2), 5, 5, ["gratitude", "empathy"])],
    )
    by_id = {s["id"]: s for s in cli.json("stats")["strategies"]}
    assert by_id["gratitude"]["practiced"] == 2
    assert by_id["gratitude"]["average_rating"] == 4.0  # talks of 3.0 and 5.0
    assert by_id["empathy"]["average_rating"] == 5.0
    assert by_id["forgiveness"] == {
        "id": "forgiveness",
        "title": "Practice forgiveness",
        "featured": 0,
        "practiced": 0,
        "average_rating": None,
    }
    assert len(by_id) == 12


def test_featured_counts_the_weeks_in_focus(cli: Cli) -> None:
    plan = cli.json("week")
    featured = {s["id"]: s["featured"] for s in cli.json("stats")["strategies"]}
    assert all(featured[f["id"]] == 1 for f in plan["focus"])
    assert sum(featured.values()) == 2


def test_a_partner_gap_is_named_gently(cli: Cli, home: Path) -> None:
    write_history(home, [checkin(week(1), 5, 2), checkin(week(2), 4, 4), checkin(week(3), 1, 4)])
    figures = cli.json("stats")
    assert figures["partner_gap"].startswith("In 2 of your last 3 talks, Sam and Alex felt")
    write_history(home, [checkin(week(1), 5, 2), checkin(week(2), 4, 4)])
    assert cli.json("stats")["partner_gap"] is None


@pytest.mark.parametrize(
    ("ratings", "nudged"),
    [
        ([(4, 4), (2, 4), (2, 4), (2, 4)], True),  # your last three average 2
        ([(4, 4), (4, 1), (4, 2), (4, 3)], True),  # your partner's average 2
        ([(5, 5), (4, 5), (3, 5), (2, 5)], True),  # falling four talks in a row
        ([(2, 2), (2, 2), (2, 2), (4, 4)], False),  # getting better: the nudge goes away
        ([(4, 4), (3, 3), (4, 4), (3, 3)], False),
        ([(1, None), (1, None)], False),  # too few talks to say
    ],
)
def test_the_care_nudge(
    cli: Cli, home: Path, ratings: list[tuple[int, int | None]], nudged: bool
) -> None:
    history = [checkin(week(len(ratings) - i), you, them) for i, (you, them) in enumerate(ratings)]
    write_history(home, history)
    nudge = cli.json("stats")["nudge"]
    week_nudge = cli.json("week")["nudge"]
    assert (nudge is not None) is nudged
    assert week_nudge == nudge
    if nudged:
        assert "reconnect strategies show 12" in nudge
        assert "therapist" in nudge
        assert "reconnect strategies show 12" in " ".join(cli("week").stdout.split())


def test_stats_text_has_a_chart_and_no_streak_words(cli: Cli, home: Path) -> None:
    write_history(home, [checkin(week(b), 1 + b % 5, 5 - b % 5) for b in range(1, 12)])
    text = cli("stats").stdout
    assert "Week by week" in text and "Sam " in text and "Alex" in text
    assert "▁" in text or "█" in text
    for word in ("streak", "failed", "broke", "lost"):
        assert word not in text.lower()


def test_stats_weeks_is_checked(cli: Cli) -> None:
    assert (
        "--weeks: '1' is not a whole number from 2 to 520"
        in cli("stats", "--weeks", "1", code=2).stderr
    )
