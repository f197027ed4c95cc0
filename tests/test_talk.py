"""reconnect talk, driven in a real pseudo-terminal as a couple would use it."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli

pexpect = pytest.importorskip("pexpect", reason="pseudo-terminals are POSIX only")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def reconnect_path() -> str:
    return str(Path(sys.executable).parent / "reconnect")


def start_talk(*args: str) -> Any:
    return pexpect.spawn(
        reconnect_path(),
        ["talk", *args],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=30,
        dimensions=(60, 120),
    )


def screen(text: str) -> str:
    return ANSI.sub("", text)


def walk_to_check_in(child: Any) -> str:
    """Press Enter through every step; returns everything shown on the way."""
    shown = []
    child.expect("Enter to begin")
    child.sendline("")
    while True:
        index = child.expect(["Enter to (go on|the next question)", "your rating"])
        shown.append(child.before)
        if index == 1:
            return screen("".join(shown))
        child.sendline("")


@pytest.fixture
def couple(cli: Cli) -> dict[str, Any]:
    cli("setup", "--name", "Sam", "--partner", "Alex")
    cli("note", "-k", "appreciation", "Alex fixed the bike")
    cli("note", "-k", "topic", "The holidays")
    cli("note", "-k", "plan", "Bakery on Saturday")
    plan: dict[str, Any] = cli.json("week")
    return plan


def test_a_whole_talk_ends_in_a_saved_check_in(cli: Cli, couple: dict[str, Any]) -> None:
    child = start_talk("--no-timer")
    shown = walk_to_check_in(child)
    # Steps in order, notes at their step, questions one at a time, light to deep.
    titles = [step["title"] for step in couple["agenda"]]
    positions = [shown.index(title) for title in titles]
    assert positions == sorted(positions)
    appreciations, focus, planning = (shown.index(t) for t in (titles[1], titles[3], titles[4]))
    assert appreciations < shown.index("Alex fixed the bike") < shown.index(titles[2])
    assert focus < shown.index("The holidays") < planning
    assert planning < shown.index("Bakery on Saturday")
    flat = " ".join(shown.split())
    for number, prompt in enumerate(couple["prompts"], start=1):
        assert f"Question {number} of 3 ({prompt['depth']}): " in flat
        assert prompt["text"] in flat
    assert "sum up what you heard" in flat

    child.sendline("4")  # Sam's rating, typed hidden
    child.expect("Alex, your rating")
    assert "4" not in screen(child.before), "a typed rating is never shown"
    child.sendline("9")  # not a rating: asked again
    child.expect("Please type a whole number from 1 to 5")
    child.expect("Alex, your rating")
    child.sendline("5")
    child.expect("Together: ")
    child.expect("Sam 4/5 · Alex 5/5")
    child.expect("A highlight to remember")
    child.sendline("Tea on the step")
    child.expect("Thank you for making the time for each other")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = cli.json("history")[0]
    assert (saved["rating"], saved["partner_rating"], saved["highlight"]) == (
        4,
        5,
        "Tea on the step",
    )
    assert saved["strategies"] == [f["id"] for f in couple["focus"]]
    assert saved["prompts"] == [p["id"] for p in couple["prompts"]]
    assert cli.json("notes") == [], "the talk's check-in settles the notes"


def test_the_quiet_clock_counts_down(cli: Cli, couple: dict[str, Any]) -> None:
    child = start_talk()
    child.expect("Enter to begin")
    child.sendline("")
    child.expect(r"\d+:\d\d left · Enter to go on")
    child.sendintr()
    child.expect("Nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_mid_talk_leaves_the_store_valid_and_unchanged(
    cli: Cli, couple: dict[str, Any], store_file: Path
) -> None:
    before = store_file.read_bytes()
    child = start_talk("--no-timer")
    child.expect("Enter to begin")
    child.sendline("")
    child.expect("Enter to go on")
    child.sendline("")
    child.expect("Enter to go on")
    child.sendintr()
    child.expect("Nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert store_file.read_bytes() == before
    json.loads(store_file.read_text())
    cli("doctor")


def test_ctrl_c_after_a_rating_offers_to_keep_it(cli: Cli, couple: dict[str, Any]) -> None:
    child = start_talk("--no-timer")
    walk_to_check_in(child)
    child.sendline("3")
    child.expect("Alex, your rating")
    child.sendintr()
    child.expect(r"Save the rating given so far\? \[y/N\]")
    child.sendline("y")
    child.expect("Thank you for making the time for each other")
    child.expect(pexpect.EOF)
    child.close()
    saved = cli.json("history")[0]
    assert (saved["rating"], saved["partner_rating"]) == (3, None)


def test_without_a_terminal_talk_points_to_the_card(cli: Cli, home: Path) -> None:
    result = cli("talk", code=2)
    assert "reconnect week --format markdown" in result.stderr
    assert not home.exists()
