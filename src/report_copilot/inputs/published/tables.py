"""Runs → the format's cells: each official row found by its label, its numbers the cells after it.

Rows are matched in table order against the format definition (labels normalised, small variants
tolerated); a row's cells are taken only when their number matches the columns once padding is
set aside. A blank cell stays blank, a "/" reads as 0, anything else is reported and left blank.
A row whose digits ran together is not split here: every split is enumerated and left pending
for `identities`.

Which run is which row is decided in `rowmatch`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from operator import attrgetter
from typing import Any

from report_copilot.inputs.published.blank_rows import (
    blank_row,
    blank_rows,
    labels_without_numbers,
)
from report_copilot.inputs.published.cells import UNLABELED_ROW, Cell, Run
from report_copilot.inputs.published.model import BLANK_MARK, ImportIssue
from report_copilot.inputs.published.normalize import label_core, norm_label
from report_copilot.inputs.published.rowmatch import (
    RowTarget,
    TableReading,
    blocks_out_of_order,
    claimed_by_other,
    group_rows,
    label_score,
    member_of_printed_group,
    missing_row,
    place_unlabeled,
    strip_padding,
    unread_table,
    window,
)
from report_copilot.inputs.published.splits import merges
from report_copilot.inputs.published.splits import splits as _splits
from report_copilot.inputs.published.stacked_rows import drop_displaced
from report_copilot.model.formats import BlockDef, CellDef, ColumnDef, RowDef, TableDef


def _cell_value(cell: CellDef, c: Cell) -> Any:
    """A read cell as input data; None when it cannot be read."""
    if c.value is None:
        return None
    if cell.kind == "count":
        return c.value if isinstance(c.value, int) and c.value >= 0 and c.unit is None else None
    if cell.kind == "signed":
        return c.value if isinstance(c.value, int) and c.unit is None else None
    if cell.kind == "amount":
        value = Decimal(c.value)
        if c.unit == "元" and cell.unit == "万元":
            value = value / 10000
        return value if value >= 0 else None
    # money: keep the unit the filer wrote
    if c.value < 0:
        return None
    return f"{c.value}{c.unit}" if c.unit else c.value


@cache
def _targets(table: TableDef) -> tuple[RowTarget, ...]:
    """The official rows of a table, in order: built once per format, not per report."""
    return tuple(RowTarget(table, b, r) for b in table.blocks for r in b.rows)


def read_grid(table: TableDef, runs: list[Run], reading: TableReading) -> None:
    targets = list(_targets(table))
    used: set[int] = set()
    pointer = 0
    matches: list[tuple[RowTarget, int | None]] = []
    for target in targets:
        best_j, best_score = None, 0.0
        for j in range(pointer, len(runs)):
            if j in used or not (runs[j].cells or runs[j].delimited):
                continue
            score = label_score(target.row, runs[j].label)
            if score >= 0.99:
                best_j, best_score = j, score
                break
            if score > best_score:
                best_j, best_score = j, score
        if best_j is None or best_score < 0.7 or claimed_by_other(targets, target, runs[best_j], best_score):
            matches.append((target, None))
            continue
        used.add(best_j)
        pointer = best_j + 1
        matches.append((target, best_j))
    if all(run_index is None for _, run_index in matches):
        unread_table(table, reading, printed=labels_without_numbers(table, runs))
        return
    matches = blocks_out_of_order(runs, matches, used)
    matches = place_unlabeled(runs, matches, used, reading)
    printed_groups = group_rows(table, runs, matches, used)
    empty = blank_rows(table, runs, matches)
    for k, (target, run_index) in enumerate(matches):
        group = printed_groups.get(target.row.group or "")
        if run_index is None and group is not None:
            member_of_printed_group(target, group, reading)
        elif k in empty:
            blank_row(target, reading)
        elif run_index is None:
            missing_row(target, reading)
        else:
            _take_cells(target, runs[run_index], reading)
    taken = sorted((i, k) for k, (_, i) in enumerate(matches) if i is not None and k not in empty)
    drop_displaced([(matches[k][0], runs[i]) for i, k in taken], [t for t, _ in matches], reading)


def _take_cells(target: RowTarget, run: Run, reading: TableReading) -> None:
    n = len(target.block.columns)
    cells = run.cells if len(run.cells) <= n else window(run.cells, n)  # (`window` returns them so)
    if run.plain and len(cells) == n:
        ids = _count_ids(target.table, target.block, target.row)
        if ids is not None:
            # A row of plain counts in count columns, the most common row: each cell as printed.
            reading.values.update(zip(ids, map(_VALUE, cells), strict=True))
            return
    fmt_cells = _row_cells(target.table, target.block, target.row)
    if run.delimited and not strip_padding(cells):
        # A bordered row with nothing in it ("行政事业性收费 | ||||"): every cell printed empty.
        cells = [Cell("", None, status="blank") for _ in range(n)]
    if len(cells) == n:
        _assign(fmt_cells, cells, reading)
        return
    digits_only = all(c.status == "ok" and isinstance(c.value, int) and c.value >= 0 for c in cells)
    if len(cells) < n and digits_only and not run.delimited:
        reading.vanishing = reading.vanishing or sum(len(c.raw) for c in cells) < n
        if not run.stacked and _short([target], cells, n, reading):
            return
        splits = [] if _one_figure(run, cells) else list(_splits([c.raw for c in cells], n))
        if splits:
            reading.pending.append(([target], splits))
            reading.raws[target.cell_ids[0]] = [c.raw for c in cells]
            if run.touching:
                reading.touching.add(target.cell_ids[0])
            if len(cells) == 1 and len(cells[0].raw) == n:
                reading.glued.add(target.cell_ids[0])
            for cell in fmt_cells:
                reading.values[cell.id] = None
            return
    own_sum = any(c.sum_of for c in target.block.columns)
    if len(cells) > n and digits_only and not run.delimited and own_sum:
        # More numbers than cells: a cell printed with a stray space in it. Joined only where the
        # row's own total confirms it (see `identities`), never in a row without one.
        joined = list(merges([c.raw for c in cells], n))
        if joined:
            reading.pending.append(([target], joined))
            reading.joined.add(target.cell_ids[0])
            for cell in fmt_cells:
                reading.values[cell.id] = None
            return
    for cell in fmt_cells:
        reading.values[cell.id] = None
    cells = strip_padding(cells)
    shown = " ".join(c.raw or "（空）" for c in cells)
    reading.issues.append(
        ImportIssue(
            "unreadable",
            f"{target.table.id}.{target.row.id}",
            f"{target.table.title} › {target.row.label}",
            f"{target.table.title} › {target.row.label}：应有 {n} 个数，原文读到 {len(cells)} 个（{shown}），"
            "无法确定对应关系，本行未导入",
            cells=[c.id for c in fmt_cells],
        )
    )


def _short(targets: list[RowTarget], cells: list[Cell], n: int, reading: TableReading) -> bool:
    """A row of one-digit numbers printed apart, one fewer than its cells (a blank cell left no
    trace, as no number can be cut in two): left for `short_rows`, which places the blank by the
    identities once every row is read."""
    if len(cells) != n - 1 or n < 3 or any(len(c.raw) > 1 for c in cells):
        return False  # a number of two digits may be two cells run together: `splits` cut them
    reading.short.append((targets, [c.raw for c in cells]))
    for t in targets:
        for cid in t.cell_ids:
            reading.values[cid] = None
    return True


@cache
def _row_cells(table: TableDef, block: BlockDef, row: RowDef) -> tuple[CellDef, ...]:
    """The cells of one official row, in column order: built once per format, not per report."""
    return tuple(CellDef(f"{table.id}.{row.id}.{c.id}", table, block, row, c) for c in block.columns)


_VALUE = attrgetter("value")


@cache
def _count_ids(table: TableDef, block: BlockDef, row: RowDef) -> tuple[str, ...] | None:
    """The cell ids of a row whose columns all hold counts (else None): what `_assign` does with a
    row of plain numbers there is to store each number (see `_take_cells`)."""
    cells = _row_cells(table, block, row)
    return tuple(c.id for c in cells) if all(c.column.kind == "count" for c in cells) else None


def _assign(fmt_cells: Sequence[CellDef], cells: list[Cell], reading: TableReading) -> None:
    na: list[tuple[CellDef, str]] = []
    values = reading.values
    for cell, c in zip(fmt_cells, cells, strict=True):
        status = c.status
        if status == "ok":
            v = c.value
            # A plain count, by far the most common cell, read without the general case.
            plain = type(v) is int and v >= 0 and c.unit is None and cell.column.kind == "count"
            values[cell.id] = v if plain else _cell_value(cell, c)
            if plain or values[cell.id] is not None:
                continue
        elif status == "na":
            # "/", "—", "无": nothing to report in this cell (a department that makes no 规章) → 0.
            values[cell.id] = 0
            na.append((cell, c.raw))
            continue
        else:
            values[cell.id] = None
        if status == "blank":
            reading.issues.append(
                ImportIssue(
                    "blank",
                    cell.id,
                    cell.where,
                    f"{cell.where}：原文此格为空白（未填），未按 0 导入",
                    cells=[cell.id],
                )
            )
        else:
            reading.issues.append(
                ImportIssue(
                    "unreadable",
                    cell.id,
                    cell.where,
                    f"{cell.where}：无法识别原文「{c.raw}{c.unit or ''}」，未导入",
                    cells=[cell.id],
                )
            )
    if na:
        first = na[0][0]
        marks = "、".join(sorted({f"「{raw}」" for _, raw in na}))
        names = "、".join(cell.column.label for cell, _ in na)
        where = f"{first.table.title} › {first.row.label}"
        reading.issues.append(
            ImportIssue(
                "na",
                f"{first.table.id}.{first.row.id}",
                where,
                f"{where}：原文{names}为{marks}（无此项/不适用），按 0 导入",
                cells=[cell.id for cell, _ in na],
            )
        )


def _rows_apart(block: BlockDef, runs: list[Run]) -> list[Cell] | None:
    """Table 四 printed as one small table per row group (行政复议 / 行政诉讼（未经复议直接起诉） /
    行政诉讼（复议后起诉）), each with its own header: every group's row found by the group's name
    in the text before it, in order, with exactly one cell a column."""
    width = len(block.columns)
    names = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", r.label)) for r in block.rows]
    out: list[Cell] = []
    start = 0
    for k, name in enumerate(names):
        for j in range(start, len(runs)):
            label = re.sub(r"\s+", "", unicodedata.normalize("NFKC", runs[j].label))
            last = max(names, key=label.rfind)
            cells = window(runs[j].cells, width)
            if name in label and last == name and len(cells) == width:
                out += cells
                start = j + 1
                break
        if len(out) != width * (k + 1):
            return None
    return out


def _all_blank(run: Run, n: int) -> bool:
    """A row of exactly `n` cells each printed empty inside its borders (`∅`, from a web or Word
    table whose row of values under the header was left all empty): the values row, every cell blank."""
    return len(run.cells) == n and all(c.status == "blank" and c.raw == BLANK_MARK for c in run.cells)


@cache
def _header_words(block: BlockDef) -> tuple[str, ...]:
    """The row and column labels of a one-row table long enough to tell its header (once per format)."""
    headers: list[RowDef | ColumnDef] = [*block.rows, *block.columns]
    return tuple(w for w in (label_core(x.label) for x in headers) if len(w) >= 4)


def read_single_row(table: TableDef, runs: list[Run], reading: TableReading) -> None:
    """Table 四: one row of 15 numbers under a header (the rows are the three column groups)."""
    block = table.blocks[0]
    fmt_cells = [cell for r in block.rows for cell in _row_cells(table, block, r)]
    n = len(fmt_cells)
    header, run = _value_run(block, runs, n)
    if run is None:
        printed = header is not None and labels_without_numbers(table, runs[header:])
        unread_table(table, reading, printed=printed)
        return
    cells = window(run.cells, n)
    if len(cells) == n:
        _assign(fmt_cells, cells, reading)
        return
    apart = _rows_apart(block, runs[header or 0 :])
    if apart is not None:
        _assign(fmt_cells, apart, reading)
        return
    if not _split_pending(table, run, cells, fmt_cells, reading):
        _unreadable_row(table, fmt_cells, cells, reading)


def _value_run(block: BlockDef, runs: list[Run], n: int) -> tuple[int | None, Run | None]:
    """(the run holding the table's header, the value row): the first run holding a number or a "/"
    (header rows hold only empty cells), under the table's own header — without it, numbers of a
    neighbouring table would be taken."""
    words = _header_words(block)
    header = next(
        (i for i, r in enumerate(runs) if any(w in norm_label(r.label) for w in words)),
        None,
    )
    run = next(
        (
            r
            for r in runs[header if header is not None else len(runs) :]
            if (any(c.status in {"ok", "na"} for c in r.cells) or _all_blank(r, n))
            and ("。" not in r.label[-30:] or norm_label(r.label).endswith(UNLABELED_ROW))
        ),
        None,
    )
    return header, run


def _one_figure(run: Run, cells: list[Cell]) -> bool:
    """Figures standing apart from their label as the text sets its cells apart, each one figure
    whose column the text does not tell, never digits a cell: a lone run after a layout gap
    ("行政许可        126" for three cells, the zeros printed blank), or any figure of a text printed
    one cell a line (each line is one cell; a blank one left no line)."""
    return run.stacked or (run.apart and len(cells) == 1)


def _split_pending(
    table: TableDef, run: Run, cells: list[Cell], fmt_cells: list[CellDef], reading: TableReading
) -> bool:
    """A value row of fewer plain numbers than cells, digits run together: its splits are left to
    the identities (`reading.pending`). False when it is not such a row or no split fits."""
    n = len(fmt_cells)
    if not (
        len(cells) < n
        and not run.delimited
        and all(c.status == "ok" and isinstance(c.value, int) for c in cells)
    ):
        return False
    reading.vanishing = reading.vanishing or sum(len(c.raw) for c in cells) < n
    block = table.blocks[0]
    targets = [RowTarget(table, block, r) for r in block.rows]
    if not run.stacked and _short(targets, cells, n, reading):
        return True
    splits = [] if _one_figure(run, cells) else list(_splits([c.raw for c in cells], n))
    if not splits:
        return False
    for cell in fmt_cells:
        reading.values[cell.id] = None
    reading.pending.append((targets, splits))
    reading.raws[fmt_cells[0].id] = [c.raw for c in cells]
    if run.touching:
        reading.touching.add(fmt_cells[0].id)
    if len(cells) == 1 and len(cells[0].raw) == n:  # one digit a cell: as in `_take_cells`
        reading.glued.add(fmt_cells[0].id)
    return True


def _unreadable_row(
    table: TableDef, fmt_cells: list[CellDef], cells: list[Cell], reading: TableReading
) -> None:
    """The value row could not be read: every cell of the table left blank, and why."""
    n = len(fmt_cells)
    for cell in fmt_cells:
        reading.values[cell.id] = None
    cells = strip_padding(cells)
    reading.issues.append(
        ImportIssue(
            "unreadable",
            table.id,
            table.title,
            f"{table.title}：应有 {n} 个数，原文读到 {len(cells)} 个"
            f"（{' '.join(c.raw or '（空）' for c in cells)}），未导入",
            cells=[c.id for c in fmt_cells],
        )
    )
