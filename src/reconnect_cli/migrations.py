"""Bring stores written by older versions of reconnect up to date.

One function per step, each taking the raw JSON document of one version and
returning the next. They run on read; the first write afterwards keeps the old
file in backups/ before replacing it (as every write does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Document = dict[str, Any]


def _1_to_2(document: Document) -> Document:
    """Version 2 keeps the weeks whose talk was skipped or moved (reconnect schedule)."""
    document.setdefault("skipped_weeks", [])
    document.setdefault("moved_talks", [])
    return document


def _2_to_3(document: Document) -> Document:
    """Version 3 keeps the notes jotted down during the week (reconnect note)."""
    document.setdefault("notes", [])
    return document


# From each version to the next.
STEPS: dict[int, Callable[[Document], Document]] = {1: _1_to_2, 2: _2_to_3}


def migrate(document: Document, target: int) -> Document:
    """Apply every step from the document's version up to ``target``."""
    version = document.get("schema_version")
    while isinstance(version, int) and version < target:
        step = STEPS.get(version)
        if step is None:
            break  # an unknown old version: validation will say what is wrong
        document = step(dict(document))
        version += 1
        document["schema_version"] = version
    return document
