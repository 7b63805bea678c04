"""The shape of a draft: title, the six fixed sections in order, and the three tables.

A hand-edited Markdown draft can lose a heading or a table placeholder; exported as it is, the Word
document would silently lack an official table. These findings join the export gate beside the
identities and the number check.
"""

from __future__ import annotations

from report_copilot.checks.findings import Finding
from report_copilot.model.draft import SECTION_HEADINGS, Draft
from report_copilot.model.formats import FormatDefinition


def structure_findings(draft: Draft, fmt: FormatDefinition) -> list[Finding]:
    """Missing title, sections (in order) and table blocks, as errors with rule D-1."""
    findings: list[Finding] = []

    def missing(location: str, what: str) -> None:
        findings.append(
            Finding(
                rule="D-1", severity="error", location=location, where="草稿结构", message=f"草稿缺少{what}"
            )
        )

    if not draft.title.strip():
        missing("draft.title", "标题（第一行“# …年政府信息公开工作年度报告”）")
    present = [b.section for b in draft.blocks if b.kind == "heading" and b.level == 1]
    for key, heading in SECTION_HEADINGS.items():
        if key not in present:
            missing(f"draft.{key}", f"“{heading}”一节（二级标题 ## {heading}）")
    order = [k for k in present if k in SECTION_HEADINGS]
    if order != sorted(order, key=list(SECTION_HEADINGS).index):
        findings.append(
            Finding(
                rule="D-1",
                severity="error",
                location="draft",
                where="草稿结构",
                message="草稿各节顺序与规定格式不符，应为："
                + "、".join(h[:1] for h in SECTION_HEADINGS.values()),
            )
        )
    tables = set(draft.table_ids())
    for table in fmt.tables:
        if table.id not in tables:
            missing(
                f"draft.{table.section}", f'{table.title}的表格（<table data-table="{table.id}"></table>）'
            )
    return findings
