"""`copilot export DRAFT.md --data DATA.json` as a user runs it: the gate, --force, the Word file, errors."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.json_input import load_report
from report_copilot.render.audit import audit_docx
from report_copilot.render.layout import UNCHECKED_MARK
from report_copilot.render.markdown import render_markdown
from tests.conftest import EXAMPLES
from tests.render.drafts import sample_draft

runner = CliRunner()
DATA_2021 = EXAMPLES / "yunxi-amr-2024.json"
DATA_2019 = EXAMPLES / "guyuan-2019.json"


@dataclass
class _Mention:
    text: str
    verdict: str
    message: str
    ref: str | None = None
    block: int | None = None


@dataclass
class _Check:
    mentions: list[_Mention] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(m.verdict in {"bound", "exempt"} for m in self.mentions)


def fake_prose_module(monkeypatch: pytest.MonkeyPatch, mentions: list[_Mention]) -> list[Any]:
    """Stand in for checks.prose (issue 3) so the gate's wiring is tested on its own; records its calls."""
    calls: list[Any] = []

    def check_draft(draft: Any, report: Any) -> _Check:
        calls.append((draft, report))
        return _Check(mentions=list(mentions))

    import report_copilot.checks.prose as real

    # The real module's other names stay (modules imported later take Mention etc. from it); only
    # the check is replaced, so the test does not depend on which test imported what first.
    module = types.ModuleType("report_copilot.checks.prose")
    module.__dict__.update({k: v for k, v in vars(real).items() if not k.startswith("__")})
    module.check_draft = check_draft  # type: ignore[attr-defined]
    module.ERROR_VERDICTS = frozenset({"mismatch", "unsupported", "ambiguous"})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "report_copilot.checks.prose", module)
    return calls


def write_draft(tmp_path: Path, data: Path = DATA_2021) -> Path:
    report = load_report(data)
    path = tmp_path / "draft.md"
    path.write_text(render_markdown(sample_draft(report), report), encoding="utf-8")
    return path


def test_clean_draft_exports_an_audited_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_prose_module(monkeypatch, [_Mention("72件", "bound", "一致", "requests.new.total", 4)])
    draft = write_draft(tmp_path)
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "draft.docx"
    assert f"已导出 {out}" in result.output
    assert len(calls) == 1  # the number check ran on the draft read back from Markdown
    report = load_report(DATA_2021)
    assert audit_docx(out, sample_draft(report), report, unchecked_mark=False) == []
    assert draft.read_text(encoding="utf-8").startswith("# ")  # the draft itself is untouched


def test_failing_number_blocks_with_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_prose_module(monkeypatch, [_Mention("73件", "mismatch", "应为 72 件", "requests.new.total", 4)])
    draft = write_draft(tmp_path)
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021), "-o", str(out)])
    assert result.exit_code == 1
    assert "未导出" in result.output and "第 5 块「73件」：应为 72 件" in result.output
    assert not out.exists()


def test_force_exports_with_the_mark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_prose_module(monkeypatch, [_Mention("15人次", "unsupported", "数据中没有", None, 3)])
    draft = write_draft(tmp_path)
    out = tmp_path / "forced.docx"
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert "--force" in result.output
    assert Document(str(out)).paragraphs[0].text == UNCHECKED_MARK


def test_table_identity_error_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_prose_module(monkeypatch, [])
    draft = write_draft(tmp_path, DATA_2019)
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2019), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert [f["rule"] for f in payload["findings"]] == ["T4-1"]
    assert not (tmp_path / "draft.docx").exists()


def test_json_output_on_success(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_prose_module(monkeypatch, [])
    draft = write_draft(tmp_path)
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["forced"] is False and payload["audit"] == []
    assert payload["docx"] == str(tmp_path / "draft.docx") and payload["markdown"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.md", "--data", str(DATA_2021)], "找不到草稿文件"),
        (["{draft}", "--data", "missing.json"], "找不到文件"),
        (["{draft}", "--data", str(DATA_2021), "-o", "{tmp}/out.pdf"], "应以 .docx 结尾"),
        (["{draft}", "--data", str(DATA_2021), "--profile", "{tmp}/bad.toml"], "未知设置项「margin_mm」"),
        (["{tmp}/empty.md", "--data", str(DATA_2021)], "没有可导出的正文"),
    ],
)
def test_bad_input_is_a_chinese_message_and_exit_2(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_prose_module(monkeypatch, [])
    draft = write_draft(tmp_path)
    (tmp_path / "bad.toml").write_text("margin_mm = 30\n", encoding="utf-8")
    (tmp_path / "empty.md").write_text("\n", encoding="utf-8")
    argv = [a.format(draft=draft, tmp=tmp_path) for a in args]
    result = runner.invoke(app, ["export", *argv])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_profile_file_changes_the_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_prose_module(monkeypatch, [])
    draft = write_draft(tmp_path)
    profile = tmp_path / "office.toml"
    profile.write_text('margin_bottom_mm = 30\nheading2_font = "楷体"\n', encoding="utf-8")
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021), "--profile", str(profile)])
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "draft.docx"))
    assert round(doc.sections[0].bottom_margin.mm) == 30


def test_with_the_real_number_check(tmp_path: Path) -> None:
    pytest.importorskip(
        "report_copilot.checks.prose", reason="the number checker (issue 3) is not in the tree yet"
    )
    draft = write_draft(tmp_path)
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "draft.docx").exists()


def test_text_beside_the_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_prose_module(monkeypatch, [])
    draft = write_draft(tmp_path)
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021), "--text"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "draft.txt").read_text(encoding="utf-8")
    assert f"已导出 {tmp_path / 'draft.txt'}" in result.output
    assert "┌" in text and "<table" not in text and "行政复议" in text


def test_pdf_without_libreoffice_exits_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_prose_module(monkeypatch, [])
    monkeypatch.setattr("report_copilot.render.office.find_soffice", lambda: None)
    draft = write_draft(tmp_path)
    result = runner.invoke(app, ["export", str(draft), "--data", str(DATA_2021), "--pdf"])
    assert result.exit_code == 2
    assert "未安装 LibreOffice" in result.output and "apt-get install" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_missing_issue_date_refuses_with_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_prose_module(monkeypatch, [])
    data = json.loads(DATA_2021.read_text(encoding="utf-8"))
    del data["meta"]["issue_date"]
    data.pop("previous", None)  # a relative path beside the example
    path = tmp_path / "nodate.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    draft = write_draft(tmp_path, path)
    result = runner.invoke(app, ["export", str(draft), "--data", str(path), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert "成文日期" in payload["error"]["message"] and payload["error"]["location"] == "meta.issue_date"
    assert not (tmp_path / "draft.docx").exists()
