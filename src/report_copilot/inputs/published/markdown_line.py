"""A Markdown table put on one line, its rows set back on lines of their own.

A page in Markdown (a converter's or a crawler's) whose line breaks were lost runs every row of a
table into the next: `| 信息内容 | 本年制发件数 | |---|---| | 规章 | 0 | …` (joined by a space) or
`…||---|---||规章…` (by nothing). Read so, the separator row is read as cells and a row of figures
printed apart from its label (`markdown_rows` marks it by its line start) takes the label before it.

The separator row says how many cells each row of its table has: the header before it and every
row after it, up to the next table's header or the first text outside a cell. A table's rows are
set apart only when every one of them has exactly that many cells and the table ends exactly there
(a row with another count, which converters print too, leaves the whole table as it was: unread,
never read wrong).
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\|(?:[ \t]*:?-{3,}:?[ \t]*\|){2,}")


def markdown_rows_apart(line: str) -> str:
    """The line with a line break around every row of each Markdown table whose rows all fit."""
    seps = list(_SEPARATOR.finditer(line))
    if not seps:
        return line
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    heads = [_header_start(line, bars, m) for m in seps]
    cuts: set[int] = set()
    done = 0  # where the previous table ended
    for k, m in enumerate(seps):
        head = heads[k]
        limit = next((h for h in heads[k + 1 :] if h is not None), len(line))
        if head is None or head < done or any(done <= b < head for b in bars) and k > 0:
            continue
        rows = _rows(line, bars, m.end(), m.group().count("|") - 1, limit)
        if rows is None:
            continue
        cuts.update((head, m.start(), m.end(), *rows))
        done = rows[-1] if rows else m.end()
    if not cuts:
        return line
    bounds = [0, *sorted(cuts), len(line)]
    return "\n".join(line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))


def _header_start(line: str, bars: list[int], sep: re.Match[str]) -> int | None:
    """Where the header row before a separator opens: n cells, n + 1 bars, and nothing but
    spaces between its closing bar and the separator."""
    n = sep.group().count("|") - 1
    before = [b for b in bars if b < sep.start()]
    if len(before) < n + 1 or line[before[-1] + 1 : sep.start()].strip():
        return None
    return before[-(n + 1)]


def _rows(line: str, bars: list[int], pos: int, n: int, limit: int) -> list[int] | None:
    """The end of each row of n cells from `pos` on, when the rows run exactly to `limit` (the next
    header) or to text outside any cell with no bar before `limit`; None otherwise."""
    ends: list[int] = []
    index = {b: k for k, b in enumerate(bars)}
    while True:
        j = pos
        while j < len(line) and line[j] in " \t":
            j += 1
        if j >= limit:
            return ends if j == limit or limit == len(line) else None
        if line[j] != "|":
            # the table ended: no cell border may stand between here and the next header
            return ends if not any(j <= b < limit for b in bars) else None
        k = index[j]
        if k + n >= len(bars) or bars[k + n] >= limit:
            return None
        pos = bars[k + n] + 1
        ends.append(pos)
