"""Rows of a text printed one cell a line (plain `pdftotext`, a page copied cell by cell).

Such a text follows the PDF's drawing order, not the table's: a row's last cell may be printed after
the next row's label and cells ("（七）总计 33 2 0 0 0 0 四、结转下年度继续办理 1 0 0 0 0 0 35", the 35
being 总计's). So where a row reads short, the figures of the row after it are in doubt: that row is
taken only where its own total (总计 = the sum of its parts) holds, else it is listed unread. A row
whose total cannot be judged (a blank among its parts) is taken as printed.
"""

from __future__ import annotations

from report_copilot.inputs.published.cells import Run
from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.rowmatch import RowTarget, TableReading


def drop_displaced(taken: list[tuple[RowTarget, Run]], reading: TableReading) -> None:
    """`taken`: the rows read from the text and their runs, in the text's order."""
    for (before, printed), (target, run) in zip(taken, taken[1:], strict=False):
        n = len(before.block.columns)
        if not run.stacked or printed.delimited or len(printed.cells) >= n:
            continue
        if _own_total_holds(target, reading.values) is not False:
            continue
        ids = target.cell_ids
        for cid in ids:
            reading.values[cid] = None
        where = f"{target.table.title} › {target.row.label}"
        reading.issues.append(
            ImportIssue(
                "unreadable",
                f"{target.table.id}.{target.row.id}",
                where,
                f"{where}：原文一格一行排印，上一行的数少于格数，本行的数可能错位（本行合计与各项之和不符），本行未导入",
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
