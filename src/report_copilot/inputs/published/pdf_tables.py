"""A PDF page's ruled tables read by their drawn borders: each row's cells, an empty cell seen.

pypdf's text of a table row holds the row's figures and nothing of a cell printed empty ("行政规范性
文件 8 18" for three columns), so a row with blank cells cannot be read by position in the text.
A table made by Word, WPS or LibreOffice draws its cell borders (stroked lines, thin filled
rectangles, a cell's clip rectangle), and each text run is drawn at a position: here both are
collected from the page, each run is placed in the cell its borders enclose, and the lines of the
page's text that a ruled table holds are replaced by one `row_line` per table row (label cells,
then value cells, an empty value cell as `∅`), as a web page's or a Word file's table is read.

Only where that is certain: every run of those lines stands in a cell closed by borders on its
four sides, no cell holds two figures or many lines, and a table of one row is read only as the
rest of a table begun on a page before (the same column borders); otherwise the page's text is
kept as pypdf gives it. An empty cell where the table's rows print their labels (a group's label
in the group column, the row's label cell left empty) is no value cell; those label columns are
gathered over every page the table runs on. A row cut by a page break leaves its labels at the
top of the next page, printed as a line of labels (the importer reads what it can of it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from report_copilot.inputs.published.model import NA_CELL
from report_copilot.inputs.published.pdf_page import (
    TOL,
    Box,
    Page,
    Run,
    bound,
    cell_at,
    probe,
    read_page,
    within,
)
from report_copilot.inputs.published.rows import table_lines

if TYPE_CHECKING:
    from pypdf import PageObject

_CELL_LINES = 8
"""A table's cell holds a label of a few lines; more is a framed text."""
_SLIVER = 4.0
"""Points: a gap between borders narrower than this holds no text (a double border)."""
_FIGURE = re.compile(r"[-—–]?\d[\d,]*(?:\.\d+)?")
_FIGURES = re.compile(r"\d\s+\d")
"""Two figures standing apart in one run: the borders do not split the row as printed."""


def _positions(values: list[float]) -> list[float]:
    """Sorted positions, each chain of positions closer than the tolerance counted once (a border
    drawn twice, as a line and as a cell's clip rectangle)."""
    out: list[float] = []
    last = None
    for v in sorted(values):
        if last is None or v - last > TOL:
            out.append(v)
        last = v
    return out


@dataclass
class _Cell:
    left: float
    right: float
    texts: list[str]
    span: int
    """Grid columns the cell spans."""


def _region(page: Page, boxes: list[Box], others: list[Run]) -> Box:
    """The box the runs' cells cover, widened along the borders of its rows (value columns left
    empty) and carried down over ruled rows with no text (a table's last rows left empty), while
    no other text of the page stands in what is added."""
    box = Box(
        min(b.left for b in boxes),
        max(b.right for b in boxes),
        min(b.bottom for b in boxes),
        max(b.top for b in boxes),
    )
    while True:
        wider = _wider(page, box)
        if wider == box or any(within(wider, r.x, r.y) and not within(box, r.x, r.y) for r in others):
            return box
        box = wider


def _wider(page: Page, box: Box) -> Box:
    """The box, out to the ends of the borders leaving it sideways and downwards."""
    left, right, bottom, top = box.left, box.right, box.bottom, box.top
    rows = [
        (lo, hi)
        for y, lo, hi in page.horizontal
        if bottom - TOL <= y <= top + TOL and lo <= right and hi >= left
    ]
    downs = [lo for x, lo, hi in page.vertical if left - TOL <= x <= right + TOL and lo < bottom - TOL <= hi]
    return Box(
        min([left, *(lo for lo, _ in rows)]),
        max([right, *(hi for _, hi in rows)]),
        min([bottom, *downs]),
        top,
    )


def _grid(page: Page, runs: list[Run], region: Box) -> tuple[list[list[_Cell]], list[float]] | None:
    """Each ruled row's cells starting in it, left to right, with the runs standing in each, and
    the table's column borders; None when a cell holds two figures or a run stands in no cell (the borders are not the table's)."""
    left, right, bottom, top = region.left, region.right, region.bottom, region.top
    inside_h = [
        s for s in page.horizontal if bottom - TOL <= s[0] <= top + TOL and s[2] > left and s[1] < right
    ]
    inside_v = [
        s for s in page.vertical if left - TOL <= s[0] <= right + TOL and s[2] > bottom and s[1] < top
    ]
    ys = _positions([s[0] for s in inside_h])[::-1]
    columns = _positions([s[0] for s in inside_v])
    rows: list[list[_Cell]] = []
    placed = 0
    for upper, lower in zip(ys, ys[1:], strict=False):
        mid = (upper + lower) / 2
        xs = _positions([x for x, lo, hi in inside_v if lo - TOL <= mid <= hi + TOL])
        row = []
        for a, b in zip(xs, xs[1:], strict=False):
            centre = (a + b) / 2
            if b - a < _SLIVER or not any(
                abs(y - upper) <= TOL and lo - TOL <= centre <= hi + TOL for y, lo, hi in inside_h
            ):
                continue  # a double border's gap, or a cell merged down from a row above
            low = bound(inside_h, mid, centre, True)
            box = Box(a, b, low if low is not None else lower, upper)
            inside = [r for r in runs if within(box, *probe(r))]
            texts = [r.text.strip() for r in inside]
            if sum(1 for t in texts if _FIGURE.fullmatch(t)) > 1 or any(map(_FIGURES.search, texts)):
                return None  # figures of two cells in one: borders missing between them
            if len({round(r.y) for r in inside}) > _CELL_LINES:
                return None  # paragraphs in a frame, not a table's cell
            placed += len(texts)
            row.append(_Cell(a, b, texts, sum(1 for x in columns if a + TOL < x < b - TOL) + 1))
        rows.append(row)
    return (rows, columns) if placed == len(runs) else None


def _label(texts: list[str]) -> bool:
    text = "".join(texts)
    return bool(text) and not _FIGURE.fullmatch(text) and not NA_CELL.match(text)


def _label_columns(grid: list[list[_Cell]]) -> list[tuple[float, float]]:
    """Where row labels may stand: the last label cell of each row whose labels stand side by side
    with two cells and more after them (figures, marks or empty cells): not a header's row of
    labels, nor one whose merged cells were split back (labels apart), nor the first row: a header
    row cut by a page break, its last cells left empty). `_figures_left` bounds them."""
    out = []
    for row in grid[1:]:
        marks = [i for i, c in enumerate(row) if _label(c.texts)]
        if marks and marks[-1] < len(row) - 2 and all(row[i].texts for i in range(marks[0], marks[-1] + 1)):
            out.append((row[marks[-1]].left, row[marks[-1]].right))
    return out


def _figures_left(grid: list[list[_Cell]]) -> float:
    """The left border of the table's first figure: row labels stand before it."""
    return min((c.left for row in grid for c in row if c.texts and not _label(c.texts)), default=math.inf)


def _label_gap(cell: _Cell, labels: list[tuple[float, float]], figures: float) -> bool:
    """An empty cell standing where other rows print their label (a group's label printed in the
    group column, the row-label cell beside it left empty): no value cell."""
    return not cell.texts and any(
        abs(cell.left - a) <= TOL and abs(cell.right - b) <= TOL and b <= figures + TOL for a, b in labels
    )


def _rows(
    grid: list[list[_Cell]], labels: list[tuple[float, float]], figures: float
) -> tuple[list[list[str]], list[int]] | None:
    """The table's rows as cell texts (an empty cell as "", an empty cell where rows print their
    labels left out) and each row's width in grid columns. A first row with labels and nothing
    after them but empty cells is the end of a row cut by the page break, or a row printed empty
    at the page's top: its labels only (the importer reads a label alone as a row printed empty)."""
    rows: list[list[str]] = []
    widths: list[int] = []
    for row in grid:
        cells = [c for c in row if not _label_gap(c, labels, figures)]
        last = max((i for i, c in enumerate(cells) if _label(c.texts)), default=-1)
        if not rows and last >= 0 and not any(c.texts for c in cells[last + 1 :]):
            cells = cells[: last + 1]
        if cells:
            rows.append(["".join(c.texts) for c in cells])
            widths.append(sum(c.span for c in row))
    return (rows, widths) if rows else None


def _blocks(page: Page) -> Iterator[tuple[int, int, list[Run], list[Box]]]:
    """Runs of consecutive lines whose every run stands in a ruled cell, each line's cells touching
    the cells of the lines before (a text frame apart, such as a page footer's, ends the block):
    (first line, end line, runs, their cells)."""
    k = 0
    lines = page.lines
    while k < len(lines):
        start, runs, boxes = k, [], list[Box]()
        while k < len(lines) and lines[k]:
            cells = [cell_at(page, *probe(r)) for r in lines[k]]
            found = [c for c in cells if c is not None]
            if len(found) < len(cells) or (boxes and not _touch(page, boxes, found)):
                break
            runs += lines[k]
            boxes += found
            k += 1
        if k > start:
            yield start, k, runs, boxes
        else:
            k += 1


def _touch(page: Page, boxes: list[Box], more: list[Box]) -> bool:
    """The new cells belong to the block's table: their rows overlap, or a border runs down across
    the gap between them (a table's outer border; a footer's frame stands apart)."""
    bottom, top = min(b.bottom for b in boxes), max(b.top for b in boxes)
    low, high = min(b.bottom for b in more), max(b.top for b in more)
    if low <= top + TOL and high >= bottom - TOL:
        return True
    gap = (high, bottom) if high < bottom else (top, low)
    return any(lo - TOL <= gap[0] and gap[1] <= hi + TOL for _, lo, hi in page.vertical)


@dataclass
class _Table:
    """One table over the pages it runs on: its column borders, where its rows may print their
    labels, and where its first figure stands."""

    columns: list[float]
    labels: list[tuple[float, float]] = field(default_factory=list)
    figures: float = math.inf


def pdf_pages(pages: list[PageObject]) -> list[str]:
    """Each page's text as pypdf extracts it, each ruled table's lines replaced by its rows. Where
    rows print their labels is gathered over the pages a table runs on (the same column borders)."""
    read = []
    tables: list[_Table] = []
    for page_obj in pages:
        extracted, page = read_page(page_obj)
        texts = extracted.split("\n")
        grids = []
        if page.horizontal and page.vertical and len(texts) == len(page.lines):
            for start, end, runs, boxes in _blocks(page):
                others = [r for line in page.lines[:start] + page.lines[end:] for r in line]
                found = _grid(page, runs, _region(page, boxes, others))
                if found is not None:
                    grid, columns = found
                    same = next((t for t in tables if _same_columns(t.columns, columns)), None)
                    # A row alone is a table's only when the table began on a page before.
                    if same is None and len(grid) < 2:
                        continue
                    if same is None:
                        tables.append(same := _Table(columns))
                    same.labels += _label_columns(grid)
                    same.figures = min(same.figures, _figures_left(grid))
                    grids.append((start, end, grid, same))
        read.append((extracted, texts, grids))
    out = []
    for extracted, texts, grids in read:
        lines: list[str] = []
        done = 0
        for start, end, grid, table in grids:
            rows = _rows(grid, table.labels, table.figures)
            if rows is not None:
                lines += texts[done:start] + table_lines(*rows)
                done = end
        out.append("\n".join(lines + texts[done:]) if done else extracted)
    return out


def _same_columns(a: list[float], b: list[float]) -> bool:
    """One table's column borders on two pages."""
    return len(a) == len(b) and all(abs(x - y) <= TOL for x, y in zip(a, b, strict=True))
