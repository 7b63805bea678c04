"""Spreadsheets for the importer: a filled-in template read exactly, any other workbook as lines.

This is the one place the importer meets `inputs.excel`; the dependency runs one way (published →
excel), so the two packages no longer import each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.inputs.excel import cell_values, is_template, read_workbook, workbook_rows
from report_copilot.inputs.published.model import ImportedReport, ImportIssue
from report_copilot.inputs.published.sources import row_line
from report_copilot.model.draft import Draft
from report_copilot.model.formats import FormatDefinition, load_format

__all__ = ["import_workbook", "is_template", "workbook_lines"]


def import_workbook(path: Path) -> ImportedReport:
    """A filled-in template as an import result (no prose; every cell read exactly)."""
    data = read_workbook(path)
    fmt = load_format(data["meta"]["format"])
    values = cell_values(data, fmt)
    read = sum(1 for v in values.values() if v is not None)
    return ImportedReport(
        data=data,
        draft=Draft(title=""),
        issues=_unfilled(fmt, values),
        source=str(path),
        source_kind="xlsx",
        format_id=fmt.id,
        cells_read=read,
        cells_total=len(fmt.cells),
    )


def _unfilled(fmt: FormatDefinition, values: dict[str, Any]) -> list[ImportIssue]:
    """The cells left empty in the workbook, one issue per row (a total may stay empty: it is computed)."""
    rows: dict[str, list[str]] = {}
    for cid, value in values.items():
        cell = fmt.cell(cid)
        if value is None and not cell.is_total:
            rows.setdefault(cid.rsplit(".", 1)[0], []).append(cid)
    issues: list[ImportIssue] = []
    for row, cells in rows.items():
        where = fmt.cell(cells[0]).where.rsplit(" › ", 1)[0]
        message = f"{where}：工作簿中 {len(cells)} 个单元格未填写（空白不等于 0）"
        issues.append(ImportIssue("blank", row, where, message, cells=cells))
    return issues


def workbook_lines(path: Path) -> list[str]:
    """Any other workbook as lines of text, one per row (merged cells once), for the report parser."""
    return [row_line(row) if row else "" for row in workbook_rows(path)]
