"""Runs whose digits split more than one way: listed with their candidates, and the rows of a
table printed as one run (四: 行政复议, 行政诉讼 ×2) that every candidate splits alike, read; so is
each cell of a row left that every candidate cuts alike ("110000011": 11|0|0|0|0|0|11 and
1|10|0|0|0|0|11 both fit; 科研机构 … 总计 are 0 0 0 0 11 in both, only 自然人 and 商业企业 stay unread).

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


def _why(count: int, shown: str, more: str) -> str:
    """Why the run is not read: several splits fit, or its one split is confirmed by no identity
    (figures printed apart, where a blank cell may have left no trace)."""
    if count == 1:
        return f"原文的数比格少，只有一种拆分（{shown}），但没有勾稽关系能确认（空白格可能未留痕迹），"
    return f"原文数字连在一起，可能的拆分不止一种（{shown}，{more}），按勾稽关系无法唯一确定，"


def report_ambiguous(
    reading: TableReading, pending: Pending, capped: set[str], fits: Callable[[list[str], list[int]], bool]
) -> None:
    """An `ambiguous` issue for each run left; first, the rows of a multi-row run read where every
    candidate agrees. `capped`: runs (by first cell) whose candidates are not every split;
    `fits(ids, candidate)`: the candidate breaks no identity."""
    for targets, candidates in pending:
        ids = [cid for t in targets for cid in t.cell_ids]
        some = ""
        if ids[0] not in capped and any(fits(ids, c) for c in candidates):
            if len(targets) > 1:
                targets, candidates = _read_agreed(reading, targets, candidates)
                ids = [cid for t in targets for cid in t.cell_ids]
            read, ids, candidates = read_common(reading, targets, ids, candidates, "在每一种拆分中都相同")
            some = "（其余各格在每一种拆分中都相同，已导入）" if read else ""
        where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
        shown = "；".join(" ".join(str(v) for v in c) for c in candidates[:5])
        more = f"等 {len(candidates)} 种" if len(candidates) > 5 else f"共 {len(candidates)} 种"
        reading.issues.append(
            ImportIssue(
                "ambiguous",
                ids[0].rsplit(".", 1)[0],
                where,
                f"{where}：{_why(len(candidates), shown, more)}"
                + (f"{column_labels(targets, ids)}未导入{some}" if some else "本行未导入"),
                cells=ids,
                candidates=candidates[:20],
            )
        )


def column_labels(targets: list[RowTarget], ids: list[str]) -> str:
    """The column labels of the cells `ids` of the rows `targets` ("自然人、商业企业")."""
    names = {
        cid: (f"{t.row.label} {c.label}" if len(targets) > 1 else c.label)
        for t in targets
        for cid, c in zip(t.cell_ids, t.block.columns, strict=True)
    }
    return "、".join(names[cid] for cid in ids)


def read_common(
    reading: TableReading, targets: list[RowTarget], ids: list[str], candidates: list[list[int]], why: str
) -> tuple[bool, list[str], list[list[int]]]:
    """The cells of a run that every candidate (two at least) cuts alike, read, with an `inferred`
    issue saying `why` they are certain; returned: whether any was, the cells left and the distinct
    cuts of them. Where every cell differs, nothing changes."""
    if len(candidates) < 2:
        return False, ids, candidates
    same = [k for k in range(len(ids)) if len({c[k] for c in candidates}) == 1]
    if not same or len(same) == len(ids):
        return False, ids, candidates
    values = {ids[k]: candidates[0][k] for k in same}
    reading.values.update(values)
    where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
    shown = "、".join(f"{column_labels(targets, [cid])} {v}" for cid, v in values.items())
    reading.issues.append(
        ImportIssue(
            "inferred",
            ids[0].rsplit(".", 1)[0],
            where,
            f"{where}：原文数字连在一起，可能的拆分有 {len(candidates)} 种，以下各格{why}，已导入：{shown}",
            cells=list(values),
            candidates=[[candidates[0][k] for k in same]],
        )
    )
    left = [k for k in range(len(ids)) if k not in same]
    rest = list(dict.fromkeys(tuple(c[k] for k in left) for c in candidates))
    return True, [ids[k] for k in left], [list(c) for c in rest]


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
