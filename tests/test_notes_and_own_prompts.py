"""The notes inbox, the couple's own questions (prompts.yaml), and the printable card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli, set_now


def test_notes_are_jotted_listed_and_settled_by_the_next_check_in(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = cli.json("note", "How we split the holidays")
    assert saved["kind"] == "topic" and saved["text"] == "How we split the holidays"
    cli("note", "--kind", "appreciation", "You fixed the bike")
    cli("note", "-k", "plan", "Bakery on Saturday")
    listed = cli.json("notes")
    assert [n["kind"] for n in listed] == ["topic", "appreciation", "plan"]
    assert [n["text"] for n in cli.json("week")["notes"]] == [n["text"] for n in listed]
    assert "You fixed the bike" in cli("week").stdout
    set_now(monkeypatch, "2026-11-25T21:00:00")
    cli("checkin", "-r", "4")
    assert cli.json("notes") == []
    assert cli.json("week")["notes"] == []
    assert "No open notes" in cli("notes").stdout
    set_now(monkeypatch, "2026-11-26T08:00:00")
    cli("note", "Next time: the garden")
    assert [n["text"] for n in cli.json("notes")] == ["Next time: the garden"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["note", "x", "--kind", "gripe"], "--kind: 'gripe' is not one of"),
        (["note", "   "], "needs some words"),
    ],
)
def test_bad_notes(cli: Cli, home: Path, args: list[str], message: str) -> None:
    assert message in cli(*args, code=2).stderr
    assert not home.exists()


def test_own_questions_join_their_deck_and_hidden_ones_never_come(cli: Cli, home: Path) -> None:
    added = cli.json("prompts", "add", "6", "What made you smile about us?", "--depth", "light")
    assert added["id"] == "own-gratitude-1" and added["strategy"] == "gratitude"
    cli("prompts", "hide", "gratitude-01")
    deck = cli.json("strategies", "show", "gratitude")["prompts"]
    ids = [p["id"] for p in deck]
    assert "own-gratitude-1" in ids and "gratitude-01" not in ids
    # Draw the whole deck twice: the new question comes, the hidden one never does.
    drawn = [p["id"] for _ in range(12) for p in cli.json("prompts", "gratitude", "-n", "4")]
    assert "own-gratitude-1" in drawn[: len(deck)]
    assert "gratitude-01" not in drawn
    assert (home / "prompts.yaml").read_text().startswith("# Your own questions")


def test_hiding_twice_and_unknown_questions(cli: Cli) -> None:
    cli("prompts", "hide", "empathy-02")
    assert "Already hidden" in cli("prompts", "hide", "empathy-02").stdout
    assert "no question 'empathy-99'" in cli("prompts", "hide", "empathy-99", code=2).stderr
    assert (
        "--depth: 'abyss'" in cli("prompts", "add", "6", "Why?", "--depth", "abyss", code=2).stderr
    )
    assert "unknown strategy" in cli("prompts", "add", "99", "What now?", code=2).stderr


def test_the_short_form_still_draws(cli: Cli) -> None:
    assert len(cli.json("prompts")) == 3
    assert len(cli.json("prompts", "-n", "2")) == 2
    assert {p["strategy"] for p in cli.json("prompts", "empathy")} == {"empathy"}


def test_a_strategy_of_their_own_joins_the_rotation(
    cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir()
    (home / "prompts.yaml").write_text(
        "strategies:\n"
        "  - id: our-garden\n"
        "    title: Tend the garden together\n"
        "    practices: [Water the tomatoes together on Saturday]\n"
        "    prompts:\n"
        '      - {id: garden-1, depth: light, text: "Which plant would you name after me?"}\n'
        '      - {id: garden-2, depth: deep, text: "What are we growing together this year?"}\n'
    )
    listed = cli.json("strategies")
    assert listed[-1]["id"] == "our-garden" and listed[-1]["number"] == 13
    focus = []
    for day in (
        "2026-11-25",
        "2026-12-02",
        "2026-12-09",
        "2026-12-16",
        "2026-12-23",
        "2026-12-30",
        "2027-01-06",
    ):
        set_now(monkeypatch, f"{day}T10:00:00")
        focus += [f["id"] for f in cli.json("week")["focus"]]
    assert "our-garden" in focus
    assert sorted(set(focus)) == sorted(s["id"] for s in listed)


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("prompts: [\n", 2, "did not find expected node content"),
        (
            "prompts:\n  - id: x\n    strategy: gratitude\n    text: hi there\n    depth: abyss\n",
            5,
            "prompts.0.depth",
        ),
        ("prompts:\n  - id: x\n    strategy: nope\n    text: hi there\n", 3, "no strategy 'nope'"),
        ("hidden:\n  - gratitude-01\n  - gratitude-99\n", 3, "no question 'gratitude-99'"),
        ("surprise: 1\n", 1, "surprise: not a field reconnect knows"),
    ],
)
def test_a_broken_prompts_file_is_reported_with_its_line(
    cli: Cli, home: Path, content: str, line: int, problem: str
) -> None:
    home.mkdir()
    path = home / "prompts.yaml"
    path.write_text(content)
    for args in (["week"], ["history"], ["prompts"], ["checkin", "-r", "4"], ["notes"]):
        result = cli(*args, code=1)
        assert result.stderr.startswith(f"reconnect: {path}, line {line}: "), result.stderr
        assert problem in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (home / "store.json").exists(), "nothing was written"
    assert "your questions" in cli("doctor", code=1).stdout
    cli("week", "--help")  # help still works


def test_the_card_has_the_week_on_one_page(cli: Cli, tmp_path: Path) -> None:
    cli("setup", "--name", "Sam", "--partner", "Alex")
    cli("note", "-k", "plan", "Bakery on Saturday")
    plan = cli.json("week")
    text = cli("week", "--format", "text").stdout
    assert text.startswith("Our week: Sun 22 Nov – Sat 28 Nov 2026")
    assert "Talk: Sunday 22 November, 19:30–20:15 (45 minutes)" in text
    for focus in plan["focus"]:
        assert focus["title"] in text
        assert all(p.split()[0] in text for p in focus["practices"])
    for step in plan["agenda"]:
        assert f"{step['minutes']:>2} min  {step['title']}" in text
    flat = " ".join(text.split())
    for prompt in plan["prompts"]:
        assert prompt["text"] in flat
    assert "plan: Bakery on Saturday" in text
    assert "WHAT WE WANT TO REMEMBER" in text
    assert len(text.splitlines()) <= 66, "fits a printed page"
    markdown = tmp_path / "card.md"
    cli("week", "--format", "markdown", "-o", str(markdown))
    card = markdown.read_text()
    assert card.startswith("# Our week:")
    assert "| 18 | The focus conversation |" in card
    assert all(p["text"] in card for p in plan["prompts"])
    assert "## Your notes" in card


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "--format: 'pdf' is not one of text, markdown"),
        (["--format", "text", "--json"], "do not go together"),
        (["-o", "card.txt"], "add --format text or --format markdown"),
    ],
)
def test_card_usage_errors(cli: Cli, args: list[str], message: str) -> None:
    assert message in cli("week", *args, code=2).stderr


def test_json_week_notes_shape(cli: Cli) -> None:
    cli("note", "A topic")
    note = cli.json("week")["notes"][0]
    assert set(note) == {"id", "kind", "text", "created_at"}
    assert json.dumps(note)
