"""One table row as a line of text: label cells, then value cells, an empty value cell as `∅`.

Shared by every structured reader (web page, Word file, spreadsheet) so that one parser reads them all.
"""

from __future__ import annotations

import re

from report_copilot.inputs.published.markdown_columns import label_columns
from report_copilot.inputs.published.model import BLANK_MARK, NA_CELL

_NUMERIC_CELL = re.compile(r"^[-−]?[\d,，.]+\s*(?:万元|元)?$|" + NA_CELL.pattern)


def _texts(cells: list[str]) -> list[str]:
    return [re.sub(r"\s+", " ", c or "").strip() for c in cells]


def row_line(cells: list[str], labels: int = 0) -> str:
    """One table row as a line: label cells, then value cells (an empty value cell → `∅`).

    `labels`: how many leading cells are label columns (their empty cells are a merged label's
    borders, left out), when the table says so (`table_lines`)."""
    texts = _texts(cells)
    last_label = labels - 1
    for i, text in enumerate(texts):
        if text and not _NUMERIC_CELL.match(text):
            last_label = max(last_label, i)
    out = [t for t in texts[: last_label + 1] if t]
    out += [t or BLANK_MARK for t in texts[last_label + 1 :]]
    if all(t == BLANK_MARK for t in out):
        return ""
    values = texts[last_label + 1 :]
    if len(values) == 1 and NA_CELL.match(values[0]):
        # "行政许可 —": a mark alone is a cell only beside another cell; the border says it is one.
        out.append("|")
    return " ".join(out)


def table_lines(rows: list[list[str]], widths: list[int] | None = None) -> list[str]:
    """A table's rows as lines (`row_line`), empty rows left out, except the one row of values
    under a header that the agency left all empty.

    A table printed as header rows only (labels, not one figure), then one row of empty cells
    across its full width, then nothing (四 of a report with no appeal: its one row of values has
    no label and every cell empty) has that row as its values, each cell blank: `∅` per cell. An
    empty row anywhere else (between rows, after figures, a single merged cell) is a spacer and
    stays out. `widths`: each row's width in grid columns (merged cells' spans counted); by
    default its number of cells.
    """
    spans = widths if widths is not None else [len(cells) for cells in rows]
    texts = [_texts(cells) for cells in rows]
    labels = _grid_labels(texts, spans)
    lines = [row_line(cells, labels) for cells in rows]
    filled = [k for k, t in enumerate(texts) if any(t)]
    if not filled or not all(_header(texts[k]) for k in filled):
        return [line for line in lines if line]
    values = filled[-1] + 1
    if values < len(rows) and len(rows[values]) >= 2 and spans[values] == max(spans):
        lines[values] = " ".join([BLANK_MARK] * len(rows[values]))
    return [line for line in lines if line]


def _header(texts: list[str]) -> bool:
    """A row of labels only: no figure and no mark standing for one."""
    return all(not t or not _NUMERIC_CELL.match(t) for t in texts)


def _grid_labels(texts: list[list[str]], spans: list[int]) -> int:
    """The label columns of a grid table (editors that split merged cells back: one cell a
    column, a merged label's other columns empty), so that an empty cell after a row's label is
    not read as a blank first value; 0 unless every row is one cell a column of the same width."""
    width = len(texts[0]) if texts else 0
    if any(len(t) != width or span != width for t, span in zip(texts, spans, strict=True)):
        return 0
    return label_columns(texts)


_MIN_TAB_ROWS = 3
"""Lines with two tabs or more a text holds before its tab-separated lines are read as table rows
(an odd tab in prose is not)."""


def tab_rows(lines: list[str]) -> list[str]:
    """A text's lines with each table copied from Word, WPS, Excel or a browser read as its rows.

    Such a copy prints a row a line and its cells between tabs, an empty cell as an empty field
    ("行政许可\t\t\t126"), so a blank cell keeps its column. In a text that holds such rows (three
    lines or more with two tabs or more), each run of consecutive lines holding a tab after their
    first character is read as a table's rows: label cells, then value cells, an empty value cell
    `∅` (`_tab_table`); every other line is left as it is.
    """
    if "\t" not in "".join(lines) or sum(x.count("\t") >= 2 for x in lines) < _MIN_TAB_ROWS:
        return lines
    out: list[str] = []
    block: list[list[str]] = []
    for line in [*lines, ""]:
        if "\t" in line.lstrip("\t"):
            block.append(line.split("\t"))
            continue
        if block:
            out += _tab_table(block)
        block = []
        out.append(line)
    return out[:-1]


def _tab_table(rows: list[list[str]]) -> list[str]:
    """One copied table's rows as lines. A copy that keeps every grid position (Excel, WPS) prints a
    cell merged across columns as its text and empty fields: where a header row's words leave such
    fields between them (本年新制作数量 over two grid columns), the value rows below keep only the
    fields under a header word; a figure elsewhere leaves the row's blanks out (never a guessed
    column: its figures are then read as a crawl's, by count)."""
    if len({len(r) for r in rows}) != 1:
        return [line for line in (row_line(r) for r in rows) if line]
    texts = [_texts(r) for r in rows]
    labels = _grid_labels(texts, [len(r) for r in rows])
    if labels == 0:
        return table_lines(rows)
    out: list[str] = []
    columns: list[int] | None = None
    heading = False
    for row in texts:
        heads = [k for k in range(labels, len(row)) if row[k] and not _NUMERIC_CELL.match(row[k])]
        if heads:  # a header row (several in a row: their words together name the columns)
            columns = sorted(set(heads) | set(columns if heading and columns else []))
            heading = True
            out.append(" ".join(t for t in row if t))
            continue
        heading = False
        out.append(_under_columns(row, labels, columns))
    return [line for line in out if line]


def _under_columns(row: list[str], labels: int, columns: list[int] | None) -> str:
    """A value row of a copied grid: its label cells, then its fields under the header's words."""
    if columns is None:
        return row_line(row, labels)
    stray = [k for k in range(labels, len(row)) if row[k] and k not in columns]
    if stray:
        return " ".join(t for t in row if t)  # a figure under no header word: blanks left out
    return row_line(row[:labels] + [row[k] for k in columns], labels)
