"""What each command does, over the store, the catalogue and the planner.

These functions never print: they take plain values and return models, which the
command line renders as text or JSON.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path

from reconnect_cli import clock, planner, schedule, store
from reconnect_cli.catalogue import find_strategy, load_catalogue
from reconnect_cli.errors import StoreError, UsageError
from reconnect_cli.models import (
    CHECKIN_ORDER,
    DEPTHS,
    NOTE_KINDS,
    BackupInfo,
    CheckIn,
    DoctorReport,
    FocusTitle,
    ImportReport,
    InboxNote,
    MovedTalk,
    NextTalk,
    OwnPrompt,
    PromptView,
    RegularSlot,
    ScheduleView,
    Settings,
    SlotView,
    Stats,
    Store,
    StrategyDetail,
    StrategySummary,
    WeekPlan,
)


def _zone_and_now(settings: Settings) -> tuple[tzinfo, datetime]:
    """The zone the couple plans in (their setting, else the system's) and now, in it."""
    zone = clock.local_zone(settings.timezone)
    return zone, clock.now(zone)


def _current_week(settings: Settings, now: datetime) -> date:
    """The first day of the ritual week we are in."""
    return schedule.week_start_for(now.date(), settings.week_starts)


def show_week(day: date | None = None) -> WeekPlan:
    """The plan of the ritual week containing ``day`` (default today).

    The first time the current or a past week is shown, its plan is saved so it
    never changes; a future week is a preview and writes nothing.
    """
    catalogue = load_catalogue()
    snapshot = store.read_store()
    zone, now = _zone_and_now(snapshot.settings)
    week_starts = snapshot.settings.week_starts
    current_start = _current_week(snapshot.settings, now)
    week_start = schedule.week_start_for(day or now.date(), week_starts)
    if week_start > current_start + planner.PREVIEW_HORIZON:
        raise UsageError(
            f"--date: {day} is more than a year ahead; previews reach "
            f"{planner.PREVIEW_HORIZON.days // 7} weeks ahead"
        )
    if week_start > current_start:
        snapshot = store.read_or_create_store()  # a preview needs the store's own seed
    if snapshot.week(week_start) is not None or week_start > current_start:
        planned = planner.plan_for(snapshot, catalogue, week_start, current_start, now)
        return planner.week_plan(planned, catalogue, current_start, zone)
    with store.transaction() as data:
        planned = planner.plan_for(data, catalogue, week_start, current_start, now)
        return planner.week_plan(planned, catalogue, current_start, zone)


@dataclass(frozen=True)
class CheckInRequest:
    """What a person told ``reconnect checkin``; strategies may be ids or numbers."""

    rating: int
    partner_rating: int | None = None
    day: date | None = None
    strategies: tuple[str, ...] = ()
    minutes: int | None = None
    highlight: str | None = None
    note: str | None = None


def log_checkin(request: CheckInRequest) -> CheckIn:
    """Record a talk. Without strategies, the talk practised its week's focus."""
    return record_checkin(request)[0]


def record_checkin(request: CheckInRequest) -> tuple[CheckIn, Settings]:
    """``log_checkin``, also giving the settings it was saved under (for the names),
    so that a command need not read the store a second time."""
    catalogue = load_catalogue()
    named = [find_strategy(catalogue, reference).id for reference in request.strategies]
    with store.transaction() as data:
        _, now = _zone_and_now(data.settings)
        day = request.day or now.date()
        if day > now.date():
            raise UsageError(f"--date: {day} is in the future; log a talk once it has happened")
        week_starts = data.settings.week_starts
        current_start = _current_week(data.settings, now)
        week_start = schedule.week_start_for(day, week_starts)
        record = planner.plan_for(data, catalogue, week_start, current_start, now).record
        checkin = CheckIn(
            id=str(uuid.uuid4()),
            date=day,
            rating=request.rating,
            partner_rating=request.partner_rating,
            strategies=list(dict.fromkeys(named)) or [pick.id for pick in record.focus],
            minutes=request.minutes,
            highlight=_clean(request.highlight),
            note=_clean(request.note),
            prompts=list(record.prompts),
            created_at=now,
            updated_at=now,
        )
        data.checkins.append(checkin)
        data.checkins.sort(key=CHECKIN_ORDER)
    return checkin, data.settings


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def checkin_history(limit: int | None = None) -> tuple[list[CheckIn], Settings]:
    """Check-ins, newest first, and the settings (for the names), from one read."""
    data = store.read_store()
    checkins = sorted(data.checkins, key=CHECKIN_ORDER, reverse=True)
    return (checkins if limit is None else checkins[:limit]), data.settings


def draw_prompts(reference: str | None, count: int) -> list[PromptView]:
    """``count`` prompts, from one strategy or across the catalogue, unseen ones first.

    What is drawn is recorded as offered, so the next draw brings fresh questions.
    """
    catalogue = load_catalogue()
    chosen_strategy = find_strategy(catalogue, reference) if reference else None
    with store.transaction() as data:
        rng = random.Random()
        if chosen_strategy is not None:
            strategy_ids = [chosen_strategy.id]
        else:
            # Across the catalogue: the least-visited strategies first, one prompt each.
            def visits(strategy_id: str) -> int:
                deck = next(s for s in catalogue.strategies if s.id == strategy_id).prompts
                return sum(data.prompt_offers.get(p.id, 0) for p in deck)

            ids = [s.id for s in catalogue.strategies]
            rng.shuffle(ids)
            strategy_ids = sorted(ids, key=visits)[: max(count, 1)]
        picks = planner.choose_prompts(data, catalogue, strategy_ids, count, rng)
    return [
        PromptView(id=prompt.id, strategy=strategy_id, text=prompt.text, depth=prompt.depth)
        for strategy_id, prompt in picks
    ]


def list_strategies() -> list[StrategySummary]:
    return [
        StrategySummary(id=s.id, number=s.number, title=s.title, summary=s.summary)
        for s in load_catalogue().strategies
    ]


def strategy_detail(reference: str) -> StrategyDetail:
    strategy = find_strategy(load_catalogue(), reference)
    prompts = sorted(strategy.prompts, key=lambda p: DEPTHS.index(p.depth))
    return StrategyDetail(
        id=strategy.id,
        number=strategy.number,
        title=strategy.title,
        summary=strategy.summary,
        practices=strategy.practices,
        prompts=[
            PromptView(id=p.id, strategy=strategy.id, text=p.text, depth=p.depth) for p in prompts
        ],
        guidance=strategy.guidance,
    )


def current_settings() -> Settings:
    return store.read_store().settings


def update_settings(**changes: object) -> Settings:
    """Change the given settings (``None`` leaves one as it is) and save them."""
    wanted = {key: value for key, value in changes.items() if value is not None}
    with store.transaction() as data:
        from reconnect_cli import codec, validation

        data.settings = validation.from_person(
            Settings, {**codec.document(data.settings), **wanted}
        )
        return data.settings


# --- The schedule --------------------------------------------------------------------------

UPCOMING_TALKS = 4


def schedule_overview() -> ScheduleView:
    """The regular slot and the next few talks, skipped or moved ones marked."""
    data = store.read_store()
    return _overview(data)


def _overview(data: Store) -> ScheduleView:
    settings = data.settings
    zone, now = _zone_and_now(settings)
    current_start = _current_week(settings, now)
    return ScheduleView(
        slot=RegularSlot(
            day=settings.talk_day,
            time=settings.talk_time,
            minutes=settings.talk_minutes,
            timezone=settings.timezone or clock.system_zone_name(),
        ),
        upcoming=schedule.upcoming_talks(data, zone, now, current_start, UPCOMING_TALKS),
    )


def skip_week(day: date | None) -> SlotView:
    """Skip the talk of the ritual week containing ``day`` (default this week)."""
    with store.transaction() as data:
        zone, now = _zone_and_now(data.settings)
        week_start = schedule.week_start_for(day or now.date(), data.settings.week_starts)
        data.moved_talks = [t for t in data.moved_talks if t.week_start != week_start]
        if week_start not in data.skipped_weeks:
            data.skipped_weeks = sorted([*data.skipped_weeks, week_start])
        return schedule.talk_for_week(data, week_start, zone)


def move_talk(day: date, at: time) -> SlotView:
    """Move the talk of the ritual week containing ``day`` to ``day`` at ``at``."""
    with store.transaction() as data:
        zone, now = _zone_and_now(data.settings)
        start = schedule.local_moment(day, at, zone)
        if start <= now:
            raise UsageError(
                f"--to: {day} {at:%H:%M} has already passed; a talk can only move ahead"
            )
        week_start = schedule.week_start_for(day, data.settings.week_starts)
        data.skipped_weeks = [w for w in data.skipped_weeks if w != week_start]
        others = [t for t in data.moved_talks if t.week_start != week_start]
        data.moved_talks = sorted(
            [*others, MovedTalk(week_start=week_start, start=start)], key=lambda t: t.week_start
        )
        return schedule.talk_for_week(data, week_start, zone)


def reset_week(day: date | None) -> tuple[SlotView, bool]:
    """Bring a week back to the regular slot; says whether anything changed."""
    with store.transaction() as data:
        zone, now = _zone_and_now(data.settings)
        week_start = schedule.week_start_for(day or now.date(), data.settings.week_starts)
        changed = week_start in data.skipped_weeks or data.moved_talk(week_start) is not None
        data.skipped_weeks = [w for w in data.skipped_weeks if w != week_start]
        data.moved_talks = [t for t in data.moved_talks if t.week_start != week_start]
        return schedule.talk_for_week(data, week_start, zone), changed


def change_slot(**changes: object) -> ScheduleView:
    """Change the regular slot (``None`` leaves a part as it is)."""
    update_settings(**changes)
    return schedule_overview()


def upcoming_talk() -> NextTalk:
    """The next talk that will happen: when, in how long, and its week's focus."""
    data = store.read_or_create_store()
    zone, now = _zone_and_now(data.settings)
    current_start = _current_week(data.settings, now)
    talk = schedule.next_talk(data, zone, now, current_start)
    plan = show_week(talk.week_start)
    return NextTalk(
        start=talk.start,
        end=talk.end,
        minutes=talk.minutes,
        moved=talk.moved,
        starts_in=schedule.starts_in(talk.start, now),
        focus=[FocusTitle(id=f.id, number=f.number, title=f.title) for f in plan.focus],
    )


def calendar_file(alarm_minutes: int, weeks: int | None) -> bytes:
    """The ritual as an iCalendar file: one recurring event, skips and moves included."""
    from reconnect_cli import calendar_export

    data = store.read_or_create_store()
    settings = data.settings
    if settings.timezone and not clock.is_known_zone(settings.timezone):
        raise StoreError(
            f"the time zone {settings.timezone!r} in your settings is not one this machine "
            "knows; choose another with reconnect schedule set --timezone Area/City"
        )
    zone_name = settings.timezone or clock.system_zone_name()
    if zone_name is None:
        raise StoreError(
            "cannot tell which time zone you are in; set it with "
            "reconnect schedule set --timezone Area/City"
        )
    zone, now = _zone_and_now(settings)
    current_start = _current_week(settings, now)
    first = schedule.talk_for_week(data, current_start, zone)
    agenda = planner.build_agenda(first, settings, [])
    return calendar_export.ritual_calendar(
        data, zone_name, now, current_start, agenda, alarm_minutes, weeks
    )


# --- Insights ------------------------------------------------------------------------------


def stats(weeks: int) -> tuple[Stats, Settings]:
    """Kind figures over the last ``weeks`` ritual weeks, the current one included,
    and the settings (for the names), from one read of the store."""
    from reconnect_cli.insights import weekly_stats

    data = store.read_store()
    _, now = _zone_and_now(data.settings)
    current_start = _current_week(data.settings, now)
    return weekly_stats(data, load_catalogue(), current_start, weeks), data.settings


# --- Your data -----------------------------------------------------------------------------

ID_PREFIX_MINIMUM = 6


def export_data(format_name: str) -> str:
    from reconnect_cli import exports

    data = store.read_store()
    _, now = _zone_and_now(data.settings)
    newest_first = sorted(data.checkins, key=lambda c: (c.date, c.created_at), reverse=True)
    if format_name == "json":
        return exports.as_json(data, now)
    if format_name == "csv":
        return exports.as_csv(newest_first)
    return exports.as_markdown(newest_first, data, load_catalogue())


def output_destination(output: str | None) -> Path | None:
    """Where ``-o`` asks to write (None for stdout), checked before any work is done,
    so that a mistyped folder fails the command before the store is touched."""
    if output is None or output == "-":
        return None
    target = Path(output).expanduser()
    if target.is_dir():
        raise StoreError(f"cannot write {target}: it is a folder; nothing was changed")
    if not target.parent.is_dir():
        raise StoreError(
            f"cannot write {target}: there is no folder {target.parent}; nothing was changed"
        )
    return target


def write_private_file(path: Path, content: bytes) -> None:
    """Write an export readable by its owner alone, atomically, like the store."""
    from reconnect_cli.atomic import write_atomically

    write_atomically(path, content, sweep=False)


def import_file(path: Path) -> ImportReport:
    """Merge the check-ins of an export, a backup or another store, all or nothing."""
    from reconnect_cli import exports

    incoming = exports.read_import(path)  # validated whole before the store is touched
    with store.transaction() as data:
        return exports.merge(data, incoming, str(path))


def _find_checkin(data: Store, reference: str) -> CheckIn:
    wanted = reference.strip().lower()
    if len(wanted) < ID_PREFIX_MINIMUM:
        raise UsageError(
            f"{reference!r}: give at least {ID_PREFIX_MINIMUM} characters of the id "
            "(see 'reconnect history')"
        )
    matches = [c for c in data.checkins if c.id.startswith(wanted)]
    if not matches:
        raise UsageError(f"no check-in with an id starting {reference!r} (see 'reconnect history')")
    if len(matches) > 1:
        listed = ", ".join(c.id[:12] for c in matches[:5])
        raise UsageError(
            f"{reference!r} matches {len(matches)} check-ins ({listed}); give more of the id"
        )
    return matches[0]


def show_checkin(reference: str) -> CheckIn:
    return _find_checkin(store.read_store(), reference)


@dataclass(frozen=True)
class CheckInChanges:
    """What ``reconnect edit`` was told to change; None leaves a field as it is."""

    rating: int | None = None
    partner_rating: int | None = None
    day: date | None = None
    strategies: tuple[str, ...] = ()
    minutes: int | None = None
    highlight: str | None = None
    note: str | None = None

    def empty(self) -> bool:
        return self == CheckInChanges()


def edit_checkin(reference: str, changes: CheckInChanges) -> CheckIn:
    """Fix a check-in; an empty highlight or note clears it."""
    catalogue = load_catalogue()
    named = [find_strategy(catalogue, ref).id for ref in changes.strategies]
    with store.transaction() as data:
        _, now = _zone_and_now(data.settings)
        if changes.day is not None and changes.day > now.date():
            raise UsageError(f"--date: {changes.day} is in the future")
        original = _find_checkin(data, reference)
        updates: dict[str, object] = {"updated_at": now}
        for field in ("rating", "partner_rating", "minutes"):
            if getattr(changes, field) is not None:
                updates[field] = getattr(changes, field)
        if changes.day is not None:
            updates["date"] = changes.day
        if named:
            updates["strategies"] = list(dict.fromkeys(named))
        for field in ("highlight", "note"):
            if getattr(changes, field) is not None:
                updates[field] = _clean(getattr(changes, field))
        from reconnect_cli import codec, validation

        edited = validation.from_person(CheckIn, {**codec.checkin_document(original), **updates})
        data.checkins = sorted(
            [edited if c.id == original.id else c for c in data.checkins],
            key=CHECKIN_ORDER,
        )
        return edited


def delete_checkin(reference: str) -> CheckIn:
    """Remove a check-in (a backup of the state before is kept, as at every write)."""
    with store.transaction() as data:
        doomed = _find_checkin(data, reference)
        data.checkins = [c for c in data.checkins if c.id != doomed.id]
        return doomed


def list_backups() -> list[BackupInfo]:
    from reconnect_cli import backups

    try:
        settings = store.read_store().settings
    except StoreError:  # the backups are listed even when the store is broken
        settings = Settings()
    zone = clock.local_zone(settings.timezone)
    listed = []
    for backup in backups.backup_files():
        try:
            document = json.loads(backup.path.read_bytes())
            count = (
                len(document["checkins"]) if isinstance(document.get("checkins"), list) else None
            )
        except (OSError, ValueError, AttributeError):
            count = None
        listed.append(
            BackupInfo(id=backup.id, created_at=backup.created_at.astimezone(zone), checkins=count)
        )
    return listed


def restore_backup(reference: str) -> BackupInfo:
    from reconnect_cli import backups

    chosen = backups.find_backup(reference)
    store.restore(chosen)
    return next(info for info in list_backups() if info.id == chosen.id)


def run_doctor(fix: bool) -> DoctorReport:
    from reconnect_cli import doctor

    return doctor.examine(fix)


# --- The notes inbox -----------------------------------------------------------------------


def add_note(text: str, kind: str) -> InboxNote:
    """Jot something down for the next talk."""
    cleaned = text.strip()
    if not cleaned:
        raise UsageError("a note needs some words")
    known = next((k for k in NOTE_KINDS if k == kind), None)
    if known is None:
        raise UsageError(f"--kind: {kind!r} is not one of {', '.join(NOTE_KINDS)}")
    with store.transaction() as data:
        _, now = _zone_and_now(data.settings)
        note = InboxNote(id=str(uuid.uuid4()), kind=known, text=cleaned, created_at=now)
        data.notes.append(note)
        return note


def open_notes() -> list[InboxNote]:
    return store.read_store().open_notes()


# --- The couple's own questions ------------------------------------------------------------


def add_own_prompt(reference: str, text: str, depth: str) -> OwnPrompt:
    from reconnect_cli import own_prompts
    from reconnect_cli.catalogue import bundled_catalogue

    cleaned = " ".join(text.split())
    if len(cleaned) < 3:
        raise UsageError("a question needs a few words")
    if depth not in DEPTHS:
        raise UsageError(f"--depth: {depth!r} is not one of light, medium, deep")
    strategy = find_strategy(load_catalogue(), reference)
    return own_prompts.add_prompt(bundled_catalogue(), strategy.id, cleaned, depth)


def hide_prompt(prompt_id: str) -> bool:
    from reconnect_cli import own_prompts
    from reconnect_cli.catalogue import bundled_catalogue, prompt_by_id

    wanted = prompt_id.strip()
    already_hidden = own_prompts.read_own(bundled_catalogue()).hidden
    if prompt_by_id(load_catalogue(), wanted) is None and wanted not in already_hidden:
        raise UsageError(f"no question {prompt_id!r} (see 'reconnect strategies show STRATEGY')")
    return own_prompts.hide_prompt(bundled_catalogue(), wanted)
