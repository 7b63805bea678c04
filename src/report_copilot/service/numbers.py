"""Checking use cases: every number of a draft against the report's data, and the prose lint.

Front ends call these; the CLI's `copilot check`, the TUI's findings panel and the export gate see the
same verdicts. `lint_prose` is the one call a front end needs for live lint while a clerk types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from report_copilot.checks.derived import references
from report_copilot.checks.lint import ACCEPTABLE, RULES, LintResult, lint_draft
from report_copilot.checks.prose import Mention, ProseCheck, check_draft, check_text
from report_copilot.errors import InputError
from report_copilot.inputs.limits import read_text
from report_copilot.model.draft import Draft
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase
from report_copilot.service.validation import load

__all__ = [
    "LINT_RULES",
    "LintResult",
    "Mention",
    "ProseCheck",
    "Reference",
    "accepted_in_markdown",
    "check_draft",
    "check_markdown_file",
    "check_text",
    "find_previous_text",
    "lint_markdown_file",
    "lint_prose",
    "read_markdown_draft",
    "read_previous_report",
    "references",
]

LINT_RULES = RULES
_ACCEPT = re.compile(r"<!--\s*accept-lint\s*[:：]\s*([^>]*?)\s*-->", re.I)
_TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps", ".mht")


def read_markdown_draft(path: Path) -> Draft:
    """A Markdown draft as written by `copilot draft` or edited by hand."""
    text = read_text(path, "草稿文件")
    draft = Draft.from_markdown(text)
    if not any(True for _ in draft.paragraphs()):
        raise InputError(f"{path} 中没有可核对的正文（空文件，或不是 Markdown 草稿）", location=str(path))
    return draft


def check_markdown_file(
    draft_path: Path, data_path: Path, previous: Path | None = None
) -> tuple[Draft, ReportBase, ProseCheck]:
    """Read a Markdown draft and its data file (and last year's), and check every number — and every
    table cell written in the draft against the data (D-2: tables are edited in the data file)."""
    from report_copilot.render.table_check import table_findings

    draft = read_markdown_draft(draft_path)
    report = load(data_path, previous)
    result = check_draft(draft, report)
    tables = table_findings(read_text(draft_path, "草稿文件"), report)
    if tables:
        result = result.model_copy(update={"findings": [*tables, *result.findings]})
    return draft, report, result


def accepted_in_markdown(text: str) -> list[str]:
    """Lint rules a clerk acknowledged in the draft itself: `<!-- accept-lint: L-1 L-5 -->`.

    The acknowledgement travels with the draft, so `check`, `export` and the TUI all honour it; only
    L-1 and L-5 can be acknowledged.
    """
    found = {r.upper() for m in _ACCEPT.finditer(text) for r in re.split(r"[\s,，、]+", m.group(1)) if r}
    return sorted(found & ACCEPTABLE)


def read_previous_report(path: Path) -> Draft:
    """Last year's report as a draft: a Markdown draft of this tool, or a published report in any
    format `copilot import` reads (.html, .pdf, .txt, .docx)."""
    if path.suffix.lower() == ".md":
        text = read_text(path, "上年报告")
        if text.lstrip().startswith("# "):
            return Draft.from_markdown(text)
    from report_copilot.inputs.published import import_published

    draft = import_published(path).draft
    if not any(b.kind == "paragraph" for b in draft.blocks):
        raise InputError(f"上年报告 {path} 中没有读到正文，无法比较雷同", location=str(path))
    return draft


def find_previous_text(data_path: Path, report: ReportBase, previous: Path | None = None) -> Path | None:
    """Last year's report text found through the data: beside last year's data file (same name, or a
    draft in drafts/), e.g. yunxi-2023.json → yunxi-2023.md / .html / .pdf / drafts/yunxi-2023.md."""
    target = previous
    if target is None:
        ref = report.previous
        if not isinstance(ref, str) or not ref:
            return None
        target = (data_path.parent / ref) if not Path(ref).is_absolute() else Path(ref)
    candidates = [target.with_suffix(s) for s in _TEXT_SUFFIXES]
    candidates += [target.parent / "drafts" / f"{target.stem}.md"]
    return next((c for c in candidates if c.is_file() and c != data_path), None)


def lint_prose(
    draft: Draft,
    report: ReportBase | None = None,
    previous: Draft | None = None,
    accepted: Iterable[str] = (),
) -> LintResult:
    """The prose lint (L-1 … L-8) of a draft in memory: what the TUI calls for live lint."""
    return lint_draft(draft, report, previous, accepted)


def lint_markdown_file(
    draft_path: Path,
    report: ReportBase,
    *,
    data_path: Path | None = None,
    previous_data: Path | None = None,
    previous_report: Path | None = None,
    accepted: Iterable[str] = (),
) -> LintResult:
    """Lint a Markdown draft; last year's text from `previous_report`, else found through the data."""
    text = read_text(draft_path, "草稿文件")
    source = previous_report
    if source is None and data_path is not None:
        source = find_previous_text(data_path, report, previous_data)
    previous = read_previous_report(source) if source is not None else None
    acks = [*accepted, *accepted_in_markdown(text)]
    return lint_draft(Draft.from_markdown(text), report, previous, acks)
