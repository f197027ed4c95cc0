"""``reconnect checkin``: log how a talk went."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import (
    DateOption,
    JsonFlag,
    NoInputFlag,
    PartnerRatingOption,
    RatingOption,
    TalkMinutesOption,
    strategies_option,
)
from reconnect_cli.terminal import ask, ask_optional, can_ask, edit_text, read_stdin_text


def checkin(
    rating: RatingOption = None,
    partner_rating: PartnerRatingOption = None,
    date: DateOption = None,
    strategy: Annotated[
        list[str] | None,
        strategies_option(
            "A strategy you practised, by id or number; repeat for more "
            "(default: the week's focus)."
        ),
    ] = None,
    minutes: TalkMinutesOption = None,
    highlight: Annotated[
        str | None,
        typer.Option("--highlight", metavar="TEXT", help="One line you want to remember."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar="TEXT|-",
            help="A longer note; '-' reads it from stdin, so it stays out of your shell history.",
        ),
    ] = None,
    no_input: NoInputFlag = False,
    json_output: JsonFlag = False,
) -> None:
    """Log a talk: how connected each of you feels, what you practised, a highlight.

    In a terminal, asks for whatever the flags leave out; without one, --rating is needed.

    Examples:

    \b
      reconnect checkin
      reconnect checkin --rating 4 --partner-rating 5 --highlight "We laughed a lot"
      reconnect checkin -r 4 --note - < note.txt
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.errors import UsageError
    from reconnect_cli.parsing import parse_count, parse_date, parse_rating

    # Read what the flags say first, so a typo fails before any question is asked.
    day = parse_date(date, "--date") if date else None
    talk_minutes = parse_count(minutes, "--minutes", 1, 600) if minutes is not None else None
    given_rating = parse_rating(rating, "--rating") if rating is not None else None
    given_partner = (
        parse_rating(partner_rating, "--partner-rating") if partner_rating is not None else None
    )
    note_text = read_stdin_text("--note") if note == "-" else note
    interactive = can_ask() and not no_input and note != "-"
    if interactive:
        settings = ritual.current_settings()
        you, them = settings.you, settings.them

    if given_rating is None:
        if not interactive:
            raise UsageError(
                "--rating is needed when there is no terminal to ask in "
                "(for example: reconnect checkin --rating 4)"
            )
        given_rating = ask(f"How connected do you feel right now, {you}? (1-5)", parse_rating)
    if interactive:
        if given_partner is None:
            given_partner = ask_optional(f"And {them}? (1-5, Enter to skip)", parse_rating)
        if highlight is None:
            highlight = ask_optional("A highlight to remember (Enter to skip)", str)
        if note_text is None and typer.confirm(
            "Write a longer note in your editor?", default=False, err=True
        ):
            note_text = edit_text()

    saved, settings = ritual.record_checkin(
        ritual.CheckInRequest(
            rating=given_rating,
            partner_rating=given_partner,
            day=day,
            strategies=tuple(strategy or ()),
            minutes=talk_minutes,
            highlight=highlight,
            note=note_text,
        )
    )
    if json_output:
        render.emit_json(saved)
    else:
        render.checkin_saved(saved, settings)
