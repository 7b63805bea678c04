"""The values of a report's cells, with omitted totals computed.

Totals (a column or row declared with `sum_of`) may be left blank in the input; they are then the
sum of their parts, provided every part is present. A total the user typed is kept as typed, so the
identity checks can compare it with the sum of its parts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from operator import itemgetter

from report_copilot.model.formats import BlockDef, FormatDefinition, RowDef
from report_copilot.model.report import CellValue, Money, ReportBase, raw_cell_values

Number = int | Decimal

Reader = Callable[[Mapping[str, Number]], tuple[Number, ...]]
"""The values of fixed cells from a report's numbers, in one call (KeyError when one is blank)."""


def reader(ids: tuple[str, ...]) -> Reader:
    """A `Reader` of `ids`: `operator.itemgetter`, which reads them all in C, always as a tuple."""
    if len(ids) > 1:
        return itemgetter(*ids)
    if ids:
        only = ids[0]
        return lambda numbers: (numbers[only],)
    return lambda numbers: ()


def magnitude(value: Number) -> Number:
    """abs() of a number, keeping its type (abs() of an `int | Decimal` union types as `object`)."""
    return abs(value) if isinstance(value, int) else abs(value)


def numeric(value: CellValue | None) -> Number | None:
    """A cell as a number: Money in 元, other cells as they are."""
    if isinstance(value, Money):
        return value.in_yuan()
    return value


@dataclass
class CellValues:
    """Cell id → value, given or computed."""

    fmt: FormatDefinition
    given: dict[str, CellValue | None]
    computed: dict[str, Number] = field(default_factory=dict)

    def get(self, cell_id: str) -> Number | None:
        value = self.given.get(cell_id)
        if value is None:
            return self.computed.get(cell_id)
        return numeric(value)

    def raw(self, cell_id: str) -> CellValue | None:
        return self.given.get(cell_id)

    def is_computed(self, cell_id: str) -> bool:
        return self.given.get(cell_id) is None and cell_id in self.computed

    def missing(self) -> list[str]:
        """Blank cells that must be typed, in table order (a blank total is computed once its parts exist)."""
        totals = _totals(self.fmt)
        return [cid for cid, v in self.given.items() if v is None and cid not in totals]

    @classmethod
    def of(cls, report: ReportBase) -> CellValues:
        """The report's values (cached on the report: a validated report does not change)."""
        cached = report.__pydantic_private__.get("_values") if report.__pydantic_private__ else None
        if isinstance(cached, CellValues):
            return cached
        values = cls(report.format, raw_cell_values(report))
        given, computed = values.given, values.computed
        if None not in given.values():  # nothing blank: no total to compute
            report._values = values
            return values
        for cell_id, parts in _fills(values.fmt):
            if given.get(cell_id) is None:
                total = values._sum(parts)
                if total is not None:
                    computed[cell_id] = total
        report._values = values
        return values

    def _sum(self, ids: tuple[str, ...]) -> Number | None:
        parts = [self.get(i) for i in ids]
        present = [p for p in parts if p is not None]
        if len(present) < len(parts):
            return None
        return sum(present)


@cache
def _totals(fmt: FormatDefinition) -> frozenset[str]:
    """The cells that are totals (`CellDef.is_total`), asked of every blank cell of every report."""
    return frozenset(cid for cid, cell in fmt.cells.items() if cell.is_total)


@cache
def _fills(fmt: FormatDefinition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(total cell, its parts) of every total a blank may be computed for, in the order they are
    computed: per block, row-wise totals of ordinary rows, then column-wise totals (which may read
    the former), then row-wise totals of total rows. The same for every report of a format."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for table in fmt.tables:
        for block in table.blocks:
            plain = [r for r in block.rows if not r.sum_of]
            totals = [r for r in block.rows if r.sum_of]
            for row in plain:
                out += _across(table.id, block, row)
            for row in totals:
                for col in block.columns:
                    parts = tuple(f"{table.id}.{p}.{col.id}" for p in row.sum_of or ())
                    out.append((f"{table.id}.{row.id}.{col.id}", parts))
                out += _across(table.id, block, row)
    return tuple(out)


def _across(table_id: str, block: BlockDef, row: RowDef) -> list[tuple[str, tuple[str, ...]]]:
    """A row's totals over columns (`sum_of` of a total column)."""
    return [
        (f"{table_id}.{row.id}.{col.id}", tuple(f"{table_id}.{row.id}.{p}" for p in col.sum_of))
        for col in block.columns
        if col.sum_of
    ]
