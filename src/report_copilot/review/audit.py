"""Judging one published report against itself: the audit policy, with no file handling.

Audit policy (format.md §7–§8, common-errors.md §E). An audit reads a *published* report, which
declares no facts: its prose quotes many figures the tables do not hold (主动公开信息 129 条, 专职人员
2 人). Those are not wrong, only unverifiable, so they are listed as *unbound* (information, not
counted as warnings) and never drown the real findings:

- errors: a broken identity (T3-1…T3-5, T4-1, T2'-3), the wrong template for the year (X-1), a
  cell printed blank (T3-4), and prose that contradicts its own tables (the P-rules of the number
  checker: a number bound to a table concept with a different value, an overclaim, parts that do not
  add up);
- warnings: identity warnings (T2-*, T2'-1/2), the number checker's warnings, and cells the importer
  could not read (rule IMPORT), so a reader knows where the audit could not look;
- unbound: prose numbers that bind to nothing, and remarks on relations among such numbers only (a
  "共 N 条，其中 …" whose parts exceed N, none of them a table figure), listed but not counted.

The cross-year rules (T3-5, T2-1/2, T2'-1/2) run whenever last year's report is attached to the
report; which file that is, is the service's business (`service/audit.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from report_copilot.checks.findings import CheckReport, Finding
from report_copilot.checks.identities import check_report
from report_copilot.model.report import ReportBase

if TYPE_CHECKING:  # the number checker and the importer are imported when a report needs them
    from report_copilot.checks.prose import Mention, ProseCheck
    from report_copilot.inputs.published import ImportedReport
    from report_copilot.model.draft import Draft

__all__ = ["AuditResult", "audit_report"]


@dataclass
class AuditResult:
    """One report's audit: findings, unverifiable prose numbers, and what was compared with what."""

    source: str
    agency: str | None = None
    year: int | None = None
    format_id: str | None = None
    check: CheckReport = field(default_factory=CheckReport)
    unbound: list[dict[str, Any]] = field(default_factory=list)
    prose_checked: bool = False
    imported: ImportedReport | None = None
    previous_source: str | None = None
    previous_skipped: str | None = None
    error: str | None = None

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return 2
        return 0 if self.check.ok else 1

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "agency": self.agency,
            "year": self.year,
            "format": self.format_id,
            "previous": self.previous_source,
        }
        if self.previous_skipped is not None:
            out["previous_skipped"] = self.previous_skipped
        if self.error is not None:
            out.update({"ok": False, "error": self.error})
            return out
        out.update(self.check.as_json())
        out["prose_checked"] = self.prose_checked
        out["unbound"] = self.unbound
        if self.imported is not None:
            out["import"] = self.imported.as_json()
        return out


def _mention_finding(mention: Mention) -> Finding | None:
    """A judged prose number as an audit finding; None when it is fine or only unverifiable."""
    location = mention.ref or (f"block:{mention.block}" if mention.block is not None else "text")
    if mention.verdict == "mismatch":
        severity, message = "error", mention.message
    elif mention.verdict == "ambiguous":
        # The clause names several figures and none matches: an audit cannot call it wrong.
        severity, message = "warning", mention.message + "（所指不明，审计未判定为错误）"
    elif mention.warning:
        severity, message = "warning", mention.warning
    else:
        return None
    return Finding(
        rule=mention.rule or "P-0",
        severity=severity,
        location=location,
        where=mention.where or "",
        message=f"「{mention.sentence or mention.text}」：{message}",
        expected=mention.expected,
        actual=mention.text,
        cells=[mention.ref] if mention.ref else [],
    )


def prose_findings(result: ProseCheck) -> tuple[list[Finding], list[dict[str, Any]]]:
    """(findings, unbound) of the number checker's verdict on a published report's own prose."""
    findings: list[Finding] = []
    unbound: list[dict[str, Any]] = []
    for mention in result.mentions:
        if mention.verdict == "unsupported":
            unbound.append(mention.as_json())  # a published report declares no facts
            continue
        finding = _mention_finding(mention)
        if finding is not None:
            findings.append(finding)
    # The claim rules (P-8, P-9, P-10); the mentions above are judged here, not by their findings.
    for finding in result.claims:
        if finding.severity == "warning" and not finding.cells:
            # A relation among figures no table holds (“共 129 条，其中 … 1042 条”): a remark on
            # undeclared facts, listed with them rather than counted against the report.
            unbound.append({**finding.as_json(), "kind": "note"})
        else:
            findings.append(finding)
    return findings, unbound


def _import_findings(imported: ImportedReport) -> list[Finding]:
    out = []
    for issue in imported.issues:
        if issue.kind in {"blank", "inferred", "na"}:
            # Blank cells are T3-4 errors of the report itself; an inferred split is certain; a "/"
            # or "—" is read as 0 and checked as such (listed under `import` in the JSON).
            continue
        layout = issue.kind == "layout"  # a row printed as an older template: the wrong one for the year
        # `inconsistent`: every reading of a row's printed digits breaks the identity `issue.rule`.
        error = layout or issue.kind == "inconsistent"
        out.append(
            Finding(
                rule=issue.rule or ("X-1" if layout else "IMPORT"),
                severity="error" if error else "warning",
                location=issue.location,
                where=issue.where,
                message=issue.message + ("（审计未核对此处）" if issue.cells and not error else ""),
                cells=issue.cells,
            )
        )
    return out


def _group_blank_cells(findings: list[Finding], report: ReportBase) -> list[Finding]:
    """One T3-4 finding per table row of a published report, not one per blank cell.

    Zero-reports often fill only the 总计 column and leave the rest of each row blank; a finding per
    cell would bury the report's other findings under a hundred identical lines.
    """
    fmt = report.format
    rows: dict[str, list[Finding]] = {}
    order: list[Finding | str] = []
    for finding in findings:
        if finding.rule == "T3-4" and finding.location in fmt.cells:
            cell = fmt.cell(finding.location)
            key = f"{cell.table.id}.{cell.row.id}"
            if key not in rows:
                rows[key] = []
                order.append(key)
            rows[key].append(finding)
        else:
            order.append(finding)
    out: list[Finding] = []
    for item in order:
        if isinstance(item, Finding):
            out.append(item)
            continue
        group = rows[item]
        if len(group) == 1:
            out.append(group[0])
            continue
        cell = fmt.cell(group[0].location)
        where = f"{cell.table.title} › {cell.row.label}"
        names = "、".join(fmt.cell(f.location).column.label for f in group)
        out.append(
            Finding(
                rule="T3-4",
                severity=group[0].severity,
                location=item,
                where=where,
                message=f"{where}：{names}共 {len(group)} 格未填报。空白不等于 0，没有发生的事项请填 0",
                cells=[f.location for f in group],
            )
        )
    return out


def audit_report(
    report: ReportBase, draft: Draft | None, imported: ImportedReport | None, source: str
) -> AuditResult:
    """Every identity (cross-year ones when last year's report is attached) and the prose numbers."""
    result = AuditResult(
        source=source,
        agency=report.meta.agency,
        year=report.meta.year,
        format_id=report.format.id,
        imported=imported,
    )
    identity = check_report(report)
    unreadable = set(imported.unreadable_cells) if imported else set()
    findings = [f for f in identity.findings if not (f.rule == "T3-4" and f.location in unreadable)]
    if imported is not None:
        findings = _group_blank_cells(findings, report)
        findings.extend(_import_findings(imported))
    if draft is not None and draft.blocks:
        from report_copilot.checks.prose import check_draft  # a data file has no prose to check

        prose, result.unbound = prose_findings(check_draft(draft, report, exempt=False))
        result.prose_checked = True
        findings.extend(prose)
    result.check = CheckReport(findings=findings)
    return result
