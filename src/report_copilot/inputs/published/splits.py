"""A row's digits that ran together ("0000000", "270020130"), cut every way into the row's cells.

The candidates are only enumerated here; `identities` keeps those the identities allow.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from functools import cache

_SPLIT_LIMIT = 20000


class _Cutter:
    """The cuts of one digit string into k numbers with no leading zero, in the order of their cut
    positions, walking only the branches that can still be finished (a "0" must stand alone, so a
    run with zeros in it has many branches that cannot)."""

    def __init__(self, digits: str) -> None:
        self.s = digits
        self.feasible = cache(self._feasible)

    def _feasible(self, start: int, k: int) -> bool:
        """Whether s[start:] can be cut into k numbers."""
        s, end = self.s, len(self.s)
        if k == 1:
            return start < end and (s[start] != "0" or start == end - 1)
        if end - start < k:
            return False
        if s[start] == "0":
            return self.feasible(start + 1, k - 1)
        return any(self.feasible(q, k - 1) for q in range(start + 1, end - k + 2))

    def cuts(self, start: int, k: int) -> Iterator[list[str]]:
        """Every cut of s[start:] into k numbers; only called where one exists."""
        s = self.s
        if k == 1:
            yield [s[start:]]
            return
        ends = range(start + 1, start + 2) if s[start] == "0" else range(start + 1, len(s) - k + 2)
        for q in ends:
            if self.feasible(q, k - 1):
                for tail in self.cuts(q, k - 1):
                    yield [s[start:q], *tail]


def splits(raws: list[str], n: int) -> Iterator[list[int]]:
    """Every way to cut the digit strings into n numbers (no leading zeros), at most _SPLIT_LIMIT."""
    cutters = [_Cutter(raw) for raw in raws]

    def ks(index: int, left: int) -> list[int]:
        """How many numbers the string at `index` may hold, with the strings after it still cut."""
        remaining = len(raws) - index - 1
        return [
            k
            for k in range(1, min(left - remaining, len(raws[index])) + 1)
            if cutters[index].feasible(0, k) and feasible(index + 1, left - k)
        ]

    @cache
    def feasible(index: int, left: int) -> bool:
        return left == 0 if index == len(raws) else bool(ks(index, left))

    def spread(index: int, left: int) -> Iterator[list[str]]:
        if index == len(raws):
            if left == 0:
                yield []
            return
        for k in ks(index, left):
            for parts in cutters[index].cuts(0, k):
                for rest in spread(index + 1, left - k):
                    yield parts + rest

    if sum(len(r) for r in raws) < n or not feasible(0, n):
        return
    yield from ([int(p) for p in parts] for parts in itertools.islice(spread(0, n), _SPLIT_LIMIT))


def merges(raws: list[str], n: int) -> Iterator[list[int]]:
    """Every way to join neighbouring numbers into n cells: a cell printed with a stray space in it
    ("5 8 9 1 0 3 1 72" for 58 9 1 0 3 1 72). A joined cell never starts with 0; at most _SPLIT_LIMIT."""
    gaps = len(raws) - 1
    closed_count = len(raws) - n
    if closed_count <= 0 or math.comb(gaps, closed_count) > _SPLIT_LIMIT:
        return  # far more numbers than cells (a whole table after its labels): no stray space
    count = 0
    for closed in itertools.combinations(range(gaps), closed_count):
        parts: list[str] = [raws[0]]
        for gap, raw in enumerate(raws[1:]):
            if gap in closed:
                parts[-1] += raw
            else:
                parts.append(raw)
        if any(len(p) > 1 and p.startswith("0") for p in parts):
            continue
        yield [int(p) for p in parts]
        count += 1
        if count >= _SPLIT_LIMIT:
            return
