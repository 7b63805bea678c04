"""分别/依次: a list of names, then as many numbers (予以公开、部分公开、不予公开分别为28件、8件、4件),
the n-th number quoting the n-th name. Split from `checks.context`, whose sentence context it overrides.
"""

from __future__ import annotations

import re

from report_copilot.checks.aliases import SUBJECT_KINDS, Concept, Index
from report_copilot.checks.context import Context, TextContext, boundary_before
from report_copilot.checks.numbers import NumberSpan

_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达到|达|占)?|依次为")
_SEGMENT = re.compile(r"[，,；;。！？!?：:\n]")
_LIST_GAP = re.compile(r"[\s、，,和及与以]*")


def respectively(live: list[NumberSpan], ctx: TextContext, index: Index) -> dict[int, Context]:
    """予以公开、部分公开、不予公开分别为28件、8件、4件: the n-th number quotes the n-th name.

    Names are the subjects (or, with none, the columns) named in the segment before 分别; the numbers
    are the ones right after it, separated only by 、，和及与. Binds only when the counts match."""
    text = ctx.text
    out: dict[int, Context] = {}
    for m in _RESPECTIVELY.finditer(text):
        seg_start = boundary_before([e.start() for e in _SEGMENT.finditer(text, 0, m.start())], m.start())
        seg_end = _SEGMENT.search(text, m.end())
        end = seg_end.start() if seg_end else len(text)
        chosen = _listed_numbers(live, text, m.end())
        if not chosen or chosen[0].start > end:
            continue
        subjects, columns = _listed_names(ctx, index, seg_start, m.start(), text[seg_start:end])
        if len(subjects) == len(chosen) and len(subjects) > 1:
            shared = [c for cs in columns for c in cs] if len(columns) == 1 else []
            for sp, subj in zip(chosen, subjects, strict=True):
                out[id(sp)] = Context(list(subj), shared, True, False)
        elif not subjects and len(columns) == len(chosen) and len(columns) > 1:
            for sp, cols in zip(chosen, columns, strict=True):
                row = next((index.default_rows[c.table] for c in cols if c.table in index.default_rows), None)
                if row is not None:
                    out[id(sp)] = Context([row], list(cols), True, False, own=False)
    return out


def _listed_numbers(live: list[NumberSpan], text: str, pos: int) -> list[NumberSpan]:
    """The numbers right after 分别为 (the segment may end at the 「，」 between them)."""
    chosen: list[NumberSpan] = []
    for sp in (sp for sp in live if pos <= sp.start):
        if not _LIST_GAP.fullmatch(text, pos, sp.start):
            break
        chosen.append(sp)
        pos = sp.end
    return chosen


def _listed_names(
    ctx: TextContext, index: Index, start: int, end: int, around: str
) -> tuple[list[tuple[Concept, ...]], list[tuple[Concept, ...]]]:
    """The subjects, and the columns named without a subject, listed in text[start:end], in order."""
    subjects: list[tuple[Concept, ...]] = []
    columns: list[tuple[Concept, ...]] = []
    for h in ctx.hits_in(start, end):
        cs = index.usable(h, around, ctx.section)
        subj = tuple(c for c in cs if c.kind in SUBJECT_KINDS)
        cols = tuple(c for c in cs if c.kind == "col")
        if subj and (not subjects or subjects[-1] != subj):
            subjects.append(subj)
        elif cols and not subj and (not columns or columns[-1] != cols):
            columns.append(cols)
    if len(subjects) > 1 and any(not c.weak for s in subjects for c in s):
        subjects = [s for s in subjects if any(not c.weak for c in s)]
    return subjects, columns
