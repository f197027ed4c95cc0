"""A full disk or a read-only folder fails the command with one line and exit 1, and
leaves the store exactly as it was, with no temp file behind."""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from reconnect_cli import paths, ritual, store
from robust_support import (
    assert_no_crash,
    assert_one_error_line,
    changed_files,
    run,
    snapshot,
    temp_leftovers,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX resource limits and modes")
linux_only = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd to tell a file's path"
)

CHECKIN = ["checkin", "--rating", "4", "--highlight", "one more", "--no-input"]


def _seed(count: int = 30) -> None:
    for index in range(count):
        ritual.log_checkin(ritual.CheckInRequest(rating=1 + index % 5, note="A note. " * 30))


def _outside_backups(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: raw for name, raw in files.items() if not name.startswith("backups")}


def _assert_failed_cleanly(
    args: list[str], result: Any, home: Path, before: dict[str, bytes]
) -> None:
    """Exit 1, one line, the store and its folder as they were, every backup whole."""
    assert_no_crash(args, result)
    assert result.exit_code == 1, result.stderr
    assert_one_error_line(args, result)
    after = snapshot(home)
    assert not changed_files(_outside_backups(before), _outside_backups(after))
    assert not temp_leftovers(home)
    for name, raw in after.items():
        if name.startswith("backups"):
            store.parse_store(raw, home / name)


def _assert_recovers(home: Path, store_file: Path) -> None:
    """Once the disk has room again, the next check-in saves and adds exactly one."""
    count = len(store.parse_store(store_file.read_bytes(), store_file).checkins)
    result = run(CHECKIN)
    assert result.exit_code == 0, result.stderr
    assert len(store.parse_store(store_file.read_bytes(), store_file).checkins) == count + 1
    assert not temp_leftovers(home)


# --- (a) EFBIG: a file size limit below what the save needs -------------------------------


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@posix_only
@pytest.mark.parametrize(
    "where", ["nothing fits", "half the store fits", "the old store fits, the new does not"]
)
def test_a_file_size_limit_fails_the_save_and_changes_nothing(
    home: Path, store_file: Path, where: str
) -> None:
    """`python -m reconnect_cli checkin` under RLIMIT_FSIZE (SIGXFSZ ignored, so writes
    fail with EFBIG): with the limit at 1 byte the backup of the old state cannot be
    written, at half the store it fails part way, and just above the old store's size
    the backup is kept but the new store is too big. Each time: exit 1, exactly one line
    on stderr starting 'reconnect: ', the store byte-identical, no temp file anywhere."""
    _seed()
    before = snapshot(home)
    size = len(store_file.read_bytes())
    limit = {
        "nothing fits": 1,
        "half the store fits": size // 2,
        "the old store fits, the new does not": size + 10,
    }[where]
    args = [sys.executable, "-m", "reconnect_cli", *CHECKIN]
    result = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
        preexec_fn=_limit_file_size(limit),
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("reconnect: "), result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    after = snapshot(home)
    assert not changed_files(_outside_backups(before), _outside_backups(after))
    assert not temp_leftovers(home)
    for name, raw in after.items():
        if name.startswith("backups"):
            store.parse_store(raw, home / name)  # a backup is whole or not there
    _assert_recovers(home, store_file)


# --- (b) ENOSPC: the disk fills up part way through a save --------------------------------


class DiskBudget:
    """A disk with ``free`` bytes left for files under ``root``; past that, ENOSPC.

    Every way of writing a file is metered (``os.write``, and whatever ``open``,
    ``io.open``, ``os.fdopen`` or ``Path.open`` returns for writing), so the
    simulation holds however the save writes its temp file. A write that does not
    fit writes what fits, then fails, as a real full disk does.
    """

    def __init__(self, root: Path, free: int) -> None:
        self.root = str(root)
        self.free = free
        self.refused = 0

    def covers(self, target: object) -> bool:
        if isinstance(target, int):
            try:
                name = str(Path(f"/proc/self/fd/{target}").readlink())
            except OSError:
                return False
        elif isinstance(target, (str, os.PathLike)):
            name = os.path.abspath(os.fspath(target))  # noqa: PTH100
        else:
            return False
        return name == self.root or name.startswith(self.root + "/")

    def take(self, wanted: int) -> int:
        granted = min(wanted, self.free)
        self.free -= granted
        if granted < wanted:
            self.refused += 1
        return granted

    def full(self) -> OSError:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class MeteredFile:
    """A writable file whose writes draw on a DiskBudget."""

    def __init__(self, inner: Any, budget: DiskBudget) -> None:
        self._inner = inner
        self._budget = budget

    def write(self, data: Any) -> int:
        size = len(data.encode("utf-8")) if isinstance(data, str) else len(memoryview(data))
        granted = self._budget.take(size)
        if granted < size:
            if granted:
                part = data[:granted] if isinstance(data, str) else bytes(data)[:granted]
                self._inner.write(part)
                self._inner.flush()
            raise self._budget.full()
        return int(self._inner.write(data))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __enter__(self) -> MeteredFile:
        return self

    def __exit__(self, *problem: object) -> None:
        self._inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextmanager
def disk_with(monkeypatch: pytest.MonkeyPatch, root: Path, free: int) -> Iterator[DiskBudget]:
    budget = DiskBudget(root, free)
    real_open = io.open
    real_write = os.write

    def metered_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        if any(flag in mode for flag in "wax+") and budget.covers(file):
            return MeteredFile(handle, budget)
        return handle

    def metered_write(descriptor: int, data: Any) -> int:
        if not budget.covers(descriptor):
            return real_write(descriptor, data)
        size = len(memoryview(data))
        granted = budget.take(size)
        if granted < size:
            if granted:
                real_write(descriptor, bytes(data)[:granted])
            raise budget.full()
        return real_write(descriptor, data)

    with monkeypatch.context() as patch:
        patch.setattr(io, "open", metered_open)
        patch.setattr(builtins, "open", metered_open)
        patch.setattr(os, "write", metered_write)
        yield budget


@linux_only
@pytest.mark.parametrize(
    "free",
    ["none", "half the backup", "the backup and half the store"],
)
def test_a_disk_filling_up_mid_save_fails_the_command_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, home: Path, store_file: Path, free: str
) -> None:
    """ENOSPC part way through writing: before the backup of the old state, in the
    middle of it, and in the middle of the new store's temp file. reconnect checkin
    exits 1 with one line, the store and its folder stay byte-identical, no temp file
    is left, and once there is room again the next check-in saves normally."""
    _seed()
    before = snapshot(home)
    size = len(store_file.read_bytes())
    room = {"none": 0, "half the backup": size // 2, "the backup and half the store": size * 3 // 2}
    with disk_with(monkeypatch, home, room[free]) as budget:
        result = run(CHECKIN)
    assert budget.refused, "the save did run into the full disk"
    _assert_failed_cleanly(CHECKIN, result, home, before)
    _assert_recovers(home, store_file)


@linux_only
@pytest.mark.parametrize(
    "args",
    [
        ["note", "Talk about the holidays"],
        ["setup", "--name", "Sam"],
        ["schedule", "skip"],
        ["delete", "{id}", "--yes"],
        ["edit", "{id}", "--highlight", "A new highlight"],
    ],
    ids=lambda args: args[0] + (" " + args[1] if args[0] == "schedule" else ""),
)
def test_every_kind_of_write_fails_cleanly_on_a_full_disk(
    monkeypatch: pytest.MonkeyPatch, home: Path, store_file: Path, args: list[str]
) -> None:
    """The same promise for other commands that write: exit 1, one line, nothing changed."""
    _seed(5)
    first = store.read_store().checkins[0].id
    args = [part.replace("{id}", first) for part in args]
    before = snapshot(home)
    size = len(store_file.read_bytes())
    with disk_with(monkeypatch, home, size + size // 3) as budget:
        result = run(args)
    assert budget.refused
    _assert_failed_cleanly(args, result, home, before)


@linux_only
@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO, errno.EDQUOT])
def test_a_failed_flush_of_the_temp_file_fails_cleanly(
    monkeypatch: pytest.MonkeyPatch, home: Path, store_file: Path, error: int
) -> None:
    """fsync of the new data fails (delayed allocation reports a full disk there):
    exit 1, one line, the store unchanged and no temp file left."""
    _seed()
    before = snapshot(home)
    real_fsync = os.fsync

    def failing_fsync(descriptor: int) -> None:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(error, os.strerror(error))
        real_fsync(descriptor)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", failing_fsync)
        result = run(CHECKIN)
    _assert_failed_cleanly(CHECKIN, result, home, before)
    _assert_recovers(home, store_file)


@posix_only
def test_a_failed_flush_of_the_folder_is_not_reported_as_nothing_changed(
    monkeypatch: pytest.MonkeyPatch, home: Path, store_file: Path
) -> None:
    """fsync of the store's folder after the rename fails with EIO. By then the new store is in
    place, so the command may succeed, or fail; but an exit 1 promises that nothing was
    written (a person would check in again and log the talk twice)."""
    _seed()
    before = store_file.read_bytes()
    real_fsync = os.fsync
    folder = home.stat()

    def failing_fsync(descriptor: int) -> None:
        found = os.fstat(descriptor)
        if (found.st_dev, found.st_ino) == (folder.st_dev, folder.st_ino):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(descriptor)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", failing_fsync)
        result = run(CHECKIN)
    assert_no_crash(CHECKIN, result)
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert_one_error_line(CHECKIN, result)
        assert store_file.read_bytes() == before, (
            f"exit 1 said {result.stderr.strip()!r}, yet the store holds the new check-in"
        )
    assert not temp_leftovers(home)


# --- (c) A read-only folder ----------------------------------------------------------------


def _write_opens_refused(monkeypatch: pytest.MonkeyPatch, root: Path, error: int) -> None:
    """Every open under ``root`` that could create or change a file fails with ``error``."""
    real_open = os.open
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    prefix = str(root) + "/"

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        name = os.path.abspath(os.fspath(path))  # noqa: PTH100
        if flags & writing and (name == str(root) or name.startswith(prefix)):
            raise OSError(error, os.strerror(error), name)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)


def _temp_files_refused(monkeypatch: pytest.MonkeyPatch, error: int) -> None:
    """Creating a save's temp file fails with ``error``; everything else works."""
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and Path(os.fspath(path)).name.startswith(paths.TEMP_PREFIX):
            raise OSError(error, os.strerror(error), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)


@posix_only
@pytest.mark.parametrize("error", [errno.EACCES, errno.EROFS], ids=["EACCES", "EROFS"])
@pytest.mark.parametrize("scope", ["temp file", "every write"])
def test_a_read_only_folder_fails_the_command_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, home: Path, store_file: Path, error: int, scope: str
) -> None:
    """A folder reconnect may not write to (a permission denied, or a file system mounted
    read-only): either only creating the temp file fails, or every open for writing
    under the home does (the lock file included). checkin exits 1 with one line and
    changes nothing; the read-only commands still work."""
    _seed(5)
    before = snapshot(home)
    with monkeypatch.context() as patch:
        if scope == "temp file":
            _temp_files_refused(patch, error)
        else:
            _write_opens_refused(patch, home, error)
        result = run(CHECKIN)
        _assert_failed_cleanly(CHECKIN, result, home, before)
        for reading in (["history"], ["history", "--json"], ["stats"], ["export"]):
            assert run(reading).exit_code == 0, reading
    assert not changed_files(before, snapshot(home))


def _namespaces_work(*flags: str) -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, *flags, "true"], capture_output=True, timeout=30, check=False)
    return probe.returncode == 0


@posix_only
def test_a_home_on_a_read_only_mount_fails_the_command_and_changes_nothing(
    home: Path, store_file: Path
) -> None:
    """The home bind-mounted read-only (in a private mount namespace, so nothing
    outlives the test): a real EROFS for every write. checkin exits 1 with one line
    starting 'reconnect: ' and no traceback; the store is unchanged."""
    flags = ("--user", "--map-root-user", "--mount")
    if not _namespaces_work(*flags):
        pytest.skip("cannot create a user and mount namespace here")
    _seed(5)
    before = snapshot(home)
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    result = subprocess.run(
        [
            "unshare",
            *flags,
            "sh",
            "-c",
            script,
            "sh",
            str(home),
            sys.executable,
            "-m",
            "reconnect_cli",
            *CHECKIN,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("reconnect: ") and result.stderr.count("\n") == 1
    assert not changed_files(before, snapshot(home))


def _as_non_root(args: list[str]) -> list[str]:
    """Run ``args`` as an ordinary user: directly when we are one; as root, in a user
    namespace that maps us to uid 1000 without privileges (file modes then apply)."""
    if os.getuid() != 0:
        return args
    flags = ("--user", "--map-user=1000", "--map-group=1000")
    if not _namespaces_work(*flags):
        pytest.skip("running as root, and cannot drop to an ordinary user here")
    return ["unshare", *flags, *args]


@posix_only
def test_a_home_made_read_only_with_chmod_is_respected(home: Path, store_file: Path) -> None:
    """The person makes the folder read-only (chmod 0500) to freeze their data. A
    checkin must fail with exit 1 and one line, and leave the folder read-only and the
    store as it was; it must not grant itself write access back."""
    _seed(5)
    before = snapshot(home)
    home.chmod(0o500)
    try:
        result = subprocess.run(
            _as_non_root([sys.executable, "-m", "reconnect_cli", *CHECKIN]),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=dict(os.environ),
        )
        mode = stat.S_IMODE(home.stat().st_mode)
    finally:
        home.chmod(0o700)
    assert "Traceback" not in result.stderr, result.stderr
    changed = changed_files(before, snapshot(home))
    assert not changed, f"exit {result.returncode}, {changed} changed: {result.stdout}"
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("reconnect: ") and result.stderr.count("\n") == 1
    assert mode == 0o500


@posix_only
def test_a_home_that_cannot_be_created_fails_cleanly(tmp_path: Path) -> None:
    """RECONNECT_HOME inside a read-only folder, not there yet: exit 1, one line, and
    nothing created."""
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    env = {**os.environ, "RECONNECT_HOME": str(parent / "home")}
    try:
        result = subprocess.run(
            _as_non_root([sys.executable, "-m", "reconnect_cli", *CHECKIN]),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=env,
        )
    finally:
        parent.chmod(0o700)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("reconnect: ") and result.stderr.count("\n") == 1
    assert list(parent.iterdir()) == []


# --- A real small file system ----------------------------------------------------------------

SMALL_DISK = """
import hashlib, json, os, shutil, subprocess, sys
source, mount_point, spare = sys.argv[1], sys.argv[2], int(sys.argv[3])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount_point], check=True)
home = os.path.join(mount_point, "home")
shutil.copytree(source, home)
# Fill the disk until only `spare` bytes are left.
with open(os.path.join(mount_point, "filler"), "wb") as filler:
    free = os.statvfs(mount_point).f_bavail * os.statvfs(mount_point).f_frsize
    filler.write(b"x" * max(0, free - spare))
before = {}
for folder, _, names in os.walk(home):
    for name in names:
        path = os.path.join(folder, name)
        before[os.path.relpath(path, home)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
done = subprocess.run(
    [sys.executable, "-m", "reconnect_cli", *sys.argv[4:]],
    capture_output=True, text=True, env={**os.environ, "RECONNECT_HOME": home},
)
after = {}
for folder, _, names in os.walk(home):
    for name in names:
        path = os.path.join(folder, name)
        after[os.path.relpath(path, home)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
print(json.dumps({"code": done.returncode, "stderr": done.stderr, "stdout": done.stdout,
                  "before": before, "after": after}))
"""


@posix_only
@pytest.mark.parametrize("spare", ["4k", "a store and a half"])
def test_a_real_full_file_system_fails_the_command_and_changes_nothing(
    home: Path, store_file: Path, tmp_path: Path, spare: str
) -> None:
    """A real tmpfs (in a private namespace) filled to the brim, with room for less than
    a backup, or for the backup but not the new store: exit 1, one line, the store
    byte-identical, and no temp file left in the home or its backups."""
    flags = ("--user", "--map-root-user", "--mount")
    if not _namespaces_work(*flags):
        pytest.skip("cannot create a user and mount namespace here")
    _seed()
    size = len(store_file.read_bytes())
    room = {"4k": 4096, "a store and a half": size * 3 // 2}[spare]
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    result = subprocess.run(
        [
            "unshare",
            *flags,
            sys.executable,
            "-c",
            SMALL_DISK,
            str(home),
            str(mount_point),
            str(room),
            *CHECKIN,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "Traceback" not in report["stderr"], report["stderr"]
    assert report["code"] == 1, report
    assert report["stderr"].startswith("reconnect: ") and report["stderr"].count("\n") == 1
    outside = {k: v for k, v in report["after"].items() if not k.startswith("backups")}
    assert outside == {k: v for k, v in report["before"].items() if not k.startswith("backups")}
    temp = [
        name
        for name in report["after"]
        if Path(name).name.startswith(paths.TEMP_PREFIX) and name.endswith(paths.TEMP_SUFFIX)
    ]
    assert not temp
