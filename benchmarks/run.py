"""Start-up and command speed of reconnect, as ratios to a baseline process.

Each round runs every case once, in turn, so the baseline and the commands share
the same machine conditions; the script prints each case's median wall time and
its ratio to the baseline's median. Nothing here is a test: run it by hand.

    python benchmarks/run.py            # 21 rounds
    python benchmarks/run.py --rounds 41 --checkins 520
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

BASELINE = [sys.executable, "-c", "import typer, rich.console"]


def reconnect_command() -> list[str]:
    beside = Path(sys.executable).parent / "reconnect"
    found = str(beside) if beside.exists() else shutil.which("reconnect")
    return [found] if found else [sys.executable, "-m", "reconnect_cli"]


def build_store(home: Path, checkins: int) -> None:
    """A store holding `checkins` weekly check-ins, one a week back from the pinned day,
    with every week planned, as years of use would leave it."""
    import uuid

    from reconnect_cli import store
    from reconnect_cli.catalogue import load_catalogue
    from reconnect_cli.models import CheckIn
    from reconnect_cli.planner import plan_for
    from reconnect_cli.schedule import week_start_for

    os.environ["RECONNECT_HOME"] = str(home)
    catalogue = load_catalogue()
    first = date(2026, 11, 22) - timedelta(weeks=checkins)
    with store.transaction() as data:
        data.created_at = datetime(first.year, first.month, first.day, tzinfo=timezone.utc)
        data.settings.name, data.settings.partner = "Sam", "Alex"
        for week in range(checkins):
            day = first + timedelta(weeks=week)
            moment = datetime(day.year, day.month, day.day, 20, 30, tzinfo=timezone.utc)
            start = week_start_for(day, "sunday")
            record = plan_for(data, catalogue, start, start, moment).record
            data.checkins.append(
                CheckIn(
                    id=str(uuid.UUID(int=week + 1, version=4)),
                    date=day,
                    rating=1 + week % 5,
                    partner_rating=1 + (week * 3) % 5,
                    strategies=[pick.id for pick in record.focus],
                    minutes=45,
                    highlight=f"A highlight from week {week}",
                    note="A longer note about the talk. " * 4,
                    prompts=record.prompts,
                    created_at=moment,
                    updated_at=moment,
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--checkins", type=int, default=520, help="check-ins in the store")
    options = parser.parse_args()

    reconnect = reconnect_command()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        build_store(home, options.checkins)
        # The store as reconnect leaves it after a write: the file and its checked hash.
        seeded = {name: (home / name).read_bytes() for name in ("store.json", "store.checked")}
        # Measure reconnect as an installed copy runs: with its modules' bytecode
        # cached (pip compiles it at install; the warm-up round does it here).
        inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {
            **inherited,
            "RECONNECT_HOME": str(home),
            "RECONNECT_NOW": "2026-11-25T10:00:00",
            "NO_COLOR": "1",
        }
        completion = {
            **env,
            "_RECONNECT_COMPLETE": "complete_bash",
            "COMP_WORDS": "reconnect we",
            "COMP_CWORD": "1",
            "_TYPER_COMPLETE_ARGS": "reconnect we",
        }
        # What zsh sends for `reconnect edit <Tab>`: check-in ids from the store.
        id_completion = {
            **env,
            "_RECONNECT_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "reconnect edit ",
        }
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "baseline: python -c 'import typer, rich.console'": (BASELINE, env),
            "reconnect --help": ([*reconnect, "--help"], env),
            "shell completion (reconnect we<TAB>)": (reconnect, completion),
            "check-in id completion (reconnect edit <TAB>)": (reconnect, id_completion),
            f"reconnect week ({options.checkins} check-ins)": ([*reconnect, "week"], env),
            f"reconnect checkin ({options.checkins} check-ins)": (
                [*reconnect, "checkin", "--rating", "4", "--partner-rating", "5"],
                env,
            ),
        }
        timings: dict[str, list[float]] = {name: [] for name in cases}
        for round_number in range(options.rounds + 1):
            for name, (command, case_env) in cases.items():
                if "checkin" in name:
                    # Every check-in run starts from the same store size.
                    for file_name, content in seeded.items():
                        (home / file_name).write_bytes(content)
                started = time.perf_counter()
                subprocess.run(command, env=case_env, stdout=subprocess.DEVNULL, check=True)
                if round_number > 0:  # round 0 warms the caches and is not counted
                    timings[name].append(time.perf_counter() - started)

    baseline = statistics.median(timings[next(iter(cases))])
    width = max(len(name) for name in cases)
    print(f"{'case':<{width}}  median ms  ratio to baseline   ({options.rounds} rounds)")
    for name, samples in timings.items():
        median = statistics.median(samples)
        print(f"{name:<{width}}  {median * 1000:9.1f}  {median / baseline:6.2f}x")


if __name__ == "__main__":
    main()
