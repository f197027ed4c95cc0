"""The couple's own questions, hidden questions and strategies: prompts.yaml.

The file lives beside the store and may be edited by hand as well as through
``reconnect prompts add`` and ``reconnect prompts hide``. It is read with
``yaml.safe_load`` and validated; a broken file stops commands with one line that
names the file, the line and the problem. It is never silently ignored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reconnect_cli import codec, paths
from reconnect_cli.errors import CatalogueError
from reconnect_cli.models import (
    Catalogue,
    OwnPrompt,
    OwnPrompts,
    Prompt,
    Strategy,
)

HEADER = """\
# Your own questions for reconnect: edit by hand, or with
#   reconnect prompts add STRATEGY "Your question?" [--depth light|medium|deep]
#   reconnect prompts hide PROMPT_ID
# prompts:    questions added to a strategy (by its id)
# hidden:     ids of questions never to offer
# strategies: whole strategies of your own (id, title, summary, practices, prompts);
#             they join the weekly rotation
"""


def check() -> None:
    """Stop with one line if prompts.yaml exists and is broken (cheap when it does not)."""
    if paths.own_prompts_path().exists():
        from reconnect_cli.catalogue import load_catalogue

        load_catalogue()  # validates the file, unless the cache knows these exact bytes


def read_own(bundled: Catalogue) -> OwnPrompts:
    """prompts.yaml, validated against the catalogue; an empty one if there is none."""
    path = paths.own_prompts_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return OwnPrompts()
    except (OSError, UnicodeDecodeError) as problem:
        raise CatalogueError(f"cannot read {path}: {problem}") from None
    import yaml

    from reconnect_cli.validation import ValidationError, from_python, message

    try:
        tree = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        raw = yaml.safe_load(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        reason = getattr(problem, "problem", None) or str(problem).splitlines()[0]
        raise CatalogueError(f"{path}{line}: {reason}") from None
    try:
        own = from_python(OwnPrompts, raw if raw is not None else {})
    except ValidationError as problem:
        first = problem.errors()[0]
        location = tuple(first["loc"])
        raise CatalogueError(
            f"{path}{_line_of(tree, location)}: {_dotted(location)}: {message(first)}"
        ) from None
    _check_references(own, bundled, path, tree)
    return own


def _dotted(location: Sequence[Any]) -> str:
    return ".".join(str(part) for part in location) or "(top level)"


def _line_of(tree: Any, location: Sequence[Any]) -> str:
    """', line N' for the YAML node at ``location``, as near as the file allows."""
    node = tree
    for part in location:
        child = None
        if node is not None and node.id == "mapping":
            child = next((value for key, value in node.value if key.value == part), None)
        elif node is not None and node.id == "sequence" and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node = child
    return f", line {node.start_mark.line + 1}" if node is not None else ""


def _check_references(own: OwnPrompts, bundled: Catalogue, path: Path, tree: Any) -> None:
    def fail(location: tuple[Any, ...], message: str) -> None:
        raise CatalogueError(f"{path}{_line_of(tree, location)}: {_dotted(location)}: {message}")

    bundled_ids = {s.id for s in bundled.strategies}
    seen_prompts = {p.id for s in bundled.strategies for p in s.prompts}
    strategy_ids = set(bundled_ids)
    for index, strategy in enumerate(own.strategies):
        if strategy.id in strategy_ids:
            fail(("strategies", index, "id"), f"{strategy.id!r} is already a strategy")
        strategy_ids.add(strategy.id)
        for number, own_question in enumerate(strategy.prompts):
            if own_question.id in seen_prompts:
                location = ("strategies", index, "prompts", number, "id")
                fail(location, f"{own_question.id!r} is used twice")
            seen_prompts.add(own_question.id)
    for index, added in enumerate(own.prompts):
        if added.strategy not in strategy_ids:
            fail(("prompts", index, "strategy"), f"no strategy {added.strategy!r}")
        if added.id in seen_prompts:
            fail(("prompts", index, "id"), f"{added.id!r} is used twice")
        seen_prompts.add(added.id)
    for index, hidden in enumerate(own.hidden):
        if hidden not in seen_prompts:
            fail(("hidden", index), f"no question {hidden!r} to hide")


def merged(bundled: Catalogue, own: OwnPrompts) -> Catalogue:
    """The catalogue as this couple sees it: added questions in their strategy's deck,
    hidden ones gone, their own strategies after the twelve."""
    hidden = set(own.hidden)

    def deck(strategy_id: str, base: Sequence[Prompt]) -> list[Prompt]:
        added = [
            Prompt(id=extra.id, depth=extra.depth, text=extra.text)
            for extra in own.prompts
            if extra.strategy == strategy_id
        ]
        return [prompt for prompt in [*base, *added] if prompt.id not in hidden]

    strategies = [dataclasses.replace(s, prompts=deck(s.id, s.prompts)) for s in bundled.strategies]
    for offset, extra in enumerate(own.strategies, start=len(strategies) + 1):
        base = [Prompt(id=item.id, depth=item.depth, text=item.text) for item in extra.prompts]
        strategies.append(
            Strategy(
                id=extra.id,
                number=offset,
                title=extra.title,
                summary=extra.summary or "A strategy of your own.",
                practices=extra.practices,
                prompts=deck(extra.id, base),
                guidance=None,
            )
        )
    return Catalogue(strategies=strategies)


def add_prompt(bundled: Catalogue, strategy_id: str, text: str, depth: str) -> OwnPrompt:
    own = read_own(bundled)
    taken = {p.id for p in own.prompts} | {p.id for s in own.strategies for p in s.prompts}
    number = 1
    while f"own-{strategy_id}-{number}" in taken:
        number += 1
    from reconnect_cli import validation

    prompt = validation.from_person(
        OwnPrompt,
        {
            "id": f"own-{strategy_id}-{number}",
            "strategy": strategy_id,
            "depth": depth,
            "text": text,
        },
    )
    own.prompts.append(prompt)
    _write(own)
    return prompt


def hide_prompt(bundled: Catalogue, prompt_id: str) -> bool:
    """Hide a question; says whether it was visible before."""
    own = read_own(bundled)
    if prompt_id in own.hidden:
        return False
    own.hidden.append(prompt_id)
    _check_references(own, bundled, paths.own_prompts_path(), None)
    _write(own)
    return True


def _write(own: OwnPrompts) -> None:
    import yaml

    from reconnect_cli.atomic import write_atomically
    from reconnect_cli.store import ensure_private_home

    ensure_private_home()
    document = codec.document(own)
    text = HEADER + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=88)
    write_atomically(paths.own_prompts_path(), text.encode("utf-8"))
