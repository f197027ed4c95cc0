"""``reconnect schedule``: the regular slot, skipped and moved weeks, and the calendar file."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import (
    DayOption,
    JsonFlag,
    SlotMinutesOption,
    TimeOption,
    slot_changes,
)

app = typer.Typer(invoke_without_command=True, no_args_is_help=False)

WeekDateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="YYYY-MM-DD", help="A date in the week you mean (default this week)."
    ),
]


@app.callback()
def schedule(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """Show your regular talk and the next four, with skipped or moved weeks marked.

    Examples:

    \b
      reconnect schedule
      reconnect schedule --json
      reconnect schedule skip --date 2026-12-27
    """
    if ctx.invoked_subcommand is not None:
        return
    from reconnect_cli import render, ritual

    overview = ritual.schedule_overview()
    if json_output:
        render.emit_json(overview)
    else:
        render.schedule(overview)


@app.command("set")
def set_slot(
    day: DayOption = None,
    time: TimeOption = None,
    minutes: SlotMinutesOption = None,
    zone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            metavar="AREA/CITY",
            help="Plan in this IANA time zone from now on (default: the system's).",
        ),
    ] = None,
) -> None:
    """Change your regular talk: its day, time, length or time zone.

    Examples:

    \b
      reconnect schedule set --day saturday --time 10:00
      reconnect schedule set --minutes 60 --timezone Europe/Berlin
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.errors import UsageError
    from reconnect_cli.parsing import parse_timezone

    if all(value is None for value in (day, time, minutes, zone)):
        raise UsageError("say what to change: --day, --time, --minutes or --timezone")
    overview = ritual.change_slot(
        **slot_changes(day, time, minutes), timezone=parse_timezone(zone) if zone else None
    )
    render.schedule(overview)


@app.command("skip")
def skip(date: WeekDateOption = None) -> None:
    """Skip one week's talk; the weeks you skip are never counted against you.

    Examples:

    \b
      reconnect schedule skip
      reconnect schedule skip --date 2026-12-27
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_date

    talk = ritual.skip_week(parse_date(date, "--date") if date else None)
    render.talk_changed(talk, "Skipped the talk of the week of")


@app.command("move")
def move(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar='"YYYY-MM-DD HH:MM"',
            help="The new moment; the talk of the week containing it moves there.",
        ),
    ],
) -> None:
    """Move one week's talk to another day or time in that week.

    Examples:

    \b
      reconnect schedule move --to "2026-12-01 20:00"
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_moment

    day, at = parse_moment(to)
    talk = ritual.move_talk(day, at)
    render.talk_changed(talk, "Moved the talk of the week of")


@app.command("reset")
def reset(date: WeekDateOption = None) -> None:
    """Bring one week's talk back to the regular slot, undoing a skip or a move.

    Examples:

    \b
      reconnect schedule reset
      reconnect schedule reset --date 2026-12-27
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_date

    talk, changed = ritual.reset_week(parse_date(date, "--date") if date else None)
    render.talk_changed(
        talk, "Back to the regular slot, the week of" if changed else "Already regular, the week of"
    )


@app.command("export")
def export(
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE|-", help="Where to write the file; '-' for stdout."
        ),
    ] = "reconnect.ics",
    alarm: Annotated[
        str,
        typer.Option(
            "--alarm", metavar="MINUTES", help="A reminder this long before each talk; 0 for none."
        ),
    ] = "30",
    weeks: Annotated[
        str | None,
        typer.Option("--weeks", metavar="N", help="Only the next N weeks (default: no end date)."),
    ] = None,
) -> None:
    """Write the ritual as a calendar file (.ics) for Google, Apple or Outlook calendars.

    Importing a newer export updates the same event instead of adding a second one.

    Examples:

    \b
      reconnect schedule export
      reconnect schedule export -o ~/talk.ics --alarm 60
      reconnect schedule export -o - --weeks 12
    """
    import sys

    from reconnect_cli import ritual
    from reconnect_cli.parsing import parse_count

    alarm_minutes = parse_count(alarm, "--alarm", 0, 10080)
    week_count = parse_count(weeks, "--weeks", 1, 520) if weeks is not None else None
    target = ritual.output_destination(output)
    content = ritual.calendar_file(alarm_minutes, week_count)
    if target is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    ritual.write_private_file(target, content)  # it names you both: private, like the store
    typer.echo(
        f"Wrote {target}. Import it into your calendar; a newer export updates the same event."
    )
