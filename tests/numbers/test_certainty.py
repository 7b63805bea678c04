"""Certainty before verdict (issue 10): a number is a mismatch only when its sentence names the same
figure as the cell beyond doubt. Crafted in the forms real published reports use.

The 2024 example: 新收 72 (自然人 58), 上年结转 3, （七）总计 71, 结转下年度 4; 无法提供 23 (本机关不掌握
18); 行政诉讼 3. The 2019 example's 行政许可 row is set to 上一年项目数量 120, 本年增/减 5.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase


@pytest.fixture
def report_2019(seed_2019: dict[str, Any]) -> ReportBase:
    data = copy.deepcopy(seed_2019)
    data["active"]["licensing"] = {"previous_items": 120, "change": 5, "decisions": 300}
    return report_from_data(data)


def _verdicts(text: str, report: ReportBase, section: str | None = None) -> list[tuple[str, str]]:
    result = check_text(text, report, section)
    return [(m.text, m.verdict.value) for m in result.mentions if m.verdict != "exempt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counts of other things that share a keyword: listed as unsupported, never a mismatch
        ("全年编印政府公报112期。", [("112期", "unsupported")]),
        ("本年度主动公开各类文件45件。", [("45件", "unsupported")]),
        ("全年完成食品安全抽检28544批次。", [("28544批次", "unsupported")]),
        ("受理网络问政182件，办结率100%。", [("182件", "unsupported"), ("100%", "unsupported")]),
        ("本年度通过门户网站公开政策文件4件。", [("4件", "unsupported")]),
        ("对500万元以上的重大项目予以公开。", [("500万元以上", "unsupported")]),
        ("全年公文公开率达到100%。", [("100%", "unsupported")]),
        ("本年度被提起行政诉讼一审2件。", [("2件", "unsupported")]),
        ("行政诉讼3件，其中一审2件。", [("3件", "bound"), ("2件", "unsupported")]),
        ("从申请内容看，涉及行政处罚信息30件。", [("30件", "unsupported")]),  # not 处理决定
        ("本年度规范性文件45件。", [("45件", "unsupported")]),  # 制发? 废止? 现行有效?
        ("全年作出行政处罚决定460件。", [("460件", "mismatch")]),  # the column is named: certain
        ("本年度制发行政规范性文件6件。", [("6件", "mismatch")]),
    ],
)
def test_other_things_sharing_a_keyword_are_not_mismatches(
    report: ReportBase, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _verdicts(text, report) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("另有4件申请顺延到下年度答复。", [("4件", "bound")]),
        ("因本机关不掌握等原因无法提供23件。", [("23件", "bound")]),
        ("因本机关不掌握相关政府信息无法提供18件。", [("18件", "bound")]),
        ("因本机关不掌握相关政府信息无法提供23件。", [("23件", "mismatch")]),  # the row itself is named
    ],
)
def test_real_names_of_request_figures(
    report: ReportBase, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _verdicts(text, report, "requests") == expected


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ("本年度共办结政府信息公开申请75件（含上年结转3件）。", "之和"),  # 新收 72 + 上年结转 3
        ("本年度共办结政府信息公开申请67件。", "减去结转下年度"),  # 总计 71 − 结转 4
    ],
)
def test_completions_that_fold_in_the_carry_over_are_a_warning(
    report: ReportBase, text: str, how: str
) -> None:
    result = check_text(text, report, "requests")
    first = result.mentions[0]
    assert first.verdict == "bound" and first.warning and how in first.warning
    assert result.ok


def test_receipts_that_add_last_years_carry_over_are_an_explained_mismatch(report: ReportBase) -> None:
    (m,) = check_text("本年度共受理政府信息公开申请75件。", report, "requests").mentions
    assert m.verdict == "mismatch" and m.rule == "P-1" and "上年结转" in m.message
    (m,) = check_text("本年度共收到政府信息公开申请76件。", report, "requests").mentions
    assert m.verdict == "mismatch" and "上年结转" not in m.message  # not the carry-over: a plain error


def test_completions_of_another_figure_are_still_errors(report: ReportBase) -> None:
    (m,) = check_text("本年度共办结政府信息公开申请70件。", report, "requests").mentions
    assert m.verdict == "mismatch" and m.rule == "P-2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("行政许可上一年项目数量120项，本年增加5项，现有行政许可事项125项。", ["bound", "bound", "bound"]),
        ("行政许可事项由上年的120项增加至125项。", ["bound", "bound"]),
        ("行政许可事项由上年的120项增加至126项。", ["bound", "mismatch"]),
    ],
)
def test_2019_stock_is_last_years_stock_plus_the_change(
    report_2019: ReportBase, text: str, expected: list[str]
) -> None:
    assert [v for _, v in _verdicts(text, report_2019)] == expected


def test_last_years_carry_over_all_done_is_no_claim_about_this_year(report: ReportBase) -> None:
    assert check_text("上年结转的3件申请已全部办结。", report, "requests").claims == []


def test_an_exhaustive_list_that_does_not_add_up_is_p9(report: ReportBase) -> None:
    result = check_text("本年度共收到政府信息公开申请72件，其中自然人58件、法人或其他组织12件。", report)
    assert [(f.rule, f.severity) for f in result.claims] == [("P-9", "error")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a total wider than the table's information-disclosure cases, narrowed by what follows
        (
            "全年共受理行政复议申请120件，其中政府信息公开类4件。",
            [("120件", "unsupported"), ("4件", "unsupported")],
        ),
        (
            "全年共办理行政诉讼案件80件，涉及政府信息公开3件。",
            [("80件", "unsupported"), ("3件", "unsupported")],
        ),
        ("共受理申请80件，其中政府信息公开申请72件。", [("80件", "unsupported"), ("72件", "unsupported")]),
        # the table's own cases, named beyond doubt, are still checked
        ("本年度因政府信息公开被申请行政复议5件。", [("5件", "mismatch")]),
        # a generic verb after the number does not name the figure
        ("其中，4件申请因尚在答复期限内，顺延至下一年度办理。", [("4件", "unsupported")]),
        ("另有4件申请顺延至下一年度办理。", [("4件", "bound")]),
        (
            "全年共收到申请72件，共办结申请71件，4件结转下年。",
            [("72件", "bound"), ("71件", "bound"), ("4件", "bound")],
        ),
        # a table count in another measure word may count something else (applicants, not cases)
        ("本年度行政复议5人。", [("5人", "unsupported")]),
    ],
)
def test_qualified_totals_and_trailing_verbs_are_not_certain(
    report: ReportBase, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _verdicts(text, report) == expected


def test_a_bare_amount_is_read_in_its_tables_unit(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    data["active"]["fees"]["amount"] = 2.5  # 万元, the unit printed in the table's header
    report = report_from_data(data)
    assert _verdicts("行政事业性收费2.5", report) == [("2.5", "bound")]
    assert _verdicts("行政事业性收费4", report) == [("4", "unsupported")]  # 元? 万元? unsaid
    assert _verdicts("行政事业性收费4万元。", report) == [("4万元", "mismatch")]


@pytest.mark.parametrize(
    "text",
    [
        "本年度新收申请72件，全部申请已办结。",
        "所有政府信息公开申请均已按时办结。",
        "全年政府信息公开申请办结率为100%。",
    ],
)
def test_all_done_while_the_table_carries_applications_forward_is_a_warning(
    report: ReportBase, text: str
) -> None:
    result = check_text(text, report, "requests")
    p3 = [f for f in result.findings if f.rule == "P-3"]
    assert p3 and all(f.severity == "warning" for f in p3)
    assert result.ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the measure word counts the table's own object (申请): a loose word, a wrong figure
        ("本年度共收到政府信息公开申请70条。", ("70条", "mismatch")),
        # pieces of information, not applications: another thing that shares the name 不予公开
        (
            "全年共制发政府信息313条，其中，主动公开政府信息128条、依申请公开130条、不予公开55条。",
            ("55条", "unsupported"),
        ),
    ],
)
def test_a_loose_measure_word_is_certain_only_for_the_tables_object(
    report: ReportBase, text: str, expected: tuple[str, str]
) -> None:
    assert expected in _verdicts(text, report)


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # a breakdown ending with the catch-all 其他 covers the whole, across 「；」 and in parentheses
        (
            "共公开政府信息44条，其中安全生产类1条；重大建设项目类2条；科教文体卫生类1条；其他应主动公开的政府信息38条。",
            ["P-9"],
        ),
        (
            "共公布政府信息2602条(其中机构职能类82条，规划计划类21条，其他应主动公开政府信息2500条)，主要通过网站发布。",
            ["P-9"],
        ),
        (
            "共公开政府信息42条，其中安全生产类1条；重大建设项目类2条；科教文体卫生类1条；其他应主动公开的政府信息38条。",
            [],
        ),
        # 其他文件 among other categories, a list ending with 等, a named 其他组织: no catch-all
        ("共公开信息123条，其中政策解读8条；其他文件35条；工作动态1条；三公经费信息12条等。", []),
        ("全年共收到政府信息公开申请72件，其中自然人58件，商业企业9件，其他组织1件。", []),
    ],
)
def test_a_breakdown_ending_with_the_rest_must_add_up(
    report: ReportBase, text: str, rules: list[str]
) -> None:
    result = check_text(text, report)
    assert [f.rule for f in result.claims if f.severity == "error"] == rules


def test_a_count_of_the_things_just_listed_is_not_a_table_figure(report_2019: ReportBase) -> None:
    text = "细化了规范性文件，行政许可的事项、依据及办理情况，其他应主动公开的政府信息等6项政务信息主动公开目录。"
    assert _verdicts(text, report_2019) == [("6项", "unsupported")]
    assert _verdicts("行政许可上一年项目数量为130项。", report_2019) == [("130项", "mismatch")]


def test_a_column_word_of_another_block_does_not_name_the_rows_column(report_2019: ReportBase) -> None:
    """公开 is a column of the 规章/规范性文件 block, not of 行政许可's (上一年项目数量, 本年增/减, 处理决定数量):
    新增公开行政许可0项 leaves the column open (a real county bureau's sentence)."""
    assert _verdicts("2019年新增公开行政许可0项。", report_2019) == [("0项", "unsupported")]
    assert _verdicts("行政许可处理决定数量为301项。", report_2019) == [("301项", "mismatch")]
