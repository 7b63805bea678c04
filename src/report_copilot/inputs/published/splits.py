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
