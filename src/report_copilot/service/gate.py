"""What blocks export: the one place that decides whether a draft may become a Word document.

A draft is exportable when every number of its prose binds (`checks.prose.ProseCheck`), every table
identity holds (`checks.identities`), its structure is whole (`checks.structure`, D-1) and its tables
are the data's (`checks.draft_tables`, D-2). `draft`, `export` and the TUI all build an `ExportGate`
and hand it to `service.export.export_draft`; nothing else decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError, Problem

if TYPE_CHECKING:
    from report_copilot.checks.prose import Mention, ProseCheck
    from report_copilot.model.draft import Draft
    from report_copilot.model.report import ReportBase

__all__ = ["ExportBlocked", "ExportGate", "gate_for"]


class ExportBlocked(CopilotError):
    """The draft's numbers or tables did not pass the check; nothing was exported."""

    exit_code = 1


@dataclass
class ExportGate:
    """The checks of one draft that can block its export, with the findings to show for them."""

    prose: ProseCheck
    tables: list[Finding] = field(default_factory=list)
    """Table identity errors (勾稽关系) of the report's data."""
    document: list[Finding] = field(default_factory=list)
    """Errors of the draft as a document: structure (D-1), edited tables (D-2)."""
    lint: list[Finding] = field(default_factory=list)
    """Blocking prose-lint findings (`checks.lint`): a misspelt fixed name, a 【待补充】 left, …"""

    @property
    def ok(self) -> bool:
        return self.prose.ok and not self.blocking_findings

    @property
    def blocking_findings(self) -> list[Finding]:
        return [f for f in (*self.tables, *self.document, *self.lint) if f.severity == "error"]

    @property
    def findings(self) -> list[Finding]:
        return [*self.tables, *self.document, *self.lint, *self.prose.findings]

    @property
    def mentions(self) -> list[Mention]:
        return list(self.prose.mentions)

    def problems(self) -> list[Problem]:
        """Each blocking item in Chinese, once, for the refusal message."""
        from report_copilot.checks.prose import ERROR_VERDICTS

        problems: list[Problem] = []
        seen: set[str] = set()
        for mention in self.mentions:
            if mention.verdict not in ERROR_VERDICTS:
                continue
            where = f"第 {mention.block + 1} 块" if mention.block is not None else "正文"
            line = f"{where}「{mention.text}」：{mention.message or '无法核对'}"
            if line not in seen:
                seen.add(line)
                problems.append(Problem(location=mention.ref or where, message=line, rule=mention.verdict))
        for finding in self.findings:
            line = f"[{finding.rule}] {finding.message}"
            if finding.severity == "error" and line not in seen:
                seen.add(line)
                problems.append(Problem(location=finding.location, message=line, rule=finding.rule))
        return problems

    def admit(self, force: bool) -> bool:
        """True when the export must carry the 未通过数字核对 mark; ExportBlocked when not allowed."""
        if self.ok:
            return False
        if force:
            return True
        problems = self.problems()
        raise ExportBlocked(
            f"草稿有 {len(problems) or '若干'} 处数字未通过核对，未导出。请修改草稿后重试"
            "（确需导出可加 --force，文档顶部将标注“未通过数字核对”）",
            location="draft",
            problems=problems,
        )


def gate_for(
    draft: Draft,
    report: ReportBase,
    prose: ProseCheck | None = None,
    *,
    markdown: str | None = None,
    lint: list[Finding] | None = None,
) -> ExportGate:
    """Run every check that can block the export of `draft` (prose check reused when given).

    `markdown` is the draft's text as read from disk: its table bodies are compared with the data.
    """
    from report_copilot.checks.identities import check_report
    from report_copilot.checks.prose import check_draft
    from report_copilot.checks.structure import structure_findings
    from report_copilot.render.table_check import table_findings

    document = structure_findings(draft, report.format)
    if markdown is not None:
        document += table_findings(markdown, report)
    return ExportGate(
        prose=prose if prose is not None else check_draft(draft, report),
        tables=check_report(report).errors,
        document=document,
        lint=list(lint or []),
    )
