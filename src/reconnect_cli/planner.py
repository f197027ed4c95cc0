"""The rules of the ritual week: dates, the talk's slot, the rotation, the agenda, the prompts.

Everything here is pure: functions take the store and the catalogue and return
values (or change the store they are handed). Nothing reads the clock, the disk
or the terminal, so every rule can be tested with plain values.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from reconnect_cli.insights import WeekLedger, care_nudge, learning_order, practice_record
from reconnect_cli.models import (
    DEPTHS,
    AgendaStep,
    Catalogue,
    CheckIn,
    FocusPick,
    FocusView,
    Prompt,
    PromptView,
    RecentWeeks,
    Rotation,
    Settings,
    SlotView,
    Store,
    Strategy,
    WeekPlan,
    WeekRecord,
)
from reconnect_cli.schedule import add_minutes, talk_for_week

WEEK = timedelta(days=7)
PRACTICES_PER_WEEK = 2
# A preview plans every week until the one asked for; a year ahead is far enough.
PREVIEW_HORIZON = timedelta(weeks=52)
RECENT_WEEKS_WINDOW = 6


# --- Dates and the slot ---------------------------------------------------------------


# --- The agenda -----------------------------------------------------------------------


@dataclass(frozen=True)
class _AgendaPart:
    """A step of the agenda before minutes are given out."""

    title: str
    weight: int  # minutes out of a 45-minute talk
    about: str


def _agenda_parts(settings: Settings, focus_titles: Sequence[str]) -> list[_AgendaPart]:
    you, them = settings.you, settings.them
    both = f"{you} and {them}" if settings.name and settings.partner else "You both"
    focus = " and ".join(focus_titles) if focus_titles else "this week's focus"
    # The warm parts come first and the hard talk sits in the middle, so a talk
    # starts and ends on something good (a pattern weekly-meeting couples rely on).
    return [
        _AgendaPart(
            "Settle in, phones away",
            3,
            "Sit somewhere comfortable, put your phones on silent and out of reach, "
            "and take one slow breath together before you start.",
        ),
        _AgendaPart(
            "Appreciations",
            6,
            "Take turns naming something specific the other did this week that you were "
            "glad of. Answer with a simple thank you; no need to play it down.",
        ),
        _AgendaPart(
            "Each shares their week",
            8,
            f"{both} take a few minutes on how the week really went: a high, a low, and "
            "anything still on your mind. The other listens without fixing.",
        ),
        _AgendaPart(
            "The focus conversation",
            18,
            f"This week: {focus}. Take the questions one at a time. One of you speaks while "
            "the other listens; before answering, the listener sums up what they heard. "
            "Then swap.",
        ),
        _AgendaPart(
            "Plan the week ahead",
            6,
            "Pick one thing for the coming week: a date, a small habit of affection, or time "
            "in each other's interests. Put it in your calendars before you stand up.",
        ),
        _AgendaPart(
            "Close: what would help you feel loved",
            4,
            "Each of you asks the other what would help them feel loved this week. "
            "Listen, say thank you, and end on something warm.",
        ),
    ]


def split_minutes(total: int, weights: Sequence[int]) -> list[int]:
    """Share ``total`` minutes out by ``weights``: whole minutes, at least one each,
    summing exactly to ``total`` (largest remainders get the spare minutes)."""
    if total < len(weights):
        raise ValueError(f"{total} minutes cannot hold {len(weights)} steps")
    weight_sum = sum(weights)
    shares = [total * weight / weight_sum for weight in weights]
    minutes = [max(1, int(share)) for share in shares]
    by_remainder = sorted(
        range(len(weights)), key=lambda i: shares[i] - int(shares[i]), reverse=True
    )
    index = 0
    while sum(minutes) < total:
        minutes[by_remainder[index % len(weights)]] += 1
        index += 1
    by_size = sorted(range(len(weights)), key=lambda i: minutes[i], reverse=True)
    index = 0
    while sum(minutes) > total:  # only when the one-minute floor overshot
        step = by_size[index % len(weights)]
        if minutes[step] > 1:
            minutes[step] -= 1
        index += 1
    return minutes


def build_agenda(
    slot: SlotView, settings: Settings, focus_titles: Sequence[str]
) -> list[AgendaStep]:
    """A timed agenda that exactly fills the slot."""
    parts = _agenda_parts(settings, focus_titles)
    minutes = split_minutes(slot.minutes, [part.weight for part in parts])
    steps = []
    elapsed = 0
    for part, length in zip(parts, minutes, strict=True):
        starts_at = add_minutes(slot.start, elapsed)
        steps.append(
            AgendaStep(
                title=part.title,
                minutes=length,
                starts_at=starts_at.strftime("%H:%M"),
                about=part.about,
            )
        )
        elapsed += length
    return steps


# --- The rotation -----------------------------------------------------------------------


def cycle_order(
    seed: int, cycle: int, strategy_ids: Sequence[str], avoid_first: Sequence[str]
) -> list[str]:
    """The order of one cycle: a shuffle drawn from the store's own seed.

    Strategies featured in the week just before move back from the very start,
    so a strategy is never in focus two weeks running across a cycle boundary.
    """
    order = random.Random(f"{seed}:cycle:{cycle}").sample(list(strategy_ids), len(strategy_ids))
    return _keep_apart(order, avoid_first)


def _keep_apart(order: Sequence[str], avoid_first: Sequence[str]) -> list[str]:
    """Move last week's focus back from the start, so nothing is in focus twice running."""
    head = len(avoid_first)
    repeats = [sid for sid in order[:head] if sid in avoid_first]
    return [sid for sid in order if sid not in repeats] + repeats


@dataclass
class _RotationPosition:
    """Where the rotation stands while weeks are replayed."""

    cycle: int
    remaining: list[str]


def _replay_rotation(store: Store, catalogue: Catalogue) -> _RotationPosition:
    """Where the rotation stands after every week planned so far."""
    ids = [strategy.id for strategy in catalogue.strategies]
    rotation = store.rotation
    if not rotation.cycles:
        rotation.cycles.append(cycle_order(rotation.seed, 0, ids, ()))
    position = _RotationPosition(0, _known(rotation.cycles[0], ids))
    for week in store.weeks:
        for pick in week.focus:
            if pick.id in position.remaining:
                position.remaining.remove(pick.id)
            if not position.remaining:
                _start_next_cycle(store, position, ids, [p.id for p in week.focus])
    return position


def _known(order: Sequence[str], ids: Sequence[str]) -> list[str]:
    # A strategy that has left the catalogue is passed over; a new one waits for the next cycle.
    return [sid for sid in order if sid in ids]


def _start_next_cycle(
    store: Store, position: _RotationPosition, ids: Sequence[str], last_focus: Sequence[str]
) -> None:
    position.cycle += 1
    cycles = store.rotation.cycles
    if position.cycle == len(cycles):
        # The new cycle learns a little: within the fairness rule, strategies never
        # practised or rated lowest come first. Saved at once, so it never changes.
        shuffled = cycle_order(store.rotation.seed, position.cycle, ids, ())
        cycles.append(_keep_apart(learning_order(store, shuffled), last_focus))
    position.remaining = _known(cycles[position.cycle], ids)


def next_focus(store: Store, catalogue: Catalogue, week_start: date) -> list[FocusPick]:
    """The next strategies in the rotation, with a line on why each is this week's."""
    ids = [strategy.id for strategy in catalogue.strategies]
    count = min(store.settings.focus_count, len(ids))
    position = _replay_rotation(store, catalogue)
    weeks_per_cycle = -(-len(ids) // count)  # ceiling division
    picks: list[FocusPick] = []
    while len(picks) < count:
        chosen = {pick.id for pick in picks}
        candidates = [sid for sid in position.remaining if sid not in chosen]
        if not candidates:
            _start_next_cycle(store, position, ids, [p.id for p in picks])
            continue
        strategy_id = candidates[0]
        picks.append(
            FocusPick(id=strategy_id, why=_why(store, strategy_id, position.cycle, weeks_per_cycle))
        )
    return picks


def _why(store: Store, strategy_id: str, cycle: int, weeks_per_cycle: int) -> str:
    total = len(store.rotation.cycles[cycle])
    fairness = (
        f"its turn in round {cycle + 1}, which gives all {total} a week over "
        f"{weeks_per_cycle} weeks"
    )
    last = max(
        (week.week_start for week in store.weeks if any(p.id == strategy_id for p in week.focus)),
        default=None,
    )
    if last is None:
        return f"First time in focus: {fairness}."
    reason = _learned_reason(store, strategy_id) if cycle > 0 else ""
    return f"Last in focus the week of {last.day} {last:%b}: {fairness}.{reason}"


def _learned_reason(store: Store, strategy_id: str) -> str:
    """Why a strategy came early in this cycle, when the ratings put it there."""
    record = practice_record(store)
    ratings = record.get(strategy_id)
    if not ratings:
        return " You have not practised it yet, so it comes early this round."
    everyone = [rating for values in record.values() for rating in values]
    mine = sum(ratings) / len(ratings)
    if mine <= sum(everyone) / len(everyone) - 0.3:
        return (
            f" Talks that practised it averaged {mine:.1f} out of 5, among your lowest, "
            "so it comes early this round."
        )
    return ""


# --- Prompts -----------------------------------------------------------------------------


def depth_targets(count: int) -> list[str]:
    """Depths for a talk of ``count`` prompts, rising from light to deep."""
    if count == 1:
        return ["medium"]
    return [DEPTHS[round(i * (len(DEPTHS) - 1) / (count - 1))] for i in range(count)]


def pick_prompt(
    prompts: Sequence[Prompt],
    offers: dict[str, int],
    target: str,
    rng: random.Random,
    exclude: set[str],
) -> Prompt | None:
    """The least-offered prompt (so none repeats while unused ones remain),
    preferring ``target`` depth among those."""
    candidates = [prompt for prompt in prompts if prompt.id not in exclude]
    if not candidates:
        return None
    fewest = min(offers.get(prompt.id, 0) for prompt in candidates)
    unused = [prompt for prompt in candidates if offers.get(prompt.id, 0) == fewest]
    distance = {depth: abs(DEPTHS.index(depth) - DEPTHS.index(target)) for depth in DEPTHS}
    closest = min(distance[prompt.depth] for prompt in unused)
    return rng.choice([prompt for prompt in unused if distance[prompt.depth] == closest])


def choose_prompts(
    store: Store, catalogue: Catalogue, strategy_ids: Sequence[str], count: int, rng: random.Random
) -> list[tuple[str, Prompt]]:
    """``count`` prompts shared out over the strategies, recorded as offered, light to deep."""
    decks = {s.id: s.prompts for s in catalogue.strategies if s.id in strategy_ids}
    chosen: list[tuple[str, Prompt]] = []
    taken: set[str] = set()
    for index, target in enumerate(depth_targets(count)):
        strategy_id = strategy_ids[index % len(strategy_ids)]
        prompt = pick_prompt(decks[strategy_id], store.prompt_offers, target, rng, taken)
        if prompt is None:
            continue
        taken.add(prompt.id)
        store.prompt_offers[prompt.id] = store.prompt_offers.get(prompt.id, 0) + 1
        chosen.append((strategy_id, prompt))
    chosen.sort(key=lambda pair: DEPTHS.index(pair[1].depth))
    return chosen


def plan_new_week(
    store: Store, catalogue: Catalogue, week_start: date, now: datetime
) -> WeekRecord:
    """Plan a week that has no plan yet, and record it in the store."""
    focus = next_focus(store, catalogue, week_start)
    rng = random.Random(f"{store.rotation.seed}:prompts:{week_start.isoformat()}")
    prompts = choose_prompts(
        store, catalogue, [p.id for p in focus], store.settings.prompt_count, rng
    )
    record = WeekRecord(
        week_start=week_start, focus=focus, prompts=[p.id for _, p in prompts], created_at=now
    )
    store.weeks.append(record)
    return record


def scratch_copy(store: Store) -> Store:
    """A copy to plan previews on: the planning state is copied, the check-ins shared."""
    rotation = Rotation(seed=store.rotation.seed, cycles=[list(c) for c in store.rotation.cycles])
    return dataclasses.replace(
        store, rotation=rotation, weeks=list(store.weeks), prompt_offers=dict(store.prompt_offers)
    )


@dataclass(frozen=True)
class PlannedWeek:
    """A week's plan, and whether it is a preview or was saved."""

    record: WeekRecord
    preview: bool
    # The store the plan belongs to: the real one, or a scratch copy for a preview.
    store: Store


def plan_for(
    store: Store, catalogue: Catalogue, week_start: date, current_start: date, now: datetime
) -> PlannedWeek:
    """The plan of a week, and whether it is only a preview.

    A saved plan is returned as it is. The current or a past week gets planned and
    recorded in ``store``. A future week is planned on a scratch copy, as if every
    week from now until then were shown in turn, and nothing is recorded.
    """
    saved = store.week(week_start)
    if saved is not None:
        return PlannedWeek(saved, False, store)
    if week_start <= current_start:
        return PlannedWeek(plan_new_week(store, catalogue, week_start, now), False, store)
    scratch = scratch_copy(store)
    day = current_start
    while day < week_start:
        if scratch.week(day) is None:
            plan_new_week(scratch, catalogue, day, now)
        day += WEEK
    return PlannedWeek(plan_new_week(scratch, catalogue, week_start, now), True, scratch)


def practices_for_week(store: Store, record: WeekRecord, strategy: Strategy) -> list[str]:
    """A few of a strategy's practices for the week, different each time it returns.

    Two small things to try beat a list of five: a week is busy enough.
    """
    earlier = store.weeks[: store.weeks.index(record)] if record in store.weeks else store.weeks
    turns = sum(1 for week in earlier if any(p.id == strategy.id for p in week.focus))
    practices = strategy.practices
    count = min(PRACTICES_PER_WEEK, len(practices))
    first = (turns * count) % len(practices)
    return [practices[(first + offset) % len(practices)] for offset in range(count)]


# --- How the last weeks went ----------------------------------------------------------------


def recent_weeks(store: Store, current_start: date, settings: Settings) -> RecentWeeks:
    """ "Checked in 5 of the last 6 weeks": kind figures, never a streak that resets.

    The last six weeks that count, by the rule in ``insights.WeekLedger``.
    """
    ledger = WeekLedger(store)
    weeks: list[date] = []
    day = current_start
    while day >= ledger.first_week and len(weeks) < RECENT_WEEKS_WINDOW:
        if ledger.counts(day, current_start):
            weeks.append(day)
        day -= WEEK
    kept = sum(1 for day in weeks if ledger.checked(day))
    past = [c for c in store.checkins if c.date < current_start + WEEK]
    last = max(past, key=lambda c: (c.date, c.created_at), default=None)
    return RecentWeeks(
        weeks=len(weeks),
        weeks_with_checkin=kept,
        last_checkin=last.date if last else None,
        last_rating=last.rating if last else None,
        last_partner_rating=last.partner_rating if last else None,
        summary=_recent_summary(len(weeks), kept, last, settings),
    )


def _recent_summary(weeks: int, kept: int, last: CheckIn | None, settings: Settings) -> str:
    if weeks == 0 and last is None:
        return "This is your first week with reconnect. Welcome."
    plural = "week" if weeks == 1 else f"{weeks} weeks"
    line = f"You checked in {kept} of the last {plural}."
    if weeks == 1:
        line = (
            "You checked in last week."
            if kept
            else "No check-in last week; this week is a fresh start."
        )
    if last is not None:
        ratings = f"{settings.you} {last.rating}/5"
        if last.partner_rating is not None:
            ratings += f", {settings.them} {last.partner_rating}/5"
        line += f" Last talk, {last.date.day} {last.date:%b}: {ratings}."
    return line


# --- The whole plan, ready to show ------------------------------------------------------------


def week_plan(
    planned: PlannedWeek, catalogue: Catalogue, current_start: date, zone: tzinfo
) -> WeekPlan:
    store, record = planned.store, planned.record
    settings = store.settings
    strategies = {s.id: s for s in catalogue.strategies}
    focus = [
        FocusView(
            id=pick.id,
            number=strategies[pick.id].number,
            title=strategies[pick.id].title,
            summary=strategies[pick.id].summary,
            why=pick.why,
            practices=practices_for_week(store, record, strategies[pick.id]),
        )
        for pick in record.focus
        if pick.id in strategies
    ]
    prompts_by_id = {p.id: (s.id, p) for s in catalogue.strategies for p in s.prompts}
    prompts = [
        PromptView(
            id=pid,
            strategy=prompts_by_id[pid][0],
            text=prompts_by_id[pid][1].text,
            depth=prompts_by_id[pid][1].depth,
        )
        for pid in record.prompts
        if pid in prompts_by_id
    ]
    slot = talk_for_week(store, record.week_start, zone)
    return WeekPlan(
        week_start=record.week_start,
        week_end=record.week_start + timedelta(days=6),
        preview=planned.preview,
        names={"name": settings.name, "partner": settings.partner},
        slot=slot,
        focus=focus,
        agenda=build_agenda(slot, settings, [f.title for f in focus]),
        prompts=prompts,
        recent=recent_weeks(store, current_start, settings),
        nudge=care_nudge(store.checkins),
        notes=store.open_notes(),
    )
