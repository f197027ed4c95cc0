"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands import complete

JsonFlag = Annotated[
    bool,
    typer.Option("--json", help="Print JSON instead of text, for scripts."),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="YYYY-MM-DD", help="A date in the week you mean (default today)."
    ),
]
NoInputFlag = Annotated[
    bool,
    typer.Option("--no-input", help="Never ask questions; use only what the flags say."),
]

# --- A check-in's fields (checkin and edit) ----------------------------------------------

RatingOption = Annotated[
    str | None,
    typer.Option("--rating", "-r", metavar="1-5", help="How connected you feel, 1 to 5."),
]
PartnerRatingOption = Annotated[
    str | None,
    typer.Option(
        "--partner-rating", "-p", metavar="1-5", help="How connected your partner feels, 1 to 5."
    ),
]
TalkMinutesOption = Annotated[
    str | None, typer.Option("--minutes", "-m", metavar="N", help="How long you talked.")
]


def strategies_option(help_text: str) -> object:
    return typer.Option(
        "--strategy",
        "-s",
        metavar="STRATEGY",
        help=help_text,
        autocompletion=complete.strategy_ids,
    )


# --- The regular slot (setup and schedule set) --------------------------------------------

DayOption = Annotated[
    str | None, typer.Option("--day", metavar="WEEKDAY", help="The day of your weekly talk.")
]
TimeOption = Annotated[
    str | None, typer.Option("--time", metavar="HH:MM", help="When the talk starts.")
]
SlotMinutesOption = Annotated[
    str | None, typer.Option("--minutes", metavar="N", help="How long it lasts (15-180).")
]


def slot_changes(day: str | None, time: str | None, minutes: str | None) -> dict[str, object]:
    """The settings a --day, --time and --minutes ask for (None where not given)."""
    from reconnect_cli.parsing import parse_clock_time, parse_count, parse_weekday

    return {
        "talk_day": parse_weekday(day, "--day") if day else None,
        "talk_time": parse_clock_time(time, "--time").strftime("%H:%M") if time else None,
        "talk_minutes": parse_count(minutes, "--minutes", 15, 180) if minutes else None,
    }
