"""A writer killed with SIGKILL at any moment leaves the old store or the new one, whole."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Cli
from reconnect_cli import paths, store
from robust_support import temp_leftovers

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

SEEDED = 2000
KILLS = 30

WRITER = """
import sys
from reconnect_cli import ritual

sys.stdout.write("ready\\n")
sys.stdout.flush()
number = 0
while True:
    number += 1
    ritual.log_checkin(ritual.CheckInRequest(rating=1 + number % 5, highlight="x" * 300))
"""


def _export_of(count: int) -> dict[str, object]:
    """An export file holding ``count`` check-ins, one a day back from the pinned week."""
    checkins = []
    for index in range(count):
        day = date(2026, 11, 21) - timedelta(days=index)
        stamp = f"{day.isoformat()}T20:00:00+01:00"
        checkins.append(
            {
                "id": str(uuid.UUID(int=index + 1)),
                "date": day.isoformat(),
                "rating": 1 + index % 5,
                "partner_rating": 1 + (index + 2) % 5,
                "strategies": ["gratitude"],
                "minutes": 45,
                "highlight": f"talk {index}",
                "note": "We talked about the week. " * 3,
                "prompts": [],
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    return {"format": "reconnect-export", "checkins": checkins}


def _await_temp_file(home: Path, stale: set[Path], deadline: float) -> bool:
    """Spin until a new save's temp file exists in the home or its backups folder."""
    folders = [str(home), str(home / "backups")]
    while time.monotonic() < deadline:
        for folder in folders:
            try:
                entries = os.scandir(folder)
            except FileNotFoundError:
                continue
            with entries:
                for entry in entries:
                    name = entry.name
                    if (
                        name.startswith(paths.TEMP_PREFIX)
                        and name.endswith(paths.TEMP_SUFFIX)
                        and Path(entry.path) not in stale
                    ):
                        return True
    return False


def _ids(raw: bytes, path: Path) -> set[str]:
    return {checkin.id for checkin in store.parse_store(raw, path).checkins}


@posix_only
def test_sigkill_at_random_moments_of_a_big_store_leaves_old_or_new(
    cli: Cli, home: Path, store_file: Path, tmp_path: Path
) -> None:
    """A 2,000-check-in store; 30 writers each killed, half at a seeded random moment
    and half at a seeded random point within 2 ms of a save's temp file appearing.
    After every kill the store is exactly a dump the program wrote (it parses and
    re-dumps to the same bytes), keeps every check-in it held before, and every backup
    is whole too. Some kills land in the middle of a save (they leave temp files
    behind); the next normal write sweeps them all."""
    seed_file = tmp_path / "seed.json"
    seed_file.write_text(json.dumps(_export_of(SEEDED)))
    cli("import", str(seed_file))
    raw = store_file.read_bytes()
    ids = _ids(raw, store_file)
    assert len(ids) == SEEDED

    rng = random.Random(20261125)
    kills_mid_save = 0
    kills_that_saved = 0
    for kill in range(KILLS):
        stale = set(temp_leftovers(home))
        with subprocess.Popen(
            [sys.executable, "-c", WRITER],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=dict(os.environ),
        ) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline() == "ready\n"
            if kill % 2:
                # Aim for the middle of a save: once its temp file appears, kill within
                # a few milliseconds, at a random point of the write, flush or rename.
                assert _await_temp_file(home, stale, time.monotonic() + 10)
                time.sleep(rng.uniform(0.0, 0.002))
            else:
                # A save of this store takes some tens of milliseconds; this range lands
                # kills before the first save, between saves, and inside them.
                time.sleep(rng.uniform(0.0, 0.2))
            writer.send_signal(signal.SIGKILL)
            writer.wait(30)
        assert writer.returncode == -signal.SIGKILL

        after = store_file.read_bytes()
        parsed = store.parse_store(after, store_file)  # raises if the store were torn
        assert store.dump_store(parsed) == after, "the store is not a whole dump"
        after_ids = {checkin.id for checkin in parsed.checkins}
        assert ids <= after_ids, "a kill lost check-ins saved before it"
        assert len(after_ids) >= len(ids)
        kills_that_saved += after_ids != ids
        ids = after_ids
        for backup in (home / "backups").glob("store-*.json"):
            store.parse_store(backup.read_bytes(), backup)  # every backup is whole
        kills_mid_save += bool(set(temp_leftovers(home)) - stale)

    assert kills_that_saved > 0, "some writers got check-ins in before they were killed"
    assert kills_that_saved < KILLS, "some writers were killed before their first save ended"
    assert kills_mid_save > 0, "some kills landed in the middle of a save"

    cli("checkin", "--rating", "4", "--no-input")
    assert not temp_leftovers(home), "the next write sweeps what the kills left"
    final = store_file.read_bytes()
    assert len(_ids(final, store_file)) == len(ids) + 1
    assert cli("doctor").exit_code == 0
