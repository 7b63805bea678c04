"""勾稽关系: the accounting identities of format.md §7, evaluated from the format definition.

The rules themselves are data (`[[identities]]` in each format file); this module only knows the two
kinds of rule (a declared total, an equation over rows or columns) plus the checks that are not
sums: completeness (T3-4), the format version for the year (X-1), and the cross-year carry-over
warning when last year is not given (T3-5).
"""

from __future__ import annotations

from report_copilot.checks.blank_bounds import bounds_broken
from report_copilot.checks.findings import CheckReport, Finding, as_number, fmt_number
from report_copilot.checks.identity_plan import (
    Cells,
    EquationCheck,
    Term,
    TotalCheck,
    describe_terms,
    rules,
)
from report_copilot.model.cells import CellValues, Number, Reader
from report_copilot.model.formats import IdentityDef, TableDef, format_for_year
from report_copilot.model.report import ReportBase


def check_report(report: ReportBase, values: CellValues | None = None) -> CheckReport:
    """Every identity, completeness and version check for one report (and its previous year)."""
    values = values or CellValues.of(report)
    previous = report.previous_report
    cells = Cells.of(report, values)
    prev_cells = Cells.of(previous, CellValues.of(previous)) if previous is not None else None
    result = CheckReport()
    result.extend(check_version(report))
    result.extend(check_completeness(values))
    blanks = None in values.given.values() or (prev_cells is not None and None in prev_cells.given.values())
    for identity, table, totals, equations in rules(report.format):
        if identity.requires_previous and prev_cells is None:
            continue
        result.extend(_totals_broken(identity, totals, cells))
        result.extend(_equations_broken(identity, table, equations, cells, prev_cells))
        if blanks:
            result.extend(bounds_broken(identity, table, totals, equations, cells, prev_cells))
    result.extend(check_carry_over_without_previous(report, values))
    return result


def check_version(report: ReportBase) -> list[Finding]:
    """X-1: a 2021+ report uses the 2021 layout; a 2019/2020 report the 试行 layout."""
    fmt, year = report.format, report.meta.year
    if fmt.applies_to(year):
        return []
    right = format_for_year(year)
    return [
        Finding(
            rule="X-1",
            severity="error",
            location="meta.format",
            where="基本信息 › 格式版本",
            message=f"基本信息 › 格式版本：{year} 年度报告应使用{right.name}（{right.document}），"
            f"填报为{fmt.name}（{fmt.document}）",
            expected=right.id,
            actual=fmt.id,
        )
    ]


def check_completeness(values: CellValues) -> list[Finding]:
    """T3-4: a blank cell is missing, never zero."""
    findings = []
    for cid in values.missing():
        cell = values.fmt.cell(cid)
        findings.append(
            Finding(
                rule="T3-4",
                severity="error",
                location=cid,
                where=cell.where,
                message=f"{cell.where}：未填报。空白不等于 0，没有发生的事项请填 0",
                actual=None,
                cells=[cid],
            )
        )
    return findings


def check_carry_over_without_previous(report: ReportBase, values: CellValues) -> list[Finding]:
    """T3-5 as a warning: a carry-over that cannot be verified because last year is not given."""
    if report.previous_report is not None:
        return []
    cid = "requests.carried_over.total"
    if cid not in values.fmt.cells:
        return []
    carried = values.get(cid)
    if not carried:
        return []
    cell = values.fmt.cell(cid)
    return [
        Finding(
            rule="T3-5",
            severity="warning",
            location=cid,
            where=cell.where,
            message=f"{cell.where}：填报 {fmt_number(carried)} 件，但未提供上年报告，无法核对是否等于上年"
            "“结转下年度继续办理”（用 --previous 指定上年数据）",
            actual=as_number(carried),
            cells=[cid],
        )
    ]


def _totals_broken(identity: IdentityDef, checks: tuple[TotalCheck, ...], values: Cells) -> list[Finding]:
    """The declared totals that differ from the sum of their parts (a blank part: reported by T3-4;
    a blank total: computed from its parts, consistent by construction)."""
    given, numbers = values.given.get, values.numbers
    out: list[Finding] = []
    for check in checks:
        if given(check.total_id) is None:
            continue
        try:
            part_values = check.read_parts(numbers)
        except KeyError:
            continue
        expected: Number = sum(part_values)
        if numbers.get(check.total_id) != expected:
            out.append(_total_finding(identity, check, values, list(part_values), expected))
    return out


def _equations_broken(
    identity: IdentityDef,
    table: TableDef,
    checks: tuple[EquationCheck, ...],
    values: Cells,
    prev: Cells | None,
) -> list[Finding]:
    out: list[Finding] = []
    for check in checks:
        finding = _check_equation(identity, table, check, values, prev)
        if finding is not None:
            out.append(finding)
    return out


def _total_finding(
    identity: IdentityDef, check: TotalCheck, values: Cells, part_values: list[Number], expected: Number
) -> Finding:
    numbers = values.numbers
    actual = numbers.get(check.total_id)
    cell = values.fmt.cell(check.total_id)
    pairs = list(zip((label for _, label in check.parts), part_values, strict=True))
    if len(pairs) > 8:
        nonzero = [(label, v) for label, v in pairs if v]
        terms = "非零项：" + (" + ".join(f"{label} {fmt_number(v)}" for label, v in nonzero) or "各项均为 0")
    else:
        terms = " + ".join(f"{label} {fmt_number(v)}" for label, v in pairs)
    return Finding(
        rule=identity.id,
        severity=identity.severity,
        location=check.total_id,
        where=cell.where,
        message=f"{cell.where}：各项之和为 {fmt_number(expected)}，填报为 {fmt_number(actual)}"
        f"（{terms}；{identity.description}）",
        expected=as_number(expected),
        actual=as_number(actual),
        cells=[check.total_id, *(pid for pid, _ in check.parts)],
    )


def _side(terms: tuple[Term, ...], read: Reader | None, values: Cells, prev: Cells | None) -> Number | None:
    """A side's value (None when a cell is blank). A side adding this year's integers is summed in
    one go; any other (last year's cells, subtractions, decimals) term by term, as written."""
    if read is not None:
        try:
            total = sum(read(values.numbers))
        except KeyError:
            return None
        if total.__class__ is int:
            return total
    return _side_by_terms(terms, values, prev)


def _side_by_terms(terms: tuple[Term, ...], values: Cells, prev: Cells | None) -> Number | None:
    total: Number = 0
    for term in terms:
        source = prev if term.previous else values
        value = source.get(term.cell_id) if source is not None else None
        if value is None:
            return None
        total += term.sign * value
    return total


def _side_text(terms: tuple[Term, ...], total: Number, values: Cells, prev: Cells | None) -> str:
    """A side as its terms, and their sum when there are several (a lone cell is not "7 = 7")."""
    shown = describe_terms(terms, values, prev)
    return shown if len(terms) == 1 else f"{shown} = {fmt_number(total)}"


def _check_equation(
    identity: IdentityDef, table: TableDef, check: EquationCheck, values: Cells, prev: Cells | None
) -> Finding | None:
    left, right = check.left, check.right
    if prev is not None and check.previous_ids and any(c not in prev.fmt.cells for c in check.previous_ids):
        return None  # last year's report is in a format without this cell
    lv = _side(left, check.read_left, values, prev)
    rv = _side(right, check.read_right, values, prev)
    if lv is None or rv is None:
        return None
    if (lv == rv) if identity.relation == "==" else (lv <= rv):
        return None
    anchor = left[0].cell_id
    relation = "应等于" if identity.relation == "==" else "不应超过"
    return Finding(
        rule=identity.id,
        severity=identity.severity,
        location=anchor,
        where=values.fmt.cell(anchor).where,
        message=f"{table.title} › {check.member_label}：{_side_text(left, lv, values, prev)}，{relation} "
        f"{_side_text(right, rv, values, prev)}（{identity.description}）",
        expected=as_number(rv),
        actual=as_number(lv),
        cells=[t.cell_id for t in left + right if not t.previous],
    )
