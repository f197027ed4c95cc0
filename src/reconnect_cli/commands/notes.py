"""``reconnect note`` and ``reconnect notes``: the inbox for the next talk."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import JsonFlag

KINDS = ("appreciation", "topic", "plan")


def note(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What you want to bring up.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            metavar="appreciation|topic|plan",
            help="An appreciation, a topic to talk about (default), or a plan.",
        ),
    ] = "topic",
    json_output: JsonFlag = False,
) -> None:
    """Jot something down for the next talk; it shows in week, on the card and in talk.

    A note stays open until the next check-in.

    Examples:

    \b
      reconnect note "How we split the holidays"
      reconnect note --kind appreciation "Alex fixed the bike without being asked"
      reconnect note -k plan "Try the new bakery on Saturday"
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.errors import UsageError

    chosen = kind.strip().lower()
    if chosen not in KINDS:
        raise UsageError(f"--kind: {kind!r} is not one of appreciation, topic, plan")
    saved = ritual.add_note(text, chosen)
    if json_output:
        render.emit_json(saved)
    else:
        render.note_saved(saved)


def notes(json_output: JsonFlag = False) -> None:
    """List the open notes: what you have jotted down since the last check-in.

    Examples:

    \b
      reconnect notes
      reconnect notes --json
    """
    from reconnect_cli import render, ritual

    found = ritual.open_notes()
    if json_output:
        render.emit_json(found)
    else:
        render.notes(found)
