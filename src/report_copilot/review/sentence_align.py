"""Aligning two drafts: sections by key, sentences by similarity, moves, and numbers as tokens.

Chinese paragraphs have no spaces and one paragraph is one line, so the units compared are
sentences, and inside a sentence characters — with every number one token, so "33件" → "35件"
reads as `33 → 35`, never as a changed digit.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from report_copilot.model.draft import Draft
from report_copilot.review.diff_result import NumberChange, SectionDiff, Segment, SegmentKind, SentenceChange

__all__ = ["align_sentences", "draft_units", "mark_moves", "number_changes", "split_sentences", "tokenize"]

_NUMBER = re.compile(
    r"[-+]?\d+(?:[,，]\d{3})*(?:\.\d+)?(?:[%％‰])?"
    r"|[零〇一二三四五六七八九十百千万亿两]{2,}(?=[件条个次人项篇家份期场名户万亿元%年月日号天倍批台套所起例])"
    r"|百分之[零〇一二三四五六七八九十百点]+"
)
_SENTENCE_END = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』）)]*|[^。！？；!?;]+$")


def tokenize(text: str) -> list[tuple[str, int, bool]]:
    """(token, offset, is_number): numbers whole, every other character alone."""
    out: list[tuple[str, int, bool]] = []
    i = 0
    for m in _NUMBER.finditer(text):
        out.extend((ch, i + k, False) for k, ch in enumerate(text[i : m.start()]))
        out.append((m.group(0), m.start(), True))
        i = m.end()
    out.extend((ch, i + k, False) for k, ch in enumerate(text[i:]))
    return out


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, each with its closing punctuation (and closing quote)."""
    return [s.strip() for s in _SENTENCE_END.findall(paragraph) if s.strip()]


def draft_units(draft: Draft) -> list[tuple[str, str | None, list[str]]]:
    """(section key, its heading, sentences) in reading order; sub-headings are sentences too."""
    order: list[str] = []
    headings: dict[str, str | None] = {}
    sentences: dict[str, list[str]] = {}
    for block in draft.blocks:
        key = block.section
        if block.kind == "title":
            key = "preface"
        if block.kind == "heading" and block.level == 1:
            key = block.section
            if key not in headings or headings[key] is None:
                headings[key] = block.text
            order.append(key) if key not in order else None
            sentences.setdefault(key, [])
            continue
        if key not in order:
            order.append(key)
            headings.setdefault(key, None)
        bucket = sentences.setdefault(key, [])
        if block.kind == "table":
            bucket.append(f"【表格：{block.text}】")
        elif block.kind in {"heading", "title", "signature"}:
            bucket.append(block.text.strip())
        else:
            bucket.extend(split_sentences(block.text))
    # Sub-sections of one top section are compared together (a sentence may move between them).
    merged: dict[str, tuple[str | None, list[str]]] = {}
    merged_order: list[str] = []
    for key in order:
        top = key.split(".")[0]
        heading = headings.get(top) if top != key else headings.get(key)
        if top not in merged:
            merged[top] = (heading, [])
            merged_order.append(top)
        elif merged[top][0] is None and heading is not None:
            merged[top] = (heading, merged[top][1])
        merged[top][1].extend(sentences.get(key, []))
    return [(k, merged[k][0], merged[k][1]) for k in merged_order]


def _char_segments(old: str, new: str) -> list[Segment]:
    """Character-level difference of two sentences, numbers as whole tokens."""
    a, b = tokenize(old), tokenize(new)
    matcher = SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Segment("equal", "".join(t for t, _, _ in a[i1:i2])))
            continue
        if i2 > i1:
            out.extend(_group(a[i1:i2], "delete"))
        if j2 > j1:
            out.extend(_group(b[j1:j2], "insert"))
    return out


def _group(tokens: list[tuple[str, int, bool]], kind: SegmentKind) -> list[Segment]:
    out: list[Segment] = []
    for text, _, is_number in tokens:
        if out and not is_number and not out[-1].number:
            out[-1].text += text
        else:
            out.append(Segment(kind, text, is_number))
    return out


def number_changes(section: str, old: str, new: str) -> list[NumberChange]:
    """Numbers replaced inside a changed sentence, paired in order within each changed stretch."""
    a, b = tokenize(old), tokenize(new)
    matcher = SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    out: list[NumberChange] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds = [(t, o) for t, o, n in a[i1:i2] if n]
        news = [(t, o) for t, o, n in b[j1:j2] if n]
        for k in range(max(len(olds), len(news))):
            ot = olds[k] if k < len(olds) else (None, None)
            nt = news[k] if k < len(news) else (None, None)
            out.append(NumberChange(section, ot[0], nt[0], old, new, ot[1], nt[1]))
    return out


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def align_sentences(section: str, old: list[str], new: list[str]) -> list[SentenceChange]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    changes: list[SentenceChange] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.extend(SentenceChange("equal", s, s) for s in old[i1:i2])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        # Pair each old sentence with the most similar new one, in order.
        j = 0
        for o in olds:
            best, best_ratio = None, 0.5
            for k in range(j, len(news)):
                ratio = _similarity(o, news[k])
                if ratio > best_ratio:
                    best, best_ratio = k, ratio
            if best is None:
                changes.append(SentenceChange("delete", o, None))
                continue
            changes.extend(SentenceChange("insert", None, n) for n in news[j:best])
            changes.append(SentenceChange("replace", o, news[best], _char_segments(o, news[best])))
            j = best + 1
        changes.extend(SentenceChange("insert", None, n) for n in news[j:])
    return changes


def mark_moves(sections: list[SectionDiff]) -> None:
    """A sentence deleted in one place and inserted (nearly) unchanged elsewhere has moved."""
    deleted = [(s, c) for s in sections for c in s.changes if c.kind == "delete"]
    inserted = [(s, c) for s in sections for c in s.changes if c.kind == "insert"]
    for origin, d in deleted:
        match = None
        for pair in inserted:
            if pair[1].kind == "insert" and d.old and pair[1].new and _similarity(d.old, pair[1].new) >= 0.9:
                match = pair
                break
        if match is None:
            continue
        ins = match[1]
        ins.kind = "moved"
        ins.old = d.old
        ins.segments = _char_segments(d.old or "", ins.new or "")
        if origin is not match[0]:
            ins.moved_from = origin.heading
        d.kind = "equal"  # shown once, at its new place
        d.new = None
    for s in sections:
        s.changes = [c for c in s.changes if not (c.kind == "equal" and c.new is None and c.old is not None)]
