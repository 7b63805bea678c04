"""The empty cells of a Markdown table's label columns, dropped while its separator row is there.

Converters print a label merged over several columns as the label and an empty cell per column it
covers (`| 三、本年度办理结果 | （一）予以公开 |  | 258 | 12 |  |  | 1 | 1 |  |`). Once the row is
tokenised, that empty cell cannot be told from a blank first value (自然人). The table itself
can tell: its separator row (`|---|---|…`) gives the number of columns, and in its rows that hold
figures, label text stands only in the columns before the first figure of the table (rows of
headers, with no figure, say nothing about columns). An empty cell in such a label column of a row
with exactly that many cells is a merged label's border, not a value: it is dropped, and a row
that opens with its label loses its opening border (read after the previous row's closing border,
it would be one more empty cell, which makes a row with a blank cell at either end ambiguous).

Only where that is certain: a figure, a mark standing for one ("/", "—", "无") or note text in a
label column, or label text in a column holding figures, leaves the table as it was.
"""

from __future__ import annotations

import re

from report_copilot.inputs.published.model import NA_CELL

_SEPARATOR = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$")
_FIGURE = re.compile(r"^[-−+]?\d[\d,，.]*\s*(?:万元|元)?$")


def _cells(line: str) -> list[str] | None:
    """A Markdown row's cells (None if the line is not one: `| … |`)."""
    text = line.strip()
    if len(text) < 2 or text[0] != "|" or text[-1] != "|":
        return None
    return [c.strip() for c in text[1:-1].split("|")]


def label_columns(rows: list[list[str]]) -> int:
    """How many leading columns hold only labels: one past the last column with label text in a
    row of figures, when every figure and mark of the table stands after it; 0 when unsure.

    `rows`: the rows of one grid (each cell one column), stripped cell texts.
    """
    last_label, first_value = -1, None
    for cells in rows:
        values = [k for k, c in enumerate(cells) if _FIGURE.match(c) or NA_CELL.match(c)]
        if not any(_FIGURE.match(c) for c in cells):
            continue  # a header row: its labels stand over the value columns
        first_value = min(values + ([first_value] if first_value is not None else []))
        texts = [k for k, c in enumerate(cells) if c and k not in values]
        last_label = max([last_label, *texts])
    if first_value is None or last_label < 0 or last_label >= first_value:
        return 0
    # A row printed with no figure (its zeros left blank) may name a deeper label column than any
    # row of figures ("（三）不予公开 | 1.属于国家秘密" under "一、本年新收…" spanning both); a header
    # row, whose words reach into the value columns, names none.
    for cells in rows:
        texts = [k for k, c in enumerate(cells) if c]
        if texts and texts[-1] < first_value:
            last_label = max(last_label, texts[-1])
    for cells in rows:  # marks or text-less figures before the labels' end: unsure
        if any(NA_CELL.match(c) or _FIGURE.match(c) for c in cells[: last_label + 1]):
            return 0
    return last_label + 1


def drop_label_borders(text: str) -> str:
    """The text with the empty label-column cells of each Markdown table's full rows dropped."""
    if "---" not in text:
        return text
    lines = text.split("\n")
    seps = [i for i, line in enumerate(lines) if _SEPARATOR.match(line)]
    for k, sep in enumerate(seps):
        width = len(re.findall(r"-{3,}", lines[sep]))
        end = seps[k + 1] - 1 if k + 1 < len(seps) else len(lines)
        index: list[int] = []
        rows: list[list[str]] = []
        for i in range(sep + 1, end):
            cells = _cells(lines[i])
            if cells is None:
                break
            if len(cells) == width:
                index.append(i)
                rows.append(cells)
        labels = label_columns(rows)
        if not labels:
            continue
        for i, cells in zip(index, rows, strict=True):
            kept = [c for j, c in enumerate(cells) if j >= labels or c]
            # A row opening with its label is written without its opening border: after the
            # previous row's closing border, that border would read as one more empty cell.
            opening = "" if kept and kept[0] and not _FIGURE.match(kept[0]) else "| "
            lines[i] = opening + " | ".join(kept) + " |"
    return "\n".join(lines)
