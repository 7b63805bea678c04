"""`copilot import BOOK.xlsx` of our own template: cells left empty are listed and exit 1, as the
README promises ("0 every cell read"); a full workbook is exit 0."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from report_copilot.cli import app

runner = CliRunner()


def test_empty_cells_of_a_workbook_are_listed(tmp_path: Path) -> None:
    full, empty = tmp_path / "full.xlsx", tmp_path / "empty.xlsx"
    assert (
        runner.invoke(
            app, ["init", "--xlsx", str(full), "--year", "2024", "--agency", "某某县审计局", "--zeros"]
        ).exit_code
        == 0
    )
    assert (
        runner.invoke(
            app, ["init", "--xlsx", str(empty), "--year", "2024", "--agency", "某某县审计局"]
        ).exit_code
        == 0
    )
    done = runner.invoke(app, ["import", str(full), "-o", str(tmp_path / "full.json")])
    assert done.exit_code == 0, done.output
    assert "空白" not in done.output
    todo = runner.invoke(app, ["import", str(empty), "-o", str(tmp_path / "empty.json")])
    assert todo.exit_code == 1, todo.output
    assert (
        "空白：三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量：工作簿中 6 个单元格未填写"
        in todo.output
    )
