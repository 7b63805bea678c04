"""A diff of two drafts that a reviewer of Chinese prose can read.

Line diffs are useless on Chinese paragraphs (one paragraph is one line, and there are no spaces to
diff words on). This diff aligns the two drafts by section (the heading's section key, so a renamed
heading still lines up), then aligns sentences within each section, marks sentences that moved, and
inside a changed sentence shows the characters that changed (`sentence_align`). Every number that
changed is listed once more in a summary; given the report data, each side says whether it binds to
the tables. The result types are in `diff_result`, their text form in `diff_text`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from report_copilot.model.draft import SECTION_HEADINGS, Draft
from report_copilot.review.diff_result import DraftDiff, NumberChange, SectionDiff
from report_copilot.review.sentence_align import (
    align_sentences,
    draft_units,
    mark_moves,
    number_changes,
    tokenize,
)

__all__ = ["DraftDiff", "diff_drafts", "diff_texts", "sentence_lines"]


def diff_drafts(
    old: Draft,
    new: Draft,
    *,
    old_name: str = "旧稿",
    new_name: str = "新稿",
    binder: Callable[[str], list[dict[str, Any]]] | None = None,
) -> DraftDiff:
    """Compare two drafts. `binder(sentence)` returns number mentions ({start, end, verdict, …}) for --data."""
    old_units = {k: (h, s) for k, h, s in draft_units(old)}
    new_units = {k: (h, s) for k, h, s in draft_units(new)}
    keys = list(new_units)
    for k in old_units:
        if k not in keys:
            # Keep the old position: after the key that preceded it in the old draft.
            prev = list(old_units)[: list(old_units).index(k)]
            anchor = max((keys.index(p) for p in prev if p in keys), default=-1)
            keys.insert(anchor + 1, k)
    sections: list[SectionDiff] = []
    for key in keys:
        oh, os_ = old_units.get(key, (None, []))
        nh, ns = new_units.get(key, (None, []))
        if key not in old_units:
            oh = None
        if key not in new_units:
            nh = None
        sections.append(SectionDiff(key, oh, nh, align_sentences(key, os_, ns)))
    mark_moves(sections)
    numbers: list[NumberChange] = []
    for section in sections:
        for change in section.changes:
            if change.kind in {"replace", "moved"} and change.old is not None and change.new is not None:
                numbers.extend(number_changes(section.key, change.old, change.new))
            elif change.kind == "insert" and change.new:
                numbers.extend(
                    NumberChange(section.key, None, t, None, change.new, None, o)
                    for t, o, n in tokenize(change.new)
                    if n
                )
            elif change.kind == "delete" and change.old:
                numbers.extend(
                    NumberChange(section.key, t, None, change.old, None, o, None)
                    for t, o, n in tokenize(change.old)
                    if n
                )
    if binder is not None:
        _bind(numbers, binder)
    return DraftDiff(old_name, new_name, sections, numbers)


def _bind(numbers: list[NumberChange], binder: Callable[[str], list[dict[str, Any]]]) -> None:
    cache: dict[str, list[dict[str, Any]]] = {}

    def lookup(sentence: str | None, offset: int | None) -> dict[str, Any] | None:
        if sentence is None or offset is None:
            return None
        if sentence not in cache:
            cache[sentence] = binder(sentence)
        for mention in cache[sentence]:
            if mention.get("start", -1) <= offset < mention.get("end", -1):
                return mention
        return None

    for n in numbers:
        n.old_binding = lookup(n.old_sentence, n.old_offset)
        n.new_binding = lookup(n.new_sentence, n.new_offset)


def diff_texts(old: str, new: str, **kwargs: Any) -> DraftDiff:
    """Compare two Markdown drafts."""
    return diff_drafts(Draft.from_markdown(old), Draft.from_markdown(new), **kwargs)


def sentence_lines(text: str) -> str:
    """A Markdown draft as one sentence per line under its headings: git `diff.textconv` output."""
    draft = Draft.from_markdown(text)
    lines: list[str] = []
    for key, heading, sentences in draft_units(draft):
        if heading:
            lines.append(f"## {heading}")
        elif key != "preface":
            lines.append(f"## {SECTION_HEADINGS.get(key, key)}")
        lines.extend(sentences)
        lines.append("")
    return "\n".join(lines)
