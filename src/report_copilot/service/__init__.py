"""Use cases shared by the CLI and the TUI.

Front ends call these and only these; they never reach into the model, the checks, the drafters or
the renderers directly, so a behaviour is the same whether a clerk types a command or presses a key.
One module per area (validation, drafting, export, review); their public functions are re-exported
here lazily so importing `report_copilot.service` stays cheap. For the type checker the same names
are star-imported (each area's `__all__`), so every call from a front end is checked against the
real signature.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_AREAS = (
    "validation",
    "init",
    "numbers",
    "drafting",
    "draft_output",
    "gate",
    "export",
    "review",
    "importing",
    "audit",
    "excel",
    "doctor",
    "editing",
)

if TYPE_CHECKING:
    from report_copilot.service.audit import *  # noqa: F403
    from report_copilot.service.doctor import *  # noqa: F403
    from report_copilot.service.draft_output import *  # noqa: F403
    from report_copilot.service.drafting import *  # noqa: F403
    from report_copilot.service.editing import *  # noqa: F403
    from report_copilot.service.excel import *  # noqa: F403
    from report_copilot.service.export import *  # noqa: F403
    from report_copilot.service.gate import *  # noqa: F403
    from report_copilot.service.importing import *  # noqa: F403
    from report_copilot.service.init import *  # noqa: F403
    from report_copilot.service.numbers import *  # noqa: F403
    from report_copilot.service.review import *  # noqa: F403
    from report_copilot.service.validation import *  # noqa: F403
else:

    def __getattr__(name: str) -> object:
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
