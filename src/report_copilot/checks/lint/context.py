"""What a lint rule is given: the draft's paragraphs, the report's data and last year's text."""

from __future__ import annotations

from dataclasses import dataclass, field

from report_copilot.checks.findings import Finding, Severity
from report_copilot.checks.lint.text import Paragraph, clip, paragraphs
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase


@dataclass
class LintContext:
    draft: Draft
    report: ReportBase | None = None
    previous: Draft | None = None
    paras: list[Paragraph] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.paras = paragraphs(self.draft)

    @property
    def previous_known(self) -> bool:
        """Last year's report is known: its text, or its data (which lists its problems)."""
        return self.previous is not None or (
            self.report is not None and self.report.previous_report is not None
        )

    def section_text(self, top: str) -> str:
        return "".join(p.text for p in self.paras if p.top == top)


def finding(
    rule: str,
    severity: Severity,
    para: Paragraph | None,
    message: str,
    *,
    actual: str | None = None,
    where: str | None = None,
) -> Finding:
    """A lint finding placed at a paragraph (location block:N, where = section and paragraph)."""
    where = where or (para.where if para is not None else "全文")
    return Finding(
        rule=rule,
        severity=severity,
        location=f"block:{para.block}" if para is not None else "draft",
        where=where,
        message=f"{where}：{message}",
        actual=clip(actual, 60) if actual else None,
    )
