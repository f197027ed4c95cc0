"""The bundled catalogue: twelve strategies, each with practices and at least
twenty distinct open questions, in warm, plain, inclusive words."""

from __future__ import annotations

import difflib
import itertools
import re
from importlib import resources

import pytest
import yaml

from reconnect_cli import validation
from reconnect_cli.catalogue import find_strategy, load_catalogue
from reconnect_cli.errors import UsageError
from reconnect_cli.models import Catalogue
from test_cli_catalogue import TITLES

CATALOGUE = load_catalogue()
PROMPTS = [(s, p) for s in CATALOGUE.strategies for p in s.prompts]
YES_NO_OPENINGS = {
    "do",
    "does",
    "did",
    "are",
    "is",
    "was",
    "were",
    "have",
    "has",
    "had",
    "can",
    "could",
    "would",
    "will",
    "should",
    "shall",
}
# Words that assume a gender, a marriage or a clinical frame.
UNWELCOME_WORDS = {
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "spouse",
    "marriage",
    "married",
    "validate",
    "attachment",
    "trigger",
    "triggers",
    "triggered",
    "dysfunctional",
    "codependent",
    "toxic",
}


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def test_the_twelve_in_the_articles_order() -> None:
    assert [s.title for s in CATALOGUE.strategies] == TITLES
    assert [s.number for s in CATALOGUE.strategies] == list(range(1, 13))


def test_it_is_read_with_safe_load_and_validates_strictly() -> None:
    source = resources.files("reconnect_cli") / "data" / "strategies.yaml"
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert validation.from_python(Catalogue, raw) == CATALOGUE
    raw["strategies"][0]["surprise"] = "extra keys are refused"
    with pytest.raises(ValueError, match="surprise"):
        validation.from_python(Catalogue, raw)


@pytest.mark.parametrize("strategy", CATALOGUE.strategies, ids=lambda s: s.id)
def test_each_strategy_is_complete(strategy: object) -> None:
    from reconnect_cli.models import Strategy

    assert isinstance(strategy, Strategy)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", strategy.id)
    sentences = re.findall(r"[^.!?]+[.!?]", strategy.summary)
    assert len(sentences) == 2, strategy.summary
    assert len(strategy.practices) >= 3
    assert len(strategy.prompts) >= 20
    assert {p.depth for p in strategy.prompts} == {"light", "medium", "deep"}
    for number, prompt in enumerate(strategy.prompts, start=1):
        assert prompt.id == f"{strategy.id}-{number:02d}"


@pytest.mark.parametrize(("strategy", "prompt"), PROMPTS, ids=lambda x: getattr(x, "id", ""))
def test_each_prompt_is_one_open_question(strategy: object, prompt: object) -> None:
    text: str = prompt.text  # type: ignore[attr-defined]
    assert text.endswith("?") and text.count("?") == 1
    assert text.split()[0].lower().strip(",") not in YES_NO_OPENINGS, text
    assert 6 <= len(text.split()) <= 32, text
    assert "\u2019" not in text and "\u201c" not in text


def test_no_two_prompts_are_alike() -> None:
    texts = [p.text for _, p in PROMPTS]
    normalised = [" ".join(re.findall(r"[a-z]+", t.lower())) for t in texts]
    assert len(set(normalised)) == len(normalised)
    for (i, a), (j, b) in itertools.combinations(enumerate(normalised), 2):
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if matcher.real_quick_ratio() > 0.8 and matcher.quick_ratio() > 0.8:
            assert matcher.ratio() <= 0.8, (texts[i], texts[j])


def test_the_words_fit_any_couple_and_are_not_clinical() -> None:
    for strategy in CATALOGUE.strategies:
        texts = [strategy.summary, *strategy.practices, *(p.text for p in strategy.prompts)]
        for text in texts:
            assert not words(text) & UNWELCOME_WORDS, text


def test_professional_help_carries_guidance_and_a_safety_note() -> None:
    helper = find_strategy(CATALOGUE, "12")
    assert helper.guidance is not None
    assert len(helper.guidance.when_it_helps) >= 3
    assert len(helper.guidance.how_to_find) >= 3
    assert all(q.endswith("?") for q in helper.guidance.first_call_questions)
    safety = helper.guidance.safety.lower()
    assert "afraid" in safety and "unsafe" in safety
    assert "domestic-violence" in safety and "emergency" in safety
    assert all(s.guidance is None for s in CATALOGUE.strategies if s.number != 12)


@pytest.mark.parametrize("reference", ["6", "gratitude", " Gratitude "])
def test_strategies_are_found_by_id_or_number(reference: str) -> None:
    assert find_strategy(CATALOGUE, reference).id == "gratitude"


@pytest.mark.parametrize("reference", ["06", "0", "13", "thanks", ""])
def test_anything_else_is_an_unknown_strategy(reference: str) -> None:
    with pytest.raises(UsageError, match="unknown strategy"):
        find_strategy(CATALOGUE, reference)
