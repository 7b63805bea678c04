"""Claims made in words without a figure (issue 12): 无结转 / 全部办结 (P-3), 均予以公开 (P-4),
翻一番 / 减半 / 持平 (P-12), and 办结率100% — each against the table, passing when the table agrees.

The 2024 example: 新收 72 (2023: 49), （七）总计 71, 予以公开 28, 部分公开 8, 结转下年度 4.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data


def _claims(data: dict[str, Any], text: str) -> list[tuple[str, str]]:
    result = check_text(text, report_from_data(data), "requests")
    return [(f.rule, f.severity) for f in result.claims]


def _no_carry(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["requests"]["carried_forward"] = {k: 0 for k in out["requests"]["carried_forward"]}
    return out


def _all_granted(data: dict[str, Any]) -> dict[str, Any]:
    """Every application of the year granted: the outcome rows hold nothing but 予以公开."""
    out = _no_carry(data)
    req = out["requests"]
    granted = copy.deepcopy(req["total"])
    for row, cells in list(req.items()):
        if isinstance(cells, dict) and row not in {"new", "carried_over", "carried_forward", "total"}:
            req[row] = _zeroed(cells)
    req["granted"] = granted
    return out


def _zeroed(node: Any) -> Any:
    return {k: _zeroed(v) for k, v in node.items()} if isinstance(node, dict) else 0


@pytest.mark.parametrize(
    ("text", "carried", "expected"),
    [
        ("本年度收到的申请已全部办结，无结转。", True, [("P-3", "error")]),
        ("无下年度结转申请。", True, [("P-3", "error")]),
        ("本年度收到的申请已全部办结，无结转。", False, []),
        ("所有申请均已按时办结。", True, [("P-3", "warning")]),
        ("所有申请均已按时办结。", False, []),
    ],
)
def test_no_carry_forward_and_all_done(
    example_2021: dict[str, Any], text: str, carried: bool, expected: list[tuple[str, str]]
) -> None:
    data = example_2021 if carried else _no_carry(example_2021)
    assert [c for c in _claims(data, text) if c[0] == "P-3"] == expected


def test_no_carry_from_last_year_is_about_the_other_row(example_2021: dict[str, Any]) -> None:
    result = check_text("无上年结转申请。", report_from_data(_no_carry(example_2021)), "requests")
    assert [f.location for f in result.claims] == ["requests.carried_over.total"]


def test_all_done_at_100_percent_warns_with_a_carry_forward(example_2021: dict[str, Any]) -> None:
    result = check_text("本年度政府信息公开申请办结率100%。", report_from_data(example_2021), "requests")
    (m,) = result.mentions
    assert m.verdict == "bound" and m.warning and "结转" in m.warning and result.ok
    clean = check_text(
        "本年度政府信息公开申请办结率100%。", report_from_data(_no_carry(example_2021)), "requests"
    )
    assert clean.mentions[0].verdict == "bound" and not clean.mentions[0].warning


@pytest.mark.parametrize(
    "text",
    ["对所有申请均予以公开。", "本年度收到的政府信息公开申请全部予以公开。", "申请均予以公开或部分公开。"],
)
def test_all_granted_against_the_outcome_rows(example_2021: dict[str, Any], text: str) -> None:
    assert _claims(example_2021, text) == [("P-4", "error")]
    assert _claims(_all_granted(example_2021), text) == []


def test_active_disclosure_wording_is_not_an_outcome_claim(example_2021: dict[str, Any]) -> None:
    assert (
        _claims(example_2021, "应当主动公开的政府信息均已公开，未发现依申请公开后应转为主动公开的情形。")
        == []
    )


@pytest.mark.parametrize(
    ("previous_new", "text", "expected"),
    [
        (49, "本年新收政府信息公开申请较上年翻了一番。", [("P-12", "error")]),
        (36, "本年新收政府信息公开申请较上年翻了一番。", []),
        (30, "本年新收政府信息公开申请较上年翻了一番多。", []),
        (144, "本年新收政府信息公开申请较上年减半。", []),
        (49, "本年新收政府信息公开申请较上年减半。", [("P-12", "error")]),
        (71, "本年新收政府信息公开申请与上年基本持平。", []),
        (49, "本年新收政府信息公开申请与上年持平。", [("P-12", "error")]),
    ],
)
def test_doubling_halving_and_level_against_last_year(
    example_2021: dict[str, Any], previous_new: int, text: str, expected: list[tuple[str, str]]
) -> None:
    data = copy.deepcopy(example_2021)
    data["previous"]["requests"]["new"] = {
        **{k: 0 for k in data["previous"]["requests"]["new"]},
        "total": previous_new,
    }
    data["previous"]["requests"]["new"]["natural_person"] = previous_new
    assert _claims(data, text) == expected


def test_doubling_without_last_year_is_left_alone(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    del data["previous"]
    assert _claims(data, "本年新收政府信息公开申请较上年翻了一番。") == []
