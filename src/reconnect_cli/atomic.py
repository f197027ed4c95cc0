"""Writing a file so that a crash leaves the old or the new one, whole and private.

The recipe: a unique temp file in the same folder (0600 from mkstemp), flushed
and fsynced, then ``os.replace`` over the target, then an fsync of the folder so
the rename itself survives a power cut. A failed fsync is never retried: the
kernel may already have dropped the data, so we fail instead.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from reconnect_cli import paths
from reconnect_cli.errors import StoreError

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
POSIX = os.name == "posix"


def ensure_private_dir(folder: Path) -> Path:
    """Create ``folder`` if needed, and make sure only its owner can enter it.

    Modes are only ever tightened: a folder its owner made read-only (to freeze
    their data) stays read-only, and the write that needed it fails instead.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        mode = folder.stat().st_mode & 0o777
        if POSIX and mode & ~PRIVATE_DIR_MODE:
            folder.chmod(mode & PRIVATE_DIR_MODE)  # an existing folder may be looser
    except OSError as problem:
        raise StoreError(f"cannot prepare {folder}: {problem.strerror or problem}") from None
    return folder


def write_atomically(target: Path, data: bytes, sweep: bool = True) -> None:
    """Replace ``target`` with ``data`` so that a crash leaves the old or the new file whole.

    ``sweep`` clears our own stale temp files first; leave it off outside our folders.
    """
    folder = target.parent
    if sweep:
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
    except OSError as problem:
        raise StoreError(
            f"could not save {target}: {problem.strerror or problem}; nothing was changed"
        ) from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    try:
        _fsync_folder(folder)
    except OSError as problem:
        # The new file is in place and is what every reader sees, so this is no
        # failure (an exit 1 would say nothing was saved, and a talk would be logged
        # twice); only its surviving a power cut is in doubt, and the person is told.
        import logging

        # With no handler set up, logging prints just the message on stderr.
        logging.getLogger("reconnect").warning(
            "reconnect: saved %s, but its folder could not be flushed to disk (%s); "
            "it may not survive a power cut",
            target,
            problem.strerror or problem,
        )


def write_quietly(target: Path, data: bytes) -> bool:
    """Replace ``target`` with ``data`` (0600, atomic, no fsync), for files that only
    save time, such as caches: losing one costs a little work, so a failure (a
    read-only folder, a full disk) is ignored. Returns whether it was written."""
    temp = target.with_name(f"{paths.TEMP_PREFIX}{target.name}-{os.getpid()}{paths.TEMP_SUFFIX}")
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    return True


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
    if POSIX:
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
    if not POSIX:
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
