"""The `copilot` command: a thin Typer layer over `report_copilot.service`.

Each command group lives in its own module and registers itself on `app`; modules import only
light things at top level (Typer, the service facade) so `copilot --help` starts fast.
"""

from __future__ import annotations

from report_copilot.cli import validate as _validate  # noqa: F401  (registers commands)
from report_copilot.cli.common import app, main

__all__ = ["app", "main"]
