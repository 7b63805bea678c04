"""Tables in the Markdown are the data's: an edited cell is an error naming it (D-2), in check and export."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.json_input import load_report
from report_copilot.render.table_check import table_findings
from tests.conftest import EXAMPLES

runner = CliRunner()
CELL = '<td align="right">72</td>'  # 本年新收政府信息公开申请数量 › 总计 in the example


@pytest.fixture
def drafted(tmp_path: Path) -> tuple[Path, Path]:
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    data = tmp_path / "yunxi-amr-2024.json"
    out = tmp_path / "drafts"
    assert runner.invoke(app, ["draft", str(data), "-o", str(out), "--no-export"]).exit_code == 0
    return out / "yunxi-amr-2024.md", data


def _edit_cell(md: Path) -> None:
    text = md.read_text(encoding="utf-8")
    assert CELL in text
    md.write_text(text.replace(CELL, '<td align="right">73</td>', 1), encoding="utf-8")


def test_untouched_tables_pass(drafted: tuple[Path, Path]) -> None:
    md, data = drafted
    assert table_findings(md.read_text(encoding="utf-8"), load_report(data)) == []


def test_an_edited_cell_is_named(drafted: tuple[Path, Path]) -> None:
    md, data = drafted
    _edit_cell(md)
    [finding] = table_findings(md.read_text(encoding="utf-8"), load_report(data))
    assert finding.rule == "D-2" and finding.severity == "error"
    assert finding.location == "requests.new.total" and finding.cells == ["requests.new.total"]
    assert "表格数值请在数据文件中修改" in finding.message and "“73”" in finding.message


def test_check_reports_the_edited_cell(drafted: tuple[Path, Path]) -> None:
    md, data = drafted
    _edit_cell(md)
    result = runner.invoke(app, ["check", str(md), "-d", str(data)])
    assert result.exit_code == 1
    assert "[D-2]" in result.output and "表格数值请在数据文件中修改" in result.output


def test_export_refuses_the_edited_table(drafted: tuple[Path, Path]) -> None:
    md, data = drafted
    _edit_cell(md)
    result = runner.invoke(app, ["export", str(md), "-d", str(data)])
    assert result.exit_code == 1 and "表格数值请在数据文件中修改" in result.output
    assert not md.with_suffix(".docx").exists()


def test_a_reshaped_table_and_an_edited_header(drafted: tuple[Path, Path]) -> None:
    md, data = drafted
    text = md.read_text(encoding="utf-8")
    start = text.index("<tr>", text.index('data-table="requests"'))
    reshaped = text[:start] + text[text.index("\n", start) + 1 :]  # one row deleted
    [finding] = table_findings(reshaped, load_report(data))
    assert finding.location == "table:requests" and "行列被改动" in finding.message
    header = re.sub(r"(<th[^>]*>)[^<]+(</th>)", r"\1改过的表头\2", text[start:], count=1)
    [finding] = table_findings(text[:start] + header, load_report(data))
    assert finding.location == "table:requests" and "改过的表头" in finding.message


def test_an_empty_placeholder_is_fine(drafted: tuple[Path, Path]) -> None:
    _, data = drafted
    assert table_findings('<table data-table="requests"></table>', load_report(data)) == []
