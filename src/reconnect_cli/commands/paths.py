"""``reconnect paths``: where reconnect keeps its files."""

from __future__ import annotations

from reconnect_cli.commands.options import JsonFlag


def paths(json_output: JsonFlag = False) -> None:
    """Show where your data lives (set RECONNECT_HOME to keep it elsewhere).

    Examples:

    \b
      reconnect paths
      reconnect paths --json
    """
    from reconnect_cli import paths as locations
    from reconnect_cli import render

    rows = {
        "home": str(locations.reconnect_home()),
        "store": str(locations.store_path()),
        "lock": str(locations.lock_path()),
        "backups": str(locations.backups_dir()),
        "cache": str(locations.cache_dir()),
    }
    if json_output:
        render.emit_json(rows)
    else:
        render.file_paths(rows)
