"""Which characters count as Chinese words: one definition for every layer that weighs text by them.

The checks (is there a noun between a name and its number?), the table-text detector (is a line
mostly labels?), the model-reply guard (is a reply Chinese prose?) and series linking all weigh text by
its CJK Unified Ideographs; punctuation, digits and Latin letters are not words here.
"""

from __future__ import annotations


def cjk_count(text: str) -> int:
    """How many CJK Unified Ideographs (U+4E00–U+9FFF) the text holds."""
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
