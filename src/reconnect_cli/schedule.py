"""When the talks happen: the regular slot, and the weeks skipped or moved.

Occurrences come from ``dateutil.rrule`` here and nowhere else: ``week``, ``next``,
``schedule`` and the calendar export all ask this module, so they always agree.
Like the planner, everything here is pure.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

from dateutil import rrule, tz

from reconnect_cli.models import Settings, SlotView, Store, weekday_index

WEEK = timedelta(days=7)
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def week_start_for(day: date, week_starts: str) -> date:
    """The first day of the ritual week that contains ``day``."""
    return day - timedelta(days=(day.weekday() - weekday_index(week_starts)) % 7)


def local_moment(day: date, at: time, zone: tzinfo) -> datetime:
    """``day`` at the wall-clock time ``at`` in ``zone``, as RFC 5545 reads local times.

    A time that falls into a daylight-saving gap moves forward by the gap's length
    (02:30 on a spring-forward night becomes 03:30); a time that happens twice on
    a fall-back night means its first occurrence.
    """
    return tz.resolve_imaginary(datetime.combine(day, at, tzinfo=zone))


def add_minutes(moment: datetime, minutes: int) -> datetime:
    """Elapsed-time arithmetic: 45 minutes later really is 45 minutes later, across DST."""
    later = moment.astimezone(timezone.utc) + timedelta(minutes=minutes)
    return later.astimezone(moment.tzinfo)


def weekly_rule(settings: Settings, first_day: date, count: int | None = None) -> rrule.rrule:
    """The regular talks as a recurrence rule over wall-clock times, from ``first_day``."""
    return rrule.rrule(
        rrule.WEEKLY,
        byweekday=_RRULE_DAYS[weekday_index(settings.talk_day)],
        dtstart=datetime.combine(first_day, time.fromisoformat(settings.talk_time)),
        count=count,
    )


def regular_starts(settings: Settings, zone: tzinfo, first_day: date, count: int) -> list[datetime]:
    """The next ``count`` regular talk starts on or after ``first_day``, in ``zone``.

    The rule runs on wall-clock times, so a 19:30 talk stays at 19:30 through
    daylight-saving changes; each is then placed in the zone as RFC 5545 says.
    """
    return [
        local_moment(wall.date(), wall.time(), zone)
        for wall in weekly_rule(settings, first_day, count)
    ]


def talk_for_week(store: Store, week_start: date, zone: tzinfo) -> SlotView:
    """The talk of the ritual week starting ``week_start``, skips and moves applied."""
    settings = store.settings
    regular = regular_starts(settings, zone, week_start, 1)[0]
    moved = store.moved_talk(week_start)
    start = moved.start.astimezone(zone) if moved else regular
    return SlotView(
        week_start=week_start,
        start=start,
        end=add_minutes(start, settings.talk_minutes),
        minutes=settings.talk_minutes,
        day=settings.talk_day,
        time=settings.talk_time,
        skipped=week_start in store.skipped_weeks,
        moved=moved is not None,
    )


def upcoming_talks(
    store: Store, zone: tzinfo, now: datetime, current_start: date, count: int
) -> list[SlotView]:
    """The next ``count`` talks that have not finished yet, skipped ones included."""
    talks: list[SlotView] = []
    week_start = current_start
    while len(talks) < count:
        talk = talk_for_week(store, week_start, zone)
        if talk.end > now:
            talks.append(talk)
        week_start += WEEK
    return talks


def next_talk(store: Store, zone: tzinfo, now: datetime, current_start: date) -> SlotView:
    """The next talk that will happen (skipped weeks passed over)."""
    week_start = current_start
    while True:
        talk = talk_for_week(store, week_start, zone)
        if talk.end > now and not talk.skipped:
            return talk
        week_start += WEEK


def starts_in(start: datetime, now: datetime) -> str:
    """'in 3 days', 'in 2 hours', 'in 25 minutes', 'now': short enough for a status bar."""
    seconds = (start - now).total_seconds()
    if seconds <= 0:
        return "now"
    minutes = int(seconds // 60)
    for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size:
            amount = minutes // size
            return f"in {amount} {unit}{'' if amount == 1 else 's'}"
    return "in under a minute"
