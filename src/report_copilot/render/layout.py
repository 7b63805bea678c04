"""The printed layout of the official tables, derived from the format definition.

Both renderers (Markdown/HTML and Word) and the DOCX self-audit read the same `TableLayout`: a grid
of placed cells with their row/column spans, so merged headers, group labels and the numbers are
identical in every output. Nothing here is specific to one format version; the shapes come from the
definition's blocks, groups and `layout`:

- a table of several captioned blocks (section 二): one caption row per block across the full width,
  then the block's header row (`信息内容` | column labels) and its rows; blocks with fewer columns
  share the width by spanning grid columns (the grid has lcm(column counts) value columns);
- a grid block with column groups and nested row groups (section 三): the top-left cell carries the
  table note (the 勾稽 note) across all label columns and header rows, the block header spans all value
  columns, a column group spans its members, ungrouped columns span down; each row group's label
  spans its sub-rows in its own label column, and a row's own label spans the remaining label columns;
- `layout = "single_row"` (section 四): the block's rows become column bands (row groups above them,
  each row's columns beneath), and all values stand in one row.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from report_copilot.model.cells import CellValues
from report_copilot.model.draft import Block, Draft
from report_copilot.model.formats import BlockDef, CellDef, FormatDefinition, GroupDef, RowDef, TableDef
from report_copilot.model.report import Money, ReportBase

Role = Literal["note", "header", "caption", "group", "label", "value"]


@dataclass(frozen=True)
class LayoutCell:
    """One printed cell, placed at its top-left grid position."""

    row: int
    col: int
    text: str
    role: Role
    row_span: int = 1
    col_span: int = 1
    cell_id: str | None = None
    """Set on value cells: the report cell whose value is printed here."""

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass(frozen=True)
class TableLayout:
    table_id: str
    title: str
    n_rows: int
    n_cols: int
    header_rows: int
    """Leading rows that are the table header (repeated when the table breaks across pages)."""
    widths: tuple[float, ...]
    """Relative width of each grid column (fractions summing to 1)."""
    cells: tuple[LayoutCell, ...]

    def rows(self) -> list[list[LayoutCell]]:
        """Cells by the row they start in, in column order (what an HTML `<tr>` lists)."""
        out: list[list[LayoutCell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out

    def value_cells(self) -> list[LayoutCell]:
        return [c for c in self.cells if c.cell_id is not None]


# ---------------------------------------------------------------- values


def format_value(value: int | Decimal | Money | None) -> str:
    """A cell as printed: counts as integers, amounts with the decimals given, money with its unit."""
    if value is None:
        return ""
    if isinstance(value, Money):
        return f"{format_value(value.value)}{value.unit}"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(values: CellValues, cell: CellDef) -> str:
    """The printed text of a report cell (a blank total is shown computed from its parts)."""
    raw = values.raw(cell.id)
    if raw is not None:
        return format_value(raw)
    return format_value(values.computed.get(cell.id))


def cell_texts(layout: TableLayout, report: ReportBase) -> dict[tuple[int, int], str]:
    """The text of every placed cell of a table for one report, by (row, col)."""
    values = CellValues.of(report)
    fmt = report.format
    return {
        (c.row, c.col): cell_text(values, fmt.cell(c.cell_id)) if c.cell_id else c.text for c in layout.cells
    }


# ---------------------------------------------------------------- building layouts


def _row_chain(block: BlockDef, row: RowDef) -> list[GroupDef]:
    """The printed groups a row belongs to, outermost first (virtual groups are not printed)."""
    chain: list[GroupDef] = []
    group = block.row_group(row.group) if row.group else None
    seen: set[str] = set()
    while group is not None and group.id not in seen:
        seen.add(group.id)
        if not group.virtual:
            chain.append(group)
        group = block.row_group(group.parent) if group.parent else None
    return list(reversed(chain))


class _Grid:
    def __init__(self) -> None:
        self.cells: list[LayoutCell] = []

    def add(
        self, row: int, col: int, text: str, role: Role, rs: int = 1, cs: int = 1, cid: str | None = None
    ) -> None:
        self.cells.append(LayoutCell(row, col, text, role, rs, cs, cid))


def _merge_runs(keys: list[str | None]) -> list[tuple[int, int, str]]:
    """Consecutive equal non-empty keys → (start, length, key): one merged label per run."""
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(keys):
        key = keys[i]
        j = i
        while j + 1 < len(keys) and keys[j + 1] == key:
            j += 1
        if key is not None:
            runs.append((i, j - i + 1, key))
        i = j + 1
    return runs


def _grid_table(table: TableDef) -> TableLayout:
    depth = max(len(_row_chain(b, r)) for b in table.blocks for r in b.rows) + 1
    value_cols = math.lcm(*(len(b.columns) for b in table.blocks))
    n_cols = depth + value_cols
    grid = _Grid()
    r0 = 0
    header_rows = 0
    for block in table.blocks:
        if block.caption:
            grid.add(r0, 0, block.caption, "caption", cs=n_cols)
            r0 += 1
        span = value_cols // len(block.columns)
        super_header = bool(table.note and block.header)
        has_groups = any(c.group for c in block.columns)
        h = int(super_header) + int(has_groups) + 1
        corner = table.note if table.note else (block.header or "")
        grid.add(r0, 0, corner, "note" if table.note else "header", rs=h, cs=depth)
        row = r0
        if super_header:
            grid.add(row, depth, block.header or "", "header", cs=value_cols)
            row += 1
        label_row = r0 + h - 1
        groups = [c.group for c in block.columns]
        for start, length, gid in _merge_runs(groups):
            group = block.column_group(gid)
            grid.add(row, depth + start * span, group.label if group else gid, "header", cs=length * span)
        for i, column in enumerate(block.columns):
            top = label_row if column.group else row
            grid.add(top, depth + i * span, column.label, "header", rs=label_row - top + 1, cs=span)
        if len(table.blocks) == 1 and not block.caption:
            header_rows = r0 + h
        r0 += h
        chains = [_row_chain(block, r) for r in block.rows]
        for level in range(depth - 1):
            keys = [ch[level].id if len(ch) > level else None for ch in chains]
            for start, length, gid in _merge_runs(keys):
                group = block.row_group(gid)
                grid.add(r0 + start, level, group.label if group else gid, "group", rs=length)
        for i, (row_def, chain) in enumerate(zip(block.rows, chains, strict=True)):
            grid.add(r0 + i, len(chain), row_def.label, "label", cs=depth - len(chain))
            for j, column in enumerate(block.columns):
                cid = f"{table.id}.{row_def.id}.{column.id}"
                grid.add(r0 + i, depth + j * span, "", "value", cs=span, cid=cid)
        r0 += len(block.rows)
    label_share = 0.30 if depth == 1 else 0.44
    group_share = 0.09
    finest = label_share - group_share * (depth - 1)
    widths = [group_share] * (depth - 1) + [finest] + [(1 - label_share) / value_cols] * value_cols
    return TableLayout(table.id, table.title, r0, n_cols, header_rows, tuple(widths), tuple(grid.cells))


def _single_row_table(table: TableDef) -> TableLayout:
    """Each row of each block becomes a band of columns; all values in one printed row."""
    grid = _Grid()
    bands = [(block, row, _row_chain(block, row)) for block in table.blocks for row in block.rows]
    depth = max(len(chain) for _, _, chain in bands)
    h = depth + 2
    col = 0
    starts: list[int] = []
    for block, row, chain in bands:
        starts.append(col)
        grid.add(len(chain), col, row.label, "header", cs=len(block.columns))
        for j, column in enumerate(block.columns):
            top = len(chain) + 1
            grid.add(top, col + j, column.label, "header", rs=h - top)
            grid.add(h, col + j, "", "value", cid=f"{table.id}.{row.id}.{column.id}")
        col += len(block.columns)
    n_cols = col
    for level in range(depth):
        keys = [chain[level].id if len(chain) > level else None for _, _, chain in bands]
        for start, length, gid in _merge_runs(keys):
            first = starts[start]
            last = starts[start + length - 1] + len(bands[start + length - 1][0].columns)
            block = bands[start][0]
            group = block.row_group(gid)
            grid.add(level, first, group.label if group else gid, "header", cs=last - first)
    return TableLayout(
        table.id, table.title, h + 1, n_cols, h, tuple([1 / n_cols] * n_cols), tuple(grid.cells)
    )


@cache
def _layout(fmt: FormatDefinition, table_id: str) -> TableLayout:
    table = fmt.table(table_id)
    if table.layout == "single_row":
        return _single_row_table(table)
    return _grid_table(table)


def table_layout(fmt: FormatDefinition, table_id: str) -> TableLayout:
    """The printed layout of one official table (cached: definitions are immutable)."""
    return _layout(fmt, table_id)


# ---------------------------------------------------------------- document structure shared by renderers

UNCHECKED_MARK = "【未通过数字核对】本稿仍有数字未通过核对，仅供修改参考，不得报送或公开。"
"""Printed at the top of a document exported with --force (both Markdown and Word)."""

_DATE_AT_END = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$")


def signature_text(report: ReportBase) -> str:
    """Agency and issue date, as the closing of a draft that has none (style.md §Closing)."""
    issued = report.meta.issue_date
    if issued is None:
        return report.meta.agency
    return f"{report.meta.agency} {issued.year}年{issued.month}月{issued.day}日"


def split_signature(text: str) -> tuple[str, str]:
    """(agency, date) of a signature line; the date is empty when the line carries none."""
    m = _DATE_AT_END.search(text)
    if not m:
        return text.strip(), ""
    return text[: m.start()].strip(" \u3000\t"), m.group(0).strip()


def issue_date_missing(draft: Draft, report: ReportBase) -> bool:
    """True when the printed closing has no date (成文日期): neither the draft's nor meta.issue_date."""
    signatures = [b for b in document_blocks(draft, report) if b.kind == "signature"]
    return not signatures or not split_signature(one_line(signatures[-1].text))[1]


def one_line(text: str) -> str:
    """A paragraph on one line: a line break inside Chinese prose is dropped, not turned into a space."""
    return "".join(part.strip() for part in text.splitlines())


def document_blocks(draft: Draft, report: ReportBase) -> list[Block]:
    """The blocks as printed: a title first (from `draft.title` if no title block), a signature last."""
    blocks = list(draft.blocks)
    if not any(b.kind == "title" for b in blocks) and draft.title:
        blocks.insert(0, Block(kind="title", text=draft.title, section="preface"))
    if not any(b.kind == "signature" for b in blocks):
        blocks.append(Block(kind="signature", text=signature_text(report), section="signature"))
    return blocks
