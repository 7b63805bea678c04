"""Drafting use cases: draft a report (template or model backend) and check it whole.

`draft_report` runs the pipeline (see `drafting.pipeline`), then checks the whole draft: the table
identities (`checks.identities`), every number of the prose (`checks.prose`) and the prose lint
(`checks.lint`). Writing the outputs is `service.draft_output.write_draft_outputs`.

Events (`DraftEvent`) let a front end follow a run: start, chunk (streamed text; after a `repair`
event the section's text starts over), repair, fallback, error, section_done, done.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from report_copilot.checks.findings import CheckReport, Finding
from report_copilot.checks.lint import LintResult
from report_copilot.checks.prose import ProseCheck
from report_copilot.drafting.base import SectionResult
from report_copilot.errors import InputError
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.provenance import Provenance
from report_copilot.service.draft_provenance import check_summary, endpoint_record, section_record
from report_copilot.service.gate import ExportGate

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from report_copilot.drafting.pipeline import Pipeline, PipelineResult
    from report_copilot.settings import Backend, CopilotSettings

__all__ = [
    "DraftEvent",
    "DraftResult",
    "DraftWritten",
    "draft_report",
    "draft_report_async",
    "drafting_settings",
]

_ENDPOINT_VARS = (
    "COPILOT_BACKEND",
    "COPILOT_BASE_URL",
    "OPENAI_BASE_URL",
    "COPILOT_API_KEY",
    "OPENAI_API_KEY",
)


def _configured() -> bool:
    """Whether anything could select a model: an endpoint variable or a config file.

    When nothing is, the offline drafter runs without loading the settings machinery at all
    (pydantic-settings costs ~50 ms of start-up on the offline path).
    """
    from report_copilot import paths

    return any(os.environ.get(v, "").strip() for v in _ENDPOINT_VARS) or paths.config_file().is_file()


class DraftEvent(BaseModel):
    """Progress of a draft run, for a front end (the TUI streams `chunk` text into its view)."""

    kind: Literal["start", "chunk", "section_done", "repair", "fallback", "error", "done"]
    section: str
    text: str = ""
    message: str = ""


class DraftResult(BaseModel):
    """A drafted report, its checks and its provenance (not yet written anywhere)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    draft: Draft
    check: ProseCheck = Field(description="the number check of the whole draft")
    tables: CheckReport = Field(description="table identity findings (勾稽关系)")
    warnings: list[Finding] = Field(default_factory=list, description="DRAFT-NOTES: notes to add")
    lint: LintResult | None = Field(None, description="the prose lint (L-1 … L-8)")
    sections: list[SectionResult]
    backend: str
    provenance: Provenance
    model_unavailable: bool = Field(
        False, description="the endpoint asked for could not be reached or refused the key: units fell back"
    )
    waited: float = Field(0.0, description="seconds the run was paused by an overloaded endpoint")
    _secrets: list[str] = PrivateAttr(default_factory=list)
    """The key used for this run: scrubbed from every output (never serialised)."""

    @property
    def ok(self) -> bool:
        """Every number of the prose binds and every table identity holds (warnings never block)."""
        return self.check.ok and self.tables.ok and not self.lint_errors

    @property
    def lint_errors(self) -> list[Finding]:
        """Blocking lint findings: a 【待补充】 left (L-8), a misspelt fixed name (L-5)."""
        return list(self.lint.errors) if self.lint is not None else []

    @property
    def gate(self) -> ExportGate:
        """What decides whether this draft may be exported (`service.gate`)."""
        return ExportGate(prose=self.check, tables=self.tables.errors, lint=self.lint_errors)

    @property
    def findings(self) -> list[Finding]:
        """Everything to show a clerk: table errors and warnings, prose findings, lint, notes reminders."""
        lint = list(self.lint.findings) if self.lint is not None else []
        return [*self.tables.findings, *self.check.findings, *lint, *self.warnings]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def fallbacks(self) -> list[SectionResult]:
        return [s for s in self.sections if s.outcome == "fallback"]


class DraftWritten(BaseModel):
    """Where a draft went."""

    markdown: Path
    provenance: Path
    history_markdown: Path
    history_provenance: Path
    version: int
    exports: dict[str, Path] = Field(default_factory=dict, description="format → path (docx …)")
    exported: bool = Field(False, description="export formats were written (checks passed, or forced)")
    forced: bool = False
    unchanged: bool = Field(False, description="the text equals the newest kept version: no new version")
    edited_saved_as: Path | None = Field(
        None, description="the hand-edited Markdown found on disk, kept as this history version"
    )
    kept: list[str] = Field(default_factory=list, description="sections kept as the clerk edited them")
    regenerated: list[str] = Field(default_factory=list, description="sections drafted anew")
    review: list[str] = Field(default_factory=list, description="kept sections whose data changed")
    result: DraftResult | None = Field(
        None, exclude=True, description="the draft as written (hand edits merged) and its checks"
    )

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def drafting_settings(
    *,
    backend: Backend | str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    prompts_dir: Path | None = None,
    use_cache: bool | None = None,
    fallback: str | None = None,
) -> CopilotSettings | None:
    """Settings from config file and environment, with command-line flags on top.

    None when nothing is configured and no flag asks for a model: the offline template drafter
    needs no settings (`draft_report` accepts None).
    """
    _check_backend_name(backend)
    flags = (model, base_url, prompts_dir)
    if backend in (None, "auto", "template") and all(f is None for f in flags):
        if backend == "template" or not _configured():
            return None
    from report_copilot.settings import load_settings

    return load_settings(
        backend=backend,
        model=model,
        base_url=base_url,
        prompts_dir=prompts_dir,
        cache=use_cache,
        fallback=fallback,
    )


def _check_backend_name(backend: str | None) -> None:
    if backend is not None and backend not in {"auto", "template", "openai"}:
        raise InputError(f"未知的起草方式「{backend}」，可用：template、openai", location="backend")


def _resolve_backend(
    backend: str | None, settings: CopilotSettings | None, chat_model: BaseChatModel | None
) -> Literal["template", "openai"]:
    _check_backend_name(backend)
    if chat_model is not None and backend in (None, "auto", "openai"):
        return "openai"
    if backend in (None, "auto"):
        return settings.resolved_backend() if settings is not None else "template"
    if backend == "template":
        return "template"
    if settings is None or not settings.has_endpoint():
        raise InputError(
            "未配置模型服务：请设置 OPENAI_API_KEY（或 COPILOT_API_KEY），或用 --base-url / COPILOT_BASE_URL "
            "指定 OpenAI 兼容服务地址；也可用 --backend template 离线起草",
            location="backend",
        )
    return "openai"


def draft_report(
    report: ReportBase,
    *,
    backend: Backend | str | None = None,
    settings: CopilotSettings | None = None,
    chat_model: BaseChatModel | None = None,
    use_cache: bool = True,
    on_event: Callable[[DraftEvent], None] | None = None,
    cancel: threading.Event | None = None,
) -> DraftResult:
    """Draft every section of `report` and check the result; never raises for a failing model call.

    backend: "template" (offline), "openai" (any OpenAI-compatible endpoint, or `chat_model` when
    given), or None/"auto" (openai when an endpoint or key is configured, else template). Runs its
    own event loop for a model run: from async code, await `draft_report_async` instead.
    Raises DraftCancelled when `cancel` is set, InputError/SettingsError/PromptError for bad setup.
    """
    pipeline, settings, chat_model, emit = _pipeline(
        report, backend, settings, chat_model, use_cache, on_event, cancel
    )
    start = time.perf_counter()
    return _finish(pipeline.run_sync(), report, pipeline.backend, settings, chat_model, emit, start)


async def draft_report_async(
    report: ReportBase,
    *,
    backend: Backend | str | None = None,
    settings: CopilotSettings | None = None,
    chat_model: BaseChatModel | None = None,
    use_cache: bool = True,
    on_event: Callable[[DraftEvent], None] | None = None,
    cancel: threading.Event | None = None,
) -> DraftResult:
    """`draft_report` for a caller that runs an event loop (an async TUI worker)."""
    pipeline, settings, chat_model, emit = _pipeline(
        report, backend, settings, chat_model, use_cache, on_event, cancel
    )
    start = time.perf_counter()
    return _finish(await pipeline.run(), report, pipeline.backend, settings, chat_model, emit, start)


_Emit = Callable[[str, str, str, str], None]


def _pipeline(
    report: ReportBase,
    backend: str | None,
    settings: CopilotSettings | None,
    chat_model: BaseChatModel | None,
    use_cache: bool,
    on_event: Callable[[DraftEvent], None] | None,
    cancel: threading.Event | None,
) -> tuple[Pipeline, CopilotSettings | None, BaseChatModel | None, _Emit]:
    """The pipeline of one run, with the settings it needs loaded (only when a model may be used)."""
    from report_copilot.drafting.cache import SectionCache
    from report_copilot.drafting.pipeline import Pipeline

    _check_backend_name(backend)
    if settings is None and (
        chat_model is not None or backend == "openai" or (backend != "template" and _configured())
    ):
        from report_copilot.settings import load_settings

        settings = load_settings()
    chosen = _resolve_backend(backend, settings, chat_model)

    def emit(kind: str, section: str, text: str, message: str) -> None:
        if on_event is not None:
            on_event(DraftEvent(kind=kind, section=section, text=text, message=message))

    cache = SectionCache(enabled=use_cache and settings is not None and settings.cache and chosen == "openai")
    secrets = [settings.api_key.get_secret_value()] if settings is not None and settings.api_key else []
    pipeline = Pipeline(
        report,
        backend=chosen,
        settings=settings,
        chat_model=chat_model,
        cache=cache,
        emit=emit,
        cancel=cancel,
        secrets=secrets,
    )
    return pipeline, settings, chat_model, emit


def _finish(
    run: PipelineResult,
    report: ReportBase,
    chosen: str,
    settings: CopilotSettings | None,
    chat_model: BaseChatModel | None,
    emit: _Emit,
    start: float,
) -> DraftResult:
    """Check the whole draft and build its provenance."""
    from report_copilot.checks.identities import check_report
    from report_copilot.checks.prose import check_draft

    prose = check_draft(run.draft, report)
    tables = check_report(report)
    sections = [section_record(s, run.draft, prose) for s in run.sections]
    endpoint = endpoint_record(chosen, settings, chat_model)
    from report_copilot.checks.lint import lint_draft

    lint = lint_draft(run.draft, report)
    gate = ExportGate(prose, tables.errors, lint=lint.errors)
    unavailable = any(s.failure == "unavailable" for s in run.sections)
    provenance = Provenance.new(
        report,
        backend=chosen,
        endpoint=endpoint,
        prompts=[p.record() for p in run.prompts],
        sections=sections,
        check=check_summary(gate, tables, [*lint.findings, *run.warnings], prose),
        seconds=time.perf_counter() - start,
    )
    provenance.model_unavailable = unavailable
    provenance.waited_seconds = run.waited
    emit("done", "", "", "")
    result = DraftResult(
        draft=run.draft,
        check=prose,
        tables=tables,
        warnings=run.warnings,
        lint=lint,
        sections=run.sections,
        backend=chosen,
        provenance=provenance,
        model_unavailable=unavailable,
        waited=run.waited,
    )
    if settings is not None and settings.api_key is not None:
        result._secrets.append(settings.api_key.get_secret_value())
    return result
