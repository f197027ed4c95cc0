"""Kind figures about how the ritual is going, and a gentle nudge when it gets hard.

No streak that resets to zero and no score to fail: weeks kept out of weeks
counted, the longest run (which only ever grows), averages, a trend. Skipped
weeks and the current, unfinished week are never counted against anyone.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from reconnect_cli.models import (
    CHECKIN_ORDER,
    Catalogue,
    ChartWeek,
    CheckIn,
    Stats,
    Store,
    StrategyStats,
    Trend,
)
from reconnect_cli.schedule import week_start_for


def fmean(values: Sequence[float]) -> float:
    """The arithmetic mean (statistics.fmean, without importing fractions and decimal)."""
    return sum(values) / len(values)


WEEK = timedelta(days=7)
TREND_STEP = 0.5  # how far the later half must move from the earlier to be a trend
GAP = 2  # ratings this far apart in one talk are worth talking about
CARE_THRESHOLD = 2.0

CARE_NUDGE = (
    "Your last few talks seem to have been heavy going. That happens to every couple now and "
    "then, so be gentle with each other. If it keeps feeling this way, a couples therapist can "
    "help you find your way back together: 'reconnect strategies show 12' has ideas on how "
    "to find one."
)


def talk_rating(checkin: CheckIn) -> float:
    """One figure for a talk: the mean of the ratings it has."""
    ratings = [checkin.rating]
    if checkin.partner_rating is not None:
        ratings.append(checkin.partner_rating)
    return fmean(ratings)


def in_order(checkins: Sequence[CheckIn]) -> list[CheckIn]:
    return sorted(checkins, key=CHECKIN_ORDER)


def care_nudge(checkins: Sequence[CheckIn]) -> str | None:
    """A warm pointer to outside help when the last three talks average 2 or less for
    either partner, or their ratings have fallen four talks in a row; None otherwise,
    so it goes away by itself when things improve."""
    ordered = in_order(checkins)
    yours = [c.rating for c in ordered]
    theirs = [c.partner_rating for c in ordered if c.partner_rating is not None]
    for ratings in (yours, theirs):
        if len(ratings) >= 3 and fmean(ratings[-3:]) <= CARE_THRESHOLD:
            return CARE_NUDGE
        last_four = ratings[-4:]
        if len(last_four) == 4 and all(b < a for a, b in itertools.pairwise(last_four)):
            return CARE_NUDGE
    return None


def partner_gap(checkins: Sequence[CheckIn], names: tuple[str, str]) -> str | None:
    """Say gently when the two of you felt quite differently in several recent talks."""
    both = [c for c in in_order(checkins) if c.partner_rating is not None][-5:]
    apart = [c for c in both if abs(c.rating - (c.partner_rating or 0)) >= GAP]
    if len(apart) < 2:
        return None
    return (
        f"In {len(apart)} of your last {len(both)} talks, {names[0]} and {names[1]} felt "
        "quite differently about how close you were. That is worth a gentle conversation: "
        "what made the talk feel different for each of you?"
    )


def practice_record(store: Store) -> dict[str, list[float]]:
    """For each strategy, the ratings of the talks that practised it."""
    record: dict[str, list[float]] = defaultdict(list)
    for checkin in store.checkins:
        for strategy_id in checkin.strategies:
            record[strategy_id].append(talk_rating(checkin))
    return record


def learning_order(store: Store, shuffled: Sequence[str]) -> list[str]:
    """Order a new cycle: strategies never practised first, then those whose talks were
    rated lowest; the shuffle breaks ties, so the order stays the couple's own."""
    record = practice_record(store)

    def priority(strategy_id: str) -> tuple[int, float]:
        ratings = record.get(strategy_id)
        return (0, 0.0) if not ratings else (1, fmean(ratings))

    return sorted(shuffled, key=priority)  # sorted() is stable: ties keep the shuffle


class WeekLedger:
    """Which ritual weeks count, kindly: the one rule behind every "kept N of M weeks".

    A week counts from the couple's first week on. The current week counts only once
    it has a check-in (it is not over yet), and a skipped week is never held against
    anyone: it is left out unless they checked in anyway.
    """

    def __init__(self, store: Store) -> None:
        week_starts = store.settings.week_starts
        self.by_week: dict[date, list[CheckIn]] = defaultdict(list)
        for checkin in store.checkins:
            self.by_week[week_start_for(checkin.date, week_starts)].append(checkin)
        self.skipped = set(store.skipped_weeks)
        self.first_week = min([week_start_for(store.created_at.date(), week_starts), *self.by_week])

    def checked(self, week: date) -> bool:
        return week in self.by_week

    def left_out_as_skipped(self, week: date) -> bool:
        return week >= self.first_week and week in self.skipped and not self.checked(week)

    def counts(self, week: date, current_start: date) -> bool:
        if week < self.first_week or (week == current_start and not self.checked(week)):
            return False
        return not self.left_out_as_skipped(week)


def weekly_stats(store: Store, catalogue: Catalogue, current_start: date, window: int) -> Stats:
    settings = store.settings
    weeks_in_window = [current_start - WEEK * back for back in reversed(range(window))]
    ledger = WeekLedger(store)
    by_week, skipped, first_week = ledger.by_week, ledger.skipped, ledger.first_week
    counted = [week for week in weeks_in_window if ledger.counts(week, current_start)]
    skipped_count = sum(1 for week in weeks_in_window if ledger.left_out_as_skipped(week))
    kept = sum(1 for week in counted if ledger.checked(week))

    window_checkins = in_order([c for week in weeks_in_window for c in by_week.get(week, [])])
    partner_ratings = [c.partner_rating for c in window_checkins if c.partner_rating is not None]
    trend, trend_note = _trend(weeks_in_window, by_week)
    titles = {s.id: s.title for s in catalogue.strategies}
    window_plans = [w for w in store.weeks if w.week_start in set(weeks_in_window)]
    strategies = []
    for strategy in catalogue.strategies:
        practiced = [c for c in window_checkins if strategy.id in c.strategies]
        strategies.append(
            StrategyStats(
                id=strategy.id,
                title=titles[strategy.id],
                featured=sum(1 for w in window_plans if any(p.id == strategy.id for p in w.focus)),
                practiced=len(practiced),
                average_rating=_rounded([talk_rating(c) for c in practiced]),
            )
        )
    you, them = settings.name or "You", settings.partner or "your partner"
    return Stats(
        weeks=len(counted),
        weeks_with_checkin=kept,
        skipped_weeks=skipped_count,
        longest_run=_longest_run(first_week, current_start, by_week, skipped),
        average_rating=_rounded([c.rating for c in window_checkins]),
        average_partner_rating=_rounded([float(r) for r in partner_ratings]),
        trend=trend,
        trend_note=trend_note,
        summary=_summary(kept, len(counted), skipped_count),
        chart=[
            ChartWeek(
                week_start=week,
                rating=_rounded([c.rating for c in by_week.get(week, [])]),
                partner_rating=_rounded(
                    [c.partner_rating for c in by_week.get(week, []) if c.partner_rating]
                ),
                skipped=week in skipped,
            )
            for week in weeks_in_window
        ],
        strategies=strategies,
        partner_gap=partner_gap(window_checkins, (you, them)),
        nudge=care_nudge(store.checkins),
    )


def _rounded(values: Sequence[float]) -> float | None:
    return round(fmean(values), 1) if values else None


def _summary(kept: int, weeks: int, skipped: int) -> str:
    if weeks == 0:
        line = "No weeks to count yet: your first check-in starts the picture."
    else:
        line = f"You kept {kept} of the last {weeks} {'week' if weeks == 1 else 'weeks'}."
    if skipped:
        line += f" {skipped} skipped {'week is' if skipped == 1 else 'weeks are'} left out."
    return line


def _longest_run(
    first_week: date, current_start: date, by_week: dict[date, list[CheckIn]], skipped: set[date]
) -> int:
    """The most weeks in a row with a check-in; a skipped week neither breaks nor adds."""
    longest = run = 0
    week = first_week
    while week <= current_start:
        if week in by_week:
            run += 1
            longest = max(longest, run)
        elif week not in skipped and week != current_start:
            run = 0
        week += WEEK
    return longest


def _trend(weeks: Sequence[date], by_week: dict[date, list[CheckIn]]) -> tuple[Trend | None, str]:
    half = len(weeks) // 2
    earlier = [talk_rating(c) for week in weeks[:half] for c in by_week.get(week, [])]
    later = [talk_rating(c) for week in weeks[half:] for c in by_week.get(week, [])]
    if len(earlier) < 2 or len(later) < 2:
        return None, "Not enough talks yet to see a trend."
    change = fmean(later) - fmean(earlier)
    if change >= TREND_STEP:
        return "up", f"Your talks feel closer lately ({fmean(earlier):.1f} to {fmean(later):.1f})."
    if change <= -TREND_STEP:
        return "down", (
            f"Your talks have felt a little less close lately ({fmean(earlier):.1f} to "
            f"{fmean(later):.1f})."
        )
    return "steady", f"Steady: about {fmean(later):.1f} out of 5."
