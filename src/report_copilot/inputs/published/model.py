"""What the importer yields and shares: the `∅` mark, the issues it reports, the imported report.

Every stage writes or reads `∅` and reports `ImportIssue`s, so these sit below all of them and
depend on none; `excel_input` builds an `ImportedReport` from a filled-in template as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from report_copilot.model.draft import Draft

BLANK_MARK = "∅"
"""Written by the structured readers for an empty value cell, so the cell keeps its place."""

MARGIN_CHARS = 3
"""A line piece of at most this many characters: a margin label's characters, printed down the side
of a laid-out table between the rows (三、本年度办理结果 as 三、本 / 年度办 / 理结果)."""

NA_MARK = r"[-—–/／－─]{1,3}|无|不适用"
"""A not-applicable mark standing for a cell ("/", "—", "无"), as a pattern to build on."""
NA_CELL = re.compile(r"^(?:[-—–/／－─]+|无|不适用)$")
"""A whole cell printing a mark for nothing to report ("/", "—", "无", "不适用"), not a value."""

IssueKind = Literal[
    "unreadable",
    "blank",
    "na",
    "ambiguous",
    "inferred",
    "missing_row",
    "missing_table",
    "meta",
    "layout",
    "inconsistent",
]
"""`layout`: the table prints a row as another template does (a group as one row); the audit
reports it under X-1. `inconsistent`: no reading of the printed digits satisfies the identity
`rule`; the audit reports it as an error under that rule."""


@dataclass
class ImportIssue:
    """Something the importer could not read for certain; `cells` are the cells concerned."""

    kind: IssueKind
    location: str
    where: str
    message: str
    cells: list[str] = field(default_factory=list)
    candidates: list[list[int]] = field(default_factory=list)
    rule: str | None = None

    def as_json(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "location": self.location,
            "where": self.where,
            "message": self.message,
            "cells": self.cells,
            "candidates": self.candidates,
        }
        return out if self.rule is None else {**out, "rule": self.rule}


@dataclass
class ImportedReport:
    """What a published report yields: input data, the prose, and what could not be read."""

    data: dict[str, Any]
    draft: Draft
    issues: list[ImportIssue]
    source: str
    source_kind: str
    format_id: str
    cells_read: int = 0
    cells_total: int = 0

    @property
    def unreadable_cells(self) -> list[str]:
        """Cells left blank because the source could not be read there (not blank in the source)."""
        out: list[str] = []
        for issue in self.issues:
            if issue.kind in {"unreadable", "ambiguous", "inconsistent", "missing_row", "missing_table"}:
                out.extend(c for c in issue.cells if c not in out)
        return out

    @property
    def complete(self) -> bool:
        return not any(
            i.kind in {"unreadable", "ambiguous", "inconsistent", "missing_row", "missing_table", "blank"}
            for i in self.issues
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_kind": self.source_kind,
            "format": self.format_id,
            "agency": self.data["meta"].get("agency"),
            "year": self.data["meta"].get("year"),
            "cells_read": self.cells_read,
            "cells_total": self.cells_total,
            "complete": self.complete,
            "issues": [i.as_json() for i in self.issues],
        }
