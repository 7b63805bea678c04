"""The drafting chain: per narrative unit, draft → substitute references → check → repair once → fall back.

With the template backend every unit comes from `TemplateDrafter`. With a model, the units are
drafted concurrently (an asyncio semaphore bounds the requests in flight) and streamed; each unit is
checked as soon as its reply is complete: the model writes figures as `[[key]]` references to the
unit's data slice, the references are replaced by their values, and the number checker reads the
result. On error verdicts (or an unusable reply: empty, truncated, not Chinese, an unknown
reference) the findings go back to the model once through the `repair` prompt; if the unit is still
wrong — or the call itself failed (timeout, 429, 5xx, connection) — the unit falls back to the
template drafter and says why. The template text is what would have been written offline, so the
draft never contains an unchecked model number.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from report_copilot.checks.findings import Finding
from report_copilot.drafting.base import (
    NARRATIVE_SECTIONS,
    NOTES_OF_SECTION,
    SECTION_NAMES,
    SectionResult,
    assemble,
    clause,
    date_text,
    short_name,
)
from report_copilot.drafting.cache import SectionCache, cache_key
from report_copilot.drafting.template import TemplateDrafter
from report_copilot.errors import DraftCancelled, DraftingError
from report_copilot.model.draft import SECTION_HEADINGS, Draft
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase

if TYPE_CHECKING:
    import asyncio

    from langchain_core.language_models import BaseChatModel

    from report_copilot.drafting.llm import Reply
    from report_copilot.prompts import Prompt
    from report_copilot.settings import CopilotSettings

EventSink = Callable[[str, str, str, str], None]
"""(kind, section, text, message) → None; the service turns it into DraftEvent."""

REF_PATTERN = re.compile(r"\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FENCE = re.compile(r"^```.*$", re.MULTILINE)
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*]\s+|>\s+)")
_HEADING_LINE = re.compile(r"^\s*(?:[一二三四五六]、|（[一二三四五]）)\S{0,20}$")
_FORBIDDEN_WORDS = ("我们", "您")


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


# ---------------------------------------------------------------- references and data slices


def all_references(report: ReportBase) -> dict[str, Reference]:
    """Every figure prose may quote (cells, facts, derived values, rates, year-on-year)."""
    from report_copilot.checks.derived import references

    return references(report)


def _fact_home(report: ReportBase, fact_id: str) -> str:
    fact = report.fact(fact_id)
    if fact is None:
        return ""
    return fact.section or fact.id.split(".", 1)[0]


_FACT_SECTIONS = {
    "overview.active_disclosure": {"active_disclosure", "active"},
    "overview.on_request": {"on_request", "requests"},
    "overview.information_management": {"information_management", "management"},
    "overview.platforms": {"platforms", "platform"},
    "overview.oversight": {"oversight", "supervision"},
    "problems": {"problems"},
}


_SUMMARY_ROWS = ("new", "carried_over", "total", "carried_forward")
_OUTCOME_GROUPS = ("granted_or_partial", "denied", "unavailable", "not_processed", "other")


def _wanted(section: str, key: str, report: ReportBase) -> bool:
    """Whether a reference belongs to a unit's data slice: the figures that unit's prose quotes."""
    if key.startswith("fact."):
        home = _fact_home(report, key[5:])
        if section == "overview":
            return home in {"", "overview"} or home in _FACT_SECTIONS["overview.active_disclosure"]
        return home in _FACT_SECTIONS.get(section, set())
    parts = key.split(".")
    if section == "overview":
        return key in {
            "requests.new.total",
            "requests.total.total",
            "requests.carried_forward.total",
            "appeals.review.total",
            "derived.appeals.litigation.total",
            "yoy.requests.new.total.diff",
            "yoy.requests.new.total.pct",
        }
    if section == "overview.active_disclosure":
        return key.startswith("active.") or (key.startswith("yoy.active.") and parts[-1] == "diff")
    if section == "overview.on_request":
        return (
            key in {f"requests.{row}.total" for row in (*_SUMMARY_ROWS, "granted", "partially_granted")}
            or key in {"requests.new.natural_person", "derived.requests.new.legal_persons"}
            or key in {f"derived.requests.{g}.total" for g in _OUTCOME_GROUPS}
            or key in {f"rate.requests.{g}.total" for g in (*_OUTCOME_GROUPS, "granted", "partially_granted")}
            or key
            in {"yoy.requests.new.total.diff", "yoy.requests.new.total.pct", "yoy.requests.total.total.diff"}
            or key.startswith(("appeals.review.", "derived.appeals.litigation."))
            or key in {"appeals.direct_suit.total", "appeals.suit_after_review.total"}
        )
    if section == "problems":
        return key in {
            "appeals.review.corrected",
            "appeals.review.total",
            "derived.appeals.litigation.corrected",
            "derived.appeals.litigation.total",
        }
    return False


def quotable(ref: Reference, report: ReportBase, section: str) -> bool:
    """Whether `label + value + unit` of a reference binds back to it in this unit: only such
    references are offered to a model, so a faithful sentence always passes the checker."""
    from report_copilot.checks.prose import check_text

    result = check_text(f"{short_name(report)}{ref.phrase()}。", report, section)
    claims = [m for m in result.mentions if m.verdict != "exempt"]
    return result.ok and len(claims) == 1 and claims[0].verdict == "bound"


def data_slice(section: str, report: ReportBase, refs: dict[str, Reference]) -> dict[str, Reference]:
    """The references a unit may quote: its own figures, non-zero changes, and only ones that bind back."""
    out: dict[str, Reference] = {}
    for key, ref in refs.items():
        if not _wanted(section, key, report):
            continue
        if key.startswith("yoy.") and not ref.value:
            continue
        if quotable(ref, report, section):
            out[key] = ref
    return out


# ---------------------------------------------------------------- prompts and their variables


def prompt_context(section: str, report: ReportBase, refs: dict[str, Reference]) -> dict[str, Any]:
    """Every variable any prompt may declare; `Prompt.render` passes on only the declared ones."""
    meta, fmt = report.meta, report.format
    notes_field = NOTES_OF_SECTION.get(section)
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
        "heading": SECTION_NAMES.get(section, section),
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


def needs_model(section: str, report: ReportBase) -> bool:
    """六's other matters come only from notes: without notes there is nothing for a model to write."""
    if section == "other":
        return bool([n for n in report.notes.other_matters if clause(n)])
    return True


# ---------------------------------------------------------------- the reply → checked paragraphs


def clean_reply(text: str, section: str) -> list[str]:
    """Paragraphs of a reply without Markdown, fences, and repeated headings."""
    heading = SECTION_HEADINGS.get(section, "")
    out = []
    for raw in _FENCE.sub("", text).splitlines():
        line = _MD_PREFIX.sub("", raw).replace("**", "").strip()
        if not line or line == heading or _HEADING_LINE.match(line):
            continue
        out.append(line)
    return out


def substitute(paragraphs: list[str], refs: dict[str, Reference]) -> tuple[list[str], list[str]]:
    """References replaced by their values; unknown references are reported, never guessed."""
    unknown: list[str] = []

    def value(m: re.Match[str]) -> str:
        ref = refs.get(m.group(1))
        if ref is None:
            unknown.append(m.group(1))
            return m.group(0)
        return ref.text

    return [REF_PATTERN.sub(value, p) for p in paragraphs], unknown


def check_paragraphs(paragraphs: list[str], report: ReportBase, section: str | None = None) -> list[str]:
    """Error verdicts of the number checker, as lines for the repair prompt."""
    from report_copilot.checks.prose import check_text

    problems: list[str] = []
    for paragraph in paragraphs:
        result = check_text(paragraph, report, section)
        if result.ok:
            continue
        for finding in result.findings:
            if finding.severity == "error":
                problems.append(finding.message)
    return problems


def review_reply(
    reply: Reply, section: str, refs: dict[str, Reference], report: ReportBase
) -> tuple[list[str], list[str]]:
    """(paragraphs with values, problems); no problems means the unit may be used as is."""
    if reply.finish_reason == "length" or (reply.from_openai and reply.finish_reason is None):
        return [], ["回复不完整（输出被截断），请完整重写"]
    paragraphs = clean_reply(reply.text, section)
    if not paragraphs:
        return [], ["回复为空，请按要求写出正文"]
    body = "".join(paragraphs)
    if len(_CJK.findall(body)) < max(8, len(REF_PATTERN.sub("", body)) * 0.3):
        return [], ["回复不是中文公文正文，请用规范的中文公文语体重写"]
    problems: list[str] = []
    filled, unknown = substitute(paragraphs, refs)
    if unknown:
        allowed = "、".join(refs) or "（本部分没有可引用的数据，不写统计数字）"
        problems.append(f"引用了数据清单中没有的键：{'、'.join(sorted(set(unknown)))}；可用的键：{allowed}")
    for word in _FORBIDDEN_WORDS:
        if word in body:
            problems.append(f"用了“{word}”：机关自称应为“{short_name(report)}”，不用“我们”“您”")
    if problems:
        return filled, problems
    return filled, check_paragraphs(filled, report, section)


# ---------------------------------------------------------------- the run


class Pipeline:
    """One draft run over one report."""

    def __init__(
        self,
        report: ReportBase,
        *,
        backend: str,
        settings: CopilotSettings | None,
        chat_model: BaseChatModel | None = None,
        cache: SectionCache | None = None,
        emit: EventSink | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.report = report
        self.backend = backend
        self.settings = settings
        self.chat_model = chat_model
        self.cache = cache or SectionCache(enabled=False)
        self.emit: EventSink = emit or (lambda *_: None)
        self.cancel = cancel
        self.template = TemplateDrafter(report)
        self.template_bodies: dict[str, list[str]] = {}
        self.template_seconds: dict[str, float] = {}
        for key in NARRATIVE_SECTIONS:
            start = time.perf_counter()
            self.template_bodies[key] = self.template.section(key)
            self.template_seconds[key] = round(time.perf_counter() - start, 4)
        self.used_prompts: dict[str, Prompt] = {}

    def run(self) -> PipelineResult:
        start = time.perf_counter()
        if self.backend == "template":
            sections = self._template_run()
        else:
            sections = self._model_run()
        bodies = {s.key: s.paragraphs for s in sections}
        draft = assemble(self.report, bodies, self.template.fixed())
        return PipelineResult(
            draft=draft,
            sections=sections,
            warnings=list(self.template.warnings),
            prompts=list(self.used_prompts.values()),
            seconds=time.perf_counter() - start,
        )

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def _template_run(self) -> list[SectionResult]:
        out = []
        for key in NARRATIVE_SECTIONS:
            if self._cancelled():
                raise DraftCancelled("已取消起草。")
            self.emit("start", key, "", "")
            result = SectionResult(
                key=key,
                paragraphs=self.template_bodies[key],
                outcome="template",
                seconds=self.template_seconds[key],
            )
            self.emit("section_done", key, "\n".join(result.paragraphs), "")
            out.append(result)
        return out

    # -- model backend ---------------------------------------------------------------------------
    def _prompt(self, name: str) -> Prompt:
        from report_copilot.prompts import load_prompt

        prompt = load_prompt(name, self.model_settings.prompts_dir)
        self.used_prompts[name] = prompt
        return prompt

    def _jobs(self) -> dict[str, Job]:
        refs = all_references(self.report)
        style = self._prompt("style")
        self._prompt("repair")
        jobs: dict[str, Job] = {}
        for key in NARRATIVE_SECTIONS:
            if not needs_model(key, self.report):
                continue
            prompt = self._prompt(key)
            own = data_slice(key, self.report, refs)
            context = prompt_context(key, self.report, own)
            messages = [("system", style.render(context)), ("human", prompt.render(context))]
            ck = cache_key(
                prompts=[style.sha256, prompt.sha256, self.used_prompts["repair"].sha256],
                data={k: [r.text, r.unit, r.label] for k, r in own.items()},
                notes=[text for _, text in messages],
                params=self.model_settings.model_params(),
            )
            jobs[key] = Job(key=key, messages=messages, prompts=[style, prompt], refs=own, cache_key=ck)
        return jobs

    @property
    def model_settings(self) -> CopilotSettings:
        if self.settings is None:  # the service always loads settings for a model run
            from report_copilot.settings import load_settings

            self.settings = load_settings()
        return self.settings

    def _model_run(self) -> list[SectionResult]:
        import asyncio

        jobs = self._jobs()
        try:
            results = _run_async(self._run_jobs(jobs))
        except asyncio.CancelledError:
            raise DraftCancelled("已取消起草。") from None
        out = []
        for key in NARRATIVE_SECTIONS:
            if key in results:
                out.append(results[key])
            else:
                self.emit("start", key, "", "")
                result = SectionResult(key=key, paragraphs=self.template_bodies[key], outcome="template")
                self.emit("section_done", key, "\n".join(result.paragraphs), "")
                out.append(result)
        return out

    async def _run_jobs(self, jobs: dict[str, Job]) -> dict[str, SectionResult]:
        import asyncio
        import contextlib

        from report_copilot.drafting.llm import model_session

        semaphore = asyncio.Semaphore(self.model_settings.concurrency)
        async with contextlib.AsyncExitStack() as stack:
            model = self.chat_model
            if model is None:
                model = await stack.enter_async_context(model_session(self.model_settings))
            tasks = {key: asyncio.create_task(self._one(job, model, semaphore)) for key, job in jobs.items()}
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

    async def _one(self, job: Job, model: BaseChatModel, semaphore: asyncio.Semaphore) -> SectionResult:
        async with semaphore:
            start = time.perf_counter()
            self.emit("start", job.key, "", "")
            result = await self._draft_unit(job, model)
            result.seconds = round(time.perf_counter() - start, 3)
            result.prompts = [p.record() for p in job.prompts]
            self.emit("section_done", job.key, "\n".join(result.paragraphs), result.message)
            return result

    async def _draft_unit(self, job: Job, model: BaseChatModel) -> SectionResult:
        import asyncio

        from report_copilot.drafting.llm import Reply, as_drafting_error, stream_reply

        name = SECTION_NAMES.get(job.key, job.key)
        cached = self.cache.get(job.cache_key)
        if cached is not None:
            paragraphs, problems = review_reply(
                Reply(cached["text"], None, "stop", False), job.key, job.refs, self.report
            )
            if not problems:
                return SectionResult(
                    key=job.key, paragraphs=paragraphs, outcome="cached", model_text=cached["text"]
                )

        usage: dict[str, int] = {}
        attempts = 0
        step = "起草"

        def add_usage(reply: Reply) -> None:
            for k, v in (reply.usage or {}).items():
                usage[k] = usage.get(k, 0) + v

        def on_delta(delta: str) -> None:
            self.emit("chunk", job.key, delta, "")

        try:
            messages = list(job.messages)
            problems = []
            last_text = ""
            for attempts, outcome in ((1, "llm"), (2, "repaired")):
                if problems:  # the first reply failed its checks: one repair round with the findings
                    step = "修改"
                    self.emit("repair", job.key, "", "；".join(problems))
                    repair = self.used_prompts["repair"].render(
                        {"heading": name, "findings": problems, "allowed_keys": list(job.refs) or ["（无）"]}
                    )
                    messages = [*messages, ("ai", last_text), ("human", repair)]
                reply = await stream_reply(model, messages, on_delta, self.cancel, self.model_settings.stream)
                add_usage(reply)
                last_text = reply.text
                paragraphs, problems = review_reply(reply, job.key, job.refs, self.report)
                if not problems:
                    self.cache.put(job.cache_key, text=reply.text, outcome=outcome, usage=reply.usage)
                    return SectionResult(
                        key=job.key,
                        paragraphs=paragraphs,
                        outcome=outcome,
                        attempts=attempts,
                        usage=usage or None,
                        model_text=reply.text,
                    )
            message = f"“{name}”经一次修改仍未通过核对（{problems[0]}），已改用模板稿"
        except (DraftCancelled, asyncio.CancelledError):
            raise
        except Exception as exc:  # noqa: BLE001 - any failure of one unit falls back, the run goes on
            error = as_drafting_error(exc, name, step) or DraftingError(
                f"起草“{name}”（{step}）时出错（{type(exc).__name__}）", location=f"section:{job.key}"
            )
            message = f"{error.message}；已改用模板稿"
            self.emit("error", job.key, "", error.message)
        self.emit("fallback", job.key, "", message)
        return SectionResult(
            key=job.key,
            paragraphs=self.template_bodies[job.key],
            outcome="fallback",
            attempts=attempts,
            usage=usage or None,
            message=message,
        )


def _run_async(coro: Any) -> Any:
    """Run a coroutine to completion from sync code, even when this thread already runs a loop."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="copilot-draft")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]
