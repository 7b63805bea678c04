"""Readings of a figure through a table's own balance: the carry-over of table 三, the stock of the
2019 table 二.

Table 三 (format.md §8 P-1, P-2):

Table 三 balances 本年新收 + 上年结转 = （七）总计 + 结转下年度. Real reports often quote the other side
of that balance: 办结75件 where 75 = 新收 72 + 上年结转 3 (every application in hand), 办结67件 where
67 = 总计 71 − 结转 4, or 收到70件，办结69件，1件结转 (the year's new ones, the carry-over left out). For 办结/答复 (P-2) that is a wording to explain, not a wrong figure: bound, with a
warning. For 收到/新收/受理 and their applicant splits (P-1, P-6) the number inflates the year's receipts:
a mismatch, whose message says where the figure came from.

The 2019 table 二 (P-11) prints 上一年项目数量 and 本年增/减; prose states this year's stock, their sum
(现有行政许可事项125项, 由上年的120项增加至125项), and last year's stock as 上年的120项.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from report_copilot.checks.aliases import Index, base_value
from report_copilot.checks.numbers import NumberSpan
from report_copilot.checks.verdicts import Verdict
from report_copilot.model.refs import Reference, plain

_TABLE = "requests"


class Reading(NamedTuple):
    """How to judge a number that is the balance of table 三 read with the carry-over in."""

    verdict: Verdict
    rule: str
    message: str
    warning: str | None = None


def _value(index: Index, row: str, col: str) -> Decimal | None:
    ref = index.refs.get(f"{_TABLE}.{row}.{col}")
    return None if ref is None else base_value(ref)[0]


def carry_reading(span: NumberSpan, ref: Reference, index: Index) -> Reading | None:
    """The reading when the number quoted as `ref` is the table's balance with the carry-over in."""
    parts = ref.key.split(".")
    if len(parts) != 3 or parts[0] != _TABLE or span.value is None:
        return None
    row, col = parts[1], parts[2]
    new, over = _value(index, "new", col), _value(index, "carried_over", col)
    total, forward = _value(index, "total", col), _value(index, "carried_forward", col)
    if None in (new, over, total, forward) or not over and not forward:
        return None
    assert new is not None and over is not None and total is not None and forward is not None
    in_hand = new + over
    readings = (in_hand, total - forward, new - forward)
    if row == "total" and any(span.agrees(v) for v in readings):
        if span.agrees(in_hand):
            how = f"为本年新收 {plain(new)}件与上年结转 {plain(over)}件之和（在办申请总数）"
        elif span.agrees(total - forward):
            how = f"为（七）总计 {plain(total)}件减去结转下年度 {plain(forward)}件"
        else:  # 收到70件，办结69件，1件结转: the year's new applications that were answered
            how = f"为本年新收 {plain(new)}件减去结转下年度 {plain(forward)}件（未计上年结转）"
        return Reading(
            Verdict.BOUND,
            "P-2",
            f"{span.text.strip()}{how}",
            (
                f"{span.text.strip()}{how}；「{ref.where}」（办结数）为 {ref.quoted()}，"
                f"另有 {plain(forward)}件结转下年度继续办理：请按（七）总计写办结数，或写明口径"
            ),
        )
    if row == "new" and over and span.agrees(in_hand):
        return Reading(
            Verdict.MISMATCH,
            "P-6" if col != "total" else "P-1",
            (
                f"与数据不符：「{ref.where}」为 {ref.quoted()}，文中写作 {span.text.strip()}，"
                f"是本年新收 {plain(new)}件加上年结转 {plain(over)}件之和：收到/受理的申请只计本年新收"
            ),
        )
    return None


_PREVIOUS, _CHANGE = "previous_items", "change"


def stock_reading(span: NumberSpan, refs: list[Reference], index: Index) -> Reading | None:
    """A number naming a 2019 table-二 row that is last year's stock plus this year's change."""
    if span.value is None:
        return None
    for ref in refs:
        table, _, rest = ref.key.partition(".")
        row, _, col = rest.rpartition(".")
        if col not in {_PREVIOUS, _CHANGE}:
            continue
        before = index.refs.get(f"{table}.{row}.{_PREVIOUS}")
        change = index.refs.get(f"{table}.{row}.{_CHANGE}")
        if before is None or change is None:
            continue
        stock = Decimal(before.value) + Decimal(change.value)
        if span.agrees(stock):
            return Reading(
                Verdict.BOUND,
                "P-11",
                f"与「{before.where}」{before.quoted()}加「{change.where}」{change.quoted()}之和"
                f"（本年项目数量 {plain(stock)}{before.unit}）一致",
            )
    return None


def previous_stock(span: NumberSpan, keys: list[str], index: Index) -> Reference | None:
    """上年的120项 in a report whose table prints last year's stock (2019 table 二): that cell of the
    row the clause names."""
    for key in keys:
        table, _, rest = key.removeprefix("derived.").partition(".")
        row = rest.rpartition(".")[0]
        ref = index.refs.get(f"{table}.{row}.{_PREVIOUS}")
        if ref is not None and span.agrees(Decimal(ref.value)):
            return ref
    return None
