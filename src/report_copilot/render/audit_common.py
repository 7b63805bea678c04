"""What the self-audits of a written Word document share: their findings and WordprocessingML names."""

from __future__ import annotations

from typing import Any

from report_copilot.checks.findings import Finding

__all__ = ["error_finding", "qn"]


def error_finding(rule: str, location: str, message: str, **extra: Any) -> Finding:
    return Finding(rule=rule, severity="error", location=location, message=message, **extra)


def qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))
