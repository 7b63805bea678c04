"""Which run of the source is which official row: labels compared, and rows placed by table order.

A row is found by its label (official, or as printed: formats/printed_labels.toml), in table order.
Converters and crawls break that in known ways, each handled here by form: a block of 二 printed out
of order, rows of numbers printed apart from their labels (placed by table order, only when they are
as many as the rows they stand for), a group printed as one row as an older template has it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, cached_property, lru_cache
from typing import Any

from report_copilot.inputs.published.cells import UNLABELED_ROW, Cell, Run
from report_copilot.inputs.published.model import BLANK_MARK, ImportIssue
from report_copilot.inputs.published.normalize import label_core, norm_label, printed_variants
from report_copilot.model.formats import BlockDef, RowDef, TableDef


@dataclass
class RowTarget:
    table: TableDef
    block: BlockDef
    row: RowDef

    @property
    def cell_ids(self) -> list[str]:
        """The row's cell ids, a new list each time (callers keep it in an issue)."""
        return list(self._cell_ids)

    @cached_property
    def _cell_ids(self) -> tuple[str, ...]:
        return tuple(f"{self.table.id}.{self.row.id}.{c.id}" for c in self.block.columns)


_ORDINAL = re.compile(
    r"(?<!\d)\d{1,2}[.、](?!\d)|\([一二三四五六七八九十]{1,3}\)|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、"
)


@lru_cache(maxsize=4096)
def _segment(label: str) -> tuple[str, str]:
    """A run's label as compared: normalised, and the text after its last ordinal ("" when none)."""
    seg = norm_label(label).rstrip(":：")
    if not seg or seg.endswith(UNLABELED_ROW):
        return "", ""
    # The text after the row's own ordinal ("2.其他法律行政止公开"): a misprinted label is compared
    # whole, not with as many characters of the group label before it as the official label has.
    ordinals = list(_ORDINAL.finditer(seg))
    return seg, seg[ordinals[-1].end() :] if ordinals else ""


@cache
def _cores(row: RowDef) -> tuple[str, ...]:
    """The row's official label core, then its printed variants (formats/printed_labels.toml)."""
    return (label_core(row.label), *printed_variants()["rows"].get(label_core(row.label), ()))


_CLOSE = 0.8
"""The similarity from which a misprinted label counts (`label_score`)."""


def close_ratio(core: str, text: str) -> float:
    """`SequenceMatcher(None, core, text).ratio()` where it is at least `_CLOSE`, else 0.0 (a lower
    ratio counts for nothing). `quick_ratio`, an upper bound of `ratio`, rules most pairs out
    without the full comparison (the longest-match search, most of the cost of reading a table
    whose labels are misprinted)."""
    matcher = SequenceMatcher(None, core, text)
    if matcher.quick_ratio() < _CLOSE:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _CLOSE else 0.0


@lru_cache(maxsize=16384)
def label_score(row: RowDef, label: str) -> float:
    """How well a run's label text ends with this row's label (1 = exactly; 0 = not at all).

    A pure function of the official row and the label text, memoised: official labels repeat."""
    seg, own = _segment(label)
    if not seg:
        return 0.0
    best = 0.0
    for n, core in enumerate(_cores(row)):
        weight = 1.0 if n == 0 else 0.95
        if seg.endswith(core):
            return weight
        if len(core) >= 6:
            ratio = close_ratio(core, seg[-len(core) :])
            if len(own) >= 4:
                ratio = max(ratio, close_ratio(core, own))
            if ratio >= _CLOSE:
                best = max(best, ratio * 0.9 * weight)
            # A label broken by its own numbers ("确认或重新出 0 0 … 具已获取信息").
            # A long label wrapped by a PDF layout keeps only its first line before the numbers.
            for k in range(len(core) - 1, max(4, min(len(core) // 2, 10)) - 1, -1):
                if seg.endswith(core[:k]):
                    best = max(best, 0.7 * weight)
                    break
    return best


@dataclass
class TableReading:
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    pending: list[tuple[list[RowTarget], list[list[int]]]] = field(default_factory=list)
    """Rows whose digits ran together: the rows, and every split of their digits."""
    joined: set[str] = field(default_factory=set)
    """Pending rows (by first cell id) whose candidates join numbers: taken only where the row's
    own total confirms exactly one."""
    glued: set[str] = field(default_factory=set)
    """Pending rows (by first cell id) printed as one run of exactly one digit a cell ("8100008"):
    their one split is what was printed, even where it breaks an identity (the audit says so),
    unless blank cells vanish from this text's runs (`vanishing`)."""
    raws: dict[str, list[str]] = field(default_factory=dict)
    """Pending rows (by first cell id) whose digits ran together: the digit strings as printed, for
    a search that can go past the enumeration's limit (`identities`)."""
    touching: set[str] = field(default_factory=set)
    """Pending rows (by first cell id) with two numbers printed touching ("0+11"): glued cells."""
    short: list[tuple[list[RowTarget], list[str]]] = field(default_factory=list)
    """Rows printed one number short, apart ("1 0 0 0 0 0" for seven cells): the rows and the
    numbers as printed, read where the identities place the blank (`short_rows`)."""
    vanishing: bool = False
    """A row ran together with fewer digits than cells ("（二）部分公开3" for seven cells): blank cells
    leave no trace in this text, so a run of one digit a cell may hold fewer cells than digits."""


def blocks_out_of_order(
    runs: list[Run], matches: list[tuple[RowTarget, int | None]], used: set[int]
) -> list[tuple[RowTarget, int | None]]:
    """A block none of whose rows was found in table order, looked for anywhere by its exact labels.

    Converters may print the small tables of 二 (第二十条第（五）项 …) before the one of 第（一）项.
    """
    out = list(matches)
    by_block: dict[BlockDef, list[int]] = {}  # each block's rows in `out`, blocks in table order
    for k, (t, _) in enumerate(out):
        by_block.setdefault(t.block, []).append(k)
    for members in by_block.values():
        if any(out[k][1] is not None for k in members):
            continue
        start = 0
        for k in members:
            j = next(
                (
                    j
                    for j in range(start, len(runs))
                    if j not in used and runs[j].cells and label_score(out[k][0].row, runs[j].label) >= 0.99
                ),
                None,
            )
            if j is not None:
                out[k] = (out[k][0], j)
                used.add(j)
                start = j + 1
    return out


def place_unlabeled(
    runs: list[Run], matches: list[tuple[RowTarget, int | None]], used: set[int], reading: TableReading
) -> list[tuple[RowTarget, int | None]]:
    """Rows of numbers printed apart from their labels (`cells.UNLABELED_ROW`), placed by table order.

    Between two rows found by their labels with a full row of numbers, the other rows (not found,
    or found with too few numbers: a label whose numbers were printed apart) and the unlabeled rows
    of numbers are paired in order, only when they are as many and each unlabeled row has the width
    of the table (a converter keeps the rows of numbers in order, but moves the labels of merged cells).
    """
    out = list(matches)
    bounds = [-1]
    for k, (target, index) in enumerate(out):
        if index is None:
            continue
        width, cells = len(target.block.columns), runs[index].cells
        if len(cells) == width or len(window(cells, width)) >= width:  # the row found with a full row
            bounds.append(k)
    bounds.append(len(out))
    for left, right in itertools.pairwise(bounds):
        if right == left + 1:
            continue  # no row between two full rows (the common case)
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
            if j not in used and len(strip_padding(window(runs[j].cells, width))) == width
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


def group_rows(
    table: TableDef, runs: list[Run], matches: list[tuple[RowTarget, int | None]], used: set[int]
) -> dict[str, _PrintedGroup]:
    """Groups printed as one row instead of their sub-rows, as an older template has them ("（六）其他
    处理 0 0 0 0 0 0 0" in a 2021 table): only when none of the sub-rows is printed and the row
    stands where they belong. A row of zeros makes every sub-row 0, as counts cannot be negative.
    Not in a text printed one cell a line, which follows the drawing order: there the figures after
    a group label may be those of a sub-row whose label was drawn before it.
    """
    out: dict[str, _PrintedGroup] = {}
    by_group: dict[tuple[BlockDef, str | None], list[int]] = {}  # (block, group id) → its rows in `matches`
    for n, (t, _) in enumerate(matches):
        by_group.setdefault((t.block, t.row.group), []).append(n)
    for block in table.blocks:
        for group in block.row_groups:
            members = by_group.get((block, group.id), [])
            if group.virtual or not members or any(matches[n][1] is not None for n in members):
                continue
            before = [index for _, index in matches[: members[0]] if index is not None]
            after = [index for _, index in matches[members[-1] + 1 :] if index is not None]
            low, high = (before[-1] if before else -1), (after[0] if after else len(runs))
            core = label_core(group.label)
            for j in range(low + 1, high):
                if j in used or runs[j].stacked or not norm_label(runs[j].label).rstrip(":：").endswith(core):
                    continue  # (one cell a line: the figures after a group label may be any row's)
                cells = window(runs[j].cells, len(block.columns))
                zeros = len(cells) == len(block.columns) and all(
                    c.status == "ok" and c.value == 0 and c.unit is None for c in cells
                )
                shown = " ".join(c.raw or "（空）" for c in cells)
                out[group.id] = _PrintedGroup(group.label, len(members), zeros, shown)
                break
    return out


def member_of_printed_group(target: RowTarget, group: _PrintedGroup, reading: TableReading) -> None:
    """A sub-row of a group printed as one row: 0 when that row is all zeros, else not read; one
    `layout` issue for the group (the audit reports the older template's row under X-1)."""
    ids = target.cell_ids
    if not group.zeros:
        missing_row(target, reading)
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


def claimed_by_other(targets: list[RowTarget], target: RowTarget, run: Run, score: float) -> bool:
    """A run matched only loosely that another row of the table matches at least as well.

    Sibling labels differ in a few characters ("1.申请人无正当理由逾期不补正、行政机关不再处理…" and
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理…"); where one of them is missing from
    the source, the other's run must not be taken for it.
    """
    if score >= 0.99:
        return False
    return any(other is not target and label_score(other.row, run.label) >= score for other in targets)


def missing_row(target: RowTarget, reading: TableReading) -> None:
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


def window(cells: list[Cell], n: int) -> list[Cell]:
    """The n value cells of a row that has more cells than columns, when the rest are only padding.

    Web crawls print a merged or spanned cell as extra borders (`0 | ||`), so a row may carry
    empty cells before or after its values; the values are the leftmost window of n cells outside
    which every cell is empty. When a window starting at the first figure fits too, after empty
    cells the leftmost window would read as blanks ("（一）予以公开 | | 258 | 12 | | | 1 | 1 |"), the
    empty cell before the figures may be the label's merged border as well as a blank 自然人: which
    was printed where is unknown. A row of k cells per column whose cells all stand at one place in
    each group of k, the others empty, is a row of cells each merged over k columns as converters
    print them ("| 规章 | 13 | | 13 | | 524 | |"). Anything else is returned unchanged (and reported
    as unreadable).
    """
    if len(cells) <= n:
        return cells
    empty = [c.status == "blank" and c.raw in {"", BLANK_MARK} for c in cells]
    fits = [start for start in range(len(cells) - n + 1) if all(empty[:start] + empty[start + n :])]
    first = next((i for i, e in enumerate(empty) if not e), 0)
    if not fits:
        return _strided(cells, empty, n)
    if fits[0] < first and first in fits:
        return cells
    return cells[fits[0] : fits[0] + n]


def _strided(cells: list[Cell], empty: list[bool], n: int) -> list[Cell]:
    """The cells at one offset in each group of k (the columns each cell is merged over), when that
    offset alone leaves only empty cells elsewhere and no other k or offset does; else the row
    unchanged. Empty cells after the last figure are the last cell's borders, or row padding."""
    last = max((i for i, e in enumerate(empty) if not e), default=-1)
    found: list[list[Cell]] = []
    for k in range(max(2, -(-(last + 1) // n)), len(cells) // n + 2):
        if len(cells) < n * k - (k - 1):
            continue
        full = (empty + [True] * n * k)[: n * k]
        padded = (cells + [Cell("", None, status="blank")] * n * k)[: n * k]
        for o in range(k):
            if all(e for i, e in enumerate(full) if i % k != o):
                found.append(padded[o::k])
    shapes = {tuple(c.raw for c in f) for f in found}
    return found[0] if len(shapes) == 1 else cells


def strip_padding(cells: list[Cell]) -> list[Cell]:
    """The cells without the empty ones at either end (padding, or borders of a merged cell)."""
    filled = [i for i, c in enumerate(cells) if not (c.status == "blank" and c.raw == "")]
    return cells[filled[0] : filled[-1] + 1] if filled else []


def unread_table(table: TableDef, reading: TableReading, *, printed: bool) -> None:
    """A table none of whose rows carries a number: one issue, every cell unread.

    `printed`: its labels are there but not one number. Still not read as blank: a page that lost
    its figures (an image, a crawl that kept only the labels) cannot be told from a table left empty.
    """
    cells = [cid for b in table.blocks for r in b.rows for cid in RowTarget(table, b, r).cell_ids]
    for cid in cells:
        reading.values[cid] = None
    why = (
        "表格已印出但未填数字（只有行名、列名，没有一个数）"
        if printed
        else "原文中没有这张表（可能是图片或被省略）"
    )
    reading.issues.append(
        ImportIssue(
            "missing_table",
            table.id,
            table.title,
            f"{table.title}：{why}，其 {len(cells)} 个单元格未导入",
            cells=cells,
        )
    )
