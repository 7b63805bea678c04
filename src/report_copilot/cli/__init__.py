"""The `copilot` command: a thin Typer layer over `report_copilot.service`.

Each command group lives in its own module of this package and registers itself on `app` when
imported; this file imports them all. Modules import only light things at top level (Typer and the
shared helpers) so `copilot --help` starts fast.
"""

from __future__ import annotations

import importlib
import pkgutil

from report_copilot.cli.common import app, main

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "common":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["app", "main"]
