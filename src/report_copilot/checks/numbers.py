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
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from report_copilot.checks.exemptions import (
    IDIOM,
    Spans,
    docno_end,
    exempt_spans,
    scan,
    structural_exemption,
)
from report_copilot.checks.numerals import (
    CN_DIGIT_SET,
    CN_DIGITS,
    CN_UNITS,
    UNREADABLE,
    Normalised,
    chinese_to_decimal,
    normalise,
)
from report_copilot.model.refs import (
    MID_QUALIFIERS,
    POST_QUALIFIERS,
    PREFIX_QUALIFIERS,
    Approx,
    round_half_up,
)

_CORE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿几]+")
_CORE_OPENING = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿几]")
"""The characters a numeral run opens with (`scan` tries `_CORE` only there)."""

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
_MULT = re.compile(r"\s*(万|亿|千)")
_PAIR = re.compile(r"([一二两三四五六七八])([二三四五六七八九])([十百千万]?)")
_POINT = re.compile(r"点([零〇一二三四五六七八九]+)")
_FRACTION = re.compile(r"分之([零〇一二两三四五六七八九十百]+|\d+)")
_AGAIN = re.compile(r"(万|亿)")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VAGUE_PREFIX = {"数", "上", "近", "逾", "约", "超", "过"}


@dataclass(slots=True)
class NumberSpan:
    """One numeral run in prose and what it claims (or why it claims nothing)."""

    start: int
    end: int
    """The whole mention: prefix qualifier … unit / post qualifier."""
    num_start: int
    num_end: int
    text: str
    value: Decimal | None = None
    """In base units: 2.1万次 → 21000; 0.5万元 → 5000 (元); 15% → 15; 三分之一 → 33.33… (%)."""
    unit: str | None = None
    """Base unit: 件, 次, 元, %, 个百分点 …"""
    written_unit: str | None = None
    """As written: 万元, 万次 …"""
    places: int = 0
    step: Decimal = Decimal(1)
    """Printed precision in base units (2.1万 → 1000)."""
    sig: Decimal = Decimal(1)
    """Significance step of the written figure (100余 → 100; 3218余 → 1)."""
    approx: Approx = "exact"
    qualifier: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    exempt: str | None = None
    negative_word: bool = False
    unreadable: str | None = None
    """Set when the run is a numeral the extractor cannot read: it fails closed (unsupported)."""

    @property
    def is_percent(self) -> bool:
        return self.unit in {"%", "个百分点"}

    def agrees(self, ref: Decimal | int, ref_approx: str | None = None) -> bool:
        """Whether a data value is what this mention says, given its qualifier and printed precision."""
        if self.value is None:
            return False
        ref = Decimal(ref)
        v = self.value
        if self.approx == "range":
            return self.low is not None and self.high is not None and self.low <= ref <= self.high
        if self.approx == "exact":
            if self.step == 1 and self.places == 0 and ref == ref.to_integral_value():
                return ref == v
            return round_half_up(ref / self.step, 0) * self.step == v
        sig = max(self.sig, self.step)
        match self.approx:
            case "ge_sig":
                return v <= ref < v + sig
            case "ge":
                return ref >= v
            case "le_near":
                return v - sig < ref <= v
            case "lt":
                return ref < v
            case "le":
                return ref <= v
            case "about":
                return abs(ref - v) <= sig / 2 if sig > 1 else abs(ref - v) <= max(sig, v * Decimal("0.05"))
        return False


def extract(text: str, names: tuple[tuple[str, str], ...] = ()) -> list[NumberSpan]:
    """Every numeral run of `text` that is a number (idioms left out), exempt ones with their reason.

    Offsets point into `text` as given, whatever numeral forms it uses (`checks.numerals`). Fails
    closed: a numeral the extractor cannot read comes back with `unreadable` set, never left out, and
    so does a number an invisible character touches or follows a display-order control.
    `names`: strings from the report's input whose digits are not statistics, with the reason to give.
    """
    norm = normalise(text)
    reading = norm.text
    runs = list(scan(_CORE, _CORE_OPENING, reading))
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
    out = _sorted_with(out, _stray_numerals(reading, out))
    if norm.origin is not None:
        for span in out:
            _to_original(span, norm)
    return out


def _stray_numerals(reading: str, found: list[NumberSpan]) -> list[NumberSpan]:
    """Numeral characters no span accounts for (½, ↂ …): unreadable, so they fail closed."""
    stray: list[NumberSpan] = []
    k = 0  # spans are in text order: walk them alongside the matches
    for m in UNREADABLE.finditer(reading):
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
    _tail(text, span)
    _prefix(text, span)
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


def _tail(text: str, span: NumberSpan) -> None:
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


def _prefix(text: str, span: NumberSpan) -> None:
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
