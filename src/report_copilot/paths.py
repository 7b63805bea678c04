"""Where report-copilot keeps the user's config, data and cache.

Platform conventions come from platformdirs (XDG on Linux, AppData on Windows). `COPILOT_HOME`
moves everything under one folder, which is what tests, portable installs and shared office
machines want; `COPILOT_CONFIG_FILE` names the config file directly.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "report-copilot"


def _home() -> Path | None:
    home = os.environ.get("COPILOT_HOME", "").strip()
    return Path(home).expanduser() if home else None


def config_dir() -> Path:
    """Folder of `config.toml` and an office's own prompt folder."""
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Drafted sections by content hash: safe to delete at any time."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """`COPILOT_CONFIG_FILE`, else `<config dir>/config.toml` (which need not exist)."""
    explicit = os.environ.get("COPILOT_CONFIG_FILE", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    return config_dir() / "config.toml"
