"""L-1 雷同: text copied from last year's report with only the numbers changed (条例 第四十七条).

Both reports are split into sentences and every figure is masked (#), so 「新收申请72件」 matches last
year's 「新收申请49件」. A sentence counts as copied when it equals one of last year's, or is nearly
equal (difflib ratio ≥ near_ratio). Per section (一, 五, 六) the copied share is weighted by length;
boilerplate every year repeats (the fee sentence, 如下表 …) counts neither way. At the blocking share
the section is an error: it blocks export unless the clerk acknowledges it.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.data import lint_data
from report_copilot.checks.lint.text import SECTION_NAMES, mask_numbers, paragraphs, sentences
from report_copilot.model.draft import Draft

RULE = "L-1"


def _masked_sentences(draft: Draft, boilerplate: list[str]) -> list[tuple[str, str]]:
    """(top-level section, masked sentence) of every prose sentence that is not boilerplate."""
    out = []
    for para in paragraphs(draft):
        for s in sentences(para.text):
            masked = mask_numbers(s).rstrip("。！？!?；;")
            if len(masked) >= 6 and not any(b in masked for b in boilerplate):
                out.append((para.top, masked))
    return out


def _copied(sentence: str, exact: set[str], pool: list[str], ratio: float) -> bool:
    if sentence in exact:
        return True
    for old in pool:
        if abs(len(old) - len(sentence)) > len(sentence) * (1 - ratio) * 2:
            continue
        m = SequenceMatcher(None, sentence, old, autojunk=False)
        if m.real_quick_ratio() >= ratio and m.quick_ratio() >= ratio and m.ratio() >= ratio:
            return True
    return False


def copied_shares(draft: Draft, previous: Draft) -> dict[str, tuple[int, int]]:
    """Per section: (copied characters, counted characters)."""
    data: dict[str, Any] = lint_data()["copied"]
    old = [s for _, s in _masked_sentences(previous, data["boilerplate"])]
    exact = set(old)
    shares: dict[str, tuple[int, int]] = {}
    for top, s in _masked_sentences(draft, data["boilerplate"]):
        if top not in data["sections"]:
            continue
        copied, total = shares.get(top, (0, 0))
        hit = _copied(s, exact, old, float(data["near_ratio"]))
        shares[top] = (copied + (len(s) if hit else 0), total + len(s))
    return shares


def lint_copied(ctx: LintContext) -> tuple[list[Finding], dict[str, float]]:
    """The findings, and the copied share of every judged section (0–1)."""
    if ctx.previous is None:
        return [], {}
    data = lint_data()["copied"]
    out: list[Finding] = []
    shares: dict[str, float] = {}
    for top, (copied, total) in copied_shares(ctx.draft, ctx.previous).items():
        share = copied / total if total else 0.0
        shares[top] = round(share, 4)
        if total < data["min_section_chars"] or share < data["report_share"]:
            continue
        blocking = share >= data["blocking_share"]
        para = next((p for p in ctx.paras if p.top == top), None)
        message = f"有 {share:.0%} 的文字与上年报告相同（数字除外）" + (
            "，属于内容雷同，请按本年度实际情况重写" if blocking else "，请核实是否照搬上年表述"
        )
        where = SECTION_NAMES.get(top, top)
        out.append(finding(RULE, "error" if blocking else "warning", para, message, where=where))
    return out, shares
