"""Every command has help text and a docs entry; the README's set-up lines are the ones CI runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import Cli
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


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_docs", ROOT / "scripts" / "generate_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_pages_are_up_to_date() -> None:
    """docs/reference.md and docs/strategies.md come from the code; a changed command or
    catalogue entry fails here until `python scripts/generate_docs.py` is run."""
    assert _generator().stale_pages() == []


def test_the_generated_pages_follow_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The staleness check can fail: a page that differs from the code is reported."""
    generator = _generator()
    for name in ("reference.md", "strategies.md"):
        (tmp_path / name).write_text((ROOT / "docs" / name).read_text(encoding="utf-8"))
    monkeypatch.setattr(generator, "DOCS", tmp_path)
    assert generator.stale_pages() == []
    (tmp_path / "strategies.md").write_text("# An old catalogue\n")
    assert generator.stale_pages() == ["strategies.md"]


def test_the_reference_covers_every_command_and_option() -> None:
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for path, command in COMMANDS:
        assert f"## `reconnect {path}`" in reference, path
        for param in getattr(command, "params", []):
            for flag in getattr(param, "opts", []):
                if flag.startswith("--"):
                    assert f"`{flag}" in reference or f", {flag}" in reference, (path, flag)


def test_the_strategies_page_has_every_practice_and_question() -> None:
    from reconnect_cli.catalogue import bundled_catalogue

    page = (ROOT / "docs" / "strategies.md").read_text(encoding="utf-8")
    for strategy in bundled_catalogue().strategies:
        assert f"## {strategy.number}. {strategy.title}" in page
        for text in [*strategy.practices, *(p.text for p in strategy.prompts)]:
            assert f"- {text}\n" in page


def test_every_docs_page_is_in_the_site_and_every_command_in_the_docs() -> None:
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages(entries: list[Any]) -> list[str]:
        found: list[str] = []
        for entry in entries:
            for value in entry.values():
                found += pages(value) if isinstance(value, list) else [value]
        return found

    in_nav = pages(config["nav"])
    on_disk = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    assert sorted(in_nav) == on_disk
    assert config["theme"]["name"] == "material"
    everything = "".join((ROOT / "docs" / name).read_text(encoding="utf-8") for name in on_disk)
    for path, _ in COMMANDS:
        assert f"reconnect {path}" in everything


def test_version_is_the_installed_distributions(cli: Cli) -> None:
    from importlib import metadata

    assert cli("--version").stdout == f"reconnect {metadata.version('reconnect-cli')}\n"
