"""Typed references: every figure a prose number may quote, with a stable key.

A reference is a table cell, a declared fact, a value derived from the tables (group subtotal, rate),
or a year-on-year comparison. Keys are stable strings so a prompt can use them as placeholders
(`{{requests.new.total}}`) and a binding can name what a number was tied to:

- `requests.new.total`                 a cell (its id)
- `fact.<id>`, `fee.notices`           a declared fact; the 信息处理费 figures
- `derived.requests.denied.total`      a derived value (group subtotal, applicant-group sum)
- `rate.requests.granted.total`        a percentage (share of its base, in %)
- `yoy.<key>.diff` / `.pct` / `.previous`   change against last year, growth rate, last year's value
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, Field

RefKind = Literal["cell", "fact", "derived", "rate", "yoy"]


def round_half_up(value: Decimal | int, places: int) -> Decimal:
    """Round as clerks and evaluators do (0.125 → 0.13), never banker's rounding."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain(value: Decimal | int) -> str:
    """A number as written in prose: no exponent, no trailing zeros."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text


def percent_text(value: Decimal | int, places: int = 2) -> str:
    """A percentage as reports print it: two decimals, half up (50.70)."""
    return format(round_half_up(value, places), "f")


class Reference(BaseModel):
    """One figure prose may quote."""

    key: str = Field(description="stable key: a cell id, fact.<id>, derived.…, rate.…, yoy.…")
    kind: RefKind
    value: Decimal | int
    unit: str = Field(description="件, 条, 人次, 万元, 元, %, 个百分点 …")
    label: str = Field(
        description="a Chinese phrase naming it in prose: label + value + unit binds back to it"
    )
    where: str = Field("", description="where it comes from, for messages: 表 › 行 › 列, or 支撑数据 › 名称")
    text: str = Field("", description="the value as prose should print it (rates: 2 decimals, half up)")
    qualifier: str | None = Field(None, description="余/多/近/约 … for facts declared as approximations")
    parts: tuple[str, ...] = Field(
        (), description="keys of the cells this value adds up (derived values and totals), for P-9"
    )

    def model_post_init(self, _context: object) -> None:
        if not self.text:
            self.text = percent_text(self.value) if self.kind == "rate" else plain(self.value)

    def phrase(self) -> str:
        """How a drafter quotes it: 本年新收政府信息公开申请72件 (a declared qualifier in its place)."""
        q = self.qualifier or ""
        pre = q if q in PREFIX_QUALIFIERS else ""
        mid = q if q in {"余", "多"} else ""
        post = q if q in {"以上", "左右", "以下"} else ""
        return f"{self.label}{pre}{self.text}{mid}{self.unit}{post}"


PREFIX_QUALIFIERS = frozenset({"近", "约", "大约", "超过", "逾", "将近", "接近", "不足", "不到"})
