"""Alias occurrences that name no figure: a name inside a title, or a generic verb that is negated.

《政府信息公开申请答复书》1份 counts documents with a title, not replies (答复); 不予受理4件 counts
refusals, not receipts (受理); 未办结3件 is no count of completed cases. Such a hit is dropped before
a number's context is read, so the number is judged by the words that remain (most often: no certain
subject, listed as unsupported). The negations are data (`[names] negations` of
`formats/prose_scope.toml`).
"""

from __future__ import annotations

import re
from functools import cache

from report_copilot.checks.aliases import Hit
from report_copilot.checks.numbers import NUMERAL_OPENING
from report_copilot.checks.prose_scope import prose_scope

__all__ = ["claim_only", "handled", "naming_hits"]

_TITLE = re.compile(r"《[^《》]{1,80}》")


@cache
def _words() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in prose_scope()["names"].items()}


def handled(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a verb of handling (累计办理…申请合计12件): what it counts may
    include last year's carry-over, so a bare applicant column does not mean the received row."""
    return any(w in text[start:end] for w in _words()["handling"])


def naming_hits(text: str, hits: list[Hit]) -> list[Hit]:
    """`hits` without those inside a 《title》 and the weak ones right after a negation (不予受理)."""
    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)] if "《" in text else []
    negations = _words()["negations"]
    kept = [
        h
        for h in hits
        if not (h.weak and text.endswith(negations, max(0, h.start - 2), h.start))
        and not any(s < h.start and h.end < e for s, e in titles)
    ]
    return hits if len(kept) == len(hits) else kept


def claim_only(text: str, clause_end: int, hit: Hit, before: int) -> bool:
    """A generic verb (答复, 办结) whose clause, ending at `clause_end` before the number at `before`,
    states no figure ("收到申请72件，已全部依法按期答复，…自然人申请58件"): a claim about the
    applications counted before it, not the row whose parts a later clause gives."""
    return clause_end < before and NUMERAL_OPENING.search(text, hit.end, clause_end) is None
