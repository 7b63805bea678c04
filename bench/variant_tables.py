"""The tables of a real text rebuilt from the official layout, for `bench_variants.py`.

Each rebuilt form prints the hand-verified cells of a text's facts (a cell they leave out as the
original text was read) in one of the forms published tables take: Word's HTML with merged cells,
converter Markdown, a crawl's spaced or glued rows, `pdftotext -layout`; the prose stays as the
original's import rebuilt it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from bench_real_reports import _value

from report_copilot.model.formats import load_format
from report_copilot.render.layout import table_layout

Facts = dict[str, Any]


def _printed(facts: Facts, path: str, blank0: bool, commas: bool = False, dash0: bool = False) -> str:
    value = facts["cells"].get(path)
    if value is None or value == "blank" or (blank0 and value == 0):
        return ""
    if dash0 and value == 0:
        return "—"
    if commas and isinstance(value, int) and abs(value) >= 1000:
        return f"{value:,}"
    return str(value)


def _word(text: str) -> str:
    """Word's HTML for a cell's text: paragraph and spans, the text broken across two spans."""
    cut = len(text) // 2
    spans = "".join(
        f"<span lang=EN-US style='font-size:10.5pt;font-family:宋体'>{escape(part)}</span>"
        for part in (text[:cut], text[cut:])
        if part
    )
    return f"<p class=MsoNormal align=center>{spans}<o:p>&nbsp;</o:p></p>"


def _table_html(fmt: Any, table_id: str, facts: Facts, kind: str) -> str:
    layout = table_layout(fmt, table_id)
    rows = []
    for row in layout.rows():
        cells = []
        for c in row:
            path = _data_path(fmt, c.cell_id) if c.cell_id else ""
            flags = (kind == "html_blank0", kind == "html_commas", kind == "html_dash0")
            text = _printed(facts, path, *flags) if path else c.text
            spans = (f" rowspan={c.row_span}" if c.row_span > 1 else "") + (
                f" colspan={c.col_span}" if c.col_span > 1 else ""
            )
            cells.append(f"<td{spans} style='border:solid windowtext 1.0pt'>{_word(text)}</td>")
        rows.append("<tr style='height:14.25pt'>" + "".join(cells) + "</tr>")
    return "<table class=MsoNormalTable border=1>\n" + "\n".join(rows) + "\n</table>"


def _grid(fmt: Any, table_id: str, facts: Facts, blank0: bool = False) -> list[list[str]]:
    """The table's grid, a merged cell's text at its top-left position and the others empty."""
    layout = table_layout(fmt, table_id)
    grid = [[""] * layout.n_cols for _ in range(layout.n_rows)]
    for c in layout.cells:
        grid[c.row][c.col] = _printed(facts, _data_path(fmt, c.cell_id), blank0) if c.cell_id else c.text
    return grid


def _table_tsv(fmt: Any, table_id: str, facts: Facts, blank0: bool) -> str:
    """A table copied from Excel or WPS into a text file: a row a line, each grid position a field
    between tabs (a merged cell's text once, its other positions and an empty cell empty fields)."""
    return "\n".join("\t".join(r) for r in _grid(fmt, table_id, facts, blank0))


def _table_tsv_cells(fmt: Any, table_id: str, facts: Facts, blank0: bool) -> str:
    """A table copied from Word or a browser into a text file: a row a line, each cell once between
    tabs (a merged cell in its first row only), an empty cell an empty field."""
    lines = []
    for row in table_layout(fmt, table_id).rows():
        texts = [_printed(facts, _data_path(fmt, c.cell_id), blank0) if c.cell_id else c.text for c in row]
        lines.append("\t".join(texts))
    return "\n".join(lines)


def _table_html_grid(fmt: Any, table_id: str, facts: Facts) -> str:
    """Merged cells split back into their cells, as some editors save them: one <td> a position."""
    rows = [
        "<tr>" + "".join(f"<td>{_word(t)}</td>" for t in r) + "</tr>" for r in _grid(fmt, table_id, facts)
    ]
    return "<table border=1>\n" + "\n".join(rows) + "\n</table>"


def _table_markdown(fmt: Any, table_id: str, facts: Facts) -> str:
    layout = table_layout(fmt, table_id)
    grid = _grid(fmt, table_id, facts)
    lines = ["| " + " | ".join(r) + " |" for r in grid]
    lines.insert(1, "|" + "---|" * layout.n_cols)
    return "\n".join(lines)


def _table_text(fmt: Any, table_id: str, facts: Facts, sep: str) -> str:
    """A table as a crawl keeps it: each row's cells (a merged cell once, a blank cell leaving no
    trace) joined by `sep` — a space, or nothing (digit runs glued to labels) — on one line."""
    layout = table_layout(fmt, table_id)
    texts = []
    for row in layout.rows():
        for c in row:
            text = _printed(facts, _data_path(fmt, c.cell_id), False) if c.cell_id else c.text
            texts += [text] if text else []
    return sep.join(texts)


def _table_pdf(fmt: Any, table_id: str, facts: Facts) -> str:
    """A table as `pdftotext -layout` prints it: figures right-aligned in columns, a label over 14
    characters wrapped onto the next line, a label spanning rows printed down the margin, one
    character a line between the rows (三、本年度办理结果)."""
    out: list[str] = []
    vertical: list[str] = []
    for row in table_layout(fmt, table_id).rows():
        labels = [c for c in row if c.cell_id is None]
        values = [_printed(facts, _data_path(fmt, c.cell_id), False) for c in row if c.cell_id]
        if not values:
            out.append("   ".join(c.text for c in labels if c.text))
            continue
        vertical += [ch for c in labels if c.row_span > 1 for ch in c.text if not ch.isspace()]
        label = " ".join(c.text for c in labels if c.row_span == 1 and c.text)
        if vertical:
            out.append(vertical.pop(0))
        out.append(f"    {label[:14]:<16}" + "".join(f"{v:>7}" for v in values))
        if label[14:]:
            out.append(f"    {label[14:]}")
    return "\n".join(out + vertical)


def _data_path(fmt: Any, cell_id: str) -> str:
    cell = fmt.cell(cell_id)
    return ".".join((cell.table.id, cell.row.id, cell.column.id))


def _with_unscored(fmt: Any, facts: Facts, original: Any) -> Facts:
    """The facts, with each cell they leave out (not verified by hand, so not scored) printed as
    the original text was read: left blank, the audit would report it, in this variant only."""
    printed = dict(facts["cells"])
    for cid in fmt.cells:
        path = _data_path(fmt, cid)
        value = _value(original.data, path)
        if path not in printed and value is not None:
            printed[path] = int(value) if isinstance(value, float) and value.is_integer() else value
    return {**facts, "cells": printed}


TEXT_TABLES = {
    "text_spaced": " ", "text_runs": "", "pdf_layout": "\n", "text_tsv": "\t", "text_tsv_blank0": "\t",
    "text_tsv_cells": "\t", "text_tsv_cells_blank0": "\t",
}
"""The text forms (prose as plain lines); the tab-separated ones are built by `_table_tsv`."""


def rebuilt(kind: str) -> Callable[[str, Facts, Any], str | None]:
    def build(text: str, facts: Facts, original: Any) -> str | None:
        if original is None or original.draft is None:
            return None
        fmt = load_format(original.format_id)
        facts = _with_unscored(fmt, facts, original)
        if {t.id for t in fmt.tables} - {b.text.strip() for b in original.draft.blocks if b.kind == "table"}:
            return None  # a fragment whose draft places no table: nowhere to rebuild it
        out = []
        for block in original.draft.blocks:
            body = block.text.strip()
            if block.kind == "table" and kind == "pdf_layout":
                out.append(_table_pdf(fmt, body, facts))
            elif block.kind == "table" and kind in {"text_tsv", "text_tsv_blank0"}:
                out.append(_table_tsv(fmt, body, facts, kind == "text_tsv_blank0"))
            elif block.kind == "table" and kind in {"text_tsv_cells", "text_tsv_cells_blank0"}:
                out.append(_table_tsv_cells(fmt, body, facts, kind == "text_tsv_cells_blank0"))
            elif block.kind == "table" and kind in TEXT_TABLES:
                out.append(_table_text(fmt, body, facts, TEXT_TABLES[kind]))
            elif block.kind == "table" and kind == "html_nospan":
                out.append(_table_html_grid(fmt, body, facts))
            elif block.kind == "table":
                out.append(
                    _table_markdown(fmt, body, facts)
                    if kind == "markdown"
                    else _table_html(fmt, body, facts, kind)
                )
            elif kind == "markdown" or kind in TEXT_TABLES:
                out.append(("# " if block.kind == "title" else "") + body)
            else:
                tag = {"title": "h1", "heading": "h2"}.get(block.kind, "p")
                out.append(f"<{tag}>{_word(body)}</{tag}>")
        if kind in TEXT_TABLES:
            return "\n".join(out) + "\n"
        if kind == "markdown":
            return "\n\n".join(out) + "\n"
        return "<html><body>\n" + "\n".join(out) + "\n</body></html>\n"

    return build
