"""Staff notes as list items: normalised, then numbered 一是……；二是……。 for any number of them.

Staff often number their notes themselves (一是…, （一）…, 1. …, 2）…, ①…); the drafter numbers them
again, so the clerk's own marker is stripped first, or the report would read 一是一是… or 一是1.…
(and the stray 1 would fail the number check).
"""

from __future__ import annotations

import re

from report_copilot.checks.lint.numerals import ordinal_is
from report_copilot.drafting.base import clause

_CN = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"^\s*(?:"
    rf"[（(]\s*(?:[{_CN}]{{1,3}}|\d{{1,3}})\s*[）)]"  # （一） (1)
    rf"|(?:[{_CN}]{{1,3}}|\d{{1,3}})\s*(?:[、．）)]|\.(?!\d))"  # 一、 1. 1、 2） but not 2.5万
    rf"|[{_CN}]{{1,3}}是(?=\S)"  # 一是
    rf"|第[{_CN}]{{1,3}}[，,、：:]"  # 第一，
    r"|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]"  # ① … ⑳, ㉑ … ㊿
    r")\s*"
)


def normalise_note(note: str) -> str:
    """A note without the clerk's own list marker and closing punctuation: "2）加强培训；" → "加强培训"."""
    text = note.strip()
    for _ in range(2):  # "1. 一是…" happens when a note was pasted from a numbered list
        stripped = _MARKER.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return clause(text)


def normalise_notes(notes: list[str]) -> list[str]:
    """Every non-empty note normalised, a note given twice kept once (L-6: no repeated sentence)."""
    out: list[str] = []
    for note in notes:
        text = normalise_note(note)
        if text and text not in out:
            out.append(text)
    return out


def enumerate_points(points: list[str]) -> str:
    """一是……；二是……。 for several points (any number: 二十一是 …), the clause itself for one."""
    items = normalise_notes(points)
    if not items:
        return ""
    if len(items) == 1:
        return items[0] + "。"
    return "；".join(f"{ordinal_is(i)}{item}" for i, item in enumerate(items, start=1)) + "。"
