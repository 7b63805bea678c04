"""Validation use cases: load an input file, check it, describe its schema (a new one: `service.init`).

Front ends call these and only these; they never reach into the model or the checks directly, so a
behaviour is the same whether a clerk types a command or presses a key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.checks.findings import CheckReport
from report_copilot.checks.identities import check_report
from report_copilot.errors import InputError
from report_copilot.inputs.json_input import load_report, read_json, report_from_data
from report_copilot.model.formats import load_format
from report_copilot.model.report import ReportBase, report_model

__all__ = [
    "load",
    "read_json",
    "report_from_data",
    "schema",
    "validate",
]


def load(path: Path, previous: Path | None = None) -> ReportBase:
    """A report input file (JSON), with last year's report attached when one is named.

    Last year's report may be its data file or the report as published (.html/.pdf/.ofd/.txt/.docx/.md):
    the importer that serves `audit --previous` and `init --previous` reads it here too, so a clerk
    who has only last year's web page gets the cross-year checks instead of "不是有效的 JSON".
    """
    if previous is None or previous.suffix.lower() == ".json":
        return load_report(path, previous)
    from report_copilot.service.importing import load_previous_report

    report = report_from_data(read_json(path), source=str(path), with_previous=False)
    last = load_previous_report(previous, named=True)
    if last.meta.year != report.meta.year - 1:
        raise InputError(
            f"上年报告 {previous} 的年度为 {last.meta.year}，本报告为 {report.meta.year} 年度，"
            f"应提供 {report.meta.year - 1} 年度的报告",
            location="previous",
        )
    report._previous_report = last
    return report


def validate(report: ReportBase) -> CheckReport:
    """All identity, completeness and version checks."""
    return check_report(report)


def schema(format_id: str) -> dict[str, Any]:
    """JSON Schema of an input file in one format version."""
    model = report_model(load_format(format_id).id)
    result: dict[str, Any] = model.model_json_schema()
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return result
