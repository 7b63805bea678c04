"""Numerals that are not statistics: idioms (not numbers at all) and exempt spans (numbers with a reason).

Idioms such as 进一步, 统一, 一网通办, 十分 contain numerals but are words; they never become numbers.
Exempt spans are real numerals that are not claims about the year's work: web addresses, telephone
numbers, document numbers (〔2019〕26号), fixed phrases of the field (三安全一稳定, 五公开), proper
names the input declares (a platform called "331"), and text from the report's own meta (an address
滨江路188号). Each exempt number keeps its reason so a reviewer sees why it was not checked.

A span masks a numeral only when it covers the whole numeral run, so masking never breaks a real
number: 十分 masks 十 in 十分重视 but not in 三十分钟, and nothing masks 一万一千.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from report_copilot.checks.numerals import CN_DIGITS, chinese_to_decimal

IDIOM = ""
"""Reason of a span whose numerals are words, not numbers (no mention is produced)."""

IDIOMS: tuple[str, ...] = (
    "进一步", "下一步", "一步步", "上一年", "下一年", "统一", "一网通办", "一网统管", "一网协同", "一窗受理", "一窗通办", "一件事", "一次性",
    "一门式", "一站式", "一体化", "一体", "一线", "一流", "一把手", "一揽子", "一系列", "一批", "一些",
    "一定", "一切", "一直", "一旦", "一般", "一律", "一致", "一并", "一贯", "一同", "一道", "一样",
    "一方面", "另一方面", "一手", "一览", "一目了然", "一如既往", "一以贯之", "一成不变", "一心", "一再",
    "一向", "一度", "一时", "一口径", "一张网", "一张图", "一盘棋", "一号", "一键", "一码",
    "唯一", "同一", "单一", "逐一", "一一", "万一", "不一", "之一", "其一", "统一规范",
    "十分", "万众", "千方百计", "百姓", "老百姓", "千家万户", "万家", "第三方", "三方", "双方",
    "零距离", "零容忍", "零跑腿", "零障碍", "零败诉", "零纠错", "零投诉", "零差错",
    "四面八方", "五花八门", "三令五申", "七上八下", "一五一十", "接二连三", "三番五次", "九牛一毛",
)  # fmt: skip

FIXED_PHRASES: tuple[str, ...] = (
    "三安全一稳定", "五公开", "三类内部事务信息", "四类过程性信息", "三类", "四类",
    "两微一端", "两微一网", "三重一大", "八项规定", "两个维护", "四个意识", "四个自信", "四个全面",
    "两个确立", "两学一做", "一带一路", "三公经费", "三公", "放管服", "最多跑一次", "一次都不跑",
    "十三五", "十四五", "十五五", "十九大", "二十大", "十九届", "二十届", "一中全会", "二中全会",
    "三中全会", "四中全会", "五中全会", "六中全会", "七中全会", "三级联动", "两会", "三会一课",
    "一级", "二级", "三级", "四级",
)  # fmt: skip
"""Names of the field that contain numerals (spec §8): exempt, reason 固定用语."""

_URL = r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
_PHONE = (
    r"(?<![\d.])(?:[（(]0\d{2,3}[)）]\s*\d{7,8}|0\d{2,3}[-－—–]\d{7,8}(?:[-－—–]\d{1,5})?"
    r"|400[-－]\d{3}[-－]?\d{4})(?![\d.])"
)
"""Telephone numbers whose separators say what they are (0591-87654321, (0591)87654321, 400-…)."""
_PHONE_BARE = (
    r"(?:电话|热线|手机|传真|专线|号码|拨打|致电|Tel|TEL|tel)[：:\s为是]{0,3}"
    r"(?:[（(][^）)]{0,8}[）)])?[：:\s]{0,2}"
    r"(?<![\d.])(?P<n>1[3-9]\d{9}|400\d{7}|0\d{9,11}|\d{7,8})(?![\d.])"
)
"""A bare run of digits is a telephone number only right after a word that says so (咨询电话：…):
申请13912345678件 is a count to check."""
_SERVICE_LINE = (
    r"(?<!\d)(?:12345|12315|12369|12388|12366|12333|12348|12320|12110|12328|12355|12356|12358|12365)(?!\d)"
    r"(?=\s*(?:政务服务|政务|便民|市民|服务|热线|平台|工单|专线|系统|网站|小程序|接诉即办))"
    r"|(?<=拨打)\s*(?:12345|12315|12369|12388|12366|12333|12348)(?!\d)"
)
"""Government service lines (12345热线, 12345政务服务便民热线平台) — as names only: 诉求12345件 is a count."""
_DOCNO = r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*(?:第\s*)?\d+\s*号"
_POSTCODE = r"(?<=邮编)[：:\s]*\d{6}|(?<=邮政编码)[：:\s]*\d{6}"

_DATE = (
    r"(?<![\d.])(?:(?:19|20)\d\d\s*年(?:度)?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?"
    r"|(?:19|20)\d\d\s*[-—–~至]\s*(?:19|20)\d\d\s*年?"
    r"|(?<!个)\d{1,2}\s*月\s*\d{1,2}\s*[日号])"
)


def scan(pattern: re.Pattern[str], first: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, tried only where `first` finds a character a match can
    open with: a pattern that opens with a lookbehind or a repeat is otherwise tried at every position
    of the text. Every match of `pattern` must open with such a character and be non-empty."""
    pos = 0
    while (opening := first.search(text, pos)) is not None:
        m = pattern.match(text, opening.start())
        if m is None:
            pos = opening.start() + 1
        else:
            yield m
            pos = m.end()


_DIGIT = re.compile(r"\d")
"""What a date, a document number, a telephone number or a postcode opens with or holds."""


_DATE_RE = re.compile(_DATE)
"""Every alternative opens with a digit (after lookbehinds): scanned from digit to digit."""
_PHONE_RE = re.compile(_PHONE)
_SERVICE_LINE_RE = re.compile(_SERVICE_LINE)
_OPENINGS: dict[re.Pattern[str], re.Pattern[str]] = {
    _DATE_RE: _DIGIT,
    _PHONE_RE: re.compile(r"[（(04]"),
    _SERVICE_LINE_RE: re.compile(r"[1\s]"),
}
"""Patterns that open with a lookbehind (tried at every position by `finditer`), and the characters
each of their matches opens with: they are scanned from one such character to the next (`scan`)."""
_GATED: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    # (reason, pattern, any of these must occur in the text for the pattern to be tried)
    ("年份或日期", _DATE_RE, ("年", "月")),
    ("网址或电子邮箱", re.compile(_URL), ("http", "www.")),
    ("网址或电子邮箱", re.compile(_EMAIL), ("@",)),
    ("文号", re.compile(_DOCNO), ("号",)),
    ("电话号码", _PHONE_RE, ("0", "4")),
    (
        "电话号码",
        re.compile(_PHONE_BARE),
        ("电话", "热线", "手机", "传真", "专线", "号码", "拨打", "致电", "Tel", "TEL", "tel"),
    ),
    ("固定用语", _SERVICE_LINE_RE, ("123",)),
    ("邮政编码", re.compile(_POSTCODE), ("邮编", "邮政编码")),
)
_WITHOUT_DIGITS = frozenset({_URL, _EMAIL})
"""The patterns that can match a text without a digit (every other one needs at least one)."""
_Gated = tuple[str, re.Pattern[str], re.Pattern[str], "int | str", "re.Pattern[str] | None"]
"""(reason, pattern, its gate as one regex, the group that is the span, its opening characters when
it is scanned from one to the next)."""


def _gated(kinds: Iterable[tuple[str, re.Pattern[str], tuple[str, ...]]]) -> tuple[_Gated, ...]:
    return tuple(
        (
            reason,
            pattern,
            re.compile("|".join(re.escape(g) for g in gates)),
            "n" if "n" in pattern.groupindex else 0,
            _OPENINGS.get(pattern),
        )
        for reason, pattern, gates in kinds
    )


_WITH_DIGITS = _gated(_GATED)
_NO_LONG_DIGITS = _gated(g for g in _GATED if g[0] != "电话号码")
"""Every telephone number has a run of 7 digits or more."""
_NO_DIGITS = _gated(g for g in _GATED if g[1].pattern in _WITHOUT_DIGITS)
"""A text without a digit: only a web or mail address can be found (a date, a number need a digit)."""


_LONG_DIGITS = re.compile(r"\d{7}|400[-－]")


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


_WORD_REASON = {**{w: IDIOM for w in IDIOMS}, **{w: "固定用语" for w in FIXED_PHRASES}}
_WORDS_RE = _alternation(_WORD_REASON)
"""Idioms and fixed phrases in one pass, longest first."""
_FRAGMENT = re.compile(r"[\u4e00-\u9fff]{1,3}\d+[\u4e00-\u9fff]?")


@dataclass
class Spans:
    """Non-overlapping (start, end, reason) spans, earliest first, looked up by bisection."""

    starts: list[int] = field(default_factory=list)
    items: list[tuple[int, int, str]] = field(default_factory=list)

    def add_all(self, spans: Iterable[tuple[int, int, str]]) -> None:
        """Add spans given in priority order (earliest, then longest, then most specific first)."""
        merged = [*self.items, *spans]
        self.items, self.starts = [], []
        for s, e, r in merged:
            if self.items and s < self.items[-1][1]:
                continue  # the earlier (or longer, at the same start) span wins
            self.items.append((s, e, r))
            self.starts.append(s)

    def covering(self, start: int, end: int) -> str | None:
        """The reason of the span that covers [start, end) entirely, if any (IDIOM for idioms)."""
        i = bisect_right(self.starts, start) - 1
        if i >= 0:
            s, e, reason = self.items[i]
            if s <= start and end <= e:
                return reason
        return None


def exempt_spans(text: str, names: Iterable[tuple[str, str]] = ()) -> Spans:
    """Every idiom and exempt span of `text`. `names`: (string, reason) from the report's input."""
    spans: list[tuple[int, int, int, str]] = []  # start, end, priority, reason
    if _DIGIT.search(text) is None:
        kinds = _NO_DIGITS
    else:
        kinds = _WITH_DIGITS if _LONG_DIGITS.search(text) is not None else _NO_LONG_DIGITS
    for reason, pattern, gate, group, opening in kinds:
        if gate.search(text) is not None:
            found = pattern.finditer(text) if opening is None else scan(pattern, opening, text)
            spans += [(m.start(group), m.end(group), 0, reason) for m in found]
    for m in _WORDS_RE.finditer(text):
        reason = _WORD_REASON[m.group()]
        spans.append((m.start(), m.end(), 1 if reason else 2, reason))
    for name, reason in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not _extends_number(text, start, end, name):
                spans.append((start, end, 3, reason))
            start = text.find(name, end)
    result = Spans()
    if len(spans) == 1:
        (s, e, _, r) = spans[0]
        result.starts, result.items = [s], [(s, e, r)]
    elif spans:
        # Longer spans first at the same start; at equal spans the more specific reason (a pattern) wins.
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
        result.add_all([(s, e, r) for s, e, _, r in spans])
    return result


def _extends_number(text: str, start: int, end: int, name: str) -> bool:
    """A purely numeric name ("331") must not be part of a longer number or a quantity (331件)."""
    if not name.isdigit():
        return False
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return before.isdigit() or after.isdigit() or after in "件条次人个项篇场期万元%"


def meta_names(strings: Iterable[str | None], reason: str) -> list[tuple[str, str]]:
    """Strings from the input whose digits are not statistics, and their digit-bearing fragments
    (an address 云溪市滨江路188号 is often quoted as 滨江路188号)."""
    out: list[tuple[str, str]] = []
    for s in strings:
        if not s or not any(ch.isdigit() for ch in s):
            continue
        out.append((s, reason))
        out += [(m.group(), reason) for m in _FRAGMENT.finditer(s) if m.group() != s]
    return out


# ---------------------------------------------------------------- exemptions by position
_YEAR_RANGE = re.compile(r"\s*[-—–~至到]\s*(?:19|20)\d\d")
_MONTH_RANGE = re.compile(r"\s*[-—–~至到]\s*\d{1,2}\s*月")
_DOCNO_TAIL = re.compile(r"\s*[〕\]］】)）]\s*(?:第\s*)?\d+\s*号")
_NONE = "\x00"
"""No character (start or end of text): never a member of any character class below."""
_CLAUSE_PUNCT = set("，。；：、！？,.;:!?（(《“”\"'「」\n\r\t ")


def _prev_char(text: str, i: int) -> str:
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return text[i - 1] if i > 0 else _NONE


def _next_char(text: str, i: int) -> str:
    while i < len(text) and text[i] in " \t":
        i += 1
    return text[i] if i < len(text) else _NONE


def structural_exemption(text: str, run: str, s: int, e: int, arabic: bool) -> str | None:
    """Years, dates, statute references, ordinals: numbers whose position says they are not counts."""
    prev, nxt = _prev_char(text, s), _next_char(text, e)
    if prev == "第":
        return "序号或法条"
    if arabic and prev in ":：" and text[s - 2 : s - 1].isdigit():
        return "时间"
    if arabic and len(run) > 1 and run[0] == "0" and run[1].isdigit():
        return "表格数字串"  # 000000000000000: a flattened table row; prose never writes a count so
    if prev in "（(" and nxt in "）)":
        return "序号"
    at_clause_start = prev == _NONE or prev in _CLAUSE_PUNCT
    if at_clause_start and (
        nxt in "是要"
        and not arabic
        or nxt == "、"
        or (nxt in ".．" and arabic and not text[e + 1 : e + 2].isdigit())
    ):
        return "列举序号"
    if prev == "其" and not arabic:
        return "列举序号"
    if (
        arabic
        and text[e : e + 1] in {".", "．"}
        and len(run) <= 2
        and "\u3400" <= text[e + 1 : e + 2] <= "\u9fff"
    ):
        return (
            "列举序号"  # …不再处理其申请3.其他: a row ordinal run into the text before it (a table's residue)
        )
    value = _plain_int(run, arabic)
    if value is not None:
        if 1900 <= value <= 2100 and (nxt in "年〕]］】" or prev in "〔[［【" or _YEAR_RANGE.match(text, e)):
            return "年份或日期"
        if 1 <= value <= 12 and nxt == "月" and prev != "个":
            return "年份或日期"
        if 1 <= value <= 12 and _MONTH_RANGE.match(text, e):
            return "年份或日期"
        if 1 <= value <= 31 and nxt in "日号" and prev in "月-—–至到":
            return "年份或日期"
        if 1 <= value <= 4 and text[e : e + 2] == "季度":
            return "年份或日期"
        if arabic and nxt in ":：" and text[e + 1 : e + 2].isdigit():
            return "时间"
        if _DOCNO_TAIL.match(text, e) and prev in "〔[［【(（":
            return "文号"
    if nxt == "号" and arabic and prev not in "第":
        return "门牌号或编号"
    return None


def docno_end(text: str, e: int) -> int:
    m = _DOCNO_TAIL.match(text, e)
    return m.end() if m else e


def _plain_int(run: str, arabic: bool) -> int | None:
    if arabic:
        return int(run) if run.isdigit() else None
    if "〇" in run or (len(run) == 4 and all(ch in CN_DIGITS for ch in run)):
        return int("".join(str(CN_DIGITS[ch]) for ch in run)) if all(ch in CN_DIGITS for ch in run) else None
    try:
        value = chinese_to_decimal(run)
    except ValueError:
        return None
    return int(value) if value == value.to_integral_value() else None
