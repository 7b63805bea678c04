"""Export use cases: the export gate, Markdown and Word output, and the self-audit.

A draft is exported only when its number check passed (`check.ok`), or when the clerk forces it —
then both outputs carry a visible 未通过数字核对 mark at the top. The Word document is written to a
temporary file, re-opened and audited, and only then renamed into place: a document that fails the
audit never appears at the requested path, and neither does half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError, InputError, Problem
from report_copilot.files import read_user_text, write_bytes_atomic, write_text_atomic
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.profile import OfficeProfile, load_profile

__all__ = [
    "EXPORT_FORMATS",
    "ExportAuditError",
    "ExportBlocked",
    "ExportResult",
    "GateCheck",
    "export_draft",
    "export_markdown_file",
    "load_profile",
    "read_draft",
]

EXPORT_FORMATS = ("md", "docx")
EXTRA_FORMATS = ("pdf", "txt")
"""Asked for explicitly: the PDF (through LibreOffice, needs the docx) and the terminal text."""
_BAD_VERDICTS = {"mismatch", "unsupported", "ambiguous"}


class ExportBlocked(CopilotError):
    """The draft's numbers did not pass the check; nothing was exported."""

    exit_code = 1


class ExportAuditError(CopilotError):
    """The written Word document failed its self-audit; it was not kept."""

    exit_code = 1


class ProseCheckLike(Protocol):
    """What the gate reads of a number check (`checks.prose.ProseCheck`)."""

    @property
    def ok(self) -> bool: ...

    @property
    def findings(self) -> Any: ...

    @property
    def mentions(self) -> Any: ...


class ExportResult(BaseModel):
    markdown: Path | None = None
    docx: Path | None = None
    pdf: Path | None = None
    text: Path | None = None
    audit: list[Finding] = Field(default_factory=list, description="self-audit findings (empty: passed)")
    forced: bool = Field(False, description="exported despite a failing check, with the 未通过数字核对 mark")

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


@dataclass
class GateCheck:
    """The number check plus the table identity errors: what the export gate reads (export and draft)."""

    prose: Any
    table_errors: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.prose.ok) and not self.table_errors

    @property
    def findings(self) -> list[Any]:
        return [*self.table_errors, *(getattr(self.prose, "findings", None) or [])]

    @property
    def mentions(self) -> list[Any]:
        return list(getattr(self.prose, "mentions", None) or [])


def _blocking_problems(check: ProseCheckLike) -> list[Problem]:
    """Each failing number, in Chinese, for the refusal message."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for mention in getattr(check, "mentions", None) or []:
        if getattr(mention, "verdict", None) not in _BAD_VERDICTS:
            continue
        text = getattr(mention, "text", "")
        message = getattr(mention, "message", "") or "无法核对"
        block = getattr(mention, "block", None)
        where = f"第 {block + 1} 块" if isinstance(block, int) else "正文"
        line = f"{where}「{text}」：{message}"
        if line not in seen:
            seen.add(line)
            ref = getattr(mention, "ref", None)
            problems.append(Problem(location=ref or where, message=line, rule=str(mention.verdict)))
    for finding in getattr(check, "findings", None) or []:
        if getattr(finding, "severity", "error") != "error":
            continue
        line = f"[{finding.rule}] {finding.message}"
        if line not in seen:
            seen.add(line)
            problems.append(Problem(location=finding.location, message=line, rule=finding.rule))
    return problems


def _gate(check: ProseCheckLike, force: bool) -> bool:
    """True when the export must carry the unchecked mark; raises ExportBlocked when not allowed."""
    if check.ok:
        return False
    if force:
        return True
    problems = _blocking_problems(check)
    raise ExportBlocked(
        f"草稿有 {len(problems) or '若干'} 处数字未通过核对，未导出。请修改草稿后重试"
        "（确需导出可加 --force，文档顶部将标注“未通过数字核对”）",
        location="draft",
        problems=problems,
    )


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(f.lower().lstrip(".") for f in formats))
    unknown = [f for f in wanted if f not in EXPORT_FORMATS + EXTRA_FORMATS]
    if unknown or not wanted:
        raise InputError(
            f"未知的导出格式「{'、'.join(unknown) or '（空）'}」，可用：{'、'.join(EXPORT_FORMATS + EXTRA_FORMATS)}",
            location="formats",
        )
    return wanted


def _audited_docx(
    draft: Draft, report: ReportBase, target: Path, profile: OfficeProfile | None, unchecked: bool
) -> Path:
    """Write the DOCX next to `target`, audit it, and return the temporary path (caller renames it)."""
    from report_copilot.render.audit import audit_docx
    from report_copilot.render.docx import docx_bytes

    data = docx_bytes(draft, report, profile=profile, unchecked_mark=unchecked)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".docx", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write_bytes_atomic(tmp, data)
        findings = audit_docx(tmp, draft, report, profile=profile, unchecked_mark=unchecked)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if findings:
        tmp.unlink(missing_ok=True)
        raise ExportAuditError(
            f"导出的 Word 文档未通过自检（{len(findings)} 处），未保存 {target}",
            location=str(target),
            problems=[Problem(location=f.location, message=f.message, rule=f.rule) for f in findings],
        )
    return tmp


def export_draft(
    draft: Draft,
    report: ReportBase,
    check: ProseCheckLike,
    out_dir: Path,
    stem: str,
    *,
    formats: Sequence[str] = EXPORT_FORMATS,
    force: bool = False,
    profile: OfficeProfile | None = None,
) -> ExportResult:
    """Export a checked draft to `out_dir/stem.md` and/or `out_dir/stem.docx`.

    Refuses (ExportBlocked) unless `check.ok`, or `force` (then the visible 未通过数字核对 mark, and
    `forced=True` in the result). The Word document is audited before it is put in place; an audit
    failure raises ExportAuditError and leaves no file at the target.
    """
    wanted = _formats(formats)
    if "pdf" in wanted:
        from report_copilot.render.office import require_soffice

        require_soffice()
        wanted = tuple(dict.fromkeys((*wanted, "docx")))
    unchecked = _gate(check, force)
    if "docx" in wanted and not unchecked:
        _require_issue_date(draft, report, profile)
    result = ExportResult(forced=unchecked)
    docx_tmp: Path | None = None
    docx_target = out_dir / f"{stem}.docx"
    if "docx" in wanted:
        docx_tmp = _audited_docx(draft, report, docx_target, profile, unchecked)
    try:
        if "md" in wanted:
            from report_copilot.render.markdown import render_markdown

            md_target = out_dir / f"{stem}.md"
            write_text_atomic(md_target, render_markdown(draft, report, unchecked_mark=unchecked))
            result.markdown = md_target
        if docx_tmp is not None:
            os.replace(docx_tmp, docx_target)
            result.docx = docx_target
        if "txt" in wanted:
            from report_copilot.render.text import render_text

            text_target = out_dir / f"{stem}.txt"
            write_text_atomic(text_target, render_text(draft, report, unchecked_mark=unchecked))
            result.text = text_target
        if "pdf" in wanted:
            from report_copilot.render.office import export_pdf

            result.pdf = export_pdf(docx_target, out_dir / f"{stem}.pdf")
    finally:
        if docx_tmp is not None:
            docx_tmp.unlink(missing_ok=True)
    return result


def _require_issue_date(draft: Draft, report: ReportBase, profile: OfficeProfile | None) -> None:
    """A document for submission carries its 成文日期 in the closing, unless the office opts out."""
    from report_copilot.render.layout import issue_date_missing
    from report_copilot.render.profile import DEFAULT_PROFILE

    if (profile or DEFAULT_PROFILE).require_issue_date and issue_date_missing(draft, report):
        raise ExportBlocked(
            "缺少成文日期，未导出：落款只有机关名称。请在数据文件中填写发布日期（meta.issue_date，"
            "如 2025-01-20），或在草稿落款行写明日期；本单位确不写日期的，在版式配置中设 "
            "require_issue_date = false",
            location="meta.issue_date",
            problems=[
                Problem(
                    location="meta.issue_date",
                    message="落款缺少成文日期（meta.issue_date）",
                    rule="EXPORT-DATE",
                )
            ],
        )


def read_draft(path: Path) -> Draft:
    """A Markdown draft from disk (possibly hand-edited), with Chinese errors."""
    text = read_user_text(path, "草稿文件")
    draft = Draft.from_markdown(text)
    if not any(b.kind in {"paragraph", "heading", "table"} for b in draft.blocks):
        raise InputError(
            f"{path} 中没有可导出的正文（应为 copilot draft 生成的 Markdown 草稿）", location=str(path)
        )
    return draft


def export_markdown_file(
    draft_path: Path,
    data_path: Path,
    *,
    output: Path | None = None,
    previous: Path | None = None,
    force: bool = False,
    profile_path: Path | None = None,
    pdf: bool = False,
    text: bool = False,
) -> tuple[ExportResult, Any]:
    """`copilot export`: re-run the table identities and the number check on a Markdown draft, then
    export it to Word (`output`, default: the draft's path with .docx), and beside it the PDF (`pdf`,
    through LibreOffice) and the terminal text (`text`, .txt). Returns (result, check)."""
    from report_copilot.checks.identities import check_report
    from report_copilot.checks.prose import check_draft
    from report_copilot.checks.structure import structure_findings
    from report_copilot.inputs.json_input import load_report

    target = output or draft_path.with_suffix(".docx")
    if target.suffix.lower() != ".docx":
        raise InputError(f"输出文件应以 .docx 结尾：{target}", location=str(target))
    if target.resolve() == draft_path.resolve():
        raise InputError("输出文件不能与草稿文件相同", location=str(target))
    profile = load_profile(profile_path) if profile_path else None
    draft = read_draft(draft_path)
    report = load_report(data_path, previous)
    check = GateCheck(
        check_draft(draft, report), [*check_report(report).errors, *structure_findings(draft, report.format)]
    )
    formats = ("docx", *(("pdf",) if pdf else ()), *(("txt",) if text else ()))
    result = export_draft(
        draft, report, check, target.parent, target.stem, formats=formats, force=force, profile=profile
    )
    return result, check
