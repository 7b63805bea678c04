"""A row's digits that ran together ("0000000", "270020130"), cut every way into the row's cells.

The candidates are only enumerated here; `identities` keeps those the identities allow.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

_SPLIT_LIMIT = 20000


def splits(raws: list[str], n: int) -> Iterator[list[int]]:
    """Every way to cut the digit strings into n numbers (no leading zeros), at most _SPLIT_LIMIT."""

    def cuts(s: str, k: int) -> Iterator[list[str]]:
        if k == 1:
            if s == "0" or not s.startswith("0"):
                yield [s]
            return
        for i in range(1, len(s) - k + 2):
            head = s[:i]
            if head != "0" and head.startswith("0"):
                break
            for tail in cuts(s[i:], k - 1):
                yield [head, *tail]

    def spread(index: int, left: int) -> Iterator[list[str]]:
        if index == len(raws):
            if left == 0:
                yield []
            return
        remaining = len(raws) - index - 1
        for k in range(1, min(left - remaining, len(raws[index])) + 1):
            for parts in cuts(raws[index], k):
                for rest in spread(index + 1, left - k):
                    yield parts + rest

    if sum(len(r) for r in raws) < n:
        return
    yield from ([int(p) for p in parts] for parts in itertools.islice(spread(0, n), _SPLIT_LIMIT))


def merges(raws: list[str], n: int) -> Iterator[list[int]]:
    """Every way to join neighbouring numbers into n cells: a cell printed with a stray space in it
    ("5 8 9 1 0 3 1 72" for 58 9 1 0 3 1 72). A joined cell never starts with 0; at most _SPLIT_LIMIT."""
    gaps = len(raws) - 1
    closed_count = len(raws) - n
    if closed_count <= 0:
        return
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
