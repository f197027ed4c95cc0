"""reconnect strategies, reconnect strategies show and reconnect prompts."""

from __future__ import annotations

from pathlib import Path

from conftest import Cli

TITLES = [
    "Communicate openly and honestly",
    "Practice active listening",
    "Show empathy and understanding",
    "Share your daily experiences",
    "Plan regular date nights",
    "Practice gratitude",
    "Be affectionate",
    "Prioritize intimacy",
    "Take an interest in your partner's hobbies and interests",
    "Practice forgiveness",
    "Take a break from technology",
    "Seek professional help",
]


def test_strategies_lists_the_twelve(cli: Cli, home: Path) -> None:
    items = cli.json("strategies")
    assert [item["title"] for item in items] == TITLES
    assert [item["number"] for item in items] == list(range(1, 13))
    assert all(set(item) == {"id", "number", "title", "summary"} for item in items)
    text = cli("strategies").stdout
    assert "Practice gratitude" in text and "gratitude" in text
    assert not home.exists(), "listing the catalogue writes nothing"


def test_show_one_strategy_by_id_or_number(cli: Cli) -> None:
    by_number = cli.json("strategies", "show", "6")
    by_id = cli.json("strategies", "show", "gratitude")
    assert by_number == by_id
    assert by_id["title"] == "Practice gratitude"
    assert len(by_id["practices"]) >= 3
    assert len(by_id["prompts"]) >= 20
    assert {p["strategy"] for p in by_id["prompts"]} == {"gratitude"}
    text = cli("strategies", "show", "gratitude").stdout
    assert "Practices for the week" in text


def test_professional_help_shows_its_guidance_and_safety_note(cli: Cli) -> None:
    detail = cli.json("strategies", "show", "12")
    guidance = detail["guidance"]
    assert guidance["when_it_helps"] and guidance["how_to_find"]
    assert guidance["first_call_questions"]
    assert "afraid" in guidance["safety"] or "unsafe" in guidance["safety"]
    text = cli("strategies", "show", "professional-help").stdout
    assert "If you feel afraid or unsafe" in text


def test_unknown_strategy_is_a_usage_error(cli: Cli) -> None:
    result = cli("strategies", "show", "13", code=2)
    assert result.stderr.startswith("reconnect: unknown strategy '13'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_prompts_from_one_strategy(cli: Cli) -> None:
    drawn = cli.json("prompts", "gratitude", "-n", "5")
    assert len(drawn) == 5
    assert {p["strategy"] for p in drawn} == {"gratitude"}
    assert all(set(p) == {"id", "strategy", "text", "depth"} for p in drawn)
    order = {"light": 0, "medium": 1, "deep": 2}
    assert [order[p["depth"]] for p in drawn] == sorted(order[p["depth"]] for p in drawn)


def test_prompts_unseen_first_until_the_deck_is_used(cli: Cli) -> None:
    deck = len(cli.json("strategies", "show", "3")["prompts"])
    seen: list[str] = []
    while len(seen) < deck:
        seen += [p["id"] for p in cli.json("prompts", "3", "-n", "4")]
    assert len(set(seen[:deck])) == deck, "every prompt came once before any came twice"


def test_prompts_across_the_catalogue(cli: Cli) -> None:
    drawn = cli.json("prompts")
    assert len(drawn) == 3
    assert len({p["strategy"] for p in drawn}) == 3
    assert "1." in cli("prompts").stdout


def test_prompts_count_is_checked(cli: Cli) -> None:
    assert (
        "--count: '0' is not a whole number from 1 to 20"
        in cli("prompts", "-n", "0", code=2).stderr
    )
