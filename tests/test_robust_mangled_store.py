"""Whatever is in store.json, every command either works on it or refuses it in one line,
and a store it cannot use is never changed."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reconnect_cli import store
from reconnect_cli.errors import StoreError
from reconnect_cli.models import Store
from robust_support import assert_no_crash, assert_one_error_line, describe, run

FAKE_ID = "0f0f0f0f-0000-4000-8000-000000000000"

# Every command that reads or writes the store, with arguments that work on a good one.
COMMANDS: list[list[str]] = [
    ["week"],
    ["week", "--json"],
    ["week", "--format", "markdown"],
    ["week", "--date", "2026-11-01"],
    ["checkin", "--rating", "3", "--no-input"],
    ["history"],
    ["history", "--json"],
    ["stats"],
    ["stats", "--json"],
    ["next"],
    ["schedule"],
    ["schedule", "skip"],
    ["schedule", "reset", "--date", "2026-12-06"],
    ["schedule", "export", "-o", "-"],
    ["notes"],
    ["note", "x"],
    ["strategies"],
    ["prompts"],
    ["export", "--format", "json"],
    ["export", "--format", "markdown"],
    ["doctor"],
    ["backup", "list"],
    ["edit", FAKE_ID[:8], "--rating", "3"],
    ["delete", FAKE_ID[:8], "--yes"],
    ["setup", "--name", "Sam"],
    ["talk"],
]
# These never need the store.
STORELESS = {"strategies", "talk", "backup"}


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A store with a bit of everything: names, weeks, check-ins, notes, a skip, a move."""
    home = tmp_path_factory.mktemp("good") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECONNECT_HOME", str(home))
        patch.setenv("TZ", "Europe/Berlin")
        for moment in ("2026-11-01T20:00:00", "2026-11-08T20:00:00", "2026-11-15T20:00:00"):
            patch.setenv("RECONNECT_NOW", moment)
            for args in (
                ["note", f"before {moment}", "--kind", "appreciation"],
                ["week"],
                [
                    *("checkin", "-r", "3", "-p", "4", "--minutes", "40", "--no-input"),
                    *("--highlight", f"hi {moment}", "--note", "A note.", "-s", "gratitude"),
                ],
            ):
                assert run(args).exit_code == 0, args
        patch.setenv("RECONNECT_NOW", "2026-11-25T10:00:00")
        for args in (
            ["setup", "--name", "Sam", "--partner", "Alex", "--time", "20:00"],
            ["prompts"],
            ["note", "-k", "plan", "An open plan"],
            ["schedule", "skip", "--date", "2026-12-06"],
            ["schedule", "move", "--to", "2026-12-17 18:00"],
            ["schedule", "set", "--timezone", "Europe/Berlin"],
        ):
            assert run(args).exit_code == 0, args
    raw = (home / "store.json").read_bytes()
    shutil.rmtree(home)
    return raw


def _parsed(raw: bytes, path: Path) -> Store | None:
    try:
        return store.parse_store(raw, path)
    except StoreError as problem:
        assert "\n" not in problem.message
        return None


def _reset(home: Path, store_file: Path, raw: bytes) -> None:
    home.mkdir(mode=0o700, exist_ok=True)
    store_file.write_bytes(raw)
    store_file.chmod(0o600)


def _judge(args: list[str], result: Any, raw: bytes, original: Store | None, path: Path) -> None:
    assert_no_crash(args, result)
    after = path.read_bytes() if path.exists() else None
    if args[0] == "doctor":
        # Doctor reports on stdout and exits 1 when something needs care; it never
        # changes the data.
        assert result.exit_code in (0, 1), describe(args, result)
        assert result.stderr == "", describe(args, result)
        assert after == raw, describe(args, result)
        return
    if result.exit_code == 0:
        if original is None:
            assert args[0] in STORELESS, (
                f"a store it cannot read was used\n{describe(args, result)}"
            )
            assert after == raw, f"a broken store was replaced\n{describe(args, result)}"
            return
        assert after is not None
        changed = store.parse_store(after, path)  # a valid change leaves a valid store
        kept = {checkin.id for checkin in changed.checkins}
        assert {c.id for c in original.checkins} <= kept, describe(args, result)
        return
    assert result.exit_code in (1, 2), describe(args, result)
    assert_one_error_line(args, result)
    assert after == raw, f"a failed command changed the store\n{describe(args, result)}"
    if original is None and args[0] not in STORELESS:
        assert result.exit_code == 1, describe(args, result)


def _every_command_on(home: Path, store_file: Path, raw: bytes) -> None:
    original = _parsed(raw, store_file)
    if original is not None:
        dumped = store.dump_store(original)
        assert store.parse_store(dumped, store_file) == original
        assert store.dump_store(store.parse_store(dumped, store_file)) == dumped
    for args in COMMANDS:
        _reset(home, store_file, raw)
        _judge(args, run(args), raw, original, store_file)


def fuzz(examples: int) -> settings:
    """Settings for the command-running fuzzers. Each example runs every command, so
    shrinking a failure could take minutes: failures are reported as found, with each
    labelled draw shown. Derandomized, so a run's verdict does not depend on luck."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


@pytest.fixture
def quiet_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run from an empty folder, so nothing a command writes lands in the repository."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder


# --- (a) arbitrary bytes ---------------------------------------------------------------------


@fuzz(12)
@given(data=st.data())
def test_every_command_survives_arbitrary_bytes(
    home: Path, store_file: Path, good_store: bytes, quiet_cwd: Path, data: st.DataObject
) -> None:
    """Random bytes, a good store cut short, or a good store with bytes flipped."""
    kind = data.draw(st.sampled_from(["random", "cut", "flipped"]), label="kind")
    if kind == "random":
        raw = data.draw(st.binary(max_size=300), label="raw")
    elif kind == "cut":
        raw = good_store[: data.draw(st.integers(0, len(good_store) - 1), label="cut at")]
    else:
        flipped = bytearray(good_store)
        for _ in range(data.draw(st.integers(1, 3), label="flips")):
            where = data.draw(st.integers(0, len(flipped) - 1), label="where")
            flipped[where] = data.draw(st.integers(0, 255), label="byte")
        raw = bytes(flipped)
    _every_command_on(home, store_file, raw)


# --- (b) arbitrary JSON, and a real store mutated --------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    6,
    2**63,
    -(10**30),
    1.5,
    float("inf"),
    "",
    " ",
    "x",
    "-",
    "2026-02-30",
    "2026-11-25",
    "0001-01-01",
    "9999-12-31",
    "2026-11-25T10:00:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "2026-11-25T10:00:00+01:00",
    "25:61",
    "00:00",
    "sunday",
    "Mars/Phobos",
    "UTC",
    "gratitude",
    "no-such-strategy",
    "gratitude-01",
    FAKE_ID,
    "\x00",
    "\x1b[31m",
    "\ud800",
    "x" * 10_000,
    [],
    {},
    [None],
    {"": None},
]
odd_values = st.sampled_from(ODD_VALUES) | json_values

Location = tuple[Any, ...]


def _locations(node: Any, here: Location = ()) -> list[Location]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _locations(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _locations(value, (*here, index))
    return found


def _at(node: Any, where: Location) -> Any:
    for step in where:
        node = node[step]
    return node


def _retyped(value: Any) -> list[Any]:
    options: list[Any] = [str(value), [value], {"value": value}, None, json.dumps(value)]
    if isinstance(value, bool):
        options += [int(value), not value]
    elif isinstance(value, int):
        options += [-value, value * 10**9, value + 0.5, value - 1, value + 1]
    elif isinstance(value, str):
        options += [value.upper(), value + "x", value[:-1], " " + value, len(value)]
        if len(value) >= 10 and value[4:5] == "-":
            # Dates and date-times: nudge a digit, drop the offset, move the year far.
            options += [value[:10], value.replace("+01:00", ""), "9999" + value[4:]]
            options += ["0001" + value[4:], value[:8] + "31" + value[10:]]
    elif isinstance(value, list):
        options += [value * 2, value[::-1], value[:1], {str(i): v for i, v in enumerate(value)}]
    elif isinstance(value, dict):
        options += [list(value.values()), dict(list(value.items())[1:])]
    return options


FAR_DATES = ["0001-01-01", "1900-01-01", "1899-12-31", "2999-12-31", "3000-01-01", "9999-12-31"]
FAR_MOMENTS = [
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00-12:00",
    "9999-12-31T23:59:59-12:00",
    "9999-12-31T23:59:59+14:00",
    "2026-11-25T10:00:00+00:00",
    "2026-11-25T10:00:00.123456+05:45",
    "2026-03-29T02:30:00+01:00",
    "2126-11-25T10:00:00+01:00",
]
ODD_TEXT = [
    "",
    " ",
    "\x1b[31mred",
    "\u202eevil",
    "\ud83d",
    "e\u0301",
    "x" * 5000,
    "\n\n",
    "🏳️\u200d🌈",
]
ODD_INTS = [0, 1, 5, 6, -1, 14, 15, 180, 181, 600, 601, 2**62, 2**63, -(2**63)]


def _nudged(value: Any) -> list[Any]:
    """Values of the same type as ``value`` that are odd, far out, or on an edge."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return ODD_INTS
    if isinstance(value, str):
        if len(value) == 10 and value[4:5] == "-":
            return FAR_DATES
        if len(value) > 10 and value[4:5] == "-" and "T" in value:
            return FAR_MOMENTS
        if len(value) == 36 and value.count("-") == 4:
            return [value.upper(), value[:-1] + "0", FAKE_ID]
        return ODD_TEXT
    if isinstance(value, list):
        return [[], value * 2, value[::-1]]
    if isinstance(value, dict):
        return [{}, dict(list(value.items())[1:])]
    return [None]


def mutate(data: st.DataObject, document: Any) -> Any:
    """Apply 1 to 3 random edits to a store's JSON at random places: mostly values of
    the right type but odd (so that many still validate), sometimes breaking ones."""
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        if isinstance(document, dict) and document:
            section = data.draw(st.sampled_from(sorted(document)), label="section")
            where = data.draw(st.sampled_from(_locations(document[section], (section,))))
        else:
            where = ()
        kind = data.draw(
            st.sampled_from(
                ["nudge", "nudge", "nudge", "drop", "replace", "retype", "insert", "duplicate"]
            ),
            label="edit",
        )
        if where == ():
            document = data.draw(odd_values, label="whole file")
            continue
        parent, last = _at(document, where[:-1]), where[-1]
        value = parent[last]
        if kind == "nudge":
            parent[last] = data.draw(st.sampled_from(_nudged(value)), label="nudged")
        elif kind == "drop":
            del parent[last]
        elif kind == "replace":
            parent[last] = data.draw(odd_values, label="new value")
        elif kind == "retype":
            parent[last] = data.draw(st.sampled_from(_retyped(value)), label="retyped")
        elif kind == "insert":
            if isinstance(value, dict):
                key = data.draw(st.sampled_from(["id", "rating", "surprise", ""]) | st.text())
                value[key] = data.draw(odd_values)
            elif isinstance(value, list):
                value.insert(
                    data.draw(st.integers(0, len(value))),
                    copy.deepcopy(value[0]) if value else data.draw(odd_values),
                )
            else:
                parent[last] = [value, data.draw(odd_values)]
        elif isinstance(parent, list):  # duplicate: the same record twice
            parent.insert(last, copy.deepcopy(value))
        else:
            parent[last] = [value, copy.deepcopy(value)]
    return document


def _encode(data: st.DataObject, document: Any) -> bytes:
    ascii_only = data.draw(st.booleans(), label="ascii only")
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=ascii_only)
    return text.encode("utf-8", "surrogatepass")


@fuzz(10)
@given(data=st.data())
def test_every_command_survives_arbitrary_json(
    home: Path, store_file: Path, quiet_cwd: Path, data: st.DataObject
) -> None:
    """Any JSON value at all as the store: a number, a list, a dict of nonsense."""
    _every_command_on(home, store_file, _encode(data, data.draw(json_values, label="value")))


@fuzz(30)
@given(data=st.data())
def test_every_command_survives_a_mutated_real_store(
    home: Path, store_file: Path, good_store: bytes, quiet_cwd: Path, data: st.DataObject
) -> None:
    """A real store with keys dropped, types changed, odd values put in at random
    places (far dates, naive times, duplicate records, huge numbers, control
    characters). Each command works (and leaves a valid store that still holds every
    check-in) or exits 1/2 with one line and the file untouched."""
    document = mutate(data, json.loads(good_store))
    _every_command_on(home, store_file, _encode(data, document))


# --- Round trips of valid stores -------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
actions = st.one_of(
    st.tuples(
        st.just("checkin"),
        st.integers(1, 5),
        st.none() | st.integers(1, 5),
        st.none() | texts,
        st.none() | texts,
        st.integers(0, 40),
    ),
    st.tuples(st.just("note"), texts, st.sampled_from(["appreciation", "topic", "plan"])),
    st.tuples(st.just("setup"), texts, texts),
    st.tuples(st.just("skip"), st.integers(-10, 30)),
    st.tuples(st.just("move"), st.integers(1, 20), st.integers(0, 23)),
    st.tuples(st.just("reset"), st.integers(-10, 30)),
    st.tuples(st.just("edit"), st.integers(1, 5), st.none() | texts),
    st.tuples(st.just("delete")),
    st.tuples(st.just("prompts"), st.integers(1, 5)),
    st.tuples(st.just("week"), st.integers(-30, 30)),
    st.tuples(st.just("later"), st.integers(1, 20)),
)


def _act(action: tuple[Any, ...], today: date, home: Path) -> date:
    name = action[0]
    args: list[str]
    if name == "checkin":
        _, rating, partner, highlight, note, back = action
        args = ["checkin", "-r", str(rating), "--no-input", "--date", str(today - timedelta(back))]
        args += ["-p", str(partner)] if partner else []
        args += ["--highlight", highlight] if highlight is not None else []
        args += ["--note", note] if note is not None else []
    elif name == "note":
        args = ["note", action[1], "--kind", action[2]]
    elif name == "setup":
        args = ["setup", "--name", action[1], "--partner", action[2]]
    elif name in ("skip", "reset"):
        args = ["schedule", name, "--date", str(today + timedelta(action[1]))]
    elif name == "move":
        args = ["schedule", "move", "--to", f"{today + timedelta(action[1])} {action[2]:02}:00"]
    elif name in ("edit", "delete"):
        history = json.loads(run(["history", "--json"]).stdout)
        if not history:
            return today
        args = [name, history[0]["id"]]
        args += ["--yes"] if name == "delete" else ["-r", str(action[1])]
        args += ["--note", action[2]] if name == "edit" and action[2] is not None else []
    elif name == "prompts":
        args = ["prompts", "-n", str(action[1])]
    elif name == "week":
        args = ["week", "--date", str(today + timedelta(action[1]))]
    else:
        today += timedelta(action[1])
        os.environ["RECONNECT_NOW"] = f"{today}T10:00:00"
        return today
    result = run(args)
    assert_no_crash(args, result)
    if result.exit_code != 0:
        assert result.exit_code == 2, describe(args, result)
        assert_one_error_line(args, result)
    return today


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(actions, min_size=1, max_size=8))
def test_stores_written_by_any_sequence_of_commands_round_trip(
    home: Path, store_file: Path, quiet_cwd: Path, steps: list[tuple[Any, ...]]
) -> None:
    """Valid stores from a random sequence of commands (check-ins with any text, notes,
    names, skips, moves, edits, deletes, draws, time passing): the file is exactly
    dump_store of what parse_store reads from it, and parse_store(dump_store(s)) == s.
    Every backup kept on the way is a valid store too."""
    shutil.rmtree(home, ignore_errors=True)
    os.environ["RECONNECT_NOW"] = "2026-11-25T10:00:00"
    today = date(2026, 11, 25)
    for action in steps:
        today = _act(action, today, home)
    if not store_file.exists():
        return
    raw = store_file.read_bytes()
    parsed = store.parse_store(raw, store_file)
    assert store.dump_store(parsed) == raw
    assert store.parse_store(store.dump_store(parsed), store_file) == parsed
    for backup in (home / "backups").glob("*.json"):
        store.parse_store(backup.read_bytes(), backup)


# --- Stores that validate but hold what the commands never produce ----------------------------


def _edited(raw: bytes, where: Location, value: Any) -> bytes:
    document = json.loads(raw)
    _at(document, where[:-1])[where[-1]] = value
    return json.dumps(document, indent=2, sort_keys=True).encode()


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("checkins", 0, "date"), "0001-01-01"),
        (("created_at",), "0001-01-01T00:00:00+14:00"),
        (("moved_talks", 0, "start"), "9999-12-31T23:59:59-12:00"),
        (("skipped_weeks", 0), "9999-12-31"),
    ],
    ids=lambda part: ".".join(map(str, part)) if isinstance(part, tuple) else part,
)
def test_dates_at_the_edges_of_the_calendar(
    home: Path, store_file: Path, good_store: bytes, quiet_cwd: Path, where: Location, value: str
) -> None:
    """A store that validates but holds a date in year 1 or 9999 (a hand edit, an import,
    another program): every command works or refuses in one line; none crashes."""
    _every_command_on(home, store_file, _edited(good_store, where, value))


def test_a_lone_surrogate_escaped_in_the_store(
    home: Path, store_file: Path, good_store: bytes, quiet_cwd: Path
) -> None:
    """JSON may spell half an emoji as the escape \\ud83d; such a store validates, so
    every command must then work on it (writing it back included) or refuse it in one
    line, leaving it untouched."""
    raw = _edited(good_store, ("checkins", 0, "highlight"), "\ud83d")
    assert b"\\ud83d" in raw
    _every_command_on(home, store_file, raw)


@pytest.mark.parametrize("zone", ["Mars/Phobos", "America/Atlantis"])
def test_a_stored_time_zone_this_machine_does_not_know(
    home: Path, store_file: Path, good_store: bytes, quiet_cwd: Path, zone: str
) -> None:
    """A store copied from a machine whose time zone database knows a zone this one does
    not: every command works (falling back to the system's zone) or refuses in one line."""
    _every_command_on(home, store_file, _edited(good_store, ("settings", "timezone"), zone))


def test_a_mistyped_tz_variable(
    home: Path, store_file: Path, quiet_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TZ=Europe/Berln: the commands that plan in the system's zone work or say what is
    wrong in one line; none crashes."""
    monkeypatch.setenv("TZ", "Europe/Berln")
    for args in (["week"], ["next"], ["schedule"], ["schedule", "export", "-o", "-"]):
        result = run(args)
        assert_no_crash(args, result)
        if result.exit_code:
            assert_one_error_line(args, result)


IMPORTED = {
    "id": "11111111-2222-4333-8444-555555555555",
    "date": "2026-11-20",
    "rating": 3,
    "created_at": "2026-11-20T20:00:00+01:00",
    "updated_at": "2026-11-20T20:00:00+01:00",
}


@pytest.mark.parametrize(
    "changes",
    [
        {"date": "0001-01-01"},
        {"date": "9999-12-31"},
        {"created_at": "0001-01-01T00:00:00+14:00"},
        {"updated_at": "9999-12-31T23:59:59-12:00"},
    ],
    ids=lambda changes: "-".join(f"{k}={v}" for k, v in changes.items()),
)
def test_importing_a_checkin_at_the_edge_of_the_calendar(
    cli: Any, home: Path, store_file: Path, tmp_path: Path, quiet_cwd: Path, changes: dict[str, str]
) -> None:
    """`reconnect import` of a check-in dated in year 1 or 9999: either the import is
    refused (exit 2, one line, nothing written), or it is kept and every command still
    works on the store afterwards."""
    cli("checkin", "--rating", "4", "--no-input")
    before = store_file.read_bytes()
    export = tmp_path / "other-laptop.json"
    export.write_text(json.dumps({"checkins": [{**IMPORTED, **changes}]}))
    result = run(["import", str(export)])
    assert_no_crash(["import"], result)
    if result.exit_code:
        assert result.exit_code == 2, describe(["import"], result)
        assert_one_error_line(["import"], result)
        assert store_file.read_bytes() == before
        return
    _every_command_on(home, store_file, store_file.read_bytes())
