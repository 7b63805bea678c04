"""Text hygiene: characters a reader cannot see that change what a text shows or says.

Bidirectional controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) reorder what is displayed:
`申请\u202e72\u202c件` is stored as 72 and printed as 27. Zero-width and other format characters hide
inside words and numbers. Every entry point (model replies, notes, imported text, hand edits) can find
them here and either remove them or refuse the text with a finding that says where they are.

This lives in the model layer so that inputs, checks, drafting and the TUI can all use it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""Every format (Cf), line/paragraph separator (Zl, Zp) and control character (Cc) but tab, line feed
and carriage return, as of Unicode 14 (a test keeps this in step with `unicodedata`)."""

BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The characters that change the display order of the text around them."""


@dataclass(frozen=True, slots=True)
class HiddenChar:
    """One invisible character and where it is."""

    offset: int
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def kind(self) -> str:
        """What it is, in the words a clerk understands."""
        if self.char in BIDI:
            return "双向文本控制符"
        if self.char in "\u200b\u200c\u200d\u2060\ufeff":
            return "零宽字符"
        if unicodedata.category(self.char) == "Cc":
            return "控制字符"
        return "不可见格式字符"

    @property
    def is_bidi(self) -> bool:
        return self.char in BIDI


def hidden_chars(text: str) -> list[HiddenChar]:
    """Every invisible character of `text`, in order."""
    return [HiddenChar(m.start(), m.group()) for m in HIDDEN.finditer(text)]


def strip_hidden(text: str) -> str:
    """`text` without its invisible characters (for entry points that clean rather than refuse)."""
    return HIDDEN.sub("", text)


def describe(found: list[HiddenChar]) -> str:
    """A short Chinese list of what was found: U+202E（双向文本控制符）、U+200B（零宽字符）."""
    seen = dict.fromkeys((h.code, h.kind) for h in found)
    return "、".join(f"{code}（{kind}）" for code, kind in seen)
