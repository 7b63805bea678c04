"""Tables as `pdftotext -layout` prints them: a row's cells placed by column position.

A PDF's text layer printed with its layout keeps each row on a line and each cell at the column's
place, but a cell printed empty leaves only spaces: "（一）予以公开   258   12             1   1"
holds four numbers for seven columns, and read in order they would be the first four columns. Where
the column positions are certain, the blank cells are written as `∅` (the blank mark the structured
readers write) so that the tokeniser reads one cell a column:

- a row with fewer figures than its block has columns: each figure's span must meet exactly one
  column of the rows printed in full nearest above and below it in the same block, which stand in
  the same columns, both placing the figures alike;
- a row printed with its label and no figure at all: the label is found whole (official label or
  printed variant), and between the rows before and after it, both of the table and in table order,
  stand only blank lines and margin characters (a group label printed down the margin) — no figure
  that might be this row's, printed on a line of its own.

Only a text whose rows carry their figures on the label's line, apart by layout gaps (two spaces and
more: a crawl's single spaces or tabs say nothing of columns), is read so; anything uncertain is left
as it was, for the importer to list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from report_copilot.inputs.published.layout_labels import LAYOUT_CELL, centred_labels
from report_copilot.inputs.published.model import BLANK_MARK, MARGIN_CHARS
from report_copilot.inputs.published.normalize import label_core, norm_label
from report_copilot.inputs.published.rowmatch import label_score
from report_copilot.model.formats import BlockDef, ColumnDef, RowDef, TableDef

_TAIL = re.compile(r"(?:(?:^| +)" + LAYOUT_CELL + r")+ *$")
"""A line's cells: figures (or not-applicable marks) standing apart, up to the line's end."""
_TOKEN = re.compile(r"\S+")
_ORDINAL_START = re.compile(r"\d{1,2}[.、．](?=\D)")
_LAYOUT_GAP = re.compile(r"\d {2,}\d")
_SURE = 0.95
"""A label is a row's when it ends with the official label or a printed variant (`label_score`)."""


@dataclass
class _Line:
    """One line of a table region: its label text and the spans of the cells after it."""

    label: str
    cells: list[tuple[int, int]]
    laid_out: bool
    """Every cell stands two spaces or more from the text before it (a layout gap)."""
    block: BlockDef | None = None
    order: int = -1
    """The row's index in table order, when the label names one row (-1 otherwise)."""
    wrapped: bool = False
    """The first line of a row label wrapped onto the next line (which holds the row's name)."""


@cache
def _rows(table: TableDef) -> tuple[tuple[BlockDef, RowDef], ...]:
    return tuple((b, r) for b in table.blocks for r in b.rows)


@cache
def _group_cores(table: TableDef) -> frozenset[str]:
    return frozenset(label_core(g.label) for b in table.blocks for g in b.row_groups)


def _parse(line: str) -> _Line:
    m = _TAIL.search(line)
    if m is None:
        return _Line(line, [], False)
    label = line[: m.start()]
    cells = [(t.start() + m.start(), t.end() + m.start()) for t in _TOKEN.finditer(m.group())]
    ends = [e for _, e in cells[:-1]]
    if label.strip():
        ends.insert(0, m.start())
    starts = [s for s, _ in cells][-len(ends) :] if ends else []
    laid_out = all(s - e >= 2 for s, e in zip(starts, ends, strict=True))
    return _Line(label, cells, laid_out)


def _name(table: TableDef, line: _Line) -> None:
    """Set the block and order of the row the line's label names, when it names exactly one."""
    text = line.label.strip()
    if not text:
        return
    found = [(k, b) for k, (b, r) in enumerate(_rows(table)) if label_score(r, text) >= _SURE]
    if len(found) == 1:
        line.order, line.block = found[0]


def _margin(line: _Line, table: TableDef) -> bool:
    """Nothing of a row: blank, a few margin characters (or a page number blanked before), or a
    group label on its own line."""
    text = "".join(line.label.split())
    if line.cells:
        return False
    return len(text) <= MARGIN_CHARS or label_core(text) in _group_cores(table)


def mark_layout_blanks(table: TableDef, text: str) -> str:
    """The region with `∅` written where a laid-out row's cell is certainly printed blank (and a
    laid-out table flattened onto one line cut back into its rows, see `_pieces`)."""
    if len(_LAYOUT_GAP.findall(text)) < 2 or table.layout != "grid":
        return text
    text = centred_labels(text)
    raw = text.split("\n")
    flattened = any(len(x) > _FLATTENED and len(_LAYOUT_GAP.findall(x)) >= 2 for x in raw)
    if flattened:
        raw = [piece for x in raw for piece in _pieces(x)]
    lines = [_parse(x) for x in raw]
    for line in lines:
        if line.cells or 0 < len(line.label.strip()) <= 60:
            _name(table, line)
    full_rows = sum(1 for x in lines if x.block is not None and x.laid_out and len(x.cells) >= 2)
    if full_rows < 2:
        return text  # not a table laid out in columns (a crawl, a text layer read column by column)
    _join_wrapped(table, lines)
    _inherit_blocks(lines)
    out = list(raw)
    clustered = {} if flattened else _clustered(lines)
    for i, line in enumerate(lines):
        if line.block is None or len(line.block.columns) < 2 or _glued(line):
            continue  # (a figure glued to the label, "…重新出具0  0  0": the row's own, not a gap)
        n = len(line.block.columns)
        if line.cells and len(line.cells) < n and line.laid_out and not flattened:
            columns = _placed(lines, i, n) or clustered.get(i)
            if columns is not None:
                out[i] = _rewritten(raw[i], line, columns, n)
        elif not line.cells and line.label.strip() and _blank_row(lines, i, table):
            out[i] = raw[i].rstrip() + "  " + "  ".join([BLANK_MARK] * n)
    return "\n".join(out)


_FLATTENED = 400
"""A line this long holding layout gaps is a laid-out table whose line breaks were lost."""


def _pieces(line: str) -> list[str]:
    """A laid-out table flattened onto one line (a crawl of `pdftotext -layout` text), cut back
    into its rows: before each text standing after a layout gap (a row's label: figures stay with
    the label before them), and around a margin character (one character, not a figure, before a
    layout gap: 三、本年度办理结果 printed down the margin). The columns' places are lost with the
    line breaks: such rows are never placed by position, only read as blank when printed empty."""
    if len(line) <= _FLATTENED or len(_LAYOUT_GAP.findall(line)) < 2:
        return [line]
    tokens = list(_TOKEN.finditer(line))
    cuts: list[int] = []
    margin_before = False
    for k, t in enumerate(tokens):
        gap_before = t.start() - tokens[k - 1].end() if k else 0
        gap_after = tokens[k + 1].start() - t.end() if k + 1 < len(tokens) else 2
        # Text, or a row's ordinal ("1.属于…"); a figure glued to text ("2三、本") stays where it is.
        text = not t.group()[0].isdigit() or _ORDINAL_START.match(t.group()) is not None
        margin = len(t.group()) == 1 and text and gap_after >= 2
        if k and (margin or margin_before or (text and gap_before >= 2)):
            cuts.append(t.start())
        margin_before = margin
    bounds = [0, *cuts, len(line)]
    # Each piece keeps the spaces after it: what follows a figure is read as before (a layout gap).
    return [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if line[a:b].strip()]


def _join_wrapped(table: TableDef, lines: list[_Line]) -> None:
    """A row label wrapped onto the next line, with no figure on either ("5.要求行政机关确认或重新出"
    / "具已获取信息"): the row is named by both lines, and its place is the second line's end."""
    for i in range(len(lines) - 1):
        first, second = lines[i], lines[i + 1]
        if first.cells or second.cells or second.block is not None or not first.label.strip():
            continue
        if _margin(second, table):
            continue
        whole = _Line(first.label.strip() + second.label.strip(), [], False)
        _name(table, whole)
        if whole.block is not None and (first.block is None or first.order == whole.order):
            second.block, second.order, second.label = whole.block, whole.order, whole.label
            first.block, first.order, first.wrapped = None, -1, True


def _inherit_blocks(lines: list[_Line]) -> None:
    """A line of figures whose label names no row takes the block of the rows around it: under a
    row label printed with no figure (a label wrapped over lines, its figures on a line between),
    or between two rows of one block (a misprinted label, "2.其他法律行政止公开")."""
    named = [k for k, x in enumerate(lines) if x.block is not None]
    for i, line in enumerate(lines):
        if not line.cells or line.block is not None:
            continue
        above = next((x for x in reversed(lines[:i]) if x.label.strip() or x.cells), None)
        if not line.label.strip() and above is not None and above.block is not None and not above.cells:
            line.block = above.block
            continue
        before = [k for k in named if k < i]
        after = [k for k in named if k > i]
        if before and after and lines[before[-1]].block is lines[after[0]].block:
            line.block = lines[before[-1]].block


def _glued(line: _Line) -> bool:
    return line.label.rstrip()[-1:].isdigit()


def _columns(spans: list[tuple[int, int]], ref: list[tuple[int, int]]) -> tuple[int, ...] | None:
    """The column of each span: the one reference span it overlaps or touches (a text layer puts a
    figure a character to either side from row to row); None unless each meets exactly one, in
    increasing order. Cells stand two spaces apart at least, so no span touches two neighbours'
    spans by this allowance alone."""
    out: list[int] = []
    for s, e in spans:
        hit = [k for k, (rs, re_) in enumerate(ref) if s <= re_ and rs <= e]
        if len(hit) != 1 or (out and hit[0] <= out[-1]):
            return None
        out.append(hit[0])
    return tuple(out)


def _nearest(lines: list[_Line], i: int, n: int, step: int) -> _Line | None:
    """The nearest row of line i's block printed in full, above (step -1) or below (step 1)."""
    block = lines[i].block
    k = i + step
    while 0 <= k < len(lines):
        x = lines[k]
        if x.block is not None and x.block is not block:
            return None
        if x.block is block and len(x.cells) == n and x.laid_out:
            return x
        k += step
    return None


def _placed(lines: list[_Line], i: int, n: int) -> tuple[int, ...] | None:
    """The columns of a short row's figures, as both rows printed in full nearest above and below
    it place them. Both are needed, standing in the same columns: a page break moves every column
    (the footer between is blanked before), and a row alone on its page beyond the last full row
    could otherwise be read in the columns of another page."""
    above, below = _nearest(lines, i, n, -1), _nearest(lines, i, n, 1)
    if above is None or below is None or _columns(below.cells, above.cells) != tuple(range(n)):
        return None
    placed = _columns(lines[i].cells, above.cells)
    return placed if placed is not None and placed == _columns(lines[i].cells, below.cells) else None


def _rewritten(raw: str, line: _Line, columns: tuple[int, ...], n: int) -> str:
    texts = [BLANK_MARK] * n
    for (s, e), k in zip(line.cells, columns, strict=True):
        texts[k] = raw[s:e]
    return line.label.rstrip() + "  " + "  ".join(texts)


def _blank_row(lines: list[_Line], i: int, table: TableDef) -> bool:
    """Line i is a row's whole label, with nothing but margin text between it and the rows of
    the table before and after it (a row printed empty, not one whose figures stand apart)."""
    line = lines[i]
    k = i + 1
    while k < len(lines) and _margin(lines[k], table):
        k += 1
    if k < len(lines):
        after = lines[k + 1] if lines[k].wrapped and k + 1 < len(lines) else lines[k]
        if after.block is None or after.order <= line.order or not norm_label(after.label):
            return False
    k = i - 2 if i > 0 and lines[i - 1].wrapped else i - 1
    while k >= 0 and _margin(lines[k], table):
        k -= 1
    if k < 0:
        return False
    before = lines[k]
    return before.block is not None and 0 <= before.order < line.order and bool(norm_label(before.label))


def _clustered(lines: list[_Line]) -> dict[int, tuple[int, ...]]:
    """The columns of short rows placed by the figures of their whole page of the block: for a block
    whose last column is the sum of all the others (总计), every row holding a figure prints its
    total last, so the rows whose last figures stand in one place are one page of the table (a page
    break moves every column, the total's too). Where all the figures of such a run of rows fall
    into exactly as many places (clusters of spans overlapping or touching) as the block has
    columns, each place is a column; in the block's first run, under its header, the places the
    header tells (`_headed`: the total's, and those under the first word of a header line).
    A row is placed by them only with a row of its run below it (and above it, but for the first
    run's first row, under the header): a row alone beyond a page break whose total happens to
    stand where the other page's stood would otherwise be read in that page's columns."""
    placed: dict[int, tuple[int, ...]] = {}
    seen: set[int] = set()
    for run in _runs(lines):
        block = lines[run[0]].block
        assert block is not None
        n = len(block.columns)
        clusters = _clusters([span for i in run for span in lines[i].cells])
        columns = {i: _columns(lines[i].cells, clusters) for i in run}
        first = id(block) not in seen
        seen.add(id(block))
        if not clusters or not all(c is not None and c[-1] == len(clusters) - 1 for c in columns.values()):
            continue
        if len(clusters) == n:
            known = {k: k for k in range(n)}
            inner = run[1:-1]
        elif first and (header := _headed(lines, run[0], block, clusters)) is not None:
            known, inner = header, run[:-1]
        else:
            continue
        for i in inner:
            c = columns[i]
            if c is not None and all(k in known for k in c):
                told = tuple(known[k] for k in c)
                if all(a < b for a, b in zip(told, told[1:], strict=False)):
                    placed[i] = told
    return placed


_TOTAL_REACH = 4
"""How far (characters) the total's figures may stand from the header's 总计: a CJK word takes one
character of a laid-out line but two figures' width on paper, so the header's words stand left of
their figures, the further right the more (a page break moves the figures much further)."""


def _headed(
    lines: list[_Line], first: int, block: BlockDef, clusters: list[tuple[int, int]]
) -> dict[int, int] | None:
    """The columns of the places of the block's first run of rows, told by the header above it: the
    rightmost is the total, where the header's 总计 stands a few characters at most from it (a page
    break between the header and the rows would have moved the figures) and no other header word;
    another is a column where the only header word its figures meet names that column alone and
    is the first word of its line (two places may be one column's, its figures standing a
    character or two apart from row to row, never two figures of one row). A CJK word takes one
    character of a laid-out line but two figures' width on paper: a word after another on its line
    stands left of its column, over the figures of the column before; the first word of a line
    stands where its column is."""
    words = [(k, t) for x in lines[:first] if not x.cells for k, t in enumerate(_TOKEN.finditer(x.label))]
    (ts, te), total = clusters[-1], block.columns[-1]
    totals = [t for _, t in words if t.group() in {total.label, *total.aliases} and len(t.group()) >= 2]
    others = [t for _, t in words if ts <= t.end() and t.start() <= te and t not in totals]
    near = [t for t in totals if t.start() - _TOTAL_REACH <= te and ts <= t.end() + _TOTAL_REACH]
    if len(totals) != 1 or len(near) != 1 or others:
        return None
    known = {len(clusters) - 1: len(block.columns) - 1}
    for k, (s, e) in enumerate(clusters[:-1]):
        met = [(at, t.group()) for at, t in words if s <= t.end() and t.start() <= e]
        if len(met) != 1 or met[0][0] != 0:
            continue
        named = [c for c, col in enumerate(block.columns[:-1]) if _names(met[0][1], col)]
        if len(named) == 1:
            known[k] = named[0]
    order = [known[k] for k in sorted(known)]
    return known if order == sorted(order) else None


def _names(word: str, column: ColumnDef) -> bool:
    """A header word (or the part of one on a line: 科研 of 科研机构) names the column."""
    return len(word) >= 2 and any(word in name for name in (column.label, *column.aliases))


def _runs(lines: list[_Line]) -> list[list[int]]:
    """Runs of consecutive rows of one block summed in its last column, each row's last figure
    standing where the run's first row's does (overlapping or touching it)."""
    runs: list[list[int]] = []
    block: BlockDef | None = None
    for i, line in enumerate(lines):
        if line.block is None or not line.cells:
            continue
        columns = line.block.columns
        if len(columns) < 3 or columns[-1].sum_of is None or not line.laid_out or _glued(line):
            block = None
            continue
        s, e = line.cells[-1]
        if block is line.block and runs:
            rs, re_ = lines[runs[-1][0]].cells[-1]
            if s <= re_ and rs <= e:
                runs[-1].append(i)
                continue
        block = line.block
        runs.append([i])
    return runs


def _clusters(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The places of figure spans: spans overlapping or touching one another joined, each place no
    wider than its widest span and a character to either side (else the figures stand askew and
    no place is certain: none are returned)."""
    out: list[tuple[int, int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            lo, hi, widest = out[-1]
            out[-1] = (lo, max(hi, e), max(widest, e - s))
        else:
            out.append((s, e, e - s))
    if any(hi - lo > widest + 2 for lo, hi, widest in out):
        return []
    return [(lo, hi) for lo, hi, _ in out]
