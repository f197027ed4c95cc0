"""The wheel people install: the package and its catalogue, nothing of tests or docs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (built,) = out.glob("reconnect_cli-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_carries_the_package_and_its_catalogue(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "reconnect_cli/data/strategies.yaml" in names
    assert "reconnect_cli/cli.py" in names
    assert not [n for n in names if n.startswith(("tests/", "docs/", "benchmarks/", "scripts/"))]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_the_wheel_names_the_command_the_version_and_the_license(wheel: zipfile.ZipFile) -> None:
    from reconnect_cli import __version__

    info = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = wheel.read(info).decode()
    assert "Name: reconnect-cli" in metadata
    assert f"Version: {__version__}" in metadata
    assert "License-Expression: MIT" in metadata
    entry_points = wheel.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert "reconnect = reconnect_cli.cli:main" in entry_points
