"""reconnect export, import, edit and delete: the couple's data is theirs."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from conftest import Cli, set_now


def log_three(cli: Cli) -> None:
    cli("setup", "--name", "Sam", "--partner", "Alex")
    cli("checkin", "--date", "2026-11-08", "-r", "3", "-p", "4", "--highlight", "Pancakes")
    cli(
        "checkin",
        "--date",
        "2026-11-15",
        "-r",
        "5",
        "--note",
        "-",
        input="We planned the trip.\n# not a heading\nAnd laughed.",
    )
    cli("checkin", "--date", "2026-11-22", "-r", "4", "-p", "4", "--highlight", "=1+1 is two")


def test_export_then_import_into_a_fresh_home_gives_the_same_history(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_three(cli)
    exported = tmp_path / "export.json"
    cli("export", "-o", str(exported))
    history = cli.json("history")
    assert json.loads(exported.read_text())["checkins"] == sorted(
        history, key=lambda c: (c["date"], c["created_at"], c["id"])
    )
    monkeypatch.setenv("RECONNECT_HOME", str(tmp_path / "other-laptop"))
    report = cli.json("import", str(exported))
    assert (report["added"], report["already_there"], report["conflicts"]) == (3, 0, [])
    assert cli.json("history") == history
    store = tmp_path / "other-laptop" / "store.json"
    before = store.read_bytes()
    again = cli.json("import", str(exported))
    assert (again["added"], again["already_there"]) == (0, 3)
    assert store.read_bytes() == before, "importing twice changes nothing"


def test_two_homes_merge_and_the_newer_edit_wins(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_three(cli)
    mine = tmp_path / "mine.json"
    cli("export", "-o", str(mine))
    first_id = cli.json("history")[-1]["id"]
    # The other laptop: takes my export, edits one check-in later, logs one of its own.
    monkeypatch.setenv("RECONNECT_HOME", str(tmp_path / "theirs"))
    cli("import", str(mine))
    set_now(monkeypatch, "2026-11-25T12:00:00")
    cli("edit", first_id[:8], "--highlight", "Pancakes, and the rain")
    cli("checkin", "--date", "2026-11-24", "-r", "2", "--highlight", "A tired Tuesday")
    theirs = tmp_path / "theirs.json"
    cli("export", "-o", str(theirs))
    # Back home, my own older edit of the same check-in loses to theirs.
    monkeypatch.setenv("RECONNECT_HOME", str(tmp_path / "reconnect-home"))
    set_now(monkeypatch, "2026-11-25T11:00:00")
    cli("edit", first_id[:8], "--rating", "1")
    report = cli.json("import", str(theirs))
    assert report["added"] == 1 and report["already_there"] == 2
    assert report["conflicts"] == [{"id": first_id, "kept": "theirs"}]
    merged = {c["id"]: c for c in cli.json("history")}
    assert len(merged) == 4
    assert merged[first_id]["highlight"] == "Pancakes, and the rain"
    assert "in conflict" in cli("import", str(theirs)).stdout


def test_csv_has_a_header_and_a_row_per_check_in(cli: Cli) -> None:
    log_three(cli)
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert len(rows) == 3
    assert [row["rating"] for row in rows] == ["4", "5", "3"]
    assert rows[2]["partner_rating"] == "4" and rows[1]["partner_rating"] == ""
    assert rows[0]["highlight"] == "'=1+1 is two"  # never run as a spreadsheet formula
    assert set(rows[0]) >= {"id", "date", "rating", "partner_rating", "strategies", "note"}


def test_markdown_is_a_journal_newest_first(cli: Cli) -> None:
    log_three(cli)
    text = cli("export", "--format", "markdown").stdout
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Sunday 22 November 2026",
        "## Sunday 15 November 2026",
        "## Sunday 8 November 2026",
    ]
    assert "> Pancakes" in text
    assert "We planned the trip." in text and "\\# not a heading" in text
    assert "- **Sam:** 3/5" in text and "- **Alex:** 4/5" in text


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_export_file_is_private(cli: Cli, tmp_path: Path) -> None:
    log_three(cli)
    target = tmp_path / "journal.md"
    cli("export", "--format", "markdown", "-o", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not valid JSON"),
        (b"[]", "is not a reconnect export"),
        (b'{"checkins": [{"id": "nope"}]}', "checkins.0.id"),
        (
            b'{"checkins": [{"id": "00000000-0000-4000-8000-000000000001", "date": "2026-11-01",'
            b' "rating": 9, "created_at": "2026-11-01T20:00:00+01:00",'
            b' "updated_at": "2026-11-01T20:00:00+01:00"}]}',
            "checkins.0.rating",
        ),
    ],
)
def test_a_broken_import_is_refused_whole(
    cli: Cli, store_file: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    log_three(cli)
    before = store_file.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_bytes(content)
    result = cli("import", str(broken), code=2)
    assert message in result.stderr and "nothing was imported" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert store_file.read_bytes() == before


def test_an_import_with_one_bad_check_in_adds_none(
    cli: Cli, store_file: Path, tmp_path: Path
) -> None:
    log_three(cli)
    exported = json.loads(cli("export").stdout)
    exported["checkins"][0]["id"] = "11111111-1111-4111-8111-111111111111"
    exported["checkins"][1]["rating"] = 0
    bad = tmp_path / "half-good.json"
    bad.write_text(json.dumps(exported))
    before = store_file.read_bytes()
    cli("import", str(bad), code=2)
    assert store_file.read_bytes() == before


def test_unknown_export_format(cli: Cli) -> None:
    assert (
        "--format: 'pdf' is not one of json, csv, markdown"
        in cli("export", "-f", "pdf", code=2).stderr
    )


def test_edit_by_prefix(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    log_three(cli)
    target = cli.json("history")[0]
    set_now(monkeypatch, "2026-11-25T18:45:00")
    edited = cli.json(
        "edit",
        target["id"][:6],
        "--rating",
        "2",
        "--partner-rating",
        "3",
        "--highlight",
        "",
        "--strategy",
        "12",
        "--minutes",
        "50",
    )
    assert (edited["rating"], edited["partner_rating"], edited["minutes"]) == (2, 3, 50)
    assert edited["highlight"] is None
    assert edited["strategies"] == ["professional-help"]
    assert edited["updated_at"] == "2026-11-25T18:45:00+01:00"
    assert edited["created_at"] == target["created_at"]
    assert cli.json("history")[0]["rating"] == 2


def test_edit_moves_a_check_in_to_another_date(cli: Cli) -> None:
    log_three(cli)
    newest = cli.json("history")[0]
    cli("edit", newest["id"][:8], "--date", "2026-11-01")
    assert cli.json("history")[-1]["id"] == newest["id"]
    assert (
        "is in the future" in cli("edit", newest["id"][:8], "--date", "2026-12-01", code=2).stderr
    )


def test_edit_opens_the_note_in_an_editor(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from reconnect_cli.commands import edit

    log_three(cli)
    monkeypatch.setattr(edit, "can_ask", lambda: True)
    monkeypatch.setenv("VISUAL", f'"{sys.executable}" "{Path(__file__).parent / "fake_editor.py"}"')
    target = cli.json("history")[0]["id"]
    cli("edit", target[:8])
    assert cli.json("history")[0]["note"] == "Written in my editor"


def test_delete_by_prefix_needs_a_yes_without_a_terminal(cli: Cli) -> None:
    log_three(cli)
    target = cli.json("history")[1]["id"]
    assert "add --yes" in cli("delete", target[:6], code=2).stderr
    assert len(cli.json("history")) == 3
    assert "Deleted" in cli("delete", target[:6], "--yes").stdout
    assert target not in [c["id"] for c in cli.json("history")]


@pytest.mark.parametrize("command", ["edit", "delete"])
def test_unknown_short_and_ambiguous_ids_are_usage_errors(
    cli: Cli, store_file: Path, command: str
) -> None:
    log_three(cli)
    document = json.loads(store_file.read_text())
    for index, checkin in enumerate(document["checkins"][:2]):
        checkin["id"] = f"abcdef0{index}-1111-4111-8111-111111111111"
    store_file.write_text(json.dumps(document))
    extra = ["--rating", "3"] if command == "edit" else ["--yes"]
    before = store_file.read_bytes()
    assert "matches 2 check-ins" in cli(command, "abcdef", *extra, code=2).stderr
    assert "no check-in with an id starting" in cli(command, "ffffff", *extra, code=2).stderr
    assert "at least 6 characters" in cli(command, "abc", *extra, code=2).stderr
    assert store_file.read_bytes() == before
    cli(command, "abcdef01", *extra)
