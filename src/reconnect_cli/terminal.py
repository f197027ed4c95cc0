"""Talking with the person at the keyboard: whether we can ask, and their editor."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from reconnect_cli.errors import UsageError

Answer = TypeVar("Answer")


def can_ask() -> bool:
    """Whether there is a person at a terminal to answer questions."""
    return sys.stdin.isatty()


def read_stdin_text(what: str) -> str:
    """All of stdin as text, or a usage error if it is not UTF-8 (it will be stored as
    JSON text, and guessing at an encoding could garble someone's words)."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text-only stream, as some test runners give
        return sys.stdin.read()
    try:
        return bytes(raw.read()).decode("utf-8")
    except UnicodeDecodeError as problem:
        raise UsageError(
            f"{what}: what came on stdin is not UTF-8 text (byte {problem.start + 1}); "
            "nothing was saved"
        ) from None


def ask(question: str, parse: Callable[[str], Answer], default: str | None = None) -> Answer:
    """Ask until the answer reads well; Enter takes the default, shown in brackets."""
    while True:
        answer = typer.prompt(
            question,
            default=default if default is not None else None,
            show_default=bool(default),
            err=True,
        )
        try:
            return parse(str(answer).strip())
        except UsageError as problem:
            typer.echo(f"  {problem.message}", err=True)


def ask_optional(question: str, parse: Callable[[str], Answer]) -> Answer | None:
    """Like ``ask``, but Enter alone skips the question."""
    return ask(question, lambda text: parse(text) if text else None, default="")


def editor_command() -> list[str]:
    """$VISUAL, then $EDITOR, then the platform's plain editor."""
    import shlex

    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not chosen:
        return ["notepad"] if os.name == "nt" else ["vi"]
    if os.name == "posix":
        return shlex.split(chosen)
    # Windows paths keep their backslashes; only the surrounding quotes go.
    return [part.strip('"') for part in shlex.split(chosen, posix=False)]


def edit_text(initial: str = "") -> str | None:
    """Let the person write in their own editor; returns the text, or None if left empty."""
    # Imported here: every command module imports this one at start-up.
    import subprocess
    import tempfile
    from pathlib import Path

    command = editor_command()
    # mkstemp makes the file readable by its owner only: notes are private.
    descriptor, name = tempfile.mkstemp(prefix="reconnect-note-", suffix=".txt")
    draft = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            finished = subprocess.run([*command, str(draft)], check=False)
        except OSError as problem:
            raise UsageError(
                f"cannot start the editor {command[0]!r} ({problem.strerror or problem}); "
                "set VISUAL or EDITOR, or pass --note"
            ) from None
        if finished.returncode != 0:
            raise UsageError(
                f"the editor {command[0]!r} exited with status {finished.returncode}; "
                "nothing was saved"
            )
        text = draft.read_text(encoding="utf-8").strip()
    finally:
        draft.unlink(missing_ok=True)
    return text or None
