"""Claim rules: P-8 (均获维持/零败诉/均已审结), P-9 (共 N …，其中 a、b、c), P-10 (信息处理费)."""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from tests.conftest import set_cell


def claims(data: dict[str, Any], text: str) -> list[tuple[str, str, str]]:
    result = check_text(text, report_from_data(data))
    return [(f.rule, f.severity, f.location) for f in result.claims]


# The 2024 example: 行政复议 维持 2, 纠正 1, 尚未审结 1; 直接起诉 维持 1, 其他 1; 复议后起诉 尚未审结 1.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "行政复议均获维持。",
            [("P-8", "error", "appeals.review.corrected"), ("P-8", "error", "appeals.review.pending")],
        ),
        (
            "行政复议结果均被驳回。",
            [("P-8", "error", "appeals.review.corrected"), ("P-8", "error", "appeals.review.pending")],
        ),
        ("行政诉讼零败诉。", []),  # no 结果纠正 in the litigation rows
        (
            "行政复议和行政诉讼均已审结。",
            [
                ("P-8", "error", "appeals.review.pending"),
                ("P-8", "error", "appeals.suit_after_review.pending"),
            ],
        ),
        ("未发生败诉案件，行政复议零纠错。", [("P-8", "error", "appeals.review.corrected")]),
        ("全部胜诉。", []),  # only lawsuits are won or lost: the litigation rows have no 结果纠正
        ("行政复议、行政诉讼均未被纠错。", [("P-8", "error", "appeals.review.corrected")]),
    ],
)
def test_p8_claims_against_table_four(
    example_2021: dict[str, Any], text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert claims(example_2021, text) == expected


def test_p8_holds_when_every_case_was_upheld(seed_2019: dict[str, Any]) -> None:
    # the seed: 行政复议 1 件, 结果维持 1 — "结果均为驳回申请" is true
    assert claims(seed_2019, "因政府信息公开申请引起行政复议 1 件，结果均为驳回申请。") == []
    changed = set_cell(seed_2019, "appeals.review.corrected", 1)
    changed = set_cell(changed, "appeals.review.upheld", 0)
    assert claims(changed, "因政府信息公开申请引起行政复议 1 件，结果均为驳回申请。") == [
        ("P-8", "error", "appeals.review.corrected")
    ]


def test_p9_exhaustive_parts_must_add_up(example_2021: dict[str, Any]) -> None:
    ok = "收到政府信息公开申请72件，其中自然人58件、法人或其他组织14件。"
    assert claims(example_2021, ok) == []
    # the table says 自然人 58, so 57 is a mismatch of its own; the list no longer adds up either
    wrong = "收到政府信息公开申请72件，其中自然人57件、法人或其他组织14件。"
    assert claims(example_2021, wrong) == [("P-9", "error", "requests.new.total")]


def test_p9_outcomes_of_all_concluded_requests(example_2021: dict[str, Any]) -> None:
    text = (
        "办结政府信息公开申请71件，其中予以公开28件，部分公开8件，不予公开4件（其中保护第三方合法权益3件、"
        "属于四类过程性信息1件），无法提供23件，不予处理6件，其他处理2件。"
    )
    assert claims(example_2021, text) == []


def test_p9_parts_exceeding_the_whole_warn_even_when_not_exhaustive(example_2021: dict[str, Any]) -> None:
    text = "主动公开政府信息100条，其中政策解读57条、微信1042条。"
    assert claims(example_2021, text) == [("P-9", "warning", "fact.active.items_published")]
    fine = "主动公开政府信息1268条，其中政策解读46条、微信100条。"  # a partial list: no claim
    assert claims(example_2021, fine) == []


def test_p10_fee_sentence_agrees_with_the_data(example_2021: dict[str, Any]) -> None:
    text = "2024年本局未发出收费通知，未收取信息处理费。"
    assert claims(example_2021, text) == []
    charged = dict(example_2021, processing_fee={"notices": 2, "amount_yuan": 300})
    assert claims(charged, text) == [
        ("P-10", "error", "processing_fee.amount_yuan"),
        ("P-10", "error", "processing_fee.notices"),
    ]


def test_p10_an_unpaid_fee_row_contradicts_no_notice(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "requests.other.no_fee_paid.natural_person", 1)
    data = set_cell(data, "requests.other.no_fee_paid.total", 1)
    assert ("P-10", "error", "processing_fee.notices") in claims(data, "本局未发出收费通知。")


def test_claim_errors_make_the_check_fail(example_2021: dict[str, Any]) -> None:
    result = check_text("行政复议均获维持。", report_from_data(example_2021))
    assert not result.ok and all(m.verdict != "mismatch" for m in result.mentions)
