"""Which entries differ between two data dicts (the file and its autosave), named as the clerk knows them.

Cells are named by the official table path of their format (`依申请公开 › 本年新收 › 自然人`); other
fields by the titles the report model gives them (`基本信息 › 联系方式 › 电话`), supporting facts by
their 名称. No Textual here: the restore dialog only lays the list out.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from report_copilot.model.formats import FormatDefinition
from report_copilot.model.report import ReportBase
from report_copilot.tui.cell_text import cell_text
from report_copilot.tui.data_paths import format_of

__all__ = ["Difference", "differences"]

ABSENT = "（空）"
_TAB = {
    "meta": "基本信息",
    "previous": "基本信息",
    "processing_fee": "基本信息",
    "facts": "事实与要点",
    "notes": "事实与要点",
}
_LONGEST = 60
"""Characters of a long value shown (notes can run to paragraphs)."""


@dataclass(frozen=True)
class Difference:
    """One entry whose value differs: where it is, and both values as text."""

    label: str
    old: str
    new: str


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[Difference]:
    """Every entry of `new` that differs from `old`, in the order of the format's tables, then the rest."""
    formats = [format_of(new), format_of(old)]
    cells = {cid: fmt.cells[cid] for fmt in reversed(formats) for cid in fmt.cells}
    flat_old, flat_new = _flatten(old, "", cells), _flatten(new, "", cells)
    order = {cid: i for i, cid in enumerate(cells)}
    paths = sorted(
        (p for p in {*flat_old, *flat_new} if flat_old.get(p) != flat_new.get(p)),
        key=lambda p: (p not in order, order.get(p, 0), p),
    )
    return [
        Difference(_label(p, formats, flat_old, flat_new), _show(flat_old.get(p)), _show(flat_new.get(p)))
        for p in paths
    ]


def _flatten(tree: Any, prefix: str, cells: dict[str, Any]) -> dict[str, Any]:
    """Dotted path → leaf value; a cell (even a money dict) is a leaf, a fact is keyed by its id."""
    out: dict[str, Any] = {}
    if not isinstance(tree, dict):
        return out
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if path == "facts" and isinstance(value, list):
            for i, fact in enumerate(value):
                fact_id = fact.get("id") if isinstance(fact, dict) else None
                out[f"facts.{fact_id or i}"] = fact
        elif isinstance(value, dict) and path not in cells:
            out.update(_flatten(value, path + ".", cells))
        else:
            out[path] = value
    return out


def _label(path: str, formats: list[FormatDefinition], old: dict[str, Any], new: dict[str, Any]) -> str:
    for fmt in formats:
        if path in fmt.cells:
            return fmt.cells[path].where
    head, _, rest = path.partition(".")
    if head == "facts":
        fact = new.get(path) or old.get(path)
        name = fact.get("label") if isinstance(fact, dict) else None
        return f"事实与要点 › 支撑数据 › {name or rest}"
    titles = _titles(ReportBase, path.split("."))
    tab = _TAB.get(head)
    return " › ".join([tab, *titles] if tab and tab != titles[0] else titles)


def _titles(model: type[BaseModel], parts: list[str]) -> list[str]:
    """The model's titles along a path (a part the model does not know stays as written)."""
    info = model.model_fields.get(parts[0])
    if info is None:
        return parts
    inner = _inner(info.annotation)
    if len(parts) > 1 and isinstance(inner, type) and issubclass(inner, BaseModel):
        below = _titles(inner, parts[1:])
        return [info.title, *below] if info.title else below  # `meta` itself has no title: its tab names it
    return [info.title or parts[0], *parts[1:]]


def _inner(annotation: Any) -> Any:
    """`X | None` → X."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _show(value: Any) -> str:
    if value is None or value == [] or value == "":
        return ABSENT
    if isinstance(value, dict) and "label" in value and "value" in value:  # a supporting fact
        text = f"{cell_text(value['value'])}{value.get('unit') or ''}"
    elif isinstance(value, list):
        text = "；".join(cell_text(v) for v in value)
    elif isinstance(value, bool):
        text = "是" if value else "否"
    else:
        text = cell_text(value)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"
