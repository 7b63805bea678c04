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
from typing import Any

from report_copilot.inputs.published.model import NA_CELL
from report_copilot.inputs.published.rows import table_lines

_TOL = 1.5
"""Points: a border drawn a little short of a cell's corner still closes it."""
_THIN = 3.0
"""A filled rectangle this thin (points) is a border line."""
_CELL_LINES = 8
"""A table's cell holds a label of a few lines; more is a framed text."""
_SLIVER = 4.0
"""Points: a gap between borders narrower than this holds no text (a double border)."""
_FIGURE = re.compile(r"[-—–]?\d[\d,]*(?:\.\d+)?")
_FIGURES = re.compile(r"\d\s+\d")
"""Two figures standing apart in one run: the borders do not split the row as printed."""


@dataclass
class _Run:
    text: str
    x: float
    y: float


@dataclass
class _Page:
    """One page's text runs (by line of pypdf's text) and its border segments."""

    lines: list[list[_Run]] = field(default_factory=lambda: [[]])
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    """(y, x0, x1)"""
    vertical: list[tuple[float, float, float]] = field(default_factory=list)
    """(x, y0, y1)"""
    width: float = 0.0
    height: float = 0.0


def _point(cm: Any, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (float(v) for v in cm)
    return a * x + c * y + e, b * x + d * y + f


def _add_segment(page: _Page, p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= _TOL / 3 and abs(x1 - x0) > _TOL:
        page.horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= _TOL / 3 and abs(y1 - y0) > _TOL:
        page.vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _add_rect(page: _Page, cm: Any, args: list[Any]) -> None:
    x, y, w, h = (float(v) for v in args[:4])
    corners = [_point(cm, x, y), _point(cm, x + w, y), _point(cm, x + w, y + h), _point(cm, x, y + h)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if width > 0.8 * page.width and height > 0.5 * page.height:
        return  # the page, its clip or its background: no cell
    if height <= _THIN < width:
        page.horizontal.append(((min(ys) + max(ys)) / 2, min(xs), max(xs)))
    elif width <= _THIN < height:
        page.vertical.append(((min(xs) + max(xs)) / 2, min(ys), max(ys)))
    elif width > _THIN and height > _THIN:
        for k in range(4):
            _add_segment(page, corners[k], corners[(k + 1) % 4])


def _read_page(page_obj: Any) -> tuple[str, _Page]:
    """pypdf's text of the page (its default extraction) and the runs and borders behind it."""
    box = page_obj.mediabox
    page = _Page(width=float(box.width), height=float(box.height))
    path: list[tuple[float, float]] = []

    def operand(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if op == b"m" and len(args) >= 2:
            path[:] = [_point(cm, float(args[0]), float(args[1]))]
        elif op == b"l" and len(args) >= 2 and path:
            point = _point(cm, float(args[0]), float(args[1]))
            _add_segment(page, path[-1], point)
            path.append(point)
        elif op == b"re" and len(args) >= 4:
            _add_rect(page, cm, args)

    def text(chunk: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        pieces = chunk.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                page.lines.append([])
            if piece.strip():
                x, y = _point(cm, float(tm[4]), float(tm[5]))
                page.lines[-1].append(_Run(piece, x, y))

    extracted = page_obj.extract_text(visitor_operand_before=operand, visitor_text=text) or ""
    # A border drawn twice or more (a line over a cell's clip rectangle) is looked up once.
    page.horizontal = sorted({(round(a, 1), round(b, 1), round(c, 1)) for a, b, c in page.horizontal})
    page.vertical = sorted({(round(a, 1), round(b, 1), round(c, 1)) for a, b, c in page.vertical})
    return extracted, page


@dataclass(frozen=True)
class _Box:
    left: float
    right: float
    bottom: float
    top: float


def _bound(segments: list[tuple[float, float, float]], at: float, along: float, below: bool) -> float | None:
    """The nearest segment position on one side of `at` among the segments covering `along`."""
    found = [
        pos
        for pos, lo, hi in segments
        if lo - _TOL <= along <= hi + _TOL and (pos < at if below else pos > at)
    ]
    if not found:
        return None
    return max(found) if below else min(found)


def _cell(page: _Page, x: float, y: float) -> _Box | None:
    """The cell whose borders enclose the point, or None outside any ruled cell."""
    left = _bound(page.vertical, x, y, True)
    right = _bound(page.vertical, x, y, False)
    bottom = _bound(page.horizontal, y, x, True)
    top = _bound(page.horizontal, y, x, False)
    if left is None or right is None or bottom is None or top is None:
        return None
    closed = (
        _covered(page.vertical, left, bottom, top)
        and _covered(page.vertical, right, bottom, top)
        and _covered(page.horizontal, bottom, left, right)
        and _covered(page.horizontal, top, left, right)
    )
    return _Box(left, right, bottom, top) if closed else None


def _covered(segments: list[tuple[float, float, float]], pos: float, lo: float, hi: float) -> bool:
    """The borders at `pos` run from `lo` to `hi` (pieces drawn cell by cell joined): each side of
    a cell is ruled whole. A frame around a page's text is not a cell: a table's border above or
    below the text does not run the frame's width."""
    reach = lo
    for _, a, b in sorted((s for s in segments if abs(s[0] - pos) <= _TOL), key=lambda s: s[1]):
        if a > reach + _TOL:
            break
        reach = max(reach, b)
    return reach >= hi - _TOL


def _probe(run: _Run) -> tuple[float, float]:
    """A point inside the run's first glyph: just right of its start, just above its baseline."""
    return run.x + 1.0, run.y + 2.0


def _positions(values: list[float]) -> list[float]:
    """Sorted positions, each chain of positions closer than the tolerance counted once (a border
    drawn twice, as a line and as a cell's clip rectangle)."""
    out: list[float] = []
    last = None
    for v in sorted(values):
        if last is None or v - last > _TOL:
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


def _region(page: _Page, boxes: list[_Box], others: list[_Run]) -> _Box:
    """The box the runs' cells cover, widened along the borders of its rows (value columns left
    empty) and carried down over ruled rows with no text (a table's last rows left empty), while
    no other text of the page stands in what is added."""
    box = _Box(
        min(b.left for b in boxes),
        max(b.right for b in boxes),
        min(b.bottom for b in boxes),
        max(b.top for b in boxes),
    )
    while True:
        wider = _wider(page, box)
        if wider == box or any(_within(wider, r.x, r.y) and not _within(box, r.x, r.y) for r in others):
            return box
        box = wider


def _wider(page: _Page, box: _Box) -> _Box:
    """The box, out to the ends of the borders leaving it sideways and downwards."""
    left, right, bottom, top = box.left, box.right, box.bottom, box.top
    rows = [
        (lo, hi)
        for y, lo, hi in page.horizontal
        if bottom - _TOL <= y <= top + _TOL and lo <= right and hi >= left
    ]
    downs = [
        lo for x, lo, hi in page.vertical if left - _TOL <= x <= right + _TOL and lo < bottom - _TOL <= hi
    ]
    return _Box(
        min([left, *(lo for lo, _ in rows)]),
        max([right, *(hi for _, hi in rows)]),
        min([bottom, *downs]),
        top,
    )


def _grid(page: _Page, runs: list[_Run], region: _Box) -> tuple[list[list[_Cell]], list[float]] | None:
    """Each ruled row's cells starting in it, left to right, with the runs standing in each, and
    the table's column borders; None when a cell holds two figures or a run stands in no cell (the borders are not the table's)."""
    left, right, bottom, top = region.left, region.right, region.bottom, region.top
    inside_h = [
        s for s in page.horizontal if bottom - _TOL <= s[0] <= top + _TOL and s[2] > left and s[1] < right
    ]
    inside_v = [
        s for s in page.vertical if left - _TOL <= s[0] <= right + _TOL and s[2] > bottom and s[1] < top
    ]
    ys = _positions([s[0] for s in inside_h])[::-1]
    columns = _positions([s[0] for s in inside_v])
    rows: list[list[_Cell]] = []
    placed = 0
    for upper, lower in zip(ys, ys[1:], strict=False):
        mid = (upper + lower) / 2
        xs = _positions([x for x, lo, hi in inside_v if lo - _TOL <= mid <= hi + _TOL])
        row = []
        for a, b in zip(xs, xs[1:], strict=False):
            centre = (a + b) / 2
            if b - a < _SLIVER or not any(
                abs(y - upper) <= _TOL and lo - _TOL <= centre <= hi + _TOL for y, lo, hi in inside_h
            ):
                continue  # a double border's gap, or a cell merged down from a row above
            low = _bound(inside_h, mid, centre, True)
            box = _Box(a, b, low if low is not None else lower, upper)
            inside = [r for r in runs if _within(box, *_probe(r))]
            texts = [r.text.strip() for r in inside]
            if sum(1 for t in texts if _FIGURE.fullmatch(t)) > 1 or any(map(_FIGURES.search, texts)):
                return None  # figures of two cells in one: borders missing between them
            if len({round(r.y) for r in inside}) > _CELL_LINES:
                return None  # paragraphs in a frame, not a table's cell
            placed += len(texts)
            row.append(_Cell(a, b, texts, sum(1 for x in columns if a + _TOL < x < b - _TOL) + 1))
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
        abs(cell.left - a) <= _TOL and abs(cell.right - b) <= _TOL and b <= figures + _TOL for a, b in labels
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


def _within(box: _Box, x: float, y: float) -> bool:
    return box.left < x < box.right and box.bottom < y < box.top


def _blocks(page: _Page) -> Iterator[tuple[int, int, list[_Run], list[_Box]]]:
    """Runs of consecutive lines whose every run stands in a ruled cell, each line's cells touching
    the cells of the lines before (a text frame apart, such as a page footer's, ends the block):
    (first line, end line, runs, their cells)."""
    k = 0
    lines = page.lines
    while k < len(lines):
        start, runs, boxes = k, [], list[_Box]()
        while k < len(lines) and lines[k]:
            cells = [_cell(page, *_probe(r)) for r in lines[k]]
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


def _touch(page: _Page, boxes: list[_Box], more: list[_Box]) -> bool:
    """The new cells belong to the block's table: their rows overlap, or a border runs down across
    the gap between them (a table's outer border; a footer's frame stands apart)."""
    bottom, top = min(b.bottom for b in boxes), max(b.top for b in boxes)
    low, high = min(b.bottom for b in more), max(b.top for b in more)
    if low <= top + _TOL and high >= bottom - _TOL:
        return True
    gap = (high, bottom) if high < bottom else (top, low)
    return any(lo - _TOL <= gap[0] and gap[1] <= hi + _TOL for _, lo, hi in page.vertical)


@dataclass
class _Table:
    """One table over the pages it runs on: its column borders, where its rows may print their
    labels, and where its first figure stands."""

    columns: list[float]
    labels: list[tuple[float, float]] = field(default_factory=list)
    figures: float = math.inf


def pdf_pages(pages: list[Any]) -> list[str]:
    """Each page's text as pypdf extracts it, each ruled table's lines replaced by its rows. Where
    rows print their labels is gathered over the pages a table runs on (the same column borders)."""
    read = []
    tables: list[_Table] = []
    for page_obj in pages:
        extracted, page = _read_page(page_obj)
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
    return len(a) == len(b) and all(abs(x - y) <= _TOL for x, y in zip(a, b, strict=True))
