"""No traceback for hostile inputs: deep nesting, huge counts, and anything unexpected (exit 2 / 70)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.cli.common import last_resort
from report_copilot.errors import EXIT_INTERNAL
from tests.conftest import EXAMPLES, load_example

runner = CliRunner()


def test_100000_nested_brackets_in_a_data_file(tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    for command in ("validate", "draft"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2, result.output
        assert "嵌套层数过多" in result.output and str(path) in result.output


def test_100000_nested_brackets_in_notes_and_a_draft(tmp_path: Path) -> None:
    data = load_example("yunxi-amr-2024.json")
    data.pop("previous", None)
    data["notes"]["problems"] = ["（" * 100_000 + "说明" + "）" * 100_000]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["draft", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    check = runner.invoke(app, ["check", str(tmp_path / "out" / "d.md"), "-d", str(path)])
    assert check.exit_code in (0, 1) and "Traceback" not in check.output


def test_a_count_above_1e9_is_refused_with_its_cell(tmp_path: Path) -> None:
    data = load_example("yunxi-amr-2024.json")
    data.pop("previous", None)
    data["requests"]["new"]["total"] = 10**30
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "requests.new.total" in result.output and "不能超过 1000000000" in result.output
    data["requests"]["new"]["total"] = 10**9  # the limit itself is accepted
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "requests.new.total）：超出" not in runner.invoke(app, ["validate", str(path)]).output


def test_an_unexpected_error_is_a_message_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert last_resort(ValueError("boom")) == EXIT_INTERNAL
    out = capsys.readouterr().err
    assert "程序内部错误（ValueError）" in out and "COPILOT_DEBUG=1" in out and "Traceback" not in out
    monkeypatch.setenv("COPILOT_DEBUG", "1")
    try:
        raise ValueError("boom")
    except ValueError as exc:
        last_resort(exc)
    assert "Traceback" in capsys.readouterr().err


def test_os_and_recursion_errors_are_input_faults(capsys: pytest.CaptureFixture[str]) -> None:
    assert last_resort(PermissionError(13, "Permission denied", "/x/y.docx")) == 2
    assert "/x/y.docx" in capsys.readouterr().err
    assert last_resort(RecursionError()) == 2


def test_the_console_script_never_prints_a_traceback(tmp_path: Path) -> None:
    """Through the real entry point, a fault inside a command ends as a message and exit 70."""
    code = (
        "import report_copilot.service.validation as v\n"
        "def boom(*a, **k): raise ZeroDivisionError('x')\n"
        "v.load = boom\n"
        "from report_copilot.cli import main; main()\n"
    )
    env: dict[str, Any] = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("COPILOT_DEBUG", None)
    args = [sys.executable, "-c", code, "validate", str(EXAMPLES / "yunxi-amr-2024.json")]
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    assert done.returncode == EXIT_INTERNAL and "Traceback" not in done.stderr
    assert "程序内部错误（ZeroDivisionError）" in done.stderr
