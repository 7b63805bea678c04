"""Tables copied from Word, WPS, Excel or a browser into a text file (issue 10): a row a line, its
cells between tabs, an empty cell an empty field. A blank cell keeps its column there, so a row
whose zeros were left blank ("行政许可\\t\\t\\t126") is read in its columns, never by count (1 | 2 | 6).
Crafted from the bundled examples; a wrong value is worse than an unread cell.
"""

from __future__ import annotations

from typing import Any

from report_copilot.inputs.json_input import report_from_data
from report_copilot.inputs.published import import_text
from report_copilot.inputs.published.rows import tab_rows
from report_copilot.model.report import raw_cell_values
from tests.review.real_forms import report_text

HEAD = ["某某市生态环境局2024年政府信息公开工作年度报告"]


def _zeros_blank(data: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """Every 0 of the report printed as an empty cell, and the report's values by cell id."""
    values = raw_cell_values(report_from_data(data))
    return {cid: "" for cid, v in values.items() if v == 0}, values


def test_a_word_copy_with_its_zeros_left_blank_reads_every_figure_in_its_column(
    example_2021: dict[str, Any],
) -> None:
    example_2021.pop("previous", None)
    blanks, values = _zeros_blank(example_2021)
    imported = import_text(report_text(example_2021, "tab_fields", head=HEAD, overrides=blanks))
    read = raw_cell_values(report_from_data(imported.data, with_previous=False))
    wrong = {cid: (read[cid], v) for cid, v in values.items() if read.get(cid) not in {v, None}}
    assert wrong == {}
    assert all(read[cid] == v for cid, v in values.items() if v not in {0, None})  # every figure read
    blank = {cid for issue in imported.issues if issue.kind == "blank" for cid in issue.cells}
    assert set(blanks) <= blank  # each empty cell reported blank, not read as 0


GRID = [
    "第二十条第（五）项\t\t\t\t\t\t",
    "信息内容\t上一年项目数量\t\t本年增/减\t\t处理决定数量\t",
    "行政许可\t\t\t\t\t126\t",
    "其他对外管理服务事项\t7\t\t\t\t\t",
]


def test_an_excel_copy_keeps_a_merged_header_s_columns() -> None:
    """Excel and WPS print a cell merged over two grid columns as its text and an empty field: the
    value rows keep only the fields under a header word, so 126 stands under 处理决定数量."""
    lines = tab_rows(["某报告", *GRID, "正文"])
    assert lines[3].split() == ["行政许可", "∅", "∅", "126"]
    assert lines[4].split() == ["其他对外管理服务事项", "7", "∅", "∅"]
    assert lines[0] == "某报告" and lines[-1] == "正文"


def test_a_figure_under_no_header_word_is_not_placed() -> None:
    stray = [*GRID[:2], "行政许可\t\t1\t\t\t126\t", GRID[3]]
    assert tab_rows(stray)[2].split() == ["行政许可", "1", "126"]  # read by count: listed, not guessed


def test_a_stray_tab_in_prose_changes_nothing() -> None:
    lines = ["2024年，我局收到申请\t72件。", "一、总体情况", "行政许可\t126"]
    assert tab_rows(lines) == lines
