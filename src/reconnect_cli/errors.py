"""The errors reconnect reports to people.

Every failure a person can cause or meet is one of these. The command line turns
them into a single line on stderr and an exit status; nothing else is shown.
"""

from __future__ import annotations


class ReconnectError(Exception):
    """Something went wrong that we can explain in one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(ReconnectError):
    """The command line asked for something impossible (exit status 2)."""

    exit_code = 2


class StoreError(ReconnectError):
    """The store cannot be read, validated or written (exit status 1)."""


class CatalogueError(ReconnectError):
    """The bundled strategy catalogue is broken (exit status 1)."""
