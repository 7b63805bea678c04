"""Prose lint: what third-party evaluators mark down besides wrong numbers (issue 15).

| rule | what | severity |
|---|---|---|
| L-1 | 雷同: sentences copied from last year's report, numbers masked; copied share per section | warning; error at ≥ 80 % |
| L-2 | 泛化: a paragraph with nothing of this agency in it | warning |
| L-3 | required content missing (上年问题整改, 信息处理费, 监督保障 for governments, 统计期限, 网址) | warning |
| L-4 | numbering slips: 一是…三是, （一）（三）, 1. 1. | warning |
| L-5 | a fixed name or document number misspelt (fixed_names.toml) | error |
| L-6 | a sentence repeated verbatim | warning |
| L-7 | table-header wording in prose (本年处理决定N件) | warning |
| L-8 | a 【待补充：…】 placeholder left by the drafter | error |

Errors block export. L-1 and L-5 errors may be acknowledged (`accepted`): they then stay in the list as
warnings marked 已确认; an unfilled placeholder (L-8) cannot be acknowledged. What the rules look for
is data (formats/lint.toml, formats/fixed_names.toml).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pydantic import BaseModel, Field

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext
from report_copilot.checks.lint.copied import lint_copied
from report_copilot.checks.lint.generic import lint_generic
from report_copilot.checks.lint.headers import lint_headers
from report_copilot.checks.lint.names import lint_names
from report_copilot.checks.lint.numbering import lint_numbering
from report_copilot.checks.lint.placeholders import lint_placeholders
from report_copilot.checks.lint.repeats import lint_repeats
from report_copilot.checks.lint.required import lint_required
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase

__all__ = ["ACCEPTABLE", "RULES", "LintResult", "lint_draft"]

RULES: dict[str, str] = {
    "L-1": "内容雷同（与上年报告相同）",
    "L-2": "内容泛化",
    "L-3": "缺少必备内容",
    "L-4": "编号错误",
    "L-5": "固定名称写错",
    "L-6": "句子重复",
    "L-7": "照搬表头表述",
    "L-8": "待补充内容",
}
ACCEPTABLE = frozenset({"L-1", "L-5"})
"""Rules whose errors a clerk may acknowledge (the text is right after all: a quoted title, a
section that really did not change)."""

_RULES: tuple[Callable[[LintContext], list[Finding]], ...] = (
    lint_generic,
    lint_required,
    lint_numbering,
    lint_names,
    lint_repeats,
    lint_headers,
    lint_placeholders,
)


class LintResult(BaseModel):
    findings: list[Finding] = Field(default_factory=list)
    copied: dict[str, float] = Field(
        default_factory=dict, description="L-1: copied share (0–1) per section, when last year is known"
    )
    accepted: list[str] = Field(default_factory=list, description="rules acknowledged by the clerk")

    @property
    def ok(self) -> bool:
        """No blocking finding (warnings and acknowledged findings never block)."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "findings": [f.as_json() for f in self.findings],
            "copied": self.copied,
            "accepted": self.accepted,
        }


def lint_draft(
    draft: Draft,
    report: ReportBase | None = None,
    previous: Draft | None = None,
    accepted: Iterable[str] = (),
) -> LintResult:
    """Every lint rule over a draft; `previous` is last year's report as a draft (for L-1, L-3)."""
    ctx = LintContext(draft, report, previous)
    copied, shares = lint_copied(ctx)
    findings = copied + [f for rule in _RULES for f in rule(ctx)]
    findings.sort(key=lambda f: (_block(f.location), f.rule))
    ok_rules = sorted({r.strip().upper() for r in accepted} & ACCEPTABLE)
    for f in findings:
        if f.rule in ok_rules and f.severity == "error":
            f.severity = "warning"
            f.message += "（已确认，不阻止导出）"
    return LintResult(findings=findings, copied=shares, accepted=ok_rules)


def _block(location: str) -> int:
    head, _, n = location.partition(":")
    return int(n) if head == "block" and n.isdigit() else -1
