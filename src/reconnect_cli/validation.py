"""pydantic at the boundary: everything that comes from outside is checked here.

The shapes and their rules live in models.py as plain dataclasses; this module
turns them into pydantic validators (built once per process, and only by the
commands that need one) and reports the first problem in one line.

What counts as outside: a store file not known to be one reconnect wrote or already
checked (see store.py), an import file, a backup, the catalogue and prompts.yaml
(cached by content, see catalogue.py), and settings or edits typed by a person.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, TypeVar

# No pydantic plugin gets to observe a couple's words (plugins can send validated data
# elsewhere), and skipping the plugin scan saves about 20 ms.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import TypeAdapter, ValidationError

from reconnect_cli.errors import UsageError
from reconnect_cli.models import Catalogue, Check, Store, check_catalogue, check_store

__all__ = ["ValidationError", "describe", "from_json", "from_person", "from_python"]

T = TypeVar("T")

# Rules that span a whole object are checked after its fields.
_WHOLE_OBJECT_CHECKS: dict[type[Any], Any] = {
    Store: Annotated[Store, Check(check_store)],
    Catalogue: Annotated[Catalogue, Check(check_catalogue)],
}


_ADAPTERS: dict[object, TypeAdapter[Any]] = {}


def _adapter(shape: type[T]) -> TypeAdapter[T]:
    # Building a validator costs milliseconds: once per shape and process.
    if shape not in _ADAPTERS:
        _ADAPTERS[shape] = TypeAdapter(_WHOLE_OBJECT_CHECKS.get(shape, shape))
    adapter: TypeAdapter[T] = _ADAPTERS[shape]
    return adapter


def from_python(shape: type[T], data: object) -> T:
    """``data`` (parsed JSON or YAML, or a dict of fields) checked and built as ``shape``;
    raises ValidationError."""
    return _adapter(shape).validate_python(data)


def from_json(shape: type[T], raw: bytes) -> T:
    """JSON bytes checked and built as ``shape``, in pydantic's own parser."""
    return _adapter(shape).validate_json(raw)


def from_person(shape: type[T], data: object) -> T:
    """Like ``from_python``, for values a person typed: a problem is a usage error."""
    try:
        return from_python(shape, data)
    except ValidationError as problem:
        raise UsageError(describe(problem)) from None


def describe(problem: ValidationError) -> str:
    """The first problem pydantic found, as 'field.path: message (and N more)'."""
    errors = problem.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {message(first)}{more}"


def message(error: Any) -> str:
    """One of pydantic's error entries, in words."""
    if error["type"] == "unexpected_keyword_argument":
        return "not a field reconnect knows (a typo?)"
    # Our own checks' words, without pydantic's "Value error, " in front.
    return str(error["msg"]).removeprefix("Value error, ")
