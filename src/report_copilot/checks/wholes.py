"""Enumerated wholes: words that list every member of a table's whole (公民、法人和其他组织).

A list of all kinds of applicant names the whole (the column 总计); read word by word its last member
(法人和其他组织) would bind the number to that member's subtotal and call a correct total wrong. So
the list's alias hits are joined into one hit of the whole's column. Before 分别/依次 the same words
list the members one by one, each with its own number, and the hits stay as they are. The lists are
data (`[[wholes]]` of `formats/prose_scope.toml`); found by their own small pattern, only in a text
that holds their fixed word, so the alias scan of every text stays as fast as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from report_copilot.checks.aliases import Concept, Hit, Index
from report_copilot.checks.prose_scope import prose_scope

__all__ = ["join_wholes"]

_RESPECTIVELY = re.compile(r"分别|依次")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True)
class _Whole:
    concept: Concept
    pattern: re.Pattern[str]
    anchor: str
    """A word every form of the list holds (法人): texts without it are skipped at once."""


def _either(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@cache
def _wholes() -> tuple[_Whole, ...]:
    out = []
    for entry in prose_scope().get("wholes", []):
        parts: list[list[str]] = entry["parts"]
        glue = _either(entry["joiners"])
        pattern = re.compile(glue.join(_either(forms) for forms in parts))
        anchor = max((forms[0] for forms in parts if len(forms) == 1), key=len, default="")
        out.append(_Whole(Concept("col", entry["table"], entry["column"]), pattern, anchor))
    return tuple(out)


def join_wholes(text: str, hits: list[Hit], index: Index) -> list[Hit]:
    """The alias hits with each listed whole (not followed by 分别/依次 in its sentence) as one hit."""
    for whole in _wholes():
        if whole.anchor not in text:
            continue
        for m in whole.pattern.finditer(text):
            end = _SENTENCE_END.search(text, m.end())
            if _RESPECTIVELY.search(text, m.end(), end.start() if end else len(text)):
                continue  # 自然人、法人或其他组织分别为58件、14件: the members one by one
            if not _has_column(index, whole.concept):
                break
            kept = [h for h in hits if h.end <= m.start() or h.start >= m.end()]
            hits = sorted([*kept, Hit(m.start(), m.end(), (whole.concept,))], key=lambda h: h.start)
    return hits


def _has_column(index: Index, concept: Concept) -> bool:
    """Whether the report's format has the whole's column (every format of a table has its 总计)."""
    return any(concept in concepts for concepts in index.concepts.values())
