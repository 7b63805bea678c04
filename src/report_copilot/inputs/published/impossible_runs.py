"""Rows whose digits ran together where no split fits: the printed table itself is inconsistent.

A run like '20000011' for seven cells can only be 2|0|0|0|0|0|11 or 20|0|0|0|0|1|1; when every
such candidate breaks an identity of the report's own year (T3-2 on the row, the column totals),
which split was meant is unknown but that the table is wrong is certain. The row stays unread
(`identities` reports it `ambiguous`); an `inconsistent` issue names the row, the printed digits,
the candidates and the identity each breaks, and the audit reports it as an error under that rule.
Where at least one candidate fits, nothing is added; nor where another row of the text ran
together with fewer digits than cells: there blank cells leave no trace, and a run may hold fewer
cells than the splits assume. A cell of a one-row run that every candidate cuts alike is what was
printed, whichever split was meant ("20000011": 商业企业 … 法律服务机构 are 0 in both): read.
"""

from __future__ import annotations

from dataclasses import replace

from report_copilot.inputs.published.ambiguous_runs import column_labels, read_common
from report_copilot.inputs.published.identities import broken_rules, broken_where
from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.rowmatch import TableReading
from report_copilot.inputs.published.splits import SPLIT_LIMIT
from report_copilot.model.formats import FormatDefinition, IdentityDef

_SHOWN = 5


def report_impossible(fmt: FormatDefinition, reading: TableReading) -> None:
    """After the splits are resolved: an issue for each unread run no candidate split can satisfy."""
    unresolved = [
        (targets, splits)
        for targets, splits in reading.pending
        if all(reading.values.get(cid) is None for t in targets for cid in t.cell_ids)
    ]
    if not unresolved or reading.vanishing:
        return  # where blank cells leave no trace, a run need not hold a digit for every cell
    for targets, splits in unresolved:
        ids = [cid for t in targets for cid in t.cell_ids]
        # A join of numbers guesses where a stray space fell; a capped enumeration is not every split.
        if ids[0] in reading.joined or not splits or len(splits) >= SPLIT_LIMIT:
            continue
        broken: list[list[IdentityDef]] = []
        for candidate in splits:
            rules = broken_rules(fmt, {**reading.values, **dict(zip(ids, candidate, strict=True))}, ids)
            if not rules:
                break  # this split fits: the table may be right
            broken.append(rules)
        else:
            # the row's "several splits possible" notice is replaced: no split is right
            reading.issues[:] = [i for i in reading.issues if not (i.kind == "ambiguous" and i.cells == ids)]
            issue = _issue(targets[0].table.title, targets[0].row.label, ids, splits, broken)
            if len(targets) > 1:
                reading.issues += _per_total(fmt, reading, issue, splits)
                continue
            read, issue.cells, _ = read_common(
                reading, targets, ids, splits, "在每一种拆分中都相同（与拆法无关）"
            )
            if read:
                issue.message = issue.message.replace(
                    "本行未导入", f"{column_labels(targets, issue.cells)}未导入"
                )
            reading.issues.append(issue)


def _per_total(
    fmt: FormatDefinition, reading: TableReading, issue: ImportIssue, splits: list[list[int]]
) -> list[ImportIssue]:
    """A table printed as one row of several official rows (四): the issue at each total that
    every candidate breaks, where the audit reports it once the cells are read ("appeals.review.total",
    not the table's first row); the first of them keeps every cell of the run (all unread)."""
    ids = issue.cells
    common: set[tuple[str, str]] | None = None
    for candidate in splits:
        found = broken_where(fmt, {**reading.values, **dict(zip(ids, candidate, strict=True))}, ids)
        common = found if common is None else common & found
    places = sorted(common or (), key=lambda rc: ids.index(rc[1]) if rc[1] in ids else len(ids))
    if not places:
        return [issue]
    out = []
    for n, (rule, cell) in enumerate(places):
        where = fmt.cells[cell].where if cell in fmt.cells else issue.where
        message = issue.message.replace(issue.where, where, 1)
        out.append(
            replace(
                issue, location=cell, where=where, message=message, rule=rule, cells=ids if n == 0 else [cell]
            )
        )
    return out


def _issue(
    title: str, label: str, ids: list[str], splits: list[list[int]], broken: list[list[IdentityDef]]
) -> ImportIssue:
    common = [r for r in broken[0] if all(r in b for b in broken)]
    rule = common[0] if common else broken[0][0]
    where = f"{title} › {label}"
    digits = "".join(str(v) for v in splits[0])
    shown = "；".join(
        f"{' '.join(str(v) for v in c)}（不满足 {'、'.join(r.id for r in b)}）"
        for c, b in zip(splits[:_SHOWN], broken[:_SHOWN], strict=True)
    )
    more = f"等 {len(splits)} 种" if len(splits) > _SHOWN else f"共 {len(splits)} 种"
    every = f"每一种都不满足 {rule.id}（{rule.description}）" if common else "每一种都不满足勾稽关系"
    return ImportIssue(
        "inconsistent",
        ids[0].rsplit(".", 1)[0],
        where,
        f"{where}：原文数字连在一起印作「{digits}」，按本行格数可能的拆分为 {shown}，{more}，"
        f"{every}：原表本身数字有误；无法确定原意，本行未导入",
        cells=ids,
        candidates=splits[:20],
        rule=rule.id,
    )
