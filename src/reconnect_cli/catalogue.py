"""The bundled catalogue of the twelve strategies, their practices and prompts.

The catalogue ships inside the package as ``data/strategies.yaml``; it is read
with ``yaml.safe_load`` and validated once per process.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from reconnect_cli.errors import CatalogueError, UsageError

if TYPE_CHECKING:
    from reconnect_cli.models import Catalogue, Prompt, Strategy

CATALOGUE_RESOURCE = "strategies.yaml"


def load_catalogue() -> Catalogue:
    """The catalogue as this couple sees it: the bundled one with their own questions
    and strategies (prompts.yaml) added, and the questions they hid taken out."""
    from reconnect_cli import own_prompts
    from reconnect_cli.models import OwnPrompts

    bundled = bundled_catalogue()
    own = own_prompts.read_own(bundled)
    if own == OwnPrompts():
        return bundled
    return own_prompts.merged(bundled, own)


@cache
def bundled_catalogue() -> Catalogue:
    """The validated bundled catalogue (read once per process)."""
    from importlib import resources

    import yaml
    from pydantic import ValidationError

    from reconnect_cli.models import Catalogue

    source = resources.files("reconnect_cli") / "data" / CATALOGUE_RESOURCE
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is much quicker
    try:
        raw = yaml.load(source.read_text(encoding="utf-8"), Loader=loader)
        return Catalogue.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as problem:
        raise CatalogueError(f"the bundled catalogue is broken: {problem}") from None


def find_strategy(catalogue: Catalogue, reference: str) -> Strategy:
    """A strategy named by its id (``gratitude``) or its number (``6``)."""
    wanted = reference.strip().lower()
    for strategy in catalogue.strategies:
        if wanted in (strategy.id, str(strategy.number)):
            return strategy
    last = len(catalogue.strategies)
    raise UsageError(
        f"unknown strategy {reference!r}: use a number from 1 to {last} or an id such as "
        f"{catalogue.strategies[0].id} (see 'reconnect strategies')"
    )


def prompt_by_id(catalogue: Catalogue, prompt_id: str) -> tuple[Strategy, Prompt] | None:
    for strategy in catalogue.strategies:
        for prompt in strategy.prompts:
            if prompt.id == prompt_id:
                return strategy, prompt
    return None
