"""How a prose number relates to the figure its words name: this year's value, last year's, the change
(较上年增加22件), a share (占50.7%), a difference in points or a multiple — and the reference keys
each mode quotes (yoy.…, rate.…). Split from `checks.binding`, which judges with them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from report_copilot.checks.context import TextContext
from report_copilot.checks.numbers import NumberSpan

__all__ = ["Mode", "number_mode", "quoted_keys", "yoy_mode"]

_UP = ("增加", "增长", "上升", "提高", "提升", "增多", "多", "增")
_EITHER = ("变化", "变动", "相差", "差")
_DOWN = ("减少", "下降", "降低", "回落", "减", "少", "下滑")
_REACHED = re.compile(r"(?:增|增加|增长|上升|提高|提升|下降|减少|降|降低|回落|下滑)(?:至|到)[ \t]*$")


@dataclass(frozen=True, slots=True)
class Mode:
    """How a number relates to its figure: year-on-year mode and the kind of quantity it is."""

    yoy: str | None
    reached: bool
    percent: bool
    points: bool
    times: bool

    @property
    def diff(self) -> bool:
        return self.yoy in {"diff+", "diff-", "diff"}


def number_mode(span: NumberSpan, ctx: TextContext, prev_end: int) -> Mode:
    raw = yoy_mode(span, ctx, prev_end)
    reached = raw == "reached"
    return Mode(
        None if reached else raw, reached, span.unit == "%", span.unit == "个百分点", span.unit == "倍"
    )


def quoted_keys(base_keys: list[str], mode: Mode) -> list[str]:
    """The references a number may quote, given the base figures named and its mode."""
    keys: list[str] = []
    for key in base_keys:
        plain_key = key.removeprefix("derived.")
        if mode.diff:
            if mode.points:
                keys.append(f"yoy.rate.{plain_key}.diff")
            elif mode.percent or mode.times:
                keys.append(f"yoy.{key}.pct")
            else:
                keys.append(f"yoy.{key}.diff")
        elif mode.yoy == "previous":
            keys.append(f"yoy.rate.{plain_key}.previous" if mode.percent else f"yoy.{key}.previous")
        elif mode.percent and not key.startswith(("fact.", "fee.")):
            keys.append(f"rate.{plain_key}")
        else:
            keys.append(key)
    return keys


def yoy_mode(span: NumberSpan, ctx: TextContext, prev_end: int) -> str | None:
    """'diff+' / 'diff-' (较上年增加/减少), 'diff' (变化), 'previous' (上年为), 'reached' (增至: this
    year's value, its subject named before last year's), or None."""
    if not ctx.yoy_marks:
        return None
    text = ctx.text
    sent_start = ctx.sentence_start(span.start)
    lo = bisect_left(ctx.yoy_marks, (sent_start, -1))
    marks = []
    for s, e in ctx.yoy_marks[lo:]:
        if s >= span.start:
            break
        if e <= span.start:
            marks.append((s, e))
    if not marks:
        return None
    raw_before = text[max(prev_end, sent_start, span.start - 6) : span.start]
    if _REACHED.search(raw_before):
        return "reached"
    before = raw_before.rstrip(" 了为达到至")
    for verbs, mode in ((_UP, "diff+"), (_DOWN, "diff-"), (_EITHER, "diff")):
        if before.endswith(verbs):
            return mode
    clause_start = max(ctx.clause_start(span.start), prev_end)
    if any(s >= clause_start for s, _ in marks):
        return "previous"
    return None
