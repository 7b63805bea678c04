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
        return f"{self.label}{self.quoted()}"

    def quoted(self) -> str:
        """The value as prose prints it, with its unit and declared qualifier: 约72件, 100余人."""
        return quoted(self.text, self.unit, self.qualifier)


Approx = Literal["exact", "ge_sig", "ge", "le_near", "lt", "le", "about", "range"]
"""What a qualified figure claims about the true value (≥, ≤ near, ≈ …)."""

# The qualifier words around a number, in one home: where each stands and what it claims. The
# extractor reads them, a Reference prints them, drafters place them.
PREFIX_QUALIFIERS: dict[str, Approx] = {
    "超过": "ge", "多于": "ge", "高于": "ge", "逾": "ge", "超": "ge",
    "将近": "le_near", "接近": "le_near", "近": "le_near",
    "不足": "lt", "不到": "lt", "少于": "lt", "低于": "lt",
    "大约": "about", "约": "about",
}  # fmt: skip
"""Words before the number (超过6.8万次, 近千人)."""
MID_QUALIFIERS: dict[str, Approx] = {"余": "ge_sig", "多": "ge_sig", "来": "about"}
"""Words between the number and its unit (100余人)."""
POST_QUALIFIERS: dict[str, Approx] = {
    "以上": "ge", "左右": "about", "上下": "about", "以下": "le", "有余": "ge_sig", "之多": "exact",
}  # fmt: skip
"""Words after the unit (3000件以上)."""


def quoted(text: str, unit: str, qualifier: str | None) -> str:
    """A figure as prose prints it, its qualifier in its place: 约72件, 100余人, 3000件以上."""
    q = qualifier or ""
    pre = q if q in PREFIX_QUALIFIERS else ""
    post = q if q in POST_QUALIFIERS else ""
    mid = q if q and not (pre or post) else ""  # 余, 多, 来 — and a word we do not know, as written
    return f"{pre}{text}{mid}{unit}{post}"
