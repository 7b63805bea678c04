"""What a model is given for one unit: its data slice (the figures it may quote) and the prompt variables.

A unit's slice holds only the references its prose quotes (`model.sections.SECTIONS`), non-zero
year-on-year changes, and only references whose `label + value + unit` binds back to them in that
unit, so a faithful sentence always passes the number checker.
"""

from __future__ import annotations

from typing import Any

from report_copilot.drafting.base import clause, date_text, short_name
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase
from report_copilot.model.sections import SECTIONS


def all_references(report: ReportBase) -> dict[str, Reference]:
    """Every figure prose may quote (cells, facts, derived values, rates, year-on-year)."""
    from report_copilot.checks.derived import references

    return references(report)


def _fact_home(report: ReportBase, fact_id: str) -> str:
    fact = report.fact(fact_id)
    if fact is None:
        return ""
    return fact.section or fact.id.split(".", 1)[0]


def wanted(section: str, key: str, report: ReportBase) -> bool:
    """Whether a reference belongs to a unit's data slice: the figures that unit's prose quotes."""
    spec = SECTIONS.get(section)
    if spec is None:
        return False
    if key.startswith("fact."):
        return _fact_home(report, key[5:]) in spec.fact_homes
    return spec.quotes(key)


def quotable(ref: Reference, report: ReportBase, section: str) -> bool:
    """Whether `label + value + unit` of a reference binds back to it in this unit."""
    from report_copilot.checks.prose import check_text

    result = check_text(f"{short_name(report)}{ref.phrase()}。", report, section)
    claims = [m for m in result.mentions if m.verdict != "exempt"]
    return result.ok and len(claims) == 1 and claims[0].verdict == "bound"


def data_slice(section: str, report: ReportBase, refs: dict[str, Reference]) -> dict[str, Reference]:
    """The references a unit may quote: its own figures, non-zero changes, and only ones that bind back."""
    out: dict[str, Reference] = {}
    for key, ref in refs.items():
        if not wanted(section, key, report):
            continue
        if key.startswith("yoy.") and not ref.value:
            continue
        if quotable(ref, report, section):
            out[key] = ref
    return out


def needs_model(section: str, report: ReportBase) -> bool:
    """六's other matters come only from notes: without notes there is nothing for a model to write."""
    if section == "other":
        return bool([n for n in report.notes.other_matters if clause(n)])
    return True


def prompt_context(section: str, report: ReportBase, refs: dict[str, Reference]) -> dict[str, Any]:
    """Every variable any prompt may declare; `Prompt.render` passes on only the declared ones."""
    meta, fmt = report.meta, report.format
    spec = SECTIONS.get(section)
    notes_field = spec.notes_field if spec is not None else None
    contact = {
        label: value
        for label, value in (
            ("联系部门", meta.contact.office),
            ("地址", meta.contact.address),
            ("邮编", meta.contact.postcode),
            ("电话", meta.contact.telephone),
            ("电子邮箱", meta.contact.email),
        )
        if value
    }
    previous = report.previous_report
    start = date_text(meta.period_start) if meta.period_start else f"{meta.year}年1月1日"
    end = date_text(meta.period_end) if meta.period_end else f"{meta.year}年12月31日"
    return {
        "agency": meta.agency,
        "short_name": short_name(report),
        "year": meta.year,
        "next_year": meta.year + 1,
        "document": fmt.document,
        "format_title": fmt.title,
        "is_government": meta.is_government,
        "provincial_notice": meta.provincial_notice or "",
        "period": f"{start}至{end}",
        "portal": meta.portal or "",
        "url": meta.url or "",
        "contact": contact,
        "heading": spec.name if spec is not None else section,
        "notes": [clause(n) for n in getattr(report.notes, notes_field)] if notes_field else [],
        "problems": [clause(n) for n in report.notes.problems],
        "measures": [clause(n) for n in report.notes.measures],
        "previous_problems_addressed": [clause(n) for n in report.notes.previous_problems_addressed],
        "previous_problems": [clause(n) for n in previous.notes.problems] if previous is not None else [],
        "other_matters": [clause(n) for n in report.notes.other_matters],
        "references": [
            {"key": r.key, "label": r.label, "value": r.text, "unit": r.unit} for r in refs.values()
        ],
    }
