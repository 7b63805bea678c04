"""How a draft was made, as its provenance records it: the endpoint, each section, the checks.

Kept apart from the drafting use case so that writing the outputs (`draft_output`) can summarise the
checks of a re-checked draft the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from report_copilot.checks.findings import CheckReport, Finding
from report_copilot.drafting.base import SECTION_NAMES, SectionResult
from report_copilot.model.draft import Draft
from report_copilot.provenance import Endpoint, SectionRecord
from report_copilot.service.gate import ExportGate

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from report_copilot.checks.prose import Mention, ProseCheck
    from report_copilot.settings import CopilotSettings

__all__ = ["check_summary", "endpoint_record", "section_record"]


def endpoint_record(
    chosen: str, settings: CopilotSettings | None, chat_model: BaseChatModel | None
) -> Endpoint | None:
    """The model service a draft was made with (None for the template backend); never the key."""
    endpoint = None
    if chosen == "openai" and settings is not None:
        endpoint = (
            Endpoint(
                host=settings.endpoint_host(),
                model=settings.model,
                temperature=settings.temperature,
                timeout=settings.timeout,
                max_retries=settings.max_retries,
                concurrency=settings.concurrency,
            )
            if chat_model is None
            else Endpoint(host="injected", model=_model_name(chat_model))
        )
    return endpoint


def _model_name(chat_model: BaseChatModel) -> str:
    for attr in ("model_name", "model"):
        value = getattr(chat_model, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(chat_model).__name__


def section_record(section: SectionResult, draft: Draft, prose: ProseCheck) -> SectionRecord:
    """One section's provenance: outcome, timing, usage, and the binding of each of its numbers."""
    numbers = [
        dict(m.as_json())
        for m in prose.mentions
        if m.block is not None
        and 0 <= m.block < len(draft.blocks)
        and draft.blocks[m.block].section == section.key
    ]
    return SectionRecord(
        key=section.key,
        name=SECTION_NAMES.get(section.key, section.key),
        outcome=section.outcome,
        seconds=section.seconds,
        attempts=section.attempts,
        usage=section.usage,
        message=section.message,
        failure=section.failure,
        prompts=section.prompts,
        numbers=numbers,
    )


def check_summary(
    gate: ExportGate, tables: CheckReport, warnings: list[Finding], prose: ProseCheck
) -> dict[str, Any]:
    findings = [*tables.findings, *prose.findings, *warnings]
    errors = [f for f in findings if f.severity == "error"]
    unbound: list[Mention] = [m for m in prose.mentions if m.is_error]
    return {
        "ok": gate.ok,
        "errors": len(errors),
        "warnings": len(findings) - len(errors),
        "findings": [f.model_dump(mode="json") for f in findings],
        "failing_numbers": [dict(m.as_json()) for m in unbound],
    }
