"""Rows printed one number short where blank cells leave no trace: the blank placed by the identities.

A crawl that drops a table's borders drops its empty cells with them: "四、结转下年度继续办理 1 0 0 0 0 0"
holds six numbers for seven cells. Where each number is one digit (none can be two cells run
together), every reading of the row puts the blank at one of the seven places, the numbers in order
around it. A reading fits when it breaks no identity of the report's own year that can be judged (a
check with the blank cell in it cannot). Where exactly one fits, the row is read so, the blank
reported as blank; where several fit, the cells every one of them reads alike are read (a blank
they all place alike as blank), the others left unread; where none fits, nothing is read. Rows with
a longer number (it may be cut) stay with `splits`; rows two numbers short are not read: two blanks
and a cut would no longer be every reading.
"""

from __future__ import annotations

from report_copilot.inputs.published.identities import broken_rules
from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.rowmatch import RowTarget, TableReading
from report_copilot.model.formats import FormatDefinition

Reading = tuple[int | None, ...]


def readings(raws: list[str], n: int) -> list[Reading]:
    """Every reading of n - 1 one-digit numbers as n cells: the blank at each place."""
    numbers: list[int | None] = [int(r) for r in raws]
    return list(dict.fromkeys(tuple(numbers[:k] + [None] + numbers[k:]) for k in range(n)))


def resolve_short_rows(fmt: FormatDefinition, reading: TableReading) -> None:
    """Each short row (`reading.short`) read where the identities leave one reading, or its agreed
    cells; the rest reported unreadable as any row of the wrong width."""
    for targets, raws in reading.short:
        ids = [cid for t in targets for cid in t.cell_ids]
        fits = [
            c
            for c in readings(raws, len(ids))
            if not broken_rules(fmt, {**reading.values, **dict(zip(ids, c, strict=True))}, ids)
        ]
        same = [k for k in range(len(ids)) if fits and len({c[k] for c in fits}) == 1]
        for k in same:
            reading.values[ids[k]] = fits[0][k]
        blanks = [ids[k] for k in same if fits[0][k] is None]
        for cid in blanks:
            where = fmt.cells[cid].where
            reading.issues.append(
                ImportIssue("blank", cid, where, f"{where}：原文此格为空白（未填），未按 0 导入", cells=[cid])
            )
        _report(targets, raws, [ids[k] for k in same], fits, reading)


def _report(
    targets: list[RowTarget], raws: list[str], read: list[str], fits: list[Reading], reading: TableReading
) -> None:
    ids = [cid for t in targets for cid in t.cell_ids]
    where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
    shown = " ".join(raws)
    if read:
        how = "只有一种读法成立，" if len(fits) == 1 else f"有 {len(fits)} 种读法成立，其中各种读法相同的格"
        reading.issues.append(
            ImportIssue(
                "inferred",
                ids[0].rsplit(".", 1)[0],
                where,
                f"{where}：应有 {len(ids)} 个数，原文读到 {len(raws)} 个（{shown}），空白格未留痕迹；"
                f"按勾稽关系{how}已读为 " + " ".join(_shown(fits[0][ids.index(c)]) for c in read),
                cells=read,
            )
        )
    left = [cid for cid in ids if cid not in read]
    if left:
        reading.issues.append(
            ImportIssue(
                "unreadable",
                ids[0].rsplit(".", 1)[0],
                where,
                f"{where}：应有 {len(ids)} 个数，原文读到 {len(raws)} 个（{shown}），"
                "无法确定对应关系，" + ("本行未导入" if not read else f"其中 {len(left)} 格未导入"),
                cells=left,
            )
        )


def _shown(value: int | None) -> str:
    return "空" if value is None else str(value)
