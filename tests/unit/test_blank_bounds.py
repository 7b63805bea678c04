"""Identities broken whatever their blank cells hold (published tables that print 0 as an empty cell,
rows the importer could not read): reported under the identity's own rule, beside T3-4."""

from __future__ import annotations

import copy
from typing import Any

from report_copilot.checks.findings import Finding
from report_copilot.checks.identities import check_report
from report_copilot.inputs.json_input import report_from_data
from tests.conftest import set_cell


def _findings(data: dict[str, Any], rule: str) -> list[Finding]:
    return [f for f in check_report(report_from_data(data)).findings if f.rule == rule]


def test_parts_already_above_their_total_with_a_part_blank(example_2021: dict[str, Any]) -> None:
    # 维持 blank; 纠正 1 + 其他 0 + 尚未审结 1 = 2 already exceed the printed 总计 1
    data = set_cell(example_2021, "appeals.review.upheld", None)
    data = set_cell(data, "appeals.review.total", 1)
    (finding,) = _findings(data, "T4-1")
    assert finding.location == "appeals.review.total" and finding.severity == "error"
    assert "已填各项之和已达 2" in finding.message and "大于填报的 1" in finding.message
    assert "空白的结果维持不能为负" in finding.message
    assert [f.location for f in _findings(data, "T3-4")] == ["appeals.review.upheld"]


def test_a_blank_part_that_can_make_up_the_total_is_only_blank(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "appeals.review.upheld", None)  # 总计 4 − 2 leaves room for it
    assert _findings(data, "T4-1") == []
    assert [f.location for f in _findings(data, "T3-4")] == ["appeals.review.upheld"]


def test_equation_whose_blank_can_only_widen_the_gap(example_2021: dict[str, Any]) -> None:
    # 自然人: 新收 61 + 上年结转 (blank) = 办理结果 57 + 结转下年度 3 = 60: the blank can only add to 61
    data = set_cell(example_2021, "requests.carried_over.natural_person", None)
    data = set_cell(data, "requests.new.natural_person", 61)  # 新收 总计 left at 72: T3-2 says so
    (finding,) = _findings(data, "T3-1")
    assert finding.location == "requests.new.natural_person"
    assert "两边已相差 1" in finding.message and "空白" in finding.message


def test_equation_whose_blank_can_close_the_gap_is_left_to_t3_4(example_2021: dict[str, Any]) -> None:
    # 新收 58 + 上年结转 (blank) = 60: a blank of 2 would balance it
    data = set_cell(example_2021, "requests.carried_over.natural_person", None)
    assert _findings(data, "T3-1") == []


def _with_previous(seed: dict[str, Any], prev_items: int | None, prev_change: int | None) -> dict[str, Any]:
    prev = copy.deepcopy(seed)
    prev["meta"]["year"] = 2018
    prev["active"]["licensing"] = {"previous_items": prev_items, "change": prev_change, "decisions": 0}
    data = copy.deepcopy(seed)
    data["previous"] = prev
    return data


def test_last_years_blank_count_is_bounded_too(seed_2019: dict[str, Any]) -> None:
    # this year's 上一年项目数量 0 = last year's (blank, never negative) + last year's change 5: impossible
    data = _with_previous(seed_2019, None, 5)
    (finding,) = _findings(data, "T2'-2")
    assert finding.location == "active.licensing.previous_items" and "两边已相差 5" in finding.message


def test_a_blank_signed_cell_may_be_negative(seed_2019: dict[str, Any]) -> None:
    # 0 = last year's 10 + last year's 本年增/减 (blank): a change of −10 balances it, so nothing is certain
    data = _with_previous(seed_2019, 10, None)
    assert _findings(data, "T2'-2") == []
