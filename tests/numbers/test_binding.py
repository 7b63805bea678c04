"""Binding: each number tied to the cell, fact or derived value its clause names, and verified.

Sentences are checked against the bundled 2024 example (with its 2023 report as last year):
新收 72, 上年结转 3, 办结（七）总计 71, 结转下年度 4; 予以公开 28, 部分公开 8, 不予公开 4 (自然人 3),
无法提供 23, 不予处理 6, 其他处理 2; 行政复议 4 (维持 2, 纠正 1, 尚未审结 1), 行政诉讼 3.
"""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase


def verdicts(text: str, report: ReportBase) -> list[tuple[str, str, str | None]]:
    result = check_text(text, report)
    return [(m.text, m.verdict, m.ref) for m in result.mentions if m.verdict != "exempt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # P-1 / P-2 / P-3: 收到 is 本年新收, 办结 is （七）总计, 结转 both ways
        ("本局共收到政府信息公开申请72件。", [("72件", "bound", "requests.new.total")]),
        ("本年新收政府信息公开申请72件。", [("72件", "bound", "requests.new.total")]),
        ("受理政府信息公开申请72件。", [("72件", "bound", "requests.new.total")]),
        ("本局收到政府信息公开申请71件。", [("71件", "mismatch", "requests.new.total")]),
        ("办结政府信息公开申请71件。", [("71件", "bound", "requests.total.total")]),
        (
            "上年结转政府信息公开申请3件，结转下年度继续办理4件。",
            [
                ("3件", "bound", "requests.carried_over.total"),
                ("4件", "bound", "requests.carried_forward.total"),
            ],
        ),
        # P-4: outcomes and groups across all columns and all sub-rows
        (
            "其中予以公开28件，部分公开8件。",
            [
                ("28件", "bound", "requests.granted.total"),
                ("8件", "bound", "requests.partially_granted.total"),
            ],
        ),
        ("不予公开4件。", [("4件", "bound", "derived.requests.denied.total")]),
        ("不予公开3件。", [("3件", "mismatch", "derived.requests.denied.total")]),  # quotes the 自然人 column
        (
            "无法提供23件，不予处理6件，其他处理2件。",
            [
                ("23件", "bound", "derived.requests.unavailable.total"),
                ("6件", "bound", "derived.requests.not_processed.total"),
                ("2件", "bound", "derived.requests.other.total"),
            ],
        ),
        (
            "无法提供18件。",
            [("18件", "mismatch", "derived.requests.unavailable.total")],
        ),  # quotes one sub-row
        ("予以公开及部分公开36件。", [("36件", "bound", "derived.requests.granted_or_partial.total")]),
        ("因保护第三方合法权益不予公开3件。", [("3件", "bound", "requests.denied.third_party.total")]),
        ("因信息不存在无法提供18件。", [("18件", "bound", "requests.unavailable.not_held.total")]),
        ("因信息不存在无法提供23件。", [("23件", "mismatch", "requests.unavailable.not_held.total")]),
        ("不予公开中保护第三方合法权益3件。", [("3件", "bound", "requests.denied.third_party.total")]),
        ("28件予以公开。", [("28件", "bound", "requests.granted.total")]),
        # P-6: applicant columns take their row from the sentence
        (
            "收到政府信息公开申请72件，其中自然人58件、法人或其他组织14件。",
            [
                ("72件", "bound", "requests.new.total"),
                ("58件", "bound", "requests.new.natural_person"),
                ("14件", "bound", "derived.requests.new.legal_persons"),
            ],
        ),
        (
            "收到政府信息公开申请72件，其中自然人57件。",
            [("72件", "bound", "requests.new.total"), ("57件", "mismatch", "requests.new.natural_person")],
        ),
        (
            "收到政府信息公开申请72件，其中商业企业9件、律师事务所3件。",
            [
                ("72件", "bound", "requests.new.total"),
                ("9件", "bound", "requests.new.business"),
                ("3件", "bound", "requests.new.legal_services"),
            ],
        ),
        # P-7: table 四
        (
            "被申请行政复议4件，行政诉讼3件。",
            [("4件", "bound", "appeals.review.total"), ("3件", "bound", "derived.appeals.litigation.total")],
        ),
        (
            "行政复议4件，其中结果维持2件、结果纠正1件、尚未审结1件。",
            [
                ("4件", "bound", "appeals.review.total"),
                ("2件", "bound", "appeals.review.upheld"),
                ("1件", "bound", "appeals.review.corrected"),
                ("1件", "bound", "appeals.review.pending"),
            ],
        ),
        (
            "被申请行政复议4件（结果维持2件）。",
            [("4件", "bound", "appeals.review.total"), ("2件", "bound", "appeals.review.upheld")],
        ),
        (
            "未经复议直接起诉2件，复议后起诉1件。",
            [
                ("2件", "bound", "appeals.direct_suit.total"),
                ("1件", "bound", "appeals.suit_after_review.total"),
            ],
        ),
        ("行政诉讼4件。", [("4件", "mismatch", "derived.appeals.litigation.total")]),
        ("行政复议1起。", [("1起", "mismatch", "appeals.review.total")]),
        # P-11: table 二
        (
            "本年制发行政规范性文件5件，废止3件，现行有效39件。",
            [
                ("5件", "bound", "active.normative_documents.issued"),
                ("3件", "bound", "active.normative_documents.abolished"),
                ("39件", "bound", "active.normative_documents.in_force"),
            ],
        ),
        ("制发规范性文件6件。", [("6件", "mismatch", "active.normative_documents.issued")]),
        (
            "行政许可处理决定2134件，行政处罚468件。",
            [
                ("2134件", "bound", "active.licensing.decisions"),
                ("468件", "bound", "active.penalty.decisions"),
            ],
        ),
        ("行政事业性收费0万元。", [("0万元", "bound", "active.fees.amount")]),
        ("行政事业性收费2万元。", [("2万元", "mismatch", "active.fees.amount")]),
        # facts: label, aliases, unit picks between facts sharing an alias
        (
            "主动公开政府信息1268条，发布政策解读46篇，召开新闻发布会6场。",
            [
                ("1268条", "bound", "fact.active.items_published"),
                ("46篇", "bound", "fact.active.policy_interpretations"),
                ("6场", "bound", "fact.active.press_conferences"),
            ],
        ),
        (
            "举办培训3期，培训人员210人次。",
            [
                ("3期", "bound", "fact.oversight.training_sessions"),
                ("210人次", "bound", "fact.oversight.trainees"),
            ],
        ),
        (
            "举办培训3期，参训210人次。",
            [
                ("3期", "bound", "fact.oversight.training_sessions"),
                ("210人次", "bound", "fact.oversight.trainees"),
            ],
        ),
        ("主动公开政府信息1268万条。", [("1268万条", "mismatch", "fact.active.items_published")]),
        (
            "主动公开政府信息一千二百六十九条。",
            [("一千二百六十九条", "mismatch", "fact.active.items_published")],
        ),
        ("主动公开政府信息1200余条。", [("1200余条", "bound", "fact.active.items_published")]),
        ("培训人员210场。", [("210场", "mismatch", "fact.oversight.trainees")]),  # wrong unit
        # nothing in the data
        ("办理电话咨询15次。", [("15次", "unsupported", None)]),
        ("专职人员2人。", [("2人", "unsupported", None)]),
    ],
)
def test_binding(text: str, expected: list[tuple[str, str, str | None]], report: ReportBase) -> None:
    assert verdicts(text, report) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("予以公开及部分公开36件，占办结总数的50.70%。", "bound"),
        ("申请公开率为50.70%。", "bound"),
        ("申请公开率为50.7%。", "bound"),
        ("申请公开率为51%。", "bound"),
        ("申请公开率为50.71%。", "mismatch"),
        ("申请公开率为50.69%。", "mismatch"),  # 50.704… rounds half up to 50.70, never truncates to 50.69
        ("予以公开占比39.44%。", "bound"),
        ("予以公开占比39.43%。", "mismatch"),
    ],
)
def test_percentages_are_recomputed_at_the_printed_precision(
    text: str, expected: str, report: ReportBase
) -> None:
    last = check_text(text, report).mentions[-1]
    assert last.unit == "%" and last.verdict == expected, last.message


@pytest.mark.parametrize(
    ("text", "verdict", "ref"),
    [
        ("本局收到政府信息公开申请72件，较上年增加23件。", "bound", "yoy.requests.new.total.diff"),
        ("本局收到政府信息公开申请72件，较上年减少23件。", "mismatch", "yoy.requests.new.total.diff"),
        ("本局收到政府信息公开申请72件，较上年增加22件。", "mismatch", "yoy.requests.new.total.diff"),
        ("本局收到政府信息公开申请72件，同比增长46.94%。", "bound", "yoy.requests.new.total.pct"),
        ("本局收到政府信息公开申请72件，同比增长46.9%。", "bound", "yoy.requests.new.total.pct"),
        ("本局收到政府信息公开申请72件，同比增长47.94%。", "mismatch", "yoy.requests.new.total.pct"),
        ("与上年相比，收到政府信息公开申请增加23件。", "bound", "yoy.requests.new.total.diff"),
        ("本局收到政府信息公开申请72件，上年为49件。", "bound", "yoy.requests.new.total.previous"),
        ("申请公开率较上年提高2.79个百分点。", "bound", "yoy.rate.requests.granted_or_partial.total.diff"),
        ("申请公开率较上年下降2.79个百分点。", "mismatch", "yoy.rate.requests.granted_or_partial.total.diff"),
    ],
)
def test_year_on_year_is_recomputed_from_last_years_data(
    text: str, verdict: str, ref: str, report: ReportBase
) -> None:
    last = check_text(text, report).mentions[-1]
    assert (last.verdict, last.ref) == (verdict, ref), last.message


def test_year_on_year_without_last_year_is_unsupported_and_says_why(example_2021: dict[str, Any]) -> None:
    example_2021.pop("previous")
    report = report_from_data(example_2021)
    last = check_text("本局收到政府信息公开申请72件，较上年增加23件。", report).mentions[-1]
    assert last.verdict == "unsupported" and last.rule == "P-12"
    assert "上年" in last.message and "--previous" in last.message


def test_mismatch_names_the_cell_its_value_and_the_cell_it_was_confused_with(report: ReportBase) -> None:
    (m,) = check_text("本局收到政府信息公开申请71件。", report).mentions
    assert m.rule == "P-1" and m.expected == "72件"
    assert "一、本年新收政府信息公开申请数量 › 总计" in m.message and "72件" in m.message
    assert "（七）总计" in m.message  # 71 is the 办结 figure: the classic P-1/P-2 confusion


def test_a_qualifier_on_an_exact_table_figure_binds_with_a_warning(report: ReportBase) -> None:
    result = check_text("予以公开20余件。", report)
    (m,) = result.mentions
    assert m.verdict == "bound" and m.warning and "确数" in m.warning
    assert result.ok
    assert [f.severity for f in result.findings] == ["warning"]


def test_a_declared_approximate_fact_must_not_be_quoted_as_exact(example_2021: dict[str, Any]) -> None:
    example_2021["facts"].append(
        {
            "id": "platform.visits",
            "label": "门户网站访问量",
            "value": 120,
            "unit": "万人次",
            "qualifier": "超过",
        }
    )
    report = report_from_data(example_2021)
    assert [m.verdict for m in check_text("门户网站访问量超过120万人次。", report).mentions] == ["bound"]
    (m,) = check_text("门户网站访问量120万人次。", report).mentions
    assert m.verdict == "mismatch" and "约数" in m.message


def test_generic_verbs_do_not_bind_outside_a_sentence_about_requests(report: ReportBase) -> None:
    # 受理 is an alias of 本年新收, but not in a sentence about a platform's complaints
    assert verdicts("平台受理咨询投诉3218件。", report) == [("3218件", "unsupported", None)]
    # inside section 三 the table is known even when the sentence does not say 申请
    result = check_text("本年度办结71件。", report, section="requests")
    assert [(m.verdict, m.ref) for m in result.mentions] == [("bound", "requests.total.total")]


def test_several_named_figures_bind_to_their_sum_or_are_ambiguous(report: ReportBase) -> None:
    (m,) = check_text("予以公开和不予公开共32件。", report).mentions
    assert m.verdict == "bound" and m.ref == "sum:requests.granted.total+derived.requests.denied.total"
    wrong = check_text("予以公开和不予公开共37件。", report)
    assert [x.verdict for x in wrong.mentions] == ["ambiguous"] and not wrong.ok
    # a group alias is one figure, not several: 予以公开和部分公开 is 予以公开及部分公开 (36)
    (m,) = check_text("予以公开和部分公开共37件。", report).mentions
    assert (m.verdict, m.ref) == ("mismatch", "derived.requests.granted_or_partial.total")


def test_json_shape_lists_every_mention(report: ReportBase) -> None:
    payload = check_text("2024年，本局收到政府信息公开申请71件。", report).as_json()
    assert payload["ok"] is False
    first, second = payload["mentions"]  # type: ignore[misc]
    for key in ("text", "start", "end", "value", "unit", "verdict", "ref", "expected", "message"):
        assert key in first and key in second
    assert (first["verdict"], first["reason"]) == ("exempt", "年份或日期")
    assert (second["value"], second["unit"], second["verdict"], second["expected"]) == (
        71,
        "件",
        "mismatch",
        "72件",
    )
    assert payload["findings"][0]["rule"] == "P-1"  # type: ignore[index]
