"""Excel use cases: report data as the official-layout workbook, and a new workbook to fill in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from report_copilot.files import refuse_overwrite

if TYPE_CHECKING:
    from report_copilot.service.init import InitResult

__all__ = ["init_workbook", "write_workbook_for"]


def write_workbook_for(data: dict[str, Any], path: Path, *, overwrite: bool = False) -> None:
    """Write report data as the Excel workbook (official layout)."""
    refuse_overwrite(path, overwrite)
    from report_copilot.inputs.excel import write_workbook

    write_workbook(json.loads(json.dumps(data, default=str)), path)


def init_workbook(
    path: Path,
    *,
    year: int | None,
    agency: str | None,
    format_id: str | None,
    previous_path: Path | None,
    zeros: bool,
    overwrite: bool,
) -> InitResult:
    """A new workbook to fill in: every cell present, carry-overs prefilled from last year."""
    from report_copilot.service.init import init_data

    refuse_overwrite(path, overwrite)
    result, _ = init_data(
        year=year, agency=agency, format_id=format_id, previous_path=previous_path, zeros=zeros
    )
    write_workbook_for(result.data, path, overwrite=overwrite)
    return result
