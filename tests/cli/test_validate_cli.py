"""`copilot validate`, `init`, `schema` as a user runs them: exit codes, messages, files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from report_copilot.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_validate_clean_example_exits_0() -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLES / "yunxi-amr-2024.json")])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


def test_validate_seed_reports_its_inconsistency_and_exits_1() -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLES / "guyuan-2019.json")])
    assert result.exit_code == 1
    assert (
        "[T4-1] 四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼 › 复议后起诉 › 总计：各项之和为 2，填报为 0"
        in result.output
    )
    assert "共 1 个错误、0 个警告" in result.output


def test_validate_json_output() -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLES / "guyuan-2019.json"), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    (finding,) = payload["findings"]
    assert {"rule", "severity", "location", "message", "expected", "actual"} <= set(finding)
    assert finding["rule"] == "T4-1" and finding["expected"] == 2 and finding["actual"] == 0


def test_validate_unreadable_input_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": {"agency": "某局", "year": 2024},}', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "不是有效的 JSON：第 1 行" in result.output
    assert "Traceback" not in result.output


def test_validate_json_output_on_unreadable_input(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "guyuan-2019.json").read_text(encoding="utf-8"))
    data["requests"]["new"]["natural_person"] = -3
    path = tmp_path / "neg.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["findings"][0]["location"] == "requests.new.natural_person"
    assert payload["findings"][0]["rule"] == "T3-4"


def test_validate_with_previous_option(tmp_path: Path) -> None:
    current = json.loads((EXAMPLES / "yunxi-amr-2024.json").read_text(encoding="utf-8"))
    current["previous"] = None
    path = tmp_path / "cur.json"
    path.write_text(json.dumps(current, ensure_ascii=False), encoding="utf-8")
    without = runner.invoke(app, ["validate", str(path)])
    assert without.exit_code == 0 and "T3-5" in without.output  # warning only
    prev = json.loads((EXAMPLES / "yunxi-amr-2023.json").read_text(encoding="utf-8"))
    prev["requests"]["carried_forward"]["natural_person"] = 1
    prev_path = tmp_path / "prev.json"
    prev_path.write_text(json.dumps(prev, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--previous", str(prev_path)])
    assert result.exit_code == 1
    assert "[T3-5]" in result.output


def test_missing_argument_is_usage_error() -> None:
    assert runner.invoke(app, ["validate"]).exit_code == 2


def test_init_writes_every_cell_blank_and_validate_names_them(tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    result = runner.invoke(app, ["init", "-o", str(out), "--year", "2025", "--agency", "某县教育局"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["format"] == "2021"
    assert data["requests"]["denied"]["state_secret"]["natural_person"] is None
    assert data["active"]["fees"]["amount"] is None
    check = runner.invoke(app, ["validate", str(out), "--json"])
    assert check.exit_code == 1
    payload = json.loads(check.stdout)
    assert {f["rule"] for f in payload["findings"]} == {"T3-4"}
    assert "requests.denied.state_secret.natural_person" in {f["location"] for f in payload["findings"]}
    assert "requests.total.natural_person" not in {f["location"] for f in payload["findings"]}


def test_init_zeros_validates_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "zeros.json"
    assert runner.invoke(app, ["init", "-o", str(out), "-y", "2019", "-a", "某局", "--zeros"]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["format"] == "2019"
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0


def test_init_from_previous_carries_over_and_stocks(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "yunxi-amr-2024.json", tmp_path / "last.json")
    shutil.copy(EXAMPLES / "yunxi-amr-2023.json", tmp_path / "yunxi-amr-2023.json")
    out = tmp_path / "sub" / "2025.json"
    result = runner.invoke(
        app, ["init", "-o", str(out), "-y", "2025", "--previous", str(tmp_path / "last.json")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["agency"] == "云溪市市场监督管理局"
    assert data["requests"]["carried_over"]["natural_person"] == 3
    assert data["requests"]["carried_over"]["business"] == 1
    assert data["active"]["normative_documents"]["in_force"] == 39
    assert data["previous"] == "../last.json"
    assert data["requests"]["new"]["natural_person"] is None


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "keep.json"
    out.write_text("typed by hand", encoding="utf-8")
    result = runner.invoke(app, ["init", "-o", str(out), "-y", "2024"])
    assert result.exit_code == 2
    assert "已存在" in result.output
    assert out.read_text(encoding="utf-8") == "typed by hand"


def test_init_previous_of_wrong_year(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "init",
            "-o",
            str(tmp_path / "x.json"),
            "-y",
            "2026",
            "--previous",
            str(EXAMPLES / "yunxi-amr-2023.json"),
        ],
    )
    assert result.exit_code == 2 and "年度为 2023" in result.output


def test_schema_has_official_titles() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    text = json.dumps(schema, ensure_ascii=False)
    assert "三、收到和处理政府信息公开申请情况" in text and "本年制发件数" in text
    assert "requests" in schema["properties"]
    old = json.loads(runner.invoke(app, ["schema", "--format", "2019"]).stdout)
    assert "采购总金额" in json.dumps(old, ensure_ascii=False)
    assert runner.invoke(app, ["schema", "--format", "1999"]).exit_code == 2
