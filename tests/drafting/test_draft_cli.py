"""`copilot draft`: offline by default, the output layout, history, exit codes, secrets."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from tests.conftest import EXAMPLES
from tests.stub_openai import Reply, StubOpenAI

SENTINEL = "sk-SENTINEL-do-not-leak-7f3a9c"


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(app, ["draft", *args], catch_exceptions=False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path / "yunxi-amr-2024.json"


def test_offline_default_writes_the_full_layout(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run([str(example), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "核对通过" in result.output
    md = out / "yunxi-amr-2024.md"
    assert md.is_file() and (out / "yunxi-amr-2024.docx").is_file()
    prov = json.loads((out / "yunxi-amr-2024.provenance.json").read_text(encoding="utf-8"))
    assert prov["schema_version"] == 2 and prov["backend"] == "template" and prov["endpoint"] is None
    assert prov["check"]["ok"] is True and prov["forced"] is False and prov["version"] == 1
    assert {s["outcome"] for s in prov["sections"]} == {"template"}
    assert len(prov["input_sha256"]) == 64
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 云溪市市场监督管理局2024年政府信息公开工作年度报告")
    assert '<table data-table="requests">' in text and "未通过数字核对" not in text
    history = out / ".history" / "yunxi-amr-2024"
    assert (history / "0001.md").read_text(encoding="utf-8") == text
    assert json.loads((history / "0001.provenance.json").read_text(encoding="utf-8")) == prov
    # an unchanged re-draft is the same version, not a new one
    rerun = _run([str(example), "-o", str(out)])
    assert rerun.exit_code == 0 and "未另存新版本" in rerun.output
    assert not (history / "0002.md").exists() and (history / "0001.md").read_text(encoding="utf-8") == text
    again = json.loads((out / "yunxi-amr-2024.provenance.json").read_text(encoding="utf-8"))
    assert again["version"] == 1 and again["input_sha256"] == prov["input_sha256"]


def test_json_output(example: Path, tmp_path: Path) -> None:
    result = _run([str(example), "-o", str(tmp_path / "o"), "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["backend"] == "template"
    assert Path(payload["files"]["docx"]).is_file()


def test_failing_checks_write_markdown_but_no_export(tmp_path: Path) -> None:
    """The seed's own data has a broken identity (T4-1): the draft is kept, nothing exported, exit 1."""
    out = tmp_path / "out"
    result = _run([str(EXAMPLES / "guyuan-2019.json"), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "T4-1" in result.output and "未导出 Word" in result.output
    md = out / "guyuan-2019.md"
    assert md.is_file() and not (out / "guyuan-2019.docx").exists()
    assert "未通过数字核对" in md.read_text(encoding="utf-8")
    prov = json.loads((out / "guyuan-2019.provenance.json").read_text(encoding="utf-8"))
    assert prov["check"]["ok"] is False and prov["check"]["errors"] >= 1
    assert any(f["rule"] == "T4-1" for f in prov["check"]["findings"])
    forced = _run([str(EXAMPLES / "guyuan-2019.json"), "-o", str(out), "--force"])
    assert forced.exit_code == 1
    assert (out / "guyuan-2019.docx").is_file()
    prov = json.loads((out / "guyuan-2019.provenance.json").read_text(encoding="utf-8"))
    assert prov["forced"] is True and prov["version"] == 2
    assert "未通过数字核对" in (out / "guyuan-2019.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["missing.json"], "找不到文件"),
        (["{example}", "--backend", "gpt"], "未知的起草方式"),
        (["{example}", "--backend", "openai"], "未配置模型服务"),
        (
            ["{example}", "--prompts", "/nonexistent/prompts", "--base-url", "http://127.0.0.1:9/v1"],
            "提示词目录",
        ),
    ],
)
def test_setup_errors_exit_2_in_chinese(
    example: Path, tmp_path: Path, args: list[str], fragment: str
) -> None:
    args = [a.replace("{example}", str(example)) for a in args]
    result = _run([*args, "-o", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert fragment in result.output and "Traceback" not in result.output


def test_model_run_never_leaks_the_key(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A sentinel key goes to the endpoint (it must) and nowhere else: no output, cache, or log."""
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    out = tmp_path / "out"
    with StubOpenAI() as stub:
        stub.enqueue(Reply(content="本局新收政府信息公开申请99件。"), match="“（二）依申请公开”小标题")
        stub.enqueue(Reply(kind="status", status=500), match="“（四）政府信息公开平台建设”")
        stub.enqueue(Reply(kind="status", status=400), match="“（五）监督保障”")
        monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
        monkeypatch.setenv("COPILOT_MAX_RETRIES", "0")
        result = _run([str(example), "-o", str(out)])
        assert stub.auth_headers and all(h == f"Bearer {SENTINEL}" for h in stub.auth_headers)
    assert result.exit_code == 0, result.output
    prov = json.loads((out / "yunxi-amr-2024.provenance.json").read_text(encoding="utf-8"))
    assert prov["backend"] == "openai"
    outcomes = {s["key"]: s["outcome"] for s in prov["sections"]}
    assert outcomes["overview.on_request"] == "repaired"
    assert outcomes["overview.platforms"] == "fallback" and outcomes["overview.oversight"] == "fallback"
    home = Path(__import__("os").environ["COPILOT_HOME"])
    files = [p for root in (out, home) for p in root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".docx" for p in files) and any("cache" in p.parts for p in files)
    for path in files:
        assert SENTINEL.encode() not in path.read_bytes(), path
        if path.suffix == ".docx":
            import zipfile

            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    assert SENTINEL.encode() not in z.read(name), (path, name)
    assert SENTINEL not in result.output
    assert SENTINEL not in caplog.text
