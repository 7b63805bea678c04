"""An enumerated whole (issue 10): 公民、法人和其他组织 lists every kind of applicant, so a number after
it is 本年新收 总计, not the 法人或其他组织 subtotal. Crafted in the forms of real published reports;
the example's figures: 新收 72 (自然人 58, 法人或其他组织 14), 办结（七）总计 71.
"""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase


def _verdicts(text: str, report: ReportBase) -> list[tuple[str, str, str | None]]:
    return [
        (m.text, m.verdict.value, m.ref) for m in check_text(text, report).mentions if m.verdict != "exempt"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "全年收到公民、法人和其他组织提交的政府信息公开申请72件，办结71件。",
        "2024年，本局共收到公民、法人或者其他组织政府信息公开申请72件。",
        "本年度共收到自然人、法人及其他组织提出的申请72件。",
        "全年受理公民、法人或其他组织政府信息公开申请72件。",
        # a real county's wording (陕西, 2022): 社会组织 for 组织
        "全年共受理公民、法人和其他社会组织政府信息公开申请72件（主要涉及土地征收等方面）。",
        "全年收到公民、法人和社会组织提出的申请72件。",
        "全年收到自然人、法人和非法人组织提出的申请72件。",  # the Civil Code's terms
    ],
)
def test_all_applicants_named_as_a_list_is_the_total(report: ReportBase, text: str) -> None:
    result = check_text(text, report)
    assert _verdicts(text, report)[0] == ("72件", "bound", "requests.new.total")
    assert result.ok


@pytest.mark.parametrize("number", ["14件", "19件"])
def test_a_wrong_total_after_the_list_is_still_an_error(report: ReportBase, number: str) -> None:
    # 14 is the 法人或其他组织 subtotal: the sentence names every applicant, so it is still wrong
    text = f"全年收到公民、法人和其他组织提交的政府信息公开申请{number}。"
    result = check_text(text, report)
    assert _verdicts(text, report) == [(number, "mismatch", "requests.new.total")]
    assert not result.ok


def test_the_group_alone_still_names_the_subtotal(report: ReportBase) -> None:
    assert _verdicts("收到法人或其他组织申请14件。", report) == [
        ("14件", "bound", "derived.requests.new.legal_persons")
    ]
    assert _verdicts("法人或其他组织申请19件。", report) == [
        ("19件", "mismatch", "derived.requests.new.legal_persons")
    ]


def test_members_listed_before_respectively_keep_their_own_numbers(report: ReportBase) -> None:
    text = "收到政府信息公开申请72件，其中自然人、法人或其他组织分别为58件、14件。"
    assert _verdicts(text, report) == [
        ("72件", "bound", "requests.new.total"),
        ("58件", "bound", "requests.new.natural_person"),
        ("14件", "bound", "derived.requests.new.legal_persons"),
    ]


def test_the_list_names_the_total_in_the_2019_layout(seed_2019: dict[str, Any]) -> None:
    report = report_from_data(seed_2019)  # 新收 33, 法人或其他组织 0
    text = "全年共收到公民、法人和其他组织提交的政府信息公开申请33件。"
    assert _verdicts(text, report) == [("33件", "bound", "requests.new.total")]
