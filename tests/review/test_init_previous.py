"""`copilot init --previous LAST` from last year's published report, as a clerk on deadline runs it.

The year follows from last year's report; what is carried is said, and so is every carry that could
not be made (last year's cell printed blank, or absent from last year's format) — never a silent gap.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from report_copilot.cli import app
from tests.conftest import SEED_FILE
from tests.review.published import published_html

runner = CliRunner()


def _page(tmp_path: Path, data: dict[str, Any], name: str) -> Path:
    page = tmp_path / name
    page.write_text(published_html(data), encoding="utf-8")
    return page


def test_the_year_follows_last_years_report(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    previous = example_2021.pop("previous")
    page = _page(tmp_path, previous, "2023.html")
    out = tmp_path / "new.json"
    result = runner.invoke(app, ["init", "-o", str(out), "--previous", str(page)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["year"] == previous["meta"]["year"] + 1
    assert data["meta"]["agency"] == previous["meta"]["agency"]
    assert data["requests"]["carried_over"] == previous["requests"]["carried_forward"]
    assert "带入 9 个单元格" in result.output and "未能带入" not in result.output


def test_a_wrong_year_names_the_year_last_years_report_implies(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", "-o", str(tmp_path / "x.json"), "--year", "2022", "--previous", str(SEED_FILE)]
    )
    assert result.exit_code == 2
    assert "2019" in result.output and "2020 年度" in result.output
    assert not (tmp_path / "x.json").exists()


def test_a_stock_printed_blank_last_year_is_named_not_silently_left_out(
    tmp_path: Path, example_2021: dict[str, Any]
) -> None:
    previous = example_2021.pop("previous")
    previous["active"]["normative_documents"]["in_force"] = None
    page = _page(tmp_path, previous, "2023.html")
    out = tmp_path / "new.json"
    result = runner.invoke(app, ["init", "-o", str(out), "--previous", str(page)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["active"]["normative_documents"]["in_force"] is None
    gaps = [line for line in result.output.splitlines() if line.startswith("未能带入")]
    assert len(gaps) == 1 and "行政规范性文件 › 现行有效件数" in gaps[0] and "上年报告中未填报" in gaps[0]


def test_a_stock_last_years_format_does_not_have_is_named(tmp_path: Path) -> None:
    out = tmp_path / "2021.json"
    seed_2020 = tmp_path / "2020.json"
    first = runner.invoke(app, ["init", "-o", str(seed_2020), "--previous", str(SEED_FILE), "--zeros"])
    assert first.exit_code == 0, first.output
    result = runner.invoke(app, ["init", "-o", str(out), "--previous", str(seed_2020)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["year"] == 2021
    assert "现行有效件数：上年报告为 2019 格式，没有对应的项" in result.output


def test_an_unreadable_last_year_is_named_without_hints_at_other_flags(tmp_path: Path) -> None:
    notes = tmp_path / "2023.txt"
    notes.write_text("会议纪要\n今天讨论了工作安排。\n", encoding="utf-8")
    out = tmp_path / "2024.json"
    result = runner.invoke(app, ["init", "-o", str(out), "--previous", str(notes)])
    assert result.exit_code == 2 and "上年报告无法读取" in result.output
    assert "--year" not in result.output  # init's --year is this year's, not last year's
    assert not out.exists()
    audit = runner.invoke(app, ["audit", str(notes)])
    assert audit.exit_code == 2 and "--year" not in audit.output  # audit has no --year
    assert "--year" in runner.invoke(app, ["import", str(notes)]).output


def test_last_years_provincial_notice_is_not_carried(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    previous = example_2021.pop("previous")
    previous["meta"]["provincial_notice"] = "《关于做好2023年度政府信息公开工作年度报告编制发布工作的通知》"
    last = tmp_path / "2023.json"
    last.write_text(json.dumps(previous, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "2024.json"
    assert runner.invoke(app, ["init", "-o", str(out), "--previous", str(last)]).exit_code == 0
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert meta.get("provincial_notice") is None
    assert meta["agency"] == previous["meta"]["agency"] and meta["contact"] == previous["meta"]["contact"]


def test_proper_names_with_digits_are_carried(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    previous = example_2021.pop("previous")
    previous["proper_names"] = ["12345"]
    last = tmp_path / "2023.json"
    last.write_text(json.dumps(previous, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "2024.json"
    result = runner.invoke(app, ["init", "-o", str(out), "--previous", str(last)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["proper_names"] == ["12345"]
    assert "「12345」" in result.output
