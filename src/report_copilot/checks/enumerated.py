"""A whole's members listed one by one: 自然人、法人或其他组织分别为58件、14件.

`checks.wholes` makes 公民、法人和其他组织 one name of the whole (总计). Before 分别/依次 the same words
list the members, each with its own number, so the name is read back as its members.
"""

from __future__ import annotations

import re

from report_copilot.checks.aliases import Hit, Index
from report_copilot.checks.wholes import whole_heads

__all__ = ["unlist_wholes"]

_RESPECTIVELY = re.compile(r"分别|依次")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def unlist_wholes(text: str, hits: list[Hit], index: Index) -> list[Hit]:
    """The hits with each whole followed by 分别/依次 in its sentence replaced by its members' hits."""
    heads = whole_heads()
    out: list[Hit] = []
    for hit in hits:
        head = heads.get(text[hit.start : hit.end])
        if head is not None:
            end = _SENTENCE_END.search(text, hit.end)
            stop = end.start() if end else len(text)
            first, rest = head
            if _RESPECTIVELY.search(text, hit.end, stop) and first in index.concepts:
                out.append(Hit(hit.start, hit.start + len(first), index.concepts[first], first in index.weak))
                out.extend(index.hits(text, hit.start + rest, hit.end))
                continue
        out.append(hit)
    return out
