"""How a table region sets its cells apart, which tells whether a run of digits is one figure.

A crawl glues a row's digits ("行政规范性文件417": one digit a cell, split by `identities`); a text
laid out in columns (`pdftotext -layout`) or printed one cell a line (plain `pdftotext`) sets every
cell apart, so a run of digits there is one figure, never cells glued (`tables`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from report_copilot.inputs.published.model import NA_MARK

if TYPE_CHECKING:  # cells imports this module; the type is only annotated here
    from report_copilot.inputs.published.cells import Run

__all__ = ["Spacing"]

_LAYOUT_GAPS = re.compile(r"\d {2,}(?=\d)")
_STACKED = re.compile(r"(?:\d|" + NA_MARK + r")[ \t]*\n\s*(?=(?:\d+|" + NA_MARK + r")[ \t]*(?:\n|\Z))")
"""A cell's line (a figure or a not-applicable mark) followed by another cell's line."""
_SPACING_SCAN = 20_000
"""How far into a region its spacing is looked for: a table fits well within it."""


class Spacing:
    """How a region sets its cells apart, where it shows it twice or more: by layout gaps on a
    row's line (`pdftotext -layout`: "0      0"), or one cell a line (plain `pdftotext`, pages
    copied cell by cell: "0\n\n0"). A crawl's single spaces or tabs say nothing of cells.

    Each is looked for in the region only when a label and its first figure stand apart so (most
    regions never ask)."""

    __slots__ = ("_laid_out", "_stacked", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._laid_out: bool | None = None
        self._stacked: bool | None = None

    def mark(self, run: Run, space: str) -> None:
        """Set `apart` and `stacked` of a run whose first figure follows its label after `space`."""
        run.apart = self.apart(space)
        run.stacked = run.apart and "\n" in space

    def apart(self, space: str) -> bool:
        """The whitespace between a label and its first figure sets them apart as cells are here."""
        if "\n" in space:
            if self._stacked is None:
                self._stacked = len(_STACKED.findall(self._text, 0, _SPACING_SCAN)) >= 2
            return self._stacked
        if "  " not in space:
            return False
        if self._laid_out is None:
            self._laid_out = len(_LAYOUT_GAPS.findall(self._text, 0, _SPACING_SCAN)) >= 2
        return self._laid_out
