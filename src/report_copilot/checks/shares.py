"""Shares in % (公开率 …) a report's prose may quote: which numerator over which base, planned once
per format; each value is computed only when a sentence reads it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from report_copilot.checks.lazy_refs import Item, LazyReferences
from report_copilot.checks.phrases import cell_label, row_label
from report_copilot.model.formats import BlockDef, ColumnDef, GroupDef, RowDef, TableDef
from report_copilot.model.refs import Reference, percent_text


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
class RateGroup:
    """Consecutive shares over one base (`base`, else `base_alt`), so a report looks the base up once.
    Each member (key, num, num_alt, entries) carries its entry for each choice of numerator and base
    (`entries[2 * (num_alt chosen) + (base_alt chosen)]`), made once per format: entries are immutable."""

    base: str
    base_alt: str
    members: tuple[tuple[str, str, str, tuple[Item, ...]], ...]


def block_rates(table: TableDef, block: BlockDef) -> tuple[_Rate, ...]:
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
            label = f"{row_label(table, block, item)}占比"
            out.append(_Rate(f"rate.{key}", key, f"derived.{key}", base, base, label))
    col_items: list[ColumnDef | GroupDef] = [c for c in block.columns if c is not total_col]
    col_items += [g for g in block.column_groups if g.subtotal]
    row_items: list[RowDef | GroupDef] = [r for r in block.rows if r is not total_row]
    row_items += [g for g in block.row_groups if g.subtotal]
    for row in row_items:
        base_key = f"{tid}.{row.id}.{total_col.id}"
        for col in col_items:
            key = f"{tid}.{row.id}.{col.id}"
            label = f"{cell_label(table, block, row, col)}占比"
            out.append(_Rate(f"rate.{key}", key, f"derived.{key}", base_key, f"derived.{base_key}", label))
    return tuple(out)


def rate_groups(rates: tuple[_Rate, ...]) -> tuple[RateGroup, ...]:
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
    return tuple(RateGroup(base, alt, tuple(members)) for base, alt, members in groups)


def add_rates(groups: tuple[RateGroup, ...], items: dict[str, Item]) -> None:
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
