"""What every lint rule reads: the prose blocks of a draft with their place, split into sentences.

Rules name places the way a clerk finds them: the section heading and the paragraph's number within it
(「五、存在的主要问题及改进情况 第 2 段」), not block indices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from report_copilot.model.draft import OVERVIEW_SUBSECTIONS, SECTION_HEADINGS, Draft

SECTION_NAMES: dict[str, str] = {
    "preface": "报告开头说明",
    **SECTION_HEADINGS,
    **{k: f"一、总体情况 › {v}" for k, v in OVERVIEW_SUBSECTIONS.items()},
    "signature": "落款",
}

_SENTENCE = re.compile(r"[^。！？!?】]+[。！？!?】]*")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,，]\d+)*")


@dataclass(frozen=True)
class Paragraph:
    """One prose paragraph of a draft and where it is."""

    block: int
    section: str
    index: int
    text: str

    @property
    def top(self) -> str:
        """The section of 一…六 (or preface) the paragraph belongs to."""
        return self.section.split(".", 1)[0]

    @property
    def where(self) -> str:
        name = SECTION_NAMES.get(self.section, self.section)
        return f"{name} 第 {self.index} 段" if self.index else f"{name} 标题"


def paragraphs(draft: Draft) -> list[Paragraph]:
    """Every prose paragraph (not titles, headings, tables or the signature), numbered per section."""
    out: list[Paragraph] = []
    counts: dict[str, int] = {}
    for i, block in enumerate(draft.blocks):
        if block.kind != "paragraph" or not block.text.strip():
            continue
        counts[block.section] = counts.get(block.section, 0) + 1
        out.append(Paragraph(i, block.section, counts[block.section], block.text.strip()))
    return out


def sentences(text: str) -> list[str]:
    """Sentences ending in 。！？ or a placeholder's 】 (the last one may lack its full stop)."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def squeeze(text: str) -> str:
    """Without whitespace: PDFs and hand edits break lines and add spaces anywhere."""
    return _SPACE.sub("", text)


def mask_numbers(text: str) -> str:
    """Every figure as #, so a sentence copied from last year with new numbers still matches."""
    return _NUMBER.sub("#", squeeze(text))


def clip(text: str, size: int = 40) -> str:
    """A sentence shortened for a message."""
    text = squeeze(text)
    return text if len(text) <= size else text[: size - 1] + "…"
