"""The single source of every figure prose may quote: cells, facts, and values derived from them.

Derived values are what reports write but tables never print: the subtotal of a row group
(不予公开, 无法提供, 不予处理, 其他处理, 予以公开及部分公开), the sum of a column group (法人或其他组织),
the 行政诉讼 total (直接起诉 + 复议后起诉), shares in % (公开率), and with last year's report the
year-on-year change, growth rate and last year's value. All of it is read from the format definition
(row_groups, column_groups, sum_of), so a new format version brings its own derived values.

Drafters quote `Reference.label + text + unit`; the number checker binds prose back to the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import cast

from report_copilot.checks.lazy_refs import Item, LazyReferences, built, int_if_whole
from report_copilot.checks.phrases import cell_label, column_phrase, count_unit, row_phrase
from report_copilot.checks.shares import RateGroup, add_rates, block_rates, rate_groups
from report_copilot.checks.yoy import YoyReferences
from report_copilot.model.cells import CellValues, Number, Reader, reader
from report_copilot.model.formats import BlockDef, ColumnDef, FormatDefinition, GroupDef, RowDef, TableDef
from report_copilot.model.refs import Reference, RefKind, plain
from report_copilot.model.report import CellValue, Money, ReportBase

__all__ = [
    "Reference",
    "cell_numbers",
    "references",
    "row_phrase",
    "column_phrase",
    "count_unit",
    "previous_references",
]


def references(report: ReportBase) -> LazyReferences:
    """Every cell, fact and derived value of a report (and year-on-year ones when last year is given).

    Cached on the report: a validated report does not change. Each `Reference` is built when first
    read (`checks/lazy_refs.py`): prose quotes a few dozen of the report's ~1,700.
    """
    cache = _cache(report)
    refs = cache.get("refs")
    if not isinstance(refs, LazyReferences):
        refs = own = _own_references(report)
        previous = report.previous_report
        if previous is not None:  # own entries first, then only "yoy" ones (listed when read whole)
            refs = YoyReferences(own, _own_references(previous))
        cache["refs"] = refs
    return refs


def previous_references(report: ReportBase) -> dict[str, Reference]:
    """Last year's own references (empty when last year is not given)."""
    previous = report.previous_report
    return _own_references(previous) if previous is not None else LazyReferences({})


def _cache(report: ReportBase) -> dict[str, object]:
    private = report.__pydantic_private__
    if private is None:  # pragma: no cover - reports always carry private state
        return {}
    cache = private.get("_numbers")
    if not isinstance(cache, dict):
        cache = {}
        private["_numbers"] = cache
    return cache


def cell_numbers(report: ReportBase, values: CellValues | None = None) -> dict[str, Number]:
    """Every cell's number, given or else computed, in one dict: what `CellValues.get` answers, for
    readers that ask it a thousand times a report (the references, the identity checks). Cached on
    the report for its own values; other `values` are read afresh."""
    own = CellValues.of(report)
    if values is not None and values is not own:
        return _numbers_of(values)
    cache = _cache(report)
    numbers = cache.get("cells")
    if not isinstance(numbers, dict):
        numbers = cache["cells"] = _numbers_of(own)
    return numbers


def _numbers_of(values: CellValues) -> dict[str, Number]:
    given = values.given
    numbers: dict[str, Number | CellValue]
    if not values.computed and None not in given.values():
        numbers = cast(dict[str, Number | CellValue], dict(given))  # none blank: copied in one go
    else:
        numbers = dict(values.computed)
        numbers.update({cid: value for cid, value in given.items() if value is not None})
    for cid in _money_cells(values.fmt):  # only these may hold a Money: in 元
        money = numbers.get(cid)
        if isinstance(money, Money):
            numbers[cid] = money.in_yuan()
    return cast(dict[str, Number], numbers)


@cache
def _money_cells(fmt: FormatDefinition) -> tuple[str, ...]:
    return tuple(cid for cid, cell in fmt.cells.items() if cell.kind == "money")


# ---------------------------------------------------------------- own references
@dataclass(frozen=True, slots=True)
class _Sum:
    """A cell or derived value of a format: which cells it adds up and how prose names it."""

    key: str
    kind: RefKind
    cells: tuple[str, ...]
    unit: str
    label: str
    where: str
    parts: tuple[str, ...]
    read: Reader = field(default=reader(()), compare=False, repr=False)
    """Reads `cells` (set by `__post_init__`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "read", reader(self.cells))


_Plan = tuple[tuple[tuple[_Sum, ...], tuple[_Sum, ...], tuple[RateGroup, ...]], ...]


@cache
def _plan(fmt: FormatDefinition) -> _Plan:
    """Per block, in table order, every value it may yield: keys, labels and units depend only on
    the format, so they are built once per format, not once per report. A block's cells come
    before its derived values (as `_block_sums` lists them), so they are read by separate loops."""
    out = []
    for table in fmt.tables:
        for block in table.blocks:
            sums = _block_sums(fmt, table, block)
            cells = tuple(s for s in sums if s.kind == "cell")
            derived = tuple(s for s in sums if s.kind != "cell")
            assert sums == cells + derived, "a block lists its cells first"
            out.append((cells, derived, rate_groups(block_rates(table, block))))
    return tuple(out)


def _own_references(report: ReportBase) -> LazyReferences:
    """The report's references without year-on-year ones, cached on the report (last year's report
    of a folder is this year's predecessor): read-only, shared by the tables built from it."""
    cache = _cache(report)
    own = cache.get("own")
    if isinstance(own, LazyReferences):
        return own
    numbers = cell_numbers(report)
    items: dict[str, Item] = {}
    for cells, sums, rates in _plan(report.format):
        _add_cells(cells, numbers, items)
        _add_sums(sums, numbers, items)
        add_rates(rates, items)
    eager: list[Reference] = [
        Reference(
            key=f"fact.{fact.id}",
            kind="fact",
            value=int_if_whole(fact.value),
            unit=fact.unit,
            label=fact.label,
            where=f"支撑数据 › {fact.label}",
            qualifier=fact.qualifier,
        )
        for fact in report.facts
    ]
    fee = report.processing_fee
    if fee is not None:
        eager.append(
            Reference(
                key="fee.notices",
                kind="fact",
                value=fee.notices,
                unit="件",
                label="发出信息处理费收费通知",
                where="信息处理费 › 发出收费通知件数",
            )
        )
        eager.append(
            Reference(
                key="fee.amount_yuan",
                kind="fact",
                value=int_if_whole(fee.amount_yuan),
                unit="元",
                label="收取信息处理费",
                where="信息处理费 › 实际收取金额（元）",
            )
        )
    for ref in eager:
        items[ref.key] = (ref.kind, ref.unit, ref.value, built, ref)
    own = LazyReferences(items)
    cache["own"] = own
    return own


def _block_sums(fmt: FormatDefinition, table: TableDef, block: BlockDef) -> tuple[_Sum, ...]:
    tid = table.id
    out: list[_Sum] = []
    # Cells.
    for row in block.rows:
        for col in block.columns:
            cid = f"{tid}.{row.id}.{col.id}"
            parts: tuple[str, ...] = ()
            if col.sum_of:
                parts = tuple(f"{tid}.{row.id}.{p}" for p in col.sum_of)
            elif row.sum_of:
                parts = tuple(f"{tid}.{p}.{col.id}" for p in row.sum_of)
            label = cell_label(table, block, row, col)
            out.append(_Sum(cid, "cell", (cid,), count_unit(col), label, fmt.cell(cid).where, parts))
    # Row groups, column groups (法人或其他组织) and both.
    row_items: list[tuple[RowDef | GroupDef, tuple[str, ...]]] = [(r, (r.id,)) for r in block.rows]
    row_items += [(g, block.group_rows(g)) for g in block.row_groups if g.subtotal]
    col_items: list[tuple[ColumnDef | GroupDef, tuple[str, ...]]] = [(c, (c.id,)) for c in block.columns]
    col_items += [(g, block.group_columns(g)) for g in block.column_groups if g.subtotal]
    for row_item, row_ids in row_items:
        for col_item, col_ids in col_items:
            if len(row_ids) == 1 and len(col_ids) == 1 and isinstance(row_item, RowDef):
                continue  # a plain cell, done above
            cells = tuple(f"{tid}.{r}.{c}" for r in row_ids for c in col_ids)
            unit = (
                count_unit(col_item)
                if isinstance(col_item, ColumnDef)
                else count_unit(block.column(col_ids[0]))
            )
            out.append(
                _Sum(
                    key=f"derived.{tid}.{row_item.id}.{col_item.id}",
                    kind="derived",
                    cells=cells,
                    unit=unit,
                    label=cell_label(table, block, row_item, col_item),
                    where=f"{table.title} › {row_item.label} › {col_item.label}（各项合计）",
                    parts=cells,
                )
            )
    return tuple(out)


def _add_cells(cells: tuple[_Sum, ...], numbers: dict[str, Number], items: dict[str, Item]) -> None:
    """The cells present (`numbers` holds a cell only when it has a value)."""
    get = numbers.get
    for s in cells:
        value = get(s.key)
        if value is not None:
            if value.__class__ is not int:
                value = int_if_whole(value)
            items[s.key] = ("cell", s.unit, value, _build_sum, s)


def _add_sums(sums: tuple[_Sum, ...], numbers: dict[str, Number], items: dict[str, Item]) -> None:
    """Each derived value whose cells are all present."""
    for s in sums:
        try:
            value: Number = sum(s.read(numbers))
        except KeyError:  # a blank cell: no sum
            continue
        if value.__class__ is not int:
            value = int_if_whole(value)
        items[s.key] = (s.kind, s.unit, value, _build_sum, s)


def _build_sum(table: LazyReferences, key: str, s: _Sum) -> Reference:
    number = table.kind_unit_value(key)[2]
    assert number is not None  # a cell or derived value is known when listed
    return Reference(
        key=s.key,
        kind=s.kind,
        value=number,
        unit=s.unit,
        label=s.label,
        where=s.where,
        text=plain(number),  # what Reference would set, passed to spare its post-init assignment
        parts=s.parts,
    )
