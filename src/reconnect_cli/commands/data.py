"""``reconnect export`` and ``reconnect import``: your data, out and back in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reconnect_cli.commands.options import JsonFlag

FORMATS = ("json", "csv", "markdown")


def export(
    format_name: Annotated[
        str,
        typer.Option("--format", "-f", metavar="json|csv|markdown", help="The file format."),
    ] = "json",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: stdout)."),
    ] = None,
) -> None:
    """Export everything: JSON to import again, CSV for spreadsheets, Markdown to read.

    A file written with -o is readable by you alone, like the store.

    Examples:

    \b
      reconnect export > reconnect-backup.json
      reconnect export --format csv -o talks.csv
      reconnect export --format markdown -o journal.md
    """
    import sys

    from reconnect_cli import ritual
    from reconnect_cli.errors import UsageError

    chosen = format_name.strip().lower()
    if chosen not in FORMATS:
        raise UsageError(f"--format: {format_name!r} is not one of json, csv, markdown")
    destination = ritual.output_destination(output)
    content = ritual.export_data(chosen)
    if destination is None:
        sys.stdout.write(content)
        return
    ritual.write_private_file(destination, content.encode("utf-8"))
    typer.echo(f"Wrote {output}.", err=True)


def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A JSON export, a backup, or another store.")
    ],
    json_output: JsonFlag = False,
) -> None:
    """Merge check-ins from another laptop's export, a partner's, or an old backup.

    New check-ins are added, identical ones skipped, and where both have changed the
    same check-in, the newer edit is kept. Running it twice changes nothing. The whole
    file is checked first: a broken file is refused and nothing is written.

    Examples:

    \b
      reconnect import alex-laptop.json
      reconnect import ~/.local/share/reconnect/backups/store-20261122T193000Z-1a2b3c4d.json
    """
    from reconnect_cli import render, ritual

    report = ritual.import_file(file.expanduser())
    if json_output:
        render.emit_json(report)
    else:
        render.import_report(report)
