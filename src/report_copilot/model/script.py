"""Which characters count as Chinese words, and which lookalikes stand for them.

The checks (is there a noun between a name and its number?), the table-text detector (is a line
mostly labels?), the model-reply guard (is a reply Chinese prose?) and series linking all weigh text by
its CJK Unified Ideographs; punctuation, digits and Latin letters are not words here. The importer
folds the radicals a PDF's text layer prints for whole ideographs back into them.
"""

from __future__ import annotations

import re
import unicodedata


def cjk_count(text: str) -> int:
    """How many CJK Unified Ideographs (U+4E00–U+9FFF) the text holds."""
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


_RADICAL_IDEOGRAPHS = str.maketrans(
    "⺜⺝⺠⺩⻁⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰",
    "日月民王虎西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙",
) | {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}
"""The radicals PDF text layers print for whole ideographs, each mapped to its equivalent unified
ideograph: every Kangxi radical (⼀, ⼈, ⽉: their NFKC form), and the CJK Radicals Supplement
characters that stand for whole simplified ideographs (人⺠政府, 部⻔, 增⻓; Unicode's
EquivalentUnifiedIdeograph.txt), which NFKC leaves alone. Radicals that only stand inside a
character (⺅, ⻖) are left as printed."""


_ANY_RADICAL = re.compile("[\u2e80-\u2fdf]")
"""Both radical blocks: a text without any (nearly every text) is returned as it is, unscanned by
`str.translate`, which looks every character up in the table."""


def fold_radicals(text: str) -> str:
    """The text with each lookalike radical replaced by the ideograph it stands for."""
    return text.translate(_RADICAL_IDEOGRAPHS) if _ANY_RADICAL.search(text) else text


def fold_radical_lines(lines: list[str]) -> list[str]:
    """`fold_radicals` of each line; the same list when no line holds a radical (one scan of all)."""
    if not any(_ANY_RADICAL.search(line) for line in lines):
        return lines
    return [fold_radicals(line) for line in lines]
