"""``reconnect prompts``: questions to talk about, unseen ones first."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import JsonFlag


def prompts(
    strategy: Annotated[
        str | None,
        typer.Argument(
            metavar="[STRATEGY]",
            help="A strategy's id or number (1-12); leave out to draw from all of them.",
        ),
    ] = None,
    count: Annotated[
        str, typer.Option("--count", "-n", metavar="N", help="How many questions (1-20).")
    ] = "3",
    json_output: JsonFlag = False,
) -> None:
    """Draw questions to talk about, ones you have not seen first, light before deep.

    What you draw counts as offered, so the next draw brings fresh questions.

    Examples:

    \b
      reconnect prompts
      reconnect prompts gratitude -n 5
      reconnect prompts 6 --json
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_count

    drawn = ritual.draw_prompts(strategy, parse_count(count, "--count", 1, 20))
    if json_output:
        render.emit_json(drawn)
    else:
        render.prompts(drawn)
