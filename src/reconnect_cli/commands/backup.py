"""``reconnect backup``: the earlier states kept at every save, and restoring one."""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands import complete
from reconnect_cli.commands.options import JsonFlag
from reconnect_cli.terminal import can_ask

app = typer.Typer(no_args_is_help=True)


@app.callback()
def backup() -> None:
    """List the backups kept at every save, or restore one.

    Examples:

    \b
      reconnect backup list
      reconnect backup restore 20261122T193000Z
    """


@app.command("list")
def list_backups(json_output: JsonFlag = False) -> None:
    """List the backups, newest first, with how many check-ins each holds.

    Examples:

    \b
      reconnect backup list
      reconnect backup list --json
    """
    from reconnect_cli import render, ritual

    found = ritual.list_backups()
    if json_output:
        render.emit_json(found)
    else:
        render.backups(found)


@app.command("restore")
def restore(
    backup_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The backup's id, or a unique start of it.",
            autocompletion=complete.backup_ids,
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Restore without asking.")] = False,
) -> None:
    """Restore a backup. The current state is kept as a backup first, so this can be undone.

    Examples:

    \b
      reconnect backup restore 20261122T193000Z
      reconnect backup restore 20261122T193000Z-1a2b3c4d --yes
    """
    from reconnect_cli import backups, render, ritual
    from reconnect_cli.errors import UsageError

    chosen = backups.find_backup(backup_id)
    if not yes:
        if not can_ask():
            raise UsageError("add --yes to restore without a terminal to confirm in")
        if not typer.confirm(
            f"Replace your data with the backup {chosen.id}?", default=False, err=True
        ):
            typer.echo("Nothing restored.", err=True)
            return
    render.restored(ritual.restore_backup(chosen.id))
