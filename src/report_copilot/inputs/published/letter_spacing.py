"""Texts extracted one character a word: "政 府 信 息 公 开" (a PDF typeset with character spacing or
justified lines, read by a tool that puts a space between glyphs set apart).

In such a text the single spaces between Chinese characters say nothing: they are removed before
anything is read, so that words are words again. Otherwise a lone 无 of "（ 四 ） 无 法 提 供" (a
group label wrapped down a table's margin) stands apart like the 无 a table prints for "nothing" and
is read as a cell of the row above. A text is taken for letter-spaced only when most pairs of
neighbouring Chinese characters stand a space apart, over enough of them: an ordinary text keeps
its spaces (the header words of a laid-out table stand one space apart, each its own column's).
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u9fff"
_PUNCT = "，。、；：？！（）《》“”‘’〈〉【】"
_BETWEEN = re.compile(rf"(?<=[{_CJK}{_PUNCT}]) (?=[{_CJK}{_PUNCT}])")
"""One space with a Chinese character or Chinese punctuation on either side."""
_SPACED_PAIR = re.compile(rf"[{_CJK}] (?=[{_CJK}])")
_DIRECT_PAIR = re.compile(rf"[{_CJK}](?=[{_CJK}])")
_MIN_PAIRS = 40
_SPACED_SHARE = 0.6


def letter_spaced(text: str) -> bool:
    """Most neighbouring Chinese characters of the text stand one space apart."""
    if text.count(" ") < _MIN_PAIRS:
        return False
    spaced = len(_SPACED_PAIR.findall(text))
    if spaced < _MIN_PAIRS:
        return False
    return spaced >= _SPACED_SHARE * (spaced + len(_DIRECT_PAIR.findall(text)))


def unspaced(lines: list[str]) -> list[str]:
    """The lines without the spaces between Chinese characters, when the text is letter-spaced."""
    if not letter_spaced("\n".join(lines)):
        return lines
    return [_BETWEEN.sub("", line) for line in lines]
