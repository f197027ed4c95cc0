"""The ``reconnect`` command line: a thin layer that parses, calls the core, renders.

Kept light on purpose: this module and ``commands/`` import only Typer and the
standard library at start-up, so ``reconnect --help`` and shell completion never
pay for pydantic, YAML or the catalogue. Each command imports what it needs
when it runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from reconnect_cli import __version__
from reconnect_cli.commands import (
    backup,
    checkin,
    data,
    doctor,
    edit,
    history,
    next_talk,
    notes,
    paths,
    prompts,
    schedule,
    setup,
    stats,
    strategies,
    talk,
    week,
)
from reconnect_cli.errors import ReconnectError

PROG = "reconnect"


class ReconnectGroup(TyperGroup):
    """Turns every failure a person can cause into one line on stderr and an exit status:
    2 for a command line we cannot use, 1 for a file or state we cannot use."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        if not all(_is_text(arg) for arg in (sys.argv[1:] if args is None else args)):
            # A shell passes bytes that are not UTF-8 as lone surrogates; they could
            # not be saved as JSON text, nor shown.
            _fail("the command line holds bytes that are not UTF-8 text; nothing was saved", 2)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except ReconnectError as problem:
            _fail(problem.message, problem.exit_code)
        except typer.Abort:
            _fail("stopped; nothing was saved", 1)
        except Exception as problem:
            # Typer's own usage errors (unknown option, missing argument) carry an
            # exit code and a message; anything else is a bug and keeps its traceback.
            if not (hasattr(problem, "exit_code") and hasattr(problem, "format_message")):
                raise
            if type(problem).__name__ == "NoArgsIsHelpError":
                # A bare `reconnect` is a request for help, not a mistake.
                typer.echo(problem.ctx.get_help())  # type: ignore[attr-defined]
                sys.exit(0)
            _fail(_usage_line(problem), problem.exit_code)
        sys.exit(result if isinstance(result, int) else 0)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        # A broken prompts.yaml stops every command (doctor reports it instead), but
        # never help or completion, which must stay quick.
        asking_for_help = any(arg in ("-h", "--help") for arg in rest)
        if name != "doctor" and not asking_for_help and not ctx.resilient_parsing:
            from reconnect_cli.paths import own_prompts_path

            if own_prompts_path().exists():  # nothing to check, and nothing to import
                from reconnect_cli import own_prompts

                own_prompts.check()
        return name, command, rest


def _is_text(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _usage_line(problem: Any) -> str:
    message = " ".join(str(problem.format_message()).split())
    context = getattr(problem, "ctx", None)
    if context is not None:
        message += f" (see '{context.command_path} --help')"
    return message


def _fail(message: str, exit_code: int) -> None:
    from reconnect_cli.visible import visible_controls

    # One line, whatever a file name or a value in it holds (a newline, an escape).
    line = visible_controls(message).replace("\n", "\\n")
    sys.stderr.write(f"{PROG}: {line}\n")
    sys.stderr.flush()  # before exiting, for streams that buffer (test runners' among them)
    sys.exit(exit_code)


DISTRIBUTION = "reconnect-cli"


def installed_version() -> str:
    """The version of the installed distribution, as pip and pipx know it."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return __version__


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"reconnect {installed_version()}")
        raise typer.Exit()


def _new_app() -> typer.Typer:
    return typer.Typer(
        name=PROG,
        cls=ReconnectGroup,
        help=(
            "A weekly ritual for the two of you: a protected talk, a fair rotation through "
            "twelve ways to reconnect, good questions, and a kind check-in afterwards.\n\n"
            "Start with: reconnect week"
        ),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        # Plain help: Typer's Rich help pulls in a Markdown parser and costs ~60 ms a run.
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )


app = _new_app()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Show reconnect's version and exit.",
        ),
    ] = False,
) -> None:
    """Keep a weekly ritual of connection, in your terminal."""


app.command("week")(week.week)
app.command("talk")(talk.talk)
app.command("checkin")(checkin.checkin)
app.command("history")(history.history)
app.command("note")(notes.note)
app.command("notes")(notes.notes)
app.command("next")(next_talk.next_talk)
app.add_typer(schedule.app, name="schedule")
app.add_typer(prompts.app, name="prompts")
app.add_typer(strategies.app, name="strategies")
app.command("stats")(stats.stats)
app.command("edit")(edit.edit)
app.command("delete")(edit.delete)
app.command("export")(data.export)
app.command("import")(data.import_)
app.add_typer(backup.app, name="backup")
app.command("doctor")(doctor.doctor)
app.command("setup")(setup.setup)
app.command("paths")(paths.paths)


COMPLETE_VAR = "_RECONNECT_COMPLETE"


def main() -> None:
    """The ``reconnect`` console script."""
    app_for(sys.argv[1:])(prog_name=PROG)


def _plain_completion_help() -> None:
    """zsh and fish show a hint beside each completion; Typer first strips Rich markup
    from it by importing its Rich help module and a Markdown parser (about 50 ms a Tab
    press). Our help has no markup (``rich_markup_mode=None``), so the hint is used as
    it is."""
    import typer._completion_classes as completion_classes

    def as_it_is(text: str) -> str:
        return text

    if hasattr(completion_classes, "_sanitize_help_text"):
        completion_classes._sanitize_help_text = as_it_is


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run ``args`` with.

    Click builds the command (options, arguments, help) of every command in an app
    at each run, about 12 ms for all of ours. A command line that starts with a
    command's exact name gets an app holding only that command (or group), under
    the same root options; it parses, helps and fails exactly as the whole app
    would (a test compares them). Anything else, such as a bare ``reconnect``, an
    option first, a typo to suggest a fix for, or completion, gets the whole app.
    """
    if COMPLETE_VAR in os.environ:
        _plain_completion_help()
        return app
    if not args:
        return app
    commands = [info for info in app.registered_commands if info.name == args[0]]
    groups = [info for info in app.registered_groups if info.name == args[0]]
    if not commands and not groups:
        return app
    lean = _new_app()
    lean.registered_callback = app.registered_callback
    lean.registered_commands = commands
    lean.registered_groups = groups
    return lean
