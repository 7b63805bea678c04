"""The values of a report's cells, with omitted totals computed.

Totals (a column or row declared with `sum_of`) may be left blank in the input; they are then the
sum of their parts, provided every part is present. A total the user typed is kept as typed, so the
identity checks can compare it with the sum of its parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from report_copilot.model.formats import BlockDef, FormatDefinition
from report_copilot.model.report import CellValue, Money, ReportBase, raw_cell_values

Number = int | Decimal


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
        cells = self.fmt.cells
        return [cid for cid, v in self.given.items() if v is None and not cells[cid].is_total]

    @classmethod
    def of(cls, report: ReportBase) -> CellValues:
        """The report's values (cached on the report: a validated report does not change)."""
        cached = report.__pydantic_private__.get("_values") if report.__pydantic_private__ else None
        if isinstance(cached, CellValues):
            return cached
        values = cls(report.format, raw_cell_values(report))
        for table in values.fmt.tables:
            for block in table.blocks:
                values._compute_block(table.id, block)
        report._values = values
        return values

    def _sum(self, ids: list[str]) -> Number | None:
        parts = [self.get(i) for i in ids]
        present = [p for p in parts if p is not None]
        if len(present) < len(parts):
            return None
        return sum(present)

    def _fill(self, cell_id: str, parts: list[str]) -> None:
        if self.given.get(cell_id) is None:
            total = self._sum(parts)
            if total is not None:
                self.computed[cell_id] = total

    def _compute_block(self, table_id: str, block: BlockDef) -> None:
        total_cols = [c for c in block.columns if c.sum_of]
        total_rows = [r for r in block.rows if r.sum_of]
        plain_rows = [r for r in block.rows if not r.sum_of]
        # Row-wise totals of ordinary rows, then column-wise totals (which may read the former),
        # then row-wise totals of total rows.
        for row in plain_rows:
            for col in total_cols:
                self._fill(
                    f"{table_id}.{row.id}.{col.id}", [f"{table_id}.{row.id}.{p}" for p in col.sum_of or ()]
                )
        for row in total_rows:
            for col in block.columns:
                self._fill(
                    f"{table_id}.{row.id}.{col.id}", [f"{table_id}.{p}.{col.id}" for p in row.sum_of or ()]
                )
            for col in total_cols:
                self._fill(
                    f"{table_id}.{row.id}.{col.id}", [f"{table_id}.{row.id}.{p}" for p in col.sum_of or ()]
                )
