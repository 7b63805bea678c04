"""Every way a numeral can be written, reduced to the forms the extractor reads, offsets kept.

A model or a hostile edit may write a figure as full-width (７２), superscript (⁷³), circled (⑤),
Roman (Ⅲ), another script's digits (٧٢) or in 大写 (柒拾叁, 叁拾伍万). Each becomes ASCII digits or
ordinary Chinese numerals before extraction so it is bound or flagged like any other figure. Invisible
characters (`model.hygiene`) are dropped from the reading text so a number split by one is still read
whole; where they were is kept so the binder can refuse such a number rather than trust it.

`Normalised.origin` maps every offset of the reading text back into the original text, so the spans
reported always point into what the user wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from types import ModuleType

from report_copilot.model.hygiene import BIDI, HIDDEN

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_DIGIT_SET = frozenset(CN_DIGITS)
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_NEXT_LOWER = {"亿": "千万", "万": "千", "千": "百", "百": "十"}

_CAPITAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億", "一二二三三四五六六七八九十百千万亿")
_CAPITAL_RUN = re.compile("[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億]+")
_UNAMBIGUOUS_CAPITAL = frozenset("壹贰貳叁參肆柒捌玖佰仟")
"""大写 characters that are never an ordinary word (伍 is also 队伍, 陆 also 陆续, 拾 also 收拾)."""
_AFTER_NUMERAL = frozenset("件次个项条人份元万亿千百十%场期篇家宗起例批类名位")
"""What follows a numeral that is a count: a lone 伍 or 陆 is read as one only before these."""

_OTHER_DIGITS = (
    "\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef"
    "\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def\u0e50-\u0e59"
    "\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u17e0-\u17e9\u1810-\u1819\u1946-\u194f"
    "\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59"
    "\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9"
    "\uff10-\uff19\U000104a0-\U000104a9\U00010d30-\U0001e959\U0001fbf0-\U0001fbf9"
)
"""Decimal digits (Nd) of other scripts, full-width included (the astral block is taken whole: the
replacement checks each character's category)."""
_ENCLOSED_RANGES = "\u2460-\u24ff\u2776-\u2793\u3248-\u325f\u3280-\u3289\u32b1-\u32bf"
_SPECIAL = re.compile(
    f"[{_OTHER_DIGITS}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2150-\u218b{_ENCLOSED_RANGES}"
    "\u3220-\u3229\uff05\uff0e]"
)
_ROMAN = range(0x2160, 0x2189)
_ENCLOSED = re.compile(f"[{_ENCLOSED_RANGES}]")
"""Circled and parenthesised numbers: list markers when no measure word follows (①加强领导)."""

UNREADABLE = re.compile(
    f"[{_OTHER_DIGITS}\u00bc-\u00be\u2150-\u218b{_ENCLOSED_RANGES}\u3021-\u3029\u3038-\u303a"
    "\u3192-\u3195\u3220-\u3229]"
)
"""Numeral characters the normalisation could not make plain: any left outside a span fails closed
(ASCII digits are always inside a span: every run of them is read)."""


@dataclass
class Normalised:
    """The reading text and how its offsets map back into the original."""

    original: str
    text: str
    origin: list[int] | None = None
    """origin[i]: the original offset of reading-text offset i (len(text) + 1 entries); None: identity."""
    hidden: list[int] = field(default_factory=list)
    """Original offsets of the invisible characters left out of the reading text."""
    enclosed: frozenset[int] = frozenset()
    """Reading-text offsets that came from a circled or parenthesised number."""
    first_bidi: int | None = None
    """Original offset of the first display-order control: what follows may not show as stored."""

    def at(self, i: int) -> int:
        """The original offset of reading-text offset `i`."""
        return i if self.origin is None else self.origin[i]

    def at_end(self, i: int) -> int:
        """The original offset just after reading-text offset i − 1 (an exclusive span end): a
        character left out right after a span is not drawn into it."""
        if self.origin is None or i == 0:
            return i
        return self.origin[i - 1] + 1

    def hidden_in(self, start: int, end: int) -> bool:
        """Whether an invisible character lies in the original text[start-1 : end+1]."""
        return any(start - 1 <= h <= end for h in self.hidden)


def _replacement(ch: str) -> str | None:
    if "0" <= ch <= "9":
        return None
    cp = ord(ch)
    if cp in _ROMAN:
        return str(int(unicodedata.numeric(ch)))
    if unicodedata.category(ch) == "Nd":
        return str(unicodedata.decimal(ch))
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded != ch else None


_ANY_TO_NORMALISE = re.compile(
    f"[{_SPECIAL.pattern[1:-1]}{HIDDEN.pattern[1:-1]}{_CAPITAL_RUN.pattern[1:-2]}]"
)
"""Any character `normalise` changes or drops: one scan for the common text that has none. One
class, the union of `_SPECIAL`, `HIDDEN` and `_CAPITAL_RUN`'s: twice as fast as the alternation of
the three (a test compares the two on every code point)."""

UNREADABLE_WHEN_PLAIN = re.compile("[\u00bc-\u00be\u3021-\u3029\u3038-\u303a\u3192-\u3195]")
"""The characters of `UNREADABLE` outside `_SPECIAL`: all it can find in a text `is_plain` passes."""


def is_plain(text: str) -> bool:
    """Whether `normalise` would leave `text` as it is (most prose): the caller may skip it."""
    return _ANY_TO_NORMALISE.search(text) is None


def normalise(text: str) -> Normalised:
    """The text the extractor reads: every numeral form made plain, invisible characters left out."""
    if _ANY_TO_NORMALISE.search(text) is None:
        return Normalised(text, text)
    special = _SPECIAL.search(text) is not None
    hidden = HIDDEN.search(text) is not None
    capital = _CAPITAL_RUN.search(text) is not None
    if not (special or hidden or capital):
        return Normalised(text, text)
    pieces: list[str] = []
    origin: list[int] = []
    hidden_at: list[int] = []
    enclosed: set[int] = set()
    first_bidi: int | None = None
    capitals = _capital_runs(text) if capital else {}
    for i, ch in enumerate(text):
        if HIDDEN.fullmatch(ch):
            hidden_at.append(i)
            if ch in BIDI and first_bidi is None:
                first_bidi = i
            continue
        out = capitals.get(i) or (_replacement(ch) if special else None) or ch
        if out != ch and _ENCLOSED.fullmatch(ch):
            enclosed.update(range(len(origin), len(origin) + len(out)))
        pieces.append(out)
        origin.extend([i] * len(out))
    origin.append(len(text))
    return Normalised(text, "".join(pieces), origin, hidden_at, frozenset(enclosed), first_bidi)


def _capital_runs(text: str) -> dict[int, str]:
    """Offsets of 大写 numeral characters to read as ordinary numerals (柒拾叁 → 七十三)."""
    out: dict[int, str] = {}
    for m in _CAPITAL_RUN.finditer(text):
        run = m.group()
        nxt = text[m.end() : m.end() + 1]
        if _UNAMBIGUOUS_CAPITAL.isdisjoint(run) and nxt not in _AFTER_NUMERAL:
            continue  # 队伍, 陆续, 收拾: words, not numerals
        for j, ch in enumerate(run.translate(_CAPITAL)):
            out[m.start() + j] = ch
    return out


@cache
def _cn2an() -> ModuleType:
    import cn2an  # heavy (~200 ms): only when a Chinese numeral needs more than the fast path

    return cn2an


_UNITS_ONLY = frozenset("百千万亿")
"""Units but 十 (十五 is read above): a run of these alone is not a numeral."""
_UNDER_HUNDRED = re.compile("([一二三四五六七八九]?)十([一二三四五六七八九]?)")
"""十五, 二十, 九十九: the numerals below a hundred that prose mostly writes (with 两 read as 二)."""


@lru_cache(maxsize=4096)
def chinese_to_decimal(run: str) -> Decimal:
    """A Chinese numeral run as a Decimal, around cn2an's known defects (三万五, 两百, 二〇一九).

    A pure function of a short string, so memoised; single digits and numbers below a hundred are read
    here, as cn2an reads them (tests compare the two over every such run), sparing its import."""
    if all(ch in CN_DIGITS for ch in run) and (
        len(run) > 1 and ("〇" in run or "零" in run[1:] or len(run) >= 3)
    ):
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in run))
    text = run.replace("两", "二")
    if len(text) == 1 and text in CN_DIGITS:
        return Decimal(CN_DIGITS[text])
    m = _UNDER_HUNDRED.fullmatch(text)
    if m:
        tens, ones = m.groups()
        return Decimal(CN_DIGITS[tens] * 10 if tens else 10) + (CN_DIGITS[ones] if ones else 0)
    if _UNITS_ONLY.issuperset(text):  # 万, 百万: no digit to multiply, as cn2an refuses (tests compare)
        raise ValueError(f"not a Chinese numeral: {run}")
    return _read_with_cn2an(run, text)


def _read_with_cn2an(run: str, text: str) -> Decimal:
    """cn2an's reading of `text` (`run` with 两 as 二), after the repairs its defects need."""
    if len(text) >= 2 and text[-2] in _NEXT_LOWER and text[-1] in CN_DIGITS and text[-1] not in "零〇":
        text += _NEXT_LOWER[text[-2]]  # 三万五 → 三万五千 (cn2an reads 30005)
    if text.startswith("十"):
        text = "一" + text
    try:
        value = _cn2an().cn2an(text, "normal")
    except Exception as exc:  # cn2an raises ValueError and bare Exception subclasses
        raise ValueError(f"not a Chinese numeral: {run}") from exc
    return Decimal(str(value))
