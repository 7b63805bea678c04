"""L-6: a sentence written twice, word for word, in one report (a reader notices; evaluators mark it).

Sentences are compared without whitespace; very short ones (无。, 详见下表。) are left alone.
"""

from __future__ import annotations

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.text import Paragraph, clip, sentences, squeeze

RULE = "L-6"
MIN_CHARS = 10


def lint_repeats(ctx: LintContext) -> list[Finding]:
    first: dict[str, Paragraph] = {}
    out: list[Finding] = []
    for para in ctx.paras:
        for s in sentences(para.text):
            key = squeeze(s).rstrip("。！？!?；;")
            if len(key) < MIN_CHARS:
                continue
            if key in first:
                before = first[key]
                place = "本段前文" if before.block == para.block else before.where
                out.append(
                    finding(RULE, "warning", para, f"「{clip(s)}」与{place}重复，请删去一处", actual=s)
                )
            else:
                first[key] = para
    return out
