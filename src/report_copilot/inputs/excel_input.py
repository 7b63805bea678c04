"""Excel in and out: a workbook laid out like the official tables, and reading it back.

Many offices collect the figures in Excel. `write_workbook` lays each table out as printed (merged
multi-level headers, group labels spanning their rows), puts formulas in blank totals, restricts
count cells to non-negative integers (data validation), and adds sheets for meta, facts and notes.
Every input cell carries a workbook-level defined name (`copilot.<cell id>`), which Excel moves along
when a clerk inserts rows, so `read_workbook` finds each cell without relying on its position.

A total holding a formula reads back as blank (it is then computed from its parts, as in the JSON
input); a total typed as a number is kept and checked. This is the only module importing openpyxl,
and it does so inside functions.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from report_copilot.errors import InputError, Problem
from report_copilot.model.draft import Draft
from report_copilot.model.formats import BlockDef, FormatDefinition, GroupDef, RowDef, TableDef, load_format
from report_copilot.model.report import Notes

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from report_copilot.inputs.published import ImportedReport

__all__ = ["import_workbook", "is_template", "read_workbook", "workbook_lines", "write_workbook"]

MARKER_SHEET = "_copilot"
NAME_PREFIX = "copilot."
SCHEMA_VERSION = 1

_META_FIELDS: list[tuple[str, str]] = [
    ("meta.agency", "机关名称"),
    ("meta.year", "报告年度"),
    ("meta.short_name", "本机关简称（正文中的自称，如“本局”）"),
    ("meta.is_government", "是否为人民政府本级报告（是/否）"),
    ("meta.period_start", "统计期起（YYYY-MM-DD）"),
    ("meta.period_end", "统计期止（YYYY-MM-DD）"),
    ("meta.portal", "发布网站名称"),
    ("meta.url", "电子版地址"),
    ("meta.contact.office", "联系部门"),
    ("meta.contact.address", "地址"),
    ("meta.contact.postcode", "邮编"),
    ("meta.contact.telephone", "电话"),
    ("meta.contact.email", "电子邮箱"),
    ("meta.issue_date", "发布日期（YYYY-MM-DD）"),
    ("meta.provincial_notice", "上级通知文号"),
    ("processing_fee.notices", "信息处理费：发出收费通知件数"),
    ("processing_fee.amount_yuan", "信息处理费：实际收取金额（元）"),
    ("proper_names", "含数字的专有名称（用“；”分隔，如 331）"),
    ("previous", "上年报告数据文件（相对本文件的路径）"),
]
_FACT_COLUMNS = [
    ("id", "标识（英文、数字）"),
    ("label", "名称"),
    ("value", "数值"),
    ("unit", "单位"),
    ("qualifier", "约数限定（余、多、近、约）"),
    ("aliases", "别称（用“；”分隔）"),
    ("section", "所属部分"),
]
_SHEET_NAMES = {"active": "二、主动公开", "requests": "三、依申请公开", "appeals": "四、复议诉讼"}


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise InputError("读写 Excel 需要 openpyxl（pip install openpyxl）") from exc
    return openpyxl


# ---------------------------------------------------------------------------------------------- writing


class _Sheet:
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


class _TableWriter:
    def __init__(self, sheet: _Sheet, fmt: FormatDefinition, values: dict[str, Any]) -> None:
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


def _grid_block(tw: _TableWriter, table: TableDef, block: BlockDef, top: int) -> int:
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


def _single_row(tw: _TableWriter, table: TableDef, top: int) -> int:
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


def _flat(data: dict[str, Any], fmt: FormatDefinition) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for cid, cell in fmt.cells.items():
        node: Any = data.get(cell.table.id, {})
        for part in [*cell.row.id.split("."), cell.column.id]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):  # money as {"value": …, "unit": …}
            node = f"{node.get('value')}{node.get('unit', '')}"
        out[cid] = node
    return out


def write_workbook(data: dict[str, Any], path: Path) -> None:
    """Write report input data (complete or blank) as an Excel workbook in the official layout."""
    from io import BytesIO

    from report_copilot.files import write_bytes_atomic

    openpyxl = _openpyxl()
    meta = data.get("meta") or {}
    fmt = load_format(str(meta.get("format") or "")) if meta.get("format") else None
    if fmt is None:
        from report_copilot.model.formats import format_for_year

        fmt = format_for_year(int(meta.get("year") or _dt.date.today().year - 1))
    values = _flat(data, fmt)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _meta_sheet(wb, data, fmt)
    for table in fmt.tables:
        sheet = _Sheet(wb, _SHEET_NAMES.get(table.id, table.id)[:31])
        sheet.label(1, 1, table.title, cols=4, header=False)
        sheet.ws.cell(row=1, column=1).font = sheet.bold
        tw = _TableWriter(sheet, fmt, values)
        row = 3
        if table.layout == "single_row":
            row = _single_row(tw, table, row)
        else:
            for block in table.blocks:
                row = _grid_block(tw, table, block, row)
        tw.formulas()
        _widths(sheet.ws, table)
    _facts_sheet(wb, data)
    _notes_sheet(wb, data)
    marker = wb.create_sheet(MARKER_SHEET)
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
    sheet = _Sheet(wb, "基本信息")
    ws = sheet.ws
    sheet.label(1, 1, "项目")
    sheet.label(1, 2, "填写")
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 60
    sheet.label(2, 1, "格式版本", header=False)
    ws.cell(row=2, column=2, value=f"{fmt.name}（{fmt.document}）；如需改用其他格式，请重新生成本表")
    for i, (key, label) in enumerate(_META_FIELDS, start=3):
        sheet.label(i, 1, label, header=False)
        value = _dig(data, key)
        if key == "proper_names":
            value = "；".join(value or [])
        elif key == "meta.is_government":
            value = "是" if value else "否"
        elif key == "previous" and isinstance(value, dict):
            value = None
        cell = ws.cell(row=i, column=2, value=float(value) if isinstance(value, Decimal) else value)
        cell.border = sheet.border
        cell.fill = sheet.input_fill
        sheet.name(key, i, 2)


def _dig(data: dict[str, Any], key: str) -> Any:
    node: Any = data
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _facts_sheet(wb: Workbook, data: dict[str, Any]) -> None:
    sheet = _Sheet(wb, "支撑数据")
    ws = sheet.ws
    ws.cell(
        row=1, column=1, value="正文可能引用、但不在三张表中的数字，每行一项（如 主动公开政府信息 1268 条）。"
    )
    for k, (_, label) in enumerate(_FACT_COLUMNS, start=1):
        sheet.label(2, k, label)
        ws.column_dimensions[chr(64 + k)].width = 20 if k != 2 else 36
    for i, fact in enumerate(data.get("facts") or [], start=3):
        for k, (key, _) in enumerate(_FACT_COLUMNS, start=1):
            value = fact.get(key)
            if key == "aliases":
                value = "；".join(value or [])
            ws.cell(row=i, column=k, value=float(value) if isinstance(value, Decimal) else value)


def _notes_sheet(wb: Workbook, data: dict[str, Any]) -> None:
    sheet = _Sheet(wb, "各部分要点")
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


# ---------------------------------------------------------------------------------------------- reading


def _load(path: Path) -> Workbook:
    openpyxl = _openpyxl()
    from zipfile import BadZipFile

    from report_copilot.inputs.limits import LIMITS, check_regular_file, check_workbook

    check_regular_file(path, LIMITS.container_bytes)
    check_workbook(path)
    try:
        return openpyxl.load_workbook(str(path), data_only=False)
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}", location=str(path)) from None
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path} 不是可读取的 Excel（.xlsx）文件：{exc}", location=str(path)) from None


def is_template(path: Path) -> bool:
    """Whether a workbook was written by `write_workbook` (it carries the marker sheet)."""
    return MARKER_SHEET in _load(path).sheetnames


def _target(wb: Workbook, name: str) -> tuple[Worksheet, str] | None:
    defined = wb.defined_names.get(NAME_PREFIX + name)
    if defined is None:
        return None
    for title, coord in defined.destinations:
        if title in wb.sheetnames:
            return wb[title], coord.replace("$", "")
    return None


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _number(value: Any, kind: str) -> tuple[Any, bool]:
    """(value, ok): a cell as the model expects it; blank is (None, True)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, bool):
        return value, False
    if kind == "money":
        if isinstance(value, int | float):
            return (int(value) if float(value).is_integer() else value), True
        return str(value).strip(), True
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            return value, False
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal) and value == value.to_integral_value() and kind in {"count", "signed"}:
        value = int(value)
    if kind in {"count", "signed"}:
        if not isinstance(value, int) or (kind == "count" and value < 0):
            return value, False
        return value, True
    if isinstance(value, int):
        return value, value >= 0
    return (float(value), True) if isinstance(value, Decimal) and value >= 0 else (value, False)


def read_workbook(path: Path) -> dict[str, Any]:
    """A workbook written by `write_workbook` (and filled in) → report input data."""
    wb = _load(path)
    if MARKER_SHEET not in wb.sheetnames:
        raise InputError(
            f"{path} 不是由 copilot init --xlsx 生成的工作簿（缺少 {MARKER_SHEET} 工作表）",
            location=str(path),
        )
    marker = wb[MARKER_SHEET]
    try:
        fmt = load_format(str(marker["B1"].value))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage to the marker sheet is one user error
        raise InputError(f"{path}：{MARKER_SHEET} 工作表已被修改，无法确定格式版本（{exc}）") from None
    problems: list[Problem] = []
    data: dict[str, Any] = {"meta": {"format": fmt.id}}

    def put(key: str, value: Any) -> None:
        node = data
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    for key, label in _META_FIELDS:
        found = _target(wb, key)
        if found is None:
            continue
        ws, coord = found
        value = ws[coord].value
        where = f"{ws.title}!{coord}（{label}）"
        if key == "meta.year":
            number, ok = _number(value, "count")
            if not ok:
                problems.append(Problem(key, f"{where}：应为四位年份，填写为 “{value}”"))
            put(key, number)
        elif key == "meta.is_government":
            put(
                key, str(value).strip() in {"是", "True", "true", "1", "TRUE"} if value is not None else False
            )
        elif key == "proper_names":
            put(key, [x.strip() for x in str(value or "").replace(";", "；").split("；") if x.strip()])
        elif key.startswith("processing_fee."):
            number, ok = _number(value, "count" if key.endswith("notices") else "amount")
            if not ok:
                problems.append(Problem(key, f"{where}：应为不小于 0 的数，填写为 “{value}”"))
            if number is not None:
                put(key, number)
        elif isinstance(value, _dt.datetime | _dt.date):
            put(key, (value.date() if isinstance(value, _dt.datetime) else value).isoformat())
        elif value is not None and str(value).strip():
            put(key, str(value).strip() if not isinstance(value, int | float) else str(value))
    if "processing_fee" in data and not {"notices", "amount_yuan"} <= set(data["processing_fee"]):
        data["processing_fee"].setdefault("notices", 0)
        data["processing_fee"].setdefault("amount_yuan", 0)
    for cid, cell in fmt.cells.items():
        found = _target(wb, cid)
        path_parts = [cell.table.id, *cell.row.id.split("."), cell.column.id]
        if found is None:
            problems.append(
                Problem(cid, f"{cell.where}：工作簿中找不到此单元格（名称 {NAME_PREFIX}{cid} 被删除）")
            )
            continue
        ws, coord = found
        raw = ws[coord].value
        if _is_formula(raw):
            value, ok = None, cell.is_total
        else:
            value, ok = _number(raw, cell.kind)
        if not ok:
            need = {"count": "不小于 0 的整数", "signed": "整数", "amount": "不小于 0 的数"}.get(
                cell.kind, "数值"
            )
            problems.append(
                Problem(cid, f"{ws.title}!{coord}（{cell.where}）：应为{need}，填写为 “{raw}”", "T3-4")
            )
        put(".".join(path_parts), value)
    data["facts"] = _read_facts(wb, problems)
    data["notes"] = _read_notes(wb)
    if problems:
        raise InputError(f"{path}：有 {len(problems)} 处无法读取", problems=problems)
    return data


def _read_facts(wb: Workbook, problems: list[Problem]) -> list[dict[str, Any]]:
    if "支撑数据" not in wb.sheetnames:
        return []
    ws = wb["支撑数据"]
    facts = []
    for r, row in enumerate(ws.iter_rows(min_row=3, values_only=True), start=3):
        cells = list(row) + [None] * len(_FACT_COLUMNS)
        if all(v is None or not str(v).strip() for v in cells[: len(_FACT_COLUMNS)]):
            continue
        fact: dict[str, Any] = {}
        for k, (key, _) in enumerate(_FACT_COLUMNS):
            value = cells[k]
            if key == "aliases":
                fact[key] = [x.strip() for x in str(value or "").replace(";", "；").split("；") if x.strip()]
            elif key == "value":
                number, ok = _number(value, "signed" if isinstance(value, int) else "amount")
                if not ok or number is None:
                    try:
                        number = float(Decimal(str(value).strip()))
                    except (InvalidOperation, ValueError):
                        problems.append(
                            Problem(f"facts[{r - 3}]", f"支撑数据!C{r}：数值应为数字，填写为 “{value}”")
                        )
                fact[key] = number
            elif value is not None and str(value).strip():
                fact[key] = str(value).strip() if not isinstance(value, float) else str(value)
        fact.setdefault("unit", "")
        facts.append(fact)
    return facts


def _read_notes(wb: Workbook) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {k: [] for k in Notes.model_fields}
    if "各部分要点" not in wb.sheetnames:
        return notes
    by_title = {(f.title or k): k for k, f in Notes.model_fields.items()}
    ws = wb["各部分要点"]
    for row in ws.iter_rows(min_row=3, max_col=2, values_only=True):
        section, text = (list(row) + [None, None])[:2]
        if not text or not str(text).strip():
            continue
        key = by_title.get(str(section or "").strip()) or (
            str(section).strip() if str(section or "").strip() in notes else "other_matters"
        )
        notes[key].append(str(text).strip())
    return notes


def import_workbook(path: Path) -> ImportedReport:
    """A filled-in template as an import result (no prose; every cell read exactly)."""
    from report_copilot.inputs.published import ImportedReport

    data = read_workbook(path)
    fmt = load_format(data["meta"]["format"])
    read = sum(1 for v in _flat(data, fmt).values() if v is not None)
    return ImportedReport(
        data=data,
        draft=Draft(title=""),
        issues=[],
        source=str(path),
        source_kind="xlsx",
        format_id=fmt.id,
        cells_read=read,
        cells_total=len(fmt.cells),
    )


def workbook_lines(path: Path) -> list[str]:
    """Any other workbook as lines of text, one per row (merged cells once), for the report parser."""
    from report_copilot.inputs.published import row_line

    wb = _load(path)
    lines: list[str] = []
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
            line = row_line(texts)
            lines.append(line)
        lines.append("")
    return lines
