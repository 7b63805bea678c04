"""`copilot doctor` against the stub: each failure explained in Chinese with its exit code."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from tests.stub_openai import Reply, StubOpenAI

SLOT = "原样保留"


def _doctor(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["doctor", *args])
    return result.exit_code, result.output


def test_a_working_endpoint_passes_every_check() -> None:
    with StubOpenAI() as stub:
        code, output = _doctor("--base-url", stub.base_url, "--model", "stub-model")
    assert code == 0, output
    for name in ("连接", "密钥", "模型名称", "普通回复", "流式输出", "填空提示"):
        assert f"[通过] {name}" in output
    assert "可以用这个模型服务起草" in output


def test_json_names_each_check() -> None:
    with StubOpenAI() as stub:
        result = CliRunner().invoke(
            app, ["doctor", "--base-url", stub.base_url, "--model", "stub-model", "--json"]
        )
    payload = json.loads(result.stdout)
    assert payload["exit_code"] == 0 and payload["model"] == "stub-model"
    assert [c["verdict"] for c in payload["checks"]] == ["ok"] * 6


def test_a_missing_model_names_the_ones_offered() -> None:
    with StubOpenAI(models=("qwen2.5-72b", "deepseek-chat")) as stub:
        code, output = _doctor("--base-url", stub.base_url, "--model", "gpt-4o-mini")
    assert code == 3 and "没有模型 gpt-4o-mini" in output and "qwen2.5-72b" in output


def test_a_refused_key_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong-0123456789abcdef")
    with StubOpenAI(key="sk-right-0123456789abcdef") as stub:
        code, output = _doctor("--base-url", stub.base_url, "--model", "stub-model")
    assert code == 3 and "拒绝了 API 密钥" in output and "sk-wrong" not in output


def test_an_unreachable_host_exits_3() -> None:
    code, output = _doctor("--base-url", "http://127.0.0.1:9/v1")
    assert code == 3 and "无法连接模型服务" in output


def test_nothing_configured_exits_2() -> None:
    code, output = _doctor()
    assert code == 2 and "未配置模型服务" in output and "Traceback" not in output


@pytest.mark.parametrize(
    ("reply", "fragment"),
    [
        (Reply(content="## 答复\n本局本年新收政府信息公开申请72件。"), "标题"),
        (Reply(content="本局本年新收政府信息公开申请72件。"), "没有原样保留"),
        (Reply(content="本局" * 40, kind="truncated"), "stream = false"),
        (Reply(content="本局本年新收", finish_reason="content_filter"), "没有正常结束"),
    ],
)
def test_a_drafting_check_that_fails_exits_1(reply: Reply, fragment: str) -> None:
    with StubOpenAI() as stub:
        stub.enqueue(reply, match=SLOT)
        code, output = _doctor("--base-url", stub.base_url, "--model", "stub-model")
    assert code == 1, output
    assert fragment in output and "[未通过]" in output
