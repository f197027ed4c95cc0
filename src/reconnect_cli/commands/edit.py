"""``reconnect edit`` and ``reconnect delete``: fix or remove a check-in."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands import complete
from reconnect_cli.commands.options import (
    DateOption,
    JsonFlag,
    PartnerRatingOption,
    RatingOption,
    TalkMinutesOption,
    strategies_option,
)
from reconnect_cli.terminal import can_ask, edit_text, read_stdin_text

IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The check-in's id, or its first 6 or more characters (see history).",
        autocompletion=complete.checkin_ids,
    ),
]


def edit(
    checkin_id: IdArgument,
    rating: RatingOption = None,
    partner_rating: PartnerRatingOption = None,
    date: DateOption = None,
    strategy: Annotated[
        list[str] | None, strategies_option("Replace the strategies; repeat for more.")
    ] = None,
    minutes: TalkMinutesOption = None,
    highlight: Annotated[
        str | None,
        typer.Option("--highlight", metavar="TEXT", help="A new highlight; '' clears it."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT|-", help="A new note; '-' reads stdin, '' clears it."),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Fix a check-in. With no changes given, in a terminal, opens its note in your editor.

    Examples:

    \b
      reconnect edit 1a2b3c --rating 4
      reconnect edit 1a2b3c --date 2026-11-22 --highlight "The walk by the river"
      reconnect edit 1a2b3c
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.errors import UsageError
    from reconnect_cli.parsing import parse_count, parse_date, parse_rating

    changes = ritual.CheckInChanges(
        rating=parse_rating(rating, "--rating") if rating is not None else None,
        partner_rating=(
            parse_rating(partner_rating, "--partner-rating") if partner_rating is not None else None
        ),
        day=parse_date(date, "--date") if date else None,
        strategies=tuple(strategy or ()),
        minutes=parse_count(minutes, "--minutes", 1, 600) if minutes is not None else None,
        highlight=highlight,
        note=read_stdin_text("--note") if note == "-" else note,
    )
    if changes.empty():
        if not can_ask():
            raise UsageError("say what to change, for example: reconnect edit ID --rating 4")
        current = ritual.show_checkin(checkin_id)
        changes = ritual.CheckInChanges(note=edit_text(current.note or "") or "")
    edited = ritual.edit_checkin(checkin_id, changes)
    if json_output:
        render.emit_json(edited)
    else:
        render.checkin_changed(edited, "Updated")


def delete(
    checkin_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete a check-in. The state before is kept in backups, so it can be restored.

    Examples:

    \b
      reconnect delete 1a2b3c
      reconnect delete 1a2b3c --yes
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.errors import UsageError

    doomed = ritual.show_checkin(checkin_id)
    if not yes:
        if not can_ask():
            raise UsageError("add --yes to delete without a terminal to confirm in")
        if not typer.confirm(
            f"Delete the check-in of {doomed.date} ({doomed.id[:8]})?", default=False, err=True
        ):
            typer.echo("Nothing deleted.", err=True)
            return
    render.checkin_changed(ritual.delete_checkin(doomed.id), "Deleted")
