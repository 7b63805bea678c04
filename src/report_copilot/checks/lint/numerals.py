"""Chinese numerals for list ordinals (一是 … 二十一是, （十二）): written and read back.

Lists in a report can be long (a 五 with 21 measures is not unusual in a government's report), so the
ordinal must exist for any count; 1–99 are spelt here (the forms a report uses), larger numbers go
through cn2an, imported only then because it is heavy.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 100 → 一百 (the form of 一是 and （一） ordinals)."""
    if n <= 0:
        raise ValueError(f"an ordinal starts at 1, not {n}")
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        head = "" if tens == 1 else DIGITS[tens]
        return f"{head}十{DIGITS[units] if units else ''}"
    import cn2an  # heavy: only for lists of a hundred items or more

    return str(cn2an.an2cn(n))


def from_chinese(text: str) -> int | None:
    """二十一 → 21; None for anything that is not a plain numeral of 1–99."""
    if not text or any(ch not in DIGITS[1:] + "十" for ch in text):
        return None
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 else None
    head, _, tail = text.partition("十")
    if len(head) > 1 or len(tail) > 1 or "十" in tail:
        return None
    tens = DIGITS.index(head) if head else 1
    units = DIGITS.index(tail) if tail else 0
    return tens * 10 + units


def ordinal_is(n: int) -> str:
    """The n-th marker of an 一是……；二是…… enumeration."""
    return f"{to_chinese(n)}是"
