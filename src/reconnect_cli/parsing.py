"""Turn what people type into values, or one clear line saying what is wrong.

Only the standard library is used here: these run while a command starts.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time

from reconnect_cli.errors import UsageError

# Wide enough for any couple's history and plans, and far from the edges of what
# Python's dates can hold, so week arithmetic never overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2999

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_DATE_SHAPE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME_SHAPE = re.compile(r"(\d{1,2}):(\d{2})")


def parse_date(text: str, what: str = "date") -> date:
    """A calendar date written as YYYY-MM-DD."""
    shape = _DATE_SHAPE.fullmatch(text.strip())
    if not shape:
        raise UsageError(f"{what}: {text!r} is not a date in the form YYYY-MM-DD")
    year, month, day = (int(part) for part in shape.groups())
    if not 1 <= month <= 12:
        raise UsageError(f"{what}: {text} is not a real date (there is no month {month})")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(
            f"{what}: {text} is outside the years reconnect plans for ({FIRST_YEAR} to {LAST_YEAR})"
        )
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise UsageError(
            f"{what}: {text} is not a real date "
            f"({calendar.month_name[month]} {year} has {days_in_month} days)"
        )
    return date(year, month, day)


def parse_clock_time(text: str, what: str = "time") -> time:
    """A time of day written as HH:MM on the 24-hour clock."""
    shape = _TIME_SHAPE.fullmatch(text.strip())
    if not shape:
        raise UsageError(f"{what}: {text!r} is not a time in the form HH:MM (for example 19:30)")
    hour, minute = int(shape.group(1)), int(shape.group(2))
    if hour > 23 or minute > 59:
        raise UsageError(f"{what}: {text} is not a time of day (use 00:00 to 23:59)")
    return time(hour, minute)


def parse_weekday(text: str, what: str = "day") -> str:
    """A day of the week, full or as its first three letters; returns the full name."""
    wanted = text.strip().lower()
    for name in WEEKDAYS:
        if wanted in (name, name[:3]):
            return name
    raise UsageError(f"{what}: {text!r} is not a day of the week (monday to sunday)")


def parse_moment(text: str, what: str = "--to") -> tuple[date, time]:
    """A local date and time written as "YYYY-MM-DD HH:MM"."""
    parts = text.strip().replace("T", " ").split()
    if len(parts) != 2:
        raise UsageError(f'{what}: {text!r} is not a moment in the form "YYYY-MM-DD HH:MM"')
    return parse_date(parts[0], what), parse_clock_time(parts[1], what)


def parse_timezone(text: str, what: str = "--timezone") -> str:
    """An IANA time zone name such as Europe/Berlin, known to this machine."""
    from reconnect_cli.clock import is_known_zone

    name = text.strip()
    well_formed = re.fullmatch(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*", name)
    if not (well_formed and is_known_zone(name)):
        raise UsageError(
            f"{what}: {text!r} is not a known time zone (use an IANA name such as Europe/Berlin)"
        )
    return name


def parse_rating(text: str, what: str = "rating") -> int:
    """How connected someone feels, a whole number from 1 to 5."""
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit() or not 1 <= int(stripped) <= 5:
        raise UsageError(f"{what}: {text!r} is not a whole number from 1 to 5")
    return int(stripped)


def parse_name(text: str, what: str = "name") -> str:
    """A person's name: inner spaces folded, printable, 1 to 60 characters."""
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > 60 or not cleaned.isprintable():
        raise UsageError(f"{what}: a name is 1 to 60 printable characters")
    return cleaned


def parse_count(text: str, what: str, low: int, high: int) -> int:
    """A whole number within bounds, such as a number of minutes."""
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit() or not low <= int(stripped) <= high:
        raise UsageError(f"{what}: {text!r} is not a whole number from {low} to {high}")
    return int(stripped)
