"""Many processes writing one store at once lose nothing and never tear it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from reconnect_cli import store
from robust_support import temp_leftovers

WORKERS = 16
EACH = 25

# Each worker imports everything, says it is ready, waits for the go file so all
# of them start writing in the same instant, then logs its check-ins one by one.
WORKER = """
import os, sys, time
from reconnect_cli import ritual

go, me, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.stdout.write("ready\\n")
sys.stdout.flush()
while not os.path.exists(go):
    time.sleep(0.002)
for index in range(count):
    ritual.log_checkin(
        ritual.CheckInRequest(rating=1 + (me + index) % 5, highlight=f"w{me}-{index}")
    )
sys.stdout.write("done\\n")
"""


def test_sixteen_processes_checking_in_at_once_keep_all_400(
    home: Path, store_file: Path, tmp_path: Path
) -> None:
    """16 processes x 25 check-ins released together: exactly 400 kept, ids unique,
    every (worker, index) present once, the store valid, and a reader polling the file
    throughout only ever sees a whole store whose count never goes down."""
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(go), str(worker), str(EACH)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for worker in range(WORKERS)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline() == "ready\n"
        go.touch()

        seen = [0]
        deadline = time.monotonic() + 120
        while any(worker.poll() is None for worker in workers):
            assert time.monotonic() < deadline, "the workers did not finish in 120 s"
            if store_file.exists():
                raw = store_file.read_bytes()
                count = len(store.parse_store(raw, store_file).checkins)  # raises if torn
                assert count >= seen[-1], "a reader saw the store lose check-ins"
                seen.append(count)
            time.sleep(0.005)
        for worker in workers:
            out, err = worker.communicate(timeout=60)
            assert worker.returncode == 0, err
            assert out == "done\n", err
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    raw = store_file.read_bytes()
    saved = store.parse_store(raw, store_file).checkins
    assert len(saved) == WORKERS * EACH
    assert len({checkin.id for checkin in saved}) == WORKERS * EACH
    assert sorted(c.highlight or "" for c in saved) == sorted(
        f"w{w}-{i}" for w in range(WORKERS) for i in range(EACH)
    )
    assert store.dump_store(store.parse_store(raw, store_file)) == raw
    assert len(store.read_store().weeks) == 1, "the week was planned once, not sixteen times"
    assert len(seen) > 10, "the reader did look at the store while it was being written"
    assert not temp_leftovers(home)
