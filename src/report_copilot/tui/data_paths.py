"""Reading a report's data dict by dotted paths, and its format, even while it is not a valid report.

Shared by the editing session and the autosave comparison; no Textual here.
"""

from __future__ import annotations

from typing import Any

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError
from report_copilot.model.formats import (
    FormatDefinition,
    available_formats,
    format_for_year,
    load_format,
)

__all__ = ["format_of", "get_path", "problems_as_findings", "put_path"]


def get_path(tree: Any, path: list[str]) -> Any:
    """The value at `path` (None when any step is missing or not an object)."""
    for part in path:
        if not isinstance(tree, dict):
            return None
        tree = tree.get(part)
    return tree


def put_path(tree: dict[str, Any], path: list[str], value: Any) -> None:
    """Set the value at `path`, creating the objects on the way."""
    for part in path[:-1]:
        nxt = tree.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            tree[part] = nxt
        tree = nxt
    tree[path[-1]] = value


def format_of(data: dict[str, Any]) -> FormatDefinition:
    """The format a (possibly invalid) data dict is in, so its tables can be drawn even while broken."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        meta = {}
    declared = str(meta.get("format") or "").strip()
    if declared in available_formats():
        return load_format(declared)
    year = meta.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        return format_for_year(year)
    return load_format(available_formats()[-1])


def problems_as_findings(exc: CopilotError, fmt: FormatDefinition) -> list[Finding]:
    """Why data cannot be read as a report, as findings on the cells named (shown like check results)."""
    problems = exc.problems or []
    if not problems:
        return [
            Finding(
                rule="INPUT", severity="error", location=exc.location or "$", message=exc.message, cells=[]
            )
        ]
    out = []
    for p in problems:
        cell = fmt.cells.get(p.location)
        out.append(
            Finding(
                rule=p.rule,
                severity="error",
                location=p.location,
                where=cell.where if cell else "",
                message=p.message,
                cells=[p.location] if cell else [],
            )
        )
    return out
