"""The official tables as WordprocessingML: column widths, merges, alignment and pagination.

Column widths come from the texts, not fixed shares: each label column is made as wide as its
labels need (up to what the figures leave), then nudged so that no label wraps with a single
character left on its last line (「不予公/开」); the figure columns share the rest.

Pagination: rows never split (`cantSplit`), header rows repeat (`tblHeader`) and keep with the first
body row; a table of captioned blocks (二) keeps all its rows together, so no sub-table of 二 is split
and a caption never sits alone at a page foot.
"""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape

from report_copilot.render.layout import LayoutCell, TableLayout
from report_copilot.render.profile import OfficeProfile

CELL_MARGIN = 57
"""Left and right cell margin, twips (1 mm)."""
_MIN_VALUE_CHARS = 2
_MAX_VALUE_CHARS = 5
_MIN_GROUP_CHARS = 3
_MAX_GROUP_CHARS = 5
_LABEL_ROLES = {"label", "group"}


def text_width_chars(text: str) -> float:
    """Width in full-width characters: CJK and full-width punctuation 1, ASCII (digits, Latin) 0.5."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def widows(lengths: list[float], per_line: int) -> int:
    """How many labels would wrap with one character alone on their last line."""
    count = 0
    for n in lengths:
        chars = math.ceil(n)
        if per_line >= 1 and chars > per_line and (chars - 1) % per_line == 0:
            count += 1
    return count


def _column_texts(layout: TableLayout, col: int, roles: set[str]) -> list[float]:
    """Widths of the texts of cells standing in exactly this one column."""
    return [
        text_width_chars(c.text)
        for c in layout.cells
        if c.role in roles and c.col == col and c.col_span == 1 and c.text
    ]


def _fit(lengths: list[float], low: int, high: int, *, narrow: bool) -> int:
    """A width in [low, high] characters leaving no text with a one-character last line (else the
    fewest such texts): the narrowest such width when `narrow`, otherwise the widest, but never wider
    than the longest text."""
    longest = max(low, math.ceil(max(lengths, default=low)))
    high = max(low, min(high, longest))
    candidates = range(max(1, low), high + 1)
    return min(candidates, key=lambda w: (widows(lengths, w), w if narrow else -w))


def column_twips(
    layout: TableLayout, texts: dict[tuple[int, int], str], profile: OfficeProfile, text_width: int
) -> list[int]:
    """Width of each grid column in twips, summing to `text_width`.

    Figure columns get the narrowest width (2–5 characters, at least their widest figure) at which no
    header wraps with a lone character; group-label columns likewise (3–5); the finest label column
    gets what remains, up to its longest label; anything left over widens the figure columns.
    """
    char = round(profile.table_size_pt * 20)
    pad = 2 * CELL_MARGIN + 20  # margins plus a little slack for the renderer's rounding
    label_cols = sorted({c.col for c in layout.cells if c.role in _LABEL_ROLES})
    if not label_cols:  # a single-row table (四): equal columns
        each = text_width // layout.n_cols
        return [each] * (layout.n_cols - 1) + [text_width - each * (layout.n_cols - 1)]
    depth = max(label_cols) + 1
    chars: list[int] = []
    for col in range(depth - 1):  # group columns: narrow, the text wraps down the merged cell
        chars.append(
            _fit(_column_texts(layout, col, _LABEL_ROLES), _MIN_GROUP_CHARS, _MAX_GROUP_CHARS, narrow=True)
        )
    value_chars: list[int] = []
    for col in range(depth, layout.n_cols):
        figures = [
            text_width_chars(texts[(c.row, c.col)])
            for c in layout.cells
            if c.role == "value" and c.col == col
        ]
        low = max(_MIN_VALUE_CHARS, math.ceil(max(figures, default=0)))
        value_chars.append(
            _fit(_column_texts(layout, col, {"header"}), low, max(low, _MAX_VALUE_CHARS), narrow=True)
        )
    budget = (text_width - layout.n_cols * pad) // char - sum(chars) - sum(value_chars)
    finest = _fit(_column_texts(layout, depth - 1, _LABEL_ROLES), 4, budget, narrow=False)
    widths = [w * char + pad for w in [*chars, finest, *value_chars]]
    spare = text_width - sum(widths)
    n_values = len(value_chars)
    for i in range(n_values):
        widths[depth + i] += spare // n_values + (1 if i < spare % n_values else 0)
    return widths


def _run_xml(text: str, profile: OfficeProfile, bold: bool) -> str:
    latin, east = escape(profile.latin_font), escape(profile.table_font)
    fonts = f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{east}" w:hint="eastAsia"/>'
    return f'<w:r><w:rPr>{fonts}{"<w:b/>" if bold else ""}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _keep_rows(layout: TableLayout) -> set[int]:
    """Rows whose paragraphs keep with the next row.

    A table of captioned blocks (二) is kept whole: LibreOffice (7.4, measured) ignores keep-with-next
    on some rows of a table but honours it on all rows (it then does not split the table), and 二 is
    far shorter than a page. Other tables keep their header rows with the first body row.
    """
    if any(c.role == "caption" for c in layout.cells):
        return set(range(layout.n_rows - 1))
    return set(range(min(layout.header_rows, layout.n_rows - 1)))


def table_xml(
    layout: TableLayout,
    texts: dict[tuple[int, int], str],
    profile: OfficeProfile,
    style_ids: tuple[str, str],
    text_width: int,
) -> str:
    """The whole table as WordprocessingML: merges as gridSpan (across) and vMerge (down).

    Built as one string and parsed once: python-docx's cell-by-cell merge API re-scans the whole
    grid on every access and cost most of the export time.
    """
    table_style, paragraph_style = style_ids
    widths = column_twips(layout, texts, profile, text_width)
    covering: dict[tuple[int, int], LayoutCell] = {}
    for spec in layout.cells:
        for r in range(spec.row, spec.last_row + 1):
            covering[(r, spec.col)] = spec
    align = {"value": profile.table_value_align, "label": "left", "group": "left"}
    keep_rows = _keep_rows(layout)
    parts = _table_head_xml(table_style, widths)
    for r in range(layout.n_rows):
        header = "<w:tblHeader/>" if r < layout.header_rows else ""
        keep = "<w:keepNext/>" if r in keep_rows else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < layout.n_cols:
            spec = covering[(r, c)]
            width = sum(widths[spec.col : spec.last_col + 1])
            span = f'<w:gridSpan w:val="{spec.col_span}"/>' if spec.col_span > 1 else ""
            merge = ""
            if spec.row_span > 1:
                merge = '<w:vMerge w:val="restart"/>' if spec.row == r else "<w:vMerge/>"
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{paragraph_style}"/>{keep}'
                f'<w:jc w:val="{align.get(spec.role, "center")}"/></w:pPr>'
            )
            if spec.row == r:
                bold = profile.table_header_bold and spec.role in {"header", "caption", "note"}
                parts.append(_run_xml(texts[(spec.row, spec.col)], profile, bold))
            parts.append("</w:p></w:tc>")
            c = spec.last_col + 1
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _table_head_xml(table_style: str, widths: list[int]) -> list[str]:
    """The table's properties (fixed layout, centred, cell margins) and its column grid."""
    from docx.oxml.ns import nsdecls

    return [
        f"<w:tbl {nsdecls('w')}><w:tblPr>",
        f'<w:tblStyle w:val="{table_style}"/><w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:jc w:val="center"/>',
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" '
        'w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]


def add_table(
    document: Any,
    layout: TableLayout,
    texts: dict[tuple[int, int], str],
    profile: OfficeProfile,
    style_ids: tuple[str, str],
    text_width: int,
) -> None:
    from docx.oxml import parse_xml

    document.element.body._insert_tbl(parse_xml(table_xml(layout, texts, profile, style_ids, text_width)))
