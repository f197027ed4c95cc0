"""The console script runs a command line naming a command with an app holding only
that command (see ``cli.app_for``); it must behave exactly as the whole app does."""

from __future__ import annotations

from typing import Any

import pytest
import typer
import typer.main

from conftest import Cli
from reconnect_cli import cli as cli_module


def _command_paths() -> list[list[str]]:
    # Typer may bring its own copy of Click, so groups are told apart by their commands.
    root: Any = typer.main.get_command(cli_module.app)
    found: list[list[str]] = []
    for name, command in sorted(root.commands.items()):
        found.append([name])
        found += [[name, sub] for sub in sorted(getattr(command, "commands", {}))]
    return found


COMMAND_PATHS = _command_paths()


def _run(app: typer.Typer, args: list[str]) -> tuple[int, str, str]:
    runner = Cli().runner
    result = runner.invoke(app, args, prog_name="reconnect")
    return result.exit_code, result.stdout, result.stderr


def test_every_command_is_found() -> None:
    assert len(COMMAND_PATHS) >= 25


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
def test_help_is_the_same_from_the_lean_app(path: list[str]) -> None:
    lean = cli_module.app_for(path)
    assert lean is not cli_module.app
    assert _run(lean, [*path, "--help"]) == _run(cli_module.app, [*path, "--help"])


@pytest.mark.parametrize(
    "args",
    [
        ["week", "--no-such-option"],
        ["checkin", "--rating", "nine"],
        ["schedule", "nope"],
        ["schedule", "set", "--day", "someday"],
        ["strategies", "show"],
        ["edit"],
        ["week", "--json"],
        ["strategies", "show", "6", "--json"],
        ["paths", "--json"],
    ],
    ids=" ".join,
)
def test_results_and_errors_are_the_same_from_the_lean_app(args: list[str]) -> None:
    assert _run(cli_module.app_for(args), args) == _run(cli_module.app, args)


@pytest.mark.parametrize("args", [[], ["--version"], ["wek"], ["--help"], ["-h", "week"]])
def test_anything_but_a_command_name_gets_the_whole_app(args: list[str]) -> None:
    assert cli_module.app_for(args) is cli_module.app


def test_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli_module.COMPLETE_VAR, "complete_bash")
    assert cli_module.app_for(["week"]) is cli_module.app
