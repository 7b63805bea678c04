"""The export gate and the all-or-nothing export (service.export), with a small ProseCheck stand-in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from report_copilot.checks.findings import Finding
from report_copilot.errors import InputError
from report_copilot.render.layout import UNCHECKED_MARK
from report_copilot.service import export as export_service
from report_copilot.service.export import ExportAuditError, ExportBlocked, export_draft
from tests.render.drafts import report_and_draft


@dataclass
class FakeMention:
    text: str
    verdict: str
    message: str
    ref: str | None = None
    block: int | None = None
    start: int = 0
    end: int = 0
    expected: str | None = None


@dataclass
class FakeCheck:
    """The three attributes the gate reads of checks.prose.ProseCheck."""

    mentions: list[FakeMention] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(
            m.verdict in {"mismatch", "unsupported", "ambiguous"} for m in self.mentions
        ) and not any(f.severity == "error" for f in self.findings)


PASSING = FakeCheck(mentions=[FakeMention("72件", "bound", "与表格一致", ref="requests.new.total", block=5)])
FAILING = FakeCheck(
    mentions=[
        FakeMention("72件", "bound", "与表格一致", ref="requests.new.total", block=5),
        FakeMention(
            "73件", "mismatch", "本年新收政府信息公开申请应为 72 件", ref="requests.new.total", block=7
        ),
        FakeMention("15人次", "unsupported", "数据中没有可对应的数字", block=9),
    ]
)


def test_passing_check_exports_both_formats(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    result = export_draft(draft, report, PASSING, tmp_path / "out", "yunxi")
    assert result.markdown == tmp_path / "out" / "yunxi.md"
    assert result.docx == tmp_path / "out" / "yunxi.docx"
    assert result.audit == [] and result.forced is False
    assert UNCHECKED_MARK not in result.markdown.read_text(encoding="utf-8")
    assert Document(str(result.docx)).paragraphs[0].style.name == "GW Title"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["yunxi.docx", "yunxi.md"]


def test_failing_check_is_refused_naming_the_numbers(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    with pytest.raises(ExportBlocked) as info:
        export_draft(draft, report, FAILING, tmp_path, "yunxi")
    error = info.value
    assert error.exit_code == 1
    text = str(error)
    assert "未导出" in text and "--force" in text
    assert "第 8 块「73件」：本年新收政府信息公开申请应为 72 件" in text
    assert "「15人次」" in text and "72件" not in text.replace("72 件", "")
    assert list(tmp_path.iterdir()) == []


def test_error_findings_block_too(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    check = FakeCheck(
        findings=[Finding(rule="P-9", severity="error", location="block:3", message="各分项之和与总数不符")]
    )
    with pytest.raises(ExportBlocked, match="各分项之和与总数不符"):
        export_draft(draft, report, check, tmp_path, "yunxi")


def test_force_exports_with_the_visible_mark(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    result = export_draft(draft, report, FAILING, tmp_path, "yunxi", force=True)
    assert result.forced is True
    assert result.markdown is not None and result.docx is not None
    assert UNCHECKED_MARK in result.markdown.read_text(encoding="utf-8").splitlines()[0]
    assert Document(str(result.docx)).paragraphs[0].text == UNCHECKED_MARK


def test_force_on_a_passing_draft_adds_no_mark(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    result = export_draft(draft, report, PASSING, tmp_path, "yunxi", force=True, formats=["docx"])
    assert result.forced is False and result.markdown is None
    assert Document(str(result.docx)).paragraphs[0].text != UNCHECKED_MARK


def test_unknown_format(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    with pytest.raises(InputError, match="odt"):
        export_draft(draft, report, PASSING, tmp_path, "yunxi", formats=["odt"])


def test_audit_failure_leaves_no_file(
    example_2021: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report, draft = report_and_draft(example_2021)
    finding = Finding(
        rule="EXPORT-FONT", severity="error", location="正文:3", message="正文第 3 段未显式设置中文字体"
    )
    monkeypatch.setattr("report_copilot.render.audit.audit_docx", lambda *a, **k: [finding])
    target = tmp_path / "yunxi.docx"
    target.write_bytes(b"the previous export")
    with pytest.raises(ExportAuditError) as info:
        export_draft(draft, report, PASSING, tmp_path, "yunxi", overwrite=True)
    assert "未通过自检" in str(info.value) and "正文第 3 段" in str(info.value)
    assert target.read_bytes() == b"the previous export"  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["yunxi.docx"]  # no temp file, no markdown


def test_service_reexports_the_export_names() -> None:
    from report_copilot import service

    assert service.export_draft is export_draft
    assert service.ExportBlocked is ExportBlocked
    assert set(export_service.__all__) >= {"ExportBlocked", "ExportResult", "export_draft"}


def test_the_clerks_edited_draft_is_the_markdown_export(example_2021: dict[str, Any], tmp_path: Path) -> None:
    """Exporting Markdown where the draft itself lives (the TUI's drafts/<stem>.md) keeps the clerk's
    file: no refusal, prose and comments byte for byte, only tables from older figures renewed, and it
    is never recorded as output a later draft may replace."""
    from report_copilot.model.draft import Draft
    from report_copilot.render.markdown import render_markdown

    report, draft = report_and_draft(example_2021)
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "yunxi.provenance.json").write_text('{"files": {}}', encoding="utf-8")  # as a draft leaves it
    export_draft(draft, report, PASSING, out, "yunxi")  # copilot's own output, hashes recorded
    target = out / "yunxi.md"
    rendered = target.read_text(encoding="utf-8")
    edited_text = rendered.replace("</table>", "</table>\n<!-- accept-lint: L-5 -->", 1)
    first = next(b for b in draft.blocks if b.kind == "paragraph")
    edited_text = edited_text.replace(first.text, first.text + "经手工补充。", 1)
    stale = edited_text.replace(f">{report.requests.new.total}<", ">999999<", 1)
    assert stale != edited_text, "the test needs a table figure to make stale"
    target.write_text(stale, encoding="utf-8")  # the clerk's saved edit, tables as of an older draft
    edited = Draft.from_markdown(stale)

    result = export_draft(edited, report, PASSING, out, "yunxi")

    assert result.markdown == target and result.docx == out / "yunxi.docx"
    kept = target.read_text(encoding="utf-8")
    assert kept == edited_text, "only the stale table is renewed; the prose and the comment stay"
    assert kept == export_service.refresh_tables(stale, render_markdown(edited, report))
    assert not export_service.own_output(target, "yunxi"), "a hand edit is never taken for our output"
    assert "经手工补充。" in "\n".join(p.text for p in Document(str(result.docx)).paragraphs)


def test_another_files_markdown_is_still_refused(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "yunxi.md").write_text("# 别的文件\n\n不是这份草稿。\n", encoding="utf-8")
    with pytest.raises(InputError, match="已存在"):
        export_draft(draft, report, PASSING, out, "yunxi")
    assert (out / "yunxi.md").read_text(encoding="utf-8") == "# 别的文件\n\n不是这份草稿。\n"
