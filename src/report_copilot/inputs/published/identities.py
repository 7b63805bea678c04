"""Rows whose digits ran together ("1230"), split only when exactly one split fits the identities.

The identities of the report's own year (totals, "其中" bounds) are checked on each candidate
split with every other cell read. A row with only one possible split takes it; a unique fit among
several is taken and reported as `inferred`; several fits leave the row blank and are reported as
`ambiguous` with the candidates.
"""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from typing import Any

from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.rowmatch import RowTarget, TableReading
from report_copilot.model.formats import FormatDefinition


def _terms(names: tuple[str, ...], table_id: str, member: str, by_column: bool) -> list[tuple[str, int]]:
    """(cell id, sign) of each term of an identity equation, for one row or column."""
    out = []
    for name in names:
        sign = -1 if name.startswith("-") else 1
        name = name.lstrip("-")
        out.append((f"{table_id}.{name}.{member}" if by_column else f"{table_id}.{member}.{name}", sign))
    return out


def _violations(fmt: FormatDefinition, values: dict[str, Any]) -> list[set[str]]:
    """Cells of every identity (of this year alone) broken by `values`, where all its cells are known."""
    out: list[set[str]] = []

    def num(cid: str) -> Decimal | None:
        v = values.get(cid)
        return Decimal(v) if isinstance(v, int | Decimal) else None

    for identity in fmt.identities:
        if identity.requires_previous:
            continue
        table = fmt.table(identity.table)
        blocks = [table.block(b) for b in identity.blocks] if identity.blocks else list(table.blocks)
        for block in blocks:
            checks: list[tuple[list[tuple[str, int]], list[tuple[str, int]], str]] = []
            if identity.kind == "total":
                axis, _, target = (identity.target or "").partition(":")
                if axis == "column":
                    col = next((c for c in block.columns if c.id == target), None)
                    if col is None:
                        continue
                    for row in block.rows:
                        checks.append(
                            (
                                [(f"{table.id}.{row.id}.{col.id}", 1)],
                                [(f"{table.id}.{row.id}.{p}", 1) for p in col.sum_of or ()],
                                "==",
                            )
                        )
                else:
                    trow = next((r for r in block.rows if r.id == target), None)
                    if trow is None:
                        continue
                    for c in block.columns:
                        checks.append(
                            (
                                [(f"{table.id}.{trow.id}.{c.id}", 1)],
                                [(f"{table.id}.{p}.{c.id}", 1) for p in trow.sum_of or ()],
                                "==",
                            )
                        )
            else:
                by_column = identity.for_each == "column"
                members = [c.id for c in block.columns] if by_column else [r.id for r in block.rows]
                for member in members:
                    left = _terms(identity.left, table.id, member, by_column)
                    right = _terms(identity.right, table.id, member, by_column)
                    checks.append((left, right, identity.relation))
            for left, right, relation in checks:
                ids = [cid for cid, _ in left + right]
                if any(cid not in fmt.cells for cid in ids):
                    continue
                lv = [v for v in (num(cid) for cid, _ in left) if v is not None]
                rv = [v for v in (num(cid) for cid, _ in right) if v is not None]
                if len(lv) < len(left) or len(rv) < len(right):
                    continue
                lsum = sum((s * v for (_, s), v in zip(left, lv, strict=True)), Decimal(0))
                rsum = sum((s * v for (_, s), v in zip(right, rv, strict=True)), Decimal(0))
                ok = lsum == rsum if relation == "==" else lsum <= rsum
                if not ok:
                    out.append(set(ids))
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
    touched = {cid for ids in all_ids for cid in ids}
    fitting: list[tuple[list[int], ...]] = []
    for combo in itertools.product(*(splits for _, splits in pending)):
        trial = dict(reading.values)
        for ids, candidate in zip(all_ids, combo, strict=True):
            trial.update(zip(ids, candidate, strict=True))
        if not any(v & touched for v in _violations(fmt, trial)):
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
    for candidate in splits:
        trial = {**reading.values, **dict(zip(ids, candidate, strict=True))}
        broken = [v for v in _violations(fmt, trial) if v & own]
        if not any(v <= own for v in broken):
            local.append(candidate)
            if not broken:
                fitting.append(candidate)
        elif all(v <= own for v in broken):
            others.append(candidate)
    if not local:
        # No split fits the row's own shape: the report breaks it (a 总计 that is not the sum of
        # its row). The split that every identity with the other rows confirms is what was printed
        # (not for joined numbers: there, only the row's own total may confirm a join).
        return others if len(others) == 1 and not joined else []
    return local if len(local) == 1 else (fitting or local)


def resolve_splits(fmt: FormatDefinition, reading: TableReading) -> None:
    """Fill rows whose digits ran together, when exactly one split fits the identities."""
    pending = list(reading.pending)
    progress = True
    while pending and progress:
        progress = False
        still: Pending = []
        for targets, splits in pending:
            ids = [cid for t in targets for cid in t.cell_ids]
            joined = ids[0] in reading.joined
            fits = (
                splits
                if len(splits) == 1 and not joined
                else _fitting(fmt, reading, ids, splits, joined=joined)
            )
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
    for targets, candidates in pending:
        ids = [cid for t in targets for cid in t.cell_ids]
        where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
        shown = "；".join(" ".join(str(v) for v in c) for c in candidates[:5])
        more = f"等 {len(candidates)} 种" if len(candidates) > 5 else f"共 {len(candidates)} 种"
        reading.issues.append(
            ImportIssue(
                "ambiguous",
                ids[0].rsplit(".", 1)[0],
                where,
                f"{where}：原文数字连在一起，可能的拆分不止一种（{shown}，{more}），按勾稽关系无法唯一确定，本行未导入",
                cells=ids,
                candidates=candidates[:20],
            )
        )
