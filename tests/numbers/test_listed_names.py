"""Names listed with 、 (issue 10): "行政复议、行政诉讼案件7件" counts both, as "行政复议及行政诉讼" does.

A real provincial report (2022) wrote 涉行政复议、行政诉讼案件743件，结果维持461件: read name by name,
both figures were bound to the last name (行政诉讼) alone, and a correct sum would be called wrong.
The example's figures: 行政复议 4 (维持 2), 行政诉讼 3 (维持 1), so both together 7 (维持 3).
"""

from __future__ import annotations

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.model.report import ReportBase

BOTH = "sum:appeals.review.total+derived.appeals.litigation.total"
BOTH_UPHELD = "sum:appeals.review.upheld+derived.appeals.litigation.upheld"


def _verdicts(text: str, report: ReportBase) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.verdict.value, m.ref) for m in check_text(text, report).mentions]


@pytest.mark.parametrize(
    "text",
    [
        "本年度涉及政府信息公开的行政复议、行政诉讼案件7件。",
        "本年度发生政府信息公开行政复议、行政诉讼案件共7件。",
        "政府信息公开行政复议及行政诉讼案件7件。",
    ],
)
def test_a_figure_after_two_listed_names_is_their_sum(report: ReportBase, text: str) -> None:
    assert _verdicts(text, report) == [("7件", "bound", BOTH)]
    assert check_text(text, report).ok


def test_a_later_clause_about_the_list_is_about_both(report: ReportBase) -> None:
    text = "本年度发生政府信息公开行政复议、行政诉讼案件共7件，结果维持3件。"
    assert _verdicts(text, report) == [("7件", "bound", BOTH), ("3件", "bound", BOTH_UPHELD)]


def test_a_figure_that_is_not_the_sum_is_listed_not_bound(report: ReportBase) -> None:
    """As with 及: neither the sum nor the last name's figure, it is listed as ambiguous."""
    verdicts = _verdicts("本年度发生政府信息公开行政复议、行政诉讼案件共9件。", report)
    assert [v for _, v, _ in verdicts] == ["ambiguous"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each name with its own figure: the 、 still ends the first one's clause
        (
            "本年度发生政府信息公开行政复议4件、行政诉讼3件。",
            [("4件", "bound", "appeals.review.total"), ("3件", "bound", "derived.appeals.litigation.total")],
        ),
        # a later clause after one name keeps to that name
        (
            "因政府信息公开引起行政复议4件，其中结果维持2件。",
            [("4件", "bound", "appeals.review.total"), ("2件", "bound", "appeals.review.upheld")],
        ),
        # 分别: the members one by one
        (
            "全年行政许可、行政处罚、行政强制决定数量分别为2134件、468件和31件。",
            [
                ("2134件", "bound", "active.licensing.decisions"),
                ("468件", "bound", "active.penalty.decisions"),
                ("31件", "bound", "active.enforcement.decisions"),
            ],
        ),
    ],
)
def test_names_with_figures_of_their_own_keep_them(
    report: ReportBase, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _verdicts(text, report) == expected


@pytest.mark.parametrize(
    ("text", "quoted", "verdict"),
    [
        ("本年度共需办理政府信息公开申请75件。", "75件", "bound"),  # 新收 72 + 上年结转 3
        ("本年度应办理政府信息公开申请75件，其中新收72件、上年结转3件。", "75件", "bound"),
        ("本年度应办理政府信息公开申请76件。", "76件", "mismatch"),
    ],
)
def test_the_applications_to_handle_are_new_and_carried_over(
    report: ReportBase, text: str, quoted: str, verdict: str
) -> None:
    assert _verdicts(text, report)[0] == (quoted, verdict, "derived.requests.to_handle.total")


@pytest.mark.parametrize(
    "text",
    [
        # a real district office's wording (安徽, 2024): the column counts the applications received
        "2024年，我局共收到政府信息公开申请72件，已全部依法按期答复，从申请主体上看，自然人申请58件。",
        "全年收到申请72件，均已答复，其中自然人58件。",
    ],
)
def test_a_verb_of_a_claim_with_no_figure_frames_no_later_column(report: ReportBase, text: str) -> None:
    """答复 in a clause that states no figure (已全部依法按期答复) is a claim about the applications
    counted before it; a later applicant column takes its row from the counted one (新收 自然人 58),
    not from the verb (办结 自然人 57)."""
    assert _verdicts(text, report)[-1] == ("58件", "bound", "requests.new.natural_person")


def test_a_verb_with_its_own_figure_still_frames_the_column(report: ReportBase) -> None:
    verdicts = _verdicts("全年收到申请72件，办结71件，其中自然人申请57件。", report)
    assert verdicts[-1] == ("57件", "bound", "requests.total.natural_person")


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        # a real county's wording (河北, 2025): 正在复议 is the review still pending
        ("政府信息公开行政复议案件4件，结果维持2件，结果纠正1件，正在复议1件。", "appeals.review.pending"),
        ("行政诉讼3件，正在审理1件。", "derived.appeals.litigation.pending"),
    ],
)
def test_a_case_still_under_review_is_pending(report: ReportBase, text: str, ref: str) -> None:
    assert _verdicts(text, report)[-1] == ("1件", "bound", ref)
