"""The one-class scans of `checks.numerals` against what they replace, on every code point."""

from __future__ import annotations

import re
import sys

from report_copilot.checks import numerals
from report_copilot.model.hygiene import HIDDEN

_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def _matched(pattern: re.Pattern[str]) -> set[str]:
    return {m.group()[0] for m in pattern.finditer(_ALL)}


def test_any_to_normalise_is_the_alternation_it_replaces() -> None:
    """A text has a match of either iff one of its characters has one (each alternative opens with
    a one-character class), so agreeing on every character is agreeing on every text."""
    alternation = re.compile(f"{numerals._SPECIAL.pattern}|{HIDDEN.pattern}|{numerals._CAPITAL_RUN.pattern}")
    assert [numerals.is_plain(ch) for ch in _ALL] == [alternation.search(ch) is None for ch in _ALL]
    assert numerals._ANY_TO_NORMALISE.search(_ALL[:0x4E00]) is not None


def test_unreadable_when_plain_is_what_a_plain_text_can_hold() -> None:
    plain_unreadable = {ch for ch in _matched(numerals.UNREADABLE) if numerals.is_plain(ch)}
    assert _matched(numerals.UNREADABLE_WHEN_PLAIN) == plain_unreadable
