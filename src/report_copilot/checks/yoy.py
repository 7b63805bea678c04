"""Year-on-year references: last year's value, the change and the growth rate of each figure.

A report with last year's has ~1,300 of them and its prose quotes a few, so they are not even
listed until the table is read whole (`YoyReferences`): a key such as `yoy.<key>.diff` is answered
from both years' own entries when asked, and its `Reference` built when read (`checks/lazy_refs.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Any

from report_copilot.checks.lazy_refs import Item, LazyReferences, int_if_whole
from report_copilot.model.cells import Number, magnitude
from report_copilot.model.refs import Reference, RefKind, percent_text, plain

__all__ = ["YoyReferences", "add_yoy_items", "yoy_items"]


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


class YoyReferences(LazyReferences):
    """A report's own references followed by the year-on-year ones, the latter listed only when the
    table is read whole (iteration, `len`, `entries`, copies): a point read (`in`, `get`, `[k]`)
    works out the one entry asked for, exactly as `add_yoy_items` would list it."""

    __slots__ = ("_previous", "_listed")

    def __init__(self, own: LazyReferences, previous: LazyReferences) -> None:
        super().__init__(own.entries(), own)
        self._previous = previous
        self._listed = False

    def _yoy_item(self, key: str) -> Item | None:
        """The entry `add_yoy_items` lists under `key` (None when it lists none)."""
        if not key.startswith("yoy."):
            return None
        own_key, _, which = key[4:].rpartition(".")
        item = self._items.get(own_key)
        prev = self._previous.entries().get(own_key)
        if item is None or prev is None or prev[1] != item[1] or item[0] == "yoy":
            return None
        rate = item[0] == "rate"
        if which == "previous":
            return ("yoy", item[1], None, _build_yoy, self._previous)
        if which == "diff":
            return ("yoy", "个百分点" if rate else item[1], None, _build_yoy, self._previous)
        if which == "pct" and not rate and prev[2]:
            return ("yoy", "%", None, _build_yoy, self._previous)
        return None

    def _list(self) -> None:
        if not self._listed:
            items = dict(self._items)
            add_yoy_items(items, self._own or self, self._previous)
            self._items = items
            self._listed = True

    def __missing__(self, key: str) -> Reference:
        item = self._items.get(key) or (None if self._listed else self._yoy_item(key))
        if item is None:
            raise KeyError(key)
        ref = item[3](self, key, item[4])
        dict.__setitem__(self, key, ref)
        return ref

    def __contains__(self, key: object) -> bool:
        if key in self._items:
            return True
        return isinstance(key, str) and not self._listed and self._yoy_item(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def kind_unit_value(self, key: str) -> tuple[RefKind, str, Number | None]:
        item = self._items.get(key) or (None if self._listed else self._yoy_item(key))
        if item is None:
            raise KeyError(key)
        return item[0], item[1], item[2]

    def __len__(self) -> int:
        self._list()
        return len(self._items)

    def __iter__(self) -> Iterator[str]:
        self._list()
        return iter(self._items)

    def __reversed__(self) -> Iterator[str]:
        self._list()
        return reversed(list(self._items))

    def entries(self) -> dict[str, Item]:
        self._list()
        return self._items

    def items_of(self, kinds: Iterable[RefKind]) -> Iterator[tuple[str, Number, str]]:
        if "yoy" in kinds:
            self._list()
        return super().items_of(kinds)

    def _fill(self) -> None:
        self._list()
        super()._fill()


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
