"""What a draft diff found: sections, their sentence changes, and the numbers that changed.

The result types stand apart from the alignment that builds them so that front ends (the TUI's
对比 tab, `copilot diff --json`) can hold and show a diff without the machinery that made it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from report_copilot.model.draft import SECTION_HEADINGS
from report_copilot.review.diff_text import unified_text

__all__ = [
    "ChangeKind",
    "DraftDiff",
    "NumberChange",
    "SectionDiff",
    "Segment",
    "SegmentKind",
    "SentenceChange",
]

ChangeKind = Literal["equal", "insert", "delete", "replace", "moved"]
SegmentKind = Literal["equal", "delete", "insert"]


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
        """The diff as text: see `diff_text.unified_text`."""
        return unified_text(self, style)
