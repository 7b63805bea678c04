"""Review use cases for drafts: compare two drafts (or versions), list a draft's history, git textconv.

Importing and auditing published reports live in `service/importing.py` and `service/audit.py`, the
Excel workbook in `service/excel.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from report_copilot.checks.prose import check_text
from report_copilot.errors import InputError
from report_copilot.inputs.json_input import report_from_data
from report_copilot.inputs.limits import read_text
from report_copilot.inputs.published import import_published
from report_copilot.model.draft import Draft
from report_copilot.review.diff import DraftDiff, diff_drafts, sentence_lines
from report_copilot.review.history import Version, list_versions, newest_two
from report_copilot.service.audit import audit_file  # noqa: F401 - kept importable from here
from report_copilot.service.importing import is_published, load_any

__all__ = ["diff_files", "diff_last", "draft_history", "textconv"]


# ----------------------------------------------------------------------------------------------- diff


def _read_draft_text(path: Path) -> str:
    """A draft's text: a bounded regular file (git hands us /dev/null for an added or deleted file)."""
    if str(path) == "/dev/null":
        return ""
    return read_text(path, "草稿文件")


def _draft_of(path: Path) -> Draft:
    if not path.exists():
        raise InputError(f"找不到文件：{path}", location=str(path))
    if path.suffix.lower() in {".md", ".markdown"} or str(path) == "/dev/null":
        return Draft.from_markdown(_read_draft_text(path))
    if is_published(path):
        return import_published(path).draft
    raise InputError(
        f"{path}：只能比较草稿（.md）或已发布的报告（.html/.pdf/.ofd/.txt/.docx）", location=str(path)
    )


def _binder(data: Path | None) -> Callable[[str], list[dict[str, Any]]] | None:
    if data is None:
        return None
    report = load_any(data).report

    def bind(sentence: str) -> list[dict[str, Any]]:
        return [m.as_json() for m in check_text(sentence, report).mentions]

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
    if is_published(path) and path.suffix.lower() != ".md":
        from report_copilot.render.markdown import render_markdown

        imported = import_published(path)
        report = report_from_data(imported.data, with_previous=False)
        return sentence_lines(render_markdown(imported.draft, report))
    return sentence_lines(_read_draft_text(path))
