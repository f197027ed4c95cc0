"""Backups at every save, restoring one, schema migration and reconnect doctor."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import Cli, set_now
from reconnect_cli import backups
from reconnect_cli.models import SCHEMA_VERSION

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def test_every_save_keeps_the_state_it_replaces(cli: Cli, store_file: Path, home: Path) -> None:
    cli("checkin", "-r", "4")  # the first save replaces nothing
    assert backups.backup_files() == []
    first = store_file.read_bytes()
    cli("checkin", "-r", "5")
    cli("checkin", "-r", "3")
    kept = backups.backup_files()
    assert len(kept) == 2
    assert kept[-1].path.read_bytes() == first  # oldest last, even within one second
    listing = cli.json("backup", "list")
    assert [item["checkins"] for item in listing] == [2, 1]
    assert set(listing[0]) == {"id", "created_at", "checkins"}
    assert listing[0]["created_at"].endswith("+01:00")


def test_a_save_that_changes_nothing_keeps_no_backup(cli: Cli) -> None:
    cli("week")
    cli("week")
    assert len(backups.backup_files()) == 0


@posix_only
def test_backups_are_private(cli: Cli, home: Path) -> None:
    cli("checkin", "-r", "4")
    cli("checkin", "-r", "4")
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700
    for backup in backups.backup_files():
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600


def test_rotation_keeps_the_newest_20_and_one_a_week_for_12_weeks() -> None:
    start = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
    # Two saves a day for 16 weeks.
    moments = [start + timedelta(hours=12 * n) for n in range(16 * 14)]
    for index, moment in enumerate(moments):
        backups.keep(f"state {index}".encode(), moment)
        backups.prune(moment)  # as every successful save does
    kept = backups.backup_files()
    newest_20 = sorted(moments, reverse=True)[:20]
    assert all(moment in {b.created_at for b in kept} for moment in newest_20)
    older = [b for b in kept if b.created_at < newest_20[-1]]
    weeks = [b.created_at.isocalendar()[:2] for b in older]
    assert len(weeks) == len(set(weeks)), "at most one older backup a calendar week"
    assert len(kept) == 20 + len(older)
    # The 20 newest cover the last ten days; each of the other ten or so weeks keeps one.
    assert 20 + 9 <= len(kept) <= 20 + 11
    for backup in older:  # and it is the newest backup that week
        same_week = [
            m for m in moments if m.isocalendar()[:2] == backup.created_at.isocalendar()[:2]
        ]
        assert backup.created_at == max(same_week)


def test_restore_brings_a_backup_back_and_can_be_undone(cli: Cli, store_file: Path) -> None:
    cli("checkin", "-r", "4", "--highlight", "one")
    cli("checkin", "-r", "5", "--highlight", "two")
    with_two = store_file.read_bytes()
    with_one = cli.json("backup", "list")[0]
    assert with_one["checkins"] == 1
    cli("backup", "restore", with_one["id"][:18], "--yes")
    assert [c["highlight"] for c in cli.json("history")] == ["one"]
    # The state just replaced is now the newest backup: restoring it undoes the restore.
    newest = cli.json("backup", "list")[0]
    assert newest["checkins"] == 2
    cli("backup", "restore", newest["id"], "--yes")
    assert store_file.read_bytes() == with_two


def test_restore_needs_a_yes_without_a_terminal(cli: Cli, store_file: Path) -> None:
    cli("checkin", "-r", "4")
    cli("checkin", "-r", "4")
    before = store_file.read_bytes()
    backup_id = cli.json("backup", "list")[0]["id"]
    assert "add --yes" in cli("backup", "restore", backup_id, code=2).stderr
    assert store_file.read_bytes() == before


def test_a_broken_backup_is_refused(cli: Cli, store_file: Path) -> None:
    cli("checkin", "-r", "4")
    cli("checkin", "-r", "4")
    broken = backups.backup_files()[0]
    broken.path.write_text("{ torn")
    before = store_file.read_bytes()
    result = cli("backup", "restore", broken.id, "--yes", code=1)
    assert "is not valid JSON" in result.stderr
    assert store_file.read_bytes() == before
    assert cli.json("backup", "list")[0]["checkins"] is None


def test_unknown_backup_ids(cli: Cli) -> None:
    assert "no backup 'nope'" in cli("backup", "restore", "nope", "--yes", code=2).stderr


def test_a_broken_store_can_be_restored_from_a_backup(cli: Cli, store_file: Path) -> None:
    cli("checkin", "-r", "4")
    cli("checkin", "-r", "5")
    store_file.write_text("{ this is broken")
    cli("history", code=1)
    report = cli("doctor", code=1)
    newest_good = cli.json("backup", "list")[0]["id"]
    assert f"reconnect backup restore {newest_good}" in report.stdout
    cli("backup", "restore", newest_good, "--yes")
    assert len(cli.json("history")) == 1
    # The broken file itself was kept, byte for byte, in case it matters.
    assert any(b.path.read_bytes() == b"{ this is broken" for b in backups.backup_files())


def test_an_older_store_migrates_with_a_backup_first(cli: Cli, store_file: Path) -> None:
    cli("checkin", "-r", "4")
    document = json.loads(store_file.read_text())
    document["schema_version"] = 1
    del document["skipped_weeks"], document["moved_talks"], document["notes"]
    version_1 = json.dumps(document).encode()
    store_file.write_bytes(version_1)
    assert len(cli.json("history")) == 1  # reads, migrating in memory, writes nothing
    assert store_file.read_bytes() == version_1
    cli("schedule", "skip")
    assert json.loads(store_file.read_text())["schema_version"] == SCHEMA_VERSION
    assert backups.backup_files()[0].path.read_bytes() == version_1


def test_a_newer_store_is_refused_untouched(cli: Cli, store_file: Path) -> None:
    cli("checkin", "-r", "4")
    document = json.loads(store_file.read_text())
    document["schema_version"] = SCHEMA_VERSION + 1
    newer = json.dumps(document).encode()
    store_file.write_bytes(newer)
    for args in (["history"], ["checkin", "-r", "4"], ["week"]):
        result = cli(*args, code=1)
        assert "written by a newer reconnect" in result.stderr and "upgrade" in result.stderr
    assert store_file.read_bytes() == newer


def test_doctor_on_a_healthy_store(cli: Cli) -> None:
    cli("checkin", "-r", "4")
    cli("checkin", "-r", "4")
    report = cli.json("doctor")
    assert report["healthy"] is True and report["advice"] is None
    assert [c["name"] for c in report["checks"]] == [
        "store",
        "schema",
        "permissions",
        "temp files",
        "backups",
        "your questions",
    ]
    assert "All is well." in cli("doctor").stdout


def test_doctor_on_a_new_install(cli: Cli, home: Path) -> None:
    assert cli.json("doctor")["healthy"] is True
    assert not home.exists()


@posix_only
def test_doctor_finds_and_mends_loose_modes(cli: Cli, home: Path, store_file: Path) -> None:
    cli("checkin", "-r", "4")
    cli("checkin", "-r", "4")
    home.chmod(0o755)
    store_file.chmod(0o644)
    backups.backup_files()[0].path.chmod(0o644)
    before = store_file.read_bytes()
    result = cli("doctor", code=1)
    assert "needs care" in result.stdout and "doctor --fix" in result.stdout
    fixed = json.loads(cli("doctor", "--fix", "--json").stdout)
    assert fixed["healthy"] is True
    assert next(c for c in fixed["checks"] if c["name"] == "permissions")["fixed"] is True
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(store_file.stat().st_mode) == 0o600
    assert store_file.read_bytes() == before
    cli("doctor")


def test_doctor_removes_stray_temp_files(cli: Cli, home: Path) -> None:
    cli("checkin", "-r", "4")
    stray = home / ".store-abc123.tmp"
    stray.write_text("half a store")
    assert "1 left by an interrupted save" in cli("doctor", code=1).stdout
    cli("doctor", "--fix")
    assert not stray.exists()
    cli("doctor")


def test_doctor_never_touches_a_store_it_cannot_validate(cli: Cli, store_file: Path) -> None:
    cli("checkin", "-r", "4")
    store_file.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "surprise": 1}))
    before = store_file.read_bytes()
    report = json.loads(cli("doctor", "--fix", "--json", code=1).stdout)
    assert report["checks"][0]["ok"] is False
    assert report["advice"].startswith("There is no good backup")
    assert store_file.read_bytes() == before


def test_backups_pile_up_kindly_over_many_saves(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    first = datetime(2026, 8, 1, 9, tzinfo=timezone.utc)
    days = [first + timedelta(days=n) for n in range(100)]
    for moment in days:
        set_now(monkeypatch, moment.isoformat())
        cli("checkin", "-r", "3", "--date", moment.date().isoformat())
    kept = [b.created_at for b in backups.backup_files()]
    saved = days[1:]  # each save after the first replaced a state
    assert kept[:20] == sorted(saved, reverse=True)[:20]
    # Before those, one a calendar week: each week's last save, for the last 12 weeks.
    older = kept[20:]
    assert len(older) == len({m.isocalendar()[:2] for m in older})
    for moment in older:
        week = moment.isocalendar()[:2]
        assert moment == max(m for m in saved if m.isocalendar()[:2] == week)
    assert len(older) == 12 - 3  # the 20 newest already hold this week's and the two before
