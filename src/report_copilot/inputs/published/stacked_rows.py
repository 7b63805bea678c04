"""Rows of a text printed one cell a line (plain `pdftotext`, a page copied cell by cell).

Such a text follows the PDF's drawing order, not the table's: a row's last cell may be printed after
the next row's label and cells ("（七）总计 33 2 0 0 0 0 四、结转下年度继续办理 1 0 0 0 0 0 35", the 35
being 总计's), or a row's label after its figures. So where a row reads short, the figures of the row
after it are in doubt: that row is taken only where its own total (总计 = the sum of its parts)
holds, else it is listed unread (a row whose total cannot be judged, a blank among its parts, is
taken as printed). Where a row reads whole rows more than its own, those are the figures of the
rows next in table order, whose labels come later with another row's figures: those rows are
listed unread.
"""

from __future__ import annotations

from report_copilot.inputs.published.cells import Run
from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.rowmatch import RowTarget, TableReading


def drop_displaced(taken: list[tuple[RowTarget, Run]], order: list[RowTarget], reading: TableReading) -> None:
    """`taken`: the rows read from the text and their runs, in the text's order; `order`: the
    table's rows in table order."""
    ahead = _drawn_ahead(taken, order)
    for k, (target, run) in enumerate(taken):
        if target.row.id in ahead:
            _drop(target, reading, "本行的数已排在上一行之后（上一行的数多出整行），本行名后的数是别行的")
            continue
        if k == 0 or not run.stacked:
            continue
        before, printed = taken[k - 1]
        if printed.delimited or len(printed.cells) >= len(before.block.columns):
            continue
        if _own_total_holds(target, reading.values) is False:
            _drop(target, reading, "上一行的数少于格数，本行的数可能错位（本行合计与各项之和不符）")


def _drawn_ahead(taken: list[tuple[RowTarget, Run]], order: list[RowTarget]) -> set[str]:
    """Rows whose figures a row before them printed (a row reading its own figures and whole rows
    more, "1.申请人…逾期不补正… 2 0 0 0 0 0 2 0 0 0 0 0 0 0"): the rows next in table order, whose
    labels the drawing order put later, each then followed by another row's figures."""
    out: set[str] = set()
    for target, run in taken:
        n = len(target.block.columns)
        if run.stacked and not run.delimited and len(run.cells) > n and len(run.cells) % n == 0:
            at = order.index(target)
            out.update(t.row.id for t in order[at + 1 : at + len(run.cells) // n])
    return out


def _drop(target: RowTarget, reading: TableReading, why: str) -> None:
    ids = target.cell_ids
    waiting = [p for p in reading.pending if target in p[0]] + [s for s in reading.short if target in s[0]]
    if not waiting and all(reading.values.get(cid) is None for cid in ids):
        return  # not read anyway (listed with its own reason)
    reading.pending = [p for p in reading.pending if target not in p[0]]  # nor split, nor placed, later
    reading.short = [s for s in reading.short if target not in s[0]]
    for cid in ids:
        reading.values[cid] = None
    where = f"{target.table.title} › {target.row.label}"
    reading.issues.append(
        ImportIssue(
            "unreadable",
            f"{target.table.id}.{target.row.id}",
            where,
            f"{where}：原文一格一行排印，{why}，本行未导入",
            cells=ids,
        )
    )


def _own_total_holds(target: RowTarget, values: dict[str, object]) -> bool | None:
    """Whether each total column of the row equals the sum of its parts; None when none can be judged."""
    prefix = f"{target.table.id}.{target.row.id}."
    judged: list[bool] = []
    for column in target.block.columns:
        if not column.sum_of:
            continue
        total = values.get(prefix + column.id)
        parts = [values.get(prefix + part) for part in column.sum_of]
        if isinstance(total, int) and all(isinstance(p, int) for p in parts):
            judged.append(total == sum(p for p in parts if isinstance(p, int)))
    return all(judged) if judged else None
