"""Validation use cases: load an input file, check it, initialise a new one, describe its schema.

Front ends call these and only these; they never reach into the model or the checks directly, so a
behaviour is the same whether a clerk types a command or presses a key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from report_copilot.checks.findings import CheckReport
from report_copilot.checks.identities import check_report
from report_copilot.errors import InputError
from report_copilot.files import refuse_overwrite, write_json_atomic
from report_copilot.inputs.json_input import load_report, previous_from_file, read_json, report_from_data
from report_copilot.model.cells import CellValues
from report_copilot.model.formats import FormatDefinition, format_for_year, load_format
from report_copilot.model.report import Notes, ReportBase, report_model

__all__ = [
    "blank_tables",
    "init_file",
    "load",
    "load_previous_for_init",
    "new_report_data",
    "previous_for_year",
    "read_json",
    "report_from_data",
    "schema",
    "validate",
]


def load(path: Path, previous: Path | None = None) -> ReportBase:
    """A report input file (JSON), with last year's report attached when one is named."""
    return load_report(path, previous)


def previous_for_year(path: Path | None, year: int) -> ReportBase | None:
    """Last year's report for a new report of `year` (None without a path); a wrong year is refused."""
    if path is None:
        return None
    previous = load_previous_for_init(path)
    if previous.meta.year != year - 1:
        raise InputError(
            f"上年报告 {path} 的年度为 {previous.meta.year}，新报告为 {year} 年度", location="previous"
        )
    return previous


def load_previous_for_init(path: Path) -> ReportBase:
    """Last year's input file, or last year's published report read through the importer."""
    if path.suffix.lower() != ".json":
        from report_copilot.inputs.published import import_published

        return report_from_data(import_published(path).data, source=str(path), with_previous=False)
    return previous_from_file(path)


def validate(report: ReportBase) -> CheckReport:
    """All identity, completeness and version checks."""
    return check_report(report)


def schema(format_id: str) -> dict[str, Any]:
    """JSON Schema of an input file in one format version."""
    model = report_model(load_format(format_id).id)
    result: dict[str, Any] = model.model_json_schema()
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return result


def _set(tree: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        tree = tree.setdefault(part, {})
    tree[path[-1]] = value


def blank_tables(fmt: FormatDefinition, zeros: bool) -> dict[str, Any]:
    """Every cell of every table, null (to be filled) or 0."""
    tables: dict[str, Any] = {}
    for cid, cell in fmt.cells.items():
        value: Any = None
        if zeros:
            value = {"value": 0, "unit": "元"} if cell.kind == "money" else 0
        _set(tables, cid.split(".")[:1] + cell.row.id.split(".") + [cell.column.id], value)
    return tables


def _carry_from_previous(fmt: FormatDefinition, tables: dict[str, Any], previous: ReportBase) -> None:
    """上年结转 from last year's 结转下年度; stocks offered from last year's stocks."""
    prev = CellValues.of(previous)
    carries: dict[str, str] = {}
    for cid, cell in fmt.cells.items():
        if cell.table.id == "requests" and cell.row.id == "carried_over":
            carries[cid] = f"requests.carried_forward.{cell.column.id}"
        elif cell.table.id == "active" and cell.column.id in {"in_force", "total_published"}:
            carries[cid] = cid
    for target, source in carries.items():
        if source in prev.fmt.cells and prev.get(source) is not None:
            cell = fmt.cell(target)
            _set(
                tables,
                target.split(".")[:1] + cell.row.id.split(".") + [cell.column.id],
                int(prev.get(source) or 0),
            )
    for cid, cell in fmt.cells.items():
        if cell.column.id == "previous_items":
            change = cid.rsplit(".", 1)[0] + ".change"
            if cid in prev.fmt.cells and change in prev.fmt.cells:
                before, delta = prev.get(cid), prev.get(change)
                if before is not None and delta is not None:
                    _set(
                        tables,
                        cid.split(".")[:1] + cell.row.id.split(".") + [cell.column.id],
                        int(before + delta),
                    )


def new_report_data(
    *,
    year: int,
    agency: str | None,
    format_id: str | None,
    previous: ReportBase | None = None,
    previous_ref: str | dict[str, Any] | None = None,
    zeros: bool = False,
) -> dict[str, Any]:
    """A complete input file: every cell present, meta prefilled from last year where given."""
    fmt = load_format(format_id) if format_id else format_for_year(year)
    meta: dict[str, Any] = {"agency": agency or "", "year": year, "format": fmt.id, "short_name": None}
    if previous is not None:
        pm = previous.meta.model_dump(
            mode="json", exclude={"year", "format", "issue_date", "period_start", "period_end"}
        )
        meta = {**pm, **{k: v for k, v in meta.items() if v}}
    meta.setdefault("portal", None)
    meta.setdefault("url", None)
    meta.setdefault(
        "contact", {"office": None, "address": None, "postcode": None, "telephone": None, "email": None}
    )
    tables = blank_tables(fmt, zeros)
    if previous is not None:
        _carry_from_previous(fmt, tables, previous)
    data: dict[str, Any] = {"meta": meta, **tables}
    data["facts"] = []
    data["notes"] = {name: [] for name in Notes.model_fields}
    data["processing_fee"] = {"notices": 0, "amount_yuan": 0} if zeros else None
    data["proper_names"] = []
    data["previous"] = previous_ref
    return data


def init_file(
    output: Path,
    *,
    year: int,
    agency: str | None,
    format_id: str | None,
    previous_path: Path | None,
    zeros: bool,
    overwrite: bool,
) -> dict[str, Any]:
    """Write a new input file; never overwrite one that exists unless asked to."""
    refuse_overwrite(output, overwrite)
    previous = previous_for_year(previous_path, year)
    ref: str | dict[str, Any] | None = None
    if previous_path is not None and previous_path.suffix.lower() != ".json" and previous is not None:
        # A published report is embedded as data: `previous` must be readable as JSON later.
        ref = previous.model_dump(mode="json", exclude={"previous"})
    elif previous_path is not None:
        ref = os.path.relpath(previous_path.resolve(), output.resolve().parent)
    data = new_report_data(
        year=year, agency=agency, format_id=format_id, previous=previous, previous_ref=ref, zeros=zeros
    )
    write_json_atomic(output, data)
    return data
