"""What every drafter shares: the drafted units of a report, their results, and Chinese text helpers.

A report is drafted unit by unit. The narrative units (`model.sections.SECTIONS`) are written by a
backend — the offline template drafter or a model — and each is checked on its own. Everything else
is fixed by the data and never written by a model: the title, the six headings and five
sub-headings, the lead sentence and table block of 二/三/四, the 信息处理费 sentence of 六, and the
signature (`assemble` puts them together).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from report_copilot.checks.findings import Finding
from report_copilot.model.draft import OVERVIEW_SUBSECTIONS, SECTION_HEADINGS, Block, Draft
from report_copilot.model.report import Money, ReportBase
from report_copilot.model.sections import NARRATIVE_SECTIONS as NARRATIVE_SECTIONS  # re-exported
from report_copilot.model.sections import SECTIONS

NOTES_OF_SECTION: dict[str, str] = {
    key: spec.notes_field for key, spec in SECTIONS.items() if spec.notes_field is not None
}
"""The `notes` field feeding each narrative unit (from the section table)."""

SECTION_NAMES: dict[str, str] = {key: spec.name for key, spec in SECTIONS.items()}
"""How a unit is named to a clerk in messages (from the section table)."""

Outcome = Literal["llm", "repaired", "fallback", "template", "cached"]
Failure = Literal["", "unavailable", "busy", "checks", "error"]
"""Why a unit fell back: the endpoint cannot be reached or refuses the key, it stayed overloaded past
the retry window, the reply failed its checks twice, or another failure of the call."""


class SectionResult(BaseModel):
    """One drafted unit: its paragraphs (numbers substituted) and how they came to be."""

    key: str
    paragraphs: list[str]
    outcome: Outcome
    seconds: float = 0.0
    attempts: int = 0
    usage: dict[str, int] | None = None
    message: str = Field("", description="why the unit fell back to the template drafter, in Chinese")
    failure: Failure = ""
    model_text: str | None = Field(None, description="the model's reply with [[references]], as cached")
    prompts: list[dict[str, Any]] = Field(default_factory=list)


# ---------------------------------------------------------------- Chinese text helpers

_TRAILING = re.compile(r"[。；;，,、.\s]+$")


def clause(text: str) -> str:
    """A note as a clause: trimmed, without its closing punctuation."""
    return _TRAILING.sub("", text.strip())


def sentence(text: str) -> str:
    """A clause closed with 。 (unless it already ends a sentence)."""
    text = text.strip()
    if not text:
        return ""
    if text[-1] in "。！？」”』":
        return text if text[-1] in "。！？" or text[-2:-1] in "。！？" else text + "。"
    return clause(text) + "。"


def number_text(value: int | Decimal | Money | float | None) -> str:
    """A figure as the report prints it: integers plain, decimals without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Money):
        return number_text(value.value)
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        value = Decimal(str(value))
    text = format(value.normalize(), "f")
    return text


def short_name(report: ReportBase) -> str:
    """How the agency names itself in prose (本局, 我办); 本机关 when the input does not say."""
    return (report.meta.short_name or "").strip() or "本机关"


def title_of(report: ReportBase) -> str:
    return f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"


def date_text(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def signature_of(report: ReportBase) -> str:
    """Agency and issue date on one line (the Markdown convention of `model.draft`)."""
    issued = report.meta.issue_date
    return report.meta.agency if issued is None else f"{report.meta.agency} {date_text(issued)}"


def notes_warning(section: str, field: str, what: str) -> Finding:
    """A visible reminder that a unit was written without the staff's notes (never blocks export)."""
    return Finding(
        rule="DRAFT-NOTES",
        severity="warning",
        location=f"notes.{field}",
        where=SECTION_NAMES.get(section, section),
        message=f"{SECTION_NAMES.get(section, section)}：没有填写要点（notes.{field}），{what}",
    )


def assemble(report: ReportBase, bodies: dict[str, list[str]], fixed: dict[str, list[str]]) -> Draft:
    """The whole report in reading order from the narrative units and the data-fixed sentences.

    `bodies` maps narrative units to paragraphs; `fixed` maps "active"/"requests"/"appeals" to their
    lead sentences and "other.fee" to the 信息处理费 sentence.
    """
    blocks: list[Block] = [Block(kind="title", text=title_of(report), section="preface")]

    def paragraphs(key: str, section: str | None = None) -> None:
        for text in bodies.get(key, []):
            if text.strip():
                blocks.append(Block(kind="paragraph", text=text.strip(), section=section or key))

    paragraphs("preface")
    blocks.append(Block(kind="heading", text=SECTION_HEADINGS["overview"], level=1, section="overview"))
    paragraphs("overview")
    for key, heading in OVERVIEW_SUBSECTIONS.items():
        blocks.append(Block(kind="heading", text=heading, level=2, section=key))
        paragraphs(key)
    for table in report.format.tables:
        key = table.id
        blocks.append(
            Block(kind="heading", text=SECTION_HEADINGS.get(key, table.title), level=1, section=key)
        )
        for text in fixed.get(key, []):
            blocks.append(Block(kind="paragraph", text=text, section=key))
        blocks.append(Block(kind="table", text=table.id, section=key))
    blocks.append(Block(kind="heading", text=SECTION_HEADINGS["problems"], level=1, section="problems"))
    paragraphs("problems")
    blocks.append(Block(kind="heading", text=SECTION_HEADINGS["other"], level=1, section="other"))
    for text in fixed.get("other.fee", []):
        blocks.append(Block(kind="paragraph", text=text, section="other"))
    paragraphs("other")
    blocks.append(Block(kind="signature", text=signature_of(report), section="signature"))
    return Draft(title=title_of(report), blocks=blocks)
