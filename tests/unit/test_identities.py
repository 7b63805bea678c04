"""勾稽关系: every identity of format.md §7 with a passing and a failing case (table-driven)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from report_copilot.checks.identities import check_report
from report_copilot.errors import InputError
from report_copilot.inputs.json_input import report_from_data
from tests.conftest import set_cell


def findings(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    report = report_from_data(data)
    return [(f.rule, f.severity, f.location) for f in check_report(report).findings]


def test_clean_2021_example_has_no_findings(example_2021: dict[str, Any]) -> None:
    assert findings(example_2021) == []


def test_seed_reports_exactly_its_real_inconsistency(seed_2019: dict[str, Any]) -> None:
    report = report_from_data(seed_2019)
    result = check_report(report)
    assert [(f.rule, f.location) for f in result.findings] == [("T4-1", "appeals.suit_after_review.total")]
    finding = result.findings[0]
    assert finding.expected == 2 and finding.actual == 0
    assert finding.message.startswith(
        "四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼 › 复议后起诉 › 总计：各项之和为 2，填报为 0"
    )


def _seed_fixed(seed: dict[str, Any]) -> dict[str, Any]:
    data = set_cell(seed, "appeals.suit_after_review.total", 2)
    prev = copy.deepcopy(data)
    prev["meta"]["year"] = 2018
    prev["active"]["normative_documents"] = {"produced": 0, "published": 0, "total_published": 0}
    prev.pop("previous", None)
    data["previous"] = prev
    return data


# (rule, severity, cell to change, new value, expected location) — 2021 format on the bundled example.
CASES_2021 = [
    ("T3-1", "error", "requests.new.natural_person", 59, "requests.new.natural_person"),
    ("T3-2", "error", "requests.granted.total", 29, "requests.granted.total"),
    ("T3-3", "error", "requests.total.business", 9, "requests.total.business"),
    ("T3-4", "error", "requests.denied.state_secret.business", None, "requests.denied.state_secret.business"),
    (
        "T3-5",
        "error",
        "previous.requests.carried_forward.natural_person",
        3,
        "requests.carried_over.natural_person",
    ),
    ("T4-1", "error", "appeals.review.total", 5, "appeals.review.total"),
    ("T4-1", "error", "appeals.direct_suit.other", 0, "appeals.direct_suit.total"),
    ("T2-1", "warning", "active.normative_documents.in_force", 40, "active.normative_documents.in_force"),
    ("T2-2", "warning", "active.normative_documents.abolished", 50, "active.normative_documents.abolished"),
]


@pytest.mark.parametrize(
    ("rule", "severity", "cell", "value", "location"), CASES_2021, ids=[c[0] for c in CASES_2021]
)
def test_identity_2021(
    example_2021: dict[str, Any], rule: str, severity: str, cell: str, value: Any, location: str
) -> None:
    assert not [f for f in findings(example_2021) if f[0] == rule], "passing case"
    data = set_cell(example_2021, cell, value)
    if rule == "T3-1":  # keep the row total consistent so only the column identity breaks
        data = set_cell(data, "requests.new.total", None)
    assert (rule, severity, location) in findings(data)


def test_t3_1_reports_each_column_separately(example_2021: dict[str, Any]) -> None:
    data = set_cell(set_cell(example_2021, "requests.new.natural_person", 59), "requests.new.total", None)
    t31 = [f for f in check_report(report_from_data(data)).findings if f.rule == "T3-1"]
    assert {f.where.rsplit(" › ", 1)[-1] for f in t31} == {"自然人", "总计"}
    assert "本年新收政府信息公开申请数量 59" in t31[0].message


CASES_2019 = [
    (
        "T2'-1",
        "warning",
        "active.normative_documents.total_published",
        13,
        "active.normative_documents.total_published",
    ),
    ("T2'-2", "warning", "active.licensing.previous_items", 3, "active.licensing.previous_items"),
    ("T2'-3", "error", "active.normative_documents.published", 13, "active.normative_documents.published"),
    ("T4-1", "error", "appeals.review.upheld", 0, "appeals.review.total"),
    ("T3-2", "error", "requests.granted.business", 1, "requests.granted.total"),
]


@pytest.mark.parametrize(
    ("rule", "severity", "cell", "value", "location"), CASES_2019, ids=[c[0] for c in CASES_2019]
)
def test_identity_2019(
    seed_2019: dict[str, Any], rule: str, severity: str, cell: str, value: Any, location: str
) -> None:
    data = _seed_fixed(seed_2019)
    assert findings(data) == [], "passing case"
    assert (rule, severity, location) in findings(set_cell(data, cell, value))


def test_x1_version_must_match_year(seed_2019: dict[str, Any], example_2021: dict[str, Any]) -> None:
    assert ("X-1", "error", "meta.format") in findings(set_cell(seed_2019, "meta.year", 2021))
    data = set_cell(example_2021, "meta.year", 2020)
    data["previous"] = None
    assert ("X-1", "error", "meta.format") in findings(data)
    assert not [f for f in findings(example_2021) if f[0] == "X-1"]


def test_x1_old_layout_in_new_report_is_named(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "active.procurement", {"projects": 0, "amount": 0})
    with pytest.raises(InputError) as err:
        report_from_data(data)
    assert "2019 试行格式" in str(err.value) and "X-1" in str(err.value)


def test_t3_5_warns_when_carry_over_cannot_be_verified(example_2021: dict[str, Any]) -> None:
    data = dict(example_2021, previous=None)
    assert ("T3-5", "warning", "requests.carried_over.total") in findings(data)
    zero = set_cell(data, "requests.carried_over", {c: 0 for c in example_2021["requests"]["new"]})
    zero = set_cell(zero, "requests.carried_forward", {c: 0 for c in example_2021["requests"]["new"]})
    assert not [f for f in findings(zero) if f[0] == "T3-5"]


def test_omitted_totals_are_computed_not_missing(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    for row in ("new", "granted", "total"):
        data["requests"][row].pop("total")
    data["requests"]["total"] = {}
    data["appeals"]["review"].pop("total")
    assert findings(data) == []


def test_wrong_computed_base_still_breaks_t3_1(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    data["requests"]["total"] = {}
    data["requests"]["granted"]["natural_person"] = 20
    data["requests"]["granted"].pop("total")
    rules = {f[0] for f in findings(data)}
    assert "T3-1" in rules


def test_t4_2_there_is_no_cross_year_identity_for_appeals(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "previous.appeals.review.pending", 7)
    data = set_cell(data, "previous.appeals.review.total", 9)
    assert findings(data) == []


def test_a_lone_cell_side_is_shown_once(example_2021: dict[str, Any]) -> None:
    """T2-1's left side is one cell: "现行有效件数 50，应等于 …", not "现行有效件数 50 = 50"."""
    data = copy.deepcopy(example_2021)
    in_force = data["active"]["normative_documents"]["in_force"]
    data = set_cell(data, "active.normative_documents.in_force", in_force + 1)
    (finding,) = [f for f in check_report(report_from_data(data)).findings if f.rule == "T2-1"]
    assert f"现行有效件数 {in_force + 1}，应等于 上年现行有效件数" in finding.message
    assert f"{in_force + 1} = {in_force + 1}" not in finding.message
