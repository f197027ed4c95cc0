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
* The folder is 0700 and the files 0600, whatever the umask.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconnect_cli import clock, paths
from reconnect_cli.errors import StoreError

if TYPE_CHECKING:
    from reconnect_cli.models import Store

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
LOCK_TIMEOUT_SECONDS = 30.0
_POSIX = os.name == "posix"


def new_store() -> Store:
    """A fresh store: default settings and a rotation seed of its own."""
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
    return new_store() if raw is None else parse_store(raw, path)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as problem:
        raise StoreError(f"cannot read {path}: {problem.strerror or problem}") from None


def parse_store(raw: bytes, path: Path) -> Store:
    """Validate the bytes of a store file, or say in one line what is wrong."""
    from pydantic import ValidationError

    from reconnect_cli.models import SCHEMA_VERSION, Store

    untouched = "it was left untouched"
    try:
        data = json.loads(raw)
    except ValueError as problem:  # covers bad UTF-8 too
        raise StoreError(f"{path} is not valid JSON ({problem}); {untouched}") from None
    if not isinstance(data, dict):
        raise StoreError(f"{path} does not hold a reconnect store (not an object); {untouched}")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer reconnect (schema {version}, this one reads "
            f"{SCHEMA_VERSION}); upgrade reconnect to use it. {untouched.capitalize()}"
        )
    try:
        return Store.model_validate(data)
    except ValidationError as problem:
        raise StoreError(
            f"{path} does not validate: {describe_validation_error(problem)}; {untouched}"
        ) from None


def describe_validation_error(problem: Any) -> str:
    """The first problem pydantic found, as 'field.path: message (and N more)'."""
    errors = problem.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def dump_store(store: Store) -> bytes:
    """Indented, with sorted keys, so that the file diffs well."""
    document = store.model_dump(mode="json")
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


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
        store = new_store() if before is None else parse_store(before, path)
        yield store
        after = dump_store(store)
        if after != before:
            write_atomically(path, after)


def ensure_private_home() -> Path:
    """Create the reconnect folder if needed, and make sure only the user can enter it."""
    home = paths.reconnect_home()
    try:
        home.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        if _POSIX and home.stat().st_mode & 0o777 != PRIVATE_DIR_MODE:
            home.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    except OSError as problem:
        raise StoreError(f"cannot prepare {home}: {problem.strerror or problem}") from None
    return home


@contextlib.contextmanager
def _exclusive_lock() -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock_file = paths.lock_path()
    lock = FileLock(lock_file, mode=PRIVATE_FILE_MODE, timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            if _POSIX and lock_file.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
                lock_file.chmod(PRIVATE_FILE_MODE)
            yield
    except Timeout:
        raise StoreError(
            f"another reconnect command has held {lock_file} for {LOCK_TIMEOUT_SECONDS:.0f}s; "
            "try again in a moment"
        ) from None
    except PermissionError as problem:
        raise StoreError(f"cannot lock {lock_file}: {problem.strerror or problem}") from None


def write_atomically(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` so that a crash leaves the old or the new file whole."""
    folder = target.parent
    sweep_stale_temp_files(folder)
    temp_name: str | None = None
    try:
        descriptor, temp_name = tempfile.mkstemp(
            prefix=paths.TEMP_PREFIX, suffix=paths.TEMP_SUFFIX, dir=folder
        )
        with os.fdopen(descriptor, "wb") as temp:
            temp.write(data)
            temp.flush()
            _flush_to_disk(temp.fileno())
        _replace(temp_name, target)
        temp_name = None
        _fsync_folder(folder)
    except OSError as problem:
        raise StoreError(
            f"could not save {target}: {problem.strerror or problem}; nothing was changed"
        ) from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def sweep_stale_temp_files(folder: Path) -> list[Path]:
    """Remove temp files left by writers that were killed mid-write.

    Only called with the lock held, so no live writer owns any of them.
    """
    swept = []
    for leftover in folder.glob(f"{paths.TEMP_PREFIX}*{paths.TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            swept.append(leftover)
    return swept


def _flush_to_disk(descriptor: int) -> None:
    # On macOS plain fsync may leave data in the drive's cache; F_FULLFSYNC does not.
    if sys.platform == "darwin":
        import fcntl

        fcntl.fcntl(descriptor, fcntl.F_FULLFSYNC)
    else:
        os.fsync(descriptor)


def _replace(source: str, target: Path) -> None:
    if _POSIX:
        os.replace(source, target)
        return
    # On Windows a virus scanner or indexer may briefly hold the file open.
    import time

    for attempt in range(5):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))


def _fsync_folder(folder: Path) -> None:
    # The rename itself lives in the folder: without this, a power cut could undo it.
    if not _POSIX:
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
