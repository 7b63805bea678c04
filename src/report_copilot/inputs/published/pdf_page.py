"""A PDF page as pypdf draws it: its text runs at their positions and its ruled cells.

pypdf's text extraction calls back with each text run and its matrices (`visitor_text`) and with
each drawing operator (`visitor_operand_before`): the runs are kept by line of the extracted text,
and the straight lines and rectangles become horizontal and vertical border segments (stroked
lines, thin filled rectangles, the edges of a cell's clip or fill rectangle). `cell_at` finds the
cell whose borders enclose a point. Used by `pdf_tables`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdf import PageObject

Matrix = Sequence[float]
"""pypdf's transformation matrices (a, b, c, d, e, f)."""
Operands = list[Any]
"""pypdf's operand objects of a drawing operator (numbers for m, l and re)."""

TOL = 1.5
"""Points: a border drawn a little short of a cell's corner still closes it."""
_THIN = 3.0
"""A filled rectangle this thin (points) is a border line."""


@dataclass
class Run:
    text: str
    x: float
    y: float


@dataclass
class Page:
    """One page's text runs (by line of pypdf's text) and its border segments."""

    lines: list[list[Run]] = field(default_factory=lambda: [[]])
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    """(y, x0, x1)"""
    vertical: list[tuple[float, float, float]] = field(default_factory=list)
    """(x, y0, y1)"""
    width: float = 0.0
    height: float = 0.0


def _point(cm: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (float(v) for v in cm)
    return a * x + c * y + e, b * x + d * y + f


def _add_segment(page: Page, p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= TOL / 3 and abs(x1 - x0) > TOL:
        page.horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= TOL / 3 and abs(y1 - y0) > TOL:
        page.vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _add_rect(page: Page, cm: Matrix, args: Operands) -> None:
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


def read_page(page_obj: PageObject) -> tuple[str, Page]:
    """pypdf's text of the page (its default extraction) and the runs and borders behind it."""
    box = page_obj.mediabox
    page = Page(width=float(box.width), height=float(box.height))
    path: list[tuple[float, float]] = []

    def operand(op: bytes, args: Operands, cm: Matrix, tm: Matrix) -> None:
        if op == b"m" and len(args) >= 2:
            path[:] = [_point(cm, float(args[0]), float(args[1]))]
        elif op == b"l" and len(args) >= 2 and path:
            point = _point(cm, float(args[0]), float(args[1]))
            _add_segment(page, path[-1], point)
            path.append(point)
        elif op == b"re" and len(args) >= 4:
            _add_rect(page, cm, args)

    def text(chunk: str, cm: Matrix, tm: Matrix, font: object, size: float) -> None:
        pieces = chunk.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                page.lines.append([])
            if piece.strip():
                x, y = _point(cm, float(tm[4]), float(tm[5]))
                page.lines[-1].append(Run(piece, x, y))

    extracted = page_obj.extract_text(visitor_operand_before=operand, visitor_text=text) or ""
    # A border drawn twice or more (a line over a cell's clip rectangle) is looked up once.
    page.horizontal = sorted({(round(a, 1), round(b, 1), round(c, 1)) for a, b, c in page.horizontal})
    page.vertical = sorted({(round(a, 1), round(b, 1), round(c, 1)) for a, b, c in page.vertical})
    return extracted, page


@dataclass(frozen=True)
class Box:
    left: float
    right: float
    bottom: float
    top: float


def bound(segments: list[tuple[float, float, float]], at: float, along: float, below: bool) -> float | None:
    """The nearest segment position on one side of `at` among the segments covering `along`."""
    found = [
        pos for pos, lo, hi in segments if lo - TOL <= along <= hi + TOL and (pos < at if below else pos > at)
    ]
    if not found:
        return None
    return max(found) if below else min(found)


def cell_at(page: Page, x: float, y: float) -> Box | None:
    """The cell whose borders enclose the point, or None outside any ruled cell."""
    left = bound(page.vertical, x, y, True)
    right = bound(page.vertical, x, y, False)
    bottom = bound(page.horizontal, y, x, True)
    top = bound(page.horizontal, y, x, False)
    if left is None or right is None or bottom is None or top is None:
        return None
    closed = (
        _covered(page.vertical, left, bottom, top)
        and _covered(page.vertical, right, bottom, top)
        and _covered(page.horizontal, bottom, left, right)
        and _covered(page.horizontal, top, left, right)
    )
    return Box(left, right, bottom, top) if closed else None


def _covered(segments: list[tuple[float, float, float]], pos: float, lo: float, hi: float) -> bool:
    """The borders at `pos` run from `lo` to `hi` (pieces drawn cell by cell joined): each side of
    a cell is ruled whole. A frame around a page's text is not a cell: a table's border above or
    below the text does not run the frame's width."""
    reach = lo
    for _, a, b in sorted((s for s in segments if abs(s[0] - pos) <= TOL), key=lambda s: s[1]):
        if a > reach + TOL:
            break
        reach = max(reach, b)
    return reach >= hi - TOL


def probe(run: Run) -> tuple[float, float]:
    """A point inside the run's first glyph: just right of its start, just above its baseline."""
    return run.x + 1.0, run.y + 2.0


def within(box: Box, x: float, y: float) -> bool:
    return box.left < x < box.right and box.bottom < y < box.top
