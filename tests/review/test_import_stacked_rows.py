"""A text printed one cell a line (plain `pdftotext`) whose drawing order puts a row's last cell after
the next row (issue 10): "（七）总计 57 8 1 0 4 1 四、结转下年度继续办理 3 1 0 0 0 0 71".

Read in order, 结转下年度's total would be 71 (总计's): a wrong cell, and a false T3-2 error. After a
row one figure short, the next row is taken only where its own total holds. Crafted from the
bundled example in the one-cell-a-line form; the example's figures: （七）总计 57 8 1 0 4 1 71,
结转下年度 3 1 0 0 0 0 4.
"""

from __future__ import annotations

from typing import Any

from report_copilot.inputs.published import import_text
from tests.review.real_forms import report_text

HEAD = ["某某市生态环境局2024年政府信息公开工作年度报告"]
TOTAL = "（七）总计\n\n57\n\n8\n\n1\n\n0\n\n4\n\n1\n\n71\n\n"
CARRIED = "四、结转下年度继续办理\n\n3\n\n1\n\n0\n\n0\n\n0\n\n0\n\n4\n\n"


def _one_cell_a_line(example: dict[str, Any]) -> str:
    example.pop("previous", None)
    text = report_text(example, "blank_lines", head=HEAD)
    assert TOTAL + CARRIED in text
    return text


def test_a_row_after_a_short_row_whose_total_breaks_is_not_read(example_2021: dict[str, Any]) -> None:
    text = _one_cell_a_line(example_2021)
    # 总计's 71 drawn after 结转's cells, in the place of 结转's own total (drawn elsewhere)
    displaced = "（七）总计\n\n57\n\n8\n\n1\n\n0\n\n4\n\n1\n\n" + CARRIED.replace("0\n\n4\n\n", "0\n\n71\n\n")
    imported = import_text(text.replace(TOTAL + CARRIED, displaced))
    requests = imported.data["requests"]
    assert set(requests["carried_forward"].values()) == {None}  # never 3 1 0 0 0 0 71
    issue = next(i for i in imported.issues if i.location == "requests.carried_forward")
    assert "上一行的数少于格数" in issue.message
    assert requests["granted"]["total"] == 28  # the rows before are read as before


def test_a_row_after_a_short_row_whose_total_holds_is_read(example_2021: dict[str, Any]) -> None:
    """The short row's last cell printed blank, the next row whole: nothing is displaced."""
    text = _one_cell_a_line(example_2021)
    short = "（七）总计\n\n57\n\n8\n\n1\n\n0\n\n4\n\n1\n\n" + CARRIED
    imported = import_text(text.replace(TOTAL + CARRIED, short))
    assert imported.data["requests"]["carried_forward"] == {
        "natural_person": 3, "business": 1, "research": 0, "public_interest": 0,
        "legal_services": 0, "other_org": 0, "total": 4,
    }  # fmt: skip


def test_a_row_whose_total_breaks_after_a_whole_row_is_read_as_printed(example_2021: dict[str, Any]) -> None:
    """A report's own slip (结转 total 5 for parts summing to 4) after a row printed whole: read as
    printed, so that the audit reports it."""
    text = _one_cell_a_line(example_2021)
    slip = TOTAL + CARRIED.replace("0\n\n4\n\n", "0\n\n5\n\n")
    imported = import_text(text.replace(TOTAL + CARRIED, slip))
    assert imported.data["requests"]["carried_forward"]["total"] == 5


def test_figures_after_a_group_label_are_not_the_old_layout_s_group_row(example_2021: dict[str, Any]) -> None:
    """Drawing order puts a sub-row's label before its group's, and zeros print blank, so rows of
    zeros leave their labels only ("1.本机关不掌握相关政府信息 （四）无法提供 15 2 1 18 2.没有现成…
    3.补正后…"): the figures after the group label are not the 2019 layout's one group row, and no
    X-1 layout finding is raised for the group."""
    text = _one_cell_a_line(example_2021)
    start, end = text.index("（四）无法提供"), text.index("（五）不予处理")
    drawn = "1.本机关不掌握相关政府信息\n\n（四）无法提供\n\n15\n\n2\n\n1\n\n18\n\n"
    drawn += "2.没有现成信息需要另行制作\n\n3.补正后申请内容仍不明确\n\n"
    imported = import_text(text[:start] + drawn + text[end:])
    assert not [i for i in imported.issues if i.kind == "layout"]


def test_rows_whose_figures_were_drawn_after_the_row_before_are_not_read(
    example_2021: dict[str, Any],
) -> None:
    """ "1.本机关不掌握… 15 2 0 0 1 0 18 3 0 0 0 0 1 4 2.没有现成信息… 1 0 0 0 0 0 1": the first row
    reads its own figures and the next row's (its label was drawn later, with the figures of the
    row after it). The next row in table order is listed unread, not read as the third row's."""
    text = _one_cell_a_line(example_2021)
    start, end = text.index("1.本机关不掌握相关政府信息"), text.index("（五）不予处理")
    row1 = "15\n\n2\n\n0\n\n0\n\n1\n\n0\n\n18\n\n"
    row2 = "3\n\n0\n\n0\n\n0\n\n0\n\n1\n\n4\n\n"
    row3 = "1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n\n"
    drawn = f"1.本机关不掌握相关政府信息\n\n{row1}{row2}2.没有现成信息需要另行制作\n\n{row3}"
    imported = import_text(text[:start] + drawn + text[end:])
    unavailable = imported.data["requests"]["unavailable"]
    assert unavailable["not_held"]["total"] in {18, None}  # its own figures first, or unread
    assert set(unavailable["needs_creation"].values()) == {None}  # never 1 0 0 0 0 0 1 (the third row's)
