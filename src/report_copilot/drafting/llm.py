"""The model seam: the ONLY module that imports LangChain, openai or httpx — always inside functions.

`model_session` builds a `ChatOpenAI` for any OpenAI-compatible endpoint from the settings, with an
httpx client owned by the current event loop (LangChain's shared default client outlives
`asyncio.run` and breaks the next run), an explicit read timeout, no retries of its own (the pipeline
retries: overload by time, other faults by count — see `drafting.rate`), and LangSmith tracing forced
off unless the user opted in. `stream_reply` streams one reply within an overall deadline and a
length cap, reports each text delta, and returns the text with the server's token usage and
finish reason. `classify` sorts a failure into unavailable / overload / transient / other;
`as_drafting_error` turns it into a `DraftingError` whose Chinese message names the section and the
step; nothing of the request (and never the key) goes into it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from report_copilot.drafting.replies import Reply
from report_copilot.errors import DraftCancelled, DraftingError
from report_copilot.settings import CopilotSettings

__all__ = [
    "Message",
    "Reply",
    "as_drafting_error",
    "classify",
    "describe_failure",
    "list_models",
    "model_session",
    "stream_reply",
]

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

Message = tuple[str, str]
"""(role, text) with role one of system, human, ai."""


FailureKind = Literal["unavailable", "overload", "transient", "other"]


def disable_tracing(settings: CopilotSettings) -> None:
    """LangSmith off unless opted in: a stray LANGSMITH_TRACING=true makes every call reach the cloud."""
    if settings.langsmith_tracing:
        return
    os.environ["LANGSMITH_TRACING"] = "false"
    os.environ["LANGCHAIN_TRACING_V2"] = "false"


@asynccontextmanager
async def model_session(settings: CopilotSettings) -> AsyncIterator[BaseChatModel]:
    """A ChatOpenAI bound to an httpx client of the running loop, closed on exit."""
    import httpx
    from langchain_openai import ChatOpenAI

    disable_tracing(settings)
    limits = httpx.Limits(max_connections=max(settings.concurrency, 1) + 2)
    async with httpx.AsyncClient(timeout=settings.timeout, limits=limits, verify=_ssl_context()) as client:
        kwargs: dict[str, Any] = {
            "model": settings.model,
            "api_key": settings.api_key_value(),
            "temperature": settings.temperature,
            "timeout": settings.timeout,
            "max_retries": 0,
            "stream_usage": settings.stream_usage,
            "http_async_client": client,
        }
        if settings.base_url:
            kwargs["base_url"] = settings.base_url
        yield ChatOpenAI(**kwargs)


async def list_models(settings: CopilotSettings) -> list[str] | None:
    """The model names the endpoint offers (`GET /models`); None when it offers no list (404/405).

    Raises what the openai client would raise for a refused key or an unreachable host.
    """
    import httpx
    import openai

    base = settings.base_url or "https://api.openai.com/v1"
    headers = {"Authorization": f"Bearer {settings.api_key_value()}"}
    async with httpx.AsyncClient(timeout=min(settings.timeout, 15.0), verify=_ssl_context()) as client:
        try:
            response = await client.get(f"{base}/models", headers=headers)
        except httpx.ConnectError as exc:
            raise openai.APIConnectionError(request=exc.request) from exc
    if response.status_code in (404, 405, 501):
        return None
    if response.status_code in (401, 403):
        kind = openai.AuthenticationError if response.status_code == 401 else openai.PermissionDeniedError
        raise kind("refused", response=response, body=None)
    if response.status_code >= 400:
        raise openai.APIStatusError("error", response=response, body=None)
    try:
        data = response.json().get("data") or []
    except ValueError:
        return None
    return [str(m.get("id")) for m in data if isinstance(m, dict) and m.get("id")]


@cache
def _ssl_context() -> Any:
    """httpx's default verifying context, built once: building it costs ~30 ms per client."""
    import httpx

    return httpx.create_ssl_context()


def to_messages(messages: list[Message]) -> list[BaseMessage]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "human": HumanMessage, "ai": AIMessage}
    return [kinds[role](content=text) for role, text in messages]


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(
            part.get("text", "") if isinstance(part, dict) else str(part)
            for part in content
            if not isinstance(part, dict) or part.get("type", "text") == "text"
        )
    return ""


async def stream_reply(
    model: BaseChatModel,
    messages: list[Message],
    on_delta: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
    stream: bool = True,
    *,
    deadline: float | None = None,
    max_chars: int | None = None,
) -> Reply:
    """One reply, finished within `deadline` seconds (TimeoutError otherwise) and cut at `max_chars`.

    A reply cut at the cap comes back with finish_reason "length", so it is a failed attempt; chunks
    without text (role, finish, usage) are skipped for `on_delta` but their metadata is kept.
    """
    import asyncio

    async with asyncio.timeout(deadline):
        if not stream:
            merged = await model.ainvoke(to_messages(messages))
            reply = _reply_of(merged)
            if max_chars is not None and len(reply.text) > max_chars:
                reply = Reply(reply.text[:max_chars], reply.usage, "length", True)
            if on_delta is not None and reply.text:
                on_delta(reply.text)
            return reply
        parts: list[str] = []
        chars = 0
        usage: dict[str, int] | None = None
        finish: str | None = None
        from_openai = False
        async for chunk in model.astream(to_messages(messages)):
            if cancel is not None and cancel.is_set():
                raise DraftCancelled("已取消起草。")
            # The text is joined once at the end: adding LangChain chunks costs ~1 ms each.
            delta = _text_of(chunk.content)
            if delta:
                parts.append(delta)
                chars += len(delta)
                if on_delta is not None:
                    on_delta(delta)
            usage = _usage_of(chunk) or usage
            meta = chunk.response_metadata or {}
            finish = meta.get("finish_reason") or finish
            from_openai = from_openai or _is_openai(meta)
            if max_chars is not None and chars > max_chars:
                return Reply("".join(parts)[:max_chars], usage, "length", True)
        return Reply("".join(parts), usage, finish, from_openai)


def _usage_of(message: Any) -> dict[str, int] | None:
    usage_meta = getattr(message, "usage_metadata", None)
    if not usage_meta:
        return None
    return {
        "prompt_tokens": int(usage_meta.get("input_tokens", 0)),
        "completion_tokens": int(usage_meta.get("output_tokens", 0)),
        "total_tokens": int(usage_meta.get("total_tokens", 0)),
    }


def _is_openai(meta: dict[str, Any]) -> bool:
    return meta.get("model_provider") == "openai" or "model_name" in meta


def _reply_of(message: Any) -> Reply:
    if message is None:
        return Reply("", None, None, False)
    meta = getattr(message, "response_metadata", {}) or {}
    return Reply(
        text=_text_of(message.content),
        usage=_usage_of(message),
        finish_reason=meta.get("finish_reason"),
        from_openai=_is_openai(meta),
    )


def classify(exc: BaseException) -> tuple[FailureKind, float | None]:
    """What a failed call means for the run, and the server's Retry-After (seconds) when it gave one.

    unavailable: the endpoint cannot be reached, refuses the key or lacks the model (the draft exits 3);
    overload: 429/503, retried within the run's retry window; transient: timeouts, other 5xx and
    dropped connections, retried `max_retries` times; other: anything else, not retried.
    """
    import httpx
    import openai

    from report_copilot.drafting.rate import parse_retry_after

    chain = _chain(exc)
    if any(isinstance(e, httpx.ConnectError) for e in chain):
        return "unavailable", None
    exc = next((e for e in chain if isinstance(e, openai.OpenAIError | httpx.HTTPError)), exc)
    if isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
        return "transient", None
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError | openai.NotFoundError):
        return "unavailable", None
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code in (429, 503):
            return "overload", parse_retry_after(exc.response.headers.get("retry-after"))
        return ("transient" if exc.status_code >= 500 else "other"), None
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return "transient", None
    return "other", None


def _chain(exc: BaseException) -> list[BaseException]:
    """`exc` and its causes (LangChain wraps openai's errors, which wrap httpx's)."""
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in out and len(out) < 8:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def describe_failure(exc: BaseException) -> str | None:
    """What went wrong with a call, in Chinese, without anything of the request; None if not a
    transport or service failure."""
    import httpx
    import openai

    exc = next((e for e in _chain(exc) if isinstance(e, openai.OpenAIError | httpx.HTTPError)), exc)
    if isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
        return "模型服务响应超时（在 timeout 时限内没有答完），请稍后重试或在设置中加大 timeout"
    if isinstance(exc, openai.RateLimitError):
        return "模型服务在重试时限内一直拒绝请求：调用过于频繁或额度不足（HTTP 429），请稍后重试或加大 retry_window"
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return f"模型服务拒绝了 API 密钥（HTTP {exc.status_code}），请检查 OPENAI_API_KEY 或 COPILOT_API_KEY"
    if isinstance(exc, openai.NotFoundError):
        return "模型服务找不到该模型或地址（HTTP 404），请检查 model 和 base_url 设置"
    if isinstance(exc, openai.APIStatusError):
        return f"模型服务返回错误（HTTP {exc.status_code}），请稍后重试"
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return "无法连接模型服务或连接中断，请检查 base_url 和网络"
    return None


def as_drafting_error(exc: BaseException, section: str, step: str) -> DraftingError | None:
    """A Chinese DraftingError naming the section and step; None if `exc` is not a call failure."""
    text = describe_failure(exc)
    if text is None:
        return None
    return DraftingError(f"起草“{section}”（{step}）时{text}", location=f"section:{section}")
