"""Runs → the format's cells: each official row found by its label, its numbers the cells after it.

Rows are matched in table order against the format definition (labels normalised, small variants
tolerated); a row's cells are taken only when their number matches the columns once padding is
set aside. A blank cell stays blank, a "/" reads as 0, anything else is reported and left blank.
A row whose digits ran together is not split here: every split is enumerated and left pending
for `identities`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from report_copilot.inputs.published.cells import UNLABELED_ROW, Cell, Run
from report_copilot.inputs.published.model import BLANK_MARK, ImportIssue
from report_copilot.inputs.published.normalize import label_core, norm_label, printed_variants
from report_copilot.inputs.published.splits import splits as _splits
from report_copilot.model.formats import BlockDef, CellDef, ColumnDef, RowDef, TableDef


@dataclass
class RowTarget:
    table: TableDef
    block: BlockDef
    row: RowDef

    @property
    def cell_ids(self) -> list[str]:
        return [f"{self.table.id}.{self.row.id}.{c.id}" for c in self.block.columns]


_ORDINAL = re.compile(
    r"(?<!\d)\d{1,2}[.、](?!\d)|\([一二三四五六七八九十]{1,3}\)|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、"
)


def _label_score(row: RowDef, label: str) -> float:
    """How well a run's label text ends with this row's label (1 = exactly; 0 = not at all)."""
    seg = norm_label(label).rstrip(":：")
    if not seg or seg.endswith(UNLABELED_ROW):
        return 0.0
    best = 0.0
    cores = [label_core(row.label), *printed_variants()["rows"].get(label_core(row.label), ())]
    # The text after the row's own ordinal ("2.其他法律行政止公开"): a misprinted label is compared
    # whole, not with as many characters of the group label before it as the official label has.
    ordinals = list(_ORDINAL.finditer(seg))
    own = seg[ordinals[-1].end() :] if ordinals else ""
    for n, core in enumerate(cores):
        weight = 1.0 if n == 0 else 0.95
        if seg.endswith(core):
            return weight
        if len(core) >= 6:
            tail = seg[-len(core) :]
            ratio = SequenceMatcher(None, core, tail).ratio()
            if len(own) >= 4:
                ratio = max(ratio, SequenceMatcher(None, core, own).ratio())
            if ratio >= 0.8:
                best = max(best, ratio * 0.9 * weight)
            # A label broken by its own numbers ("确认或重新出 0 0 … 具已获取信息").
            # A long label wrapped by a PDF layout keeps only its first line before the numbers.
            for k in range(len(core) - 1, max(4, min(len(core) // 2, 10)) - 1, -1):
                if seg.endswith(core[:k]):
                    best = max(best, 0.7 * weight)
                    break
    return best


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


@dataclass
class TableReading:
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    pending: list[tuple[list[RowTarget], list[list[int]]]] = field(default_factory=list)
    """Rows whose digits ran together: the rows, and every split of their digits."""


def read_grid(table: TableDef, runs: list[Run], reading: TableReading) -> None:
    targets = [RowTarget(table, b, r) for b in table.blocks for r in b.rows]
    used: set[int] = set()
    pointer = 0
    matches: list[tuple[RowTarget, int | None]] = []
    for target in targets:
        best_j, best_score = None, 0.0
        for j in range(pointer, len(runs)):
            if j in used or not runs[j].cells:
                continue
            score = _label_score(target.row, runs[j].label)
            if score >= 0.99:
                best_j, best_score = j, score
                break
            if score > best_score:
                best_j, best_score = j, score
        if best_j is None or best_score < 0.7 or _claimed_by_other(targets, target, runs[best_j], best_score):
            matches.append((target, None))
            continue
        used.add(best_j)
        pointer = best_j + 1
        matches.append((target, best_j))
    if all(run_index is None for _, run_index in matches):
        _missing_table(table, reading)
        return
    matches = _blocks_out_of_order(runs, matches, used)
    matches = _place_unlabeled(runs, matches, used, reading)
    printed_groups = _group_rows(table, runs, matches, used)
    for target, run_index in matches:
        group = printed_groups.get(target.row.group or "")
        if run_index is None and group is not None:
            _member_of_printed_group(target, group, reading)
        elif run_index is None:
            _missing_row(target, reading)
        else:
            _take_cells(target, runs[run_index], reading)


def _blocks_out_of_order(
    runs: list[Run], matches: list[tuple[RowTarget, int | None]], used: set[int]
) -> list[tuple[RowTarget, int | None]]:
    """A block none of whose rows was found in table order, looked for anywhere by its exact labels.

    Converters may print the small tables of 二 (第二十条第（五）项 …) before the one of 第（一）项.
    """
    out = list(matches)
    for block in dict.fromkeys(t.block for t, _ in out):
        members = [k for k, (t, _) in enumerate(out) if t.block is block]
        if any(out[k][1] is not None for k in members):
            continue
        start = 0
        for k in members:
            j = next(
                (
                    j
                    for j in range(start, len(runs))
                    if j not in used and runs[j].cells and _label_score(out[k][0].row, runs[j].label) >= 0.99
                ),
                None,
            )
            if j is not None:
                out[k] = (out[k][0], j)
                used.add(j)
                start = j + 1
    return out


def _place_unlabeled(
    runs: list[Run], matches: list[tuple[RowTarget, int | None]], used: set[int], reading: TableReading
) -> list[tuple[RowTarget, int | None]]:
    """Rows of numbers printed apart from their labels (`cells.UNLABELED_ROW`), placed by table order.

    Between two rows found by their labels with a full row of numbers, the other rows (not found,
    or found with too few numbers: a label whose numbers were printed apart) and the unlabeled rows
    of numbers are paired in order, only when they are as many and each unlabeled row has the width
    of the table (a converter keeps the rows of numbers in order, but moves the labels of merged cells).
    """
    out = list(matches)

    def full(k: int) -> bool:
        target, index = out[k]
        return index is not None and len(_window(runs[index].cells, len(target.block.columns))) >= len(
            target.block.columns
        )

    bounds = [-1, *(k for k in range(len(out)) if full(k)), len(out)]
    for left, right in itertools.pairwise(bounds):
        gap = list(range(left + 1, right))
        low = out[left][1] if left >= 0 else -1
        high = out[right][1] if right < len(out) else len(runs)
        if (
            not gap
            or low is None
            or high is None
            or any(out[k][0].block is not out[gap[0]][0].block for k in gap)
        ):
            continue
        width = len(out[gap[0]][0].block.columns)
        loose = [
            j
            for j in range(low + 1, high)
            if j not in used and len(_strip_padding(_window(runs[j].cells, width))) == width
        ]
        if len(loose) != len(gap) or not all(
            _may_be(out[k][0], runs[j]) for k, j in zip(gap, loose, strict=True)
        ):
            continue
        for k, j in zip(gap, loose, strict=True):
            out[k] = (out[k][0], j)
            used.add(j)
            target = out[k][0]
            where = f"{target.table.title} › {target.row.label}"
            reading.issues.append(
                ImportIssue(
                    "inferred",
                    f"{target.table.id}.{target.row.id}",
                    where,
                    f"{where}：原文这一行的数字与行名分开印出，按表格行序对应到本行，请核对",
                    cells=target.cell_ids,
                )
            )
    return out


def _may_be(target: RowTarget, run: Run) -> bool:
    """A row of numbers without a label, or whose label was cut short or broken up by a converter
    but shares a stretch of words with this row's label ("行政机关不再处理其政府信息公")."""
    seg = norm_label(run.label)
    if seg.endswith(UNLABELED_ROW):
        return True
    core = label_core(target.row.label)
    match = SequenceMatcher(None, core, seg[-3 * len(core) :]).find_longest_match()
    return match.size >= min(len(core), 6)


@dataclass
class _PrintedGroup:
    label: str
    members: int
    zeros: bool
    shown: str
    issue: ImportIssue | None = None


def _group_rows(
    table: TableDef, runs: list[Run], matches: list[tuple[RowTarget, int | None]], used: set[int]
) -> dict[str, _PrintedGroup]:
    """Groups printed as one row instead of their sub-rows, as an older template has them ("（六）其他
    处理 0 0 0 0 0 0 0" in a 2021 table): only when none of the sub-rows is printed and the row
    stands where they belong. A row of zeros makes every sub-row 0, as counts cannot be negative.
    """
    out: dict[str, _PrintedGroup] = {}
    for block in table.blocks:
        for group in block.row_groups:
            members = [n for n, (t, _) in enumerate(matches) if t.block is block and t.row.group == group.id]
            if group.virtual or not members or any(matches[n][1] is not None for n in members):
                continue
            before = [index for _, index in matches[: members[0]] if index is not None]
            after = [index for _, index in matches[members[-1] + 1 :] if index is not None]
            low, high = (before[-1] if before else -1), (after[0] if after else len(runs))
            core = label_core(group.label)
            for j in range(low + 1, high):
                if j in used or not norm_label(runs[j].label).rstrip(":：").endswith(core):
                    continue
                cells = _window(runs[j].cells, len(block.columns))
                zeros = len(cells) == len(block.columns) and all(
                    c.status == "ok" and c.value == 0 and c.unit is None for c in cells
                )
                shown = " ".join(c.raw or "（空）" for c in cells)
                out[group.id] = _PrintedGroup(group.label, len(members), zeros, shown)
                break
    return out


def _member_of_printed_group(target: RowTarget, group: _PrintedGroup, reading: TableReading) -> None:
    """A sub-row of a group printed as one row: 0 when that row is all zeros, else not read; one
    `layout` issue for the group (the audit reports the older template's row under X-1)."""
    ids = target.cell_ids
    if not group.zeros:
        _missing_row(target, reading)
    for cid in ids:
        reading.values[cid] = 0 if group.zeros else None
    if group.issue is None:
        where = f"{target.table.title} › {group.label}"
        how = "全为 0，其下各行按 0 导入" if group.zeros else f"（{group.shown}），无法分到其下各行"
        group.issue = ImportIssue(
            "layout",
            f"{target.table.id}.{target.row.group}",
            where,
            f"{where}：原文按旧版表格只印了这一行，本格式应分列其下各行（{group.members} 行）；{how}",
        )
        reading.issues.append(group.issue)
    group.issue.cells.extend(ids)


def _claimed_by_other(targets: list[RowTarget], target: RowTarget, run: Run, score: float) -> bool:
    """A run matched only loosely that another row of the table matches at least as well.

    Sibling labels differ in a few characters ("1.申请人无正当理由逾期不补正、行政机关不再处理…" and
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理…"); where one of them is missing from
    the source, the other's run must not be taken for it.
    """
    if score >= 0.99:
        return False
    return any(other is not target and _label_score(other.row, run.label) >= score for other in targets)


def _missing_row(target: RowTarget, reading: TableReading) -> None:
    ids = target.cell_ids
    for cid in ids:
        reading.values[cid] = None
    reading.issues.append(
        ImportIssue(
            "missing_row",
            f"{target.table.id}.{target.row.id}",
            f"{target.table.title} › {target.row.label}",
            f"{target.table.title} › {target.row.label}：原文中未找到这一行，其单元格未导入",
            cells=ids,
        )
    )


def _missing_table(table: TableDef, reading: TableReading) -> None:
    """A section whose table is not in the source at all (an image, or left out): one issue."""
    ids = [cid for b in table.blocks for r in b.rows for cid in RowTarget(table, b, r).cell_ids]
    for cid in ids:
        reading.values[cid] = None
    reading.issues.append(
        ImportIssue(
            "missing_table",
            table.id,
            table.title,
            f"{table.title}：原文中没有这张表（可能是图片或被省略），其 {len(ids)} 个单元格未导入",
            cells=ids,
        )
    )


def _window(cells: list[Cell], n: int) -> list[Cell]:
    """The n value cells of a row that has more cells than columns, when the rest are only padding.

    Web crawls print a merged or spanned cell as extra borders (`0 | ||`), so a row may carry
    empty cells before or after its values; the values are the leftmost window of n cells outside
    which every cell is empty. Anything else is returned unchanged (and reported as unreadable).
    """
    if len(cells) <= n:
        return cells
    for start in range(len(cells) - n + 1):
        outside = cells[:start] + cells[start + n :]
        if all(c.status == "blank" and c.raw in {"", BLANK_MARK} for c in outside):
            return cells[start : start + n]
    return cells


def _strip_padding(cells: list[Cell]) -> list[Cell]:
    """The cells without the empty ones at either end (padding, or borders of a merged cell)."""
    filled = [i for i, c in enumerate(cells) if not (c.status == "blank" and c.raw == "")]
    return cells[filled[0] : filled[-1] + 1] if filled else []


def _take_cells(target: RowTarget, run: Run, reading: TableReading) -> None:
    n = len(target.block.columns)
    fmt_cells = [_cell_def(target, c) for c in target.block.columns]
    cells = _window(run.cells, n)
    if len(cells) == n:
        _assign(fmt_cells, cells, reading)
        return
    digits_only = all(c.status == "ok" and isinstance(c.value, int) and c.value >= 0 for c in cells)
    if len(cells) < n and digits_only and not run.delimited:
        splits = list(_splits([c.raw for c in cells], n))
        if splits:
            reading.pending.append(([target], splits))
            for cell in fmt_cells:
                reading.values[cell.id] = None
            return
    for cell in fmt_cells:
        reading.values[cell.id] = None
    cells = _strip_padding(cells)
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


def _cell_def(target: RowTarget, column: Any) -> CellDef:
    cid = f"{target.table.id}.{target.row.id}.{column.id}"
    return CellDef(cid, target.table, target.block, target.row, column)


def _assign(fmt_cells: list[CellDef], cells: list[Cell], reading: TableReading) -> None:
    na: list[tuple[CellDef, str]] = []
    for cell, c in zip(fmt_cells, cells, strict=True):
        if c.status == "na":
            # "/", "—", "无": nothing to report in this cell (a department that makes no 规章) → 0.
            reading.values[cell.id] = 0
            na.append((cell, c.raw))
            continue
        value = _cell_value(cell, c) if c.status == "ok" else None
        reading.values[cell.id] = value
        if c.status == "blank":
            reading.issues.append(
                ImportIssue(
                    "blank",
                    cell.id,
                    cell.where,
                    f"{cell.where}：原文此格为空白（未填），未按 0 导入",
                    cells=[cell.id],
                )
            )
        elif value is None:
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


def read_single_row(table: TableDef, runs: list[Run], reading: TableReading) -> None:
    """Table 四: one row of 15 numbers under a header (the rows are the three column groups)."""
    block = table.blocks[0]
    targets = [RowTarget(table, block, r) for r in block.rows]
    fmt_cells = [_cell_def(t, c) for t in targets for c in block.columns]
    n = len(fmt_cells)
    # The value row: the first run holding a number or a "/" (header rows hold only empty cells),
    # under the table's own header — without it, numbers of a neighbouring table would be taken.
    headers: list[RowDef | ColumnDef] = [*block.rows, *block.columns]
    words = [w for w in (label_core(x.label) for x in headers) if len(w) >= 4]
    header = next(
        (i for i, r in enumerate(runs) if any(w in norm_label(r.label) for w in words)),
        None,
    )
    run = next(
        (
            r
            for r in runs[header if header is not None else len(runs) :]
            if any(c.status in {"ok", "na"} for c in r.cells)
            and ("。" not in r.label[-30:] or norm_label(r.label).endswith(UNLABELED_ROW))
        ),
        None,
    )
    if run is None:
        _missing_table(table, reading)
        return
    cells = _window(run.cells, n)
    if len(cells) == n:
        _assign(fmt_cells, cells, reading)
        return
    if (
        len(cells) < n
        and not run.delimited
        and all(c.status == "ok" and isinstance(c.value, int) for c in cells)
    ):
        splits = list(_splits([c.raw for c in cells], n))
        if splits:
            for cell in fmt_cells:
                reading.values[cell.id] = None
            reading.pending.append((targets, splits))
            return
    for cell in fmt_cells:
        reading.values[cell.id] = None
    cells = _strip_padding(cells)
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
