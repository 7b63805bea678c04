"""How a prose number relates to the figure its words name: this year's value, last year's, the change
(较上年增加22件), a share (占50.7%), a difference in points or a multiple — and the reference keys
each mode quotes (yoy.…, rate.…). Split from `checks.binding`, which judges with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from report_copilot.checks.context import TextContext, yoy_mode
from report_copilot.checks.numbers import NumberSpan

__all__ = ["Mode", "number_mode", "quoted_keys"]


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
