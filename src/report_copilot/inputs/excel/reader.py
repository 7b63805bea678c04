"""The workbook → report input data, and any other workbook as rows of cell texts.

Every input cell is found by its defined name (`copilot.<cell id>`), not by position, so rows a
clerk inserts do not shift anything. The workbook passes the sheet-dimension and merge limits of
`inputs/limits.py` before openpyxl builds it: a 1.5 KB file cannot make it build billions of cells.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from report_copilot.errors import InputError, Problem
from report_copilot.inputs.excel.fields import (
    NAME_PREFIX,
    READERS,
    SKIP,
    put,
    split_list,
    to_number,
    workbook,
)
from report_copilot.inputs.excel.writer import openpyxl_module
from report_copilot.inputs.limits import LIMITS, check_regular_file, check_workbook
from report_copilot.model.formats import FormatDefinition, load_format
from report_copilot.model.report import Notes

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["is_template", "load_workbook", "read_workbook", "workbook_rows"]

_NEED = {"count": "不小于 0 的整数", "signed": "整数", "amount": "不小于 0 的数"}


def load_workbook(path: Path) -> Workbook:
    """Open a workbook the user named, within the file, zip and sheet limits."""
    openpyxl = openpyxl_module()
    from zipfile import BadZipFile

    check_regular_file(path, LIMITS.container_bytes)
    check_workbook(path)
    try:
        return openpyxl.load_workbook(str(path), data_only=False)
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}", location=str(path)) from None
    except (BadZipFile, KeyError, ValueError, OSError):
        raise InputError(
            f"{path} 不是可读取的 Excel（.xlsx）文件（已损坏，或是旧版 .xls：请在 Excel 中另存为 .xlsx）",
            location=str(path),
        ) from None


def is_template(path: Path) -> bool:
    """Whether a workbook was written by `write_workbook` (it carries the marker sheet)."""
    return workbook().marker_sheet in load_workbook(path).sheetnames


def _target(wb: Workbook, name: str) -> tuple[Worksheet, str] | None:
    defined = wb.defined_names.get(NAME_PREFIX + name)
    if defined is None:
        return None
    for title, coord in defined.destinations:
        if title in wb.sheetnames:
            return wb[title], coord.replace("$", "")
    return None


def _format_of(wb: Workbook, path: Path) -> FormatDefinition:
    marker = workbook().marker_sheet
    if marker not in wb.sheetnames:
        raise InputError(
            f"{path} 不是由 copilot init --xlsx 生成的工作簿（缺少 {marker} 工作表）", location=str(path)
        )
    try:
        return load_format(str(wb[marker]["B1"].value))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage to the marker sheet is one user error
        raise InputError(f"{path}：{marker} 工作表已被修改，无法确定格式版本（{exc}）") from None


def _read_meta(wb: Workbook, data: dict[str, Any], problems: list[Problem]) -> None:
    """The 基本信息 rows, each through the reader its kind names (formats/workbook.toml)."""
    for field in workbook().fields:
        found = _target(wb, field.key)
        if found is None:
            continue
        ws, coord = found
        value = ws[coord].value
        stored, wrong = READERS[field.kind](value)
        if wrong is not None:
            problems.append(
                Problem(field.key, f"{ws.title}!{coord}（{field.label}）：{wrong}，填写为 “{value}”")
            )
        if stored is not SKIP:
            put(data, field.key, stored)
    fee = data.get("processing_fee")
    if isinstance(fee, dict):  # one of the two typed: the other is 0, as the model's default
        fee.setdefault("notices", 0)
        fee.setdefault("amount_yuan", 0)


def _read_cells(wb: Workbook, fmt: FormatDefinition, data: dict[str, Any], problems: list[Problem]) -> None:
    for cid, cell in fmt.cells.items():
        found = _target(wb, cid)
        if found is None:
            problems.append(
                Problem(cid, f"{cell.where}：工作簿中找不到此单元格（名称 {NAME_PREFIX}{cid} 被删除）")
            )
            continue
        ws, coord = found
        raw = ws[coord].value
        if isinstance(raw, str) and raw.startswith("="):
            value, ok = None, cell.is_total  # a formula total is computed from its parts
        else:
            value, ok = to_number(raw, cell.kind)
        if not ok:
            need = _NEED.get(cell.kind, "数值")
            problems.append(
                Problem(cid, f"{ws.title}!{coord}（{cell.where}）：应为{need}，填写为 “{raw}”", "T3-4")
            )
        put(data, ".".join([cell.table.id, *cell.row.id.split("."), cell.column.id]), value)


def read_workbook(path: Path) -> dict[str, Any]:
    """A workbook written by `write_workbook` (and filled in) → report input data."""
    wb = load_workbook(path)
    fmt = _format_of(wb, path)
    problems: list[Problem] = []
    data: dict[str, Any] = {"meta": {"format": fmt.id}}
    _read_meta(wb, data, problems)
    _read_cells(wb, fmt, data, problems)
    data["facts"] = _read_facts(wb, problems)
    data["notes"] = _read_notes(wb)
    if problems:
        raise InputError(f"{path}：有 {len(problems)} 处无法读取", problems=problems)
    return data


def _fact_value(value: Any, row: int, problems: list[Problem]) -> Any:
    number, ok = to_number(value, "signed" if isinstance(value, int) else "amount")
    if ok and number is not None:
        return number
    try:
        return float(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        problems.append(
            Problem(f"facts[{row - 3}]", f"{workbook().facts_sheet}!C{row}：数值应为数字，填写为 “{value}”")
        )
        return number


def _read_facts(wb: Workbook, problems: list[Problem]) -> list[dict[str, Any]]:
    columns = workbook().fact_columns
    if workbook().facts_sheet not in wb.sheetnames:
        return []
    facts = []
    rows = wb[workbook().facts_sheet].iter_rows(min_row=3, values_only=True)
    for r, row in enumerate(rows, start=3):
        cells = list(row) + [None] * len(columns)
        if all(v is None or not str(v).strip() for v in cells[: len(columns)]):
            continue
        fact: dict[str, Any] = {}
        for (key, _), value in zip(columns, cells, strict=False):
            if key == "aliases":
                fact[key] = split_list(value)
            elif key == "value":
                fact[key] = _fact_value(value, r, problems)
            elif value is not None and str(value).strip():
                fact[key] = str(value).strip() if not isinstance(value, float) else str(value)
        fact.setdefault("unit", "")
        facts.append(fact)
    return facts


def _read_notes(wb: Workbook) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {k: [] for k in Notes.model_fields}
    if workbook().notes_sheet not in wb.sheetnames:
        return notes
    by_title = {(f.title or k): k for k, f in Notes.model_fields.items()}
    for row in wb[workbook().notes_sheet].iter_rows(min_row=3, max_col=2, values_only=True):
        section, text = (list(row) + [None, None])[:2]
        if not text or not str(text).strip():
            continue
        name = str(section or "").strip()
        key = by_title.get(name) or (name if name in notes else "other_matters")
        notes[key].append(str(text).strip())
    return notes


def workbook_rows(path: Path) -> list[list[str]]:
    """Any workbook as rows of cell texts (a merged range once, at its first cell); [] between sheets."""
    wb = load_workbook(path)
    rows: list[list[str]] = []
    for ws in wb.worksheets:
        hidden = set()
        for merged in ws.merged_cells.ranges:
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        hidden.add((r, c))
        for row in ws.iter_rows():
            texts = []
            for cell in row:
                if (cell.row, cell.column) in hidden:
                    continue
                value = cell.value
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                texts.append("" if value is None else str(value))
            rows.append(texts)
        rows.append([])
    return rows
