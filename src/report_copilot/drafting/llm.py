"""The model seam: the ONLY module that imports LangChain, openai or httpx — always inside functions.

`model_session` builds a `ChatOpenAI` for any OpenAI-compatible endpoint from the settings, with an
httpx client owned by the current event loop (LangChain's shared default client outlives
`asyncio.run` and breaks the next run), explicit timeout and retries (the library defaults are 600 s
and 2), and LangSmith tracing forced off unless the user opted in. `stream_reply` streams one reply,
reports each text delta, and returns the text with the server's token usage. `as_drafting_error`
turns the openai/httpx failures into a `DraftingError` whose Chinese message names the section and
the step; nothing of the request (and never the key) goes into it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from report_copilot.errors import DraftCancelled, DraftingError
from report_copilot.settings import CopilotSettings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

Message = tuple[str, str]
"""(role, text) with role one of system, human, ai."""


@dataclass
class Reply:
    text: str
    usage: dict[str, int] | None
    finish_reason: str | None
    from_openai: bool


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
            "max_retries": settings.max_retries,
            "stream_usage": settings.stream_usage,
            "http_async_client": client,
        }
        if settings.base_url:
            kwargs["base_url"] = settings.base_url
        yield ChatOpenAI(**kwargs)


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
) -> Reply:
    """Stream one reply; empty chunks (role, finish, usage) are skipped for `on_delta` but merged."""
    merged: Any = None
    if not stream:
        merged = await model.ainvoke(to_messages(messages))
        if on_delta is not None and _text_of(merged.content):
            on_delta(_text_of(merged.content))
        return _reply_of(merged)
    async for chunk in model.astream(to_messages(messages)):
        if cancel is not None and cancel.is_set():
            raise DraftCancelled("已取消起草。")
        merged = chunk if merged is None else merged + chunk
        delta = _text_of(chunk.content)
        if delta and on_delta is not None:
            on_delta(delta)
    return _reply_of(merged)


def _reply_of(merged: Any) -> Reply:
    if merged is None:
        return Reply("", None, None, False)
    meta = getattr(merged, "response_metadata", {}) or {}
    usage_meta = getattr(merged, "usage_metadata", None)
    usage = None
    if usage_meta:
        usage = {
            "prompt_tokens": int(usage_meta.get("input_tokens", 0)),
            "completion_tokens": int(usage_meta.get("output_tokens", 0)),
            "total_tokens": int(usage_meta.get("total_tokens", 0)),
        }
    return Reply(
        text=_text_of(merged.content),
        usage=usage,
        finish_reason=meta.get("finish_reason"),
        from_openai=meta.get("model_provider") == "openai" or "model_name" in meta,
    )


def as_drafting_error(exc: BaseException, section: str, step: str) -> DraftingError | None:
    """A Chinese DraftingError for a transport or service failure; None if `exc` is not one."""
    try:
        import httpx
        import openai
    except ImportError:  # pragma: no cover - both are dependencies
        return None
    where = f"起草“{section}”（{step}）时"
    if isinstance(exc, openai.APITimeoutError):
        text = f"{where}模型服务响应超时，请稍后重试或在设置中加大 timeout"
    elif isinstance(exc, openai.RateLimitError):
        text = f"{where}模型服务拒绝了请求：调用过于频繁或额度不足（HTTP 429），请稍后重试或降低 concurrency"
    elif isinstance(exc, openai.AuthenticationError):
        text = f"{where}模型服务拒绝了 API 密钥（HTTP 401），请检查 OPENAI_API_KEY 或 COPILOT_API_KEY"
    elif isinstance(exc, openai.NotFoundError):
        text = f"{where}模型服务找不到该模型或地址（HTTP 404），请检查 model 和 base_url 设置"
    elif isinstance(exc, openai.APIStatusError):
        text = f"{where}模型服务返回错误（HTTP {exc.status_code}），请稍后重试"
    elif isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        text = f"{where}无法连接模型服务或连接中断，请检查 base_url 和网络"
    else:
        return None
    return DraftingError(text, location=f"section:{section}")
