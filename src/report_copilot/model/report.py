"""The input of one annual report: meta, the three tables, facts, notes, and last year's report.

The table part of the model is generated from the format definition, so the JSON Schema, unknown-field
errors and cell types all follow the official tables of the chosen format version. A cell's JSON path
is its cell id (`requests.denied.state_secret.natural_person`). A blank cell is `null` (or absent) and
means *missing*, never zero.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import Annotated, Any, Literal, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    create_model,
    field_validator,
)

from report_copilot.model.formats import BlockDef, ColumnDef, FormatDefinition, TableDef, load_format

MAX_COUNT = 10**9
"""No agency reports a count near this (the largest seen is about 10^7): a larger figure is a typo or
a pasted identifier, refused at input with its cell named rather than carried into sums and prose."""

Count = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
SignedCount = Annotated[int, Field(strict=True, ge=-MAX_COUNT, le=MAX_COUNT)]
Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]

_MONEY_TEXT = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元)?\s*$")


def _parse_money(value: Any) -> Any:
    """Filers write 采购总金额 as "251000元" or a bare number; keep amount and unit apart."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return {"value": value, "unit": "元"}
    if isinstance(value, str):
        m = _MONEY_TEXT.match(value)
        if m:
            return {"value": m.group(1).replace(",", ""), "unit": m.group(2) or "元"}
    return value


class Money(BaseModel):
    """An amount with the unit the filer wrote it in."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: Amount
    unit: Literal["元", "万元"] = "元"

    def in_yuan(self) -> Decimal:
        return self.value * 10000 if self.unit == "万元" else self.value

    def __str__(self) -> str:
        return f"{self.value}{self.unit}"


CellValue = int | Decimal | Money


class Contact(BaseModel):
    """Where the public sends questions about the report."""

    model_config = ConfigDict(extra="forbid")
    office: str | None = Field(None, title="联系部门")
    address: str | None = Field(None, title="地址")
    postcode: str | None = Field(None, title="邮编", pattern=r"^\d{6}$")
    telephone: str | None = Field(None, title="电话")
    email: str | None = Field(None, title="电子邮箱")


class Meta(BaseModel):
    """Who reports, for which year, in which format, and where it is published."""

    model_config = ConfigDict(extra="forbid")
    agency: str = Field(title="机关名称", min_length=1)
    year: int = Field(title="报告年度", ge=2008, le=2100)
    format: str | None = Field(None, title="格式版本", description="2021 或 2019；不填时按年度确定")
    short_name: str | None = Field(None, title="本机关简称", description="正文中的自称，如“本局”“我办”")
    is_government: bool = Field(
        False,
        title="是否为人民政府本级报告",
        description="人民政府报告还须写工作考核、社会评议和责任追究结果",
    )
    period_start: date | None = Field(None, title="统计期起")
    period_end: date | None = Field(None, title="统计期止")
    portal: str | None = Field(None, title="发布网站名称")
    url: str | None = Field(None, title="电子版地址")
    contact: Contact = Field(default_factory=Contact, title="联系方式")
    issue_date: date | None = Field(None, title="发布日期")
    provincial_notice: str | None = Field(
        None, title="上级通知", description="如省级政务公开办的年报通知文号"
    )

    @field_validator("agency")
    @classmethod
    def _strip(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("empty")
        return v


class Fact(BaseModel):
    """A supporting figure the narrative may cite that is not in the tables (主动公开信息 129 条)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", title="标识")
    label: str = Field(min_length=1, title="名称")
    value: Decimal = Field(title="数值", allow_inf_nan=False)
    unit: str = Field("", title="单位", description="件、条、人次、万元 ……")
    qualifier: str | None = Field(None, title="约数限定", description="余、多、近、约 …… 原文有则照录")
    aliases: list[str] = Field(default_factory=list, title="别称")
    section: str | None = Field(None, title="所属部分", description="如 active_disclosure、platforms")


class Notes(BaseModel):
    """Staff's bullet points per narrative section; the drafter turns them into prose."""

    model_config = ConfigDict(extra="forbid")
    preface: list[str] = Field(default_factory=list, title="前言补充")
    active_disclosure: list[str] = Field(default_factory=list, title="一（一）主动公开")
    on_request: list[str] = Field(default_factory=list, title="一（二）依申请公开")
    information_management: list[str] = Field(default_factory=list, title="一（三）政府信息管理")
    platforms: list[str] = Field(default_factory=list, title="一（四）政府信息公开平台建设")
    oversight: list[str] = Field(default_factory=list, title="一（五）监督保障")
    problems: list[str] = Field(default_factory=list, title="五 存在的主要问题")
    measures: list[str] = Field(default_factory=list, title="五 改进措施")
    previous_problems_addressed: list[str] = Field(default_factory=list, title="五 上年问题整改情况")
    other_matters: list[str] = Field(default_factory=list, title="六 其他需要报告的事项")


class ProcessingFee(BaseModel):
    """信息处理费 under 国办函〔2020〕109号: what 六 must state."""

    model_config = ConfigDict(extra="forbid")
    notices: Count = Field(0, title="发出收费通知件数")
    amount_yuan: Amount = Field(Decimal(0), title="实际收取金额（元）")


class ReportBase(BaseModel):
    """Fields common to every format version; `active`, `requests`, `appeals` are added per format."""

    model_config = ConfigDict(extra="forbid")
    meta: Meta
    facts: list[Fact] = Field(default_factory=list, title="支撑数据")
    notes: Notes = Field(default_factory=Notes, title="各部分要点")
    processing_fee: ProcessingFee | None = Field(None, title="信息处理费")
    proper_names: list[str] = Field(
        default_factory=list,
        title="含数字的专有名称",
        description="如“331”监管平台：其中的数字不作统计数字核对",
    )
    previous: str | dict[str, Any] | None = Field(
        None, title="上年报告", description="上年报告输入文件的路径（相对本文件），或直接内嵌"
    )

    _format: FormatDefinition | None = PrivateAttr(None)
    _previous_report: ReportBase | None = PrivateAttr(None)
    _values: Any = PrivateAttr(None)
    """The CellValues view, computed once (see model.cells)."""
    _numbers: Any = PrivateAttr(None)
    """The number checker's references and alias index, built once (see checks.derived/binding)."""

    # The two properties below read the private state directly: pydantic's __getattr__ for private
    # attributes is slow, and the checks ask for them tens of thousands of times per folder.
    @property
    def format(self) -> FormatDefinition:
        private = self.__pydantic_private__
        fmt = private.get("_format") if private is not None else None
        assert fmt is not None, "use report_copilot.inputs to build reports"
        return fmt

    @property
    def previous_report(self) -> ReportBase | None:
        private = self.__pydantic_private__
        return private.get("_previous_report") if private is not None else None

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)


def _cell_type(column: ColumnDef) -> Any:
    match column.kind:
        case "count":
            return Count | None
        case "signed":
            return SignedCount | None
        case "amount":
            return Amount | None
        case "money":
            return Annotated[Money | None, BeforeValidator(_parse_money)]


def _class_name(*parts: str) -> str:
    return "".join(p.replace(".", "_").title().replace("_", "") for p in parts)


@cache
def _row_model(fmt: FormatDefinition, block: BlockDef) -> type[BaseModel]:
    """One model per block: every row of a block has the same columns (and model building is slow)."""
    fields: dict[str, Any] = {
        c.id: (
            _cell_type(c),
            Field(None, title=c.label + (f"（{c.unit}）" if c.unit and c.unit not in c.label else "")),
        )
        for c in block.columns
    }
    return create_model(
        _class_name(fmt.id, block.id, "row"),
        __config__=ConfigDict(extra="forbid"),
        **fields,
    )


def _table_model(fmt: FormatDefinition, table: TableDef) -> type[BaseModel]:
    """Rows grouped by the first part of their id: `denied.state_secret` → {"denied": {"state_secret": …}}."""
    tree: dict[str, Any] = {}
    for block in table.blocks:
        for row in block.rows:
            head, _, rest = row.id.partition(".")
            model = _row_model(fmt, block)
            if rest:
                tree.setdefault(head, {})[rest] = (model, row.label)
            else:
                tree[head] = (model, row.label)
    fields: dict[str, Any] = {}
    for key, node in tree.items():
        if isinstance(node, dict):
            group = next((g for b in table.blocks for g in b.row_groups if g.id == key), None)
            sub_fields: dict[str, Any] = {
                k: (m, Field(default_factory=m, title=label)) for k, (m, label) in node.items()
            }
            gmodel = create_model(
                _class_name(fmt.id, table.id, key),
                __config__=ConfigDict(extra="forbid", title=group.label if group else key),
                **sub_fields,
            )
            fields[key] = (gmodel, Field(default_factory=gmodel, title=group.label if group else key))
        else:
            model, label = node
            fields[key] = (model, Field(default_factory=model, title=label))
    return create_model(
        _class_name(fmt.id, table.id),
        __config__=ConfigDict(extra="forbid", title=table.title),
        **fields,
    )


@cache
def report_model(format_id: str) -> type[ReportBase]:
    """The pydantic model of a report input in one format version."""
    fmt = load_format(format_id)
    fields: dict[str, Any] = {}
    for table in fmt.tables:
        table_model = _table_model(fmt, table)
        fields[table.id] = (table_model, Field(default_factory=table_model, title=table.title))
    model: type[ReportBase] = create_model(
        f"Report{fmt.id}",
        __base__=ReportBase,
        __doc__=f"政府信息公开工作年度报告输入（{fmt.name}，{fmt.document}）",
        **fields,
    )
    return model


def cell_paths(fmt: FormatDefinition) -> dict[str, tuple[str, ...]]:
    """Attribute path of every cell in a report object."""
    out: dict[str, tuple[str, ...]] = {}
    for cid, cell in fmt.cells.items():
        out[cid] = (cell.table.id, *cell.row.id.split("."), cell.column.id)
    return out


def raw_cell_values(report: ReportBase) -> dict[str, CellValue | None]:
    """Every cell as the user gave it (None = blank), in table order."""
    read_rows, ids = _row_reader(report.format)
    # A row model's fields are its block's columns, in order (`_row_model`).
    return dict(zip(ids, chain.from_iterable(map(dict.values, read_rows(report))), strict=True))


RowReader = Callable[[ReportBase], tuple[dict[str, Any], ...]]


@cache
def _row_reader(fmt: FormatDefinition) -> tuple[RowReader, tuple[str, ...]]:
    """The fields of every row model of a report, read in one `operator.attrgetter` call, and the
    cell ids they hold, in the same order: once per format, not a walk down the models per row."""
    nodes = _row_nodes(fmt)
    paths = [".".join((*path, "__dict__")) for path, _ in nodes]
    getter = attrgetter(*paths)
    read_rows = cast(RowReader, getter if len(paths) > 1 else lambda report: (getter(report),))
    return read_rows, tuple(cid for _, ids in nodes for cid in ids)


@cache
def _row_nodes(fmt: FormatDefinition) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(attribute path of a row in a report, its cell ids) of every row, in the order the models
    nest them (`_table_model`: rows grouped by the first part of their id)."""
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for table in fmt.tables:
        tree: dict[str, Any] = {}
        for block in table.blocks:
            for row in block.rows:
                head, _, rest = row.id.partition(".")
                ids = tuple(f"{table.id}.{row.id}.{c.id}" for c in block.columns)
                if rest:
                    tree.setdefault(head, {})[rest] = ids
                else:
                    tree[head] = ids
        for head, node in tree.items():
            if isinstance(node, dict):
                out += [((table.id, head, rest), ids) for rest, ids in node.items()]
            else:
                out.append(((table.id, head), node))
    return tuple(out)
