"""`copilot draft` twice with a hand edit in between: the edit is kept, said, and in history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from tests.conftest import EXAMPLES

EDIT = "手工改写：本局进一步规范申请办理流程，按期答复。"


def _draft(data: Path, out: Path, *extra: str) -> Any:
    return CliRunner().invoke(app, ["draft", str(data), "-o", str(out), *extra], catch_exceptions=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path / "yunxi-amr-2024.json"


def _edit_section(md: Path, heading: str, text: str) -> None:
    """Replace the first paragraph under `heading` as a clerk would in an editor."""
    body = md.read_text(encoding="utf-8")
    start = body.index("\n\n", body.index(heading)) + 2
    end = body.index("\n", start)
    md.write_text(body[:start] + text + body[end:], encoding="utf-8")


def test_hand_edit_survives_a_redraft_and_is_reported(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    assert _draft(data, out).exit_code == 0
    md = out / "yunxi-amr-2024.md"
    _edit_section(md, "### （二）依申请公开", EDIT)
    edited = md.read_text(encoding="utf-8")

    second = _draft(data, out)
    assert second.exit_code == 0, second.output
    assert "修改稿已另存为历史版本" in second.output and "保留手工修改：一（二）依申请公开" in second.output
    assert EDIT in md.read_text(encoding="utf-8")
    history = out / ".history" / "yunxi-amr-2024"
    assert (history / "0002.md").read_text(encoding="utf-8") == edited  # the clerk's file, byte for byte
    assert json.loads((history / "0002.provenance.json").read_text(encoding="utf-8"))["hand_edited"] is True

    third = _draft(data, out)  # no new edit: the earlier one is still kept, no new history copy of it
    assert EDIT in md.read_text(encoding="utf-8") and "修改稿已另存" not in third.output
    # nothing changed since the second run: it is version 3 again, not a new version (issue 13)
    assert sorted(p.name for p in history.glob("*.md")) == ["0001.md", "0002.md", "0003.md"]


def test_data_change_under_a_kept_section_is_marked_for_review(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    _draft(data, out)
    md = out / "yunxi-amr-2024.md"
    _edit_section(md, "### （二）依申请公开", EDIT)
    report = json.loads(data.read_text(encoding="utf-8"))
    report["notes"]["on_request"] = ["对涉及第三方的申请，书面征求意见。"]
    data.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    result = _draft(data, out)
    assert "请复核" in result.output and "一（二）依申请公开" in result.output
    assert EDIT in md.read_text(encoding="utf-8")
    prov = json.loads((out / "yunxi-amr-2024.provenance.json").read_text(encoding="utf-8"))
    assert prov["hand_edits"]["review"] == ["overview.on_request"]
    assert any(f["rule"] == "DRAFT-EDIT" for f in prov["check"]["findings"])


def test_unedited_sections_follow_the_data(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    _draft(data, out)
    md = out / "yunxi-amr-2024.md"
    _edit_section(md, "### （二）依申请公开", EDIT)
    report = json.loads(data.read_text(encoding="utf-8"))
    report["notes"]["problems"] = ["新写的改进措施一条。"]
    data.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    _draft(data, out)
    text = md.read_text(encoding="utf-8")
    assert EDIT in text and "新写的改进措施一条" in text


def test_a_wrong_number_in_a_kept_section_fails_the_run(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    _draft(data, out)
    _edit_section(out / "yunxi-amr-2024.md", "### （二）依申请公开", "本年新收政府信息公开申请73件。")
    result = _draft(data, out)
    assert result.exit_code == 1, result.output  # the kept text is checked like any other
    assert "73件" in result.output and "未导出 Word" in result.output


def test_an_edit_saved_in_another_encoding_is_kept_byte_for_byte(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    _draft(data, out)
    md = out / "yunxi-amr-2024.md"
    gbk = md.read_text(encoding="utf-8").replace("本局", "我局", 1).encode("gbk")
    md.write_bytes(gbk)  # an editor that saved it as GBK
    result = _draft(data, out)
    assert "修改稿已另存为历史版本" in result.output
    assert (out / ".history" / "yunxi-amr-2024" / "0002.md").read_bytes() == gbk


def test_a_draft_without_a_record_is_kept_in_history(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "yunxi-amr-2024.md").write_text("# 我自己写的稿子\n\n正文。\n", encoding="utf-8")
    result = _draft(data, out)
    assert "修改稿已另存为历史版本" in result.output and "已全部重新生成" in result.output
    kept = out / ".history" / "yunxi-amr-2024" / "0001.md"
    assert kept.read_text(encoding="utf-8") == "# 我自己写的稿子\n\n正文。\n"
