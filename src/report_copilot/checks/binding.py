"""Bind each number in prose to the figure it claims to quote, and give the verdict.

The alias index (`checks.aliases`) says what names a figure; the sentence context (`checks.context`)
says which names frame a number; this module turns that into a verdict (`checks.verdicts`): bound
(agrees), exempt (not a statistic, with a reason), mismatch (the clause names a figure beyond doubt and
the number differs: which figure, what it holds), unsupported (nothing in the data backs it, or it
could not be read), ambiguous (the clause names several figures and the number matches none of them).
Year-on-year wording and percentages lead to the year-on-year and rate references of `checks.derived`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from report_copilot.checks.aliases import COUNT_UNITS, Hit, Index, base_value, index_for, units_compatible
from report_copilot.checks.balances import carry_reading, previous_stock, stock_reading
from report_copilot.checks.certainty import carry_stated, open_scope
from report_copilot.checks.context import (
    Context,
    TextContext,
    boundary_after,
    candidate_keys,
    context,
    names_one_cell,
    prepare,
)
from report_copilot.checks.modes import Mode, number_mode, quoted_keys
from report_copilot.checks.numbers import NumberSpan, extract
from report_copilot.checks.respectively import respectively
from report_copilot.checks.rule_map import rule_of
from report_copilot.checks.scope import scoped
from report_copilot.checks.verdicts import Verdict
from report_copilot.model.formats import FormatDefinition
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase

__all__ = ["Binding", "Verdict", "bind_text", "rule_of"]

_SHARE = re.compile(r"占|比例|比重|比率")  # not a bare …率: 政府信息公开率 may be the rate of another thing
_FILLER_TAIL = re.compile(r"[共计合累总为达有约近\s]+$")
_MEASURES = frozenset({"元", "万元", "%", "个百分点", "倍"})
"""Units whose confusion with another is a certain error (a share for an amount); a table count in
another measure word (行政复议4人 for a figure kept in 件) may count something else."""
_COMPLETION = re.compile(r"(?:办结率|答复率)(?:为|达到?|是)?\s*$")
"""办结率100%: every application answered, which the table bears out only with nothing carried forward."""
_NO_PREVIOUS = (
    "同比数字无法核对：未提供上年报告数据（请用 --previous 指定上年数据文件，或在数据文件中填写 previous）"
)
_NO_SOURCE = (
    "数据中没有这个数字的出处：如为表格数据，请在数字前写明所指（如“予以公开”）；"
    "如为其他工作数据，请在支撑数据（facts）中填报名称、数值和单位"
)


@dataclass(slots=True)
class Binding:
    """One number and what it was tied to."""

    span: NumberSpan
    verdict: Verdict
    ref: Reference | None = None
    candidates: list[Reference] = field(default_factory=list)
    message: str = ""
    rule: str = "P-0"
    warning: str | None = None
    """A non-blocking remark (a qualifier on an exact table figure)."""


def bind_text(
    text: str,
    report: ReportBase,
    section: str | None = None,
    index: Index | None = None,
    hits: list[Hit] | None = None,
) -> list[Binding]:
    """Every number in `text`, bound or exempt or flagged.

    `section`: the draft section the text belongs to (a table id such as "requests" lets that table's
    generic aliases count even in a sentence that does not repeat 申请). `index`: the report's alias
    index, when the caller holds it (a draft's blocks share one); `hits`: its alias hits in `text`.
    """
    if index is None:
        index = index_for(report)
    spans = extract(text, index.names)
    if not spans:
        return []
    if all(s.exempt is not None for s in spans):
        return [_exempt(s) for s in spans]
    ctx = prepare(text, index, section, hits)
    out: list[Binding] = []
    prev_end = 0
    live = [s for s in spans if s.exempt is None]
    following = {id(s): (live[i + 1].start if i + 1 < len(live) else len(text)) for i, s in enumerate(live)}
    forced = respectively(live, ctx, index) if "分别" in text or "依次" in text else {}
    for span in spans:
        if span.exempt is not None:
            out.append(_exempt(span))
            continue
        if span.unreadable is not None:
            out.append(Binding(span, Verdict.UNSUPPORTED, message=span.unreadable))
        else:
            out.append(_bind(span, ctx, index, report, prev_end, following[id(span)], forced.get(id(span))))
        prev_end = span.end
    return out


def _exempt(span: NumberSpan) -> Binding:
    return Binding(span, Verdict.EXEMPT, message=_exempt_message(span.exempt))


@cache
def _exempt_message(reason: str | None) -> str:
    """不核对：年份或日期 — one string per reason (a handful), not one per exempt number."""
    return f"不核对：{reason}"


def _bind(
    span: NumberSpan,
    ctx: TextContext,
    index: Index,
    report: ReportBase,
    prev_end: int,
    next_start: int,
    forced: Context | None = None,
) -> Binding:
    if span.unit == "%" and span.value == 100:
        rate = _completion_rate(span, ctx, index, report.format, prev_end)
        if rate is not None:
            return rate
    mode = number_mode(span, ctx, prev_end)
    inherit = mode.reached or mode.yoy is not None or mode.percent or mode.points or mode.times
    found = forced or context(span, ctx, index, prev_end, next_start, inherit)
    if not found.direct and found.subjects:
        near = ctx.text[max(ctx.clause_start(span.start), prev_end) : span.start]
        # 较上年增加22件 / 占办结总数的50.71%: the clause names the figure through its inherited subject
        found.direct = (
            mode.reached or mode.diff or ((mode.percent or mode.points) and bool(_SHARE.search(near)))
        )
    if found.direct and not found.other_noun:
        # 行政复议120件，其中政府信息公开类4件 / 区政府办代表区政府受理申请17件: a wider whole or a share
        sent_end = boundary_after(ctx.sentence_ends, span.end, len(ctx.text))
        clause = max(ctx.clause_start(span.start), ctx.sentence_start(span.start))
        agency = [report.meta.agency, report.meta.short_name or ""]
        found.other_noun = scoped(ctx.text, clause, span.start, span.end, sent_end, agency)
        # A、B、C等5项: a number right after 等 counts the things just listed
        found.other_noun = found.other_noun or _FILLER_TAIL.sub("", ctx.text[clause : span.start]).endswith(
            "等"
        )
    base_keys = candidate_keys(found, index)
    if not base_keys:
        return _unsupported(span, index, report, mode.yoy)
    if mode.yoy is not None and report.previous_report is None:
        before = previous_stock(span, base_keys, index)
        if mode.yoy == "previous" and before is not None:
            return _bound(span, before, [before], report.format)  # 上年的120项: the table prints it
        return Binding(span, Verdict.UNSUPPORTED, rule="P-12", message=_NO_PREVIOUS)
    refs = [index.refs[k] for k in quoted_keys(base_keys, mode) if k in index.refs]
    if not refs:
        return _unsupported(span, index, report, mode.yoy)
    if found.direct and not found.other_noun:  # 2023年…, 自2019年以来…, 政务微博…, 占全部信息的…
        found.other_noun = open_scope(span, ctx, index, refs, report.meta.year, mode.yoy is not None)
    found.carry_stated = carry_stated(ctx, span)
    lead = _FILLER_TAIL.sub("", ctx.text[max(0, span.start - 12) : span.start])
    words = {
        w for r in refs for w in index.context_words.get(r.key.removeprefix("derived.").split(".")[0], ())
    }
    return _judge(span, refs, found, index, report, mode, any(lead.endswith(w) for w in words))


def _completion_rate(
    span: NumberSpan, ctx: TextContext, index: Index, fmt: FormatDefinition, prev_end: int
) -> Binding | None:
    """办结率100% (P-3): true when nothing is carried into next year; with a carry-forward, a warning
    (the clerk may mean every application that was due; the sentence should say so)."""
    near = ctx.text[max(ctx.clause_start(span.start), prev_end) : span.start]
    carried = index.refs.get("requests.carried_forward.total")
    sentence = ctx.text[ctx.sentence_start(span.start) : span.start]
    if carried is None or not _COMPLETION.search(near) or "申请" not in sentence:
        return None  # 受理网络问政182件，办结率100%: not the rate of applications
    bound = Binding(
        span, Verdict.BOUND, ref=carried, rule=rule_of(carried.key, fmt),
        message=f"「{carried.where}」为 {carried.quoted()}：没有结转下年度的申请",
    )  # fmt: skip
    if carried.value:
        bound.message = f"「{carried.where}」为 {carried.quoted()}"
        bound.warning = (
            f"「{carried.where}」为 {carried.quoted()}，结转的申请尚未办结；"
            "如“办结率100%”指应办结的申请均已按时办结，请写明口径"
        )
    return bound


def _judge(
    span: NumberSpan,
    refs: list[Reference],
    found: Context,
    index: Index,
    report: ReportBase,
    mode: Mode,
    counts_object: bool = False,
) -> Binding:
    """The verdict once the references the words name are known.

    `counts_object`: the measure word counts the table's own object (申请0条), so a loose measure
    word does not make the figure another thing (信息55条 is not 不予公开 applications)."""
    fmt = report.format
    compatible = [
        r for r in refs if units_compatible(span.unit, base_value(r)[1]) or (mode.times and r.unit == "%")
    ]
    if not compatible:
        counted = [r for r in refs if span.unit in COUNT_UNITS and base_value(r)[1] in COUNT_UNITS]
        if not (counted and counts_object) or any(_agrees(span, r, mode) for r in counted):
            return _incompatible(span, refs, found, index, report, mode)
        compatible = counted  # 收到申请0条 for a figure kept in 件: a loose measure word, a wrong figure
    for ref in compatible:
        if _agrees(span, ref, mode):
            return _bound(span, ref, compatible, fmt)
    if not found.direct or (found.after and all(c.weak for c in found.subjects)):
        # 4件申请…顺延至下一年度办理: a generic verb after the number does not name the figure
        return _unsupported(span, index, report, mode.yoy)
    ref = compatible[0]
    if span.unit is None and base_value(ref)[1] != ref.unit:
        return _unsupported(span, index, report, mode.yoy)  # 收费96171.6: 元? 万元? the unit is unsaid
    if not mode.diff and mode.yoy is None:
        stock = stock_reading(span, compatible, index)  # 现有行政许可事项125项 (2019 table 二)
        if stock is not None:
            return Binding(span, stock.verdict, ref, compatible, stock.message, stock.rule)
    if found.other_noun or not names_one_cell(found, index):
        return _unsupported(span, index, report, mode.yoy)  # the words leave the figure open
    if not mode.diff and mode.yoy is None:
        carry = carry_reading(span, ref, index)
        if carry is not None and carry.verdict == Verdict.MISMATCH and found.carry_stated:
            # 收到申请75件（含上年结转3件）: the sentence says what it counts; a wording to mend
            warning = carry.message.removeprefix("与数据不符：")
            said = f"{span.text.strip()}含上年结转（文中已写明）"
            return Binding(span, Verdict.BOUND, ref, [ref], said, carry.rule, warning)
        if carry is not None:
            return Binding(span, carry.verdict, ref, [ref], carry.message, carry.rule, carry.warning)
    total = _sum_of_named(span, found, index) if found.several else None
    if total is not None:
        return _bound(span, total, compatible, fmt)
    if found.several:
        listed = "；".join(f"「{r.where}」为 {r.quoted()}" for r in compatible[:3])
        return Binding(
            span, Verdict.AMBIGUOUS, ref=ref, candidates=compatible, rule=rule_of(ref.key, fmt),
            message=f"所指不明：本句同时提到多项数据（{listed}），{span.text.strip()} 与其中任何一项都不一致",
        )  # fmt: skip
    return _mismatch(span, ref, compatible, index, mode, fmt)


def _incompatible(
    span: NumberSpan, refs: list[Reference], found: Context, index: Index, report: ReportBase, mode: Mode
) -> Binding:
    """No named figure is kept in the number's unit: a loose count word, a wrong unit, or no source."""
    fmt = report.format
    loose = [
        r
        for r in refs
        if span.unit in COUNT_UNITS and base_value(r)[1] in COUNT_UNITS and _agrees(span, r, mode)
    ]
    if loose:
        bound = _bound(span, loose[0], refs, fmt)
        bound.warning = (
            f"「{loose[0].where}」以“{base_value(loose[0])[1]}”计，文中写作“{span.unit}”，建议统一计量单位"
        )
        return bound
    certain = found.direct and found.own and not found.after and not found.other_noun
    # a table count in another measure word (行政复议4人) may count something else (applicants), and
    # so may a count word for an amount (行政事业性收费1项: fee items, not the sum charged)
    measured = span.unit in _MEASURES or (refs[0].unit in _MEASURES and span.unit not in COUNT_UNITS)
    certain = certain and (refs[0].kind == "fact" or measured)
    if certain and not all(c.weak for c in found.subjects):
        ref = refs[0]
        return Binding(
            span,
            Verdict.MISMATCH,
            ref=ref,
            candidates=refs,
            rule=rule_of(ref.key, fmt),
            message=f"单位不符：「{ref.where}」为 {ref.quoted()}，文中写作 {span.text.strip()}",
        )
    return _unsupported(span, index, report, mode.yoy)


def _agrees(span: NumberSpan, ref: Reference, mode: Mode) -> bool:
    value = base_value(ref)[0]
    if mode.diff:
        if (mode.yoy == "diff+" and value <= 0) or (mode.yoy == "diff-" and value >= 0):
            return False
        if mode.times:
            return span.agrees(abs(value) / 100) or span.agrees(abs(value) / 100 + 1)
        return span.agrees(abs(value))
    if span.unit is None and ref.unit != base_value(ref)[1] and span.agrees(Decimal(ref.value)):
        return True  # 行政事业性收费96171.6 under a header (单位：万元): the figure as printed
    if ref.qualifier and span.approx == "exact":
        return False  # the data is an approximation; prose must not present it as exact
    if ref.qualifier and span.approx != "exact":
        return span.value is not None and span.value == value
    return span.agrees(value)


def _sum_of_named(span: NumberSpan, found: Context, index: Index) -> Reference | None:
    """予以公开和不予公开共32件: the sum of the figures the clause names, when that is what is quoted."""
    parts: list[Reference] = []
    for subjects in found.named:
        keys = candidate_keys(Context(subjects, found.columns, True, False), index)
        ref = next(
            (index.refs[k] for k in keys if units_compatible(span.unit, base_value(index.refs[k])[1])), None
        )
        if ref is None or ref.kind not in {"cell", "derived", "fact"}:
            return None
        parts.append(ref)
    if len(parts) < 2 or len({p.key for p in parts}) < len(parts):
        return None
    value = sum((base_value(p)[0] for p in parts), Decimal(0))
    if not span.agrees(value):
        return None
    return Reference(
        key="sum:" + "+".join(p.key for p in parts),
        kind="derived",
        value=int(value) if value == value.to_integral_value() else value,
        unit=base_value(parts[0])[1],
        label="、".join(p.label for p in parts) + "合计",
        where=" + ".join(p.where for p in parts),
        parts=tuple(p.key for p in parts),
    )


def _bound(span: NumberSpan, ref: Reference, candidates: list[Reference], fmt: FormatDefinition) -> Binding:
    warning = None
    if span.approx != "exact" and ref.kind in {"cell", "derived"}:
        warning = f"「{ref.where}」为确数 {ref.quoted()}，文中写作约数 {span.text.strip()}，建议写确数"
    rule = rule_of(ref.parts[0], fmt) if ref.key.startswith("sum:") else rule_of(ref.key, fmt)
    return Binding(
        span,
        Verdict.BOUND,
        ref=ref,
        candidates=candidates,
        rule=rule,
        message=f"与「{ref.where}」一致（{ref.quoted()}）",
        warning=warning,
    )


def _mismatch(
    span: NumberSpan,
    ref: Reference,
    candidates: list[Reference],
    index: Index,
    mode: Mode,
    fmt: FormatDefinition,
) -> Binding:
    if mode.yoy in {"diff+", "diff-"} and span.value is not None and span.agrees(abs(base_value(ref)[0])):
        direction = "增加" if ref.value > 0 else "减少"
        message = f"变化方向不符：「{ref.where}」为{direction} {ref.text}{ref.unit}"
    elif ref.qualifier and span.approx == "exact":
        message = f"「{ref.where}」为约数 {ref.quoted()}，文中写作确数 {span.text.strip()}"
    else:
        others = [r for r in candidates[1:3] if r.value != ref.value]
        also = "".join(f"；「{r.where}」为 {r.quoted()}" for r in others)
        message = f"与数据不符：「{ref.where}」为 {ref.quoted()}{also}，文中写作 {span.text.strip()}"
        hint = _same_value(span, ref, index)
        if hint:
            message += f"（{span.text.strip()} 是「{hint.where}」的数值，疑似引错了单元格）"
    return Binding(
        span, Verdict.MISMATCH, ref=ref, candidates=candidates, rule=rule_of(ref.key, fmt), message=message
    )


def _same_value(span: NumberSpan, ref: Reference, index: Index) -> Reference | None:
    if span.value is None or span.approx != "exact" or ref.kind not in {"cell", "derived"}:
        return None
    table = ref.key.removeprefix("derived.").split(".")[0]
    for key in index.by_value.get((span.value, ref.unit), []):
        if key != ref.key and key.removeprefix("derived.").split(".")[0] == table:
            return index.refs[key]
    return None


def _unsupported(span: NumberSpan, index: Index, report: ReportBase, mode: str | None) -> Binding:
    if mode is not None and report.previous_report is None:
        return Binding(span, Verdict.UNSUPPORTED, rule="P-12", message=_NO_PREVIOUS)
    message = _NO_SOURCE
    if span.value is not None and span.approx == "exact" and span.unit and span.value != 0:
        same = index.first_of_value(span.value, span.unit)
        if same is not None:
            message += f"（数值与「{index.refs[same].where}」相同）"
    return Binding(span, Verdict.UNSUPPORTED, rule="P-12" if mode else "P-0", message=message)
