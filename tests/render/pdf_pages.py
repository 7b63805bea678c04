"""The text lines of a rendered PDF with their boxes (poppler's `pdftotext -bbox-layout`), for the
page-grid checks of the rendering test: which line sits in which of the 22 line slots, how many
characters a full line holds, what stands last on each page."""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_LINE = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD = re.compile(r"<word[^>]*>(.*?)</word>", re.S)


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return round(self.y1 - self.y0, 1)

    @property
    def cjk_only(self) -> bool:
        """Only CJK characters and full-width punctuation (no digits or Latin, whose widths vary)."""
        return bool(self.text) and all(ord(ch) >= 0x2000 for ch in self.text)


def pdf_lines(pdf: Path) -> list[list[Line]]:
    """Every page's text lines, top to bottom."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages: list[list[Line]] = []
    for page in out.split("<page ")[1:]:
        lines = [
            Line(float(a), float(b), float(c), float(d), html.unescape("".join(_WORD.findall(words))))
            for a, b, c, d, words in _LINE.findall(page)
        ]
        pages.append(sorted(lines, key=lambda line: (round(line.y0), line.x0)))
    return pages


def body_height(pages: list[list[Line]], prose: str) -> float:
    """The line-box height of body text (三号): the commonest height of long lines found in the prose
    (table cells are smaller, the title larger)."""
    heights = Counter(
        line.height for page in pages for line in page if len(line.text) >= 10 and line.text in prose
    )
    return heights.most_common(1)[0][0]
