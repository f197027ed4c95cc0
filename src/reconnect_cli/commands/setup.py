"""``reconnect setup``: your names and your regular talk."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import DayOption, SlotMinutesOption, TimeOption, slot_changes
from reconnect_cli.terminal import ask, can_ask


def setup(
    name: Annotated[str | None, typer.Option("--name", help="Your name.")] = None,
    partner: Annotated[str | None, typer.Option("--partner", help="Your partner's name.")] = None,
    day: DayOption = None,
    time: TimeOption = None,
    minutes: SlotMinutesOption = None,
    week_starts: Annotated[
        str | None,
        typer.Option(
            "--week-starts",
            metavar="WEEKDAY",
            help="The day your ritual week begins (default sunday).",
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option("--focus", metavar="N", help="Strategies in focus each week (1-4)."),
    ] = None,
    questions: Annotated[
        str | None, typer.Option("--prompts", metavar="N", help="Questions for each talk (1-8).")
    ] = None,
) -> None:
    """Set your names and your regular talk; asks in a terminal when no flags are given.

    Examples:

    \b
      reconnect setup
      reconnect setup --name Sam --partner Alex --day wednesday --time 20:15 --minutes 60
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.errors import UsageError
    from reconnect_cli.parsing import parse_clock_time, parse_count, parse_name, parse_weekday

    def clock(text: str, what: str = "--time") -> str:
        return parse_clock_time(text, what).strftime("%H:%M")

    def talk_length(text: str, what: str = "--minutes") -> int:
        return parse_count(text, what, 15, 180)

    flags = (name, partner, day, time, minutes, week_starts, focus, questions)
    if any(flag is not None for flag in flags):
        changes = {
            "name": parse_name(name, "--name") if name is not None else None,
            "partner": parse_name(partner, "--partner") if partner is not None else None,
            **slot_changes(day, time, minutes),
            "week_starts": parse_weekday(week_starts, "--week-starts") if week_starts else None,
            "focus_count": parse_count(focus, "--focus", 1, 4) if focus else None,
            "prompt_count": parse_count(questions, "--prompts", 1, 8) if questions else None,
        }
    elif can_ask():
        current = ritual.current_settings()
        changes = {
            "name": ask("Your name", lambda text: parse_name(text, "name"), current.name),
            "partner": ask(
                "Your partner's name", lambda text: parse_name(text, "name"), current.partner
            ),
            "talk_day": ask("Day of your weekly talk", parse_weekday, current.talk_day),
            "talk_time": ask("Time it starts (HH:MM)", clock, current.talk_time),
            "talk_minutes": ask("How many minutes", talk_length, str(current.talk_minutes)),
        }
    else:
        raise UsageError(
            "no terminal to ask in; give the settings as flags, for example: "
            "reconnect setup --name Sam --partner Alex"
        )
    render.settings_saved(ritual.update_settings(**changes))
