"""The word lists of `formats/prose_scope.toml`, parsed once per process for every module that reads
them (scope, certainty, wholes, nonnames)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["prose_scope"]


@cache
def prose_scope() -> dict[str, Any]:
    raw = resources.files("report_copilot").joinpath("formats", "prose_scope.toml").read_text("utf-8")
    return tomllib.loads(raw)
