"""Rows whose digits ran together ("1230"), split only when exactly one split fits the identities.

Each candidate split is checked against the identities of the report's own year (totals, "其中"
bounds) with every other cell read. A run of a digit a cell ("8100008") takes its one split unless
another row shows that blank cells leave no trace in this text; any other single split is taken only
when it fits (the one split of "21 4 1 0 2 0" into seven cells cuts 21). A unique fit among several
is taken and reported as `inferred`; several fits leave the row blank, reported as `ambiguous`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from report_copilot.inputs.published.ambiguous_runs import report_ambiguous
from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.rowmatch import RowTarget, TableReading
from report_copilot.inputs.published.splits import SPLIT_LIMIT, pruned_splits
from report_copilot.model.formats import BlockDef, FormatDefinition, IdentityDef, TableDef


def _terms(names: tuple[str, ...], table_id: str, member: str, by_column: bool) -> list[tuple[str, int]]:
    """(cell id, sign) of each term of an identity equation, for one row or column."""
    out = []
    for name in names:
        sign = -1 if name.startswith("-") else 1
        name = name.lstrip("-")
        out.append((f"{table_id}.{name}.{member}" if by_column else f"{table_id}.{member}.{name}", sign))
    return out


@dataclass(frozen=True)
class _Check:
    """One identity on one row or column: left (relation) right, as (cell id, sign) terms."""

    left: tuple[tuple[str, int], ...]
    right: tuple[tuple[str, int], ...]
    relation: str
    cells: frozenset[str]
    rule: str
    """The id of the identity this check belongs to."""


def _block_checks(identity: IdentityDef, table: TableDef, block: BlockDef) -> list[_Check]:
    """The checks of one identity (of this year alone) on one block of its table."""
    raw: list[tuple[list[tuple[str, int]], list[tuple[str, int]], str]] = []
    if identity.kind == "total":
        axis, _, target = (identity.target or "").partition(":")
        if axis == "column":
            col = next((c for c in block.columns if c.id == target), None)
            if col is None:
                return []
            for row in block.rows:
                total = [(f"{table.id}.{row.id}.{col.id}", 1)]
                raw.append((total, [(f"{table.id}.{row.id}.{p}", 1) for p in col.sum_of or ()], "=="))
        else:
            trow = next((r for r in block.rows if r.id == target), None)
            if trow is None:
                return []
            for c in block.columns:
                total = [(f"{table.id}.{trow.id}.{c.id}", 1)]
                raw.append((total, [(f"{table.id}.{p}.{c.id}", 1) for p in trow.sum_of or ()], "=="))
    else:
        by_column = identity.for_each == "column"
        members = [c.id for c in block.columns] if by_column else [r.id for r in block.rows]
        for member in members:
            left = _terms(identity.left, table.id, member, by_column)
            right = _terms(identity.right, table.id, member, by_column)
            raw.append((left, right, identity.relation))
    return [
        _Check(tuple(left), tuple(right), relation, frozenset(c for c, _ in left + right), identity.id)
        for left, right, relation in raw
    ]


@cache
def _checks(fmt: FormatDefinition) -> tuple[_Check, ...]:
    """Every check of the format's identities of one year whose cells all exist, once per format."""
    out: list[_Check] = []
    for identity in fmt.identities:
        if identity.requires_previous:
            continue
        table = fmt.table(identity.table)
        blocks = [table.block(b) for b in identity.blocks] if identity.blocks else list(table.blocks)
        for block in blocks:
            out += [c for c in _block_checks(identity, table, block) if c.cells <= fmt.cells.keys()]
    return tuple(out)


@cache
def _checks_of_cell(fmt: FormatDefinition) -> dict[str, tuple[int, ...]]:
    """For each cell, the indices (in `_checks`) of the checks it takes part in."""
    out: dict[str, list[int]] = {}
    for n, check in enumerate(_checks(fmt)):
        for cid in check.cells:
            out.setdefault(cid, []).append(n)
    return {cid: tuple(ns) for cid, ns in out.items()}


def _holds(check: _Check, values: dict[str, Any]) -> bool:
    """Whether a check holds; a check with a cell that is not a number holds (it cannot be judged)."""
    lv: list[Decimal] = []
    rv: list[Decimal] = []
    for terms, out in ((check.left, lv), (check.right, rv)):
        for cid, _ in terms:
            v = values.get(cid)
            if not isinstance(v, int | Decimal):
                return True
            out.append(Decimal(v))
    lsum = sum((s * v for (_, s), v in zip(check.left, lv, strict=True)), Decimal(0))
    rsum = sum((s * v for (_, s), v in zip(check.right, rv, strict=True)), Decimal(0))
    return lsum == rsum if check.relation == "==" else lsum <= rsum


def broken_rules(fmt: FormatDefinition, values: dict[str, Any], ids: list[str]) -> list[IdentityDef]:
    """The error-level identities of one year broken on a check touching one of `ids`, in format order."""
    checks = _checks(fmt)
    index = _checks_of_cell(fmt)
    broken = {checks[n].rule for cid in ids for n in index.get(cid, ()) if not _holds(checks[n], values)}
    return [i for i in fmt.identities if i.id in broken and i.severity == "error" and not i.requires_previous]


def broken_where(fmt: FormatDefinition, values: dict[str, Any], ids: list[str]) -> set[tuple[str, str]]:
    """(identity id, first cell of its left side) of each error-level check touching `ids` that
    is broken: where the audit would report it, were the cells read."""
    checks = _checks(fmt)
    errors = {i.id for i in fmt.identities if i.severity == "error" and not i.requires_previous}
    return {
        (checks[n].rule, checks[n].left[0][0])
        for cid in ids
        for n in _checks_of_cell(fmt).get(cid, ())
        if checks[n].rule in errors and checks[n].left and not _holds(checks[n], values)
    }


_EXACT = 10**18
"""Integers below this add up exactly both as int and as Decimal (28 digits): the int sums are used."""


@dataclass
class _Bound:
    """A check with the cells outside the row(s) being split read once: their signed sum, and the
    positions in a candidate of the cells inside them."""

    cells: frozenset[str]
    check: _Check
    fixed: int | None
    """Signed sum (left - right) of the cells outside, when all are small ints; else None."""
    inside: tuple[tuple[int, int], ...]
    """(position in the candidate, sign) of each term inside the split rows."""


def _bind(fmt: FormatDefinition, values: dict[str, Any], ids: list[str]) -> list[_Bound]:
    """The checks touching `ids` that can be judged, bound to the values of every other cell.

    Only checks touching the split cells can change from one candidate to the next; a check with a
    cell outside them that is not a number is never judged, so it is left out here.
    """
    position = {cid: n for n, cid in enumerate(ids)}
    index = _checks_of_cell(fmt)
    checks = _checks(fmt)
    out: list[_Bound] = []
    for n in sorted({n for cid in position for n in index.get(cid, ())}):
        check = checks[n]
        fixed: int | None = 0
        inside: list[tuple[int, int]] = []
        judged = True
        for terms, side in ((check.left, 1), (check.right, -1)):
            for cid, sign in terms:
                if cid in position:
                    inside.append((position[cid], sign * side))
                    continue
                v = values.get(cid)
                if not isinstance(v, int | Decimal):
                    judged = False
                elif fixed is not None and type(v) is int and -_EXACT < v < _EXACT:
                    fixed += sign * side * v
                else:
                    fixed = None
        if judged:
            out.append(_Bound(check.cells, check, fixed, tuple(inside)))
    return out


def _broken(
    bound: list[_Bound], values: dict[str, Any], ids: list[str], candidate: list[int]
) -> list[frozenset[str]]:
    """Cells of every bound check broken when the cells `ids` take the values of `candidate`."""
    out: list[frozenset[str]] = []
    exact = all(-_EXACT < v < _EXACT for v in candidate)
    trial: dict[str, Any] | None = None
    for b in bound:
        if exact and b.fixed is not None:
            diff = b.fixed + sum(sign * candidate[n] for n, sign in b.inside)
            ok = diff == 0 if b.check.relation == "==" else diff <= 0
        else:
            if trial is None:
                trial = {**values, **dict(zip(ids, candidate, strict=True))}
            ok = _holds(b.check, trial)
        if not ok:
            out.append(b.cells)
    return out


_JOINT_LIMIT = 4096
"""Combinations of pending rows tried together; beyond this the rows stay unread."""

Pending = list[tuple[list[RowTarget], list[list[int]]]]


def _resolve_jointly(fmt: FormatDefinition, reading: TableReading, pending: Pending) -> tuple[Pending, bool]:
    """Rows whose splits only the identities between them can tell apart, tried together.

    Two rows of one column (予以公开 and 不掌握) may each have two splits that fit alone; only one
    pair of them fits the column's total. A row is filled when every fitting combination gives it
    the same split; the others keep only the splits that appear in a fitting combination.
    """
    sizes = [len(splits) for _, splits in pending]
    if math.prod(sizes) > _JOINT_LIMIT:
        return pending, False
    all_ids = [[cid for t in targets for cid in t.cell_ids] for targets, _ in pending]
    joint = [cid for ids in all_ids for cid in ids]
    bound = _bind(fmt, reading.values, joint)
    fitting: list[tuple[list[int], ...]] = []
    for combo in itertools.product(*(splits for _, splits in pending)):
        if not _broken(bound, reading.values, joint, [v for candidate in combo for v in candidate]):
            fitting.append(combo)
    if not fitting:
        return pending, False
    still: Pending = []
    progress = False
    for n, ((targets, splits), ids) in enumerate(zip(pending, all_ids, strict=True)):
        options = [c for c in splits if any(combo[n] == c for combo in fitting)]
        if len(options) == 1:
            reading.values.update(dict(zip(ids, options[0], strict=True)))
            _inferred(targets, ids, options[0], reading)
            progress = True
        else:
            still.append((targets, options))
    return still, progress


def _inferred(
    targets: list[RowTarget], ids: list[str], split: list[int], reading: TableReading, *, joined: bool = False
) -> None:
    where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
    how = (
        "原文数字多于格数（一格数字中间有空格），按本行合计只有一种合并成立，已读为 "
        if joined
        else "原文数字连在一起，按勾稽关系只有一种拆分成立，已拆为 "
    )
    reading.issues.append(
        ImportIssue(
            "inferred",
            ids[0].rsplit(".", 1)[0],
            where,
            f"{where}：{how}" + " ".join(str(v) for v in split),
            cells=ids,
            candidates=[split],
        )
    )


def _fitting(
    fmt: FormatDefinition,
    reading: TableReading,
    ids: list[str],
    splits: list[list[int]],
    *,
    joined: bool = False,
) -> list[list[int]]:
    """The splits of one row that fit: first by the row's own printed shape (its total equals the
    sum of its cells), then, when several remain, by the identities linking it to other rows.

    A split unique by the row's own shape is what was printed even when another row contradicts
    it — the report is then inconsistent, and the audit says so; judging it by the other rows
    would leave the very row that shows the error unread. Likewise, when no split fits the row's
    own shape, the one split that fits every identity with the other rows is taken.
    """
    own = set(ids)
    local: list[list[int]] = []
    fitting: list[list[int]] = []
    others: list[list[int]] = []
    bound = _bind(fmt, reading.values, ids)
    crossed = any(not b.cells <= own for b in bound)  # an identity with other rows can confirm a split
    for candidate in splits:
        broken = _broken(bound, reading.values, ids, candidate)
        if not any(v <= own for v in broken):
            local.append(candidate)
            if not broken:
                fitting.append(candidate)
        elif all(v <= own for v in broken) and crossed:
            others.append(candidate)
    if not local:
        # No split fits the row's own shape: the report breaks it (a 总计 that is not the sum of
        # its row). The split that every identity with the other rows confirms is what was printed
        # (not for joined numbers: there, only the row's own total may confirm a join), when such an
        # identity could be judged at all: none judged confirms nothing.
        return others if len(others) == 1 and not joined else []
    return local if len(local) == 1 else (fitting or local)


def _own_shape(
    fmt: FormatDefinition, values: dict[str, Any], ids: list[str]
) -> Callable[[int, list[int]], bool]:
    """Whether the cells placed so far keep every check among the row's own cells (its total …),
    each judged when its last cell is placed."""
    own = set(ids)
    by_last: dict[int, list[_Bound]] = {}
    for b in _bind(fmt, values, ids):
        if b.cells <= own and b.inside:
            by_last.setdefault(max(p for p, _ in b.inside), []).append(b)

    def holds(i: int, prefix: list[int]) -> bool:
        for b in by_last.get(i, ()):
            diff = sum(sign * prefix[p] for p, sign in b.inside)
            if not (diff == 0 if b.check.relation == "==" else diff <= 0):
                return False
        return True

    return holds


def _searched(fmt: FormatDefinition, reading: TableReading, pending: Pending) -> tuple[Pending, set[str]]:
    """Runs with more splits than are enumerated (26 digits for table 四's 15 cells): the splits
    that keep the row's own shape, searched through all of them. Left as listed where the search
    is too large, or where no split keeps the shape; those runs (by first cell) are returned as
    capped: their candidates are not every split."""
    out: Pending = []
    capped: set[str] = set()
    for targets, splits in pending:
        ids = [cid for t in targets for cid in t.cell_ids]
        if len(splits) >= SPLIT_LIMIT:
            raws = reading.raws.get(ids[0])
            found = None
            if raws and ids[0] not in reading.joined:
                found = pruned_splits(raws, len(ids), _own_shape(fmt, reading.values, ids))
            if found:
                splits = found
            else:
                capped.add(ids[0])
        out.append((targets, splits))
    return out, capped


def _unconfirmed(fmt: FormatDefinition, reading: TableReading, ids: list[str]) -> bool:
    """A row whose figures the text prints apart ("8   18" for three cells) that nothing can confirm
    a cut of. Its figures showed no sign of being glued, so a missing cell is as likely a blank that
    left no trace: a cut there needs an identity judged on the row, and with one figure short (the
    blank could stand at any of its places, each reading breaking no identity it can be judged by)
    the row is not cut at all."""
    raws = reading.raws.get(ids[0])
    if not raws or len(raws) < 2 or ids[0] in reading.joined or ids[0] in reading.touching:
        return False
    if any(len(r) > 1 and r.startswith("0") for r in raws):
        return False  # "0 0 0 00 0 0": a figure that is no number shows its cells glued
    return len(raws) == len(ids) - 1 or not _bind(fmt, reading.values, ids)


def resolve_splits(fmt: FormatDefinition, reading: TableReading) -> None:
    """Fill rows whose digits ran together, when exactly one split fits the identities."""
    pending, capped = _searched(fmt, reading, list(reading.pending))
    progress = True
    while pending and progress:
        progress = False
        still: Pending = []
        held: Pending = []
        for targets, splits in pending:
            ids = [cid for t in targets for cid in t.cell_ids]
            if _unconfirmed(fmt, reading, ids):
                held.append((targets, splits))
                continue
            joined = ids[0] in reading.joined
            certain = ids[0] in reading.glued and not reading.vanishing
            fits = splits if certain else _fitting(fmt, reading, ids, splits, joined=joined)
            if len(fits) == 1:
                reading.values.update(dict(zip(ids, fits[0], strict=True)))
                if len(splits) > 1 or joined:
                    _inferred(targets, ids, fits[0], reading, joined=joined)
                progress = True
            else:
                still.append((targets, fits if fits else splits))
        pending = still
        if not progress and len(pending) > 1:
            pending, progress = _resolve_jointly(fmt, reading, pending)
        pending += held
    for targets, _ in pending:
        ids = [cid for t in targets for cid in t.cell_ids]
        if _unconfirmed(fmt, reading, ids):
            capped.add(ids[0])  # no cell read as common to its cuts: a vanished blank may shift them

    def breaks_none(ids: list[str], candidate: list[int]) -> bool:
        return not broken_rules(fmt, {**reading.values, **dict(zip(ids, candidate, strict=True))}, ids)

    report_ambiguous(reading, pending, capped, breaks_none)
