"""Which tab a finding belongs to, and tab labels that carry their error counts (依申请公开 (3)).

A clerk on one tab sees at a glance where the remaining errors are without opening the findings
panel; the labels are recomputed on every re-validation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from report_copilot.checks.findings import Finding
from report_copilot.model.formats import FormatDefinition, TableDef

META_PREFIXES = ("meta", "previous", "processing_fee")
FACTS_PREFIXES = ("facts", "notes")


def pane_of(finding: Finding, fmt: FormatDefinition) -> str | None:
    """The id of the tab that holds what the finding concerns (None: no tab holds it)."""
    target = finding.location if finding.location in fmt.cells else None
    target = target or next((c for c in finding.cells if c in fmt.cells), None)
    if target is not None:
        return f"tab-{fmt.cells[target].table.id}"
    if finding.location.startswith(META_PREFIXES):
        return "tab-meta"
    if finding.location.startswith(FACTS_PREFIXES):
        return "tab-facts"
    return None


def error_counts(findings: Iterable[Finding], fmt: FormatDefinition) -> Counter[str]:
    """Errors per tab id; warnings are left to the findings panel."""
    panes = (pane_of(f, fmt) for f in findings if f.severity == "error")
    return Counter(p for p in panes if p is not None)


def table_pane_id(table: TableDef) -> str:
    return f"tab-{table.id}"


def tab_names(fmt: FormatDefinition) -> dict[str, str]:
    """The data tabs' own names by tab id (their labels add the error count)."""
    names = {"tab-meta": "基本信息", "tab-facts": "事实与要点"}
    names.update({table_pane_id(t): t.short_title or t.title for t in fmt.tables})
    return names


def tab_labels(names: dict[str, str], findings: Iterable[Finding], fmt: FormatDefinition) -> dict[str, str]:
    """The label each data tab should show now."""
    counts = error_counts(findings, fmt)
    return {pane_id: tab_label(name, counts[pane_id]) for pane_id, name in names.items()}


def tab_label(base: str, errors: int) -> str:
    """The label a tab shows: its name, and its error count when there are any."""
    return f"{base} ({errors})" if errors else base
