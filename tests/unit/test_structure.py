"""A draft that lost a section heading or a table placeholder is refused at export."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from report_copilot.checks.structure import structure_findings
from report_copilot.cli import app
from report_copilot.model.draft import Draft
from report_copilot.model.formats import load_format
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "render" / "golden" / "yunxi-amr-2024.md"


def _without(text: str, marker: str) -> str:
    return "\n".join(line for line in text.splitlines() if marker not in line)


def test_complete_draft_has_no_structure_findings() -> None:
    draft = Draft.from_markdown(GOLDEN.read_text(encoding="utf-8"))
    assert structure_findings(draft, load_format("2021")) == []


def test_missing_table_and_heading_are_named() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    draft = Draft.from_markdown(_without(_without(text, 'data-table="requests"'), "## 五、"))
    messages = [f.message for f in structure_findings(draft, load_format("2021"))]
    assert any("三、收到和处理政府信息公开申请情况的表格" in m for m in messages)
    assert any("五、存在的主要问题及改进情况" in m for m in messages)
    assert all(
        f.rule == "D-1" and f.severity == "error" for f in structure_findings(draft, load_format("2021"))
    )


def test_sections_out_of_order() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    head, _, rest = text.partition("## 六、其他需要报告的事项")
    draft = Draft.from_markdown("## 六、其他需要报告的事项" + rest + "\n" + head)
    assert any("顺序" in f.message for f in structure_findings(draft, load_format("2021")))


def test_export_refuses_a_markdown_file_that_is_not_a_report(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("会议纪要：本周完成 3 项工作。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(note), "--data", str(EXAMPLES / "yunxi-amr-2024.json")])
    assert result.exit_code == 1
    assert "草稿缺少" in result.output
    assert not (tmp_path / "note.docx").exists()
