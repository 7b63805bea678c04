"""What the workbook holds besides the tables, and how each kind of cell is read back.

The sheet names and the rows of 基本信息 come from `formats/workbook.toml`; their labels from the
data model's field titles, so a label (联系部门, 报告年度 …) has one home. Reading is table-driven:
each field's `kind` names one reader below, instead of a chain of tests on field names.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from report_copilot.model.formats import FormatDefinition
from report_copilot.model.report import Fact, ReportBase

NAME_PREFIX = "copilot."
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class MetaField:
    """One row of the 基本信息 sheet: the data path, how it is read, and its label."""

    key: str
    kind: str
    label: str


@dataclass(frozen=True)
class Workbook:
    """The workbook's fixed names: sheets, 基本信息 rows and 支撑数据 columns."""

    marker_sheet: str
    meta_sheet: str
    facts_sheet: str
    notes_sheet: str
    table_sheets: dict[str, str]
    fields: tuple[MetaField, ...]
    fact_columns: tuple[tuple[str, str], ...]

    def table_sheet(self, table_id: str) -> str:
        return self.table_sheets.get(table_id, table_id)[:31]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _field_chain(key: str) -> list[FieldInfo]:
    """The model fields along a dotted data path (meta.contact.office → meta, contact, office)."""
    model: type[BaseModel] | None = ReportBase
    chain: list[FieldInfo] = []
    for part in key.split("."):
        if model is None or part not in model.model_fields:
            raise KeyError(f"workbook.toml names an unknown field {key!r}")
        info = model.model_fields[part]
        chain.append(info)
        model = _model_of(info.annotation)
    return chain


def _label(title: str | None, hint: str | None, fallback: str) -> str:
    base = title or fallback
    return f"{base}（{hint}）" if hint else base


@cache
def workbook() -> Workbook:
    text = resources.files("report_copilot").joinpath("formats", "workbook.toml").read_text("utf-8")
    data = tomllib.loads(text)
    fields = []
    for item in data["fields"]:
        chain = _field_chain(item["key"])
        leaf = chain[-1]
        label = _label(leaf.title, item.get("hint", leaf.description), item["key"])
        if item.get("parent") and len(chain) > 1:
            label = f"{chain[-2].title}：{label}"
        fields.append(MetaField(item["key"], item["kind"], label))
    hints = data.get("fact_hints", {})
    columns = tuple(
        (name, _label(info.title, hints.get(name, info.description), name))
        for name, info in Fact.model_fields.items()
    )
    return Workbook(
        marker_sheet=data["marker_sheet"],
        meta_sheet=data["meta_sheet"],
        facts_sheet=data["facts_sheet"],
        notes_sheet=data["notes_sheet"],
        table_sheets=dict(data.get("table_sheets", {})),
        fields=tuple(fields),
        fact_columns=columns,
    )


# ------------------------------------------------------------------------------------------- values


def dig(data: dict[str, Any], key: str) -> Any:
    """The value at a dotted path of nested dicts (None where a level is missing)."""
    node: Any = data
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def put(data: dict[str, Any], key: str, value: Any) -> None:
    """Set the value at a dotted path, creating the levels above it."""
    node = data
    parts = key.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def cell_values(data: dict[str, Any], fmt: FormatDefinition) -> dict[str, Any]:
    """Every table cell of report data by cell id (money as printed text: 1.5万元)."""
    out: dict[str, Any] = {}
    for cid, cell in fmt.cells.items():
        node: Any = data.get(cell.table.id, {})
        for part in [*cell.row.id.split("."), cell.column.id]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):  # money as {"value": …, "unit": …}
            node = f"{node.get('value')}{node.get('unit', '')}"
        out[cid] = node
    return out


def to_number(value: Any, kind: str) -> tuple[Any, bool]:
    """(value, ok): a cell as the model expects it; blank is (None, True)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, bool):
        return value, False
    if kind == "money":
        if isinstance(value, int | float):
            return (int(value) if float(value).is_integer() else value), True
        return str(value).strip(), True
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            return value, False
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal) and value == value.to_integral_value() and kind in {"count", "signed"}:
        value = int(value)
    if kind in {"count", "signed"}:
        if not isinstance(value, int) or (kind == "count" and value < 0):
            return value, False
        return value, True
    if isinstance(value, int):
        return value, value >= 0
    return (float(value), True) if isinstance(value, Decimal) and value >= 0 else (value, False)


def split_list(value: Any) -> list[str]:
    return [x.strip() for x in str(value or "").replace(";", "；").split("；") if x.strip()]


# ------------------------------------------------------------------------------- readers by kind

SKIP = object()
"""A reader's answer for a cell that leaves the data untouched."""

Reader = Callable[[Any], tuple[Any, str | None]]
"""A 基本信息 cell → (value to store or SKIP, what is wrong with it or None)."""


def _text(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, _dt.datetime | _dt.date):
        return (value.date() if isinstance(value, _dt.datetime) else value).isoformat(), None
    if value is None or not str(value).strip():
        return SKIP, None
    return (str(value) if isinstance(value, int | float) else str(value).strip()), None


def _year(value: Any) -> tuple[Any, str | None]:
    number, ok = to_number(value, "count")
    return number, None if ok else "应为四位年份"


def _bool(value: Any) -> tuple[Any, str | None]:
    return (value is not None and str(value).strip() in {"是", "True", "true", "1", "TRUE"}), None


def _quantity(kind: str) -> Reader:
    def read(value: Any) -> tuple[Any, str | None]:
        number, ok = to_number(value, kind)
        return (SKIP if number is None else number), None if ok else "应为不小于 0 的数"

    return read


READERS: dict[str, Reader] = {
    "text": _text,
    "date": _text,
    "year": _year,
    "bool": _bool,
    "list": lambda value: (split_list(value), None),
    "count": _quantity("count"),
    "amount": _quantity("amount"),
}


def shown(kind: str, value: Any) -> Any:
    """A data value as the 基本信息 sheet shows it (the inverse of its reader)."""
    if kind == "list":
        return "；".join(value or [])
    if kind == "bool":
        return "是" if value else "否"
    if isinstance(value, dict):  # an embedded previous report has no cell form
        return None
    return float(value) if isinstance(value, Decimal) else value
