"""What time it is, and where: the one place that reads the clock.

``RECONNECT_NOW`` pins "now" for scripts and tests. Dates and times are planned in
the system's local time zone, which honours ``TZ``.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, tzinfo
from pathlib import Path

from reconnect_cli.errors import UsageError

NOW_ENV = "RECONNECT_NOW"

# A date alone in RECONNECT_NOW means noon of that day: midday never falls into a
# daylight-saving gap, so the pinned moment always exists.
_DATE_ONLY_HOUR = 12


def system_zone_name() -> str | None:
    """The system's IANA zone name (from ``TZ`` or the system settings), if it has one
    that the zone database knows (a mistyped ``TZ`` is passed over)."""
    # TZ first and uncached: tzlocal remembers the first answer for the whole process.
    from_env = os.environ.get("TZ", "").strip().removeprefix(":")
    if from_env and "/" in from_env and not from_env.startswith("/") and is_known_zone(from_env):
        return from_env
    linked = _zone_linked_from_localtime()
    if linked and is_known_zone(linked):
        return linked
    import tzlocal

    try:
        name = tzlocal.get_localzone_name()
    except Exception:  # tzlocal raises several kinds of errors for odd set-ups
        return None
    return name if name and is_known_zone(name) else None


def is_known_zone(name: str) -> bool:
    """Whether the IANA zone database on this machine has ``name``."""
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (ValueError, KeyError):  # KeyError covers ZoneInfoNotFoundError
        return False
    return True


def _zone_linked_from_localtime() -> str | None:
    """The zone /etc/localtime links to, the file the C library itself reads.

    Most Linux and macOS systems set the zone this way, and a readlink is much
    quicker than importing tzlocal, which remains for every other set-up.
    """
    if os.name != "posix":
        return None
    try:
        target = str(Path("/etc/localtime").readlink())
    except OSError:
        return None
    _, marker, name = target.partition("zoneinfo/")
    if not marker or not name or name.startswith(("posix/", "right/")):
        return None
    return name


def local_zone(name: str | None = None) -> tzinfo:
    """The zone to plan in: the one named (a setting), else the system's.

    Named zones come from the IANA database, the same rules calendar programs use
    for the exported file, so our times and theirs always agree.
    """
    from zoneinfo import ZoneInfo

    chosen = name or system_zone_name()
    if chosen:
        try:
            return ZoneInfo(chosen)
        except (ValueError, KeyError):  # not a zone this machine knows; fall through
            pass
    from dateutil import tz

    return tz.gettz() or tz.tzlocal()


def now(zone: tzinfo | None = None) -> datetime:
    """The current moment as an aware date-time in ``zone`` (default the local zone)."""
    zone = zone or local_zone()
    pinned = os.environ.get(NOW_ENV, "").strip()
    if not pinned:
        return datetime.now(zone)
    return parse_pinned_now(pinned, zone)


def today(zone: tzinfo | None = None) -> date:
    return now(zone).date()


def parse_pinned_now(text: str, zone: tzinfo) -> datetime:
    """Read RECONNECT_NOW: an ISO date or date-time, with or without an offset."""
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(_DATE_ONLY_HOUR), zone)
        # Python 3.10's fromisoformat does not know the "Z" suffix.
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        raise UsageError(
            f"{NOW_ENV}={text!r} is not an ISO date or date-time "
            "(for example 2026-11-29 or 2026-11-29T19:30)"
        ) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
