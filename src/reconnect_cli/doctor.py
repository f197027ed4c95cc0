"""Check that a couple's data is healthy, and mend what can be mended safely.

Mending is limited to permissions and our own leftover temp files: doctor never
changes data, and never touches a file it cannot validate.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

from reconnect_cli import backups, paths, store
from reconnect_cli.atomic import POSIX, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE
from reconnect_cli.errors import ReconnectError
from reconnect_cli.models import SCHEMA_VERSION, DoctorCheck, DoctorReport


def examine(fix: bool) -> DoctorReport:
    home = paths.reconnect_home()
    checks = [_store_check(), _schema_check()]
    checks.append(_modes_check(home, fix))
    checks.append(_temp_files_check(home, fix))
    backup_check, good_backup = _backups_check()
    checks.append(backup_check)
    checks.append(_own_prompts_check())
    advice = None
    if not checks[0].ok:
        advice = (
            f"Restore the newest good backup with: reconnect backup restore {good_backup}"
            if good_backup
            else "There is no good backup to restore; keep the broken file for a closer look."
        )
    return DoctorReport(
        healthy=all(check.ok or check.fixed for check in checks), checks=checks, advice=advice
    )


def _store_check() -> DoctorCheck:
    path = paths.store_path()
    if not path.exists():
        return DoctorCheck(name="store", ok=True, detail=f"no store yet at {path}")
    try:
        data = store.read_store()
    except ReconnectError as problem:
        return DoctorCheck(name="store", ok=False, detail=problem.message)
    return DoctorCheck(
        name="store", ok=True, detail=f"{path} reads and validates ({len(data.checkins)} check-ins)"
    )


def _schema_check() -> DoctorCheck:
    path = paths.store_path()
    try:
        version = json.loads(path.read_bytes()).get("schema_version")
    except (OSError, ValueError, AttributeError):
        return DoctorCheck(name="schema", ok=True, detail="no readable store to check")
    if version == SCHEMA_VERSION:
        return DoctorCheck(name="schema", ok=True, detail=f"schema {version}, the current one")
    if isinstance(version, int) and version < SCHEMA_VERSION:
        return DoctorCheck(
            name="schema",
            ok=True,
            detail=f"schema {version}; it is brought up to {SCHEMA_VERSION} at the next save",
        )
    return DoctorCheck(
        name="schema",
        ok=False,
        detail=f"schema {version!r} is not one this reconnect reads (it reads {SCHEMA_VERSION})",
    )


def _private_paths(home: Path) -> list[tuple[Path, int]]:
    wanted = [(home, PRIVATE_DIR_MODE)]
    for path in (paths.store_path(), paths.lock_path()):
        wanted.append((path, PRIVATE_FILE_MODE))
    backup_folder = paths.backups_dir()
    if backup_folder.is_dir():
        wanted.append((backup_folder, PRIVATE_DIR_MODE))
        wanted += [(backup.path, PRIVATE_FILE_MODE) for backup in backups.backup_files()]
    return [(path, mode) for path, mode in wanted if path.exists()]


def _modes_check(home: Path, fix: bool) -> DoctorCheck:
    if not POSIX:
        return DoctorCheck(name="permissions", ok=True, detail="not checked on this system")
    loose = [
        (path, mode)
        for path, mode in _private_paths(home)
        if stat.S_IMODE(path.stat().st_mode) != mode
    ]
    if not loose:
        return DoctorCheck(name="permissions", ok=True, detail="only you can read your data")
    listed = ", ".join(f"{p} is {stat.S_IMODE(p.stat().st_mode):o}" for p, _ in loose)
    if not fix:
        return DoctorCheck(
            name="permissions", ok=False, detail=f"{listed}; 'reconnect doctor --fix' mends this"
        )
    for path, mode in loose:
        path.chmod(mode)
    return DoctorCheck(name="permissions", ok=False, fixed=True, detail=f"mended: {listed}")


def _temp_files_check(home: Path, fix: bool) -> DoctorCheck:
    pattern = f"{paths.TEMP_PREFIX}*{paths.TEMP_SUFFIX}"
    leftovers = [*home.glob(pattern), *paths.backups_dir().glob(pattern)] if home.is_dir() else []
    if not leftovers:
        return DoctorCheck(name="temp files", ok=True, detail="none left behind")
    if not fix:
        return DoctorCheck(
            name="temp files",
            ok=False,
            detail=f"{len(leftovers)} left by an interrupted save; 'reconnect doctor --fix' "
            "removes them",
        )
    removed = store.sweep_leftovers()
    return DoctorCheck(
        name="temp files",
        ok=False,
        fixed=True,
        detail=f"removed {removed} left by an interrupted save",
    )


def _own_prompts_check() -> DoctorCheck:
    from reconnect_cli import own_prompts

    path = paths.own_prompts_path()
    if not path.exists():
        return DoctorCheck(name="your questions", ok=True, detail="no prompts.yaml (none added)")
    try:
        own_prompts.check()
    except ReconnectError as problem:
        return DoctorCheck(name="your questions", ok=False, detail=problem.message)
    return DoctorCheck(name="your questions", ok=True, detail=f"{path} reads and validates")


def _backups_check() -> tuple[DoctorCheck, str | None]:
    """Whether the backups read; also the newest good one, for advice."""
    found = backups.backup_files()
    if not found:
        return DoctorCheck(
            name="backups", ok=True, detail="none yet (one is kept at every save)"
        ), None
    broken, newest_good = [], None
    for backup in found:
        try:
            store.parse_store(backup.path.read_bytes(), backup.path)
        except (OSError, ReconnectError):
            broken.append(backup.id)
            continue
        newest_good = newest_good or backup.id
    if broken:
        return (
            DoctorCheck(
                name="backups",
                ok=False,
                detail=f"{len(found)} kept, {len(broken)} unreadable: {', '.join(broken)}",
            ),
            newest_good,
        )
    return DoctorCheck(
        name="backups", ok=True, detail=f"{len(found)} kept, all readable"
    ), newest_good
