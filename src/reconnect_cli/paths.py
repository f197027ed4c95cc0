"""The one module that knows where reconnect keeps its files.

Everything lives in one folder: ``$RECONNECT_HOME`` when set, otherwise the
platform's user data folder (for example ``~/.local/share/reconnect`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "RECONNECT_HOME"
STORE_NAME = "store.json"
LOCK_NAME = "store.lock"
CHECKED_NAME = "store.checked"
BACKUPS_NAME = "backups"
CACHE_NAME = "cache"
OWN_PROMPTS_NAME = "prompts.yaml"
# Temp files are named so that a later write can recognise and sweep its own
# leftovers (a process killed mid-write cannot clean up after itself).
TEMP_PREFIX = ".store-"
TEMP_SUFFIX = ".tmp"


def reconnect_home() -> Path:
    """The folder that holds the store; it may not exist yet."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    # platformdirs is imported here, not at the top, to keep `--help` quick.
    import platformdirs

    return platformdirs.user_data_path("reconnect", appauthor=False)


def store_path() -> Path:
    return reconnect_home() / STORE_NAME


def lock_path() -> Path:
    return reconnect_home() / LOCK_NAME


def checked_path() -> Path:
    """The content hash of the last store validated or written (see store.py)."""
    return reconnect_home() / CHECKED_NAME


def own_prompts_path() -> Path:
    """The couple's own questions (and strategies), a YAML file they may edit by hand."""
    return reconnect_home() / OWN_PROMPTS_NAME


def bundled_catalogue_path() -> Path:
    """The catalogue that ships inside the package (a plain file in the wheel)."""
    return Path(__file__).with_name("data") / "strategies.yaml"


def catalogue_cache_path() -> Path:
    """The checked catalogue, cached as JSON (see catalogue.py); safe to delete."""
    return cache_dir() / "catalogue.json"


def backups_dir() -> Path:
    return reconnect_home() / BACKUPS_NAME


def cache_dir() -> Path:
    """Files that only save time (the checked catalogue); safe to delete."""
    return reconnect_home() / CACHE_NAME
