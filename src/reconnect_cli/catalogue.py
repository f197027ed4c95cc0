"""The bundled catalogue of the twelve strategies, their practices and prompts.

The catalogue ships inside the package as ``data/strategies.yaml``; the couple's
own questions and strategies come from ``prompts.yaml`` (see own_prompts.py).
Both are read with YAML's safe loader and validated by pydantic, and the merged
result is cached as JSON in the reconnect folder, keyed by a hash of both files'
contents: a later command reads the cache and skips YAML and validation, and any
change to either file (an upgrade, a hand edit) misses the cache and is validated.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

from reconnect_cli import paths
from reconnect_cli.errors import CatalogueError, UsageError

if TYPE_CHECKING:
    from reconnect_cli.models import Catalogue, Prompt, Strategy


_loaded: dict[str, Catalogue] = {}


def load_catalogue() -> Catalogue:
    """The catalogue as this couple sees it: the bundled one with their own questions
    and strategies (prompts.yaml) added, and the questions they hid taken out."""
    own_path = paths.own_prompts_path()
    try:
        own_raw = own_path.read_bytes()
    except FileNotFoundError:
        own_raw = None
    except OSError as problem:
        raise CatalogueError(f"cannot read {own_path}: {problem.strerror or problem}") from None
    key = _cache_key(_bundled_bytes(), own_raw)
    if key not in _loaded:
        _loaded[key] = _cached(key) or _build_and_cache(key, own_raw is not None)
    return _loaded[key]


def _cache_key(bundled_raw: bytes, own_raw: bytes | None) -> str:
    from reconnect_cli.codec import content_digest

    return content_digest(bundled_raw, b"-" if own_raw is None else b"+" + own_raw)


def _cached(key: str) -> Catalogue | None:
    from reconnect_cli import codec

    try:
        entry = json.loads(paths.catalogue_cache_path().read_bytes())
        if entry["key"] == key:
            return codec.catalogue_from_document(entry["catalogue"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache, an old one or a damaged one: build it again
    return None


def _build_and_cache(key: str, has_own: bool) -> Catalogue:
    from reconnect_cli import codec, own_prompts
    from reconnect_cli.atomic import write_quietly

    bundled = bundled_catalogue()
    catalogue = own_prompts.merged(bundled, own_prompts.read_own(bundled)) if has_own else bundled
    folder = paths.cache_dir()
    # The cache never creates the reconnect folder: a first look at the strategies
    # leaves nothing behind.
    if folder.parent.is_dir():
        entry = {"key": key, "catalogue": codec.document(catalogue)}
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return catalogue  # a read-only folder: no cache, and no harm
        write_quietly(paths.catalogue_cache_path(), json.dumps(entry, ensure_ascii=False).encode())
    return catalogue


@cache
def _bundled_bytes() -> bytes:
    # Read as a plain file rather than through importlib.resources, which costs a few
    # ms to import; the wheel installs the data file as a plain file.
    source = paths.bundled_catalogue_path()
    try:
        return source.read_bytes()
    except OSError as problem:
        raise CatalogueError(f"the bundled catalogue cannot be read: {problem}") from None


@cache
def bundled_catalogue() -> Catalogue:
    """The bundled catalogue, read and validated in full (once per process)."""
    import yaml

    from reconnect_cli import validation
    from reconnect_cli.models import Catalogue

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is much quicker
    try:
        raw = yaml.load(_bundled_bytes().decode("utf-8"), Loader=loader)
        return validation.from_python(Catalogue, raw)
    except (UnicodeDecodeError, yaml.YAMLError, validation.ValidationError) as problem:
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
