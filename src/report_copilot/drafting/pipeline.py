"""The drafting run: per narrative unit, cache → draft → substitute references → check → repair once → fall back.

With the template backend every unit comes from `TemplateDrafter`. With a model, the cache is read
first — a fully cached run never imports a model client — and only the units it misses are drafted,
concurrently under an adaptive limit (`drafting.rate`) and streamed. Each reply is reviewed as soon
as it is complete (`drafting.replies`): references replaced by their values, the number checker run.
A failed review goes back to the model once through the `repair` prompt; a unit still wrong — or
whose call failed for good — falls back to the template drafter and says why, so the draft never
contains an unchecked model number. `Pipeline.run` is a coroutine: the CLI runs it with
`asyncio.run`, an async front end awaits it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from report_copilot.checks.findings import Finding
from report_copilot.drafting.base import (
    NARRATIVE_SECTIONS,
    SECTION_NAMES,
    Failure,
    Outcome,
    SectionResult,
    assemble,
)
from report_copilot.drafting.cache import SectionCache, cache_key
from report_copilot.drafting.replies import Reply, review_reply
from report_copilot.drafting.slices import all_references, data_slice, needs_model, prompt_context
from report_copilot.drafting.template import TemplateDrafter
from report_copilot.errors import DraftCancelled, DraftingError
from report_copilot.model.draft import Draft
from report_copilot.model.hygiene import strip_hidden
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase
from report_copilot.redact import known_secrets, redact

if TYPE_CHECKING:
    import asyncio

    from langchain_core.language_models import BaseChatModel

    from report_copilot.drafting.llm import ChatModel
    from report_copilot.drafting.rate import AdaptiveLimit
    from report_copilot.prompts import Prompt
    from report_copilot.settings import CopilotSettings

EventSink = Callable[[str, str, str, str], None]
"""(kind, section, text, message) → None; the service turns it into DraftEvent."""

RunBackend = Literal["template", "openai"]


@dataclass
class Job:
    """One narrative unit to be drafted by a model."""

    key: str
    messages: list[tuple[str, str]]
    prompts: list[Prompt]
    refs: dict[str, Reference]
    cache_key: str


@dataclass
class PipelineResult:
    draft: Draft
    sections: list[SectionResult]
    warnings: list[Finding] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    seconds: float = 0.0
    waited: float = 0.0
    """Wall time the run spent paused by an overloaded endpoint (429/503)."""
    overloads: int = 0


class CallFailed(Exception):
    """A model call that failed for good: why (for the fallback) and the original failure."""

    def __init__(self, failure: Failure, cause: BaseException) -> None:
        super().__init__(failure)
        self.failure: Failure = failure
        self.cause = cause


class Pipeline:
    """One draft run over one report."""

    def __init__(
        self,
        report: ReportBase,
        *,
        backend: RunBackend,
        settings: CopilotSettings | None,
        chat_model: BaseChatModel | None = None,
        cache: SectionCache | None = None,
        emit: EventSink | None = None,
        cancel: threading.Event | None = None,
        secrets: list[str] | None = None,
    ) -> None:
        self.report = report
        self.backend = backend
        self.settings = settings
        self.chat_model = chat_model
        self.cache = cache or SectionCache(enabled=False)
        self.emit: EventSink = emit or (lambda *_: None)
        self.cancel = cancel
        self.secrets = [*known_secrets(), *(secrets or [])]
        self.template = TemplateDrafter(report)
        self.template_bodies: dict[str, list[str]] = {}
        self.template_seconds: dict[str, float] = {}
        for key in NARRATIVE_SECTIONS:
            start = time.perf_counter()
            self.template_bodies[key] = self.template.section(key)
            self.template_seconds[key] = round(time.perf_counter() - start, 4)
        self.used_prompts: dict[str, Prompt] = {}
        self.limit: AdaptiveLimit | None = None
        self.unavailable: CallFailed | None = None

    async def run(self) -> PipelineResult:
        start = time.perf_counter()
        sections = self._template_run() if self.backend == "template" else await self._model_run()
        return self._result(sections, start)

    def run_sync(self) -> PipelineResult:
        """`run` from synchronous code that runs no event loop (the CLI, a thread worker)."""
        if self.backend == "template":  # no loop needed: nothing to wait for
            start = time.perf_counter()
            return self._result(self._template_run(), start)
        import asyncio

        return asyncio.run(self.run())

    def _result(self, sections: list[SectionResult], start: float) -> PipelineResult:
        draft = assemble(self.report, {s.key: s.paragraphs for s in sections}, self.template.fixed())
        return PipelineResult(
            draft=draft,
            sections=sections,
            warnings=list(self.template.warnings),
            prompts=list(self.used_prompts.values()),
            seconds=time.perf_counter() - start,
            waited=round(self.limit.waited, 3) if self.limit is not None else 0.0,
            overloads=self.limit.overloads if self.limit is not None else 0,
        )

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def _template_section(self, key: str, outcome: Outcome = "template") -> SectionResult:
        self.emit("start", key, "", "")
        result = SectionResult(
            key=key, paragraphs=self.template_bodies[key], outcome=outcome, seconds=self.template_seconds[key]
        )
        self.emit("section_done", key, "\n".join(result.paragraphs), "")
        return result

    def _template_run(self) -> list[SectionResult]:
        out = []
        for key in NARRATIVE_SECTIONS:
            if self._cancelled():
                raise DraftCancelled("已取消起草。")
            out.append(self._template_section(key))
        return out

    # -- model backend ---------------------------------------------------------------------------
    @property
    def model_settings(self) -> CopilotSettings:
        if self.settings is None:  # the service always loads settings for a model run
            from report_copilot.settings import load_settings

            self.settings = load_settings()
        return self.settings

    def _prompt(self, name: str) -> Prompt:
        from report_copilot.prompts import load_prompt

        prompt = load_prompt(name, self.model_settings.prompts_dir)
        self.used_prompts[name] = prompt
        return prompt

    def _jobs(self) -> dict[str, Job]:
        refs = all_references(self.report)
        style = self._prompt("style")
        repair = self._prompt("repair")
        jobs: dict[str, Job] = {}
        for key in NARRATIVE_SECTIONS:
            if not needs_model(key, self.report):
                continue
            prompt = self._prompt(key)
            own = data_slice(key, self.report, refs)
            context = prompt_context(key, self.report, own)
            messages = [("system", style.render(context)), ("human", prompt.render(context))]
            ck = cache_key(
                prompts=[style.sha256, prompt.sha256, repair.sha256],
                data={k: [r.text, r.unit, r.label] for k, r in own.items()},
                notes=[text for _, text in messages],
                params=self.model_settings.model_params(),
            )
            jobs[key] = Job(key=key, messages=messages, prompts=[style, prompt], refs=own, cache_key=ck)
        return jobs

    def _from_cache(self, job: Job) -> SectionResult | None:
        cached = self.cache.get(job.cache_key)
        if cached is None:
            return None
        reply = Reply(cached["text"], None, "stop", False)
        paragraphs, problems = review_reply(reply, job.key, job.refs, self.report, self.secrets)
        if problems:
            return None
        self.emit("start", job.key, "", "")
        result = SectionResult(
            key=job.key,
            paragraphs=paragraphs,
            outcome="cached",
            model_text=cached["text"],
            prompts=[p.record() for p in job.prompts],
        )
        self.emit("section_done", job.key, "\n".join(paragraphs), "")
        return result

    async def _model_run(self) -> list[SectionResult]:
        import asyncio

        jobs = self._jobs()
        results: dict[str, SectionResult] = {}
        for key, job in jobs.items():  # the cache first: a fully cached run loads no model client
            hit = self._from_cache(job)
            if hit is not None:
                results[key] = hit
        pending = {key: job for key, job in jobs.items() if key not in results}
        if pending:
            try:
                results.update(await self._run_jobs(pending))
            except asyncio.CancelledError:
                raise DraftCancelled("已取消起草。") from None
        return [results[key] if key in results else self._template_section(key) for key in NARRATIVE_SECTIONS]

    async def _run_jobs(self, jobs: dict[str, Job]) -> dict[str, SectionResult]:
        import asyncio
        import contextlib

        from report_copilot.drafting.llm import disable_tracing, model_session
        from report_copilot.drafting.rate import AdaptiveLimit

        settings = self.model_settings
        self.limit = AdaptiveLimit(settings.concurrency, window=settings.retry_window)
        async with contextlib.AsyncExitStack() as stack:
            model: ChatModel
            if self.chat_model is not None:
                disable_tracing(settings)  # an injected LangChain model: no trace leaves the machine
                model = self.chat_model
            else:
                model = await stack.enter_async_context(model_session(settings))
            tasks = {key: asyncio.create_task(self._one(job, model)) for key, job in jobs.items()}
            watcher = asyncio.create_task(self._watch_cancel(list(tasks.values())))
            try:
                await asyncio.gather(*tasks.values())
            finally:
                watcher.cancel()
            return {key: task.result() for key, task in tasks.items()}

    async def _watch_cancel(self, tasks: list[asyncio.Task[SectionResult]]) -> None:
        import asyncio

        if self.cancel is None:
            return
        while not self.cancel.is_set():
            await asyncio.sleep(0.05)
        for task in tasks:
            task.cancel()

    async def _one(self, job: Job, model: ChatModel) -> SectionResult:
        start = time.perf_counter()
        self.emit("start", job.key, "", "")
        result = await self._draft_unit(job, model)
        result.seconds = round(time.perf_counter() - start, 3)
        result.prompts = [p.record() for p in job.prompts]
        self.emit("section_done", job.key, "\n".join(result.paragraphs), result.message)
        return result

    async def _call(self, job: Job, messages: list[tuple[str, str]], model: ChatModel) -> Reply:
        """One reply, retried while the endpoint is overloaded (within the window) or briefly faulty."""
        import asyncio

        from report_copilot.drafting.llm import classify, stream_reply

        assert self.limit is not None
        settings = self.model_settings
        overloads = transient = 0
        while True:
            if self.unavailable is not None:  # another unit found the endpoint down: do not insist
                raise self.unavailable
            started = await self.limit.acquire()
            streamed = False

            def on_delta(delta: str) -> None:
                nonlocal streamed
                streamed = True
                self.emit("chunk", job.key, delta, "")

            try:
                reply = await stream_reply(
                    model,
                    messages,
                    on_delta,
                    self.cancel,
                    settings.stream,
                    deadline=settings.timeout,
                    max_chars=settings.max_reply_chars,
                )
            except (DraftCancelled, asyncio.CancelledError):
                raise
            except Exception as exc:  # noqa: BLE001 - sorted by `classify`, re-raised as CallFailed
                kind, retry_after = classify(exc)
                if streamed:  # the text shown so far is void: the next attempt starts over
                    self.emit("repair", job.key, "", "连接中断，重新请求")
                if kind == "overload":
                    overloads += 1
                    if self.limit.overloaded(started, retry_after, overloads) > 0:
                        continue
                    raise CallFailed("busy", exc) from None
                if kind == "transient" and transient < settings.max_retries:
                    transient += 1
                    await asyncio.sleep(min(0.5 * 2**transient, 5.0))
                    continue
                failed = CallFailed("unavailable" if kind == "unavailable" else "error", exc)
                if kind == "unavailable":
                    self.unavailable = failed
                raise failed from None
            else:
                self.limit.succeeded()
                return reply
            finally:
                self.limit.release()

    async def _draft_unit(self, job: Job, model: ChatModel) -> SectionResult:
        """Draft, review, repair once; the template text when the unit cannot be drafted."""
        from report_copilot.drafting.llm import as_drafting_error

        name = SECTION_NAMES.get(job.key, job.key)
        usage: dict[str, int] = {}
        attempts = 0
        step = "起草"
        messages = list(job.messages)
        problems: list[str] = []
        last_text = ""
        try:
            for attempts, outcome in ((1, "llm"), (2, "repaired")):
                if problems:  # the first reply failed its checks: one repair round with the findings
                    step = "修改"
                    self.emit("repair", job.key, "", "；".join(problems))
                    repair = self.used_prompts["repair"].render(
                        {"heading": name, "findings": problems, "allowed_keys": list(job.refs) or ["（无）"]}
                    )
                    messages = [*messages, ("ai", last_text), ("human", repair)]
                reply = await self._call(job, messages, model)
                for k, v in (reply.usage or {}).items():
                    usage[k] = usage.get(k, 0) + v
                last_text = redact(strip_hidden(reply.text), self.secrets, known=False)
                paragraphs, problems = review_reply(reply, job.key, job.refs, self.report, self.secrets)
                if not problems:
                    self.cache.put(job.cache_key, text=last_text, outcome=outcome, usage=reply.usage)
                    return SectionResult(
                        key=job.key,
                        paragraphs=paragraphs,
                        outcome="llm" if outcome == "llm" else "repaired",
                        attempts=attempts,
                        usage=usage or None,
                        model_text=last_text,
                    )
            failure: Failure = "checks"
            message = f"“{name}”经一次修改仍未通过核对（{problems[0]}），已改用模板稿"
        except CallFailed as failed:
            failure = failed.failure
            error = as_drafting_error(failed.cause, name, step) or DraftingError(
                f"起草“{name}”（{step}）时出错（{type(failed.cause).__name__}）",
                location=f"section:{job.key}",
            )
            message = redact(f"{error.message}；已改用模板稿", self.secrets, known=False)
        self.emit("fallback", job.key, "", message)
        return SectionResult(
            key=job.key,
            paragraphs=self.template_bodies[job.key],
            outcome="fallback",
            attempts=attempts,
            usage=usage or None,
            message=message,
            failure=failure,
        )
