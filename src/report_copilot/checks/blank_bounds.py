"""Identities broken whatever their blank cells hold.

A blank cell (not filled in; in a published report a cell printed empty, often where the agency
meant 0, or one the importer could not read) takes its identities out of the ordinary checks: its
value is unknown, and T3-4 lists it. But counts, amounts and sums of money are never negative, so
some identities are broken before anyone fills the blanks: parts that already add up to more than
their printed total, or an equation whose blanks can only widen the gap between its two sides. That
is certain, so it is reported now, under the identity's own rule. A signed cell (the 2019 layout's
本年增/减) may be negative: an identity with such a blank is left alone.
"""

from __future__ import annotations

from report_copilot.checks.findings import Finding, as_number, fmt_number
from report_copilot.checks.identity_plan import Cells, EquationCheck, TotalCheck, describe_terms
from report_copilot.model.cells import Number
from report_copilot.model.formats import IdentityDef, TableDef


def bounds_broken(
    identity: IdentityDef,
    table: TableDef,
    totals: tuple[TotalCheck, ...],
    equations: tuple[EquationCheck, ...],
    values: Cells,
    prev: Cells | None,
) -> list[Finding]:
    """The cell-level checks of one identity that have blanks and fail for any values of them."""
    out: list[Finding] = []
    for total in totals:
        finding = _total_exceeded(identity, total, values)
        if finding is not None:
            out.append(finding)
    for equation in equations:
        finding = _equation_out_of_reach(identity, table, equation, values, prev)
        if finding is not None:
            out.append(finding)
    return out


def _never_negative(values: Cells, cell_id: str) -> bool:
    return values.fmt.cell(cell_id).kind != "signed"


def _total_exceeded(identity: IdentityDef, check: TotalCheck, values: Cells) -> Finding | None:
    if values.given.get(check.total_id) is None:
        return None  # a blank total is computed from its parts
    total = values.numbers.get(check.total_id)
    blanks = [(pid, label) for pid, label in check.parts if pid not in values.numbers]
    if total is None or not blanks or not all(_never_negative(values, pid) for pid, _ in blanks):
        return None
    filled = [(label, values.numbers[pid]) for pid, label in check.parts if pid in values.numbers]
    known: Number = sum(v for _, v in filled)
    if known <= total:
        return None
    cell = values.fmt.cell(check.total_id)
    shown = " + ".join(f"{label} {fmt_number(v)}" for label, v in filled if v)
    return Finding(
        rule=identity.id,
        severity=identity.severity,
        location=check.total_id,
        where=cell.where,
        message=f"{cell.where}：已填各项之和已达 {fmt_number(known)}（{shown}），大于填报的 {fmt_number(total)}；"
        f"空白的{'、'.join(label for _, label in blanks)}不能为负，无论填什么都无法相等（{identity.description}）",
        expected=None,
        actual=as_number(total),
        cells=[check.total_id, *(pid for pid, _ in check.parts)],
    )


def _equation_out_of_reach(
    identity: IdentityDef, table: TableDef, check: EquationCheck, values: Cells, prev: Cells | None
) -> Finding | None:
    """left − right = gap + Σ coefficient × blank; with every coefficient of one sign the blanks can
    only move the difference one way, so a gap already on that side cannot close."""
    if prev is not None and any(c not in prev.fmt.cells for c in check.previous_ids):
        return None  # last year's report is in a format without this cell
    gap: Number = 0
    unknown: dict[tuple[bool, str], int] = {}
    for side, terms in ((1, check.left), (-1, check.right)):
        for term in terms:
            source = prev if term.previous else values
            if source is None:
                return None
            value = source.numbers.get(term.cell_id)
            if value is not None:
                gap += side * term.sign * value
            elif _never_negative(source, term.cell_id):
                key = (term.previous, term.cell_id)
                unknown[key] = unknown.get(key, 0) + side * term.sign
            else:
                return None
    signs = {c > 0 for c in unknown.values() if c}
    if not unknown or len(signs) != 1:
        return None  # nothing blank (the ordinary check judges it), or blanks that can close any gap
    rising = signs.pop()  # the blanks can only raise left − right (True) or lower it (False)
    if identity.relation == "==":
        broken = gap > 0 if rising else gap < 0
    else:  # left <= right: blanks that can only raise the left side cannot rescue a left already above
        broken = rising and gap > 0
    if not broken:
        return None
    return _equation_finding(identity, table, check, values, prev, gap)


def _equation_finding(
    identity: IdentityDef,
    table: TableDef,
    check: EquationCheck,
    values: Cells,
    prev: Cells | None,
    gap: Number,
) -> Finding:
    anchor = check.left[0].cell_id
    relation = "应等于" if identity.relation == "==" else "不应超过"
    return Finding(
        rule=identity.id,
        severity=identity.severity,
        location=anchor,
        where=values.fmt.cell(anchor).where,
        message=f"{table.title} › {check.member_label}：{describe_terms(check.left, values, prev)}，{relation} "
        f"{describe_terms(check.right, values, prev)}；按已填数字两边已相差 {fmt_number(-gap if gap < 0 else gap)}，"
        f"空白项不能为负，无论填什么都只会使差距更大（{identity.description}）",
        expected=None,
        actual=None,
        cells=[t.cell_id for t in check.left + check.right if not t.previous],
    )
