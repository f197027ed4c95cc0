"""``reconnect setup``: your names and your regular talk."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.terminal import can_ask


def setup(
    name: Annotated[str | None, typer.Option("--name", help="Your name.")] = None,
    partner: Annotated[str | None, typer.Option("--partner", help="Your partner's name.")] = None,
    day: Annotated[
        str | None, typer.Option("--day", metavar="WEEKDAY", help="The day of your weekly talk.")
    ] = None,
    time: Annotated[
        str | None, typer.Option("--time", metavar="HH:MM", help="When the talk starts.")
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", metavar="N", help="How long it lasts (15-180).")
    ] = None,
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
    from reconnect_cli.parsing import parse_clock_time, parse_count, parse_weekday

    flags = (name, partner, day, time, minutes, week_starts, focus, questions)
    if all(flag is None for flag in flags):
        if not can_ask():
            raise UsageError(
                "no terminal to ask in; give the settings as flags, for example: "
                "reconnect setup --name Sam --partner Alex"
            )
        current = ritual.current_settings()
        name = _ask("Your name", current.name or "")
        partner = _ask("Your partner's name", current.partner or "")
        day = _ask_valid("Day of your weekly talk", current.talk_day, parse_weekday)
        time = _ask_valid("Time it starts (HH:MM)", current.talk_time, parse_clock_time)
        minutes = _ask_valid(
            "How many minutes",
            str(current.talk_minutes),
            lambda text: parse_count(text, "minutes", 15, 180),
        )

    settings = ritual.update_settings(
        name=_name(name, "--name"),
        partner=_name(partner, "--partner"),
        talk_day=parse_weekday(day, "--day") if day else None,
        talk_time=parse_clock_time(time, "--time").strftime("%H:%M") if time else None,
        talk_minutes=parse_count(minutes, "--minutes", 15, 180) if minutes else None,
        week_starts=parse_weekday(week_starts, "--week-starts") if week_starts else None,
        focus_count=parse_count(focus, "--focus", 1, 4) if focus else None,
        prompt_count=parse_count(questions, "--prompts", 1, 8) if questions else None,
    )
    render.settings_saved(settings)


def _name(value: str | None, what: str) -> str | None:
    from reconnect_cli.errors import UsageError

    if value is None:
        return None
    cleaned = " ".join(value.split())
    if not cleaned or len(cleaned) > 60 or not cleaned.isprintable():
        raise UsageError(f"{what}: a name is 1 to 60 printable characters")
    return cleaned


def _ask(question: str, default: str) -> str | None:
    answer: str = typer.prompt(question, default=default, err=True)
    return answer.strip() or None


def _ask_valid(question: str, default: str, parse: object) -> str:
    from reconnect_cli.errors import UsageError

    while True:
        answer: str = typer.prompt(question, default=default, err=True)
        try:
            parse(answer)  # type: ignore[operator]
        except UsageError as problem:
            typer.echo(problem.message, err=True)
            continue
        return answer
