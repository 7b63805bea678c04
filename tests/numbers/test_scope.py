"""Scope and table text (issue 10): a number that counts another actor's share, and table text that
reached the prose, are never judged as a sentence about the report's own figures. Crafted in the
forms real published reports use; the example's figures: 新收 72, 上年结转 3, （七）总计 71, 结转 4.
"""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase


def _verdicts(text: str, report: ReportBase) -> list[tuple[str, str]]:
    return [(m.text, m.verdict.value) for m in check_text(text, report).mentions if m.verdict != "exempt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another office's share of the report's figure: not certain
        ("2024年，局办公室代表本局受理政府信息公开申请17件，均已按期答复。", [("17件", "unsupported")]),
        ("执法支队共受理政府信息公开申请20件。", [("20件", "unsupported")]),
        # the agency itself, by its self name or a part of its name: still checked
        ("2024年，本局受理政府信息公开申请73件。", [("73件", "mismatch")]),
        ("2024年，我局共受理政府信息公开申请73件。", [("73件", "mismatch")]),
        ("云溪市市场监督管理局共受理政府信息公开申请73件。", [("73件", "mismatch")]),
        ("全市共受理政府信息公开申请73件。", [("73件", "mismatch")]),
        # a share that agrees still binds
        ("局办公室代表本局受理政府信息公开申请72件。", [("72件", "bound")]),
    ],
)
def test_another_actors_share_is_not_a_certain_error(
    report: ReportBase, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _verdicts(text, report) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a Markdown row of table 三 among the paragraphs
        "表三：收到和处理政府信息公开申请情况|一、本年新收政府信息公开申请数量| 60 | 9 | 1 | 0 | 3 | 1 | 74 |",
        # a table header whose words run together, with 尚未 before 总计
        "行政复议行政诉讼未经复议直接起诉复议后起诉结果结果其他尚未总计结果结果其他尚未维持纠正结果审结",
        # a PDF row of table 二 glued to its labels
        "信息内容本年处理决定数量行政处罚3985758行政强制88283第二十条第（八）项信息内容本年收费金额",
    ],
)
def test_table_text_in_the_prose_is_not_judged_as_sentences(report: ReportBase, text: str) -> None:
    result = check_text(text, report)
    assert result.ok
    assert all(m.verdict == "exempt" for m in result.mentions) and not result.findings


def test_prose_beside_table_text_is_still_checked(report: ReportBase) -> None:
    text = (
        "本年度共收到政府信息公开申请73件。\n|一、本年新收政府信息公开申请数量| 58 | 9 | 1 | 0 | 3 | 1 | 72 |"
    )
    assert _verdicts(text, report) == [("73件", "mismatch")]


def test_a_list_in_prose_is_not_table_text(report: ReportBase) -> None:
    text = "予以公开28件，部分公开8件，不予公开5件，无法提供23件，不予处理6件，其他处理2件。"
    assert ("5件", "mismatch") in _verdicts(text, report)


def test_every_agency_of_an_area_is_wider_than_a_departments_report(report: ReportBase) -> None:
    assert _verdicts("全市各级行政机关共收到政府信息公开申请330件。", report) == [("330件", "unsupported")]


def test_every_agency_of_an_area_is_a_governments_own_scope(example_2021: dict[str, Any]) -> None:
    data = {**example_2021, "meta": {**example_2021["meta"], "agency": "云溪市人民政府", "short_name": None}}
    report = report_from_data(data)
    assert _verdicts("全市各级行政机关共收到政府信息公开申请330件。", report) == [("330件", "mismatch")]


def test_a_flattened_run_with_leading_zeros_is_not_a_count(report: ReportBase) -> None:
    text = "尚未审结总计000000000000000五、存在的主要问题及改进情况2024年，我局工作仍有不足。"
    result = check_text(text, report)
    assert result.ok and not result.findings


def test_not_receiving_an_applicants_correction_is_no_zero_claim(report: ReportBase) -> None:
    text = "我局收到政府信息公开申请72件，目前未收到该申请人提交的补正，结转下年度办理。"
    assert not [f for f in check_text(text, report).findings if f.severity == "error"]
    assert [f.rule for f in check_text("本年度未收到政府信息公开申请。", report).findings] == ["P-1"]


def test_a_flattened_table_row_with_one_printed_unit_is_table_text(report: ReportBase) -> None:
    text = (
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5339"
        "第二十条第（五）项信息内容本年处理决定数量行政许可2135行政处罚469行政事业性收费2.5万元"
    )
    result = check_text(text, report)
    assert all(m.verdict == "exempt" for m in result.mentions) and not result.findings


def test_the_agencys_name_in_another_spelling_is_still_the_agency(report: ReportBase) -> None:
    # 云溪市市场监督管理局 written 市市场监管局 (the synonyms of formats/agency_names.toml)
    assert _verdicts("市市场监管局共受理政府信息公开申请73件。", report) == [("73件", "mismatch")]
    # another office of the same kind is not the agency
    assert _verdicts("区财政局共受理政府信息公开申请73件。", report) == [("73件", "unsupported")]
