"""``reconnect history``: past check-ins, newest first."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import JsonFlag


def history(
    limit: Annotated[
        str | None,
        typer.Option("--limit", "-n", metavar="N", help="Show only the newest N check-ins."),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """List your check-ins, newest first.

    Examples:

    \b
      reconnect history
      reconnect history --limit 5 --json
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_count

    count = parse_count(limit, "--limit", 1, 1_000_000) if limit is not None else None
    checkins, settings = ritual.checkin_history(count)
    if json_output:
        render.emit_json(checkins)
    else:
        render.history(checkins, settings)
