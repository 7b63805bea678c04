"""`init` use cases: a new input file, prefilled from last year's report (data or published).

A clerk on deadline starts this year's report from last year's *published* one. What is carried
(上年结转 from 结转下年度, stocks, 2019's 上一年项目数量) is said, and so is every carry that could
not be made and why (last year's cell unread or blank, or not in last year's format), with the doubts
the importer raised about last year's agency and year: a silent gap would be filled in by hand from
memory, a silent guess copied into this year's meta.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError
from report_copilot.files import refuse_overwrite, write_json_atomic
from report_copilot.inputs.json_input import previous_from_file, report_from_data
from report_copilot.model.cells import CellValues
from report_copilot.model.formats import FormatDefinition, format_for_year, load_format
from report_copilot.model.report import Notes, ReportBase

__all__ = [
    "InitResult",
    "PreviousReport",
    "blank_tables",
    "init_file",
    "init_year",
    "new_report_data",
    "read_previous",
]


@dataclass
class PreviousReport:
    """Last year's report for `init`, with what reading it left in doubt (a published report's)."""

    report: ReportBase
    source: Path
    unread: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)


@dataclass
class InitResult:
    """The new input data and, for the clerk, what was prefilled from last year and what was not."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def read_previous(path: Path) -> PreviousReport:
    """Last year's input file, or last year's published report read through the importer."""
    if path.suffix.lower() == ".json":
        return PreviousReport(previous_from_file(path), path)
    from report_copilot.service.importing import import_previous

    imported = import_previous(path)
    report = report_from_data(imported.data, source=str(path), with_previous=False)
    notes = [f"上年报告 {path}：{i.message}" for i in imported.issues if i.kind == "meta"]
    return PreviousReport(report, path, frozenset(imported.unreadable_cells), notes)


def init_year(year: int | None, previous: PreviousReport | None) -> int:
    """The year asked for; else the year after last year's report; else last calendar year."""
    if year is not None:
        if previous is not None and previous.report.meta.year != year - 1:
            raise InputError(
                f"上年报告 {previous.source} 的年度为 {previous.report.meta.year}，新报告为 {year} 年度"
                f"（不加 --year 则按上年报告定为 {previous.report.meta.year + 1} 年度）",
                location="previous",
            )
        return year
    if previous is not None:
        return previous.report.meta.year + 1
    return _dt.date.today().year - 1


def _set(tree: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        tree = tree.setdefault(part, {})
    tree[path[-1]] = value


def _cell_path(fmt: FormatDefinition, cid: str) -> list[str]:
    return cid.split(".")[:1] + fmt.cell(cid).row.id.split(".") + [fmt.cell(cid).column.id]


def blank_tables(fmt: FormatDefinition, zeros: bool) -> dict[str, Any]:
    """Every cell of every table, null (to be filled) or 0."""
    tables: dict[str, Any] = {}
    for cid, cell in fmt.cells.items():
        value: Any = None
        if zeros:
            value = {"value": 0, "unit": "元"} if cell.kind == "money" else 0
        _set(tables, _cell_path(fmt, cid), value)
    return tables


def _carries(fmt: FormatDefinition) -> dict[str, tuple[str, ...]]:
    """Each prefilled cell and last year's cells it comes from (summed)."""
    out: dict[str, tuple[str, ...]] = {}
    for cid, cell in fmt.cells.items():
        if cell.table.id == "requests" and cell.row.id == "carried_over":
            out[cid] = (f"requests.carried_forward.{cell.column.id}",)
        elif cell.table.id == "active" and cell.column.id in {"in_force", "total_published"}:
            out[cid] = (cid,)
        elif cell.column.id == "previous_items":
            out[cid] = (cid, cid.rsplit(".", 1)[0] + ".change")
    return out


def carry_from_previous(fmt: FormatDefinition, tables: dict[str, Any], previous: PreviousReport) -> list[str]:
    """Prefill 上年结转 and the stocks from last year; the notes say what was carried and what not."""
    prev = CellValues.of(previous.report)
    carried: list[str] = []
    gaps: list[str] = []
    for target, sources in _carries(fmt).items():
        where = fmt.cell(target).where
        if not all(s in prev.fmt.cells for s in sources):
            gaps.append(f"{where}：上年报告为 {prev.fmt.id} 格式，没有对应的项")
            continue
        empty = [s for s in sources if prev.get(s) is None]
        if empty:
            state = "未能读取" if any(s in previous.unread for s in empty) else "未填报"
            source = "、".join(f"「{prev.fmt.cell(s).where}」" for s in empty if s != target)
            gaps.append(f"{where}：上年报告中{source}{state}，请按上年报告手工填写")
            continue
        _set(tables, _cell_path(fmt, target), int(sum(prev.get(s) or 0 for s in sources)))
        carried.append(target)
    head = f"已从上年报告 {previous.source} 带入 {len(carried)} 个单元格（上年结转、存量等），请核对"
    if not carried:
        head = f"上年报告 {previous.source} 中没有可带入的单元格（上年结转、存量均未能读取）"
    return [head] + [f"未能带入：{gap}" for gap in gaps]


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
    data, _ = _new_data(
        year, agency, format_id, PreviousReport(previous, Path()) if previous else None, zeros
    )
    data["previous"] = previous_ref
    return data


def _new_data(
    year: int, agency: str | None, format_id: str | None, previous: PreviousReport | None, zeros: bool
) -> tuple[dict[str, Any], list[str]]:
    fmt = load_format(format_id) if format_id else format_for_year(year)
    meta: dict[str, Any] = {"agency": agency or "", "year": year, "format": fmt.id, "short_name": None}
    if previous is not None:
        # What names last year's report itself (its dates, its year's notice from the province) is not
        # carried: a stale 通知文号 would be quoted in this year's preface.
        pm = previous.report.meta.model_dump(
            mode="json",
            exclude={"year", "format", "issue_date", "period_start", "period_end", "provincial_notice"},
        )
        meta = {**pm, **{k: v for k, v in meta.items() if v}}
    meta.setdefault("portal", None)
    meta.setdefault("url", None)
    meta.setdefault(
        "contact", {"office": None, "address": None, "postcode": None, "telephone": None, "email": None}
    )
    tables = blank_tables(fmt, zeros)
    notes = carry_from_previous(fmt, tables, previous) if previous is not None else []
    data: dict[str, Any] = {"meta": meta, **tables}
    data["facts"] = []
    data["notes"] = {name: [] for name in Notes.model_fields}
    data["processing_fee"] = {"notices": 0, "amount_yuan": 0} if zeros else None
    # Names with digits (“331”监管平台, 12345热线) outlive the year; the checker must keep skipping them.
    data["proper_names"] = list(previous.report.proper_names) if previous is not None else []
    if data["proper_names"]:
        names = "、".join(f"「{n}」" for n in data["proper_names"])
        notes.append(f"已从上年报告带入含数字的专有名称 {names}（其中的数字不作统计数字核对），请核对")
    data["previous"] = None
    return data, notes


def init_data(
    *, year: int | None, agency: str | None, format_id: str | None, previous_path: Path | None, zeros: bool
) -> tuple[InitResult, PreviousReport | None]:
    """The new report's data and notes (last year read, year settled), before anything is written."""
    previous = read_previous(previous_path) if previous_path is not None else None
    year = init_year(year, previous)
    data, notes = _new_data(year, agency, format_id, previous, zeros)
    if previous is not None and not agency:
        notes = previous.notes + notes
    return InitResult(data, notes), previous


def init_file(
    output: Path,
    *,
    year: int | None,
    agency: str | None,
    format_id: str | None,
    previous_path: Path | None,
    zeros: bool,
    overwrite: bool,
) -> InitResult:
    """Write a new input file; never overwrite one that exists unless asked to."""
    refuse_overwrite(output, overwrite)
    result, previous = init_data(
        year=year, agency=agency, format_id=format_id, previous_path=previous_path, zeros=zeros
    )
    if previous is not None and previous.source.suffix.lower() != ".json":
        # A published report is embedded as data: `previous` must be readable as JSON later.
        result.data["previous"] = previous.report.model_dump(mode="json", exclude={"previous"})
    elif previous is not None:
        result.data["previous"] = os.path.relpath(previous.source.resolve(), output.resolve().parent)
    write_json_atomic(output, result.data)
    return result
