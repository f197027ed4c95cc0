"""How reading commands grow with the store: wall time and peak memory.

For each size, an export file of that many check-ins is generated and brought in
with the real `reconnect import`, as a couple's years of data would arrive; then
`history --json` and `stats --json` run against the store, each in its own process,
and the script prints the median wall time, the peak memory of the process (its
maximum resident set) and, for the larger sizes, the ratio to the smallest size.
The baseline process `python -c "import typer, rich.console"` runs in the same
rounds, for scale. Nothing here is a test: run it by hand.

    python benchmarks/growth.py                          # 10,000 and 100,000
    python benchmarks/growth.py --sizes 1000 10000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from run import BASELINE, reconnect_command

HIGHLIGHTS = [
    "We laughed about the camping trip again",
    "Talked about your mother's visit without tension",
    "You noticed I was tired and made tea",
    "Planned the spring garden together",
    "We finally named what the arguments are about",
]
NOTES = [
    "Hard to start, easier once the phones were away.",
    "We want to try the walk-and-talk version next time. Sunday evening works best.",
    "A quieter talk this week; both tired, but it still felt good to sit together.",
]
STRATEGIES = [
    "open-communication",
    "active-listening",
    "empathy",
    "daily-sharing",
    "date-nights",
    "gratitude",
    "affection",
    "intimacy",
    "interests",
    "forgiveness",
    "tech-break",
    "professional-help",
]


def export_file(path: Path, count: int, seed: int = 20261125) -> None:
    """An export holding `count` check-ins, going back evenly from the pinned day."""
    rng = random.Random(seed)
    newest = date(2026, 11, 22)
    checkins = []
    for number in range(count):
        # Spread over the last ~98 years, inside the years reconnect plans for.
        day = newest - timedelta(days=number * 36_000 // count)
        moment = datetime(day.year, day.month, day.day, 20, 30, tzinfo=timezone.utc)
        stamp = moment.isoformat().replace("+00:00", "Z")
        pair = rng.sample(STRATEGIES, 2)
        checkins.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "date": day.isoformat(),
                "rating": rng.randint(1, 5),
                "partner_rating": rng.choice([None, 1, 2, 3, 4, 5]),
                "strategies": pair,
                "minutes": rng.choice([None, 30, 45, 60]),
                "highlight": rng.choice([None, *HIGHLIGHTS]),
                "note": rng.choice([None, None, *NOTES]),
                "prompts": [
                    f"{pair[0]}-{rng.randint(1, 20):02d}",
                    f"{pair[1]}-{rng.randint(1, 20):02d}",
                ],
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    document = {"format": "reconnect-export", "exported_at": "2026-11-25T10:00:00Z"}
    document["checkins"] = checkins  # type: ignore[assignment]
    path.write_text(json.dumps(document), encoding="utf-8")


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one run of `command`."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write-export", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.write_export:
        export_file(options.write_export, options.sizes[0])
        return

    reconnect = reconnect_command()
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    results: dict[tuple[int, str], tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for size in options.sizes:
            home = Path(scratch) / f"home-{size}"
            env = {
                **inherited,
                "RECONNECT_HOME": str(home),
                "RECONNECT_NOW": "2026-11-25T10:00:00",
                "NO_COLOR": "1",
            }
            source = Path(scratch) / f"export-{size}.json"
            # Written by a child process: a child forked from a large parent would
            # count the parent's memory in its own peak.
            subprocess.run(
                [sys.executable, __file__, "--write-export", str(source), "--sizes", str(size)],
                check=True,
            )
            imported, import_peak = run_measured([*reconnect, "import", str(source)], env)
            store_size = (home / "store.json").stat().st_size / (1024 * 1024)
            print(
                f"{size:>7,} check-ins: import {imported:5.2f} s, {import_peak:5.0f} MiB peak; "
                f"store.json {store_size:.1f} MiB"
            )
            cases = {
                "baseline": BASELINE,
                "history --json": [*reconnect, "history", "--json"],
                "stats --json": [*reconnect, "stats", "--json"],
            }
            run_measured(cases["history --json"], env)  # warm the bytecode and caches
            samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
            for _ in range(options.rounds):
                for name, command in cases.items():
                    samples[name].append(run_measured(command, env))
            for name, runs in samples.items():
                results[(size, name)] = (
                    statistics.median(t for t, _ in runs),
                    max(peak for _, peak in runs),
                )

    smallest = options.sizes[0]
    print(f"\n{'size':>8}  {'case':<15} {'median s':>9} {'peak MiB':>9}  vs {smallest:,}")
    for (size, name), (seconds, peak) in results.items():
        ratio = seconds / results[(smallest, name)][0]
        growth = f"{ratio:5.1f}x" if size != smallest else "     -"
        print(f"{size:>8,}  {name:<15} {seconds:9.2f} {peak:9.0f}  {growth}")


if __name__ == "__main__":
    main()
