"""Every test gets its own reconnect home, a pinned clock and a fixed time zone."""

from __future__ import annotations

import gc
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reconnect_cli.cli import app

# A Wednesday; its ritual week (Sunday start) runs from 22 to 28 November 2026.
PINNED_NOW = "2026-11-25T10:00:00"
PINNED_ZONE = "Europe/Berlin"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "reconnect-home"
    monkeypatch.setenv("RECONNECT_HOME", str(home))
    monkeypatch.setenv("RECONNECT_NOW", PINNED_NOW)
    monkeypatch.setenv("TZ", PINNED_ZONE)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    if hasattr(time, "tzset"):
        time.tzset()
    yield home
    gc.unfreeze()  # the store freezes what it reads; a test process lives on
    _trusted_stores_validate(home)
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()


def _trusted_stores_validate(home: Path) -> None:
    """Whatever store reconnect left marked as checked (one it wrote, or validated)
    must pass full validation, and read the same by both readers."""
    from reconnect_cli import codec, store

    store_file, checked = home / "store.json", home / "store.checked"
    if not (store_file.exists() and checked.exists()):
        return
    raw = store_file.read_bytes()
    if store._digest(raw) != checked.read_text().strip():
        return
    validated = store.parse_store(raw, store_file)
    # The quick reader, exactly as store.read_store uses it for checked bytes.
    quick = codec.read_records_json(raw, {"checkins": codec.checkin_from_document})
    assert codec.store_from_document(quick) == validated
    assert store.dump_store(validated) == raw


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return isolated_home


@pytest.fixture
def store_file(home: Path) -> Path:
    return home / "store.json"


class Cli:
    """Runs reconnect in-process, as a person would type it."""

    def __init__(self) -> None:
        try:  # Click before 8.2 mixes stderr into stdout unless told not to
            self.runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
        except TypeError:
            self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int | None = 0) -> Any:
        result = self.runner.invoke(app, list(args), input=input, prog_name="reconnect")
        if code is not None:
            assert result.exit_code == code, (
                f"reconnect {' '.join(args)} exited {result.exit_code}, wanted {code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\n{result.exception!r}"
            )
        return result

    def json(self, *args: str, input: str | None = None) -> Any:
        return json.loads(self(*args, "--json", input=input).stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


def set_now(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setenv("RECONNECT_NOW", moment)


@pytest.fixture
def clean_env() -> dict[str, str]:
    """The environment for subprocess runs: this test's home, clock and zone."""
    return dict(os.environ)
