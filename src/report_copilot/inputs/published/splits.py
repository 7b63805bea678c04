"""A row's digits that ran together ("0000000", "270020130"), cut every way into the row's cells.

The candidates are only enumerated here; `identities` keeps those the identities allow.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator

SPLIT_LIMIT = 20000


class _Cutter:
    """The cuts of one digit string into k numbers with no leading zero, in the order of their cut
    positions, walking only the branches that can still be finished (a "0" must stand alone, so a
    run with zeros in it has many branches that cannot)."""

    __slots__ = ("known", "s")

    def __init__(self, digits: str) -> None:
        self.s = digits
        self.known: dict[tuple[int, int], bool] = {}
        """`feasible` of each (start, k) asked: a plain dict, not a `functools.cache` wrapper made
        per cutter (one per digit string of every row read: the wrappers cost more than the cuts)."""

    def feasible(self, start: int, k: int) -> bool:
        """Whether s[start:] can be cut into k numbers."""
        known = self.known.get((start, k))
        if known is None:
            known = self.known[start, k] = self._feasible(start, k)
        return known

    def _feasible(self, start: int, k: int) -> bool:
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
    """Every way to cut the digit strings into n numbers (no leading zeros), at most SPLIT_LIMIT."""
    cutters = [_Cutter(raw) for raw in raws]

    def ks(index: int, left: int) -> list[int]:
        """How many numbers the string at `index` may hold, with the strings after it still cut."""
        remaining = len(raws) - index - 1
        return [
            k
            for k in range(1, min(left - remaining, len(raws[index])) + 1)
            if cutters[index].feasible(0, k) and feasible(index + 1, left - k)
        ]

    known: dict[tuple[int, int], bool] = {}

    def feasible(index: int, left: int) -> bool:
        found = known.get((index, left))
        if found is None:
            found = known[index, left] = left == 0 if index == len(raws) else bool(ks(index, left))
        return found

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
    yield from ([int(p) for p in parts] for parts in itertools.islice(spread(0, n), SPLIT_LIMIT))


def merges(raws: list[str], n: int) -> Iterator[list[int]]:
    """Every way to join neighbouring numbers into n cells: a cell printed with a stray space in it
    ("5 8 9 1 0 3 1 72" for 58 9 1 0 3 1 72). A joined cell never starts with 0; at most SPLIT_LIMIT."""
    gaps = len(raws) - 1
    closed_count = len(raws) - n
    if closed_count <= 0 or math.comb(gaps, closed_count) > SPLIT_LIMIT:
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
        if count >= SPLIT_LIMIT:
            return


SEARCH_BUDGET = 400_000
"""Cells placed by `pruned_splits` before it gives up (a run of 26 digits into 15 cells is ~10^4)."""


def pruned_splits(
    raws: list[str], n: int, holds: Callable[[int, list[int]], bool], budget: int = SEARCH_BUDGET
) -> list[list[int]] | None:
    """Every cut of the digit strings into n numbers (no leading zeros, none across two strings) for
    which `holds(i, prefix)` is true at each cell i, where `prefix` holds the cells 0..i: a check of
    the row's own shape is judged as soon as its last cell is placed, so the search stops early in a
    branch that breaks it. Exhaustive, unlike `splits`, beyond `SPLIT_LIMIT` candidates; None when
    more than `budget` cells would be placed (then nothing is certain)."""
    digits = "".join(raws)
    ends = set(itertools.accumulate(len(r) for r in raws))
    out: list[list[int]] = []
    prefix: list[int] = []
    placed = 0

    def walk(start: int) -> bool:
        nonlocal placed
        left = n - len(prefix)
        if left == 0:
            if start == len(digits):
                out.append(list(prefix))
            return True
        if len(digits) - start < left:
            return True
        stop = start + 1 if digits[start] == "0" else len(digits) - left + 1
        for end in range(start + 1, stop + 1):
            placed += 1
            if placed > budget:
                return False
            prefix.append(int(digits[start:end]))
            exceeded = holds(len(prefix) - 1, prefix) and not walk(end)
            prefix.pop()
            if exceeded:
                return False
            if end in ends:
                break  # a number never runs on into the next printed string
        return True

    return out if walk(0) else None
