"""``reconnect strategies``: the twelve ways to reconnect."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands import complete
from reconnect_cli.commands.options import JsonFlag

app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)


@app.callback()
def strategies(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """List the twelve strategies the weekly focus rotates through.

    Examples:

    \b
      reconnect strategies
      reconnect strategies --json
      reconnect strategies show 6
    """
    if ctx.invoked_subcommand is not None:
        return
    from reconnect_cli import render, ritual

    items = ritual.list_strategies()
    if json_output:
        render.emit_json(items)
    else:
        render.strategies(items)


@app.command("show")
def show(
    strategy: Annotated[
        str,
        typer.Argument(
            metavar="STRATEGY",
            help="A strategy's id or number (1-12).",
            autocompletion=complete.strategy_ids,
        ),
    ],
    json_output: JsonFlag = False,
) -> None:
    """Show one strategy in full: its practices and every question.

    Examples:

    \b
      reconnect strategies show gratitude
      reconnect strategies show 12 --json
    """
    from reconnect_cli import render, ritual

    detail = ritual.strategy_detail(strategy)
    if json_output:
        render.emit_json(detail)
    else:
        render.strategy(detail)
