"""Every command has help text and a docs entry; the README's set-up lines are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from reconnect_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent


def command_paths() -> list[tuple[str, object]]:
    """Every command and subcommand, as 'week' or 'strategies show'."""
    found: list[tuple[str, object]] = []

    def walk(command: object, prefix: str) -> None:
        subcommands = getattr(command, "commands", {})
        for name, sub in subcommands.items():
            if getattr(sub, "hidden", False):
                continue  # e.g. `prompts draw`, reached as plain `reconnect prompts`
            path = f"{prefix} {name}".strip()
            found.append((path, sub))
            walk(sub, path)

    walk(typer.main.get_command(app), "")
    return found


COMMANDS = command_paths()


def test_the_commands_are_the_expected_ones() -> None:
    assert {path for path, _ in COMMANDS} == {
        "week",
        "checkin",
        "history",
        "prompts",
        "strategies",
        "strategies show",
        "setup",
        "paths",
        "next",
        "schedule",
        "schedule set",
        "schedule skip",
        "schedule move",
        "schedule reset",
        "schedule export",
        "stats",
        "edit",
        "delete",
        "export",
        "import",
        "backup",
        "backup list",
        "backup restore",
        "doctor",
        "talk",
        "note",
        "notes",
        "prompts add",
        "prompts hide",
    }


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: str, command: object) -> None:
    help_text = getattr(command, "help", None) or ""
    assert len(help_text) > 30, f"reconnect {path} needs help text"
    assert f"reconnect {path}" in help_text, f"reconnect {path} help needs an example"
    for param in getattr(command, "params", []):
        if param.name != "help":
            assert param.help, f"reconnect {path}: {param.name} has no help text"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_every_command_has_a_docs_entry(path: str) -> None:
    reference = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert f"reconnect {path}" in reference


def test_the_readme_has_the_two_set_up_lines_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install_line = (
        "python3 -m venv .venv && .venv/bin/python -m pip install . && .venv/bin/reconnect week"
    )
    test_line = (
        "python3 -m venv --clear .venv && .venv/bin/python -m pip install '.[test]' "
        "&& .venv/bin/python -m pytest"
    )
    assert install_line in readme
    assert test_line in readme
    assert f'test_line="{test_line}"' in ci


def test_the_readme_opens_with_a_sample_of_the_week() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("$ reconnect week") < readme.index("## Set up")
    assert "In focus this week" in readme
