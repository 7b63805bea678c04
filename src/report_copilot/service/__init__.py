"""Use cases shared by the CLI and the TUI.

Front ends call these and only these; they never reach into the model, the checks, the drafters or
the renderers directly, so a behaviour is the same whether a clerk types a command or presses a key.
One module per area (validation, drafting, export, review); their public functions are re-exported
here lazily so importing `report_copilot.service` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_AREAS = ("validation", "numbers", "drafting", "export", "review", "editing")


def __getattr__(name: str) -> Any:
    for area in _AREAS:
        try:
            module = importlib.import_module(f"{__name__}.{area}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{area}":
                continue
            raise
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
