"""Report data (complete or blank) → the workbook: meta, one sheet per table, facts, notes, marker.

A total holding a formula reads back as blank (it is then computed from its parts, as in the JSON
input); a total typed as a number is kept and checked.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from report_copilot.errors import InputError
from report_copilot.inputs.excel.fields import SCHEMA_VERSION, cell_values, dig, shown, workbook
from report_copilot.inputs.excel.layout import Sheet, TableWriter, grid_block, single_row
from report_copilot.model.formats import FormatDefinition, TableDef, format_for_year, load_format
from report_copilot.model.report import Notes

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["openpyxl_module", "write_workbook"]


def openpyxl_module() -> Any:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise InputError("读写 Excel 需要 openpyxl（pip install openpyxl）") from exc
    return openpyxl


def write_workbook(data: dict[str, Any], path: Path) -> None:
    """Write report input data (complete or blank) as an Excel workbook in the official layout."""
    from io import BytesIO

    from report_copilot.files import write_bytes_atomic

    openpyxl = openpyxl_module()
    names = workbook()
    meta = data.get("meta") or {}
    if meta.get("format"):
        fmt = load_format(str(meta["format"]))
    else:
        fmt = format_for_year(int(meta.get("year") or _dt.date.today().year - 1))
    values = cell_values(data, fmt)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _meta_sheet(wb, data, fmt)
    for table in fmt.tables:
        sheet = Sheet(wb, names.table_sheet(table.id))
        sheet.label(1, 1, table.title, cols=4, header=False)
        sheet.ws.cell(row=1, column=1).font = sheet.bold
        tw = TableWriter(sheet, fmt, values)
        row = 3
        if table.layout == "single_row":
            row = single_row(tw, table, row)
        else:
            for block in table.blocks:
                row = grid_block(tw, table, block, row)
        tw.formulas()
        _widths(sheet.ws, table)
    _facts_sheet(wb, data)
    _notes_sheet(wb, data)
    marker = wb.create_sheet(names.marker_sheet)
    marker["A1"], marker["B1"] = "format", fmt.id
    marker["A2"], marker["B2"] = "schema_version", SCHEMA_VERSION
    marker["A3"] = "本工作表由 report-copilot 使用，请勿修改。"
    marker.sheet_state = "hidden"
    buffer = BytesIO()
    wb.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())


def _widths(ws: Worksheet, table: TableDef) -> None:
    from openpyxl.utils import get_column_letter

    for col in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12
    label_cols = 1 if table.layout == "single_row" else 3
    for col in range(1, label_cols + 1):
        ws.column_dimensions[get_column_letter(col)].width = 18 if table.id == "requests" else 22
    ws.freeze_panes = None


def _meta_sheet(wb: Workbook, data: dict[str, Any], fmt: FormatDefinition) -> None:
    sheet = Sheet(wb, workbook().meta_sheet)
    ws = sheet.ws
    sheet.label(1, 1, "项目")
    sheet.label(1, 2, "填写")
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 60
    sheet.label(2, 1, "格式版本", header=False)
    ws.cell(row=2, column=2, value=f"{fmt.name}（{fmt.document}）；如需改用其他格式，请重新生成本表")
    for i, field in enumerate(workbook().fields, start=3):
        sheet.label(i, 1, field.label, header=False)
        cell = ws.cell(row=i, column=2, value=shown(field.kind, dig(data, field.key)))
        cell.border = sheet.border
        cell.fill = sheet.input_fill
        sheet.name(field.key, i, 2)


def _facts_sheet(wb: Workbook, data: dict[str, Any]) -> None:
    columns = workbook().fact_columns
    sheet = Sheet(wb, workbook().facts_sheet)
    ws = sheet.ws
    ws.cell(
        row=1, column=1, value="正文可能引用、但不在三张表中的数字，每行一项（如 主动公开政府信息 1268 条）。"
    )
    for k, (_, label) in enumerate(columns, start=1):
        sheet.label(2, k, label)
        ws.column_dimensions[chr(64 + k)].width = 20 if k != 2 else 36
    for i, fact in enumerate(data.get("facts") or [], start=3):
        for k, (key, _) in enumerate(columns, start=1):
            value = fact.get(key)
            if key == "aliases":
                value = "；".join(value or [])
            ws.cell(row=i, column=k, value=float(value) if isinstance(value, Decimal) else value)


def _notes_sheet(wb: Workbook, data: dict[str, Any]) -> None:
    sheet = Sheet(wb, workbook().notes_sheet)
    ws = sheet.ws
    ws.cell(row=1, column=1, value="起草各部分所依据的要点，每行一条；“部分”一列请从下拉列表中选择。")
    for k, label in enumerate(("部分", "要点"), start=1):
        sheet.label(2, k, label)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 90
    from openpyxl.worksheet.datavalidation import DataValidation

    titles = [f.title or k for k, f in Notes.model_fields.items()]
    choice = DataValidation(type="list", formula1='"' + ",".join(titles) + '"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add("A3:A500")
    row = 3
    notes = data.get("notes") or {}
    for key, field in Notes.model_fields.items():
        for text in notes.get(key) or []:
            ws.cell(row=row, column=1, value=field.title or key)
            ws.cell(row=row, column=2, value=text)
            row += 1
