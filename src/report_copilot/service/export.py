"""Export use cases: Markdown and Word output behind the export gate, and the self-audit.

A draft is exported only when its gate passes (`service.gate.ExportGate`: numbers, table identities,
structure, tables), or when the clerk forces it — then both outputs carry a visible 未通过数字核对 mark
at the top. The Word document is written to a temporary file, re-opened and audited, and only then
renamed into place with the other outputs (`files.FileSet`): a document that fails the audit never
appears at the requested path, and neither does half a file. An existing file is replaced only when
it is the draft's own earlier output (unchanged since it was written) or with --overwrite.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError, InputError, Problem
from report_copilot.files import FileSet, output_lock, recover, temp_path, write_bytes_atomic
from report_copilot.inputs.limits import read_text
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.profile import OfficeProfile, load_profile
from report_copilot.service.gate import ExportBlocked, ExportGate, gate_for

if TYPE_CHECKING:
    from report_copilot.checks.prose import ProseCheck

__all__ = [
    "EXPORT_FORMATS",
    "ExportAuditError",
    "ExportBlocked",
    "ExportGate",
    "ExportResult",
    "export_draft",
    "export_markdown_file",
    "gate_for",
    "load_profile",
    "own_output",
    "read_draft",
]

EXPORT_FORMATS = ("md", "docx")
EXTRA_FORMATS = ("pdf", "txt")
"""Asked for explicitly: the PDF (through LibreOffice, needs the docx) and the terminal text."""


class ExportAuditError(CopilotError):
    """The written Word document failed its self-audit; it was not kept."""

    exit_code = 1


class ExportResult(BaseModel):
    markdown: Path | None = None
    docx: Path | None = None
    pdf: Path | None = None
    text: Path | None = None
    audit: list[Finding] = Field(default_factory=list, description="self-audit findings (empty: passed)")
    forced: bool = Field(False, description="exported despite a failing check, with the 未通过数字核对 mark")

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def sha256_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def own_output(target: Path, stem: str) -> bool:
    """Whether `target` is what copilot last wrote for `stem` there, unchanged since: the draft's own
    output may be regenerated freely; anything else (a hand-edited Word file, a foreign file) is the
    user's and needs --overwrite."""
    record = target.parent / f"{stem}.provenance.json"
    try:
        files = json.loads(record.read_text(encoding="utf-8")).get("files") or {}
    except (OSError, ValueError, AttributeError):
        return False
    kind = "docx" if target.suffix.lower() == ".docx" else "markdown"
    wanted = files.get(f"{kind}_sha256")
    return bool(wanted) and files.get(kind) == target.name and sha256_file(target) == wanted


def refuse_foreign(target: Path, stem: str, overwrite: bool) -> None:
    """An existing file that is not the draft's own unchanged output is kept unless --overwrite."""
    if overwrite or not target.exists() or target.is_dir() or own_output(target, stem):
        return
    raise InputError(
        f"{target} 已存在（且不是本草稿上次生成后未经改动的文件），为免覆盖未写入；"
        "确需覆盖请加 --overwrite，或用 -o 另选文件名",
        location=str(target),
    )


_TABLE_BLOCK = re.compile(r'^<table\b[^>]*data-table="([a-z_]+)".*?^</table>[ \t]*$', re.M | re.S)


def draft_itself(target: Path, draft: Draft) -> str | None:
    """The text of `target` when it is the very draft being exported (the clerk's saved edit of
    `<stem>.md`, read back to the same prose), else None: exporting Markdown must not refuse, or
    replace, the file the draft came from."""
    if not target.is_file():
        return None
    try:
        text = read_text(target, "草稿文件")
    except InputError:
        return None
    return text if Draft.from_markdown(text) == draft else None


def refresh_tables(text: str, rendered: str) -> str:
    """`text` with each official table replaced by its rendering from the data; every other line
    (the clerk's prose, comments such as accept-lint) stays byte for byte."""
    fresh = {m.group(1): m.group(0) for m in _TABLE_BLOCK.finditer(rendered)}
    return _TABLE_BLOCK.sub(lambda m: fresh.get(m.group(1), m.group(0)), text)


def _keep_own_draft(files: FileSet, target: Path, text: str, rendered: str) -> None:
    """The draft file is the Markdown export; only tables rendered from older figures are renewed."""
    updated = refresh_tables(text, rendered)
    if updated != text:
        files.add_text(target, updated)


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(f.lower().lstrip(".") for f in formats))
    unknown = [f for f in wanted if f not in EXPORT_FORMATS + EXTRA_FORMATS]
    if unknown or not wanted:
        raise InputError(
            f"未知的导出格式「{'、'.join(unknown) or '（空）'}」，可用：{'、'.join(EXPORT_FORMATS + EXTRA_FORMATS)}",
            location="formats",
        )
    return wanted


def _wanted(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats to write: a PDF is converted from the Word document, so it needs LibreOffice (checked
    before anything is written) and the .docx."""
    wanted = _formats(formats)
    if "pdf" in wanted:
        from report_copilot.render.office import require_soffice

        require_soffice()
        wanted = tuple(dict.fromkeys((*wanted, "docx")))
    return wanted


def audited_docx(
    draft: Draft, report: ReportBase, target: Path, profile: OfficeProfile | None, unchecked: bool
) -> Path:
    """Write the DOCX to a temp beside `target`, audit it, and return the temp (the caller renames it
    into place, or deletes it)."""
    from report_copilot.render.audit import audit_docx
    from report_copilot.render.docx import docx_bytes

    data = docx_bytes(draft, report, profile=profile, unchecked_mark=unchecked)
    tmp = temp_path(target)
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


def as_gate(check: ExportGate | ProseCheck) -> ExportGate:
    return check if isinstance(check, ExportGate) else ExportGate(prose=check)


def export_draft(
    draft: Draft,
    report: ReportBase,
    check: ExportGate | ProseCheck,
    out_dir: Path,
    stem: str,
    *,
    formats: Sequence[str] = EXPORT_FORMATS,
    force: bool = False,
    overwrite: bool = False,
    profile: OfficeProfile | None = None,
) -> ExportResult:
    """Export a checked draft to `out_dir/stem.md` and/or `out_dir/stem.docx`, together or not at all.

    Refuses (ExportBlocked) unless the gate passes, or `force` (then the visible 未通过数字核对 mark,
    and `forced=True` in the result). An existing target that is not the draft's own unchanged output
    is refused (InputError) unless `overwrite`. The Word document is audited before it is put in
    place; an audit failure raises ExportAuditError and leaves no file at the target.
    """
    from report_copilot.render.markdown import render_markdown

    wanted = _wanted(formats)
    unchecked = as_gate(check).admit(force)
    if "docx" in wanted and not unchecked:
        _require_issue_date(draft, report, profile)
    result = ExportResult(forced=unchecked)
    targets = {
        fmt: out_dir / f"{stem}.{'md' if fmt == 'md' else fmt}" for fmt in ("md", "docx", "txt", "pdf")
    }
    with output_lock(out_dir, stem), FileSet(out_dir, stem) as files:
        recover(out_dir, stem, tuple(targets.values()))
        own_draft = draft_itself(targets["md"], draft) if "md" in wanted else None
        hand_edited = own_draft is not None and not own_output(targets["md"], stem)
        if own_draft is not None:
            _keep_own_draft(files, targets["md"], own_draft, render_markdown(draft, report))
            result.markdown = targets["md"]
            wanted = tuple(f for f in wanted if f != "md")
        for fmt in wanted:
            refuse_foreign(targets[fmt], stem, overwrite)
        if "docx" in wanted:
            files.add_file(audited_docx(draft, report, targets["docx"], profile, unchecked), targets["docx"])
            result.docx = targets["docx"]
        if "md" in wanted:
            files.add_text(targets["md"], render_markdown(draft, report, unchecked_mark=unchecked))
            result.markdown = targets["md"]
        if "txt" in wanted:
            from report_copilot.render.text import render_text

            files.add_text(targets["txt"], render_text(draft, report, unchecked_mark=unchecked))
            result.text = targets["txt"]
        files.commit()
        _record_export(out_dir, stem, result, markdown=not hand_edited)
    if "pdf" in wanted:
        from report_copilot.render.office import export_pdf

        result.pdf = export_pdf(targets["docx"], targets["pdf"])
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


def _record_export(out_dir: Path, stem: str, result: ExportResult, *, markdown: bool = True) -> None:
    """Note the new files' hashes in the draft's provenance (when there is one), so the next run
    knows them for its own output. A hand-edited draft is never recorded as ours (`markdown=False`):
    a later draft must not take it for output it may replace."""
    from report_copilot.files import write_text_atomic

    record = out_dir / f"{stem}.provenance.json"
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return
    for kind, path in (("markdown", result.markdown if markdown else None), ("docx", result.docx)):
        if path is not None:
            data["files"][kind] = path.name
            data["files"][f"{kind}_sha256"] = sha256_file(path)
    write_text_atomic(record, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def read_draft(path: Path, text: str | None = None) -> Draft:
    """A Markdown draft from disk (possibly hand-edited), with Chinese errors."""
    if text is None:
        text = read_text(path, "草稿文件")
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
    overwrite: bool = False,
    profile_path: Path | None = None,
    pdf: bool = False,
    text: bool = False,
) -> tuple[ExportResult, ExportGate]:
    """`copilot export`: re-run every check of the gate on a Markdown draft (tables included), then
    export it to Word (`output`, default: the draft's path with .docx), and beside it the PDF (`pdf`,
    through LibreOffice) and the terminal text (`text`, .txt). Returns (result, gate)."""
    from report_copilot.inputs.json_input import load_report

    target = output or draft_path.with_suffix(".docx")
    if target.suffix.lower() != ".docx":
        raise InputError(f"输出文件应以 .docx 结尾：{target}", location=str(target))
    if target.resolve() == draft_path.resolve():
        raise InputError("输出文件不能与草稿文件相同", location=str(target))
    profile = load_profile(profile_path) if profile_path else None
    markdown_text = read_text(draft_path, "草稿文件")
    draft = read_draft(draft_path, markdown_text)
    report = load_report(data_path, previous)
    from report_copilot.service.numbers import lint_markdown_file

    lint = lint_markdown_file(draft_path, report, data_path=data_path, previous_data=previous)
    gate = gate_for(draft, report, markdown=markdown_text, lint=lint.errors)
    result = export_draft(
        draft,
        report,
        gate,
        target.parent,
        target.stem,
        formats=("docx", *(("pdf",) if pdf else ()), *(("txt",) if text else ())),
        force=force,
        overwrite=overwrite,
        profile=profile,
    )
    return result, gate
