"""The editing session behind the TUI: the data being typed, its live checks, and autosave.

No Textual here: the session is the part of the UI that must be right (nothing typed is lost, every
edit re-checked, bad input refused with a Chinese message), so it is tested and benchmarked on its
own. The data dict is the source of truth, exactly the JSON the clerk's file holds; after every edit
the report is rebuilt from it (a validated report is immutable and `CellValues.of` caches on it) and
re-checked through the service.

Autosave: every change is written (temp file + rename) to a hidden sidecar file next to the data
file, on a background thread so typing never waits for the disk; `save()` writes the data file
itself and removes the sidecar. Opening a file whose sidecar is newer leaves the choice to the clerk
(`pending`: restore it, or keep it aside and go on with the file); the sidecar is never written over
or deleted while it holds anything the file lacks.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_copilot.checks.findings import CheckReport, Finding
from report_copilot.errors import CopilotError, InputError
from report_copilot.files import write_json_atomic
from report_copilot.model.cells import CellValues
from report_copilot.model.formats import FormatDefinition, load_format
from report_copilot.model.report import ReportBase
from report_copilot.service.validation import read_json, report_from_data
from report_copilot.tui.autosave import AutoSaver, Pending, autosave_path, inspect_autosave, keep_aside
from report_copilot.tui.cell_text import CellInputError, parse_cell_text
from report_copilot.tui.data_paths import format_of, get_path, problems_as_findings, put_path

__all__ = ["Checked", "EditSession", "format_of"]


@dataclass
class Checked:
    """The outcome of re-checking the data after an edit."""

    report: ReportBase | None
    """None while the data cannot be read as a report (its problems are then among the findings)."""
    check: CheckReport
    values: CellValues | None = None
    problems: list[Finding] = field(default_factory=list)
    """Why the data cannot be read as a report (also in `check`); what an edit may be refused for."""

    def marks(self) -> dict[str, str]:
        """Cell id → "error"/"warning" (the finding's own cell) or "involved-…" (a cell in its sum)."""
        out: dict[str, str] = {}
        for finding in self.check.findings:
            for cid in finding.cells:
                out.setdefault(cid, f"involved-{finding.severity}")
        for finding in self.check.findings:
            if out.get(finding.location) != "error":
                out[finding.location] = finding.severity
        return out


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


@dataclass
class EditSession:
    """One data file being edited: data, live checks, autosave, save."""

    path: Path
    data: dict[str, Any]
    service: Any
    saved: dict[str, Any] = field(default_factory=dict)
    """The data as last written to `path` (to know whether there is anything unsaved)."""
    restored: bool = False
    """True when unsaved changes from an earlier run were restored from the sidecar."""
    pending: Pending | None = None
    """An autosave newer than the file, not yet restored or discarded: nothing writes the sidecar
    while it waits for the clerk's answer (`restore_autosave` / `discard_autosave`)."""
    notice: str | None = None
    """What opening did with an old or damaged autosave (kept aside), in Chinese, for the status line."""
    result: Checked = field(init=False)
    _previous_key: Any = field(default=None, init=False)
    _previous: ReportBase | None = field(default=None, init=False)
    _previous_problem: Finding | None = field(default=None, init=False)
    _saver: AutoSaver = field(init=False)

    def __post_init__(self) -> None:
        self._saver = AutoSaver(autosave_path(self.path))
        self.result = self.revalidate()

    # ------------------------------------------------------------------ opening and saving
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        service: Any = None,
        year: int | None = None,
        agency: str | None = None,
    ) -> EditSession:
        """Open `path` (a missing file starts a new report) and look at the autosave left beside it.

        An autosave newer than the file becomes `pending` (the UI asks 恢复 / 丢弃 / 对比); an older
        or damaged one is kept aside with a `notice`. The file's own data is what is open until then.
        """
        if service is None:
            from report_copilot import service as default_service

            service = default_service
        saved: dict[str, Any] = {}
        if path.exists():
            saved = _as_object(read_json(path), path)
        found = inspect_autosave(path, saved)
        data = copy.deepcopy(saved)
        if not data:
            data = service.new_report_data(
                year=year or _dt.date.today().year - 1, agency=agency, format_id=None
            )
        session = cls(
            path=path, data=data, service=service, saved=saved, pending=found.pending, notice=found.notice
        )
        session._changed()
        return session

    def restore_autosave(self) -> Checked:
        """The clerk chose 恢复: the autosave's data is open (the file itself is written only by save)."""
        if self.pending is None:
            return self.result
        self.data, self.pending, self.restored = copy.deepcopy(self.pending.data), None, True
        result = self.revalidate()
        self._changed()
        return result

    def discard_autosave(self) -> Path | None:
        """The clerk chose 丢弃: the file's data stays open; the autosave is kept aside, not deleted.

        Returns where it now is. OSError when it cannot be moved (it then stays pending, untouched).
        """
        if self.pending is None:
            return None
        kept = keep_aside(self.pending.path, self.path)
        self.pending = None
        self._changed()
        return kept

    @property
    def dirty(self) -> bool:
        return self.data != self.saved

    @property
    def autosave_error(self) -> str | None:
        return self._saver.error

    def save(self) -> None:
        """Write the data file (atomically) and drop the sidecar (an unanswered one is kept aside)."""
        if self.pending is not None:
            self.discard_autosave()
        write_json_atomic(self.path, self.data)
        self.saved = copy.deepcopy(self.data)
        self._saver.discard()

    def discard_changes(self) -> None:
        """The clerk chose to quit without saving: forget the sidecar (never an unanswered one)."""
        if self.pending is None:
            self._saver.discard()

    def close(self) -> None:
        """Flush pending autosaves (on exit)."""
        self._changed()
        self._saver.close()

    def flush(self) -> None:
        self._saver.flush()

    def _changed(self) -> None:
        if self.pending is not None:
            return  # the sidecar holds changes the clerk has not yet restored or discarded
        if self.dirty:
            self._saver.submit(_dump(self.data))
        else:
            self._saver.discard()

    # ------------------------------------------------------------------ checking
    @property
    def fmt(self) -> FormatDefinition:
        if self.result.report is not None:
            return self.result.report.format
        return format_of(self.data)

    def _previous_report(self) -> ReportBase | None:
        """Last year's report, read once per reference (re-reading a file on every keystroke is waste)."""
        ref = self.data.get("previous")
        key = json.dumps(ref, sort_keys=True, default=str)
        if key == self._previous_key:
            return self._previous
        self._previous_key, self._previous, self._previous_problem = key, None, None
        if ref is None:
            return None
        try:
            if isinstance(ref, dict):
                self._previous = report_from_data(ref, source="上年报告（内嵌）", with_previous=False)
            elif isinstance(ref, str):
                prev_path = Path(ref)
                if not prev_path.is_absolute():
                    prev_path = self.path.parent / prev_path
                self._previous = report_from_data(
                    read_json(prev_path), source=str(prev_path), with_previous=False
                )
        except CopilotError as exc:
            self._previous_problem = Finding(
                rule="INPUT",
                severity="error",
                location="previous",
                where="基本信息 › 上年报告",
                message=f"基本信息 › 上年报告：无法读取（{exc.message}）",
            )
        return self._previous

    def revalidate(self) -> Checked:
        """Rebuild the report from the data and run every check through the service."""
        fmt = format_of(self.data)
        try:
            report = report_from_data(self.data, source="本报告", with_previous=False)
        except CopilotError as exc:
            problems = problems_as_findings(exc, fmt)
            self.result = self._check_tables_anyway(problems)
            return self.result
        previous = self._previous_report()
        extra: list[Finding] = []
        if self._previous_problem is not None:
            extra.append(self._previous_problem)
        elif previous is not None and previous.meta.year != report.meta.year - 1:
            extra.append(
                Finding(
                    rule="INPUT",
                    severity="error",
                    location="previous",
                    where="基本信息 › 上年报告",
                    message=f"基本信息 › 上年报告：年度为 {previous.meta.year}，本报告为 {report.meta.year} 年度，"
                    f"应提供 {report.meta.year - 1} 年度的报告",
                )
            )
            previous = None
        # The same attachment `inputs.json_input` makes; done here so last year is read only once.
        report._previous_report = previous
        check: CheckReport = self.service.validate(report)
        check.findings[:0] = extra
        self.result = Checked(report, check, CellValues.of(report))
        return self.result

    def _check_tables_anyway(self, problems: list[Finding]) -> Checked:
        """Live table checks while only 基本信息 is incomplete (a new file has no agency yet).

        The tables are checked on a copy whose faulty optional meta fields are left out and whose
        missing agency is a placeholder; the report itself stays unreadable (None), so nothing can
        be drafted or exported until the clerk fills the field in.
        """
        locations = {p.location for p in problems}
        if not locations or not all(loc.startswith("meta.") for loc in locations):
            return Checked(None, CheckReport(findings=problems), problems=problems)
        if locations & {"meta.year", "meta.format"}:
            return Checked(None, CheckReport(findings=problems), problems=problems)
        patched = copy.deepcopy(self.data)
        for location in locations:
            path = location.split(".")
            parent = get_path(patched, path[:-1])
            if isinstance(parent, dict):
                parent.pop(path[-1], None)
        patched["meta"]["agency"] = patched["meta"].get("agency") or "（未填写机关名称）"
        try:
            stand_in = report_from_data(patched, source="本报告", with_previous=False)
        except CopilotError:
            return Checked(None, CheckReport(findings=problems), problems=problems)
        stand_in._previous_report = self._previous_report()
        check: CheckReport = self.service.validate(stand_in)
        return Checked(
            None, CheckReport(findings=[*problems, *check.findings]), CellValues.of(stand_in), problems
        )

    # ------------------------------------------------------------------ edits
    def value(self, path: str) -> Any:
        """The stored JSON value at a dotted path (a cell id, `meta.agency`, `previous` …)."""
        return get_path(self.data, path.split("."))

    def check_cell_text(self, cell_id: str, text: str) -> str | None:
        """The Chinese reason `text` cannot go into the cell, or None when it can."""
        try:
            parse_cell_text(self.fmt.cell(cell_id), text)
        except CellInputError as exc:
            return exc.message
        return None

    def set_cell(self, cell_id: str, text: str) -> Checked:
        """Put typed text into a cell; refuses (CellInputError) and keeps the old value when invalid."""
        cell = self.fmt.cell(cell_id)
        value = parse_cell_text(cell, text)
        return self._apply(cell_id.split("."), value, refuse_at=cell_id)

    def set_field(self, path: str, value: Any) -> Checked:
        """Set a non-cell field (meta.*, previous, processing_fee.*); refused when it is itself invalid."""
        return self._apply(path.split("."), value, refuse_at=path)

    def set_facts(self, facts: list[dict[str, Any]]) -> Checked:
        return self._apply(["facts"], facts, refuse_at="facts")

    def set_notes(self, section: str, lines: list[str]) -> Checked:
        """Notes are free text: never refused, autosaved on every change."""
        return self._apply(["notes", section], [x for x in lines if x.strip()], refuse_at=None)

    def _apply(self, path: list[str], value: Any, *, refuse_at: str | None) -> Checked:
        old_present = get_path(self.data, path[:-1]) is not None and path[-1] in (
            get_path(self.data, path[:-1]) or {}
        )
        old = copy.deepcopy(get_path(self.data, path))
        previous_result = self.result
        put_path(self.data, path, value)
        result = self.revalidate()
        if refuse_at is not None and result.report is None:
            own = [
                f
                for f in result.problems
                if f.location == refuse_at or f.location.startswith(refuse_at + ".")
            ]
            before = {f.message for f in previous_result.problems}
            if own and any(f.message not in before for f in own):
                if old_present:
                    put_path(self.data, path, old)
                else:
                    parent = get_path(self.data, path[:-1])
                    if isinstance(parent, dict):
                        parent.pop(path[-1], None)
                self.result = previous_result
                raise InputError("；".join(f.message for f in own) + "。已保留原值", location=refuse_at)
        self._changed()
        return result

    def replace_data(self, data: dict[str, Any]) -> Checked:
        """Put back a whole earlier state (undo, redo, a refused paste): re-checked and autosaved."""
        self.data = copy.deepcopy(data)
        result = self.revalidate()
        self._changed()
        return result

    def change_format(self, format_id: str) -> int:
        """Switch the format version; cells both versions share keep their values.

        Returns how many filled cells the new format has no place for; their values are kept in a
        backup file beside the data file, never just dropped.
        """
        new = load_format(format_id)
        old = self.fmt
        if new.id == old.id:
            return 0
        tables = self.service.blank_tables(new, False)
        dropped: dict[str, Any] = {}
        for cid in old.cells:
            value = self.value(cid)
            if value is None:
                continue
            if cid in new.cells and new.cell(cid).kind == old.cell(cid).kind:
                put_path(tables, cid.split("."), value)
            else:
                dropped[cid] = value
        if dropped:
            backup = self.path.with_name(f".{self.path.stem}.{old.id}-cells.json")
            write_json_atomic(backup, dropped)
        for table in old.tables:
            self.data.pop(table.id, None)
        self.data.update(tables)
        self.data.setdefault("meta", {})["format"] = new.id
        self.revalidate()
        self._changed()
        return len(dropped)

    def backup_path_for(self, format_id: str) -> Path:
        return self.path.with_name(f".{self.path.stem}.{format_id}-cells.json")


def _as_object(data: Any, path: Path) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError(f"{path}：顶层应为 JSON 对象（{{ … }}）", location="$")
    return data
