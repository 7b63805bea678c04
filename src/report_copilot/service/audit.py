"""Audit use cases: one published report (with last year's, if given), or a whole folder of them.

A folder is read in two passes so memory does not grow with it. The first imports each report once,
keeps only its file name, agency and year in memory and spills the import result to a temporary
file; linking then pairs consecutive years of one agency (`review/series.py`). The second audits
the reports one at a time, in file order, reloading each (and its predecessor) from the spill, and
hands every result to the caller as soon as it is ready, so the summary streams.

Cross-year rules (T3-5, T2-1/2, the 2019 layout's T2'-1/2) run on every linked pair; a
`--previous` that cannot be read leaves the current report audited and says why the cross-year
part was skipped. A folder never leads outside itself: links pointing out of it are skipped.
"""

from __future__ import annotations

import gc
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from report_copilot.errors import CopilotError, InputError
from report_copilot.inputs.json_input import read_json, report_from_data
from report_copilot.model.report import ReportBase
from report_copilot.review.audit import AuditResult, audit_report
from report_copilot.review.series import SeriesEntry, link_previous

if TYPE_CHECKING:  # the importer is imported when a folder holds a published report, not for data files
    from report_copilot.inputs.published import ImportedReport
    from report_copilot.model.draft import PackedDraft

__all__ = ["AuditResult", "FolderSummary", "audit_file", "audit_folder", "folder_reports"]


def _skip_reason(previous: Path, exc: CopilotError) -> str:
    return f"上年报告 {previous} 无法使用，未做跨年度核对：{exc.message}"


def audit_file(path: Path, previous: Path | None = None, **overrides: Any) -> AuditResult:
    """Import (or load) one report and run every identity check and the number checker over it.

    The report itself must be readable (else InputError, exit 2); last year's need not be: without
    it the report is still audited and `previous_skipped` says why the cross-year rules did not run.
    """
    from report_copilot.service.importing import load_any, load_previous_report

    loaded = load_any(path, **overrides)
    skipped: str | None = None
    if previous is not None:
        try:
            prev = load_previous_report(previous)
        except CopilotError as exc:
            skipped = _skip_reason(previous, exc)
        else:
            if prev.meta.year != loaded.report.meta.year - 1:
                skipped = (
                    f"上年报告 {previous} 的年度为 {prev.meta.year}，本报告为 {loaded.report.meta.year} 年度，"
                    f"应为 {loaded.report.meta.year - 1} 年度，未做跨年度核对"
                )
            else:
                loaded.report._previous_report = prev
    result = audit_report(loaded.report, loaded.draft, loaded.imported, str(path))
    result.previous_source = str(previous) if previous is not None and skipped is None else None
    result.previous_skipped = skipped
    return result


# --------------------------------------------------------------------------------------------- folder


@dataclass
class FolderSummary:
    """The totals of a folder audit (the results themselves are streamed, not kept)."""

    folder: str
    reports: int = 0
    errors: int = 0
    warnings: int = 0
    unreadable: int = 0
    linked: int = 0
    any_findings: bool = False
    skipped: list[str] = field(default_factory=list)

    def add(self, result: AuditResult) -> None:
        self.reports += 1
        self.errors += len(result.check.errors)
        self.warnings += len(result.check.warnings)
        self.unreadable += result.error is not None
        self.linked += result.previous_source is not None
        self.any_findings = self.any_findings or result.exit_code == 1

    @property
    def exit_code(self) -> int:
        if self.any_findings:
            return 1
        return 2 if self.unreadable == self.reports else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "reports": self.reports,
            "errors": self.errors,
            "warnings": self.warnings,
            "unreadable": self.unreadable,
            "linked": self.linked,
            "skipped": self.skipped,
        }


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a dangling or looping link
        return False


def _is_published(path: Path) -> bool:
    from report_copilot.service.importing import is_published

    return is_published(path)


def folder_reports(folder: Path) -> tuple[list[Path], list[str]]:
    """(report files to audit, in name order; messages for entries skipped on purpose)."""
    if not folder.is_dir():
        raise InputError(f"{folder} 不是目录", location=str(folder))
    root = folder.resolve()
    files: list[Path] = []
    skipped: list[str] = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or not (p.suffix.lower() == ".json" or _is_published(p)):
            continue
        if p.is_symlink() and not _inside(p, root):
            skipped.append(f"{p.name}：链接指向目录以外，未读取")
        elif p.is_file():
            files.append(p)
        elif not p.is_dir():
            skipped.append(f"{p.name}：不是普通文件（设备、管道等），未读取")
    if not files:
        raise InputError(
            f"{folder} 中没有可审计的报告（.html、.pdf、.ofd、.txt、.docx、.xlsx、.doc、.wps、.mht、.json）",
            location=str(folder),
        )
    return files, skipped


@dataclass
class _Spilled:
    """Where one report's data (and import result) lies in the spill file."""

    path: Path
    offset: int
    length: int


_Packed = tuple[dict[str, Any], "PackedDraft"]
"""An import result as spilled: its fields but the draft, and the draft as plain tuples."""


def _pack(imported: ImportedReport) -> _Packed:
    fields = {name: value for name, value in vars(imported).items() if name != "draft"}
    return fields, imported.draft.packed()


def _unpack(packed: _Packed) -> ImportedReport:
    from report_copilot.inputs.published.model import ImportedReport
    from report_copilot.model.draft import Draft

    fields, draft = packed
    return ImportedReport(draft=Draft.unpacked(draft), **fields)


class _Spill:
    """Import results parked on disk between the two passes (our own pickles, read back by us).

    A draft is spilled as plain tuples (`Draft.packed`): pickling its models cost twice as much.
    The data is spilled unvalidated and validated once, in the second pass (about 0.6 M instructions
    a report; the round trip through the file about 0.4 M). Spilling the validated report instead
    cost more than validating again: pickled as is, 2.0 M a report; rebuilt by a reducer without
    validation, 1.1 M. Drafts rebuilt without validation (`model_construct`) were no cheaper either."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.end = handle.seek(0, 2)
        self.reading = False

    def put(self, path: Path, data: dict[str, Any], imported: ImportedReport | None) -> _Spilled:
        """Appended at the end, where the first pass writes one report after another: no seek (a seek
        flushes the buffer) unless a read came between."""
        payload = (data, _pack(imported) if imported is not None else None)
        raw = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        if self.reading:
            self.handle.seek(self.end)
            self.reading = False
        offset = self.end
        self.handle.write(raw)
        self.end += len(raw)
        return _Spilled(path, offset, len(raw))

    def report(self, item: _Spilled, *, imported: bool = True) -> tuple[ReportBase, ImportedReport | None]:
        """The report validated from its spilled data (InputError if it is not a valid report), and
        its import result unless `imported=False` (last year's report needs none)."""
        self.reading = True
        self.handle.seek(item.offset)
        data, packed = pickle.loads(self.handle.read(item.length))
        report = report_from_data(data, source=str(item.path), with_previous=False)
        return report, _unpack(packed) if packed is not None and imported else None


def _survey(path: Path) -> tuple[dict[str, Any], ImportedReport | None]:
    """One file read once: its data (a JSON file's own `previous` is ignored: the folder links)."""
    if path.suffix.lower() == ".json":
        return read_json(path), None
    from report_copilot.inputs.published import import_published

    imported = import_published(path)
    return imported.data, imported


def _entry(path: Path, data: dict[str, Any]) -> SeriesEntry | None:
    """What linking needs, read from the data without validating it (that happens once, later)."""
    meta = data.get("meta") if isinstance(data, dict) else None
    year = meta.get("year") if isinstance(meta, dict) else None
    if not isinstance(year, int) or isinstance(year, bool) or not isinstance(meta, dict):
        return None
    return SeriesEntry(path.name, str(meta.get("agency") or ""), year)


@dataclass
class _Plan:
    """The first pass's outcome: where each readable report lies, and last year's report of each."""

    spilled: dict[Path, _Spilled] = field(default_factory=dict)
    previous: dict[Path, Path] = field(default_factory=dict)
    failures: dict[Path, str] = field(default_factory=dict)


def _plan(files: list[Path], spill: _Spill) -> _Plan:
    plan = _Plan()
    entries: list[SeriesEntry] = []
    paths: list[Path] = []
    for path in files:
        try:
            data, imported = _survey(path)
        except CopilotError as exc:
            plan.failures[path] = str(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one damaged file must not end a folder of 1,000
            plan.failures[path] = f"{path}：读取时出现意外错误（{type(exc).__name__}），未审计"
            continue
        plan.spilled[path] = spill.put(path, data, imported)
        entry = _entry(path, data)
        if entry is not None:
            entries.append(entry)
            paths.append(path)
    for i, j in link_previous(entries).items():
        plan.previous[paths[i]] = paths[j]
    return plan


class _Auditor:
    """The second pass: one report at a time; the report just audited is kept as the next one's
    predecessor (files of a series usually sort together), so it is not validated twice."""

    def __init__(self, spill: _Spill, plan: _Plan) -> None:
        self.spill = spill
        self.plan = plan
        self.last: tuple[Path, ReportBase] | None = None

    def _previous(self, path: Path) -> ReportBase | None:
        source = self.plan.previous.get(path)
        if source is None:
            return None
        if self.last is not None and self.last[0] == source:
            previous = self.last[1]
        else:
            try:
                previous = self.spill.report(self.plan.spilled[source], imported=False)[0]
            except CopilotError:
                return None  # its own result says why it cannot be read
        previous._previous_report = None  # no chain of years kept alive through one report
        return previous

    def audit(self, path: Path) -> AuditResult:
        if path in self.plan.failures:
            return AuditResult(source=str(path), error=self.plan.failures[path])
        try:
            report, imported = self.spill.report(self.plan.spilled[path])
        except CopilotError as exc:
            self.last = None
            return AuditResult(source=str(path), error=str(exc))
        previous = self._previous(path)
        report._previous_report = previous
        draft = imported.draft if imported is not None else None
        result = audit_report(report, draft, imported, str(path))
        result.previous_source = str(self.plan.previous[path]) if previous is not None else None
        self.last = (path, report)
        return result


@contextmanager
def _few_collections() -> Iterator[None]:
    """Fewer garbage collections while a folder is audited, and none rescanning start-up objects.

    A report allocates tens of thousands of short-lived objects; with the default young-generation
    threshold (700) the collector ran some 200 times per 1,000 reports, every tenth time over the
    middle generation too, and once over everything. Modules, formats and compiled patterns are
    never garbage: frozen, no collection scans them. Cyclic garbage is still collected, a few
    thousand allocations later (memory stays flat: nothing of one report outlives the next).
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 10_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def audit_folder(folder: Path, emit: Callable[[AuditResult], None] | None = None) -> FolderSummary:
    """Audit every report in a folder, handing each result to `emit` as soon as it is ready.

    Only the totals are kept (and returned); without `emit` the results themselves are dropped.
    """
    files, skipped = folder_reports(folder)
    summary = FolderSummary(str(folder), skipped=skipped)
    with _few_collections(), tempfile.TemporaryFile(prefix="copilot-audit-") as handle:
        spill = _Spill(handle)
        auditor = _Auditor(spill, _plan(files, spill))
        for path in files:
            result = auditor.audit(path)
            summary.add(result)
            if emit is not None:
                emit(result)
    return summary
