"""Text typed into a cell ↔ the JSON value the data file holds, with Chinese refusals.

Blank means missing (null), never zero; full-width digits and thousands separators are accepted.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from report_copilot.errors import CopilotError
from report_copilot.model.formats import CellDef

__all__ = ["CellInputError", "cell_text", "parse_cell_text"]

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋，　", "0123456789.-+, ")


class CellInputError(CopilotError):
    """Text typed into a cell that the cell cannot hold; the cell keeps its previous value."""


def _json_number(text: str) -> int | float:
    number = Decimal(text)
    return int(number) if number == number.to_integral_value() and "." not in text else float(text)


def parse_cell_text(cell: CellDef, text: str) -> Any:
    """The JSON value for text typed into a cell; raises CellInputError (in Chinese) when it cannot be.

    Blank means *missing* (null), never zero. Full-width digits and thousands separators are accepted,
    as clerks often type them with a Chinese input method.
    """
    raw = text
    text = text.translate(_FULL_WIDTH).strip().replace(",", "").replace(" ", "")
    if not text:
        return None

    def refuse(reason: str) -> CellInputError:
        return CellInputError(f"{cell.where}：{reason}，输入为“{raw.strip()}”，已保留原值", location=cell.id)

    if cell.kind == "money":
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(万元|元)?", text)
        if not m:
            raise refuse("应为金额（数字，可带单位“元”或“万元”），不能为负数")
        return {"value": _json_number(m.group(1)), "unit": m.group(2) or "元"}
    if re.search(r"[^\d.+\-]", text):
        raise refuse("应为数字，不能是文字")
    if cell.kind == "count":
        if text.startswith("-"):
            raise refuse("件数不能为负数")
        if "." in text:
            raise refuse("应为整数，不能有小数")
        if not re.fullmatch(r"\+?\d+", text):
            raise refuse("应为非负整数")
        return int(text)
    if cell.kind == "signed":
        if "." in text:
            raise refuse("应为整数，不能有小数")
        if not re.fullmatch(r"[+-]?\d+", text):
            raise refuse("应为整数（减少时写负数，如 -3）")
        return int(text)
    # amount: a non-negative decimal in the column's unit
    if text.startswith("-"):
        raise refuse("金额不能为负数")
    if not re.fullmatch(r"\+?\d+(?:\.\d+)?", text):
        raise refuse(f"应为数字（单位：{cell.unit or '万元'}）")
    return _json_number(text.lstrip("+"))


def cell_text(value: Any) -> str:
    """A stored cell value as the clerk would type it (the editor's starting text)."""
    if value is None:
        return ""
    if isinstance(value, dict) and "value" in value:
        unit = value.get("unit") or "元"
        return f"{_plain(value['value'])}{unit}"
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
