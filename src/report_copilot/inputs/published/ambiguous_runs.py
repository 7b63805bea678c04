"""Runs whose digits split more than one way: listed with their candidates, and the rows of a
table printed as one run (四: 行政复议, 行政诉讼 ×2) that every candidate splits alike, read.

Table 四 printed as one run of digits is three official rows. Where every candidate that fits
the identities cuts one of those rows the same way ("72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20"
or "… | 1 2 11 6 20"), that row's cells are what was printed; only the rows the candidates cut
differently stay unread. Only where the candidates are every split that fits (not a capped list),
and at least one fits every identity: a run no split of which fits is reported whole
(`impossible_runs`).
"""

from __future__ import annotations

from collections.abc import Callable

from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.rowmatch import RowTarget, TableReading

Pending = list[tuple[list[RowTarget], list[list[int]]]]


def report_ambiguous(
    reading: TableReading, pending: Pending, capped: set[str], fits: Callable[[list[str], list[int]], bool]
) -> None:
    """An `ambiguous` issue for each run left; first, the rows of a multi-row run read where every
    candidate agrees. `capped`: runs (by first cell) whose candidates are not every split;
    `fits(ids, candidate)`: the candidate breaks no identity."""
    for targets, candidates in pending:
        ids = [cid for t in targets for cid in t.cell_ids]
        if len(targets) > 1 and ids[0] not in capped and any(fits(ids, c) for c in candidates):
            targets, candidates = _read_agreed(reading, targets, candidates)
            ids = [cid for t in targets for cid in t.cell_ids]
        where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
        shown = "；".join(" ".join(str(v) for v in c) for c in candidates[:5])
        more = f"等 {len(candidates)} 种" if len(candidates) > 5 else f"共 {len(candidates)} 种"
        reading.issues.append(
            ImportIssue(
                "ambiguous",
                ids[0].rsplit(".", 1)[0],
                where,
                f"{where}：原文数字连在一起，可能的拆分不止一种（{shown}，{more}），按勾稽关系无法唯一确定，本行未导入",
                cells=ids,
                candidates=candidates[:20],
            )
        )


def _read_agreed(
    reading: TableReading, targets: list[RowTarget], candidates: list[list[int]]
) -> tuple[list[RowTarget], list[list[int]]]:
    """The rows every candidate cuts alike read (an `inferred` issue each); the other rows, and the
    distinct cuts of them, returned. At least one row is always returned (candidates differ)."""
    left: list[RowTarget] = []
    columns: list[int] = []
    offset = 0
    for target in targets:
        ids = target.cell_ids
        cuts = {tuple(c[offset : offset + len(ids)]) for c in candidates}
        if len(cuts) == 1:
            (values,) = cuts
            reading.values.update(dict(zip(ids, values, strict=True)))
            where = f"{target.table.title} › {target.row.label}"
            reading.issues.append(
                ImportIssue(
                    "inferred",
                    ids[0].rsplit(".", 1)[0],
                    where,
                    f"{where}：原文数字连在一起，可能的拆分有 {len(candidates)} 种，本行在每一种中都相同，已拆为 "
                    + " ".join(str(v) for v in values),
                    cells=ids,
                    candidates=[list(values)],
                )
            )
        else:
            left.append(target)
            columns += range(offset, offset + len(ids))
        offset += len(ids)
    rest = list(dict.fromkeys(tuple(c[k] for k in columns) for c in candidates))
    return left, [list(c) for c in rest]
