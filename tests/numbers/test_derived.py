"""Derived values: the one place subtotals, group sums, rates and year-on-year figures come from."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any

import pytest

from report_copilot.checks.derived import references
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.cells import CellValues
from tests.conftest import set_cell


def test_group_subtotals_add_every_sub_row_and_every_column(example_2021: dict[str, Any]) -> None:
    report = report_from_data(example_2021)
    refs = references(report)
    values = CellValues.of(report)
    denied = [k for k in report.format.cells if k.startswith("requests.denied.") and k.endswith(".total")]
    assert refs["derived.requests.denied.total"].value == sum(values.get(k) or 0 for k in denied) == 4
    assert refs["derived.requests.unavailable.total"].value == 23
    assert refs["derived.requests.not_processed.total"].value == 6
    assert refs["derived.requests.other.total"].value == 2
    assert refs["derived.requests.granted_or_partial.total"].value == 36
    assert refs["derived.requests.to_handle.total"].value == 75  # 新收 72 + 上年结转 3: 共需办理
    assert refs["derived.requests.denied.natural_person"].value == 3  # one column of a group
    assert refs["derived.requests.new.legal_persons"].value == 14  # 法人或其他组织: five columns
    assert refs["derived.appeals.litigation.total"].value == 3  # 直接起诉 2 + 复议后起诉 1
    assert refs["derived.appeals.litigation.pending"].value == 1


def test_derived_values_follow_the_data(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "requests.denied.state_secret.business", 2)
    data = set_cell(data, "requests.denied.state_secret.total", 2)
    refs = references(report_from_data(data))
    assert refs["derived.requests.denied.total"].value == 6
    assert refs["derived.requests.denied.legal_persons"].value == 3


def test_rates_are_exact_and_printed_with_two_decimals_half_up(example_2021: dict[str, Any]) -> None:
    refs = references(report_from_data(example_2021))
    rate = refs["rate.requests.granted_or_partial.total"]
    assert rate.unit == "%" and rate.text == "50.70"
    assert abs(Decimal(rate.value) - Decimal(36) * 100 / 71) < Decimal("1e-20")
    assert refs["rate.requests.new.natural_person"].text == "80.56"  # 58 / 72


def test_shares_need_a_present_non_zero_base_cell_or_derived(example_2021: dict[str, Any]) -> None:
    refs = references(report_from_data(example_2021))
    # 国家秘密 was 0 in every column: its share of all requests exists, no column's share of it does
    assert [k for k in refs if k.startswith("rate.requests.denied.state_secret")] == [
        "rate.requests.denied.state_secret.total"
    ]
    data = set_cell(example_2021, "requests.denied.state_secret.business", 2)
    refs = references(report_from_data(set_cell(data, "requests.denied.state_secret.total", 2)))
    assert refs["rate.requests.denied.state_secret.business"].text == "100.00"
    assert refs["rate.requests.denied.state_secret.natural_person"].text == "0.00"
    legal = refs["rate.requests.denied.state_secret.legal_persons"]  # a derived numerator
    assert legal.parts == (
        "derived.requests.denied.state_secret.legal_persons",
        "requests.denied.state_secret.total",
    )
    group = refs["rate.requests.denied.natural_person"]  # a derived numerator over a derived base
    assert group.parts == ("derived.requests.denied.natural_person", "derived.requests.denied.total")
    assert group.text == "50.00"


def test_year_on_year_from_last_years_report(example_2021: dict[str, Any]) -> None:
    refs = references(report_from_data(example_2021))
    assert refs["yoy.requests.new.total.previous"].value == 49
    diff = refs["yoy.requests.new.total.diff"]
    assert diff.value == 23 and diff.phrase() == "本年新收政府信息公开申请较上年增加23件"
    assert refs["yoy.requests.new.total.pct"].text == "46.94"
    assert refs["yoy.rate.requests.granted_or_partial.total.diff"].unit == "个百分点"


def test_no_year_on_year_without_last_year(seed_2019: dict[str, Any]) -> None:
    refs = references(report_from_data(seed_2019))
    assert not any(k.startswith("yoy.") for k in refs)


def test_every_cell_fact_and_fee_has_a_reference(example_2021: dict[str, Any]) -> None:
    report = report_from_data(example_2021)
    refs = references(report)
    assert set(report.format.cells) <= set(refs)
    assert {f"fact.{f.id}" for f in report.facts} <= set(refs)
    assert refs["fee.amount_yuan"].unit == "元"
    assert refs["active.fees.amount"].unit == "万元"
    assert refs["fact.oversight.trainees"].phrase() == "培训人员210人次"


def test_money_cells_are_in_yuan(seed_2019: dict[str, Any]) -> None:
    data = set_cell(seed_2019, "active.procurement.amount", "251000元")
    refs = references(report_from_data(data))
    assert (refs["active.procurement.amount"].value, refs["active.procurement.amount"].unit) == (251000, "元")


def test_references_are_built_once_per_report(example_2021: dict[str, Any]) -> None:
    report = report_from_data(example_2021)
    assert references(report) is references(report)


def test_references_read_one_by_one_equal_the_whole_table(example_2021: dict[str, Any]) -> None:
    """References are built when read: a key read alone, the table read whole, a copy and a pickle
    all give the same figures, in table order, and nobody can change them."""
    one_by_one = references(report_from_data(example_2021))
    keys = list(one_by_one)  # the keys, without building anything
    assert "yoy.requests.new.total.pct" in one_by_one and "rate.nonexistent" not in one_by_one
    assert one_by_one.get("rate.nonexistent") is None
    singles = {k: one_by_one[k].model_dump() for k in reversed(keys)}  # built out of order
    whole = references(report_from_data(example_2021))
    assert [(k, r.model_dump()) for k, r in whole.items()] == [(k, singles[k]) for k in keys]
    assert list(one_by_one.items()) == list(whole.items()) and one_by_one == whole
    assert pickle.loads(pickle.dumps(one_by_one)) == dict(whole) == copy.deepcopy(whole)
    with pytest.raises(TypeError):
        one_by_one["requests.new.total"] = one_by_one["requests.new.total"]


def test_year_on_year_keys_are_answered_before_the_table_is_listed(example_2021: dict[str, Any]) -> None:
    """A year-on-year key read on its own (`in`, `get`, `[k]`) is answered exactly as the listed
    table answers it: the same keys exist (no growth rate over a zero, none across units)."""
    report = report_from_data(example_2021)
    listed = references(report_from_data(example_2021))
    keys = set(listed)  # lists every entry
    one_by_one = references(report)
    own = [k for k in keys if not k.startswith("yoy.")]
    asked = [f"yoy.{k}.{which}" for k in own for which in ("previous", "diff", "pct")]
    asked += ["yoy.nonexistent.diff", "yoy.requests.new.total", "yoy.requests.new.total.pct.diff"]
    for key in asked:
        assert (key in one_by_one) == (key in keys), key
        if key in keys:
            assert one_by_one[key] == listed[key]
            assert one_by_one.kind_unit_value(key) == listed.kind_unit_value(key)
        else:
            assert one_by_one.get(key) is None
    assert any(k.endswith(".pct") for k in keys) and any(
        f"yoy.{k}.pct" not in keys and f"yoy.{k}.diff" in keys for k in own
    )  # both kinds of figure occur, so the comparison above is not empty
    assert list(one_by_one) == list(listed)
