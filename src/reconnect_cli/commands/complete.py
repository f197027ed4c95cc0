"""Tab completion of the names people type: strategies, questions, check-ins, backups.

Completion runs at every Tab press, so it must be as quick as ``--help``: these read
the files directly with the standard library (no YAML, no pydantic, no store
validation). They offer what they find and never fail: a missing or unusual file
just means fewer suggestions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# A line of the catalogue file: "- id: gratitude" then, a few lines on, "  title: ...".
_CATALOGUE_ENTRY = re.compile(r"^- id: (\S+)\n(?:  .*\n)*?  title: (.+)$", re.MULTILINE)
# A check-in as the store writes it: one line each, keys sorted.
_CHECKIN = re.compile(
    r'"date": "(\d{4}-\d{2}-\d{2})", "highlight": (null|"(?:[^"\\]|\\.)*"), '
    r'"id": "([0-9a-f]{8}-[0-9a-f-]{27})"'
)
MOST_CHECKINS = 50


def strategy_ids(incomplete: str) -> list[tuple[str, str]]:
    """Strategy ids, with their titles as the shell's hint."""
    found = [(s["id"], s["title"]) for s in _cached_catalogue().get("strategies", [])]
    if not found:  # no cache yet: read the ids and titles off the bundled file
        from reconnect_cli import paths

        text = _read_text(paths.bundled_catalogue_path())
        found = [(m.group(1), m.group(2).strip("'\"")) for m in _CATALOGUE_ENTRY.finditer(text)]
    return [(item, title) for item, title in found if item.startswith(incomplete)]


def prompt_ids(incomplete: str) -> list[tuple[str, str]]:
    """Question ids, with the question as the hint (from the checked catalogue)."""
    return [
        (prompt["id"], prompt["text"])
        for strategy in _cached_catalogue().get("strategies", [])
        for prompt in strategy.get("prompts", [])
        if prompt["id"].startswith(incomplete)
    ]


def checkin_ids(incomplete: str) -> list[tuple[str, str]]:
    """The newest check-ins' ids, with their date and highlight as the hint."""
    from reconnect_cli import paths

    text = _read_text(paths.store_path())
    offered: list[tuple[str, str]] = []
    for match in reversed(list(_CHECKIN.finditer(text))):
        day, highlight, checkin_id = match.groups()
        if checkin_id.startswith(incomplete):
            words = json.loads(highlight) or ""
            offered.append((checkin_id, f"{day} {words}".strip()))
            if len(offered) == MOST_CHECKINS:
                break
    return offered


def backup_ids(incomplete: str) -> list[str]:
    from reconnect_cli import paths

    try:
        names = sorted((p.stem for p in paths.backups_dir().glob("store-*.json")), reverse=True)
    except OSError:
        return []
    return [name.removeprefix("store-") for name in names if name[6:].startswith(incomplete)]


def _cached_catalogue() -> Any:
    from reconnect_cli import paths

    try:
        entry = json.loads(_read_text(paths.catalogue_cache_path()) or "{}")
        return entry.get("catalogue", {}) if isinstance(entry, dict) else {}
    except ValueError:
        return {}


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return ""
