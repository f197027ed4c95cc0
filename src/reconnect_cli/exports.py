"""Your data, out and back in: JSON, CSV and Markdown exports, and merging an import.

Every format is plain and open. JSON carries everything and can be imported again;
CSV is one row per check-in for spreadsheets; Markdown is a journal to read.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from reconnect_cli import codec
from reconnect_cli.errors import UsageError
from reconnect_cli.models import (
    CHECKIN_ORDER,
    Catalogue,
    CheckIn,
    ImportConflict,
    ImportReport,
    Store,
)
from reconnect_cli.visible import visible_controls

# One column per check-in field, in the model's order, so the two never drift apart.
CSV_COLUMNS = tuple(field.name for field in dataclasses.fields(CheckIn))
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_json(store: Store, now: datetime) -> str:
    """Everything in the store, with check-ins shaped as `history --json` shows them."""
    document = {
        "format": "reconnect-export",
        "exported_at": now.isoformat(),
        **codec.document(store),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_csv(checkins: Sequence[CheckIn]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for checkin in checkins:
        row = codec.checkin_document(checkin)
        row["strategies"] = ";".join(checkin.strategies)
        row["prompts"] = ";".join(checkin.prompts)
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value  # shown as text, never run
    return value


def as_markdown(checkins: Sequence[CheckIn], store: Store, catalogue: Catalogue) -> str:
    """A journal of the talks, newest first."""
    titles = {s.id: s.title for s in catalogue.strategies}
    you, them = store.settings.name or "You", store.settings.partner or "Partner"
    lines = ["# Our weekly talks", ""]
    if not checkins:
        lines += ["No talks logged yet.", ""]
    for checkin in sorted(checkins, key=lambda c: (c.date, c.created_at), reverse=True):
        lines += [f"## {checkin.date:%A} {checkin.date.day} {checkin.date:%B %Y}", ""]
        lines.append(f"- **{you}:** {checkin.rating}/5")
        if checkin.partner_rating is not None:
            lines.append(f"- **{them}:** {checkin.partner_rating}/5")
        if checkin.strategies:
            practised = ", ".join(titles.get(s, s) for s in checkin.strategies)
            lines.append(f"- **Practised:** {practised}")
        if checkin.minutes:
            lines.append(f"- **Talked for:** {checkin.minutes} minutes")
        lines.append("")
        if checkin.highlight:
            lines += [f"> {_markdown_text(checkin.highlight)}", ""]
        if checkin.note:
            lines += [_markdown_text(checkin.note), ""]
    return visible_controls("\n".join(lines).rstrip("\n") + "\n")


def _markdown_text(text: str) -> str:
    # Keep people's words as written, but stop a line of theirs from becoming a heading.
    return "\n".join(("\\" + line) if line.startswith("#") else line for line in text.splitlines())


def read_import(path: Path) -> list[CheckIn]:
    """Every check-in in an export or store file, validated as a whole before any is used."""
    try:
        raw = path.read_bytes()
    except OSError as problem:
        raise UsageError(f"cannot read {path}: {problem.strerror or problem}") from None
    try:
        document = codec.read_json_text(raw)
    except ValueError as problem:
        raise UsageError(f"{path} {problem}; nothing was imported") from None
    if not isinstance(document, dict) or not isinstance(document.get("checkins"), list):
        raise UsageError(
            f"{path} is not a reconnect export (no 'checkins' list); nothing was imported"
        )
    from reconnect_cli import validation

    try:
        checkins = validation.from_python(list[CheckIn], document["checkins"])
    except validation.ValidationError as problem:
        raise UsageError(
            f"{path}: checkins.{validation.describe(problem)}; nothing was imported"
        ) from None
    ids = [c.id for c in checkins]
    if len(set(ids)) != len(ids):
        raise UsageError(f"{path} holds two check-ins with the same id; nothing was imported")
    return checkins


def merge(store: Store, incoming: Sequence[CheckIn], source: str) -> ImportReport:
    """Add new check-ins, skip identical ones, and keep the newer edit of conflicting ones."""
    ours = {checkin.id: checkin for checkin in store.checkins}
    added = already = 0
    conflicts = []
    for theirs in incoming:
        mine = ours.get(theirs.id)
        if mine is None:
            ours[theirs.id] = theirs
            added += 1
        elif mine == theirs:
            already += 1
        else:
            newer = theirs.updated_at > mine.updated_at
            if newer:
                ours[theirs.id] = theirs
            conflicts.append(ImportConflict(id=theirs.id, kept="theirs" if newer else "ours"))
    store.checkins = sorted(ours.values(), key=CHECKIN_ORDER)
    return ImportReport(file=source, added=added, already_there=already, conflicts=conflicts)
