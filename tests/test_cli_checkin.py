"""reconnect checkin and reconnect history."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli


def json_after_echo(stdout: str) -> Any:
    """The test runner echoes typed answers onto stdout; the JSON document follows them."""
    return json.loads(stdout[stdout.index("{") :])


def test_checkin_with_flags(cli: Cli) -> None:
    saved = cli.json(
        "checkin",
        "--rating",
        "4",
        "--partner-rating",
        "5",
        "--minutes",
        "40",
        "--highlight",
        "We laughed about the tent",
    )
    assert saved["rating"] == 4 and saved["partner_rating"] == 5
    assert saved["minutes"] == 40
    assert saved["date"] == "2026-11-25"
    assert saved["highlight"] == "We laughed about the tent"
    assert saved["created_at"] == "2026-11-25T10:00:00+01:00"
    week = cli.json("week")
    assert saved["strategies"] == [f["id"] for f in week["focus"]]
    assert saved["prompts"] == [p["id"] for p in week["prompts"]]


def test_checkin_strategies_by_id_or_number(cli: Cli) -> None:
    saved = cli.json(
        "checkin",
        "-r",
        "3",
        "--strategy",
        "6",
        "--strategy",
        "tech-break",
        "--strategy",
        "gratitude",
    )
    assert saved["strategies"] == ["gratitude", "tech-break"]


def test_note_from_stdin_keeps_it_out_of_the_command_line(cli: Cli) -> None:
    note = "We talked about the move.\nIt felt good to plan together.\n"
    saved = cli.json("checkin", "--rating", "5", "--note", "-", input=note)
    assert saved["note"] == note.strip()


def test_without_a_terminal_a_missing_rating_is_a_usage_error(cli: Cli, home: Path) -> None:
    result = cli("checkin", code=2)
    assert result.stderr.strip() == (
        "reconnect: --rating is needed when there is no terminal to ask in "
        "(for example: reconnect checkin --rating 4)"
    )
    assert not home.exists()


def test_in_a_terminal_it_asks_for_what_flags_left_out(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconnect_cli.commands import checkin

    monkeypatch.setattr(checkin, "can_ask", lambda: True)
    cli("setup", "--name", "Sam", "--partner", "Alex")
    result = cli("checkin", "--json", input="9\n4\n\nA slow walk\nn\n")
    saved = json_after_echo(result.stdout)
    assert saved["rating"] == 4
    assert saved["partner_rating"] is None
    assert saved["highlight"] == "A slow walk"
    assert "How connected do you feel right now, Sam?" in result.stderr
    assert "not a whole number from 1 to 5" in result.stderr  # 9 was asked again


def test_the_editor_writes_the_note(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from reconnect_cli.commands import checkin

    monkeypatch.setattr(checkin, "can_ask", lambda: True)
    editor = Path(__file__).parent / "fake_editor.py"
    monkeypatch.setenv("VISUAL", f'"{sys.executable}" "{editor}"')
    monkeypatch.setenv("EDITOR", "an-editor-that-is-not-used")
    saved = json_after_echo(cli("checkin", "--json", input="4\n5\n\ny\n").stdout)
    assert saved["note"] == "Written in my editor"


def test_a_failing_editor_saves_nothing(
    cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconnect_cli.commands import checkin

    monkeypatch.setattr(checkin, "can_ask", lambda: True)
    monkeypatch.setenv("VISUAL", f'"{sys.executable}" -c "raise SystemExit(3)"')
    result = cli("checkin", input="4\n5\n\ny\n", code=2)
    assert "exited with status 3; nothing was saved" in result.stderr
    assert not (home / "store.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rating", "6"], "--rating: '6' is not a whole number from 1 to 5"),
        (["--rating", "four"], "--rating: 'four' is not a whole number from 1 to 5"),
        (["--rating", "4", "--partner-rating", "0"], "--partner-rating: '0' is not"),
        (["--rating", "4", "--strategy", "13"], "unknown strategy '13'"),
        (["--rating", "4", "--strategy", "joy"], "unknown strategy 'joy'"),
        (["--rating", "4", "--date", "2026-02-30"], "February 2026 has 28 days"),
        (["--rating", "4", "--date", "2026-12-01"], "is in the future"),
        (["--rating", "4", "--minutes", "0"], "--minutes: '0' is not"),
    ],
)
def test_bad_checkins_are_refused_and_write_nothing(
    cli: Cli, store_file: Path, args: list[str], message: str
) -> None:
    cli("week")
    before = store_file.read_bytes()
    result = cli("checkin", *args, code=2)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert store_file.read_bytes() == before


def test_history_newest_first(cli: Cli) -> None:
    for day, rating in (("2026-11-01", 3), ("2026-11-15", 5), ("2026-11-08", 4)):
        cli("checkin", "--date", day, "--rating", str(rating), "--highlight", f"on {day}")
    items = cli.json("history")
    assert [item["date"] for item in items] == ["2026-11-15", "2026-11-08", "2026-11-01"]
    assert set(items[0]) >= {
        "id",
        "date",
        "rating",
        "partner_rating",
        "strategies",
        "minutes",
        "highlight",
        "note",
        "created_at",
    }
    assert items[0]["partner_rating"] is None
    assert [i["date"] for i in cli.json("history", "--limit", "2")] == ["2026-11-15", "2026-11-08"]
    text = cli("history").stdout
    assert "on 2026-11-15" in text and text.index("2026-11-15") < text.index("2026-11-01")


def test_history_when_empty(cli: Cli, home: Path) -> None:
    assert "No check-ins yet" in cli("history").stdout
    assert cli.json("history") == []
    assert not home.exists()


def test_history_shows_words_literally(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    cli("checkin", "-r", "4", "--highlight", "[bold]not markup[/bold] \x1b[31mred")
    text = cli("history").stdout
    assert "[bold]not markup[/bold]" in text
    assert "\x1b" not in text
    assert "\\x1b[31mred" in text


def test_a_long_history_is_one_line_a_checkin(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    from reconnect_cli.render import HISTORY_TABLE_ROWS

    count = HISTORY_TABLE_ROWS + 20
    checkins = [
        {
            "id": f"00000000-0000-4000-8000-{number:012d}",
            "date": f"2026-{1 + number // 28:02d}-{1 + number % 28:02d}",
            "rating": 1 + number % 5,
            "partner_rating": None if number % 2 else 3,
            "highlight": ("A long highlight that goes on and on " * 5) + f"\x1b[31m #{number}",
            "created_at": "2026-11-01T20:00:00Z",
            "updated_at": "2026-11-01T20:00:00Z",
        }
        for number in range(count)
    ]
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"checkins": checkins}))
    cli("import", str(export))
    lines = cli("history").stdout.splitlines()
    assert lines[0].startswith("Date") and "You / Partner" in lines[0]
    assert len(lines) == count + 2  # a header, a line each, and the closing line
    assert lines[1].startswith("Fri 8 May 2026   5 / –  A long highlight")
    assert all(len(line) <= 80 for line in lines)
    assert all(line.endswith("…") for line in lines[1:-1])  # cut to the width
    assert "\x1b" not in "".join(lines)
    assert lines[-1].startswith(f"{count} check-ins;")
    # Up to the limit, it is still the table.
    assert len(cli("history", "--limit", str(HISTORY_TABLE_ROWS)).stdout.splitlines()) > 100
