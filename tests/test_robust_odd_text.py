"""People's words are kept exactly as written, or refused in one line; and nothing they
write can send control sequences to the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Cli, set_now
from reconnect_cli import store
from robust_support import assert_no_crash, assert_one_error_line, describe, run

MEGABYTE_NOTE = ("Wir haben geredet. 🫶 حديثنا שלום e\u0301\n" * 30_000).strip()

ODD_TEXTS = {
    "family emoji (ZWJ)": "👨\u200d👩\u200d👧\u200d👦 and 🏳️\u200d🌈",
    "skin tones and keycaps": "👋🏽 1️⃣ #️⃣",
    "flags": "🇩🇪🇯🇵🇺🇦 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "arabic": "شكرا على الحديث الليلة",
    "hebrew with latin": "תודה on the walk, שלום",
    "combining acute": "cafe\u0301 and re\u0301sume\u0301",
    "zalgo": "Z" + "\u0336\u0334\u0335\u0337\u0321\u0322\u0327\u0328\u031b" * 8 + "algo",
    "nfc": unicodedata.normalize("NFC", "Åmål, café, naïve, 한국어"),
    "nfd": unicodedata.normalize("NFD", "Åmål, café, naïve, 한국어"),
    "devanagari and cjk": "धन्यवाद 谢谢 ありがとう",
    "astral symbols": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙 🜁",
    "variation selectors": "❤︎ ❤️ ☺︎",
    "zero widths inside": "a\u200bb\u200cc\u200dd\u2060e",
    "lines and tabs inside": "first line\nsecond\tcolumn\r\nthird",
    "quotes and markup": "[bold]not bold[/bold] <b>x</b> **y** `z` \\n %s {0}",
    "a megabyte": MEGABYTE_NOTE,
}
assert unicodedata.normalize("NFC", ODD_TEXTS["nfd"]) != ODD_TEXTS["nfd"]
assert len(MEGABYTE_NOTE.encode()) > 1_000_000


def _stored_checkins(store_file: Path) -> list[dict[str, Any]]:
    checkins: list[dict[str, Any]] = json.loads(store_file.read_bytes())["checkins"]
    return checkins


def _kept_or_refused(
    cli: Cli, store_file: Path, args: list[str], result: Any, field: str, text: str
) -> None:
    """Exit 0 and the exact text in history --json, the export and the store file; or
    exit 2, one line, and the store as it was."""
    assert_no_crash(args, result)
    if result.exit_code == 2:
        assert_one_error_line(args, result)
        return
    assert result.exit_code == 0, describe(args, result)
    shown = cli.json("history")[0][field]
    assert shown == text, f"{field} changed: {shown[:80]!r} != {text[:80]!r}"
    stored = max(_stored_checkins(store_file), key=lambda c: c["updated_at"])
    assert stored[field] == text
    exported = json.loads(cli("export", "--format", "json").stdout)["checkins"]
    assert text in [checkin[field] for checkin in exported]
    assert store.read_store().checkins  # and it still parses


@pytest.mark.parametrize("label", sorted(ODD_TEXTS))
@pytest.mark.parametrize("channel", ["--note", "--highlight", "--note -", "edit --note"])
def test_odd_text_in_a_checkin_is_kept_exactly_or_refused(
    cli: Cli, store_file: Path, label: str, channel: str
) -> None:
    text = ODD_TEXTS[label]
    before = store_file.read_bytes() if store_file.exists() else None
    field = "highlight" if channel == "--highlight" else "note"
    if channel == "--note -":
        # The in-process runner reads stdin with universal newlines; the exact bytes of
        # a real stdin are checked in test_a_note_on_a_real_stdin_keeps_its_exact_bytes.
        text = text.replace("\r", "")
        args = ["checkin", "-r", "4", "--note", "-"]
        result = run(args, input=text.encode("utf-8"))
    elif channel == "edit --note":
        cli("checkin", "-r", "4", "--no-input", "--note", "first")
        before = store_file.read_bytes()
        args = ["edit", cli.json("history")[0]["id"], "--note", text]
        result = run(args)
    else:
        args = ["checkin", "-r", "4", "--no-input", channel, text]
        result = run(args)
    if result.exit_code == 2 and before is not None:
        assert store_file.read_bytes() == before
    _kept_or_refused(cli, store_file, args, result, field, text)


@pytest.mark.parametrize("label", sorted(ODD_TEXTS))
def test_odd_text_in_a_note_for_the_talk_is_kept_exactly_or_refused(
    cli: Cli, store_file: Path, label: str
) -> None:
    text = ODD_TEXTS[label]
    args = ["note", text, "--json"]
    result = run(args)
    assert_no_crash(args, result)
    if result.exit_code == 2:
        assert_one_error_line(args, result)
        assert not store_file.exists()
        return
    assert result.exit_code == 0, describe(args, result)
    assert json.loads(result.stdout)["text"] == text
    assert [n["text"] for n in cli.json("notes")] == [text]
    assert [n["text"] for n in cli.json("week")["notes"]] == [text]
    assert json.loads(store_file.read_bytes())["notes"][0]["text"] == text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(st.characters(codec="utf-8"), min_size=1, max_size=60),
    channel=st.sampled_from(["--note", "--highlight", "--note -"]),
)
def test_any_unicode_text_is_kept_or_refused(
    cli: Cli, store_file: Path, text: str, channel: str
) -> None:
    """Any valid Unicode (NUL only through stdin, as a command line cannot carry it) is
    kept exactly as given, but for the surrounding whitespace reconnect trims."""
    if channel == "--note -":
        text = text.replace("\r", "")  # see test_odd_text_in_a_checkin_is_kept_exactly_or_refused
        args = ["checkin", "-r", "3", "--json", "--note", "-"]
        result = run(args, input=text.encode("utf-8"))
    else:
        text = text.replace("\x00", "")
        args = ["checkin", "-r", "3", "--json", "--no-input", channel, text]
        result = run(args)
    assert_no_crash(args, result)
    if result.exit_code:
        assert result.exit_code == 2, describe(args, result)
        assert_one_error_line(args, result)
        return
    field = "highlight" if channel == "--highlight" else "note"
    expected = text.strip() or None
    assert json.loads(result.stdout)[field] == expected
    saved = json.loads(result.stdout)["id"]
    in_store = {c.id: c for c in store.read_store().checkins}[saved]
    assert getattr(in_store, field) == expected


@pytest.mark.parametrize(
    ("name", "partner"),
    [
        (ODD_TEXTS["nfd"][:20], "e\u0301mile"),
        (ODD_TEXTS["nfc"][:20], "Zoë"),
        ("سارة", "דניאל"),
        ("🇯🇵 Ren", "👋🏽 Kim"),
        ("👩\u200d🦰 Sam", "Alex"),
        (ODD_TEXTS["zalgo"][:30], "Alex"),
    ],
)
def test_names_in_odd_scripts_are_kept_exactly_or_refused(
    cli: Cli, store_file: Path, name: str, partner: str
) -> None:
    """Names in any script, combining forms untouched, come back as given; or setup
    refuses them with exit 2 and one line, saving nothing."""
    args = ["setup", "--name", name, "--partner", partner]
    result = run(args)
    assert_no_crash(args, result)
    if result.exit_code:
        assert result.exit_code == 2, describe(args, result)
        assert_one_error_line(args, result)
        assert not store_file.exists()
        return
    assert cli.json("week")["names"] == {"name": name, "partner": partner}
    stored = json.loads(store_file.read_bytes())["settings"]
    assert (stored["name"], stored["partner"]) == (name, partner)


def test_a_note_on_a_real_stdin_keeps_its_exact_bytes(home: Path, store_file: Path) -> None:
    """CRLF and lone CR line ends, NUL, NFD and emoji through a real process's stdin
    (`reconnect checkin -r 4 --note - < note.txt`) are stored exactly."""
    text = "line one\r\nline two\rline three\x00 " + ODD_TEXTS["nfd"] + " 🏳️\u200d🌈 end"
    result = subprocess.run(
        [sys.executable, "-m", "reconnect_cli", "checkin", "-r", "4", "--note", "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    assert _stored_checkins(store_file)[0]["note"] == text


# --- Text that is not Unicode at all ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["note", "bad \udcff byte"],
        ["checkin", "-r", "4", "--no-input", "--highlight", "bad \udcff byte"],
        ["checkin", "-r", "4", "--no-input", "--note", "bad \udcff byte"],
        ["prompts", "add", "gratitude", "What \udcff do you think?"],
        ["setup", "--name", "S\udcffm"],
    ],
    ids=["note", "checkin --highlight", "checkin --note", "prompts add", "setup --name"],
)
def test_bytes_that_are_not_utf8_on_the_command_line_are_refused(
    home: Path, store_file: Path, args: list[str]
) -> None:
    """A shell passes bytes that are not UTF-8 (a file name, a paste from an old
    terminal) as lone surrogates in argv. They cannot be stored as JSON text: the
    command must refuse them with exit 2 and one line, writing nothing."""
    result = run(args)
    assert_no_crash(args, result)
    assert result.exit_code == 2, describe(args, result)
    assert_one_error_line(args, result)
    assert not store_file.exists()


def test_bytes_that_are_not_utf8_in_a_real_argv_are_refused(home: Path) -> None:
    """The same through a real process: `reconnect note $'bad \\xff byte'`."""
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"reconnect_cli", b"note", b"bad \xff byte"],
        capture_output=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(b"reconnect: ") and result.stderr.count(b"\n") == 1
    assert not (home / "store.json").exists()


@pytest.mark.parametrize("raw", [b"bad \xff byte", b"\xc3\x28", b"\xed\xa0\x80 surrogate"])
def test_a_note_on_stdin_that_is_not_utf8_is_refused(
    home: Path, store_file: Path, raw: bytes
) -> None:
    """`reconnect checkin -r 4 --note - < note.txt` where the file is not UTF-8."""
    result = subprocess.run(
        [sys.executable, "-m", "reconnect_cli", "checkin", "-r", "4", "--note", "-"],
        input=raw,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "", "LC_ALL": "C.UTF-8"},
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(b"reconnect: ") and result.stderr.count(b"\n") == 1
    assert not store_file.exists()


# --- Control characters never reach the terminal raw -----------------------------------------

CONTROLS = "a\x1b[31mred\x1b[0m b\x1b]0;owned\x07 c\x07 d\r e\x9b2J f\x1b[2J"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\r")

HUMAN_COMMANDS = [
    ["history"],
    ["week"],
    ["week", "--format", "text"],
    ["week", "--format", "markdown"],
    ["stats"],
    ["notes"],
    ["next"],
    ["schedule"],
    ["export", "--format", "markdown"],
    ["prompts", "gratitude", "-n", "20"],
    ["strategies", "show", "gratitude"],
    ["doctor"],
    ["checkin", "-r", "3", "--no-input"],
]


@pytest.fixture
def controls_everywhere(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, store_file: Path
) -> dict[str, str]:
    """Check-ins, notes and an own question all carrying escape sequences, given
    through the command line; returns their ids."""
    set_now(monkeypatch, "2026-11-24T10:00:00")
    saved = cli.json(
        "checkin", "-r", "4", "-p", "2", "--no-input", "--highlight", CONTROLS, "--note", CONTROLS
    )
    cli("prompts", "add", "gratitude", f"What {CONTROLS} made you smile?", "--depth", "light")
    set_now(monkeypatch, "2026-11-25T10:00:00")
    cli("note", CONTROLS)
    cli("note", "--kind", "appreciation", CONTROLS)
    return {"checkin": saved["id"]}


def _assert_nothing_raw(args: list[str], result: Any) -> None:
    assert_no_crash(args, result)
    assert result.exit_code in ((0, 1) if args[0] == "doctor" else (0,)), describe(args, result)
    output = result.stdout + result.stderr
    leaked = sorted({repr(c) for c in RAW_CONTROLS if c in output})
    assert not leaked, f"reconnect {' '.join(args)} sent {', '.join(leaked)} to the terminal"


@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
def test_control_characters_typed_by_people_are_never_shown_raw(
    controls_everywhere: dict[str, str], args: list[str]
) -> None:
    """ESC sequences (colour, clear screen, a window title), BEL, CR and the C1 CSI in
    highlights, notes, inbox notes and own questions are made visible in every human
    view, as a terminal would receive it (escape codes not stripped)."""
    _assert_nothing_raw(args, run(args, color=True))


def test_the_echo_of_a_saved_note_or_edit_shows_no_raw_controls(
    controls_everywhere: dict[str, str],
) -> None:
    for args in (
        ["note", CONTROLS],
        ["edit", controls_everywhere["checkin"], "--highlight", CONTROLS],
        ["prompts", "add", "empathy", f"How {CONTROLS} was it?"],
    ):
        result = run(args, color=True)
        assert result.exit_code == 0, describe(args, result)
        _assert_nothing_raw(args, result)


@pytest.fixture
def controls_in_names(cli: Cli, store_file: Path) -> None:
    """Names holding escape sequences, as a hand-edited or imported store may have
    them (setup refuses them, but the store accepts them)."""
    cli("checkin", "-r", "4", "-p", "2", "--no-input")
    document = json.loads(store_file.read_bytes())
    document["settings"]["name"] = "Sam\x1b]0;owned\x07"
    document["settings"]["partner"] = "Alex\x1b[2J\x9b31m"
    store_file.write_bytes(json.dumps(document).encode())
    store.read_store()  # it validates


@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
def test_control_characters_in_stored_names_are_never_shown_raw(
    controls_in_names: None, args: list[str]
) -> None:
    _assert_nothing_raw(args, run(args, color=True))


def test_json_output_carries_control_characters_exactly(
    cli: Cli, controls_everywhere: dict[str, str]
) -> None:
    """JSON escapes the C0 controls (ESC, BEL, CR), and reads back to exactly what was
    typed."""
    entry = cli.json("history")[0]
    assert (entry["highlight"], entry["note"]) == (CONTROLS, CONTROLS)
    assert [n["text"] for n in cli.json("notes")] == [CONTROLS, CONTROLS]
    for args in (["history", "--json"], ["notes", "--json"], ["export", "--format", "json"]):
        output = cli(*args).stdout
        assert not any(c in output for c in ("\x1b", "\x07", "\r")), args
    exported = json.loads(cli("export", "--format", "json").stdout)
    assert exported["checkins"][0]["note"] == CONTROLS
