"""The store keeps a couple's data whole, private and never overwritten when broken."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconnect_cli import paths, store
from reconnect_cli.errors import StoreError
from reconnect_cli.models import CheckIn, Rotation, Settings, Store

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

aware_datetimes = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from(
        [timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
    ),
).map(lambda moment: moment.replace(microsecond=0))
words = st.text(st.characters(codec="utf-8"), max_size=40)
checkins = st.builds(
    CheckIn,
    id=st.uuids().map(str),
    date=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    rating=st.integers(1, 5),
    partner_rating=st.none() | st.integers(1, 5),
    strategies=st.lists(st.sampled_from(["gratitude", "empathy", "affection"]), max_size=3),
    minutes=st.none() | st.integers(1, 600),
    highlight=st.none() | words,
    note=st.none() | words,
    prompts=st.lists(st.sampled_from(["gratitude-01", "empathy-02"]), max_size=2),
    created_at=aware_datetimes,
    updated_at=aware_datetimes,
)
stores = st.builds(
    Store,
    created_at=aware_datetimes,
    settings=st.builds(
        Settings,
        name=st.none() | st.text(min_size=1, max_size=20),
        partner=st.none() | st.text(min_size=1, max_size=20),
        talk_minutes=st.integers(15, 180),
    ),
    rotation=st.builds(Rotation, seed=st.integers(0, 2**62)),
    prompt_offers=st.dictionaries(
        st.sampled_from(["gratitude-01", "empathy-02"]), st.integers(0, 9)
    ),
    checkins=st.lists(checkins, max_size=5, unique_by=lambda c: c.id),
)


@given(stores)
def test_load_of_dump_is_the_same_store(original: Store) -> None:
    assert store.parse_store(store.dump_store(original), Path("store.json")) == original


@given(stores)
def test_dump_is_stable_and_sorted(original: Store) -> None:
    dumped = store.dump_store(original)
    assert store.dump_store(store.parse_store(dumped, Path("s"))) == dumped
    document = json.loads(dumped)
    assert list(document) == sorted(document)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_arbitrary_bytes_are_a_store_or_a_store_error(raw: bytes) -> None:
    try:
        store.parse_store(raw, Path("store.json"))
    except StoreError as problem:
        assert "\n" not in problem.message
        assert "store.json" in problem.message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_arbitrary_json_is_a_store_or_a_store_error(value: object) -> None:
    try:
        store.parse_store(json.dumps(value).encode(), Path("store.json"))
    except StoreError as problem:
        assert "\n" not in problem.message


def test_a_missing_store_reads_as_new_without_writing(home: Path) -> None:
    fresh = store.read_store()
    assert fresh.checkins == []
    assert not home.exists()


def test_transaction_writes_only_what_changed(store_file: Path) -> None:
    with store.transaction() as data:
        data.settings.name = "Sam"
    first = store_file.stat().st_mtime_ns, store_file.read_bytes()
    with store.transaction():
        pass
    assert (store_file.stat().st_mtime_ns, store_file.read_bytes()) == first


def test_an_exception_in_the_body_writes_nothing(store_file: Path) -> None:
    with store.transaction() as data:
        data.settings.name = "Sam"
    before = store_file.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as data:
        data.settings.name = "Alex"
        raise RuntimeError("changed my mind")
    assert store_file.read_bytes() == before


@posix_only
def test_private_modes_whatever_the_umask(home: Path, store_file: Path) -> None:
    old = os.umask(0o022)
    try:
        with store.transaction() as data:
            data.settings.name = "Sam"
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(store_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.lock_path().stat().st_mode) == 0o600


@posix_only
def test_loose_modes_are_repaired_on_write(home: Path, store_file: Path) -> None:
    with store.transaction() as data:
        data.settings.name = "Sam"
    home.chmod(0o755)
    store_file.chmod(0o644)
    with store.transaction() as data:
        data.settings.name = "Alex"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(store_file.stat().st_mode) == 0o600


def test_a_newer_schema_is_refused_untouched(home: Path, store_file: Path) -> None:
    home.mkdir()
    raw = json.dumps({"schema_version": 99, "checkins": []}).encode()
    store_file.write_bytes(raw)
    with pytest.raises(StoreError, match="newer reconnect"), store.transaction():
        pass
    assert store_file.read_bytes() == raw


def test_stale_temp_files_are_swept_on_the_next_write(home: Path, store_file: Path) -> None:
    with store.transaction() as data:
        data.settings.name = "Sam"
    leftover = home / f"{paths.TEMP_PREFIX}abc{paths.TEMP_SUFFIX}"
    leftover.write_text("half a store")
    with store.transaction() as data:
        data.settings.name = "Alex"
    assert not leftover.exists()


def test_a_failed_write_leaves_the_store_and_no_temp_file(
    home: Path, store_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction() as data:
        data.settings.name = "Sam"
    before = store_file.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StoreError, match="No space left"), store.transaction() as data:
        data.settings.name = "Alex"
    assert store_file.read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == [
        "backups",
        "store.checked",
        "store.json",
        "store.lock",
    ]
    assert not list(home.rglob("*.tmp"))


def _log_many(home: str, worker: int, count: int) -> None:
    os.environ["RECONNECT_HOME"] = home
    from reconnect_cli import ritual

    for index in range(count):
        ritual.log_checkin(
            ritual.CheckInRequest(rating=1 + (worker + index) % 5, highlight=f"w{worker}-{index}")
        )


def test_several_processes_checking_in_at_once_lose_nothing(home: Path) -> None:
    workers, each = 6, 10
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_log_many, args=(str(home), worker, each))
        for worker in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    saved = store.read_store().checkins
    assert len(saved) == workers * each
    assert {c.highlight for c in saved} == {
        f"w{w}-{i}" for w in range(workers) for i in range(each)
    }
    assert len(store.read_store().weeks) == 1  # the week was planned once, not six times


@pytest.mark.skipif(sys.platform == "win32", reason="uses os.getuid")
@posix_only
def test_an_unreadable_store_is_reported(home: Path, store_file: Path) -> None:
    if os.getuid() == 0:
        pytest.skip("root reads any file")
    with store.transaction() as data:
        data.settings.name = "Sam"
    store_file.chmod(0)
    with pytest.raises(StoreError, match="cannot read"):
        store.read_store()
