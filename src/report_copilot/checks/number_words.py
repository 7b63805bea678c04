"""The words around a numeral that make it a quantity: the measure word, a qualifier before or after
it (超过, 约, 余, 以上), a percentage (百分之, 个百分点, 成, ‰), a fraction (三分之一), a multiplier
after a qualifier (100余万条). `checks.numbers` finds the numeral; this reads what frames it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from report_copilot.checks.number_span import NumberSpan
from report_copilot.checks.numerals import CN_DIGITS, CN_UNITS, chinese_to_decimal
from report_copilot.model.refs import MID_QUALIFIERS, POST_QUALIFIERS, PREFIX_QUALIFIERS

__all__ = ["UNITS", "read_after", "read_before"]

UNITS: tuple[str, ...] = (
    "个百分点", "个工作日", "个月", "人次", "件次", "场次", "条次", "篇次", "台次", "户次", "期次", "批次",
    "万元", "亿元", "千元", "元", "件", "条", "次", "篇", "场", "期", "个", "项", "家", "人", "名", "位",
    "份", "天", "户", "所", "起", "宗", "例", "批", "类", "轮", "届", "套", "本", "册", "张", "部", "台",
    "页", "字", "小时", "分钟", "周", "倍", "成", "%", "‰", "平方米", "公里", "米", "吨", "辆", "亩", "年",
    "月", "日", "栏", "个栏目", "处", "座", "支", "组", "单", "封", "通", "幅", "集", "节", "课时", "学时",
)  # fmt: skip
_UNIT_RE = re.compile(r"\s*(" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + ")")
_POST_Q = tuple(POST_QUALIFIERS.items())
_MID_Q = MID_QUALIFIERS
_POINT = re.compile(r"点([零〇一二三四五六七八九]+)")
_FRACTION = re.compile(r"分之([零〇一二两三四五六七八九十百]+|\d+)")
_AGAIN = re.compile(r"(万|亿)")


def read_after(text: str, span: NumberSpan) -> None:
    """Qualifier, unit, percentage, fraction after the number."""
    i = span.end
    if text[span.num_start - 3 : span.num_start] == "百分之":
        _chinese_percent(text, span)
        return
    # X分之Y: a fraction, as a share in %
    frac = _FRACTION.match(text, i)
    if frac and span.value:
        num = Decimal(frac.group(1)) if frac.group(1).isdigit() else _safe_cn(frac.group(1))
        if num is not None:
            span.value = num * 100 / span.value
            span.unit = span.written_unit = "%"
            span.approx, span.sig, span.step = "about", Decimal(5), Decimal("0.01")
            span.places = 2
            span.end = frac.end()
            return
    mid = text[i : i + 1]
    if mid in _MID_Q and span.approx == "exact":
        span.approx = _MID_Q[mid]
        span.qualifier = mid
        i += 1
        again = _AGAIN.match(text, i)
        if again and span.value is not None:  # 100余万条
            mult = Decimal(CN_UNITS[again.group(1)])
            span.value *= mult
            span.step *= mult
            span.sig *= mult
            i += 1
    um = _UNIT_RE.match(text, i)
    if um:
        unit = um.group(1)
        span.written_unit = unit
        i = um.end()
        if unit in {"万元", "亿元", "千元"} and span.value is not None:
            mult = Decimal({"万元": 10_000, "亿元": 100_000_000, "千元": 1000}[unit])
            span.value *= mult
            span.step *= mult
            span.sig *= mult
            if span.low is not None and span.high is not None:
                span.low, span.high = span.low * mult, span.high * mult
            unit = "元"
        elif unit == "成" and span.value is not None:
            span.value *= 10
            span.step *= 10
            span.sig = Decimal(10)
            unit = "%"
        elif unit == "‰" and span.value is not None:
            span.value /= 10
            span.step /= 10
            unit = "%"
        span.unit = unit
        if span.written_unit != unit and span.written_unit not in {"万元", "亿元", "千元", "成", "‰"}:
            span.written_unit = unit
    span.end = i
    _post_qualifier(text, span)
    if span.written_unit == "成" and span.approx == "exact":
        span.approx = "about"  # 八成 is a rounded share


def _chinese_percent(text: str, span: NumberSpan) -> None:
    """百分之X (the run follows 百分之), with 点 decimals (百分之五十点七)."""
    i = span.end
    span.start = span.num_start - 3
    span.unit = span.written_unit = "%"
    if span.text == "百":
        span.value = Decimal(100)
    point = _POINT.match(text, i)
    if point and span.value is not None:
        digits = "".join(str(CN_DIGITS[ch]) for ch in point.group(1))
        span.value = Decimal(f"{int(span.value)}.{digits}")
        span.places = len(digits)
        span.step = Decimal(1).scaleb(-span.places)
        i = point.end()
    span.end = i
    _post_qualifier(text, span)


def _post_qualifier(text: str, span: NumberSpan) -> None:
    rest = text[span.end : span.end + 2]
    for word, kind in _POST_Q:
        if rest.startswith(word):
            if span.approx == "exact":
                span.approx = kind
                span.qualifier = word
            span.end += len(word)
            return


def _safe_cn(run: str) -> Decimal | None:
    try:
        return chinese_to_decimal(run)
    except ValueError:
        return None


_PREFIX_RE = re.compile(
    "(" + "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True)) + r")([为达]?)[ \t]*$"
)
_PREFIX_KIND = PREFIX_QUALIFIERS


def read_before(text: str, span: NumberSpan) -> None:
    """A qualifier just before the number: 超过6.8万次, 约为3218件, 近千人."""
    if span.approx != "exact":
        return
    lo = max(0, span.start - 5)
    m = _PREFIX_RE.search(text, lo, span.start)
    if m is None:
        return
    span.approx = _PREFIX_KIND[m.group(1)]
    span.qualifier = m.group(1)
    if not m.group(2):
        span.start = m.start()
