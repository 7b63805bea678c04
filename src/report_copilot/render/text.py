"""A terminal-readable rendering of a report (for `less` and code review), beside the Markdown.

The Markdown carries each official table as an HTML block (one `<tr>` a line, hundreds of columns
wide); this file draws the same tables — the same `TableLayout`, merged headers and figures — with
box-drawing characters in at most `width` terminal columns (100 by default), and wraps the prose at
that width. Widths are terminal cells: a CJK character or full-width punctuation mark takes two
(measured with rich's `cell_len`), so the borders line up in any monospace terminal.
"""

from __future__ import annotations

from report_copilot.errors import CopilotError
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.docx_tables import widows
from report_copilot.render.layout import (
    UNCHECKED_MARK,
    LayoutCell,
    TableLayout,
    cell_texts,
    document_blocks,
    one_line,
    split_signature,
    table_layout,
)

DEFAULT_WIDTH = 100
_MIN_COL = 4
# Box characters by the arms present at a junction: (up, down, left, right).
_JUNCTIONS = {
    (False, True, False, True): "┌",
    (False, True, True, False): "┐",
    (True, False, False, True): "└",
    (True, False, True, False): "┘",
    (True, True, False, True): "├",
    (True, True, True, False): "┤",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (True, True, True, True): "┼",
    (True, True, False, False): "│",
    (False, False, True, True): "─",
    (True, False, False, False): "│",
    (False, True, False, False): "│",
    (False, False, True, False): "─",
    (False, False, False, True): "─",
    (False, False, False, False): " ",
}


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return int(cell_len(text))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal cells (CJK text breaks between any two characters)."""
    lines: list[str] = []
    current, used = "", 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width and current:
            lines.append(current)
            current, used = "", 0
        current += ch
        used += w
    if current or not lines:
        lines.append(current)
    return lines


def _column_widths(layout: TableLayout, texts: dict[tuple[int, int], str], limit: int) -> list[int]:
    """Natural widths of single-column cells, shrunk (widest first) until the table fits `limit`."""
    widths = [_MIN_COL] * layout.n_cols
    for cell in layout.cells:
        if cell.col_span == 1:
            widths[cell.col] = max(widths[cell.col], cell_width(texts[(cell.row, cell.col)]))
    while sum(widths) + layout.n_cols + 1 > limit and max(widths) > _MIN_COL:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    for col, width in enumerate(widths):  # narrow a little where that saves a lone last character
        texts_here = [
            cell_width(texts[(c.row, c.col)]) / 2 for c in layout.cells if c.col == col and c.col_span == 1
        ]
        widths[col] = min(
            range(width, max(_MIN_COL, width - 3) - 1, -1),
            key=lambda w: (widows(texts_here, w // 2), -w),
        )
    return widths


def _covering(layout: TableLayout) -> dict[tuple[int, int], LayoutCell]:
    cover: dict[tuple[int, int], LayoutCell] = {}
    for cell in layout.cells:
        for r in range(cell.row, cell.last_row + 1):
            for c in range(cell.col, cell.last_col + 1):
                cover[(r, c)] = cell
    return cover


def _draw_borders(
    canvas: list[list[str]],
    layout: TableLayout,
    xs: list[int],
    ys: list[int],
    cover: dict[tuple[int, int], LayoutCell],
) -> None:
    """Border lines between different cells only, so merged cells stay open; junctions by their arms."""

    def v_seg(r: int, v: int) -> bool:  # the border left of column v in row r
        return v in (0, layout.n_cols) or cover[(r, v - 1)] is not cover[(r, v)]

    def h_seg(h: int, c: int) -> bool:  # the border above row h in column c
        return h in (0, layout.n_rows) or cover[(h - 1, c)] is not cover[(h, c)]

    for h, y in enumerate(ys):
        for v, x in enumerate(xs):
            arms = (
                h > 0 and v_seg(h - 1, v),
                h < layout.n_rows and v_seg(h, v),
                v > 0 and h_seg(h, v - 1),
                v < layout.n_cols and h_seg(h, v),
            )
            canvas[y][x] = _JUNCTIONS[arms]
            if v < layout.n_cols and h_seg(h, v):
                for xx in range(x + 1, xs[v + 1]):
                    canvas[y][xx] = "─"
        if h < layout.n_rows:
            for yy in range(y + 1, ys[h + 1]):
                for v, x in enumerate(xs):
                    canvas[yy][x] = "│" if v_seg(h, v) else " "


def _put(canvas: list[list[str]], y: int, x: int, text: str) -> None:
    """Write text at (y, x); a wide character fills two canvas cells (the second one empty)."""
    for ch in text:
        canvas[y][x] = ch
        if cell_width(ch) == 2:
            canvas[y][x + 1] = ""
        x += cell_width(ch)


def render_table_text(
    layout: TableLayout, texts: dict[tuple[int, int], str], width: int = DEFAULT_WIDTH
) -> str:
    """One official table drawn with box characters, merged cells spanning their rows and columns."""
    widths = _column_widths(layout, texts, width)
    cover = _covering(layout)

    def inner(cell: LayoutCell) -> int:
        return sum(widths[cell.col : cell.last_col + 1]) + cell.col_span - 1

    lines = {id(c): wrap(texts[(c.row, c.col)], inner(c)) for c in layout.cells}
    heights = [1] * layout.n_rows
    for cell in sorted(layout.cells, key=lambda c: c.row_span):
        room = sum(heights[cell.row : cell.last_row + 1]) + cell.row_span - 1
        heights[cell.last_row] += max(0, len(lines[id(cell)]) - room)
    xs, ys = [0], [0]
    for w in widths:
        xs.append(xs[-1] + w + 1)
    for h in heights:
        ys.append(ys[-1] + h + 1)
    canvas = [[" "] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    _draw_borders(canvas, layout, xs, ys, cover)
    for cell in layout.cells:
        for i, text in enumerate(lines[id(cell)]):
            pad = inner(cell) - cell_width(text)
            left = 0 if cell.role in {"label", "group"} else pad if cell.role == "value" else pad // 2
            _put(canvas, ys[cell.row] + 1 + i, xs[cell.col] + 1 + left, text)
    return "\n".join("".join(row).rstrip() for row in canvas)


def render_text(
    draft: Draft, report: ReportBase, *, width: int = DEFAULT_WIDTH, unchecked_mark: bool = False
) -> str:
    """The whole report as plain text: wrapped prose, the tables drawn, the closing at the right."""
    out: list[str] = []
    if unchecked_mark:
        out += wrap(UNCHECKED_MARK, width) + [""]
    for block in document_blocks(draft, report):
        text = one_line(block.text)
        match block.kind:
            case "title":
                out += [
                    line.center(width - (cell_width(line) - len(line))).rstrip() for line in wrap(text, width)
                ]
            case "table":
                table_id = block.text.strip()
                try:
                    layout = table_layout(report.format, table_id)
                except StopIteration:
                    raise CopilotError(
                        f"草稿引用了「{report.format.name}」中没有的表格「{table_id}」",
                        location=f"table:{table_id}",
                    ) from None
                out.append(render_table_text(layout, cell_texts(layout, report), width))
            case "signature":
                for line in split_signature(text):
                    if line:
                        out.append(" " * max(0, width - 8 - cell_width(line)) + line)
            case _:
                if not text:
                    continue
                indent = "　　" if block.kind == "paragraph" else ""
                out += wrap(indent + text, width)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
