"""L-7: table-header wording in prose (「行政许可本年处理决定2134件」 instead of 「作出行政许可决定2134件」).

The headers and the natural wording are data (lint.toml [headers]); a header counts only when a figure
follows it, which is how a copied table row reads.
"""

from __future__ import annotations

import re
from functools import cache

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.data import lint_data
from report_copilot.checks.lint.text import squeeze

RULE = "L-7"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    phrases = sorted(lint_data()["headers"]["phrase"], key=lambda p: -len(p["phrase"]))
    return tuple(
        (re.compile(re.escape(p["phrase"]) + r"(?:数量|件数|数)?[为是：:]?\d"), p["phrase"], p["natural"])
        for p in phrases
    )


def lint_headers(ctx: LintContext) -> list[Finding]:
    out: list[Finding] = []
    for para in ctx.paras:
        text = shown = squeeze(para.text)
        for pattern, phrase, natural in _patterns():
            for m in pattern.finditer(text):
                written = shown[max(0, m.start() - 6) : m.end() + 4]
                out.append(
                    finding(
                        RULE,
                        "warning",
                        para,
                        f"「{written}」照搬了表头「{phrase}」，宜改为自然表述，如「{natural}」",
                        actual=written,
                    )
                )
            text = pattern.sub(lambda m: "\0" * len(m.group(0)), text)
    return out
