"""Excel: `copilot init --xlsx` writes the official layout; `copilot import FILE.xlsx` reads it back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.excel import read_workbook, write_workbook
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import raw_cell_values
from tests.conftest import SEED_FILE

runner = CliRunner()


def _same_report(a: dict[str, Any], b: dict[str, Any]) -> None:
    ra, rb = report_from_data(a, with_previous=False), report_from_data(b, with_previous=False)
    va, vb = raw_cell_values(ra), raw_cell_values(rb)
    assert {k: (va[k], vb[k]) for k in va if va[k] != vb[k]} == {}
    assert ra.meta == rb.meta
    assert ra.facts == rb.facts and ra.notes == rb.notes
    assert ra.processing_fee == rb.processing_fee and ra.proper_names == rb.proper_names


@pytest.mark.parametrize("fixture", ["example_2021", "seed_2019"])
def test_round_trip_json_to_excel_to_json(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    data = request.getfixturevalue(fixture)
    data.pop("previous", None)
    path = tmp_path / "report.xlsx"
    write_workbook(data, path)
    back = read_workbook(path)
    _same_report(back, data)


def test_workbook_layout_merged_headers_formulas_validation(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    result = runner.invoke(app, ["init", "--xlsx", str(path), "--year", "2024", "--agency", "某局"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:6] == [
        "基本信息",
        "二、主动公开",
        "三、依申请公开",
        "四、复议诉讼",
        "支撑数据",
        "各部分要点",
    ]
    assert wb["_copilot"].sheet_state == "hidden"
    ws = wb["三、依申请公开"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    texts = {c.value: c.coordinate for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    # 法人或其他组织 spans its five columns; 自然人 and 总计 span both header rows; 不予公开 spans its 8 rows.
    legal = texts["法人或其他组织"]
    assert any(r.startswith(legal + ":") and r.endswith(chr(ord(legal[0]) + 4) + legal[1:]) for r in merged)
    assert any(r.startswith(texts["自然人"] + ":") for r in merged)
    denied = texts["（三）不予公开"]
    (span,) = [r for r in merged if r.startswith(denied + ":")]
    assert int(span.split(":")[1][1:]) - int(denied[1:]) == 7
    # Totals are formulas over their parts.
    total_name = wb.defined_names["copilot.requests.new.total"]
    sheet, coord = next(iter(total_name.destinations))
    assert str(wb[sheet][coord.replace("$", "")].value).startswith("=")
    grand = next(iter(wb.defined_names["copilot.requests.total.natural_person"].destinations))[1].replace(
        "$", ""
    )
    assert ws[grand].value.count("+") == 20  # 21 result rows in the 2021 format
    # Count cells accept only whole numbers ≥ 0.
    count_rules = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"]
    assert count_rules and count_rules[0].operator == "greaterThanOrEqual" and count_rules[0].formula1 == "0"
    new_np = next(iter(wb.defined_names["copilot.requests.new.natural_person"].destinations))[1].replace(
        "$", ""
    )
    assert any(new_np in str(dv.sqref) for dv in count_rules)
    appeals = wb["四、复议诉讼"]
    assert {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"} <= {
        c.value for row in appeals.iter_rows() for c in row
    }


def test_filled_workbook_imports_with_formulas_computed(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    path = tmp_path / "blank.xlsx"
    runner.invoke(app, ["init", "--xlsx", str(path), "--year", "2024", "--agency", "云溪市市场监督管理局"])
    wb = openpyxl.load_workbook(path)
    for cid, value in raw_cell_values(report_from_data(example_2021, with_previous=False)).items():
        sheet, coord = next(iter(wb.defined_names["copilot." + cid].destinations))
        cell = wb[sheet][coord.replace("$", "")]
        if isinstance(cell.value, str) and cell.value.startswith("="):
            continue  # the clerk leaves the formula; the total is computed
        cell.value = float(value) if value is not None and not isinstance(value, int) else value
    wb.save(path)
    out = tmp_path / "data.json"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["requests"]["new"]["total"] is None  # formula → computed
    check = runner.invoke(app, ["validate", str(out)])
    assert check.exit_code == 0, check.output


def test_bad_cell_in_workbook_is_named_in_chinese(tmp_path: Path, seed_2019: dict[str, Any]) -> None:
    path = tmp_path / "r.xlsx"
    write_workbook(seed_2019, path)
    wb = openpyxl.load_workbook(path)
    sheet, coord = next(iter(wb.defined_names["copilot.requests.granted.natural_person"].destinations))
    wb[sheet][coord.replace("$", "")] = "六"
    sheet2, coord2 = next(iter(wb.defined_names["copilot.requests.new.business"].destinations))
    wb[sheet2][coord2.replace("$", "")] = -1
    wb.save(path)
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert "有 2 处无法读取" in result.output
    assert f"{sheet}!{coord.replace('$', '')}" in result.output and "（一）予以公开 › 自然人" in result.output
    assert "“六”" in result.output and "“-1”" in result.output
    assert not (tmp_path / "x.json").exists()


def test_init_xlsx_prefilled_from_last_years_published_report(tmp_path: Path) -> None:
    path = tmp_path / "2020.xlsx"
    seed = SEED_FILE
    result = runner.invoke(app, ["init", "--xlsx", str(path), "--year", "2020", "--previous", str(seed)])
    assert result.exit_code == 0, result.output
    data = read_workbook(path)
    assert data["meta"]["agency"] == "固原市人民政府办公室" and data["meta"]["format"] == "2019"
    assert data["active"]["normative_documents"]["total_published"] == 12
    assert data["requests"]["carried_over"]["natural_person"] == 0
    assert data["requests"]["new"]["natural_person"] is None


def test_init_requires_an_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", "--year", "2024"])
    assert result.exit_code == 2 and "--xlsx" in result.output


def _set_named(wb: Any, name: str, value: Any) -> str:
    sheet, coord = next(iter(wb.defined_names["copilot." + name].destinations))
    wb[sheet][coord.replace("$", "")] = value
    return f"{sheet}!{coord.replace('$', '')}"


def test_meta_sheet_reads_each_kind_of_field(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    import datetime

    example_2021.pop("previous")
    path = tmp_path / "r.xlsx"
    write_workbook(example_2021, path)
    wb = openpyxl.load_workbook(path)
    # Labels are the data model's titles (one home): 联系部门 is Contact.office's title.
    labels = [row[0] for row in wb["基本信息"].iter_rows(min_row=3, max_col=1, values_only=True)]
    assert "联系部门" in labels and "报告年度" in labels and "信息处理费：发出收费通知件数" in labels
    _set_named(wb, "meta.is_government", "是")
    _set_named(wb, "meta.issue_date", datetime.datetime(2025, 1, 20, 9, 30))
    _set_named(wb, "proper_names", "331;12345 热线 ； ")
    _set_named(wb, "processing_fee.notices", 2)
    _set_named(wb, "processing_fee.amount_yuan", None)
    wb.save(path)
    data = read_workbook(path)
    assert data["meta"]["is_government"] is True
    assert data["meta"]["issue_date"] == "2025-01-20"
    assert data["proper_names"] == ["331", "12345 热线"]
    assert data["processing_fee"] == {"notices": 2, "amount_yuan": 0}


def test_meta_sheet_errors_name_the_cell_and_label(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    example_2021.pop("previous")
    path = tmp_path / "r.xlsx"
    write_workbook(example_2021, path)
    wb = openpyxl.load_workbook(path)
    year_at = _set_named(wb, "meta.year", "二〇二四")
    fee_at = _set_named(wb, "processing_fee.amount_yuan", -5)
    wb.save(path)
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert f"{year_at}（报告年度）：应为四位年份，填写为 “二〇二四”" in result.output
    assert f"{fee_at}（信息处理费：实际收取金额（元））：应为不小于 0 的数" in result.output
