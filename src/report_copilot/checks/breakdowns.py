"""P-9 for a breakdown that ends with the rest: 共公开政府信息44条，其中A类1条；B类2条；其他38条.

A list whose last part is a catch-all (其他应主动公开的政府信息, not a named category such as 其他组织
or 其他处理) covers the whole, so its parts must add up to the total even when none of them is a
table figure and the list runs across 「；」. Split from `checks.claims`, which runs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from report_copilot.checks.aliases import index_for
from report_copilot.checks.findings import Finding, as_number
from report_copilot.model.refs import plain
from report_copilot.model.report import ReportBase

if TYPE_CHECKING:
    from report_copilot.checks.binding import Binding

__all__ = ["catch_all_list", "parenthesised"]


def parenthesised(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parenthesised stretches of text[start:end] (a nested 其中 list lives there)."""
    return [
        (p.start(), p.end()) for p in re.finditer(r"[（(][^（()）]*[）)]", text[:end]) if p.start() >= start
    ]


_PARAGRAPH_END = re.compile(r"[。！？!?\n]")
_LIST_CLAUSE = re.compile(r"[，,；;、：:]")


def catch_all_list(
    text: str, start: int, live: Sequence[Binding], total: Binding, report: ReportBase
) -> list[Finding] | None:
    """共公开政府信息44条，其中A类1条；B类2条；…其他应主动公开的政府信息38条: a list that ends with a
    catch-all (其他…, not a name such as 其他组织 or 其他处理) covers the whole, across 「；」, so its parts
    must add up to the total. None when the list has no catch-all (the other P-9 checks apply)."""
    end_m = _PARAGRAPH_END.search(text, start)
    end = end_m.start() if end_m else len(text)
    if total.span.approx != "exact" or total.span.value is None or total.span.is_percent:
        return None
    inner = parenthesised(text, start, end)
    index = index_for(report)
    parts: list[Binding] = []
    for b in live:
        if not (start <= b.span.start and b.span.end <= end) or any(s <= b.span.start < e for s, e in inner):
            continue
        if b.span.unit != total.span.unit or b.span.approx != "exact" or b.span.is_percent:
            return None  # another kind of figure in the list: not a plain breakdown
        parts.append(b)
        clause_start = max([c.end() for c in _LIST_CLAUSE.finditer(text, start, b.span.start)] or [start])
        other = text.find("其他", clause_start, b.span.start)
        if other < 0:
            continue
        if any(h.start <= other < h.end for h in index.hits(text, clause_start, b.span.start)):
            continue  # 其他组织 / 其他处理: a named category, not the rest
        later = [x for x in live if b.span.end <= x.span.start < end and x.span.unit == total.span.unit]
        if len(parts) < 2 or later or text.startswith("等", b.span.end):
            return None  # 其他文件35条；工作动态1条…等: a category among others, the list goes on
        part_sum = sum((p.span.value for p in parts if p.span.value is not None), Decimal(0))
        if part_sum == total.span.value:
            return []
        sentence = text[max([e.end() for e in _PARAGRAPH_END.finditer(text, 0, start)] or [0]) : end].strip()
        return [
            Finding(
                rule="P-9",
                severity="error",
                location=total.ref.key if total.ref else "text",
                where=total.ref.where if total.ref else "",
                message=f"「{sentence}」：其中各项（末项为“其他”）之和为 {plain(part_sum)}，"
                f"与总数 {plain(total.span.value)} 不符",
                expected=as_number(total.span.value),
                actual=as_number(part_sum),
                cells=[total.ref.key] if total.ref is not None and total.ref.kind == "cell" else [],
            )
        ]
    return None
