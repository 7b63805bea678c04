"""Excel use cases: report data as the official-layout workbook, and a new workbook to fill in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from report_copilot.files import refuse_overwrite

__all__ = ["init_workbook", "write_workbook_for"]


def write_workbook_for(data: dict[str, Any], path: Path, *, overwrite: bool = False) -> None:
    """Write report data as the Excel workbook (official layout)."""
    refuse_overwrite(path, overwrite)
    from report_copilot.inputs.excel import write_workbook

    write_workbook(json.loads(json.dumps(data, default=str)), path)


def init_workbook(
    path: Path,
    *,
    year: int,
    agency: str | None,
    format_id: str | None,
    previous_path: Path | None,
    zeros: bool,
    overwrite: bool,
) -> dict[str, Any]:
    """A new workbook to fill in: every cell present, carry-overs prefilled from last year."""
    from report_copilot.service.validation import new_report_data, previous_for_year

    previous = previous_for_year(previous_path, year)
    data = new_report_data(year=year, agency=agency, format_id=format_id, previous=previous, zeros=zeros)
    write_workbook_for(data, path, overwrite=overwrite)
    return data
