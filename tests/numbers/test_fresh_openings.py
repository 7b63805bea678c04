"""Words that name no table figure, or not beyond doubt: found by judging fresh report openings (the
总体情况 of reports from provinces and agencies outside the real-report corpus) against the corpus
tables (bench/bench_prose_openings.py). Each sentence is crafted in the form a real opening used; its
figure differs from the cell, and the words do not say beyond doubt that it counts what the cell
counts, so it is never an error. The same sentence in the certain form stays a mismatch, so each
test can fail.

The 2024 example: 新收 72, 办理结果总计 71, 予以公开 28, 行政规范性文件 现行有效 39.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase


@pytest.fixture
def report(example_2021: dict[str, Any]) -> ReportBase:
    data = copy.deepcopy(example_2021)
    data["active"]["fees"]["amount"] = 12.5  # 万元
    secret = data["requests"]["denied"]["state_secret"]
    secret["natural_person"] = secret["total"] = 1
    data["requests"]["denied"]["third_party"]["natural_person"] -= 1
    data["requests"]["denied"]["third_party"]["total"] -= 1
    return report_from_data(data)


def _verdict(text: str, report: ReportBase, number: str) -> str:
    found = [m for m in check_text(text, report).mentions if m.text == number]
    assert found, f"{number} not found in {text}"
    return found[0].verdict.value


@pytest.mark.parametrize(
    ("text", "number", "certain"),
    [
        # a negated verb counts refusals, not receipts (受理 in 不予受理)
        (
            "全年共受理政府信息公开申请72件，答复60件，不予受理4件。",
            "4件",
            "全年共受理政府信息公开申请4件。",
        ),
        # a name inside a title: the count of reply documents, not of replies
        (
            "全年收到政府信息公开申请72件，出具《政府信息公开申请答复书》60份。",
            "60份",
            "全年收到政府信息公开申请72件，答复60份。",
        ),
        # a count word for an amount: fee items, not the sum charged
        ("主动公开行政事业性收费1项。", "1项", "主动公开行政事业性收费1万元。|1万元"),
        # a count of handled applications may hold last year's carry-over
        (
            "全年累计办理公民、法人或其他组织通过门户网站、邮寄等途径依申请公开信息合计80件。",
            "80件",
            "全年公民、法人或其他组织通过门户网站、邮寄等途径依申请公开信息合计80件。",
        ),
        # the parts of last year's carry-over, not the table's outcome rows
        (
            "包括上年结转政府信息公开申请3件，其中同意公开2件。",
            "2件",
            "收到政府信息公开申请72件，其中同意公开2件。",
        ),
        # a review's result: documents confirmed to stay in force, of several years
        ("确定继续有效的行政规范性文件33件。", "33件", "现行有效的行政规范性文件33件。"),
    ],
)
def test_words_that_name_no_table_figure_are_no_error(
    report: ReportBase, text: str, number: str, certain: str
) -> None:
    assert _verdict(text, report, number) != "mismatch"
    certain, _, other = certain.partition("|")  # the certain form's number, where it is written otherwise
    assert _verdict(certain, report, other or number) == "mismatch"


def test_a_sentence_counting_the_region_and_the_governments_own_level_is_open(
    example_2021: dict[str, Any],
) -> None:
    data = copy.deepcopy(example_2021)
    data["meta"]["agency"] = "云溪市人民政府"  # a government: 全市 is its scope
    report = report_from_data(data)
    both = "全市共收到政府信息公开申请227件，其中市政府收到36件。"
    assert _verdict(both, report, "227件") != "mismatch"
    assert _verdict(both, report, "36件") != "mismatch"
    assert _verdict("全市共收到政府信息公开申请227件。", report, "227件") == "mismatch"
    assert _verdict("全市政府信息公开工作方面共有行政复议案件2件。", report, "2件") == "mismatch"
    assert _verdict("市政府收到政府信息公开申请36件。", report, "36件") == "mismatch"


def test_a_zero_claim_about_documents_is_no_claim_about_applications(report: ReportBase) -> None:
    # 属于国家秘密 holds 1: documents exempt from active disclosure are not applications refused
    documents = "主动公开政府信息158条，无涉及国家秘密的公文类信息。"
    assert not [f for f in check_text(documents, report).claims if f.severity == "error"]
    applications = "本年度无因涉及国家秘密不予公开的申请。"
    assert [f.rule for f in check_text(applications, report).claims if f.severity == "error"] == ["P-4"]
    # the sentence before may say it (结转下年度 holds 4)
    carried = "全年收到政府信息公开申请72件，其中予以公开28件。无下年度结转。"
    assert [f.rule for f in check_text(carried, report).claims if f.severity == "error"] == ["P-3"]
