"""L-8: a 【待补充：…】 the drafter left where the staff gave no notes. It says what to write and
blocks export until the clerk replaces it: a report must not go out with a gap or with 空话."""

from __future__ import annotations

import re

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.data import lint_data

RULE = "L-8"


def lint_placeholders(ctx: LintContext) -> list[Finding]:
    mark = str(lint_data()["placeholder"]["mark"])
    pattern = re.compile(re.escape(mark) + r"[：:]?([^】]*)】?")
    out: list[Finding] = []
    for para in ctx.paras:
        for m in pattern.finditer(para.text):
            what = m.group(1).strip() or "本段内容"
            out.append(finding(RULE, "error", para, f"尚待补充：{what}", actual=m.group(0)))
    return out
