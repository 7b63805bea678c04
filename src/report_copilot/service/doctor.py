"""`copilot doctor`: is the configured model service usable for drafting? One check per thing that can
be wrong, each with a Chinese verdict a clerk (or the office's IT) can act on.

Checks, in order (later ones are skipped when the service cannot be reached): settings, connection
and key (`GET /models`), model name, a plain reply, a streamed reply, and one short slot-filling
prompt that must come back as a prose sentence keeping its `[[key]]` reference. `exit_code` maps the
result: 0 usable, 1 reachable but a drafting check failed, 3 unreachable / key refused / no such
model (the same code `copilot draft` uses when it could not use the model).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from report_copilot.errors import EXIT_FINDINGS, EXIT_MODEL_UNAVAILABLE, EXIT_OK

if TYPE_CHECKING:
    from report_copilot.drafting.llm import ChatModel, Reply
    from report_copilot.settings import CopilotSettings

__all__ = ["Diagnosis", "DoctorCheck", "diagnose"]

Verdict = Literal["ok", "warning", "failed", "skipped"]

SLOT_KEY = "requests.new.total"
SLOT_PROMPT = (
    "请把下面的内容写成一句规范的中文公文语句：本局本年新收政府信息公开申请 [[requests.new.total]] 件。\n"
    "要求：原样保留 [[requests.new.total]]（两边各两个方括号），不写任何其他数字，不加标题或任何标记，只输出这一句。"
)


class DoctorCheck(BaseModel):
    name: str = Field(description="what was checked, in Chinese")
    verdict: Verdict
    message: str
    seconds: float = 0.0
    unavailable: bool = Field(False, description="a failure that makes the model unusable (exit 3)")


class Diagnosis(BaseModel):
    host: str
    model: str
    checks: list[DoctorCheck] = Field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if any(c.verdict == "failed" and c.unavailable for c in self.checks):
            return EXIT_MODEL_UNAVAILABLE
        if any(c.verdict == "failed" for c in self.checks):
            return EXIT_FINDINGS
        return EXIT_OK


def diagnose(settings: CopilotSettings) -> Diagnosis:
    """Run every check against the endpoint `settings` name (never raises for a failing service)."""
    import asyncio

    return asyncio.run(_diagnose(settings))


async def _diagnose(settings: CopilotSettings) -> Diagnosis:
    from report_copilot.drafting.llm import model_session

    result = Diagnosis(host=settings.endpoint_host(), model=settings.model)
    if not await _connection(settings, result):
        for name in ("普通回复", "流式输出", "填空提示"):
            result.checks.append(DoctorCheck(name=name, verdict="skipped", message="连接未通过，跳过"))
        return result
    async with model_session(settings) as model:
        await _reply(model, settings, result, stream=False)
        await _reply(model, settings, result, stream=True)
    return result


async def _connection(settings: CopilotSettings, result: Diagnosis) -> bool:
    """连接、密钥、模型名称 from the model list; False when nothing further can work."""
    from report_copilot.drafting.llm import classify, describe_failure, list_models

    start = time.perf_counter()
    try:
        models = await list_models(settings)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a verdict
        kind, _ = classify(exc)
        text = describe_failure(exc) or f"检查时出错（{type(exc).__name__}）"
        seconds = round(time.perf_counter() - start, 2)
        refused = "密钥" in text
        result.checks.append(
            DoctorCheck(
                name="密钥" if refused else "连接",
                verdict="failed",
                message=text,
                seconds=seconds,
                unavailable=kind == "unavailable",
            )
        )
        return kind not in {"unavailable"}
    seconds = round(time.perf_counter() - start, 2)
    result.checks.append(
        DoctorCheck(name="连接", verdict="ok", message=f"已连接 {settings.endpoint_host()}", seconds=seconds)
    )
    key = "已设置，服务接受了密钥" if settings.api_key is not None else "未设置（本地服务可不填）"
    result.checks.append(DoctorCheck(name="密钥", verdict="ok", message=key))
    if models is None:
        result.checks.append(
            DoctorCheck(name="模型名称", verdict="warning", message="服务不提供模型列表，将在调用时确认")
        )
    elif settings.model in models:
        result.checks.append(
            DoctorCheck(name="模型名称", verdict="ok", message=f"服务上有模型 {settings.model}")
        )
    else:
        offered = "、".join(models[:10]) or "（无）"
        result.checks.append(
            DoctorCheck(
                name="模型名称",
                verdict="failed",
                message=f"服务上没有模型 {settings.model}；可用的有：{offered}（用 --model 或设置 model 指定）",
                unavailable=True,
            )
        )
        return False
    return True


async def _reply(model: ChatModel, settings: CopilotSettings, result: Diagnosis, *, stream: bool) -> None:
    """A plain reply (non-streamed) or the slot-filling sentence (streamed), checked like a section."""
    from report_copilot.drafting.llm import stream_reply

    name = "流式输出" if stream else "普通回复"
    prompt = SLOT_PROMPT if stream else "请只回复两个字：收到"
    start = time.perf_counter()
    chunks = 0

    def count(_: str) -> None:
        nonlocal chunks
        chunks += 1

    try:
        reply = await stream_reply(
            model, [("human", prompt)], count, None, stream, deadline=settings.timeout, max_chars=2000
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes a verdict
        result.checks.extend(_call_failed(exc, name, start, stream=stream))
        return
    seconds = round(time.perf_counter() - start, 2)
    ended = reply.finish_reason in (None, "stop")
    if not stream:
        verdict: Verdict = "ok" if reply.text.strip() and ended else "failed"
        message = (
            f"收到回复（{len(reply.text)} 字）"
            if verdict == "ok"
            else f"回复为空或未正常结束（{reply.finish_reason}）"
        )
        result.checks.append(DoctorCheck(name=name, verdict=verdict, message=message, seconds=seconds))
        return
    usage = "，服务返回了用量" if reply.usage else "，服务未返回用量（可在设置中写 stream_usage = false）"
    result.checks.append(
        DoctorCheck(
            name=name,
            verdict="ok" if chunks > 1 and ended else "warning",
            message=f"分 {chunks} 段收到回复{usage}"
            if chunks > 1
            else "回复没有分段到达（服务可能不真正流式输出）",
            seconds=seconds,
        )
    )
    result.checks.append(_slot_check(reply, ended))


def _call_failed(exc: Exception, name: str, start: float, *, stream: bool) -> list[DoctorCheck]:
    """The failed call's verdict (and, streamed, the slot-filling check it makes impossible)."""
    from report_copilot.drafting.llm import classify, describe_failure

    kind, _ = classify(exc)
    text = describe_failure(exc) or f"调用时出错（{type(exc).__name__}）"
    if stream:
        text += "；如服务不支持流式输出，可在设置中写 stream = false"
    checks = [
        DoctorCheck(
            name=name,
            verdict="failed",
            message=text,
            seconds=round(time.perf_counter() - start, 2),
            unavailable=kind == "unavailable",
        )
    ]
    if stream:
        checks.append(DoctorCheck(name="填空提示", verdict="skipped", message="流式输出未通过，跳过"))
    return checks


def _slot_check(reply: Reply, ended: bool) -> DoctorCheck:
    """The slot-filling sentence must come back as clean prose keeping its one `[[key]]` reference."""
    from report_copilot.drafting.replies import REF_PATTERN, markup_problems
    from report_copilot.model.hygiene import strip_hidden

    text = strip_hidden(reply.text).strip()
    problems = markup_problems(text)
    if [m.group(1) for m in REF_PATTERN.finditer(text)] != [SLOT_KEY]:
        problems.append("没有原样保留 [[requests.new.total]] 引用")
    if not ended:
        problems.append(f"回复没有正常结束（{reply.finish_reason}）")
    verdict: Verdict = "ok" if not problems else "failed"
    message = f"回复：{text[:60]}" if not problems else "；".join(problems) + f"。回复：{text[:60]}"
    return DoctorCheck(name="填空提示", verdict=verdict, message=message)
