"""Shared checks for the robustness tests: running reconnect and judging its answer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from reconnect_cli import paths
from reconnect_cli.cli import app


def runner() -> CliRunner:
    try:  # Click before 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


_RUNNER = runner()


def run(args: Sequence[str], input: str | bytes | None = "", color: bool = False) -> Any:
    """Run reconnect in-process with stdin that is not a terminal and never blocks.

    ``color=True`` keeps the escape sequences Click would strip for a pipe, as a
    terminal would receive them.
    """
    return _RUNNER.invoke(app, list(args), input=input, color=color, prog_name="reconnect")


def describe(args: Sequence[str], result: Any) -> str:
    return (
        f"reconnect {list(args)!r} exited {result.exit_code}\n"
        f"stdout: {result.stdout[-2000:]!r}\nstderr: {result.stderr[-2000:]!r}\n"
        f"exception: {result.exception!r}"
    )


def assert_no_crash(args: Sequence[str], result: Any) -> None:
    """No exception escaped: the run ended normally or through sys.exit."""
    assert result.exception is None or isinstance(result.exception, SystemExit), describe(
        args, result
    )
    assert "Traceback" not in result.stdout + result.stderr, describe(args, result)


TERMINAL_CONTROLS = ("\x1b", "\x07", "\x9b", "\r")


def assert_one_error_line(args: Sequence[str], result: Any) -> None:
    """stderr is exactly one line, starting 'reconnect: ', that a terminal shows as one
    line: no line break inside, no carriage return, no escape sequence or bell."""
    assert result.stderr.endswith("\n"), describe(args, result)
    assert result.stderr.count("\n") == 1, describe(args, result)
    assert result.stderr.startswith("reconnect: "), describe(args, result)
    raw = sorted({repr(c) for c in TERMINAL_CONTROLS if c in result.stderr})
    assert not raw, f"the error line carries {', '.join(raw)} raw\n{describe(args, result)}"


def temp_leftovers(home: Path) -> list[Path]:
    """Temp files of interrupted saves anywhere under the home (store and backups)."""
    if not home.exists():
        return []
    return sorted(home.rglob(f"{paths.TEMP_PREFIX}*{paths.TEMP_SUFFIX}"))


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under the home and its bytes (the lock file's are always empty)."""
    if not home.exists():
        return {}
    return {
        str(path.relative_to(home)): path.read_bytes()
        for path in sorted(home.rglob("*"))
        if path.is_file()
    }


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Names of files added, removed or changed between two snapshots."""
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
