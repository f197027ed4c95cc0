"""Earlier states of the store, kept in backups/ beside it, so nothing is ever lost.

Every write first keeps the state it replaces. We keep the newest 20, and also the
newest of each of the last 12 weeks, so a mistake noticed a month later can still
be undone. A backup is the store file exactly as it was, byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from reconnect_cli import paths
from reconnect_cli.atomic import ensure_private_dir, write_atomically
from reconnect_cli.errors import UsageError

KEEP_LATEST = 20
KEEP_WEEKLY = 12
_FILE_NAME = re.compile(r"store-(\d{8}T\d{6}Z)-([0-9a-f]{8})\.json")


@dataclass(frozen=True)
class BackupFile:
    """One kept copy of the store in backups/."""

    id: str
    path: Path
    created_at: datetime  # UTC


def backup_files() -> list[BackupFile]:
    """The backups there are, newest first."""
    folder = paths.backups_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _FILE_NAME.fullmatch(path.name)
        if match:
            stamp = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            found.append(BackupFile(f"{match.group(1)}-{match.group(2)}", path, stamp))
    # Within one second, the order they were written in (file times) says which is newer.
    return sorted(
        found, key=lambda backup: (backup.created_at, _written_ns(backup.path)), reverse=True
    )


def _written_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def keep(raw: bytes, now: datetime) -> BackupFile | None:
    """Keep ``raw`` (the store as it was) as a backup; returns it, or None when that
    very state was already kept this second. Pruning is the caller's to do after."""
    from reconnect_cli.codec import content_digest

    folder = ensure_private_dir(paths.backups_dir())
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    digest = content_digest(raw)[:8]
    backup = BackupFile(
        f"{stamp}-{digest}",
        folder / f"store-{stamp}-{digest}.json",
        datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc),
    )
    if backup.path.exists():  # the same state at the same second is kept once
        return None
    write_atomically(backup.path, raw)
    return backup


def prune(now: datetime) -> list[BackupFile]:
    """Remove backups beyond the newest 20 and the newest of each of the last 12 weeks."""
    existing = backup_files()
    keep_ids = {backup.id for backup in existing[:KEEP_LATEST]}
    # Calendar weeks (Monday to Sunday, UTC), not weeks counted back from now: a
    # week's newest backup stays its newest, so it is never pruned too early.
    this_monday = _monday(now)
    newest_in_week: dict[int, BackupFile] = {}
    for backup in existing:  # newest first, so the first seen in a week is its newest
        weeks_ago = (this_monday - _monday(backup.created_at)).days // 7
        if 0 <= weeks_ago < KEEP_WEEKLY:
            newest_in_week.setdefault(weeks_ago, backup)
    keep_ids |= {backup.id for backup in newest_in_week.values()}
    removed = [backup for backup in existing if backup.id not in keep_ids]
    for backup in removed:
        backup.path.unlink(missing_ok=True)
    return removed


def _monday(moment: datetime) -> date:
    day = moment.astimezone(timezone.utc).date()
    return day - timedelta(days=day.weekday())


def find_backup(reference: str) -> BackupFile:
    """A backup named by its id or a unique start of it."""
    wanted = reference.strip()
    matches = [b for b in backup_files() if wanted and b.id.startswith(wanted)]
    if not matches:
        raise UsageError(f"no backup {reference!r} (see 'reconnect backup list')")
    if len(matches) > 1:
        raise UsageError(
            f"{reference!r} matches {len(matches)} backups; give more of the id "
            "(see 'reconnect backup list')"
        )
    return matches[0]
