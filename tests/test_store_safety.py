"""The store's promises under real failures: a writer killed mid-write, a full disk."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reconnect_cli import paths, store

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and resource limits")

WRITER = """
from reconnect_cli import ritual
import sys
sys.stdout.write("ready\\n")
sys.stdout.flush()
while True:
    ritual.log_checkin(ritual.CheckInRequest(rating=3, highlight="x" * 200))
"""


def seed_store(count: int) -> None:
    from reconnect_cli import ritual

    for _ in range(count):
        ritual.log_checkin(ritual.CheckInRequest(rating=4, note="A note. " * 30))


@posix_only
def test_a_writer_killed_at_random_moments_never_breaks_the_store(home: Path) -> None:
    seed_store(40)
    rng = random.Random(20261125)
    counts = [len(store.read_store().checkins)]
    for _ in range(12):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
        ) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline() == "ready\n"
            time.sleep(rng.uniform(0.0, 0.25))
            writer.send_signal(signal.SIGKILL)
            writer.wait(30)
        after = store.read_store()  # raises if the store were torn
        counts.append(len(after.checkins))
        assert counts[-1] >= counts[-2], "a kill never loses what was saved before it"
    assert counts[-1] > counts[0], "the writers did get some check-ins in"
    # Whatever temp files the kills left behind go at the next write.
    seed_store(1)
    assert not list(home.glob(f"{paths.TEMP_PREFIX}*{paths.TEMP_SUFFIX}"))


FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from reconnect_cli.cli import main
sys.argv = ["reconnect", "checkin", "--rating", "4", "--highlight", "one more"]
main()
"""


@posix_only
def test_a_full_disk_fails_the_command_and_leaves_the_store_as_it_was(
    home: Path, store_file: Path
) -> None:
    seed_store(30)
    before = store_file.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(len(before) // 2)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("reconnect: could not save")
    assert result.stderr.count("\n") == 1
    assert "nothing was changed" in result.stderr
    assert store_file.read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == [
        "backups",
        "cache",
        "store.checked",
        "store.json",
        "store.lock",
    ]
    assert not list(home.rglob("*.tmp"))
    assert json.loads(before)["checkins"]
