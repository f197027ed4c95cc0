"""The ritual as an iCalendar file (RFC 5545) that calendar programs accept.

One recurring event with a stable UID, so importing a fresh export updates the
event instead of adding a second one. Skipped weeks become EXDATEs; a moved week
becomes an override that names the occurrence it replaces (RECURRENCE-ID). Times
carry their IANA zone (TZID) with a matching VTIMEZONE, never UTC or floating,
so a 19:30 talk stays at 19:30 through daylight-saving changes. The icalendar
library does the folding at 75 octets, the escaping and the CRLF line ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from reconnect_cli import schedule
from reconnect_cli.models import AgendaStep, Store

PRODUCT_ID = "-//reconnect//reconnect-cli//EN"
_BYDAY = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}
# VTIMEZONE rules are written out for this many years past the last talk it covers.
_ZONE_YEARS_AHEAD = 25


def ritual_uid(store: Store) -> str:
    """Stable for a store, and saying nothing about its seed."""
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'reconnect:ritual:{store.rotation.seed}')}@reconnect"


def summary_for(store: Store) -> str:
    settings = store.settings
    if settings.name and settings.partner:
        return f"Our weekly talk: {settings.name} & {settings.partner}"
    return "Our weekly talk"


def description_for(agenda: Sequence[AgendaStep]) -> str:
    lines = [f"{step.minutes} min: {step.title}" for step in agenda]
    return "\n".join(["The agenda:", *lines, "", "This week's focus and questions: reconnect week"])


def ritual_calendar(
    store: Store,
    zone_name: str,
    now: datetime,
    first_week: date,
    agenda: Sequence[AgendaStep],
    alarm_minutes: int,
    weeks: int | None,
) -> bytes:
    """The calendar file, from the ritual week starting ``first_week`` on."""
    zone = ZoneInfo(zone_name)
    settings = store.settings
    stamp = now.astimezone(timezone.utc).replace(microsecond=0)
    regular = schedule.regular_starts(settings, zone, first_week, weeks or 1)
    first_start = regular[0]
    duration = timedelta(minutes=settings.talk_minutes)

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "reconnect")

    series = _event(store, stamp, first_start, duration, agenda, alarm_minutes)
    rule: dict[str, object] = {"freq": "weekly", "byday": _BYDAY[settings.talk_day]}
    if weeks is not None:
        # With a zoned start, RFC 5545 wants UNTIL in UTC.
        rule["until"] = regular[-1].astimezone(timezone.utc)
    series.add("rrule", rule)
    last_start = regular[-1] if weeks is not None else None

    def occurrence_in_series(week_start: date) -> datetime | None:
        """The week's regular start, if the exported series covers that week."""
        occurrence = schedule.regular_starts(settings, zone, week_start, 1)[0]
        if occurrence < first_start or (last_start is not None and occurrence > last_start):
            return None
        return occurrence

    skipped = [
        occurrence
        for week_start in sorted(store.skipped_weeks)
        if (occurrence := occurrence_in_series(week_start)) is not None
    ]
    if skipped:
        series.add("exdate", skipped)
    calendar.add_component(series)

    for moved in sorted(store.moved_talks, key=lambda talk: talk.week_start):
        occurrence = occurrence_in_series(moved.week_start)
        if occurrence is None:
            continue
        override = _event(
            store, stamp, moved.start.astimezone(zone), duration, agenda, alarm_minutes
        )
        override.add("recurrence-id", occurrence)
        calendar.add_component(override)

    last_year = (last_start or first_start).year + _ZONE_YEARS_AHEAD
    calendar.add_missing_timezones(
        first_date=date(first_start.year - 1, 1, 1), last_date=date(last_year, 1, 1)
    )
    content: bytes = calendar.to_ical()
    return content


def _event(
    store: Store,
    stamp: datetime,
    start: datetime,
    duration: timedelta,
    agenda: Sequence[AgendaStep],
    alarm_minutes: int,
) -> Event:
    event = Event()
    event.add("uid", ritual_uid(store))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", duration)
    event.add("summary", summary_for(store))
    event.add("description", description_for(agenda))
    event.add("transp", "OPAQUE")
    if alarm_minutes > 0:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{summary_for(store)} in {alarm_minutes} minutes")
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        event.add_component(alarm)
    return event
