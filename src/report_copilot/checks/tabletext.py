"""Table text that reached the prose: judged as a table (by the identities), never as sentences.

A published report converted to text keeps pieces of its tables among the paragraphs: Markdown rows
(`| 予以公开 | 28 | … |`), a header whose words run together (行政复议行政诉讼未经复议直接起诉结果维持…),
a PDF row glued to its label (行政处罚3985758行政强制88283). Read as a sentence, such a piece says
“行政事业性收费96171.6” without its unit or “尚未总计” as a claim, and every number in it would be
compared with the cell it *is*. A stretch is table text when it has Markdown cell bars, or when its
words are mostly the format's own labels and its numbers carry no measure word (a header without
numbers must also have no clause punctuation outside its labels).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from report_copilot.checks.aliases import Hit, Index
from report_copilot.model.script import cjk_count

__all__ = ["mask_table_text", "mask_with_hits"]

_STRETCH = re.compile(r"[^。！？!?；;：:\n]+")
_BARS = re.compile(r"\|")
_CLAUSE_MARKS = re.compile(r"[，,、]")
_DIGIT = re.compile(r"\d")
_BARE = re.compile(r"\d+(?:\.\d+)?(?![\d.]|\s*(?:[件条项个次人篇期场家份起宗例批名位元万亿%％]|个百分点))")
_BARE_PER_COUNTED = 3
"""A table row may print one unit (采购总金额 …元) among its bare cells; prose rarely leaves numbers bare."""
_COUNTED = re.compile(r"\d\s*(?:[件条项个次人篇期场家份起宗例批名位元万亿%％]|个百分点)")
_MIN_LABELS = 4
"""Label words a punctuation-free stretch needs before it is taken for table text."""
_LABEL_SHARE = 0.4
"""Share of its Chinese characters the labels must cover."""


def _is_table_text(text: str, start: int, end: int, index: Index, hits: list[Hit] | None) -> bool:
    piece = text[start:end]
    if len(_BARS.findall(piece)) >= 3:
        return True  # Markdown cells
    if hits is None:
        hits = index.hits(text, start, end)
    if len(hits) < _MIN_LABELS:
        return False
    outside = list(piece)
    for h in hits:  # a label may hold its own commas (区分处理的，只计这一情形，不计其他情形)
        outside[h.start - start : h.end - start] = " " * (h.end - h.start)
    rest = "".join(outside)
    counted = len(_COUNTED.findall(rest))
    if counted and len(_BARE.findall(rest)) < _BARE_PER_COUNTED * counted:
        return False  # prose gives its numbers a measure word (28件); a table row prints them bare
    if not _DIGIT.search(piece) and _CLAUSE_MARKS.search(rest):
        return False  # a sentence lists with 、 and pauses with ，; a table header does neither
    cjk = cjk_count(piece)
    covered = sum(cjk_count(text[h.start : h.end]) for h in hits)
    return cjk > 0 and covered / cjk >= _LABEL_SHARE


def mask_table_text(text: str, index: Index) -> str:
    """`text` with every table-text stretch blanked (same length, so offsets still hold)."""
    return mask_with_hits(text, index)[0]


def mask_with_hits(text: str, index: Index) -> tuple[str, list[Hit] | None]:
    """`mask_table_text`, and the alias hits of the text when it was read whole and nothing was
    blanked (the binder needs them too). With no name holding a delimiter, the hits of the whole
    text are those of its stretches, found in one pass."""
    if "|" not in text and len(text) < 40:
        return text, None
    hits = index.hits(text) if index.stretch_safe else None
    starts = [h.start for h in hits] if hits is not None else []
    pieces: list[tuple[int, int]] = []
    for m in _STRETCH.finditer(text):
        start, end = m.start(), m.end()
        inside = None if hits is None else hits[bisect_left(starts, start) : bisect_left(starts, end)]
        if _is_table_text(text, start, end, index, inside):
            pieces.append((start, end))
    if not pieces:
        return text, hits
    out = list(text)
    for start, end in pieces:
        out[start:end] = " " * (end - start)
    return "".join(out), None
