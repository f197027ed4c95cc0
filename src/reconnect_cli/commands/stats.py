"""``reconnect stats``: how the ritual is going, kindly."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import JsonFlag


def stats(
    weeks: Annotated[
        str,
        typer.Option("--weeks", metavar="N", help="How many ritual weeks to look back (2-520)."),
    ] = "12",
    json_output: JsonFlag = False,
) -> None:
    """See how your weeks have gone: weeks kept, ratings, a trend, and each strategy.

    Skipped weeks, and this week until you check in, are never counted against you.

    Examples:

    \b
      reconnect stats
      reconnect stats --weeks 26
      reconnect stats --json
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_count

    figures, settings = ritual.stats(parse_count(weeks, "--weeks", 2, 520))
    if json_output:
        render.emit_json(figures)
    else:
        render.stats(figures, settings)
