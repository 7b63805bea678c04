"""Names listed with 、/和/及/与 (行政复议、行政诉讼案件7件): one clause, whose figure is about the list.

Read word by word, a list's last name would take the figure after it ("行政诉讼…7件"), and a later
clause would inherit that name alone ("…，结果维持3件"). A 、 between two names with nothing else
does not end a clause, and a clause that names no subject inherits the whole list.
"""

from __future__ import annotations

import re

from report_copilot.checks.aliases import SUBJECT_KINDS, Concept, Hit

__all__ = ["LIST_JOINER", "listed_with", "without_listing_marks"]

LIST_JOINER = re.compile(r"[和及与、]")
"""What joins the names of a list."""
Scored = list[tuple[Hit, tuple[Concept, ...]]]
"""Hits with the concepts still usable in their place (as `context` scores them)."""


def without_listing_marks(text: str, hits: list[Hit], clause_ends: list[int]) -> list[int]:
    """Clause ends less each 、 that joins two names with nothing else between (行政复议、行政诉讼案件
    7件): a list of names is one clause, whose number may be their sum, not the last name's figure."""
    ends = {h.end for h in hits}
    starts = {h.start for h in hits}
    return [p for p in clause_ends if not (text[p] == "、" and p in ends and p + 1 in starts)]


def listed_with(earlier: Scored, i: int, text: str, tables: set[str]) -> list[list[Concept]]:
    """The subjects listed with hit i, joined to it by 、/和/及/与 alone (行政复议、行政诉讼案件7件，
    结果维持3件): a later clause's figure is then about the list, not its last name."""
    named: list[list[Concept]] = []
    while i > 0:
        prev_hit, prev_cs = earlier[i - 1]
        subj = [c for c in prev_cs if c.kind in SUBJECT_KINDS and (not tables or c.table in tables)]
        if not subj or not LIST_JOINER.fullmatch(text[prev_hit.end : earlier[i][0].start]):
            break
        named.insert(0, subj)
        i -= 1
    return named
