"""Rows whose figures are printed apart, one or more short of the row's cells (layout text of a
table whose empty cells were printed blank): a figure standing apart is never cut unless an
identity confirms the cut, and a blank that left no trace is not guessed into one place."""

from __future__ import annotations

import re
from typing import Any

from report_copilot.inputs.published import import_text
from tests.review.published import published_text


def _with_row(data: dict[str, Any], label: str, printed: str) -> str:
    text = published_text(data, break_labels=False)
    return re.sub(rf"(?m)^{label} [0-9 ]+$", f"{label}{printed}", text, count=1)


def test_a_figure_printed_apart_is_not_cut_into_a_blank_cell(example_2021: dict[str, Any]) -> None:
    # 本年制发 8, 本年废止 blank, 现行有效 18: "8 18" cut as 8|1|8 is the one split, but no identity
    # of table 二 can confirm it, and the blank could stand at any of the three places.
    imported = import_text(_with_row(example_2021, "行政规范性文件", "      8        18"))
    row = imported.data["active"]["normative_documents"]
    assert row == {"issued": None, "abolished": None, "in_force": None}
    assert any(
        i.kind in {"ambiguous", "unreadable"} and "行政规范性文件" in i.message for i in imported.issues
    )


def test_figures_printed_touching_are_still_split(example_2021: dict[str, Any]) -> None:
    # "0+11": two figures with nothing between them are glued cells; the one split is read.
    imported = import_text(_with_row(example_2021, "行政规范性文件", " 0+11"))
    assert imported.data["active"]["normative_documents"] == {"issued": 0, "abolished": 1, "in_force": 1}
