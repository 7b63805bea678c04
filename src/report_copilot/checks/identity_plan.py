"""The identities of a format worked out into cell-level checks, once per format: each declared
total with its parts, each equation with its terms (and which of them are last year's cells); and a
report's cells as those checks read them. Split from `checks.identities`, which judges with them,
so that `checks.blank_bounds` reads the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from report_copilot.checks.derived import cell_numbers
from report_copilot.checks.findings import fmt_number
from report_copilot.model.cells import CellValues, Number, Reader, reader
from report_copilot.model.formats import BlockDef, FormatDefinition, IdentityDef, TableDef
from report_copilot.model.report import CellValue, ReportBase


@dataclass(frozen=True, slots=True)
class Cells:
    """A report's cells as the identity checks read them, from dicts: each number read once, not
    worked out on each of the hundreds of reads of a report (`CellValues.get`)."""

    fmt: FormatDefinition
    given: dict[str, CellValue | None]
    numbers: dict[str, Number]

    @classmethod
    def of(cls, report: ReportBase, values: CellValues) -> Cells:
        return cls(values.fmt, values.given, cell_numbers(report, values))

    def raw(self, cell_id: str) -> CellValue | None:
        return self.given.get(cell_id)

    def get(self, cell_id: str) -> Number | None:
        return self.numbers.get(cell_id)


@dataclass(frozen=True)
class Term:
    cell_id: str
    label: str
    sign: int
    previous: bool


def blocks_of(identity: IdentityDef, table: TableDef) -> list[BlockDef]:
    if identity.blocks:
        return [table.block(b) for b in identity.blocks]
    return list(table.blocks)


@dataclass(frozen=True)
class TotalCheck:
    total_id: str
    parts: tuple[tuple[str, str], ...]  # (cell id, label)
    part_ids: tuple[str, ...] = ()
    read_parts: Reader = field(default=reader(()), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "part_ids", tuple(pid for pid, _ in self.parts))
        object.__setattr__(self, "read_parts", reader(self.part_ids))


@dataclass(frozen=True)
class EquationCheck:
    member_label: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    previous_ids: tuple[str, ...] = ()
    """The cells read from last year's report."""
    read_left: Reader | None = field(default=None, compare=False, repr=False)
    read_right: Reader | None = field(default=None, compare=False, repr=False)
    """A side's cells when it only adds this year's cells (else None: its terms are read one by one)."""

    def __post_init__(self) -> None:
        ids = tuple(t.cell_id for t in self.left + self.right if t.previous)
        object.__setattr__(self, "previous_ids", ids)
        object.__setattr__(self, "read_left", _sum_reader(self.left))
        object.__setattr__(self, "read_right", _sum_reader(self.right))


def _sum_reader(terms: tuple[Term, ...]) -> Reader | None:
    if all(t.sign == 1 and not t.previous for t in terms):
        return reader(tuple(t.cell_id for t in terms))
    return None


@cache
def identity_plan(fmt: FormatDefinition, identity: IdentityDef) -> tuple[TotalCheck | EquationCheck, ...]:
    """The concrete cell-level checks of one identity, worked out once per format."""
    table = fmt.table(identity.table)
    out: list[TotalCheck | EquationCheck] = []
    for block in blocks_of(identity, table):
        if identity.kind == "total":
            axis, _, target = (identity.target or "").partition(":")
            if axis == "column":
                col = block.column(target)
                for row in block.rows:
                    parts = tuple(
                        (f"{table.id}.{row.id}.{p}", block.column(p).label) for p in col.sum_of or ()
                    )
                    out.append(TotalCheck(f"{table.id}.{row.id}.{col.id}", parts))
            else:
                trow = block.row(target)
                for c in block.columns:
                    parts = tuple((f"{table.id}.{p}.{c.id}", block.row(p).label) for p in trow.sum_of or ())
                    out.append(TotalCheck(f"{table.id}.{trow.id}.{c.id}", parts))
            continue
        by_column = identity.for_each == "column"
        members = (
            [(c.id, c.label) for c in block.columns] if by_column else [(r.id, r.label) for r in block.rows]
        )
        for member, label in members:
            left = terms(identity.left, identity, table, block, member)
            right = terms(identity.right, identity, table, block, member)
            if left is not None and right is not None:
                out.append(EquationCheck(label, tuple(left), tuple(right)))
    return tuple(out)


Rule = tuple[IdentityDef, TableDef, tuple[TotalCheck, ...], tuple[EquationCheck, ...]]


@cache
def rules(fmt: FormatDefinition) -> tuple[Rule, ...]:
    """Every identity of a format with its table and its cell-level checks (an identity is all
    totals or all equations), worked out once per format, in the format's order."""
    out = []
    for identity in fmt.identities:
        plan = identity_plan(fmt, identity)
        totals = tuple(c for c in plan if isinstance(c, TotalCheck))
        equations = tuple(c for c in plan if isinstance(c, EquationCheck))
        assert not (totals and equations), "an identity is either a total or an equation"
        out.append((identity, fmt.table(identity.table), totals, equations))
    return tuple(out)


def terms(
    names: tuple[str, ...], identity: IdentityDef, table: TableDef, block: BlockDef, fixed: str
) -> list[Term] | None:
    out = []
    for name in names:
        sign = -1 if name.startswith("-") else 1
        name = name.lstrip("-")
        previous = name.startswith("prev:")
        name = name.removeprefix("prev:")
        if identity.for_each == "column":
            cell_id, label = f"{table.id}.{name}.{fixed}", row_label(block, name)
        else:
            cell_id, label = f"{table.id}.{fixed}.{name}", column_label(block, name)
        if label is None:
            return None
        out.append(Term(cell_id, ("上年" if previous else "") + label, sign, previous))
    return out


def row_label(block: BlockDef, row_id: str) -> str | None:
    row = next((r for r in block.rows if r.id == row_id), None)
    return row.label if row else None


def column_label(block: BlockDef, column_id: str) -> str | None:
    col = next((c for c in block.columns if c.id == column_id), None)
    return col.label if col else None


def describe_terms(terms: tuple[Term, ...], values: Cells, prev: Cells | None) -> str:
    """A side of an equation as a clerk reads it: each term's label and value (空白 when blank)."""
    parts = []
    for i, term in enumerate(terms):
        source = prev if term.previous else values
        value = source.get(term.cell_id) if source else None
        op = "" if i == 0 and term.sign > 0 else (" − " if term.sign < 0 else " + ")
        parts.append(f"{op}{term.label} {fmt_number(value)}")
    return "".join(parts)
