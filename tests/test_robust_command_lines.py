"""Any command line at all gets a result or one line of complaint: never a traceback,
never a question that waits for an answer, never a half-written store."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reconnect_cli import store
from reconnect_cli.cli import app
from robust_support import assert_no_crash, assert_one_error_line, describe, run

# Options that would touch the person's shell set-up rather than reconnect's data.
UNSAFE_OPTIONS = {"--install-completion", "--show-completion"}


@dataclass(frozen=True)
class Option:
    names: tuple[str, ...]
    flag: bool


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    options: tuple[Option, ...]
    arguments: int
    group_options: tuple[Option, ...]


def _options(params: Any) -> tuple[Option, ...]:
    found = []
    for param in params:
        if param.param_type_name != "option":
            continue
        names = tuple(n for n in (*param.opts, *param.secondary_opts) if n not in UNSAFE_OPTIONS)
        if names:
            found.append(Option(names, bool(param.is_flag)))
    return tuple(found)


def discover() -> list[Command]:
    """Every command and subcommand of the app, hidden ones included, with its options."""
    root = typer.main.get_command(app)
    found: list[Command] = []

    def walk(node: Any, path: tuple[str, ...], inherited: tuple[Option, ...]) -> None:
        commands = getattr(node, "commands", None)
        own = _options(node.params)
        if commands is None:
            arguments = sum(1 for p in node.params if p.param_type_name == "argument")
            found.append(Command(path, own, arguments, inherited))
            return
        if path and getattr(node, "invoke_without_command", False):
            found.append(Command(path, own, 0, inherited))
        for name, child in sorted(commands.items()):
            walk(child, (*path, name), own)

    walk(root, (), ())
    return found


COMMANDS = discover()
assert len(COMMANDS) >= 25, [c.path for c in COMMANDS]


@pytest.fixture(autouse=True)
def harmless_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No editor that could wait for a person, and a working folder of our own for the
    files that export and schedule export write."""
    monkeypatch.setenv("VISUAL", "true")
    monkeypatch.setenv("EDITOR", "true")
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder


# --- Values -----------------------------------------------------------------------------------

SPECIAL_VALUES = [
    "",
    " ",
    "-",
    "--",
    "0",
    "1",
    "3",
    "5",
    "6",
    "-1",
    "-0",
    "+3",
    "3.5",
    "1e3",
    "0x10",
    "٣",
    "³",
    "999999999999999999999999",
    "-99999999999999999999",
    "2026-11-25",
    "2026-11-22",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "2999-12-31",
    "3000-01-01",
    "9999-12-31",
    "2026-11-25T19:30",
    "2026-12-01 19:30",
    "2026-11-25 09:00",
    "2026-11-26 25:61",
    "19:30",
    "25:61",
    "24:00",
    "7:5",
    "-1:00",
    "sunday",
    "Mon",
    "funday",
    "gratitude",
    "12",
    "13",
    "gratitude-01",
    "no-such-thing",
    "json",
    "csv",
    "markdown",
    "text",
    "pdf",
    "appreciation",
    "topic",
    "plan",
    "light",
    "deep",
    "Europe/Berlin",
    "Mars/Phobos",
    "UTC",
    "out.txt",
    "talk.ics",
    ".",
    "x" * 300,
    "00000000",
    "000000",
    "12345",
    "0f0f0f0f-0000-4000-8000-000000000000",
    "20261125T090000Z",
    "Sam",
    "e\u0301",
    "👨\u200d👩\u200d👧",
    "\x1b[31m",
    "\t",
    "\n",
]
# No token may name a place outside the working folder: no absolute paths, no ~, no ..
ALLOWED_WITH_SLASH = {"Europe/Berlin", "Mars/Phobos"}


def _safe(token: str) -> bool:
    return (
        "\x00" not in token
        and "~" not in token
        and ".." not in token
        and ("/" not in token or token in ALLOWED_WITH_SLASH)
    )


free_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20).filter(
    _safe
)


def values(ids: list[str]) -> st.SearchStrategy[str]:
    strategies: list[st.SearchStrategy[str]] = [
        st.sampled_from(SPECIAL_VALUES),
        st.integers(-(10**30), 10**30).map(str),
        st.integers(-3, 30).map(str),
        free_text,
    ]
    if ids:
        strategies.append(st.sampled_from(ids))
    return st.one_of(*strategies)


JUNK = st.sampled_from(
    ["--nope", "-z", "-", "--", "--json", "--help", "-h", "--yes", "extra", "=", "-rr", "--=x"]
)


@st.composite
def argv_for(draw: st.DrawFn, command: Command, ids: list[str]) -> list[str]:
    """The command's path, then a mix of its own options (with odd values, or with
    none), positional values and junk, in any order."""
    value = values(ids)
    options = [*command.options, *command.group_options]
    pieces: list[list[str]] = []
    positional = draw(st.integers(0, command.arguments + 1), label="positionals")
    pieces += [[draw(value)] for _ in range(positional)]
    for _ in range(draw(st.integers(0, 5), label="options")):
        kind = draw(st.sampled_from(["option", "option", "option", "junk", "value"]))
        if kind == "option" and options:
            option = draw(st.sampled_from(options))
            name = draw(st.sampled_from(option.names))
            if option.flag:
                pieces.append([name])
            else:
                shape = draw(st.sampled_from(["separate", "separate", "joined", "missing"]))
                given = draw(value)
                if shape == "separate":
                    pieces.append([name, given])
                elif shape == "joined":
                    pieces.append([f"{name}={given}" if name.startswith("--") else name + given])
                else:
                    pieces.append([name])
        elif kind == "junk":
            pieces.append([draw(JUNK)])
        else:
            pieces.append([draw(value)])
    order = draw(st.permutations(range(len(pieces))))
    argv = [*command.path] + [token for index in order for token in pieces[index]]
    return [token for token in argv if _safe(token)]


# --- The homes the sweep runs in ---------------------------------------------------------------


@pytest.fixture(scope="module")
def filled_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A home with a few check-ins, notes, a skipped week and backups; and the ids (and
    id starts) of its check-ins and backups."""
    home = tmp_path_factory.mktemp("filled") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECONNECT_HOME", str(home))
        patch.setenv("TZ", "Europe/Berlin")
        patch.setenv("RECONNECT_NOW", "2026-11-10T20:00:00")
        for args in (
            ["note", "Holidays"],
            ["checkin", "-r", "3", "-p", "4", "--no-input", "--highlight", "A walk"],
            ["checkin", "-r", "5", "--no-input", "--date", "2026-11-08", "--note", "Long"],
        ):
            assert run(args).exit_code == 0, args
        patch.setenv("RECONNECT_NOW", "2026-11-25T10:00:00")
        for args in (
            ["checkin", "-r", "4", "--no-input"],
            ["note", "-k", "plan", "Bakery"],
            ["schedule", "skip", "--date", "2026-12-06"],
            ["setup", "--name", "Sam", "--partner", "Alex"],
        ):
            assert run(args).exit_code == 0, args
        history = json.loads(run(["history", "--json"]).stdout)
        backups = json.loads(run(["backup", "list", "--json"]).stdout)
    ids = [c["id"] for c in history] + [c["id"][:8] for c in history]
    ids += [b["id"] for b in backups] + [b["id"][:10] for b in backups]
    return home, ids


def _judge(args: list[str], result: Any, store_file: Path, before: bytes | None) -> None:
    assert_no_crash(args, result)
    assert result.exit_code in (0, 1, 2), describe(args, result)
    after = store_file.read_bytes() if store_file.exists() else None
    if result.exit_code == 0:
        if after is not None:
            store.parse_store(after, store_file)
        return
    assert after == before, f"a failed command changed the store\n{describe(args, result)}"
    if args[:1] == ["doctor"] and result.exit_code == 1 and not result.stderr:
        return  # doctor's report of something needing care, on stdout
    assert_one_error_line(args, result)


# Derandomized, so a run's verdict does not depend on luck: the same command lines
# are tried every time (and the dedicated tests below pin down what they found).
SWEEP = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c.path) or "reconnect")
@pytest.mark.parametrize("filled", [False, True], ids=["empty home", "filled home"])
@SWEEP
@given(data=st.data())
def test_any_command_line_gets_a_result_or_one_line(
    home: Path,
    store_file: Path,
    filled_home: tuple[Path, list[str]],
    command: Command,
    filled: bool,
    data: st.DataObject,
) -> None:
    """Real option names with odd values (huge and negative numbers, impossible dates
    and times, empty strings, '-', unicode, ids) or none, junk, in any order, on an
    empty home and on one with check-ins: exit 0, 1 or 2; no traceback; a failure is
    one line on stderr starting 'reconnect: ' and leaves the store as it was. Nothing
    waits for input (stdin is empty and not a terminal; the editor is `true`)."""
    template, ids = filled_home
    shutil.rmtree(home, ignore_errors=True)
    if filled:
        shutil.copytree(template, home)
    args = data.draw(argv_for(command, ids if filled else []), label="argv")
    before = store_file.read_bytes() if store_file.exists() else None
    result = run(args)
    event(f"exit {result.exit_code}")
    _judge(args, result, store_file, before)


@SWEEP
@given(
    args=st.lists(
        st.one_of(JUNK, values([]), st.sampled_from([c.path[0] for c in COMMANDS if c.path])),
        max_size=4,
    ).map(lambda tokens: [t for t in tokens if _safe(t)])
)
def test_junk_command_lines_get_help_or_one_line(
    home: Path, store_file: Path, args: list[str]
) -> None:
    """Tokens in any order, command names among them: help, a result, or one line."""
    shutil.rmtree(home, ignore_errors=True)
    _judge(args, run(args), store_file, None)


@pytest.mark.parametrize(
    "args",
    [
        ["checkin"],
        ["checkin", "--rating", "4"],
        ["setup"],
        ["edit", "{id}"],
        ["delete", "{id}"],
        ["backup", "restore", "{backup}"],
        ["talk"],
        ["talk", "--no-timer"],
    ],
    ids=" ".join,
)
def test_commands_that_would_ask_never_wait_without_a_terminal(
    home: Path, store_file: Path, filled_home: tuple[Path, list[str]], args: list[str]
) -> None:
    """Without a terminal, a command that would ask a question either proceeds with what
    it was given or stops with exit 2 and one line; none reads an answer from stdin."""
    template, ids = filled_home
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template, home)
    backup = next(i for i in ids if i[:8].isdigit() and "T" in i)
    args = [a.replace("{id}", ids[0]).replace("{backup}", backup) for a in args]
    before = store_file.read_bytes()
    result = run(args, input="4\ny\nyes\n")
    _judge(args, result, store_file, before)
    assert result.exit_code in (0, 2), describe(args, result)
    if result.exit_code == 0:
        assert "?" not in result.stderr, f"it asked something\n{describe(args, result)}"


@pytest.mark.parametrize(
    "args",
    [
        ["import", "{name}"],
        ["export", "-o", "missing/{name}"],
        ["week", "--format", "text", "-o", "missing/{name}"],
        ["schedule", "export", "-o", "missing/{name}"],
    ],
    ids=["import", "export -o", "week -o", "schedule export -o"],
)
@pytest.mark.parametrize(
    "name",
    ["two\nlines.json", "back\rhere.json", "red\x1b[31m.json", "title\x1b]0;owned\x07.json"],
    ids=["newline", "carriage return", "colour escape", "title escape"],
)
def test_a_file_name_in_an_error_is_shown_as_one_clean_line(
    home: Path, args: list[str], name: str
) -> None:
    """A file that cannot be read or written, whose name holds a line break or an escape
    sequence: the complaint is still one line, with the name's controls made visible."""
    args = [part.replace("{name}", name) for part in args]
    result = run(args)
    assert_no_crash(args, result)
    assert result.exit_code in (1, 2), describe(args, result)
    assert_one_error_line(args, result)


@pytest.mark.parametrize(
    "args",
    [
        ["schedule", "export", "-o", "missing/talk.ics"],
        ["week", "--format", "text", "-o", "missing/card.txt"],
        ["export", "-o", "missing/all.json"],
    ],
    ids=" ".join,
)
def test_an_output_file_that_cannot_be_written_leaves_a_new_home_as_it_was(
    home: Path, args: list[str]
) -> None:
    """On a fresh install, -o into a folder that does not exist: exit 1 and one line,
    and nothing written (no store created as a side effect of the failed command)."""
    result = run(args)
    assert_no_crash(args, result)
    assert result.exit_code == 1, describe(args, result)
    assert_one_error_line(args, result)
    assert not (home / "store.json").exists(), f"{result.stderr.strip()!r}, yet a store was made"
