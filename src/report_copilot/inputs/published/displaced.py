"""A table printed just before its own heading, moved back under it.

Some sites' editors leave a section's heading below its table (…一、总体情况 <prose> <table 二>
二、主动公开政府信息情况 三、…): read by headings, section 二 holds no table and section 一 ends in
one. The lines are put back in reading order only when that is the only reading: the heading has no
table of its own under it, the lines between the previous section's last sentence and the heading
hold no sentence, and their labels are this table's rows. Prose is never read as a table: a line with
a sentence end stops the block.
"""

from __future__ import annotations

import re

from report_copilot.inputs.published.cells import Run, read_runs
from report_copilot.inputs.published.normalize import label_core, nfkc, norm_label
from report_copilot.inputs.published.rowmatch import label_score
from report_copilot.inputs.published.sections import section_text
from report_copilot.model.draft import SECTION_HEADINGS
from report_copilot.model.formats import FormatDefinition, TableDef

__all__ = ["place_displaced_tables"]

_SENTENCE = re.compile(r"[。！？；!?;]")
_DIGIT = re.compile(r"\d")
_ROW_MATCH = 0.7
"""The score at which the table reader takes a run for a row (`tables.read_grid`)."""


def place_displaced_tables(
    fmt: FormatDefinition, lines: list[str], sections: dict[str, int]
) -> tuple[list[str], dict[str, int]]:
    """The lines with each table printed just before its heading moved to just after it."""
    keys = list(SECTION_HEADINGS)
    grids = [t for t in fmt.tables if t.layout != "single_row"]
    for table in grids:
        key = keys["一二三四五六".index(table.section)]
        heading = sections.get(key)
        if heading is None:
            continue
        moved = _moved(table, grids, lines, sections, key, heading)
        if moved is None and heading > 0 and _block_start(lines, sections, heading) == heading:
            # A crawl's line: the last sentence of the previous section, then the table itself
            # ("…公共文化服务。第二十条第(一)项 |信息内容 |…|0 |" before "二、…"): cut after the sentence.
            cut = _cut_after_last_sentence(lines, sections, heading)
            if cut is not None:
                moved = _moved(table, grids, *cut, key, heading + 1)
        if moved is not None:
            lines, sections = moved
    return lines, sections


def _moved(
    table: TableDef,
    grids: list[TableDef],
    lines: list[str],
    sections: dict[str, int],
    key: str,
    heading: int,
) -> tuple[list[str], dict[str, int]] | None:
    """The lines with this table's block moved under its heading, when it is printed just above it."""
    keys = list(SECTION_HEADINGS)
    start = _block_start(lines, sections, heading)
    block = lines[start:heading]
    if not any(_DIGIT.search(line) for line in block) or not _names_a_row(table, block):
        return None  # cheap tests first: most reports print a sentence or another table here
    if _rows_named(table, _runs(section_text(lines, sections, table.section, keys)), enough=1):
        return None  # the table stands under its heading (or part of it does): read it there
    runs = _runs("\n".join(block))
    if _rows_named(table, runs) < 2 or any(_rows_named(t, runs, enough=1) for t in grids if t is not table):
        return None  # not this table, or not this table alone (the previous section's table above it)
    return [*lines[:start], lines[heading], *block, *lines[heading + 1 :]], {**sections, key: start}


def _cut_after_last_sentence(
    lines: list[str], sections: dict[str, int], heading: int
) -> tuple[list[str], dict[str, int]] | None:
    """The line above `heading` cut in two after its last sentence end, when text follows it;
    every heading below moves one line down."""
    line = lines[heading - 1]
    if heading - 1 in sections.values():
        return None  # a heading's own line
    normal = nfkc(line)
    ends = [m.end() for m in _SENTENCE.finditer(normal)]
    if not ends or len(normal) != len(line) or not line[ends[-1] :].strip():
        return None
    cut = ends[-1]
    shifted = {k: i + 1 if i >= heading else i for k, i in sections.items()}
    return [*lines[: heading - 1], line[:cut], line[cut:].strip(), *lines[heading:]], shifted


def _block_start(lines: list[str], sections: dict[str, int], heading: int) -> int:
    """The first line after the last sentence (or heading) above `heading`."""
    floor = max((i for i in sections.values() if i < heading), default=-1)
    i = heading
    while i - 1 > floor and not _SENTENCE.search(nfkc(lines[i - 1])):
        i -= 1
    return i


def _names_a_row(table: TableDef, block: list[str]) -> bool:
    """Whether one of the table's row labels stands in the block as printed (spaces aside)."""
    text = norm_label("".join(block))
    return any(label_core(row.label) in text for b in table.blocks for row in b.rows)


def _runs(text: str) -> list[Run]:
    return [r for r in read_runs(text) if r.cells or r.delimited] if text.strip() else []


def _rows_named(table: TableDef, runs: list[Run], enough: int = 2) -> int:
    """How many of the table's rows a run with cells is labelled as (counting stops at `enough`)."""
    found = 0
    for row in (row for block in table.blocks for row in block.rows):
        if any(label_score(row, run.label) >= _ROW_MATCH for run in runs):
            found += 1
            if found >= enough:
                break
    return found
