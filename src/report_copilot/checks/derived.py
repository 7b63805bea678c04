"""The single source of every figure prose may quote: cells, facts, and values derived from them.

Derived values are what reports write but tables never print: the subtotal of a row group
(不予公开, 无法提供, 不予处理, 其他处理, 予以公开及部分公开), the sum of a column group (法人或其他组织),
the 行政诉讼 total (直接起诉 + 复议后起诉), shares in % (公开率), and with last year's report the
year-on-year change, growth rate and last year's value. All of it is read from the format definition
(row_groups, column_groups, sum_of), so a new format version brings its own derived values.

Drafters quote `Reference.label + text + unit`; the number checker binds prose back to the same keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache
from typing import cast

from report_copilot.checks.lazy_refs import Item, LazyReferences, built, int_if_whole
from report_copilot.checks.yoy import add_yoy_items
from report_copilot.model.cells import CellValues, Number
from report_copilot.model.formats import BlockDef, ColumnDef, FormatDefinition, GroupDef, RowDef, TableDef
from report_copilot.model.refs import Reference, RefKind, percent_text, plain
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

_ORDINAL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
_PARENTHETICAL = re.compile(r"（[^）]*）|\([^)]*\)")
_GENERIC = {"总计", "合计", "其他", "共"}

_COUNT_UNITS = {"previous_items": "项", "change": "项", "projects": "个"}
"""Measure words of count columns that are not 件 (2019 format: 项目数量, 采购项目数量)."""


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
        if previous is not None:
            items = dict(own.entries())
            add_yoy_items(items, own, _own_references(previous))
            refs = LazyReferences(items, own)  # own entries first, then only "yoy" ones
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
    numbers: dict[str, Number | CellValue] = dict(values.computed)
    numbers.update({cid: given for cid, given in values.given.items() if given is not None})
    for cid in _money_cells(values.fmt):  # only these may hold a Money: in 元
        money = numbers.get(cid)
        if isinstance(money, Money):
            numbers[cid] = money.in_yuan()
    return cast(dict[str, Number], numbers)


@cache
def _money_cells(fmt: FormatDefinition) -> tuple[str, ...]:
    return tuple(cid for cid, cell in fmt.cells.items() if cell.kind == "money")


# ---------------------------------------------------------------- phrases
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


def _row_label(table: TableDef, block: BlockDef, row: RowDef | GroupDef) -> str:
    phrase = row_phrase(row)
    group = block.row_group(row.group) if isinstance(row, RowDef) and row.group else None
    if group is not None and group.subtotal and not group.virtual:
        return f"{row_phrase(group)}中{phrase}"
    if phrase not in row.label and table.prose_context and not any(w in phrase for w in table.prose_context):
        # a generic alias (办结) names the row only in a sentence about 申请
        phrase = f"{phrase}政府信息公开{table.prose_context[0]}"
    return phrase


def _cell_label(table: TableDef, block: BlockDef, row: RowDef | GroupDef, col: ColumnDef | GroupDef) -> str:
    rphrase = _row_label(table, block, row)
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


@dataclass(frozen=True, slots=True)
class _Rate:
    """A share in %: the numerator `num` (else `num_alt`) over the base `base` (else `base_alt`),
    whichever of each is present (a cell, else the derived value of the same name)."""

    key: str
    num: str
    num_alt: str
    base: str
    base_alt: str
    label: str


@dataclass(frozen=True, slots=True)
class _RateGroup:
    """Consecutive shares over one base (`base`, else `base_alt`), so a report looks the base up once.
    Each member (key, num, num_alt, entries) carries its entry for each choice of numerator and base
    (`entries[2 * (num_alt chosen) + (base_alt chosen)]`), made once per format: entries are immutable."""

    base: str
    base_alt: str
    members: tuple[tuple[str, str, str, tuple[Item, ...]], ...]


_Plan = tuple[tuple[tuple[_Sum, ...], tuple[_Sum, ...], tuple[_RateGroup, ...]], ...]


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
            out.append((cells, derived, _rate_groups(_block_rates(table, block))))
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
        _add_rates(rates, items)
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
            label = _cell_label(table, block, row, col)
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
                    label=_cell_label(table, block, row_item, col_item),
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
    read = numbers.__getitem__
    for s in sums:
        try:
            value: Number = sum(map(read, s.cells))
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


def _block_rates(table: TableDef, block: BlockDef) -> tuple[_Rate, ...]:
    """Shares in %: each outcome of its total row (公开率 …), each column of its row's total column."""
    tid = table.id
    total_col = next((c for c in block.columns if c.sum_of), None)
    if total_col is None:
        return ()
    out: list[_Rate] = []
    total_row = next((r for r in block.rows if r.sum_of), None)
    if total_row is not None:
        base = f"{tid}.{total_row.id}.{total_col.id}"
        members = set(total_row.sum_of or ())
        items: list[RowDef | GroupDef] = [r for r in block.rows if r.id in members]
        items += [g for g in block.row_groups if g.subtotal and set(block.group_rows(g)) <= members]
        for item in items:
            key = f"{tid}.{item.id}.{total_col.id}"
            label = f"{_row_label(table, block, item)}占比"
            out.append(_Rate(f"rate.{key}", key, f"derived.{key}", base, base, label))
    col_items: list[ColumnDef | GroupDef] = [c for c in block.columns if c is not total_col]
    col_items += [g for g in block.column_groups if g.subtotal]
    row_items: list[RowDef | GroupDef] = [r for r in block.rows if r is not total_row]
    row_items += [g for g in block.row_groups if g.subtotal]
    for row in row_items:
        base_key = f"{tid}.{row.id}.{total_col.id}"
        for col in col_items:
            key = f"{tid}.{row.id}.{col.id}"
            label = f"{_cell_label(table, block, row, col)}占比"
            out.append(_Rate(f"rate.{key}", key, f"derived.{key}", base_key, f"derived.{base_key}", label))
    return tuple(out)


def _rate_groups(rates: tuple[_Rate, ...]) -> tuple[_RateGroup, ...]:
    """The rates of a block as runs over one base, in their order (the references keep it)."""
    groups: list[tuple[str, str, list[tuple[str, str, str, tuple[Item, ...]]]]] = []
    for r in rates:
        if not groups or groups[-1][:2] != (r.base, r.base_alt):
            groups.append((r.base, r.base_alt, []))
        entries: tuple[Item, ...] = tuple(
            ("rate", "%", None, _build_rate, (num, base, r.label))
            for num in (r.num, r.num_alt)
            for base in (r.base, r.base_alt)
        )
        groups[-1][2].append((r.key, r.num, r.num_alt, entries))
    return tuple(_RateGroup(base, alt, tuple(members)) for base, alt, members in groups)


def _add_rates(groups: tuple[_RateGroup, ...], items: dict[str, Item]) -> None:
    """Each share whose numerator and (non-zero) base are present; its value is computed when read."""
    for group in groups:
        alt = 0
        if group.base not in items:
            alt = 1
            if group.base_alt not in items:
                continue
        if not items[group.base_alt if alt else group.base][2]:
            continue
        for key, num, num_alt, entries in group.members:
            if num in items:
                items[key] = entries[alt]
            elif num_alt in items:
                items[key] = entries[2 + alt]


def _build_rate(table: LazyReferences, key: str, arg: tuple[str, str, str]) -> Reference:
    num, base = table[arg[0]], table[arg[1]]
    with localcontext() as ctx:
        ctx.prec = 28
        value = Decimal(num.value) * 100 / Decimal(base.value)
    return Reference(
        key=key,
        kind="rate",
        value=value,
        unit="%",
        label=arg[2],
        where=f"{num.where} ÷ {base.where}",
        text=percent_text(value),
        parts=(num.key, base.key),
    )
