"""Import use cases: any report file (JSON data or a published report) → its data, prose and issues.

Published reports go through the importer; every file passes the size, zip and sheet bounds of
`inputs/limits.py` there (JSON through `read_json`) before any parser sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError
from report_copilot.files import (
    check_target,
    ensure_dir,
    refuse_overwrite,
    write_json_atomic,
    write_text_atomic,
)
from report_copilot.inputs.json_input import load_report, previous_from_file, report_from_data
from report_copilot.inputs.published import (
    PUBLISHED_SUFFIXES,
    ImportedReport,
    import_published,
    is_report_markdown,
)
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase

__all__ = [
    "LoadedReport",
    "import_previous",
    "import_report",
    "is_published",
    "load_any",
    "load_previous_report",
]


@dataclass
class LoadedReport:
    """A report from any source: its data model, its prose (if the source has any), the import result."""

    path: Path
    report: ReportBase
    draft: Draft | None
    imported: ImportedReport | None


def is_published(path: Path) -> bool:
    """A published report's file (a Markdown file only when it holds one, not when it is a draft)."""
    suffix = path.suffix.lower()
    return suffix in PUBLISHED_SUFFIXES and (suffix != ".md" or is_report_markdown(path))


def _refuse_markdown(path: Path, hint: str = "请用 copilot diff 比较草稿") -> None:
    if path.suffix.lower() == ".md" and not is_report_markdown(path):
        raise InputError(f"{path} 是草稿（Markdown），不是报告数据；{hint}", location=str(path))


def load_any(
    path: Path, *, agency: str | None = None, year: int | None = None, format_id: str | None = None
) -> LoadedReport:
    """A JSON input file, or a published report (.html/.pdf/.ofd/.txt/.docx/.xlsx) through the importer."""
    if path.suffix.lower() == ".json":
        return LoadedReport(path, load_report(path), None, None)
    _refuse_markdown(path)
    imported = _import_without_flags(path, agency=agency, year=year, format_id=format_id)
    report = report_from_data(imported.data, source=str(path), with_previous=False)
    return LoadedReport(path, report, imported.draft, imported)


_FLAG_HINT = re.compile(r"（可用 --[a-z-]+[^）]*）")
"""The importer's hint at `copilot import`'s own flags (可用 --year 指定年度)."""


def _import_without_flags(path: Path, *, previous: bool = False, **given: Any) -> ImportedReport:
    """`import_published` for commands that have no --year/--agency (audit, last year's report):
    a refusal keeps its reason but not a hint at flags the command does not take."""
    try:
        return import_published(path, **given)
    except InputError as exc:
        message = _FLAG_HINT.sub("", exc.message)
        if previous:
            message = f"上年报告无法读取：{message}"
        raise InputError(message, location="previous" if previous else exc.location) from None


def import_previous(path: Path, *, named: bool = True) -> ImportedReport:
    """Last year's published report through the importer (a draft refused); `named`: a refusal
    says it is last year's report (a caller that says so itself passes False)."""
    _refuse_markdown(path, "上年报告请用其数据文件（.json）或已发布的报告")
    return _import_without_flags(path, previous=named)


def load_previous_report(path: Path, *, named: bool = False) -> ReportBase:
    """Last year's report named by the user: a bounded regular file, never quoted if it is no report."""
    if path.suffix.lower() == ".json":
        return previous_from_file(path)
    return report_from_data(import_previous(path, named=named).data, source=str(path), with_previous=False)


def _refuse_targets(path: Path, output: Path | None, draft_output: Path | None) -> None:
    """A data file is no report to import; no output may be the report itself or the other output."""
    if path.suffix.lower() == ".json":
        raise InputError(
            f"{path} 已是数据文件（JSON），无需导入：直接运行 copilot validate {path}", location=str(path)
        )
    for target, what in ((output, "-o 数据文件"), (draft_output, "--draft 草稿")):
        if target is not None and path.exists() and target.exists() and target.samefile(path):
            raise InputError(
                f"{what} {target} 就是要导入的报告本身，未写入；请另选文件名", location=str(target)
            )
    if output is not None and draft_output is not None and output.resolve() == draft_output.resolve():
        raise InputError(
            f"-o 数据文件和 --draft 草稿是同一个文件 {output}，后者会覆盖前者，未写入；请分别指定",
            location=str(output),
        )


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
    _refuse_targets(path, output, draft_output)
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
