"""Rows printed with no numbers at all: the row's label, then straight away the next label.

Crawls and one-cell-a-line pages print an empty row as its label alone ("（二）部分公开（三）不予公开
1.属于国家秘密2.其他法律…"), so the labels of empty rows run into the label of the next row that
carries numbers. Such a row is printed, with every cell empty: it is read as blank (the audit
reports it under T3-4), not as a row missing from the source.

Only where that is certain: the label is found whole (official or printed variant), in table order
between the rows read around it, followed by nothing but a later row's, group's or block's label
(or the end of the table), and no number of the source between those rows is left unplaced (a
converter may print a row's numbers apart from its label). A row whose digits ran together with
SOME digits present is not this case: there a blank cell leaves no trace, and nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from report_copilot.inputs.published.cells import Run
from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.normalize import label_core, norm_label, printed_variants
from report_copilot.inputs.published.rowmatch import RowTarget, TableReading, strip_padding, window
from report_copilot.model.formats import TableDef

_ORDINAL = re.compile(r"\d{1,2}[.、]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|[:：]")
"""What may stand between two labels besides whitespace: an ordinal ("2.", "(三)", "四、") or a colon."""

_LATER = ("row", "group", "block")
"""Labels that may follow an empty row: a later row, a group of later rows, a later block's caption."""


@dataclass(frozen=True)
class _Meaning:
    kind: str  # row | group | block | column | title
    order: int  # index of the (first) row concerned in table order; -1 for headers


@dataclass(frozen=True)
class _Item:
    """One element of a table's text: a known label, other text, or a run's cells."""

    kind: str  # label | other | cells | stray
    meanings: tuple[_Meaning, ...] = ()
    owner: int = -1  # cells: index of the row they were read for


class _Vocabulary:
    """The labels a table prints (rows, groups, block captions and headers, columns, its title)."""

    def __init__(self, table: TableDef) -> None:
        targets = [(b, r) for b in table.blocks for r in b.rows]
        index = {id(r): k for k, (_, r) in enumerate(targets)}
        words: dict[str, list[_Meaning]] = {}

        def add(text: str, meaning: _Meaning) -> None:
            core = label_core(text)
            if len(core) >= 2:
                words.setdefault(core, []).append(meaning)

        variants = printed_variants()
        add(table.title, _Meaning("title", -1))
        for block in table.blocks:
            first = index[id(block.rows[0])] if block.rows else -1
            for caption in (block.caption, block.header):
                if caption:
                    add(caption, _Meaning("block", first))
            for column in block.columns:
                for text in (column.label, *variants["columns"].get(label_core(column.label), ())):
                    add(text, _Meaning("column", -1))
            for group in block.column_groups:
                add(group.label, _Meaning("column", -1))
            for group in block.row_groups:
                rows = set(block.group_rows(group))
                members = [index[id(r)] for r in block.rows if r.id in rows]
                if members and not group.virtual:
                    add(group.label, _Meaning("group", min(members)))
            for row in block.rows:
                k = index[id(row)]
                for text in (row.label, *variants["rows"].get(label_core(row.label), ())):
                    add(text, _Meaning("row", k))
        self.meanings = {w: tuple(m) for w, m in words.items()}
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self.pattern = re.compile(f"(?P<gap>{_ORDINAL.pattern})|(?P<word>{alternatives})")

    def items(self, label: str) -> Iterator[_Item]:
        """A run's label text as known labels and other text (ordinals and colons dropped)."""
        text = norm_label(label)
        p = 0
        for m in self.pattern.finditer(text):
            if m.start() > p:
                yield _Item("other")
            p = m.end()
            if m.lastgroup == "word":
                yield _Item("label", self.meanings[m.group()])
        if p < len(text):
            yield _Item("other")


@lru_cache(maxsize=64)
def _vocabulary(table: TableDef) -> _Vocabulary:
    return _Vocabulary(table)


def _sequence(table: TableDef, runs: list[Run], matches: list[tuple[RowTarget, int | None]]) -> list[_Item]:
    """The table's text in order: each run's labels, then its cells (whose row read them, or stray)."""
    owner = {j: k for k, (_, j) in enumerate(matches) if j is not None}
    vocabulary = _vocabulary(table)
    out: list[_Item] = []
    for j, run in enumerate(runs):
        out.extend(vocabulary.items(run.label))
        if not run.cells:
            continue
        k = owner.get(j)
        # More numbers than the row has cells: perhaps every row's numbers printed after all the
        # labels (a text layer read column by column), so they are not this row's alone.
        width = len(matches[k][0].block.columns) if k is not None else 0
        own = k is not None and len(strip_padding(window(run.cells, width))) <= width
        out.append(_Item("cells", owner=k) if own and k is not None else _Item("stray"))
    return out


def _followed_by_later_label(seq: list[_Item], p: int, k: int) -> bool:
    """Nothing but a label of something after row k stands after position p (or the table ends)."""
    if p + 1 == len(seq):
        return True
    after = seq[p + 1]
    return after.kind == "label" and any(m.kind in _LATER and m.order > k for m in after.meanings)


def blank_rows(table: TableDef, runs: list[Run], matches: list[tuple[RowTarget, int | None]]) -> set[int]:
    """Indexes (into `matches`) of the rows not read whose label is printed with no cells after it."""
    if all(run_index is not None for _, run_index in matches):
        return set()
    seq = _sequence(table, runs, matches)
    cells_at = {item.owner: p for p, item in enumerate(seq) if item.kind == "cells"}
    out: set[int] = set()
    for k, (_, run_index) in enumerate(matches):
        if run_index is not None:
            continue
        low = max((cells_at[m] for m in range(k) if m in cells_at), default=-1)
        high = min((cells_at[m] for m in range(k + 1, len(matches)) if m in cells_at), default=len(seq))
        if any(seq[p].kind == "stray" for p in range(low + 1, high)):
            continue  # numbers between the neighbouring rows that no row took: perhaps this row's
        for p in range(low + 1, high):
            item = seq[p]
            own = item.kind == "label" and any(m.kind == "row" and m.order == k for m in item.meanings)
            if own and _followed_by_later_label(seq, p, k):
                out.add(k)
                break
    return out


def blank_row(target: RowTarget, reading: TableReading) -> None:
    """A row printed with its label and no numbers: every cell blank, one issue for the row."""
    ids = target.cell_ids
    for cid in ids:
        reading.values[cid] = None
    where = f"{target.table.title} › {target.row.label}"
    how = "这一格空白" if len(ids) == 1 else f"整行 {len(ids)} 格空白"
    reading.issues.append(
        ImportIssue(
            "blank",
            f"{target.table.id}.{target.row.id}",
            where,
            f"{where}：原文印出了这一行的行名，但没有填数字（{how}），未按 0 导入",
            cells=ids,
        )
    )


def labels_without_numbers(table: TableDef, runs: list[Run]) -> bool:
    """The table's row labels are printed, and not one number or mark in the whole table (cells
    bordered but empty, `| |`, are no figure either)."""
    if any(c.status != "blank" for run in runs for c in run.cells):
        return False
    vocabulary = _vocabulary(table)
    rows = {
        m.order
        for run in runs
        for item in vocabulary.items(run.label)
        for m in item.meanings
        if m.kind == "row"
    }
    return len(rows) >= 1
