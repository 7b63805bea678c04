"""Find every number in Chinese prose, with its character offsets, value, precision, qualifier and unit.

A regex finds numeral runs (Arabic, full-width, Chinese); the code around each run reads what makes it
a quantity: a multiplier (2.1万), a qualifier (余/多/以上/超过/逾 ≥; 近/不足/不到 ≤; 约/左右 ≈), a
percentage (15%, 百分之十五, 个百分点), a range (十几, 两三个), a fraction (三分之一), 成 and 倍, and the
measure word after it. Runs that are not statistics are tagged with the reason (years, dates, document
numbers, statute references, ordinals, fixed phrases, telephone numbers, names from the input); runs
inside idioms (进一步, 统一, 十分) are not numbers at all.

Values are Decimal, never float. `cn2an` converts Chinese numerals; it is imported on first use so
`copilot --help` and `copilot validate` never load it, and its known defects (三万五, 两百) are handled
before it is called. Full-width digits are normalised one for one, so offsets stay valid.

This module finds the runs and reads their values; `checks.number_words` reads the words framing a
run (measure word, qualifiers, percentages, fractions), and `checks.number_span` holds what is found.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from report_copilot.checks.exemptions import (
    IDIOM,
    Spans,
    docno_end,
    exempt_spans,
    structural_exemption,
)
from report_copilot.checks.number_span import NumberSpan
from report_copilot.checks.number_words import read_after, read_before
from report_copilot.checks.numerals import (
    CN_DIGIT_SET,
    CN_DIGITS,
    CN_UNITS,
    UNREADABLE,
    UNREADABLE_WHEN_PLAIN,
    Normalised,
    chinese_to_decimal,
    is_plain,
    normalise,
)

__all__ = ["NUMERAL_OPENING", "NumberSpan", "chinese_to_decimal", "extract"]

_CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿几"
_CORE = re.compile(
    rf"[\d{_CN_NUMERALS}]"
    rf"(?:(?<=\d)(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|\d*(?:\.\d+)?)|(?<=[{_CN_NUMERALS}])[{_CN_NUMERALS}]*)"
)
"""A numeral run: 1,234.5 (digit groups), 72 or 2.1, or Chinese numerals. Written as its opening
character, then the rest of the run by what that character was (the lookbehinds): the same runs as
the three alternatives (digit groups, digits, Chinese numerals) tried in that order. A pattern that
opens with a character class lets the regex engine skip, in C, every position no run can open at."""
NUMERAL_OPENING = re.compile(rf"[\d{_CN_NUMERALS}]")
"""The characters a numeral run opens with."""

_MULT = re.compile(r"\s*(万|亿|千)")
_PAIR = re.compile(r"([一二两三四五六七八])([二三四五六七八九])([十百千万]?)")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VAGUE_PREFIX = {"数", "上", "近", "逾", "约", "超", "过"}


def extract(text: str, names: tuple[tuple[str, str], ...] = ()) -> list[NumberSpan]:
    """Every numeral run of `text` that is a number (idioms left out), exempt ones with their reason.

    Offsets point into `text` as given, whatever numeral forms it uses (`checks.numerals`). Fails
    closed: a numeral the extractor cannot read comes back with `unreadable` set, never left out, and
    so does a number an invisible character touches or follows a display-order control.
    `names`: strings from the report's input whose digits are not statistics, with the reason to give.
    """
    norm = None if is_plain(text) else normalise(text)
    reading = text if norm is None else norm.text
    runs = list(_CORE.finditer(reading))
    spans = exempt_spans(reading, names) if runs else Spans()  # no numeral run: nothing to exempt
    out: list[NumberSpan] = []
    skip_until = -1
    for m in runs:
        s, e = m.start(), m.end()
        if s < skip_until:
            continue
        span = _read(reading, m.group(), s, e, spans)
        if span is None:
            continue
        skip_until = span.end
        out.append(span)
    out = _sorted_with(
        out, _stray_numerals(reading, out, UNREADABLE if norm is not None else UNREADABLE_WHEN_PLAIN)
    )
    if norm is not None and norm.origin is not None:
        for span in out:
            _to_original(span, norm)
    return out


def _stray_numerals(reading: str, found: list[NumberSpan], unreadable: re.Pattern[str]) -> list[NumberSpan]:
    """Numeral characters no span accounts for (½, ↂ …): unreadable, so they fail closed. `unreadable`:
    `UNREADABLE`, or for a plain text (nothing normalised) the few of its characters such text holds."""
    stray: list[NumberSpan] = []
    k = 0  # spans are in text order: walk them alongside the matches
    for m in unreadable.finditer(reading):
        i = m.start()
        if not unicodedata.category(m.group()).startswith("N"):
            continue  # the class takes a few astral blocks whole
        while k < len(found) and found[k].end <= i:
            k += 1
        if k < len(found) and found[k].start <= i:
            continue
        if stray and stray[-1].end == i:
            stray[-1].end = stray[-1].num_end = i + 1
            continue
        stray.append(NumberSpan(start=i, end=i + 1, num_start=i, num_end=i + 1, text=m.group()))
    for sp in stray:
        sp.text = reading[sp.start : sp.end]
        sp.unreadable = f"无法识别的数字写法“{sp.text}”：请改用阿拉伯数字或规范的汉字数字"
    return stray


def _sorted_with(spans: list[NumberSpan], more: list[NumberSpan]) -> list[NumberSpan]:
    return sorted([*spans, *more], key=lambda sp: sp.start) if more else spans


def _to_original(span: NumberSpan, norm: Normalised) -> None:
    """Move a span from the reading text into the original, and refuse what hidden characters touch."""
    reading_start, reading_end = span.num_start, span.num_end
    span.start, span.end = norm.at(span.start), norm.at_end(span.end)
    span.num_start, span.num_end = norm.at(span.num_start), norm.at_end(span.num_end)
    span.text = norm.original[span.start : span.end]
    if (
        span.exempt is None
        and span.unit is None
        and any(i in norm.enclosed for i in range(reading_start, reading_end))
    ):
        span.exempt = "列举序号"  # ①加强组织领导: a circled number as a list marker
    if span.exempt is not None or span.unreadable is not None:
        return
    if norm.first_bidi is not None and norm.first_bidi < span.end:
        span.unreadable = (
            "数字前有改变显示顺序的控制字符，文档中显示的数字可能与实际不同：请删除不可见字符后重写"
        )
    elif norm.hidden_in(span.start, span.end):
        span.unreadable = "数字中夹有不可见字符：请删除后重写"


# ---------------------------------------------------------------- one run
def _read(text: str, run: str, s: int, e: int, spans: Spans) -> NumberSpan | None:
    reason = spans.covering(s, e)
    if reason == IDIOM:
        return None
    arabic = run[0].isdigit()
    if not arabic and not _is_chinese_number(text, run, s):
        return None
    span = NumberSpan(start=s, end=e, num_start=s, num_end=e, text=run)
    if reason is not None:
        span.exempt = reason
        return span
    if arabic and (
        (s > 0 and text[s - 1] in _ASCII_LETTERS) or (e < len(text) and text[e] in _ASCII_LETTERS)
    ):
        span.exempt = "型号或专有名称"
        return span
    exempt = structural_exemption(text, run, s, e, arabic)
    if exempt:
        span.exempt = exempt
        if exempt == "文号":
            span.end = docno_end(text, e)
            span.text = text[s : span.end]
        return span
    if not _value(text, run, s, e, arabic, span):
        if "几" in run:
            return None  # 几 alone is a word (几乎, 几点)
        span.unreadable = f"无法识别的数字写法“{run}”：请改用阿拉伯数字或规范的汉字数字"
        return span
    read_after(text, span)
    read_before(text, span)
    span.text = text[span.start : span.end]
    if span.unit is None and not arabic and span.approx not in {"range"} and not span.is_percent:
        span.exempt = "无计量单位的汉字数字"
    elif span.unit in {"个工作日", "天", "日", "个月", "小时"} and text[span.end : span.end + 1] == "内":
        span.exempt = "办理时限"
    elif span.unit == "年" and text[span.end : span.end + 1] == "来":
        span.exempt = "时间段"
    return span


def _is_chinese_number(text: str, run: str, s: int) -> bool:
    if not CN_DIGIT_SET.isdisjoint(run):
        return True
    if run == "十" or (run == "百" and text[s - 3 : s] == "百分之"):
        return True
    if "几" in run:
        return any(ch in CN_UNITS for ch in run)  # 十几, 几十, 几百
    # 数十, 上千, 近千, 逾万: a vague quantity
    return text[s - 1 : s] in _VAGUE_PREFIX and all(ch in CN_UNITS for ch in run) and len(run) <= 2


def _significance(value: Decimal, places: int) -> Decimal:
    if places > 0 or value == 0:
        return Decimal(1).scaleb(-places)
    n = int(value)
    step = 1
    while n and n % (step * 10) == 0:
        step *= 10
    return Decimal(step)


def _value(text: str, run: str, s: int, e: int, arabic: bool, span: NumberSpan) -> bool:
    """Read the run's value, precision and range; False when the run is not a number after all."""
    if arabic:
        value = Decimal(run.replace(",", ""))
        span.places = -value.as_tuple().exponent if "." in run else 0  # type: ignore[operator]
        span.step = Decimal(1).scaleb(-span.places)
        span.sig = _significance(value, span.places)
        if (
            s > 0
            and text[s - 1] in "-−－"
            and not (s >= 2 and text[s - 2].isascii() and text[s - 2].isalnum())
        ):
            value = -value
            span.start = s - 1
        span.value = value
        # Multipliers after Arabic digits: 2.1万, 16.4亿, 3千.
        mult_m = _MULT.match(text, e)
        if mult_m and not text[mult_m.end() : mult_m.end() + 1] == "克":
            mult = Decimal(CN_UNITS[mult_m.group(1)])
            span.value = value * mult
            span.step *= mult
            span.sig *= mult
            span.end = span.num_end = mult_m.end()
        return True
    # Chinese.
    if "几" in run:
        lo, hi = run.replace("几", "一"), run.replace("几", "九")
        if run in {"几", "几几"}:
            return False
        try:
            span.low, span.high = chinese_to_decimal(lo), chinese_to_decimal(hi)
        except ValueError:
            return False
        if run.startswith("几"):
            span.low = chinese_to_decimal(lo)
        span.value, span.approx = span.low, "range"
        return True
    if all(ch in CN_UNITS for ch in run) and (run != "十" or text[s - 1 : s] in {"数", "上"}):
        base = Decimal(CN_UNITS[run[-1]]) * (Decimal(CN_UNITS[run[0]]) if len(run) == 2 else 1)
        span.value = base
        span.sig = base
        if text[s - 1 : s] in {"数", "上"}:
            span.start = s - 1
            span.value = base * (2 if text[s - 1] == "数" else 1)
            span.low, span.high = span.value, base * 10 - 1
            span.approx = "range"
        return True
    m = _PAIR.fullmatch(run)
    if m and CN_DIGITS[m.group(2)] == CN_DIGITS[m.group(1)] + 1:  # 两三个, 三四十
        mult = Decimal(CN_UNITS[m.group(3)]) if m.group(3) else Decimal(1)
        span.low, span.high = CN_DIGITS[m.group(1)] * mult, CN_DIGITS[m.group(2)] * mult
        span.value, span.approx = span.low, "range"
        return True
    try:
        value = chinese_to_decimal(run)
    except ValueError:
        return False
    span.value = value
    span.sig = _significance(value, 0)
    return True
