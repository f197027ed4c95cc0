"""``reconnect doctor``: is everything healthy?"""

from __future__ import annotations

from typing import Annotated

import typer

from reconnect_cli.commands.options import JsonFlag


def doctor(
    fix: Annotated[
        bool, typer.Option("--fix", help="Mend permissions and remove leftover temp files.")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Check your data: the store, its version, permissions, leftovers and backups.

    Exits 0 when all is well and 1 when something needs care. --fix never changes data.

    Examples:

    \b
      reconnect doctor
      reconnect doctor --fix
      reconnect doctor --json
    """
    from reconnect_cli import render, ritual

    report = ritual.run_doctor(fix)
    if json_output:
        render.emit_json(report)
    else:
        render.doctor(report)
    if not report.healthy:
        raise typer.Exit(1)
