"""L-3 required content: what the format and 条例 第五十条 ask every report to say.

五 addresses last year's problems (when last year's report is known); 六 states the 信息处理费
position (2021 format on); a 人民政府本级 report states 工作考核、社会评议和责任追究结果情况; the
preface gives the statistics period and where the report is published. Warnings: the clerk decides
the wording, the rule only sees that it is missing.
"""

from __future__ import annotations

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.data import lint_data
from report_copilot.checks.lint.text import squeeze

RULE = "L-3"


def _has(text: str, words: list[str]) -> bool:
    return any(w in text for w in words)


def lint_required(ctx: LintContext) -> list[Finding]:
    data = lint_data()["required"]
    report = ctx.report
    out: list[Finding] = []

    def missing(top: str, message: str) -> None:
        para = next((p for p in ctx.paras if p.top == top), None)
        out.append(finding(RULE, "warning", para, message))

    problems = squeeze(ctx.section_text("problems"))
    if ctx.previous_known and not _has(problems, data["previous_problems"]):
        missing("problems", "五、存在的主要问题及改进情况 没有说明上年度报告所列问题的整改情况")
    fee_due = report is None or report.format.id in data["fee_formats"]
    if fee_due and not _has(squeeze(ctx.section_text("other")), data["fee_words"]):
        missing("other", "六、其他需要报告的事项 没有说明信息处理费收取情况（国办函〔2020〕109号）")
    if report is not None and report.meta.is_government:
        said = squeeze(ctx.section_text("overview"))
        absent = [w for w in data["government_words"] if w not in said]
        if absent:
            missing(
                "overview",
                f"人民政府本级报告应在监督保障中写明{'、'.join(absent)}结果情况（《条例》第五十条）",
            )
    preface = squeeze(ctx.section_text("preface"))
    if not _has(preface, data["period_words"]) and not ("1月1日" in preface and "12月31日" in preface):
        missing("preface", "报告开头说明没有写明统计期限（1月1日至12月31日）")
    url = (report.meta.url or "") if report is not None else ""
    if not (url and url in preface) and not _has(preface, data["address_words"]):
        missing("preface", "报告开头说明没有写明报告电子版的网址" + (f"（{url}）" if url else ""))
    return out
