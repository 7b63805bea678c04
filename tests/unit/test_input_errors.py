"""Bad input: every problem named in Chinese with its cell or field, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from report_copilot.errors import InputError
from report_copilot.inputs.json_input import load_report, report_from_data
from tests.conftest import set_cell


def problems(data: Any) -> str:
    with pytest.raises(InputError) as err:
        report_from_data(data)
    return str(err.value)


@pytest.mark.parametrize(
    ("cell", "value", "expected"),
    [
        ("requests.new.natural_person", -1, "不能为负数，填报为 -1"),
        ("requests.new.natural_person", 2.5, "应为整数，不能有小数，填报为 2.5"),
        ("requests.new.natural_person", "三", "应为数字，不能是文字"),
        ("requests.new.natural_person", True, "应为整数"),
        ("appeals.review.upheld", 1.0, "应写成整数 1"),
        ("active.fees.amount", "很多", "应为数字"),
        ("active.fees.amount", -0.5, "不能为负数"),
    ],
)
def test_bad_cell_values_name_the_cell(
    example_2021: dict[str, Any], cell: str, value: Any, expected: str
) -> None:
    message = problems(set_cell(example_2021, cell, value))
    assert expected in message
    assert f"（{cell}）" in message


def test_every_problem_is_reported_at_once(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "requests.new.natural_person", -1)
    data = set_cell(data, "appeals.review.upheld", "x")
    message = problems(data)
    assert "有 2 处无法读取" in message
    assert "自然人" in message and "结果维持" in message


def test_unknown_field_suggests_the_close_id(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "requests.new.natural_persn", 1)
    assert "未知字段「natural_persn」，是否应为「natural_person」" in problems(data)


def test_unknown_field_typed_as_official_label(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "requests.new.自然人", 1)
    assert "是否应为「natural_person」" in problems(data)


def test_missing_meta(example_2021: dict[str, Any]) -> None:
    data = dict(example_2021)
    del data["meta"]
    assert "缺少“基本信息”（meta）" in problems(data)
    assert "机关名称（meta.agency）：缺少必填项" in problems(set_cell(example_2021, "meta", {"year": 2024}))
    assert "报告年度（meta.year）缺少" in problems(set_cell(example_2021, "meta", {"agency": "某局"}))


def test_unknown_format_version(example_2021: dict[str, Any]) -> None:
    assert "只能是 2019、2021" in problems(set_cell(example_2021, "meta.format", "2030"))


def test_top_level_must_be_an_object() -> None:
    assert "顶层应为 JSON 对象" in problems([1, 2])


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "meta": {"agency": "某局", "year": 2024}\n  "requests": {}\n}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_report(path)
    assert "第 3 行第 3 列" in str(err.value) and "缺少逗号" in str(err.value)


def test_missing_file_and_wrong_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到文件"):
        load_report(tmp_path / "nope.json")
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes('{"meta": {"agency": "某局"}}'.encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        load_report(gbk)


def test_previous_year_must_be_the_year_before(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "previous.meta.year", 2022)
    assert "应提供 2023 年度的报告" in problems(data)


def test_money_cell_accepts_written_units(seed_2019: dict[str, Any]) -> None:
    report = report_from_data(set_cell(seed_2019, "active.procurement.amount", "251000元"))
    assert str(report.active.procurement.amount) == "251000元"  # type: ignore[attr-defined]
