"""``reconnect week``: the plan of a ritual week, on screen or as a printable card."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import DateOption, JsonFlag

CARD_FORMATS = ("text", "markdown")


def week(
    date: DateOption = None,
    json_output: JsonFlag = False,
    card_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="text|markdown",
            help="A one-page card to print, as plain text or Markdown.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the card to FILE."),
    ] = None,
) -> None:
    """Show the week's plan: the talk, the focus, the agenda and the questions.

    The first time the current (or a past) week is shown, its plan is saved and never
    changes. A future week is a preview and saves no plan. --format gives a card to print
    for a talk without screens.

    Examples:

    \b
      reconnect week
      reconnect week --date 2026-12-06
      reconnect week --json
      reconnect week --format markdown -o card.md
    """
    from reconnect_cli import card, render, ritual
    from reconnect_cli.errors import UsageError
    from reconnect_cli.parsing import parse_date

    chosen = card_format.strip().lower() if card_format is not None else None
    if chosen is not None and chosen not in CARD_FORMATS:
        raise UsageError(f"--format: {card_format!r} is not one of text, markdown")
    if chosen and json_output:
        raise UsageError("--format and --json do not go together; choose one")
    if output is not None and chosen is None:
        raise UsageError("--output writes a card; add --format text or --format markdown")
    destination = ritual.output_destination(output)
    plan = ritual.show_week(parse_date(date, "--date") if date else None)
    if json_output:
        render.emit_json(plan)
    elif chosen is None:
        render.week(plan)
    else:
        content = card.as_text(plan) if chosen == "text" else card.as_markdown(plan)
        if destination is None:
            typer.echo(content, nl=False)
        else:
            ritual.write_private_file(destination, content.encode("utf-8"))
            typer.echo(f"Wrote the card to {output}.", err=True)
