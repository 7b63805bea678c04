"""How prose names a table's rows, columns and cells: the labels every reference carries and the
number checker reads back (一、本年新收政府信息公开申请数量 → 本年新收政府信息公开申请)."""

from __future__ import annotations

import re

from report_copilot.model.formats import BlockDef, ColumnDef, GroupDef, RowDef, TableDef

_ORDINAL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
_PARENTHETICAL = re.compile(r"（[^）]*）|\([^)]*\)")
_GENERIC = {"总计", "合计", "其他", "共"}

_COUNT_UNITS = {"previous_items": "项", "change": "项", "projects": "个"}
"""Measure words of count columns that are not 件 (2019 format: 项目数量, 采购项目数量)."""


def row_phrase(row: RowDef | GroupDef) -> str:
    """A row's label as prose names it: 一、本年新收政府信息公开申请数量 → 本年新收政府信息公开申请."""
    text = _PARENTHETICAL.sub("", _ORDINAL_PREFIX.sub("", row.label)).strip()
    text = re.sub(r"数量$", "", text)
    if text in _GENERIC and row.aliases:
        text = row.aliases[0]
    return text


def column_phrase(column: ColumnDef | GroupDef) -> str:
    """A column's label as prose names it: 本年制发件数 → 本年制发; 其他 → 其他组织."""
    text = _PARENTHETICAL.sub("", column.label).strip()
    text = re.sub(r"(?:数量|件数)$", "", text)
    text = re.sub(r"(?<=.)总$", "", text)
    if text in _GENERIC and column.aliases:
        text = column.aliases[0]
    return text


def count_unit(column: ColumnDef) -> str:
    if column.unit:
        return column.unit
    if column.kind == "money":
        return "元"
    return _COUNT_UNITS.get(column.id, "件")


def row_label(table: TableDef, block: BlockDef, row: RowDef | GroupDef) -> str:
    phrase = row_phrase(row)
    group = block.row_group(row.group) if isinstance(row, RowDef) and row.group else None
    if group is not None and group.subtotal and not group.virtual:
        return f"{row_phrase(group)}中{phrase}"
    if phrase not in row.label and table.prose_context and not any(w in phrase for w in table.prose_context):
        # a generic alias (办结) names the row only in a sentence about 申请
        phrase = f"{phrase}政府信息公开{table.prose_context[0]}"
    return phrase


def cell_label(table: TableDef, block: BlockDef, row: RowDef | GroupDef, col: ColumnDef | GroupDef) -> str:
    rphrase = row_label(table, block, row)
    is_total = isinstance(col, ColumnDef) and col.sum_of is not None
    if is_total or (len(block.columns) == 1 and isinstance(col, ColumnDef)):
        return rphrase
    cphrase = column_phrase(col)
    if table.layout == "single_row" or len(block.columns) == 1:
        return f"{rphrase}{cphrase}"
    if not any(c.sum_of for c in block.columns):
        # 二's blocks: 本年制发行政规范性文件, 行政许可处理决定
        return f"{cphrase}{rphrase}" if block.caption and block.id.endswith("1") else f"{rphrase}{cphrase}"
    return f"{rphrase}（{cphrase}）"
