"""``reconnect week``: the plan of a ritual week."""

from __future__ import annotations

from reconnect_cli.commands.options import DateOption, JsonFlag


def week(date: DateOption = None, json_output: JsonFlag = False) -> None:
    """Show the week's plan: when you talk, what is in focus, the agenda and the questions.

    The first time the current (or a past) week is shown, its plan is saved and never
    changes. A future week is a preview and saves nothing.

    Examples:

    \b
      reconnect week
      reconnect week --date 2026-12-06
      reconnect week --json
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_date

    plan = ritual.show_week(parse_date(date, "--date") if date else None)
    if json_output:
        render.emit_json(plan)
    else:
        render.week(plan)
