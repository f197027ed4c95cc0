"""The one module that opens ``store.json``.

Promises, in the order they are kept:

* A store that cannot be read or does not validate is never overwritten: we stop
  with one line naming the file and the problem.
* Writes happen under an exclusive lock on a separate lock file (the store's own
  inode changes at every replace), reading and validating inside the lock, so two
  commands at once never lose each other's changes.
* A write goes to a temp file in the same folder, is flushed and fsynced, then
  replaces the store atomically; the folder is fsynced too. A crash at any moment
  leaves either the old or the new store, whole.
* The folder is 0700 and the files 0600, whatever the umask (modes are only ever
  tightened: a folder made read-only by its owner stays so).
* Before any write, the state it replaces is kept in backups/ (see backups.py).
* Every store is validated by pydantic (validation.py) before it is used, except
  bytes known to have been validated already: the store remembers, in
  ``store.checked``, the content hash of the last store it wrote or validated.
  Reading those exact bytes again skips the validation (and the pydantic import);
  any other bytes, a hand edit included, are validated in full.

The write recipe itself lives in atomic.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reconnect_cli import clock, paths
from reconnect_cli.atomic import (
    POSIX,
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    sweep_stale_temp_files,
    write_atomically,
    write_quietly,
)
from reconnect_cli.errors import StoreError

if TYPE_CHECKING:
    from reconnect_cli.backups import BackupFile
    from reconnect_cli.models import Store

LOCK_TIMEOUT_SECONDS = 30.0


def new_store() -> Store:
    """A fresh store: default settings and a rotation seed of its own."""
    import secrets

    from reconnect_cli.models import Rotation, Store

    # The seed makes each couple's rotation order their own, and stable.
    return Store(created_at=clock.now(), rotation=Rotation(seed=secrets.randbits(62)))


def read_or_create_store() -> Store:
    """Like ``read_store``, but a missing store is created first.

    For what must be the same at every run even on a new install (a preview, the
    calendar file's UID): both come from the store's seed, which must exist.
    """
    if paths.store_path().exists():
        return read_store()
    with transaction() as created:
        return created


def read_store() -> Store:
    """The store as it is on disk, or a fresh one if there is none yet.

    Reading takes no lock: writers replace the file atomically, so a reader sees
    either the old or the new store.
    """
    path = paths.store_path()
    raw = _read_bytes(path)
    if raw is None:
        return new_store()
    with _collector_paused():
        return _load_store(raw, path)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cycle collector off a store while it is built, and after.

    A store's records hold no cycles, yet with years of check-ins the collector
    would rescan them again and again: as they are made (a third of the reading
    time at 100,000) and whenever the command later makes many objects (sorting
    100,000 check-ins took ten times as long). So collection pauses while they are
    built, and then everything alive is frozen (``gc.freeze``): set aside from later
    passes, and still freed as usual when no longer used.
    """
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as problem:
        raise StoreError(f"cannot read {path}: {problem.strerror or problem}") from None


def parse_store(raw: bytes, path: Path) -> Store:
    """Validate the bytes of a store file in full, or say in one line what is wrong."""
    from reconnect_cli import codec, validation
    from reconnect_cli.models import SCHEMA_VERSION, Store

    untouched = "it was left untouched"
    try:
        # The common case, a current and valid store, parses in pydantic's own JSON
        # reader: about twice as quick as json.loads plus validation, with less memory.
        return validation.from_json(Store, raw)
    except validation.ValidationError:
        pass  # read it again below, to migrate it or to say exactly what is wrong
    try:
        data = codec.read_json_text(raw)
    except ValueError as problem:
        raise StoreError(f"{path} {problem}; {untouched}") from None
    if not isinstance(data, dict):
        raise StoreError(f"{path} does not hold a reconnect store (not an object); {untouched}")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool):
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} was written by a newer reconnect (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade reconnect to use it. {untouched.capitalize()}"
            )
        if version < SCHEMA_VERSION:
            from reconnect_cli.migrations import migrate

            data = migrate(data, SCHEMA_VERSION)
    try:
        return validation.from_python(Store, data)
    except validation.ValidationError as problem:
        raise StoreError(
            f"{path} does not validate: {validation.describe(problem)}; {untouched}"
        ) from None


def _load_store(raw: bytes, path: Path) -> Store:
    """The store in ``raw``: trusted if these exact bytes were validated before."""
    from reconnect_cli import codec

    digest = _digest(raw)
    if digest == _checked_digest():
        # These bytes are exactly what dump_store wrote, so they are read record by
        # record: years of check-ins never exist as one big tree of dicts.
        document = codec.read_records_json(raw, {"checkins": codec.checkin_from_document})
        return codec.store_from_document(document)
    store = parse_store(raw, path)
    # Only a store in the exact form reconnect writes is remembered: the quick reader
    # relies on every key being present.
    if dump_store(store) == raw:
        _remember_checked(digest)
    return store


def _digest(raw: bytes) -> str:
    from reconnect_cli.codec import content_digest

    return content_digest(raw)


def _checked_digest() -> str | None:
    try:
        return paths.checked_path().read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None


def _remember_checked(digest: str) -> None:
    # Losing this note costs only one validation, so it is written quietly.
    write_quietly(paths.checked_path(), f"{digest}\n".encode("ascii"))


def dump_store(store: Store) -> bytes:
    """Keys sorted, and one record per line (a check-in, a week, a note), so that the
    file diffs well and is written by the json module's C encoder."""
    from reconnect_cli import codec

    return codec.records_json(codec.store_document(store, lazy_checkins=True))


@contextlib.contextmanager
def transaction() -> Iterator[Store]:
    """Read, change and save the store under the lock.

    The body changes the yielded store in place. It is written back only when the
    body finishes without an exception and something actually changed.
    """
    ensure_private_home()
    path = paths.store_path()
    with _exclusive_lock():
        before = _read_bytes(path)
        with _collector_paused():
            store = new_store() if before is None else _load_store(before, path)
        yield store
        after = dump_store(store)
        if after != before:
            _replace_keeping_a_backup(path, before, after)
            # What reconnect writes is built from shapes it checked or made itself
            # (typed, from validated input), so it is remembered as validated.
            _remember_checked(_digest(after))


def sweep_leftovers() -> int:
    """Remove temp files left by interrupted saves, under the lock; returns how many."""
    ensure_private_home()
    with _exclusive_lock():
        swept = sweep_stale_temp_files(paths.reconnect_home())
        if paths.backups_dir().is_dir():
            swept += sweep_stale_temp_files(paths.backups_dir())
    return len(swept)


def restore(backup: BackupFile) -> None:
    """Make ``backup`` the store again, keeping the current state as a backup first.

    The current store is kept byte for byte even when it is broken, so a restore
    can itself be undone.
    """
    ensure_private_home()
    path = paths.store_path()
    with _exclusive_lock():
        try:
            raw = backup.path.read_bytes()
        except OSError as problem:
            raise StoreError(f"cannot read {backup.path}: {problem.strerror or problem}") from None
        parse_store(raw, backup.path)  # refuse a broken backup before touching anything
        _replace_keeping_a_backup(path, _read_bytes(path), raw)


def _replace_keeping_a_backup(path: Path, before: bytes | None, after: bytes) -> None:
    """Write ``after`` over the store, keeping ``before`` as a backup first.

    If the write fails, the backup made for it goes again (it is a copy of the store
    that stays), and old backups are pruned only once the write has succeeded: a
    failed command leaves the folder exactly as it was.
    """
    from reconnect_cli import backups

    now = clock.now()
    kept = backups.keep(before, now) if before is not None else None
    try:
        write_atomically(path, after)
    except StoreError:
        if kept is not None:
            kept.path.unlink(missing_ok=True)
        raise
    backups.prune(now)


def ensure_private_home() -> Path:
    """Create the reconnect folder if needed, and make sure only the user can enter it."""
    return ensure_private_dir(paths.reconnect_home())


@contextlib.contextmanager
def _exclusive_lock() -> Iterator[None]:
    from reconnect_cli.locking import LockTimeout, LockUnavailable, exclusive_lock

    lock_file = paths.lock_path()
    try:
        with exclusive_lock(lock_file, LOCK_TIMEOUT_SECONDS, PRIVATE_FILE_MODE):
            if POSIX and lock_file.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
                lock_file.chmod(PRIVATE_FILE_MODE)
            yield
    except LockTimeout:
        raise StoreError(
            f"another reconnect command has held {lock_file} for {LOCK_TIMEOUT_SECONDS:.0f}s; "
            "try again in a moment"
        ) from None
    except LockUnavailable as problem:
        raise StoreError(f"cannot lock {lock_file}: {problem}") from None
