"""`copilot check` as a user runs it: exit codes, the highlighted sentence, JSON, unreadable input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from report_copilot.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()

DRAFT = """# 云溪市市场监督管理局2024年政府信息公开工作年度报告

## 三、收到和处理政府信息公开申请情况

2024年，本局新收政府信息公开申请72件，办结政府信息公开申请71件，其中予以公开28件。

<table data-table="requests"></table>
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_correct_draft_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(_write(tmp_path, DRAFT)), "--data", str(EXAMPLES / "yunxi-amr-2024.json")]
    )
    assert result.exit_code == 0, result.output
    assert "一致 3" in result.output and "0 个错误" in result.output


def test_a_wrong_number_exits_1_with_its_sentence_highlighted_and_the_cell(tmp_path: Path) -> None:
    draft = _write(tmp_path, DRAFT.replace("新收政府信息公开申请72件", "新收政府信息公开申请71件"))
    result = runner.invoke(app, ["check", str(draft), "--data", str(EXAMPLES / "yunxi-amr-2024.json")])
    assert result.exit_code == 1
    assert "错误 [P-1]" in result.output
    assert "2024年，本局新收政府信息公开申请【71件】，" in result.output
    assert "一、本年新收政府信息公开申请数量 › 总计」为 72件" in result.output
    assert "Traceback" not in result.output


def test_json_lists_every_mention(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["check", str(_write(tmp_path, DRAFT)), "--data", str(EXAMPLES / "yunxi-amr-2024.json"), "--json"],
    )
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["findings"] == []
    assert [(m["text"], m["verdict"], m["ref"]) for m in payload["mentions"]] == [
        ("三", "exempt", None),  # the heading's ordinal
        ("2024", "exempt", None),
        ("72件", "bound", "requests.new.total"),
        ("71件", "bound", "requests.total.total"),
        ("28件", "bound", "requests.granted.total"),
    ]
    assert {"text", "start", "end", "value", "unit", "verdict", "ref", "expected", "message"} <= set(
        payload["mentions"][2]
    )


def test_the_seed_prose_with_its_data_explains_every_number() -> None:
    result = runner.invoke(
        app,
        ["check", str(EXAMPLES / "guyuan-2019.md"), "--data", str(EXAMPLES / "guyuan-2019.json"), "--json"],
    )
    assert result.exit_code == 1  # its work figures are not declared as facts
    payload = json.loads(result.stdout)
    assert all(m["message"] for m in payload["mentions"])
    assert {m["verdict"] for m in payload["mentions"]} == {"bound", "exempt", "unsupported"}
    assert all(m["reason"] for m in payload["mentions"] if m["verdict"] == "exempt")


def test_year_on_year_needs_previous(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "yunxi-amr-2024.json").read_text(encoding="utf-8"))
    data.pop("previous")
    data_path = tmp_path / "data.json"
    data_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    draft = _write(tmp_path, DRAFT.replace("办结政府", "较上年增加23件，办结政府"))
    without = runner.invoke(app, ["check", str(draft), "--data", str(data_path)])
    assert without.exit_code == 1 and "--previous" in without.output
    with_previous = runner.invoke(
        app,
        ["check", str(draft), "--data", str(data_path), "--previous", str(EXAMPLES / "yunxi-amr-2023.json")],
    )
    assert with_previous.exit_code == 0, with_previous.output


def test_unreadable_inputs_exit_2_in_chinese(tmp_path: Path) -> None:
    missing = runner.invoke(
        app, ["check", str(tmp_path / "none.md"), "--data", str(EXAMPLES / "yunxi-amr-2024.json")]
    )
    assert missing.exit_code == 2 and "找不到草稿文件" in missing.output
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    broken = runner.invoke(app, ["check", str(_write(tmp_path, DRAFT)), "--data", str(bad)])
    assert broken.exit_code == 2 and "不是有效的 JSON" in broken.output
    binary = tmp_path / "draft.md"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    garbled = runner.invoke(app, ["check", str(binary), "--data", str(EXAMPLES / "yunxi-amr-2024.json")])
    assert garbled.exit_code == 2 and "UTF-8" in garbled.output
    for result in (missing, broken, garbled):
        assert "Traceback" not in result.output


def test_unreadable_input_with_json_still_prints_json(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(tmp_path / "none.md"), "--data", str(EXAMPLES / "yunxi-amr-2024.json"), "--json"]
    )
    assert result.exit_code == 2
    assert json.loads(result.stdout)["ok"] is False
