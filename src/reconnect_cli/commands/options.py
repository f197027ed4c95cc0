"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

JsonFlag = Annotated[
    bool,
    typer.Option("--json", help="Print JSON instead of text, for scripts."),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="YYYY-MM-DD", help="A date in the week you mean (default today)."
    ),
]
NoInputFlag = Annotated[
    bool,
    typer.Option("--no-input", help="Never ask questions; use only what the flags say."),
]
