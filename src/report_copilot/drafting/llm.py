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
import sys
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from report_copilot.drafting.http_chat import EndpointError, HttpChat
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

    ChatModel = BaseChatModel | HttpChat
    """The configured endpoint's client, or an injected LangChain chat model (tests, the TUI)."""

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
async def model_session(settings: CopilotSettings) -> AsyncIterator[HttpChat]:
    """A chat client for the configured endpoint, on an httpx client of the running loop (closed on
    exit: a client that outlives `asyncio.run` breaks the next run)."""
    import httpx

    limits = httpx.Limits(max_connections=max(settings.concurrency, 1) + 2)
    async with httpx.AsyncClient(timeout=settings.timeout, limits=limits, verify=_ssl_context()) as client:
        yield HttpChat(client, settings)


async def list_models(settings: CopilotSettings) -> list[str] | None:
    """The model names the endpoint offers (`GET /models`); None when it offers no list (404/405).

    Raises EndpointError for a refused key or another error status, httpx's errors for the transport.
    """
    import httpx

    base = settings.base_url or "https://api.openai.com/v1"
    headers = {"Authorization": f"Bearer {settings.api_key_value()}"}
    async with httpx.AsyncClient(timeout=min(settings.timeout, 15.0), verify=_ssl_context()) as client:
        response = await client.get(f"{base}/models", headers=headers)
    if response.status_code in (404, 405, 501):
        return None
    if response.status_code >= 400:
        raise EndpointError(response.status_code, response.headers.get("retry-after"))
    try:
        data = response.json().get("data") or []
    except (ValueError, AttributeError):
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
    model: ChatModel,
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
        if isinstance(model, HttpChat):
            return await model.reply(
                messages, stream=stream, on_delta=on_delta, cancel=cancel, max_chars=max_chars
            )
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

    from report_copilot.drafting.rate import parse_retry_after

    chain = _chain(exc)
    if any(isinstance(e, httpx.ConnectError) for e in chain):
        return "unavailable", None
    status, retry_after = _status(chain)
    if any(isinstance(e, TimeoutError | httpx.TimeoutException) for e in chain) or _openai_timeout(chain):
        return "transient", None
    if status in (401, 403, 404):
        return "unavailable", None
    if status in (429, 503):
        return "overload", parse_retry_after(retry_after)
    if status is not None:
        return ("transient" if status >= 500 else "other"), None
    if any(isinstance(e, httpx.TransportError) for e in chain) or _openai_connection(chain):
        return "transient", None
    return "other", None


def _status(chain: list[BaseException]) -> tuple[int | None, str | None]:
    """The HTTP status (and Retry-After) of a failure, from our client or from openai's."""
    for exc in chain:
        if isinstance(exc, EndpointError):
            return exc.status, exc.retry_after
        response = getattr(exc, "response", None)
        status = getattr(exc, "status_code", None)
        if isinstance(status, int) and response is not None:
            return status, response.headers.get("retry-after")
    return None, None


def _openai_timeout(chain: list[BaseException]) -> bool:
    openai = sys.modules.get("openai")  # not imported: the failure cannot be one of its errors
    return openai is not None and any(isinstance(e, openai.APITimeoutError) for e in chain)


def _openai_connection(chain: list[BaseException]) -> bool:
    openai = sys.modules.get("openai")
    return openai is not None and any(isinstance(e, openai.APIConnectionError) for e in chain)


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

    chain = _chain(exc)
    kind, _ = classify(exc)
    status, _ = _status(chain)
    if any(isinstance(e, TimeoutError | httpx.TimeoutException) for e in chain) or _openai_timeout(chain):
        return "模型服务响应超时（在 timeout 时限内没有答完），请稍后重试或在设置中加大 timeout"
    if status == 429:
        return "模型服务在重试时限内一直拒绝请求：调用过于频繁或额度不足（HTTP 429），请稍后重试或加大 retry_window"
    if status in (401, 403):
        return f"模型服务拒绝了 API 密钥（HTTP {status}），请检查 OPENAI_API_KEY 或 COPILOT_API_KEY"
    if status == 404:
        return "模型服务找不到该模型或地址（HTTP 404），请检查 model 和 base_url 设置"
    if status is not None:
        return f"模型服务返回错误（HTTP {status}），请稍后重试"
    if kind in {"unavailable", "transient"}:
        return "无法连接模型服务或连接中断，请检查 base_url 和网络"
    return None


def as_drafting_error(exc: BaseException, section: str, step: str) -> DraftingError | None:
    """A Chinese DraftingError naming the section and step; None if `exc` is not a call failure."""
    text = describe_failure(exc)
    if text is None:
        return None
    return DraftingError(f"起草“{section}”（{step}）时{text}", location=f"section:{section}")
