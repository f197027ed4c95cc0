"""``reconnect next``: the next talk, in one line."""

from __future__ import annotations

from reconnect_cli.commands.options import JsonFlag


def next_talk(json_output: JsonFlag = False) -> None:
    """Show the next talk: when, in how long, and its focus. Short enough for a status bar.

    Examples:

    \b
      reconnect next
      reconnect next --json
    """
    from reconnect_cli import render, ritual

    talk = ritual.upcoming_talk()
    if json_output:
        render.emit_json(talk)
    else:
        render.next_talk(talk)
