"""Review use cases: diff drafts, list draft history, import published reports, audit them, Excel.

Audit policy (format.md §7–§8, common-errors.md §E). An audit reads a *published* report, which
declares no facts: its prose quotes many figures the tables do not hold (主动公开信息 129 条, 专职人员
2 人). Those are not wrong, only unverifiable, so they are listed as *unbound* (information, not
counted as warnings) and never drown the real findings:

- errors: a broken identity (T3-1…T3-5, T4-1, T2'-3), the wrong template for the year (X-1), a
  cell printed blank (T3-4), and prose that contradicts its own tables (the P-rules of the number
  checker: a number bound to a table concept with a different value, an overclaim, parts that do not
  add up);
- warnings: identity warnings (T2-*, T2'-1/2), the number checker's warnings, and cells the importer
  could not read (rule IMPORT), so a reader knows where the audit could not look;
- unbound: prose numbers that bind to nothing, and remarks on relations among such numbers only (a
  "共 N 条，其中 …" whose parts exceed N, none of them a table figure), listed but not counted.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_copilot.checks.findings import CheckReport, Finding
from report_copilot.checks.identities import check_report
from report_copilot.errors import CopilotError, InputError
from report_copilot.files import (
    check_target,
    ensure_dir,
    refuse_overwrite,
    write_json_atomic,
    write_text_atomic,
)
from report_copilot.inputs.json_input import load_report, report_from_data
from report_copilot.inputs.published import PUBLISHED_SUFFIXES, ImportedReport, import_published
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.review.diff import DraftDiff, diff_drafts, sentence_lines
from report_copilot.review.history import Version, list_versions, newest_two

__all__ = [
    "AuditResult",
    "BatchAudit",
    "LoadedReport",
    "audit_file",
    "audit_folder",
    "diff_files",
    "diff_last",
    "draft_history",
    "import_report",
    "init_workbook",
    "load_any",
    "textconv",
    "write_workbook_for",
]


# ------------------------------------------------------------------------------------------- loading


@dataclass
class LoadedReport:
    """A report from any source: its data model, its prose (if the source has any), the import result."""

    path: Path
    report: ReportBase
    draft: Draft | None
    imported: ImportedReport | None


def is_published(path: Path) -> bool:
    return path.suffix.lower() in PUBLISHED_SUFFIXES


def load_any(path: Path, **overrides: Any) -> LoadedReport:
    """A JSON input file, or a published report (.html/.pdf/.txt/.docx/.xlsx) through the importer."""
    if path.suffix.lower() == ".json":
        return LoadedReport(path, load_report(path), None, None)
    if path.suffix.lower() == ".md":
        raise InputError(
            f"{path} 是草稿（Markdown），不是报告数据；请用 copilot diff 比较草稿", location=str(path)
        )
    imported = import_published(path, **overrides)
    report = report_from_data(imported.data, source=str(path), with_previous=False)
    return LoadedReport(path, report, imported.draft, imported)


def import_report(
    path: Path,
    output: Path | None = None,
    *,
    draft_output: Path | None = None,
    agency: str | None = None,
    year: int | None = None,
    format_id: str | None = None,
    overwrite: bool = False,
) -> ImportedReport:
    """Import a published report; write its data (and its prose as a Markdown draft) when asked."""
    for target in (output, draft_output):
        if target is not None:  # both checked before either is written
            refuse_overwrite(target, overwrite)
            ensure_dir(target.parent)
            check_target(target)
    imported = import_published(path, agency=agency, year=year, format_id=format_id)
    report = report_from_data(imported.data, source=str(path), with_previous=False)
    if output is not None:
        write_json_atomic(output, imported.data)
    if draft_output is not None:
        if draft_output.suffix.lower() == ".json":
            write_text_atomic(draft_output, imported.draft.model_dump_json(indent=2) + "\n")
        else:
            from report_copilot.render.markdown import render_markdown

            write_text_atomic(draft_output, render_markdown(imported.draft, report))
    return imported


# ---------------------------------------------------------------------------------------------- audit


@dataclass
class AuditResult:
    source: str
    agency: str | None = None
    year: int | None = None
    format_id: str | None = None
    check: CheckReport = field(default_factory=CheckReport)
    unbound: list[dict[str, Any]] = field(default_factory=list)
    prose_checked: bool = False
    imported: ImportedReport | None = None
    previous_source: str | None = None
    error: str | None = None

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return 2
        return 0 if self.check.ok else 1

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "agency": self.agency,
            "year": self.year,
            "format": self.format_id,
            "previous": self.previous_source,
        }
        if self.error is not None:
            out.update({"ok": False, "error": self.error})
            return out
        out.update(self.check.as_json())
        out["prose_checked"] = self.prose_checked
        out["unbound"] = self.unbound
        if self.imported is not None:
            out["import"] = self.imported.as_json()
        return out


def _prose_module() -> Any:
    """The number checker (issue 3), or None in a build without it."""
    import importlib

    try:
        return importlib.import_module("report_copilot.checks.prose")
    except ModuleNotFoundError as exc:
        if exc.name == "report_copilot.checks.prose":
            return None
        raise


def _prose_check(draft: Draft, report: ReportBase) -> tuple[list[Finding], list[dict[str, Any]]] | None:
    """The number checker over the report's own prose; None when the checker is not installed."""
    prose = _prose_module()
    if prose is None:
        return None
    result = prose.check_draft(draft, report)
    findings: list[Finding] = []
    unbound: list[dict[str, Any]] = []
    for mention in result.mentions:
        if mention.verdict == "unsupported":
            unbound.append(mention.as_json())  # a published report declares no facts
            continue
        location = mention.ref or (f"block:{mention.block}" if mention.block is not None else "text")
        if mention.verdict == "mismatch":
            severity, message = "error", mention.message
        elif mention.verdict == "ambiguous":
            # The clause names several figures and none matches: an audit cannot call it wrong.
            severity, message = "warning", mention.message + "（所指不明，审计未判定为错误）"
        elif mention.warning:
            severity, message = "warning", mention.warning
        else:
            continue
        findings.append(
            Finding(
                rule=mention.rule or "P-0",
                severity=severity,
                location=location,
                where=mention.where or "",
                message=f"「{mention.sentence or mention.text}」：{message}",
                expected=mention.expected,
                actual=mention.text,
                cells=[mention.ref] if mention.ref else [],
            )
        )
    # The claim rules (P-8, P-9, P-10); the mentions above are judged here, not by their findings.
    claims = getattr(result, "claims", None)
    for finding in claims if claims is not None else result.findings:
        if finding.severity == "warning" and not finding.cells:
            # A relation among figures no table holds (“共 129 条，其中 … 1042 条”): a remark on
            # undeclared facts, listed with them rather than counted against the report.
            unbound.append({**finding.as_json(), "kind": "note"})
        else:
            findings.append(finding)
    return findings, unbound


def _import_findings(imported: ImportedReport) -> list[Finding]:
    out = []
    for issue in imported.issues:
        if issue.kind in {"blank", "inferred", "na"}:
            # Blank cells are T3-4 errors of the report itself; an inferred split is certain; a "/"
            # or "—" is read as 0 and checked as such (listed under `import` in the JSON).
            continue
        out.append(
            Finding(
                rule="IMPORT",
                severity="warning",
                location=issue.location,
                where=issue.where,
                message=issue.message + ("（审计未核对此处）" if issue.cells else ""),
                cells=issue.cells,
            )
        )
    return out


def _group_blank_cells(findings: list[Finding], report: ReportBase) -> list[Finding]:
    """One T3-4 finding per table row of a published report, not one per blank cell.

    Zero-reports often fill only the 总计 column and leave the rest of each row blank; a finding per
    cell would bury the report's other findings under a hundred identical lines.
    """
    fmt = report.format
    rows: dict[str, list[Finding]] = {}
    out: list[Finding] = []
    for finding in findings:
        if finding.rule == "T3-4" and finding.location in fmt.cells:
            cell = fmt.cell(finding.location)
            key = f"{cell.table.id}.{cell.row.id}"
            if key not in rows:
                rows[key] = []
                out.append(finding)  # placeholder, replaced below
            rows[key].append(finding)
        else:
            out.append(finding)
    grouped: dict[int, Finding] = {}
    for group in rows.values():
        if len(group) == 1:
            continue
        cell = fmt.cell(group[0].location)
        where = f"{cell.table.title} › {cell.row.label}"
        names = "、".join(fmt.cell(f.location).column.label for f in group)
        grouped[id(group[0])] = Finding(
            rule="T3-4",
            severity=group[0].severity,
            location=f"{cell.table.id}.{cell.row.id}",
            where=where,
            message=f"{where}：{names}共 {len(group)} 格未填报。空白不等于 0，没有发生的事项请填 0",
            cells=[f.location for f in group],
        )
    return [grouped.get(id(f), f) for f in out]


def _audit_loaded(loaded: LoadedReport) -> AuditResult:
    report = loaded.report
    result = AuditResult(
        source=str(loaded.path),
        agency=report.meta.agency,
        year=report.meta.year,
        format_id=report.format.id,
        imported=loaded.imported,
    )
    identity = check_report(report)
    unreadable = set(loaded.imported.unreadable_cells) if loaded.imported else set()
    findings = [f for f in identity.findings if not (f.rule == "T3-4" and f.location in unreadable)]
    if loaded.imported is not None:
        findings = _group_blank_cells(findings, report)
    if loaded.imported is not None:
        findings.extend(_import_findings(loaded.imported))
    if loaded.draft is not None and loaded.draft.blocks:
        prose = _prose_check(loaded.draft, report)
        if prose is not None:
            result.prose_checked = True
            findings.extend(prose[0])
            result.unbound = prose[1]
    result.check = CheckReport(findings=findings)
    return result


def _attach_previous(loaded: LoadedReport, previous: LoadedReport) -> None:
    if previous.report.meta.year != loaded.report.meta.year - 1:
        raise InputError(
            f"上年报告 {previous.path} 的年度为 {previous.report.meta.year}，"
            f"本报告为 {loaded.report.meta.year} 年度，应提供 {loaded.report.meta.year - 1} 年度的报告",
            location="previous",
        )
    loaded.report._previous_report = previous.report


def audit_file(path: Path, previous: Path | None = None, **overrides: Any) -> AuditResult:
    """Import (or load) one report and run every identity check and the number checker over it."""
    loaded = load_any(path, **overrides)
    if previous is not None:
        _attach_previous(loaded, load_any(previous))
    result = _audit_loaded(loaded)
    result.previous_source = str(previous) if previous is not None else None
    return result


@dataclass
class BatchAudit:
    folder: str
    results: list[AuditResult]

    @property
    def exit_code(self) -> int:
        codes = [r.exit_code for r in self.results]
        if any(c == 1 for c in codes):
            return 1
        return 2 if codes and all(c == 2 for c in codes) else (2 if not codes else 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "reports": len(self.results),
            "errors": sum(len(r.check.errors) for r in self.results),
            "warnings": sum(len(r.check.warnings) for r in self.results),
            "unreadable": sum(1 for r in self.results if r.error is not None),
            "results": [r.as_json() for r in self.results],
        }


def _agency_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def audit_folder(folder: Path) -> BatchAudit:
    """Audit every report in a folder; consecutive years of one agency are checked across years."""
    if not folder.is_dir():
        raise InputError(f"{folder} 不是目录", location=str(folder))
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and (is_published(p) or p.suffix.lower() == ".json")
    )
    if not files:
        raise InputError(
            f"{folder} 中没有可审计的报告（.html、.pdf、.txt、.docx、.xlsx、.json）", location=str(folder)
        )
    loaded: list[LoadedReport] = []
    results: dict[Path, AuditResult] = {}
    for path in files:
        try:
            item = load_any(path)
        except CopilotError as exc:
            results[path] = AuditResult(source=str(path), error=str(exc))
            continue
        if path.suffix.lower() == ".json" and item.report.previous_report is not None:
            item.report._previous_report = None  # cross-year links come from the folder itself
        loaded.append(item)
    by_key: dict[tuple[str, int], LoadedReport] = {}
    for item in loaded:
        by_key.setdefault((_agency_key(item.report.meta.agency), item.report.meta.year), item)
    for item in loaded:
        prev = by_key.get((_agency_key(item.report.meta.agency), item.report.meta.year - 1))
        previous_source = None
        if prev is not None:
            item.report._previous_report = prev.report
            previous_source = str(prev.path)
        result = _audit_loaded(item)
        result.previous_source = previous_source
        results[item.path] = result
    return BatchAudit(str(folder), [results[p] for p in files])


# ----------------------------------------------------------------------------------------------- diff


def _draft_of(path: Path) -> Draft:
    if not path.exists():
        raise InputError(f"找不到文件：{path}", location=str(path))
    if path.suffix.lower() in {".md", ".markdown"} or str(path) == "/dev/null":
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path} 不是 UTF-8 编码的文本文件", location=str(path)) from None
        return Draft.from_markdown(text)
    if is_published(path):
        return import_published(path).draft
    raise InputError(
        f"{path}：只能比较草稿（.md）或已发布的报告（.html/.pdf/.txt/.docx）", location=str(path)
    )


def _binder(data: Path | None) -> Any:
    if data is None:
        return None
    report = load_any(data).report
    prose = _prose_module()
    if prose is None:
        raise InputError("--data 需要数字核对模块（report_copilot.checks.prose），当前版本未安装")

    def bind(sentence: str) -> list[dict[str, Any]]:
        return [m.as_json() for m in prose.check_text(sentence, report).mentions]

    return bind


def diff_files(
    old: Path,
    new: Path,
    *,
    data: Path | None = None,
    old_name: str | None = None,
    new_name: str | None = None,
) -> DraftDiff:
    """Compare two drafts (or published reports); with `data`, say whether each changed number binds."""
    return diff_drafts(
        _draft_of(old),
        _draft_of(new),
        old_name=old_name or str(old),
        new_name=new_name or str(new),
        binder=_binder(data),
    )


def diff_last(target: Path, *, data: Path | None = None) -> tuple[Version, Version, DraftDiff]:
    """Compare the newest two versions a draft folder keeps."""
    before, after = newest_two(target)
    result = diff_files(
        before.path,
        after.path,
        data=data,
        old_name=f"{before.path.parent.name} 第 {before.number} 版",
        new_name=f"{after.path.parent.name} 第 {after.number} 版",
    )
    return before, after, result


def draft_history(target: Path) -> tuple[str, list[Version]]:
    return list_versions(target)


def textconv(path: Path) -> str:
    """One sentence per line under its headings, for git's `diff.<driver>.textconv`."""
    if is_published(path):
        from report_copilot.render.markdown import render_markdown

        imported = import_published(path)
        report = report_from_data(imported.data, with_previous=False)
        return sentence_lines(render_markdown(imported.draft, report))
    try:
        return sentence_lines(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}", location=str(path)) from None
    except UnicodeDecodeError:
        raise InputError(f"{path} 不是 UTF-8 编码的文本文件", location=str(path)) from None


# ---------------------------------------------------------------------------------------------- Excel


def write_workbook_for(data: dict[str, Any], path: Path, *, overwrite: bool = False) -> None:
    """Write report data as the Excel workbook (official layout)."""
    refuse_overwrite(path, overwrite)
    from report_copilot.inputs.excel_input import write_workbook

    write_workbook(json.loads(json.dumps(data, default=str)), path)


def init_workbook(
    path: Path,
    *,
    year: int,
    agency: str | None,
    format_id: str | None,
    previous_path: Path | None,
    zeros: bool,
    overwrite: bool,
) -> dict[str, Any]:
    """A new workbook to fill in: every cell present, carry-overs prefilled from last year."""
    from report_copilot.service.validation import new_report_data, previous_for_year

    previous = previous_for_year(previous_path, year)
    data = new_report_data(year=year, agency=agency, format_id=format_id, previous=previous, zeros=zeros)
    write_workbook_for(data, path, overwrite=overwrite)
    return data
