"""``reconnect prompts``: questions to talk about, and the couple's own questions."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from reconnect_cli.commands import complete
from reconnect_cli.commands.options import JsonFlag


class PromptsGroup(TyperGroup):
    """`reconnect prompts [STRATEGY]` draws questions; `add` and `hide` manage your own.

    Anything that is not `add` or `hide` goes to the hidden `draw` command, so the
    short form keeps working alongside the subcommands.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["draw", *args]
        return list(super().parse_args(ctx, args))


app = typer.Typer(cls=PromptsGroup)


@app.callback()
def prompts() -> None:
    """Draw questions to talk about, or add and hide questions of your own.

    Examples:

    \b
      reconnect prompts
      reconnect prompts gratitude -n 5
      reconnect prompts add gratitude "What made you smile about us this week?"
      reconnect prompts hide gratitude-03
    """


@app.command("draw", hidden=True)
def draw(
    strategy: Annotated[
        str | None,
        typer.Argument(
            metavar="[STRATEGY]",
            help="A strategy's id or number (1-12); leave out to draw from all of them.",
            autocompletion=complete.strategy_ids,
        ),
    ] = None,
    count: Annotated[
        str, typer.Option("--count", "-n", metavar="N", help="How many questions (1-20).")
    ] = "3",
    json_output: JsonFlag = False,
) -> None:
    """Draw questions to talk about, ones you have not seen first, light before deep.

    What you draw counts as offered, so the next draw brings fresh questions.

    Examples:

    \b
      reconnect prompts
      reconnect prompts gratitude -n 5
      reconnect prompts 6 --json
    """
    from reconnect_cli import render, ritual
    from reconnect_cli.parsing import parse_count

    drawn = ritual.draw_prompts(strategy, parse_count(count, "--count", 1, 20))
    if json_output:
        render.emit_json(drawn)
    else:
        render.prompts(drawn)


@app.command("add")
def add(
    strategy: Annotated[
        str,
        typer.Argument(
            metavar="STRATEGY",
            help="The strategy it belongs to (id or number).",
            autocompletion=complete.strategy_ids,
        ),
    ],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Your question.")],
    depth: Annotated[
        str,
        typer.Option("--depth", metavar="light|medium|deep", help="How deep it goes."),
    ] = "medium",
    json_output: JsonFlag = False,
) -> None:
    """Add a question of your own to a strategy's deck; it joins the rotation of questions.

    Examples:

    \b
      reconnect prompts add gratitude "What made you smile about us this week?"
      reconnect prompts add 9 "Which hobby of mine would you try for a day?" --depth light
    """
    from reconnect_cli import render, ritual

    added = ritual.add_own_prompt(strategy, text, depth)
    if json_output:
        render.emit_json(added)
    else:
        render.own_prompt_added(added)


@app.command("hide")
def hide(
    prompt_id: Annotated[
        str,
        typer.Argument(
            metavar="PROMPT_ID",
            help="The question's id, as the lists show it.",
            autocompletion=complete.prompt_ids,
        ),
    ],
) -> None:
    """Hide a question so it is never offered again (undo by editing prompts.yaml).

    Examples:

    \b
      reconnect prompts hide gratitude-03
    """
    from reconnect_cli import render, ritual

    render.prompt_hidden(prompt_id, ritual.hide_prompt(prompt_id))
