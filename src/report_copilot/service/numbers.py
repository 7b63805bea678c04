"""Number-checking use cases: every number of a draft against the report's data.

Front ends call these; the CLI's `copilot check`, the TUI's findings panel and the export gate see the
same verdicts.
"""

from __future__ import annotations

from pathlib import Path

from report_copilot.checks.derived import references
from report_copilot.checks.prose import Mention, ProseCheck, check_draft, check_text
from report_copilot.errors import InputError
from report_copilot.files import read_user_text
from report_copilot.model.draft import Draft
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase
from report_copilot.service.validation import load

__all__ = [
    "Mention",
    "ProseCheck",
    "Reference",
    "check_draft",
    "check_markdown_file",
    "check_text",
    "read_markdown_draft",
    "references",
]


def read_markdown_draft(path: Path) -> Draft:
    """A Markdown draft as written by `copilot draft` or edited by hand."""
    text = read_user_text(path, "草稿文件")
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
    tables = table_findings(read_user_text(draft_path, "草稿文件"), report)
    if tables:
        result = result.model_copy(update={"findings": [*tables, *result.findings]})
    return draft, report, result
