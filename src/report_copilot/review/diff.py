"""A diff of two drafts that a reviewer of Chinese prose can read.

Line diffs are useless on Chinese paragraphs (one paragraph is one line, and there are no spaces to
diff words on). This diff aligns the two drafts by section (the heading's section key, so a renamed
heading still lines up), then aligns sentences within each section, marks sentences that moved, and
inside a changed sentence shows the characters that changed — with every number as one token, so
"33件" → "35件" reads as `33 → 35`, never as a changed digit. Every number that changed is listed
once more in a summary; given the report data, each side says whether it binds to the tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal

from report_copilot.model.draft import SECTION_HEADINGS, Draft

__all__ = [
    "DraftDiff",
    "NumberChange",
    "SectionDiff",
    "SentenceChange",
    "Segment",
    "diff_drafts",
    "diff_texts",
    "sentence_lines",
    "split_sentences",
    "tokenize",
]

ChangeKind = Literal["equal", "insert", "delete", "replace", "moved"]
SegmentKind = Literal["equal", "delete", "insert"]

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


@dataclass
class Segment:
    kind: SegmentKind
    text: str
    number: bool = False


@dataclass
class NumberChange:
    """One number that differs: old → new (None when the sentence carrying it was added or removed)."""

    section: str
    old: str | None
    new: str | None
    old_sentence: str | None
    new_sentence: str | None
    old_offset: int | None = None
    new_offset: int | None = None
    old_binding: dict[str, Any] | None = None
    new_binding: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "old": self.old,
            "new": self.new,
            "old_sentence": self.old_sentence,
            "new_sentence": self.new_sentence,
            "old_binding": self.old_binding,
            "new_binding": self.new_binding,
        }


@dataclass
class SentenceChange:
    kind: ChangeKind
    old: str | None
    new: str | None
    segments: list[Segment] = field(default_factory=list)
    moved_from: str | None = None
    """For a moved sentence: the heading of the section it came from."""

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "old": self.old, "new": self.new}
        if self.moved_from:
            out["moved_from"] = self.moved_from
        if self.segments:
            out["segments"] = [
                {"kind": s.kind, "text": s.text, **({"number": True} if s.number else {})}
                for s in self.segments
            ]
        return out


@dataclass
class SectionDiff:
    key: str
    old_heading: str | None
    new_heading: str | None
    changes: list[SentenceChange]

    @property
    def heading(self) -> str:
        return self.new_heading or self.old_heading or SECTION_HEADINGS.get(self.key.split(".")[0], self.key)

    @property
    def status(self) -> str:
        if self.old_heading is None and all(c.kind == "insert" for c in self.changes):
            return "added"
        if self.new_heading is None and all(c.kind == "delete" for c in self.changes):
            return "removed"
        renamed = (
            self.old_heading is not None
            and self.new_heading is not None
            and self.old_heading != self.new_heading
        )
        return "equal" if all(c.kind == "equal" for c in self.changes) and not renamed else "changed"

    def as_json(self, *, context: bool = False) -> dict[str, Any]:
        return {
            "key": self.key,
            "heading": self.heading,
            "old_heading": self.old_heading,
            "new_heading": self.new_heading,
            "status": self.status,
            "changes": [c.as_json() for c in self.changes if context or c.kind != "equal"],
        }


@dataclass
class DraftDiff:
    old_name: str
    new_name: str
    sections: list[SectionDiff]
    numbers: list[NumberChange]

    @property
    def changed(self) -> bool:
        return any(s.status != "equal" for s in self.sections)

    def stats(self) -> dict[str, int]:
        kinds = [c.kind for s in self.sections for c in s.changes]
        return {
            "sections_changed": sum(1 for s in self.sections if s.status != "equal"),
            "inserted": kinds.count("insert"),
            "deleted": kinds.count("delete"),
            "replaced": kinds.count("replace"),
            "moved": kinds.count("moved"),
            "numbers_changed": len(self.numbers),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "old": self.old_name,
            "new": self.new_name,
            "changed": self.changed,
            "stats": self.stats(),
            "sections": [s.as_json() for s in self.sections if s.status != "equal"],
            "numbers": [n.as_json() for n in self.numbers],
        }

    def unified(self, style: Callable[[str, str], str] | None = None) -> str:
        """The diff as text: `-`/`+`/`~`/`>` lines per sentence, `[-old-]{+new+}` inside a sentence.

        `style(text, role)` may colour a piece (roles: header, section, delete, insert, number, moved).
        """
        paint = style or (lambda text, role: text)
        lines = [paint(f"--- {self.old_name}", "header"), paint(f"+++ {self.new_name}", "header")]
        for section in self.sections:
            if section.status == "equal":
                continue
            title = section.heading
            if section.old_heading and section.new_heading and section.old_heading != section.new_heading:
                title = f"{section.old_heading} → {section.new_heading}"
            lines.append(paint(f"@@ {title} @@", "section"))
            for change in section.changes:
                if change.kind == "equal":
                    continue
                if change.kind == "delete":
                    lines.append(paint(f"-{change.old}", "delete"))
                elif change.kind == "insert":
                    lines.append(paint(f"+{change.new}", "insert"))
                else:
                    mark = "~" if change.kind == "replace" else ">"
                    body = "".join(_inline(s, style is not None, paint) for s in change.segments)
                    prefix = paint(mark, "moved" if change.kind == "moved" else "section")
                    if change.kind == "moved":
                        origin = f"，原在{change.moved_from}" if change.moved_from else ""
                        prefix += paint(f"（移动{origin}）", "moved")
                    lines.append(prefix + body)
        if self.numbers:
            lines.append(paint("@@ 数字变化 @@", "section"))
            for n in self.numbers:
                lines.append(_number_line(n, paint))
        return "\n".join(lines) + "\n"


def _inline(segment: Segment, coloured: bool, paint: Callable[[str, str], str]) -> str:
    if segment.kind == "equal":
        return segment.text
    if coloured:
        role = segment.kind if not segment.number else f"{segment.kind}-number"
        return paint(segment.text, role)
    return f"[-{segment.text}-]" if segment.kind == "delete" else f"{{+{segment.text}+}}"


def _binding_text(binding: dict[str, Any] | None) -> str:
    """How one side of a changed number binds to the data (verdicts of `checks.prose`)."""
    if not binding:
        return ""
    verdict = binding.get("verdict")
    where = binding.get("where") or binding.get("ref") or "数据"
    expected = binding.get("expected")
    if verdict == "bound":
        return "（✓ 与表格一致）"
    if verdict == "mismatch":
        return f"（✗ 与{where}不符" + (f"，应为 {expected}）" if expected else "）")
    if verdict == "unsupported":
        return "（数据中无出处）"
    if verdict == "ambiguous":
        return "（所指不明）"
    if verdict == "exempt":
        return "（非统计数字）"
    return f"（{verdict}）" if verdict else ""


def _number_line(n: NumberChange, paint: Callable[[str, str], str]) -> str:
    old = n.old if n.old is not None else "（无）"
    new = n.new if n.new is not None else "（删除）"
    if n.old is None:
        old, new = "（新增）", n.new or ""
    head = SECTION_HEADINGS.get(n.section.split(".")[0], n.section)
    context = n.new_sentence or n.old_sentence or ""
    short = context if len(context) <= 40 else context[:38] + "…"
    return (
        f"  {head}：{paint(old, 'delete')}{_binding_text(n.old_binding)} → "
        f"{paint(new, 'insert')}{_binding_text(n.new_binding)}　「{short}」"
    )


# ------------------------------------------------------------------------------------------ alignment


def _units(draft: Draft) -> list[tuple[str, str | None, list[str]]]:
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


def _number_changes(section: str, old: str, new: str) -> list[NumberChange]:
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


def _align(section: str, old: list[str], new: list[str]) -> list[SentenceChange]:
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


def _mark_moves(sections: list[SectionDiff]) -> None:
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


def diff_drafts(
    old: Draft,
    new: Draft,
    *,
    old_name: str = "旧稿",
    new_name: str = "新稿",
    binder: Callable[[str], list[dict[str, Any]]] | None = None,
) -> DraftDiff:
    """Compare two drafts. `binder(sentence)` returns number mentions ({start, end, verdict, …}) for --data."""
    old_units = {k: (h, s) for k, h, s in _units(old)}
    new_units = {k: (h, s) for k, h, s in _units(new)}
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
        sections.append(SectionDiff(key, oh, nh, _align(key, os_, ns)))
    _mark_moves(sections)
    numbers: list[NumberChange] = []
    for section in sections:
        for change in section.changes:
            if change.kind in {"replace", "moved"} and change.old is not None and change.new is not None:
                numbers.extend(_number_changes(section.key, change.old, change.new))
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
    for key, heading, sentences in _units(draft):
        if heading:
            lines.append(f"## {heading}")
        elif key != "preface":
            lines.append(f"## {SECTION_HEADINGS.get(key, key)}")
        lines.extend(sentences)
        lines.append("")
    return "\n".join(lines)
