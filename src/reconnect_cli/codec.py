"""Shapes to JSON and back, with the standard library alone.

``document`` turns any shape or view into plain JSON values. The ``*_from_document``
builders do the reverse for a document that has already passed validation (the
store checks this by content hash, see store.py); they convert types and check
nothing, so they must only ever see such documents. After every test, the store the
test left behind is read both ways, quickly and with full validation, and the two
must agree (tests/conftest.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

from reconnect_cli import __version__
from reconnect_cli.models import (
    Catalogue,
    CheckIn,
    FocusPick,
    Guidance,
    InboxNote,
    MovedTalk,
    Prompt,
    Rotation,
    Settings,
    Store,
    Strategy,
    WeekRecord,
)


def content_digest(*chunks: bytes) -> str:
    """A hash naming exact file contents (and this version of reconnect, whose rules
    they were checked by), for the caches of what has been validated already."""
    try:
        # hashlib also loads OpenSSL, a few ms at every start; blake2 is built in.
        from _blake2 import blake2b
    except ImportError:  # not CPython
        from hashlib import blake2b

    hasher = blake2b(f"reconnect {__version__}\n".encode(), digest_size=20)
    for chunk in chunks:
        hasher.update(len(chunk).to_bytes(8, "big"))
        hasher.update(chunk)
    return hasher.hexdigest()


def read_json_text(raw: bytes) -> Any:
    """Parse a JSON file that must be text through and through; a ValueError says in
    words what is wrong ("is not valid JSON (...)", or a lone surrogate)."""
    try:
        data = json.loads(raw)  # bad UTF-8 is a ValueError too
    except ValueError as problem:
        raise ValueError(f"is not valid JSON ({problem})") from None
    try:
        # json reads an escaped lone surrogate ("\\ud83d"), which is no text at all: it
        # could be neither shown nor saved again.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("holds text that is not valid Unicode (a lone surrogate)") from None
    return data


def moment_text(moment: dt.datetime) -> str:
    """ISO 8601 with its offset; UTC is written 'Z', as every earlier store has it."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_moment(text: str) -> dt.datetime:
    # Python 3.10's fromisoformat does not read a trailing 'Z'.
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return dt.datetime.fromisoformat(text)


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(item.name for item in dataclasses.fields(cls))
    return _FIELD_NAMES[cls]


def document(value: Any) -> Any:
    """Any shape, view, list or dict of them as JSON values, fields in declared order."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, CheckIn):
        return checkin_document(value)
    if isinstance(value, Store):
        return store_document(value)
    if isinstance(value, dt.datetime):
        return moment_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [document(item) for item in value]
    if isinstance(value, dict):
        return {key: document(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value):
        return {name: document(getattr(value, name)) for name in _field_names(type(value))}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def store_document(store: Store, lazy_checkins: bool = False) -> dict[str, Any]:
    """The whole store as JSON values; spelled out, as the reader below is, because it
    is written at every change. ``lazy_checkins`` gives the check-ins as an iterator,
    for ``records_json`` to write without holding them all as dicts."""
    return {
        "schema_version": store.schema_version,
        "created_at": moment_text(store.created_at),
        "settings": document(store.settings),
        "rotation": {
            "seed": store.rotation.seed,
            "cycles": [list(c) for c in store.rotation.cycles],
        },
        "weeks": [
            {
                "week_start": week.week_start.isoformat(),
                "focus": [{"id": pick.id, "why": pick.why} for pick in week.focus],
                "prompts": list(week.prompts),
                "created_at": moment_text(week.created_at),
            }
            for week in store.weeks
        ],
        "prompt_offers": dict(store.prompt_offers),
        "checkins": (
            map(checkin_document, store.checkins)
            if lazy_checkins
            else [checkin_document(checkin) for checkin in store.checkins]
        ),
        "skipped_weeks": [day.isoformat() for day in store.skipped_weeks],
        "moved_talks": [
            {"week_start": talk.week_start.isoformat(), "start": moment_text(talk.start)}
            for talk in store.moved_talks
        ],
        "notes": [document(note) for note in store.notes],
    }


def checkin_document(checkin: CheckIn) -> dict[str, Any]:
    """One check-in as JSON values; spelled out because stores hold many thousands."""
    return {
        "id": checkin.id,
        "date": checkin.date.isoformat(),
        "rating": checkin.rating,
        "partner_rating": checkin.partner_rating,
        "strategies": list(checkin.strategies),
        "minutes": checkin.minutes,
        "highlight": checkin.highlight,
        "note": checkin.note,
        "prompts": list(checkin.prompts),
        "created_at": moment_text(checkin.created_at),
        "updated_at": moment_text(checkin.updated_at),
    }


# --- The file layout: one record per line ------------------------------------------


def records_json(document: dict[str, Any]) -> bytes:
    """A JSON object, keys sorted, with each item of a list (or iterator) on a line of
    its own, built a few hundred lines at a time so that a large store is never
    held as one tree of dicts nor as more than two copies of its text."""
    encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
    parts = [b"{\n"]
    for position, key in enumerate(sorted(document)):
        value = document[key]
        last = position == len(document) - 1
        name = encode(key)
        if isinstance(value, (list, Iterator)):
            items = iter(value)
            batch = [encode(item) for item in itertools.islice(items, _RECORDS_PER_BATCH)]
            if not batch:
                parts.append(f"  {name}: []{'' if last else ','}\n".encode())
                continue
            parts.append(f"  {name}: [\n".encode())
            while batch:
                following = [encode(item) for item in itertools.islice(items, _RECORDS_PER_BATCH)]
                text = ",\n".join(f"    {line}" for line in batch)
                parts.append((text + (",\n" if following else "\n")).encode())
                batch = following
            parts.append(f"  ]{'' if last else ','}\n".encode())
        else:
            parts.append(f"  {name}: {encode(value)}{'' if last else ','}\n".encode())
    parts.append(b"}\n")
    return b"".join(parts)


_RECORDS_PER_BATCH = 500


def read_records_json(raw: bytes, builders: dict[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """Read what ``records_json`` wrote (and only that: it relies on the layout), a few
    hundred records at a time, passing each item of the lists named in ``builders``
    through its builder as it is read: years of check-ins never exist as one big
    tree of dicts."""
    document: dict[str, Any] = {}
    items: list[Any] = []
    build: Callable[[Any], Any] | None = None
    in_list = False
    batch: list[bytes] = []

    def take_batch() -> None:
        if batch:
            parsed = json.loads(b"[" + b"".join(batch).rstrip(b",\n") + b"]")
            items.extend(parsed if build is None else map(build, parsed))
            batch.clear()

    for line in io.BytesIO(raw):
        if in_list:
            if line.startswith(b"  ]"):
                take_batch()
                in_list = False
            else:
                batch.append(line)
                if len(batch) == _RECORDS_PER_BATCH:
                    take_batch()
        elif line.startswith(b'  "'):
            key, _, value = line.rstrip(b",\n").partition(b": ")
            name = json.loads(key)
            if value == b"[":
                items = document[name] = []
                build = builders.get(name)
                in_list = True
            else:
                document[name] = json.loads(value)
    return document


# --- Validated documents back to shapes ---------------------------------------------


def store_from_document(data: dict[str, Any]) -> Store:
    return Store(
        schema_version=data["schema_version"],
        created_at=parse_moment(data["created_at"]),
        settings=Settings(**data["settings"]),
        rotation=Rotation(
            seed=data["rotation"]["seed"], cycles=[list(c) for c in data["rotation"]["cycles"]]
        ),
        weeks=[
            WeekRecord(
                week_start=dt.date.fromisoformat(week["week_start"]),
                focus=[FocusPick(**pick) for pick in week["focus"]],
                prompts=week["prompts"],
                created_at=parse_moment(week["created_at"]),
            )
            for week in data["weeks"]
        ],
        prompt_offers=data["prompt_offers"],
        # Check-ins may come already built, by read_records_json.
        checkins=[
            item if isinstance(item, CheckIn) else checkin_from_document(item)
            for item in data["checkins"]
        ],
        skipped_weeks=[dt.date.fromisoformat(day) for day in data["skipped_weeks"]],
        moved_talks=[
            MovedTalk(
                week_start=dt.date.fromisoformat(talk["week_start"]),
                start=parse_moment(talk["start"]),
            )
            for talk in data["moved_talks"]
        ],
        notes=[
            InboxNote(
                id=note["id"],
                kind=note["kind"],
                text=note["text"],
                created_at=parse_moment(note["created_at"]),
            )
            for note in data["notes"]
        ],
    )


def checkin_from_document(item: dict[str, Any]) -> CheckIn:
    return CheckIn(
        id=item["id"],
        date=dt.date.fromisoformat(item["date"]),
        rating=item["rating"],
        partner_rating=item["partner_rating"],
        strategies=item["strategies"],
        minutes=item["minutes"],
        highlight=item["highlight"],
        note=item["note"],
        prompts=item["prompts"],
        created_at=parse_moment(item["created_at"]),
        updated_at=parse_moment(item["updated_at"]),
    )


def catalogue_from_document(data: dict[str, Any]) -> Catalogue:
    return Catalogue(
        strategies=[
            Strategy(
                id=item["id"],
                number=item["number"],
                title=item["title"],
                summary=item["summary"],
                practices=item["practices"],
                prompts=[Prompt(**prompt) for prompt in item["prompts"]],
                guidance=None if item["guidance"] is None else Guidance(**item["guidance"]),
            )
            for item in data["strategies"]
        ]
    )
