"""A read-only dict of references whose entries are built when first read.

A report has some 430 references of its own (cells, group sums, rates) and up to three year-on-year
ones for each; its prose quotes a few dozen. Building a validated `Reference` for all of them was
half the cost of auditing a report, so the table knows every key, kind, unit and (except for rates)
value at once — `in`, `len` and the value index are exact without building anything — and builds a
`Reference` only when one is read.

It is a `dict` so every reader keeps its plain types and idioms (`refs[k]`, `refs.get(k)`,
`k in refs`). Reading it whole (iteration, `items`, `values`, copies, comparison, pickling) first
builds every entry and puts them in table order, so a whole read sees exactly the eager dict it
replaces. Nobody writes to the references of a report: writes raise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, NoReturn

from report_copilot.model.cells import Number
from report_copilot.model.refs import Reference, RefKind

Build = Callable[["LazyReferences", str, Any], Reference]
"""Builds the reference of a key, given its table and the argument stored with it."""
Item = tuple[RefKind, str, "Number | None", Build, Any]
"""(kind, unit, value — None where only building computes it, builder, the builder's argument)."""


def int_if_whole(value: Number) -> Number:
    """12.0 → 12: a whole figure is an int, as prose prints it."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def built(_table: LazyReferences, _key: str, ref: Reference) -> Reference:
    """The builder of an entry made eagerly (facts, the 信息处理费)."""
    return ref


class LazyReferences(dict[str, Reference]):
    """Key → Reference, each built on first read (see the module docstring)."""

    __slots__ = ("_items", "_full", "_own")

    def __init__(self, items: dict[str, Item], own: LazyReferences | None = None) -> None:
        """`own`: a table whose entries are the first entries of `items`, all the others being of
        kind "yoy" (a report's references with last year's): it answers `items_of` other kinds."""
        super().__init__()
        self._items = items
        self._full = not items
        self._own = own

    # ------------------------------------------------------------------ cheap reads
    def __missing__(self, key: str) -> Reference:
        item = self._items.get(key)
        if item is None:
            raise KeyError(key)
        ref = item[3](self, key, item[4])
        dict.__setitem__(self, key, ref)
        return ref

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._items else default

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def items_of(self, kinds: Iterable[RefKind]) -> Iterator[tuple[str, Number, str]]:
        """(key, value, unit) of the entries of these kinds whose value is known, unbuilt, in order."""
        wanted = frozenset(kinds)
        if self._own is not None and "yoy" not in wanted:
            yield from self._own.items_of(wanted)
            return
        for key, (kind, unit, value, _, _) in self._items.items():
            if kind in wanted and value is not None:
                yield key, value, unit

    def kind_unit_value(self, key: str) -> tuple[RefKind, str, Number | None]:
        """An entry's kind, unit and value (None for a rate) without building it."""
        kind, unit, value, _, _ = self._items[key]
        return kind, unit, value

    def entries(self) -> dict[str, Item]:
        """The unbuilt entries, in order (read-only: shared with tables built from this one)."""
        return self._items

    # ------------------------------------------------------------------ whole reads: build all first
    def _fill(self) -> None:
        if self._full:
            return
        ordered = {key: self[key] for key in self._items}
        dict.clear(self)
        dict.update(self, ordered)
        self._full = True

    def keys(self) -> Any:
        self._fill()
        return super().keys()

    def values(self) -> Any:
        self._fill()
        return super().values()

    def items(self) -> Any:
        self._fill()
        return super().items()

    def copy(self) -> dict[str, Reference]:
        self._fill()
        return dict(super().items())

    def __reversed__(self) -> Iterator[str]:
        return reversed(list(self._items))

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyReferences):
            other._fill()
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __repr__(self) -> str:
        self._fill()
        return super().__repr__()

    def __or__(self, other: Any) -> Any:
        return self.copy() | other

    def __ror__(self, other: Any) -> Any:
        return other | self.copy()

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Copies and pickles are plain dicts of every reference."""
        return (dict, (self.copy(),))

    # ------------------------------------------------------------------ writes: none
    def _read_only(self, *_args: object, **_kwargs: object) -> NoReturn:
        raise TypeError("a report's references are read-only")

    __setitem__ = __delitem__ = update = pop = popitem = setdefault = clear = __ior__ = _read_only
