"""The official tables laid out on a worksheet: merged multi-level headers, group labels, inputs.

Each input cell gets a data validation by its kind and a workbook-level defined name
(`copilot.<cell id>`) that Excel moves along when a clerk inserts rows; blank totals become the sum
of their parts. openpyxl is imported inside the methods (this module is loaded only when writing).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from report_copilot.inputs.excel.fields import NAME_PREFIX
from report_copilot.model.formats import BlockDef, FormatDefinition, GroupDef, RowDef, TableDef

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["Sheet", "TableWriter", "grid_block", "single_row"]


class Sheet:
    """Placing cells on one worksheet, with merges, styles and the names of input cells."""

    def __init__(self, wb: Workbook, title: str) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws: Worksheet = wb.create_sheet(title)
        self.wb = wb
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_fill = PatternFill("solid", fgColor="E8EEF7")
        self.input_fill = PatternFill("solid", fgColor="FFFDE7")
        self.total_fill = PatternFill("solid", fgColor="F1F1F1")
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.left = Alignment(wrap_text=True, vertical="center", horizontal="left")
        self.right = Alignment(vertical="center", horizontal="right")

    def label(
        self, row: int, col: int, text: str, *, rows: int = 1, cols: int = 1, header: bool = True
    ) -> None:
        cell = self.ws.cell(row=row, column=col, value=text)
        cell.alignment = self.wrap if header else self.left
        if header:
            cell.fill = self.header_fill
            cell.font = self.bold
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                self.ws.cell(row=r, column=c).border = self.border
        if rows > 1 or cols > 1:
            self.ws.merge_cells(
                start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1
            )

    def name(self, name: str, row: int, col: int) -> None:
        from openpyxl.utils import get_column_letter, quote_sheetname
        from openpyxl.workbook.defined_name import DefinedName

        ref = f"{quote_sheetname(self.ws.title)}!${get_column_letter(col)}${row}"
        self.wb.defined_names[NAME_PREFIX + name] = DefinedName(NAME_PREFIX + name, attr_text=ref)


def _coord(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


class TableWriter:
    def __init__(self, sheet: Sheet, fmt: FormatDefinition, values: dict[str, Any]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        self.sheet = sheet
        self.fmt = fmt
        self.values = values
        self.positions: dict[str, tuple[int, int]] = {}
        self.validations = {
            "count": DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="应为不小于 0 的整数",
                error="此格应填写不小于 0 的整数（件数）。没有发生的事项请填 0，不要留空。",
            ),
            "signed": DataValidation(
                type="whole",
                operator="between",
                formula1="-1000000000",
                formula2="1000000000",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="应为整数",
                error="此格应填写整数（减少时可为负数）。",
            ),
            "amount": DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="应为不小于 0 的数",
                error="此格应填写不小于 0 的金额（单位见表头），可有小数。",
            ),
        }
        for dv in self.validations.values():
            sheet.ws.add_data_validation(dv)

    def value_cell(self, cell_id: str, row: int, col: int) -> None:
        ws = self.sheet.ws
        cell_def = self.fmt.cell(cell_id)
        value = self.values.get(cell_id)
        target = ws.cell(row=row, column=col)
        target.border = self.sheet.border
        target.alignment = self.sheet.right
        target.fill = self.sheet.total_fill if cell_def.is_total else self.sheet.input_fill
        if isinstance(value, Decimal):
            value = float(value)
        target.value = value
        if cell_def.kind == "count":
            target.number_format = "0"
        dv = self.validations.get(cell_def.kind)
        if dv is not None:
            dv.add(target.coordinate)
        self.positions[cell_id] = (row, col)
        self.sheet.name(cell_id, row, col)

    def formulas(self) -> None:
        """Blank totals become the sum of their parts (typed totals stay, so the checks can see them)."""
        ws = self.sheet.ws
        for cell_id, (row, col) in self.positions.items():
            cell_def = self.fmt.cell(cell_id)
            if not cell_def.is_total or self.values.get(cell_id) is not None:
                continue
            table = cell_def.table.id
            if cell_def.column.sum_of:
                parts = [f"{table}.{cell_def.row.id}.{p}" for p in cell_def.column.sum_of]
            else:
                parts = [f"{table}.{p}.{cell_def.column.id}" for p in cell_def.row.sum_of or ()]
            coords = [_coord(*self.positions[p]) for p in parts if p in self.positions]
            if coords:
                ws.cell(row=row, column=col, value="=" + "+".join(coords))


def _chain(block: BlockDef, row: RowDef) -> list[GroupDef]:
    """The printed row groups above a row, outermost first."""
    chain: list[GroupDef] = []
    group = block.row_group(row.group) if row.group else None
    while group is not None:
        if not group.virtual:
            chain.insert(0, group)
        group = block.row_group(group.parent) if group.parent else None
    return chain


def grid_block(tw: TableWriter, table: TableDef, block: BlockDef, top: int) -> int:
    """One block laid out like the official table; returns the next free row."""
    sheet = tw.sheet
    chains = {r.id: _chain(block, r) for r in block.rows}
    depth = max((len(c) for c in chains.values()), default=0) + 1
    n_cols = len(block.columns)
    row = top
    if block.caption:
        sheet.label(row, 1, block.caption, cols=depth + n_cols)
        row += 1
    grouped = bool(block.column_groups)
    header_rows = (1 if block.header and grouped else 0) + (2 if grouped else 1)
    corner = table.note if (table.note and grouped) else (block.header or "信息内容")
    sheet.label(row, 1, corner, rows=header_rows, cols=depth)
    first = depth + 1
    r = row
    if block.header and grouped:
        sheet.label(r, first, block.header, cols=n_cols)
        r += 1
    if grouped:
        c = first
        done: set[str] = set()
        for column in block.columns:
            if column.group and column.group not in done:
                group = block.column_group(column.group)
                members = [x for x in block.columns if x.group == column.group]
                sheet.label(r, c, group.label if group else column.group, cols=len(members))
                for k, member in enumerate(members):
                    sheet.label(r + 1, c + k, member.label)
                done.add(column.group)
                c += len(members)
            elif not column.group:
                sheet.label(r, c, column.label, rows=2)
                c += 1
        r += 2
    else:
        for k, column in enumerate(block.columns):
            sheet.label(r, first + k, column.label)
        r += 1
    body = r
    for i, data_row in enumerate(block.rows):
        chain = chains[data_row.id]
        for level, group in enumerate(chain):
            previous = chains[block.rows[i - 1].id] if i else []
            if len(previous) > level and previous[level].id == group.id:
                continue
            span = 1
            for later in block.rows[i + 1 :]:
                lc = chains[later.id]
                if len(lc) > level and lc[level].id == group.id:
                    span += 1
                else:
                    break
            sheet.label(body + i, level + 1, group.label, rows=span, header=False)
        sheet.label(body + i, len(chain) + 1, data_row.label, cols=depth - len(chain), header=False)
        for k, column in enumerate(block.columns):
            tw.value_cell(f"{table.id}.{data_row.id}.{column.id}", body + i, first + k)
    return body + len(block.rows) + 1


def single_row(tw: TableWriter, table: TableDef, top: int) -> int:
    """Table 四: the rows become column bands under their group, all values in one row."""
    sheet = tw.sheet
    block = table.blocks[0]
    n = len(block.columns)
    c = 1
    done: set[str] = set()
    for data_row in block.rows:
        if data_row.group:
            if data_row.group in done:
                continue
            members = [r for r in block.rows if r.group == data_row.group]
            group = block.row_group(data_row.group)
            sheet.label(top, c, group.label if group else data_row.group, cols=n * len(members))
            for k, member in enumerate(members):
                sheet.label(top + 1, c + k * n, member.label, cols=n)
                for j, column in enumerate(block.columns):
                    sheet.label(top + 2, c + k * n + j, column.label)
                    tw.value_cell(f"{table.id}.{member.id}.{column.id}", top + 3, c + k * n + j)
            done.add(data_row.group)
            c += n * len(members)
        else:
            sheet.label(top, c, data_row.label, rows=2, cols=n)
            for j, column in enumerate(block.columns):
                sheet.label(top + 2, c + j, column.label)
                tw.value_cell(f"{table.id}.{data_row.id}.{column.id}", top + 3, c + j)
            c += n
    return top + 5
