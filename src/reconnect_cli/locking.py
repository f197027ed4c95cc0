"""One writer at a time: an exclusive lock on a file beside the store.

The lock is the operating system's own (``flock`` on POSIX, ``msvcrt.locking`` on
Windows), held on an open descriptor, so it goes away with the process however
the process ends: a writer killed mid-write never leaves the store locked.

This is a few lines of our own rather than a lock library because every command
that writes pays for the import, and the one we used cost about 17 ms (it loads
logging, hashlib and asyncio support) for the same system call.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


class LockUnavailable(Exception):
    """The lock file cannot be opened (permissions, a read-only disk...)."""

    def __init__(self, problem: OSError) -> None:
        super().__init__(problem.strerror or str(problem))


@contextlib.contextmanager
def exclusive_lock(lock_file: Path, timeout: float, mode: int) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (created with ``mode`` if missing)."""
    try:
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, mode)
    except OSError as problem:
        raise LockUnavailable(problem) from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(descriptor):
            if time.monotonic() >= deadline:
                raise LockTimeout(str(lock_file))
            # A little jitter, so that waiting writers do not retry in step.
            time.sleep(random.uniform(0.002, 0.02))
        try:
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)  # Windows locks a byte range from here
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
