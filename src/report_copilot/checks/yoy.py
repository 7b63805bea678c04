"""Year-on-year references: last year's value, the change and the growth rate of each figure.

Listed unbuilt beside the report's own references (`checks/lazy_refs.py`): prose quotes a few of
the ~1,300 a report with last year's has; each is built from both years' references when read.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from functools import lru_cache

from report_copilot.checks.lazy_refs import Item, LazyReferences, int_if_whole
from report_copilot.model.cells import magnitude
from report_copilot.model.refs import Reference, percent_text, plain

__all__ = ["add_yoy_items", "yoy_items"]


@lru_cache(maxsize=8192)
def _yoy_keys(key: str) -> tuple[str, str, str]:
    """The three year-on-year keys of a reference key (a pure function of the key: official keys
    repeat in every report, so each is spelt once)."""
    return f"yoy.{key}.previous", f"yoy.{key}.diff", f"yoy.{key}.pct"


def yoy_items(current: LazyReferences, previous: LazyReferences) -> dict[str, Item]:
    """Last year's value, the change and the growth rate of each reference both years have (their
    builder reads which of the three from the key: yoy.<key>.previous / .diff / .pct)."""
    out: dict[str, Item] = {}
    add_yoy_items(out, current, previous)
    return out


def add_yoy_items(out: dict[str, Item], current: LazyReferences, previous: LazyReferences) -> None:
    """`yoy_items`, written into `out` (the report's own entries, so they are not copied again).

    Entries are immutable tuples, so those of one unit share one tuple per report; the loop reads
    each entry by index (no unpacking, no tuple keys): it runs ~900 times a linked report."""
    before = previous.entries().get
    keys_of = _yoy_keys
    pct: Item = ("yoy", "%", None, _build_yoy, previous)
    pairs: dict[str, tuple[Item, Item]] = {}  # per unit: figures other than rates
    rate_pairs: dict[str, tuple[Item, Item]] = {}  # per unit: rates
    for key, item in current.entries().items():
        prev = before(key)
        if prev is None or prev[1] != item[1]:
            continue
        k_previous, k_diff, k_pct = keys_of(key)
        if item[0] == "rate":
            pair = rate_pairs.get(item[1])
            if pair is None:
                pair = rate_pairs[item[1]] = _pair(item[1], True, previous)
            out[k_previous], out[k_diff] = pair
            continue
        pair = pairs.get(item[1])
        if pair is None:
            pair = pairs[item[1]] = _pair(item[1], False, previous)
        out[k_previous], out[k_diff] = pair
        if prev[2]:
            out[k_pct] = pct


def _pair(unit: str, rate: bool, previous: LazyReferences) -> tuple[Item, Item]:
    """The entries of last year's value and of the change, for figures in `unit`."""
    diff_unit = "个百分点" if rate else unit
    return ("yoy", unit, None, _build_yoy, previous), ("yoy", diff_unit, None, _build_yoy, previous)


def _build_yoy(table: LazyReferences, key: str, previous: LazyReferences) -> Reference:
    own_key, _, which = key.removeprefix("yoy.").rpartition(".")
    ref, prev = table[own_key], previous[own_key]
    if which == "previous":
        return Reference(
            key=key,
            kind="yoy",
            value=prev.value,
            unit=prev.unit,
            label=f"{ref.label}上年为",
            where=f"上年报告 › {prev.where}",
            text=percent_text(prev.value) if prev.kind == "rate" else plain(prev.value),
        )
    if which == "diff":
        diff = ref.value - prev.value
        rate = ref.kind == "rate"
        direction = "增加" if diff > 0 else "减少" if diff < 0 else "变化"
        if rate:
            direction = "提高" if diff > 0 else "下降" if diff < 0 else "变化"
        return Reference(
            key=key,
            kind="yoy",
            value=int_if_whole(Decimal(diff)) if not isinstance(diff, int) else diff,
            unit="个百分点" if rate else ref.unit,
            label=f"{ref.label}较上年{direction}",
            where=f"{ref.where}：本年 − 上年",
            text=percent_text(magnitude(diff)) if rate else plain(magnitude(diff)),
        )
    with localcontext() as ctx:
        ctx.prec = 28
        pct = (Decimal(ref.value) - Decimal(prev.value)) * 100 / Decimal(prev.value)
    verb = "增长" if pct > 0 else "下降" if pct < 0 else "变化"
    return Reference(
        key=key,
        kind="yoy",
        value=pct,
        unit="%",
        label=f"{ref.label}较上年{verb}",
        where=f"{ref.where}：（本年 − 上年）÷ 上年",
        text=percent_text(abs(pct)),
    )
