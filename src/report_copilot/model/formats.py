"""Format definitions: the official tables, their labels, aliases and identities, loaded from data.

Each national format version is one TOML file in `report_copilot/formats/`. This module turns a file
into a validated `FormatDefinition` and offers the lookups everyone needs (a cell by id, its official
labels, the groups that have derived subtotals). Nothing here knows about a particular report.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any, Literal

from report_copilot.errors import FormatDefinitionError

CellKind = Literal["count", "signed", "amount", "money"]
"""count: non-negative integer; signed: integer (本年增/减); amount: non-negative decimal in the
column's unit (万元); money: a value with its own unit, as filers write 采购总金额."""

# Definitions are plain frozen dataclasses built by a small strict loader (`_build`), not pydantic
# models: they are read on every cold start of `copilot validate`, and pydantic class construction
# alone cost ~15 ms there. `eq=False` keeps hashing by identity (definitions are cached singletons
# and serve as cache keys).


@dataclass(frozen=True, eq=False)
class ColumnDef:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str | None = None
    kind: CellKind = "count"
    unit: str | None = None
    sum_of: tuple[str, ...] | None = None
    """Set on a total column: the columns it adds up (T3-2, T4-1)."""


@dataclass(frozen=True, eq=False)
class RowDef:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str | None = None
    sum_of: tuple[str, ...] | None = None
    """Set on a total row: the rows it adds up (T3-3)."""
    prose_rule: str | None = None
    """The prose rule (format.md §8) a sentence quoting this row's total falls under; else the table's."""


@dataclass(frozen=True, eq=False)
class GroupDef:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    """Explicit members (rows or groups); otherwise the rows or columns naming this group."""
    parent: str | None = None
    virtual: bool = False
    """Not printed in the table; exists only as a derived value prose may quote."""
    subtotal: bool = True
    """Whether the group's sum is a meaningful derived value."""


@dataclass(frozen=True, eq=False)
class BlockDef:
    id: str
    columns: tuple[ColumnDef, ...]
    rows: tuple[RowDef, ...]
    caption: str | None = None
    header: str | None = None
    row_groups: tuple[GroupDef, ...] = ()
    column_groups: tuple[GroupDef, ...] = ()

    def row(self, row_id: str) -> RowDef:
        return next(r for r in self.rows if r.id == row_id)

    def column(self, column_id: str) -> ColumnDef:
        return next(c for c in self.columns if c.id == column_id)

    def row_group(self, group_id: str) -> GroupDef | None:
        return next((g for g in self.row_groups if g.id == group_id), None)

    def column_group(self, group_id: str) -> GroupDef | None:
        return next((g for g in self.column_groups if g.id == group_id), None)

    def group_rows(self, group: GroupDef) -> tuple[str, ...]:
        """Row ids a row group adds up, groups among its members expanded."""
        if not group.members:
            return tuple(r.id for r in self.rows if r.group == group.id)
        out: list[str] = []
        for member in group.members:
            sub = self.row_group(member)
            out.extend(self.group_rows(sub) if sub else (member,))
        return tuple(out)

    def group_columns(self, group: GroupDef) -> tuple[str, ...]:
        return group.members or tuple(c.id for c in self.columns if c.group == group.id)


@dataclass(frozen=True, eq=False)
class TableDef:
    id: str
    section: str
    title: str
    blocks: tuple[BlockDef, ...]
    note: str | None = None
    layout: Literal["grid", "single_row"] = "grid"
    short_title: str | None = None
    """A short name for narrow places (a TUI tab): 主动公开, 依申请公开 …"""
    prose_context: tuple[str, ...] = ()
    """Words a sentence must contain before a generic alias (收到, 办结 …) may name this table's rows."""
    prose_rule: str = "P-0"
    """The prose rule (format.md §8) of a sentence quoting one of this table's figures."""
    column_rule: str | None = None
    """The rule of a figure of a column other than the total (P-6 applicant splits); else as rows."""

    def rule_for(self, row_id: str, column_id: str) -> str:
        """The prose rule of a quoted figure of this table (a cell, a group subtotal)."""
        if self.column_rule is not None and column_id != "total":
            return self.column_rule
        for block in self.blocks:
            for row in block.rows:
                if row.id == row_id and row.prose_rule is not None:
                    return row.prose_rule
        return self.prose_rule

    def block(self, block_id: str) -> BlockDef:
        return next(b for b in self.blocks if b.id == block_id)


@dataclass(frozen=True, eq=False)
class IdentityDef:
    id: str
    severity: Literal["error", "warning"]
    kind: Literal["total", "equation"]
    table: str
    description: str
    blocks: tuple[str, ...] | None = None
    target: str | None = None
    """kind=total: "column:<id>" or "row:<id>", a total declared with sum_of."""
    for_each: Literal["column", "row"] | None = None
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    relation: Literal["==", "<="] = "=="
    requires_previous: bool = False


@dataclass(frozen=True)
class CellDef:
    """One cell of an official table, with everything needed to name it to a clerk."""

    id: str
    table: TableDef
    block: BlockDef
    row: RowDef
    column: ColumnDef

    # Cached: the importer and the checks ask these of every cell of every report.
    @cached_property
    def kind(self) -> CellKind:
        return self.column.kind

    @cached_property
    def is_total(self) -> bool:
        """Totals may be left out of the input: they are then computed."""
        return self.row.sum_of is not None or self.column.sum_of is not None

    @cached_property
    def unit(self) -> str | None:
        return self.column.unit

    @cached_property
    def where(self) -> str:
        """The official path of the cell: 表 › 分组 › 行 › 列."""
        parts = [self.table.title]
        if self.block.caption:
            parts.append(self.block.caption)
        group = self.block.row_group(self.row.group) if self.row.group else None
        if group and group.subtotal and not group.virtual:
            parts.append(group.label)
        parts.append(self.row.label)
        cgroup = self.block.column_group(self.column.group) if self.column.group else None
        if cgroup:
            parts.append(cgroup.label)
        parts.append(self.column.label)
        return " › ".join(parts)


@dataclass(frozen=True, eq=False)
class FormatDefinition:
    id: str
    name: str
    document: str
    title: str
    first_year: int
    tables: tuple[TableDef, ...]
    last_year: int | None = None
    identities: tuple[IdentityDef, ...] = ()

    def table(self, table_id: str) -> TableDef:
        return next(t for t in self.tables if t.id == table_id)

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @cached_property
    def cells(self) -> dict[str, CellDef]:
        """Every cell in table order, by id."""
        out: dict[str, CellDef] = {}
        for table in self.tables:
            for block in table.blocks:
                for row in block.rows:
                    for column in block.columns:
                        cid = f"{table.id}.{row.id}.{column.id}"
                        out[cid] = CellDef(cid, table, block, row, column)
        return out

    def cell(self, cell_id: str) -> CellDef:
        try:
            return self.cells[cell_id]
        except KeyError:
            raise KeyError(f"unknown cell {cell_id!r} in format {self.id}") from None

    def find_row(self, table_id: str, row_id: str) -> tuple[BlockDef, RowDef] | None:
        for block in self.table(table_id).blocks:
            for row in block.rows:
                if row.id == row_id:
                    return block, row
        return None


class _DefinitionError(ValueError):
    pass


def _build(cls: type, data: Any, where: str) -> Any:
    """Build a definition dataclass from TOML data: unknown keys, missing keys and wrong types fail."""
    if not isinstance(data, dict):
        raise _DefinitionError(f"{where or '顶层'}：应为表（table）")
    fields, hints = _schema(cls)
    unknown = set(data) - set(fields)
    if unknown:
        raise _DefinitionError(f"{where or '顶层'}：未知字段 {sorted(unknown)}")
    kwargs: dict[str, Any] = {}
    for name, field in fields.items():
        if name not in data:
            if field.default is dataclasses.MISSING:
                raise _DefinitionError(f"{where or '顶层'}：缺少字段 {name}")
            continue
        kwargs[name] = _convert(hints[name], data[name], f"{where}.{name}" if where else name)
    return cls(**kwargs)


@cache
def _schema(cls: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, Any]]:
    return {f.name: f for f in dataclasses.fields(cls)}, typing.get_type_hints(cls)


def _convert(hint: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        hint = next(a for a in args if a is not type(None))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if not isinstance(value, list):
            raise _DefinitionError(f"{where}：应为数组")
        return tuple(_convert(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is Literal:
        if value not in args:
            raise _DefinitionError(f"{where}：应为 {args} 之一，实为 {value!r}")
        return value
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, where)
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise _DefinitionError(f"{where}：应为 {hint.__name__}，实为 {value!r}")
    return value


def _formats_dir() -> resources.abc.Traversable:
    return resources.files("report_copilot").joinpath("formats")


@cache
def available_formats() -> tuple[str, ...]:
    """Ids of the bundled format versions, oldest first."""
    ids = [
        f.name[3:-5]
        for f in _formats_dir().iterdir()
        if f.name.startswith("gov") and f.name.endswith(".toml")
    ]
    return tuple(sorted(ids))


@cache
def load_format(format_id: str) -> FormatDefinition:
    """The definition of one format version (cached: definitions are immutable)."""
    if format_id not in available_formats():
        known = "、".join(available_formats())
        raise FormatDefinitionError(f"未知的格式版本「{format_id}」，可用：{known}", location="meta.format")
    path = _formats_dir().joinpath(f"gov{format_id}.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _build(FormatDefinition, data, "")
    except (tomllib.TOMLDecodeError, _DefinitionError) as exc:
        raise FormatDefinitionError(f"格式定义文件 {path} 有误：{exc}") from exc


def format_for_year(year: int) -> FormatDefinition:
    """The format a report for `year` must use (X-1)."""
    for fid in reversed(available_formats()):
        fmt = load_format(fid)
        if fmt.applies_to(year):
            return fmt
    return load_format(available_formats()[0])
