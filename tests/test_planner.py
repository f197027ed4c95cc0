"""The rules of the ritual week, tested on plain values."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from reconnect_cli import planner, schedule, validation
from reconnect_cli.catalogue import load_catalogue
from reconnect_cli.models import Rotation, Settings, SlotView, Store
from reconnect_cli.parsing import WEEKDAYS

BERLIN = tz.gettz("Europe/Berlin")
START = datetime(2026, 1, 4, 9, 0, tzinfo=BERLIN)  # a Sunday


def slot_of(settings: Settings, week_start: date) -> SlotView:
    store = Store(created_at=START, rotation=Rotation(seed=1), settings=settings)
    return schedule.talk_for_week(store, week_start, BERLIN)  # type: ignore[arg-type]


def fresh_store(seed: int = 7, **settings: object) -> Store:
    return Store(
        created_at=START,
        rotation=Rotation(seed=seed),
        settings=validation.from_python(Settings, settings),
    )


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.sampled_from(WEEKDAYS))
def test_a_ritual_week_starts_on_its_day_and_holds_the_date(day: date, week_starts: str) -> None:
    start = schedule.week_start_for(day, week_starts)
    assert WEEKDAYS[start.weekday()] == week_starts
    assert start <= day < start + timedelta(days=7)


@given(st.integers(15, 180))
def test_the_agenda_exactly_fills_the_slot(minutes: int) -> None:
    settings = Settings(talk_minutes=minutes)
    slot = slot_of(settings, date(2026, 11, 22))
    agenda = planner.build_agenda(slot, settings, ["Practice gratitude"])
    assert sum(step.minutes for step in agenda) == minutes
    assert all(step.minutes >= 1 for step in agenda)
    assert agenda[0].starts_at == "19:30"


def test_the_default_agenda_has_the_six_steps_in_order() -> None:
    settings = Settings()
    slot = slot_of(settings, date(2026, 11, 22))
    agenda = planner.build_agenda(slot, settings, ["Be affectionate", "Practice gratitude"])
    titles = [step.title for step in agenda]
    assert titles[0].startswith("Settle in")
    assert titles[1] == "Appreciations"
    assert titles[2] == "Each shares their week"
    assert titles[3] == "The focus conversation"
    assert "Be affectionate and Practice gratitude" in agenda[3].about
    assert "sums up" in agenda[3].about
    assert titles[4] == "Plan the week ahead"
    assert "feel loved" in titles[5]
    assert [s.minutes for s in agenda] == [3, 6, 8, 18, 6, 4]
    assert [s.starts_at for s in agenda] == ["19:30", "19:33", "19:39", "19:47", "20:05", "20:11"]


@given(st.integers(6, 600), st.lists(st.integers(1, 30), min_size=1, max_size=6))
def test_split_minutes_is_exact(total: int, weights: list[int]) -> None:
    parts = planner.split_minutes(total, weights)
    assert sum(parts) == total
    assert min(parts) >= 1


def test_the_slot_is_on_the_talk_day_in_local_time() -> None:
    settings = Settings(talk_day="wednesday", talk_time="20:15", talk_minutes=60)
    slot = slot_of(settings, date(2026, 11, 22))
    assert slot.start.isoformat() == "2026-11-25T20:15:00+01:00"
    assert slot.end.isoformat() == "2026-11-25T21:15:00+01:00"


def test_the_slot_keeps_its_wall_clock_time_across_daylight_saving() -> None:
    settings = Settings()
    winter = slot_of(settings, date(2026, 3, 22))
    summer = slot_of(settings, date(2026, 3, 29))
    assert winter.start.isoformat() == "2026-03-22T19:30:00+01:00"
    assert summer.start.isoformat() == "2026-03-29T19:30:00+02:00"


def test_a_slot_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # Berlin skips 02:00-03:00 on 29 March 2026; RFC 5545 reads 02:30 as 03:30.
    moment = schedule.local_moment(date(2026, 3, 29), time(2, 30), BERLIN)  # type: ignore[arg-type]
    assert moment.isoformat() == "2026-03-29T03:30:00+02:00"


def test_a_slot_in_the_autumn_fold_means_the_first_occurrence() -> None:
    moment = schedule.local_moment(date(2026, 10, 25), time(2, 30), BERLIN)  # type: ignore[arg-type]
    assert moment.utcoffset() == timedelta(hours=2)


def test_elapsed_minutes_cross_a_dst_change_truthfully() -> None:
    start = schedule.local_moment(date(2026, 3, 29), time(1, 30), BERLIN)  # type: ignore[arg-type]
    end = schedule.add_minutes(start, 45)
    assert end.isoformat() == "2026-03-29T03:15:00+02:00"


def plan_weeks(store: Store, weeks: int) -> list[list[str]]:
    catalogue = load_catalogue()
    focus = []
    for index in range(weeks):
        week_start = START.date() + timedelta(weeks=index)
        now = START + timedelta(weeks=index)
        planned = planner.plan_for(store, catalogue, week_start, week_start, now)
        assert not planned.preview
        focus.append([pick.id for pick in planned.record.focus])
    return focus


@pytest.mark.parametrize("seed", [1, 2, 99, 123456789])
def test_each_strategy_is_featured_once_per_six_week_cycle(seed: int) -> None:
    focus = plan_weeks(fresh_store(seed), 24)
    all_ids = {s.id for s in load_catalogue().strategies}
    for cycle in range(4):
        block = [sid for week in focus[cycle * 6 : cycle * 6 + 6] for sid in week]
        assert sorted(block) == sorted(all_ids), f"cycle {cycle}: {block}"
    for week in focus:
        assert len(week) == len(set(week)) == 2
    for before, after in itertools.pairwise(focus):
        assert not set(before) & set(after), "no strategy is in focus two weeks running"


def test_rotation_orders_differ_between_couples_and_repeat_for_one() -> None:
    first = plan_weeks(fresh_store(1), 6)
    again = plan_weeks(fresh_store(1), 6)
    other = plan_weeks(fresh_store(2), 6)
    assert first == again
    assert first != other


@pytest.mark.parametrize("focus_count", [1, 3, 4])
def test_fairness_holds_for_other_focus_sizes(focus_count: int) -> None:
    catalogue = load_catalogue()
    total = len(catalogue.strategies)
    store = fresh_store(5, focus_count=focus_count)
    weeks = plan_weeks(store, 3 * total // focus_count + 2)
    flat = [sid for week in weeks for sid in week]
    for cycle in range(3):
        assert Counter(flat[cycle * total : (cycle + 1) * total]) == Counter(
            s.id for s in catalogue.strategies
        )


def test_no_prompt_repeats_while_its_strategy_has_unused_ones() -> None:
    catalogue = load_catalogue()
    store = fresh_store(11, prompt_count=4)
    plan_weeks(store, 150)  # each strategy's deck is used up more than once
    offered: Counter[str] = Counter()
    decks = {p.id: s for s in catalogue.strategies for p in s.prompts}
    for week in store.weeks:
        # Within a week, the picks from a deck must be among its least-offered prompts.
        for prompt_id in week.prompts:
            deck = decks[prompt_id].prompts
            passed_over = [p.id for p in deck if p.id not in week.prompts]
            assert all(offered[prompt_id] <= offered[other] for other in passed_over), (
                f"{prompt_id} came back while a less-used prompt waited"
            )
        offered.update(week.prompts)
    assert max(offered.values()) >= 2, "the simulation should have gone round the decks"


def test_a_weeks_prompts_come_from_its_focus_and_go_light_to_deep() -> None:
    store = fresh_store(3)
    plan_weeks(store, 12)
    order = {"light": 0, "medium": 1, "deep": 2}
    catalogue = load_catalogue()
    depth = {p.id: p.depth for s in catalogue.strategies for p in s.prompts}
    owner = {p.id: s.id for s in catalogue.strategies for p in s.prompts}
    for week in store.weeks:
        assert len(week.prompts) == 3
        assert {owner[p] for p in week.prompts} <= {pick.id for pick in week.focus}
        depths = [order[depth[p]] for p in week.prompts]
        assert depths == sorted(depths)
        assert [depth[p] for p in week.prompts] == ["light", "medium", "deep"]


def test_depth_targets_rise() -> None:
    assert planner.depth_targets(1) == ["medium"]
    assert planner.depth_targets(2) == ["light", "deep"]
    assert planner.depth_targets(3) == ["light", "medium", "deep"]
    order = {"light": 0, "medium": 1, "deep": 2}
    for count in range(2, 9):
        targets = planner.depth_targets(count)
        assert targets[0] == "light" and targets[-1] == "deep"
        assert [order[t] for t in targets] == sorted(order[t] for t in targets)


def test_a_preview_plans_on_a_copy() -> None:
    catalogue = load_catalogue()
    store = fresh_store(4)
    now = START
    future = START.date() + timedelta(weeks=3)
    planned = planner.plan_for(store, catalogue, future, START.date(), now)
    record = planned.record
    assert planned.preview
    assert store.weeks == [] and store.prompt_offers == {}
    # Showing the weeks in turn gives exactly what the preview promised.
    plan_weeks(store, 4)
    assert store.week(future) is not None
    assert store.week(future).focus == record.focus  # type: ignore[union-attr]
    assert store.week(future).prompts == record.prompts  # type: ignore[union-attr]


def test_recent_weeks_counts_kindly() -> None:
    from reconnect_cli.models import CheckIn

    store = fresh_store(1)
    current = date(2026, 2, 15)  # seven weeks after the store began
    stamp = START

    def checkin(day: date, rating: int) -> CheckIn:
        return CheckIn(
            id=f"00000000-0000-4000-8000-{day.toordinal():012d}",
            date=day,
            rating=rating,
            created_at=stamp,
            updated_at=stamp,
        )

    store.checkins = [checkin(current - timedelta(weeks=w, days=-1), 4) for w in (1, 2, 3, 5, 6)]
    recent = planner.recent_weeks(store, current, store.settings)
    assert (recent.weeks, recent.weeks_with_checkin) == (6, 5)
    assert recent.summary.startswith("You checked in 5 of the last 6 weeks.")
    assert "You 4/5" in recent.summary


def test_the_first_week_is_a_welcome() -> None:
    store = fresh_store(1)
    recent = planner.recent_weeks(store, START.date(), store.settings)
    assert recent.weeks == 0
    assert "first week" in recent.summary


def test_prompt_choice_is_seeded_not_global() -> None:
    random.seed(0)
    a = plan_weeks(fresh_store(8), 3)
    random.seed(1)
    b = plan_weeks(fresh_store(8), 3)
    assert a == b


def test_a_returning_strategy_brings_other_practices() -> None:
    catalogue = load_catalogue()
    store = fresh_store(6)
    plan_weeks(store, 12)
    first_turn: dict[str, list[str]] = {}
    for week in store.weeks:
        for pick in week.focus:
            strategy = next(s for s in catalogue.strategies if s.id == pick.id)
            practices = planner.practices_for_week(store, week, strategy)
            assert len(practices) == planner.PRACTICES_PER_WEEK
            if pick.id in first_turn:
                assert practices != first_turn[pick.id]
            else:
                first_turn[pick.id] = practices
    assert len(first_turn) == len(catalogue.strategies)


def test_a_new_cycle_starts_with_the_unpractised_and_the_lowest_rated() -> None:
    from reconnect_cli.models import CheckIn

    catalogue = load_catalogue()
    store = fresh_store(9)
    plan_weeks(store, 6)  # the whole first cycle
    stamp = START
    ratings = {"gratitude": 1, "empathy": 2}  # the lowest-rated talks
    practised_well = [
        s.id
        for s in catalogue.strategies
        if s.id not in ("gratitude", "empathy", "forgiveness", "tech-break")
    ]
    checkins = [
        CheckIn(
            id=f"00000000-0000-4000-8000-{i:012d}",
            date=START.date(),
            rating=5,
            strategies=[sid],
            created_at=stamp,
            updated_at=stamp,
        )
        for i, sid in enumerate(practised_well)
    ]
    checkins += [
        CheckIn(
            id=f"00000000-0000-4000-9000-{i:012d}",
            date=START.date(),
            rating=r,
            strategies=[sid],
            created_at=stamp,
            updated_at=stamp,
        )
        for i, (sid, r) in enumerate(ratings.items())
    ]
    store.checkins = checkins
    last_focus = [pick.id for pick in store.weeks[-1].focus]
    second_cycle = [sid for week in plan_weeks_from(store, 6, 6) for sid in week]
    assert sorted(second_cycle) == sorted(s.id for s in catalogue.strategies)
    # Never practised first (in the couple's shuffled order), then the lowest rated;
    # only last week's focus is held back, so nothing is in focus twice running.
    never = [sid for sid in store.rotation.cycles[1] if sid in ("forgiveness", "tech-break")]
    expected = [sid for sid in [*never, "gratitude", "empathy"] if sid not in last_focus]
    leading = [sid for sid in store.rotation.cycles[1] if sid not in last_focus][: len(expected)]
    assert leading == expected
    whys = {p.id: p.why for w in store.weeks[6:8] for p in w.focus}
    assert any("not practised it yet" in why or "among your lowest" in why for why in whys.values())


def plan_weeks_from(store: Store, first: int, weeks: int) -> list[list[str]]:
    catalogue = load_catalogue()
    focus = []
    for index in range(first, first + weeks):
        week_start = START.date() + timedelta(weeks=index)
        planned = planner.plan_for(
            store, catalogue, week_start, week_start, START + timedelta(weeks=index)
        )
        focus.append([pick.id for pick in planned.record.focus])
    return focus
