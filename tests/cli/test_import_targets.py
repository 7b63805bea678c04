"""`copilot import` never writes over the report it reads, nor its data with its draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from report_copilot.cli import app
from tests.review.published import published_html

runner = CliRunner()


def _page(tmp_path: Path, example_2021: dict[str, Any]) -> Path:
    example_2021.pop("previous")
    page = tmp_path / "2024.html"
    page.write_text(published_html(example_2021), encoding="utf-8")
    return page


def test_the_report_itself_is_never_an_output(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    page = _page(tmp_path, example_2021)
    before = page.read_bytes()
    for flag in ("-o", "--draft"):
        result = runner.invoke(app, ["import", str(page), flag, str(page), "--overwrite"])
        assert result.exit_code == 2 and "就是要导入的报告本身" in result.output
    assert page.read_bytes() == before


def test_data_and_draft_to_one_file_are_refused(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    page = _page(tmp_path, example_2021)
    out = tmp_path / "2024.json"
    result = runner.invoke(
        app, ["import", str(page), "-o", str(out), "--draft", str(tmp_path / "." / "2024.json")]
    )
    assert result.exit_code == 2 and "同一个文件" in result.output
    assert not out.exists()


def test_a_data_file_is_pointed_to_validate(tmp_path: Path) -> None:
    data = tmp_path / "2024.json"
    data.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["import", str(data), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and f"copilot validate {data}" in result.output
