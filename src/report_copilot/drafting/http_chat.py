"""A minimal OpenAI-compatible chat client over httpx, for the endpoints the settings name.

Why not LangChain's ChatOpenAI here: importing `langchain_openai` and `openai` costs about 2 s of
CPU per run — more than the whole offline draft — while a draft needs one request shape (chat
completions, streamed as server-sent events or not). An injected LangChain chat model (tests, the
TUI) still goes through LangChain (`llm.stream_reply`). Errors come out as `EndpointError` (an HTTP
status, with the server's Retry-After) or httpx's own transport errors; `llm.classify` sorts both.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from report_copilot.drafting.replies import Reply
from report_copilot.errors import DraftCancelled

if TYPE_CHECKING:
    import httpx

    from report_copilot.settings import CopilotSettings

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class EndpointError(Exception):
    """The endpoint answered with an HTTP error status."""

    def __init__(self, status: int, retry_after: str | None = None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


class HttpChat:
    """Chat completions against one endpoint, through an httpx client the caller owns."""

    def __init__(self, client: httpx.AsyncClient, settings: CopilotSettings) -> None:
        self.client = client
        self.settings = settings
        self.model_name = settings.model
        self.url = (settings.base_url or "https://api.openai.com/v1") + "/chat/completions"
        self.headers = {"Authorization": f"Bearer {settings.api_key_value()}"}

    def _payload(self, messages: list[tuple[str, str]], stream: bool) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": self.settings.model,
            "messages": [{"role": _ROLES[role], "content": text} for role, text in messages],
            "temperature": self.settings.temperature,
            "stream": stream,
        }
        if stream and self.settings.stream_usage:
            payload["stream_options"] = {"include_usage": True}
        return payload

    async def reply(
        self,
        messages: list[tuple[str, str]],
        *,
        stream: bool,
        on_delta: Callable[[str], None] | None,
        cancel: threading.Event | None,
        max_chars: int | None,
    ) -> Reply:
        if not stream:
            response = await self.client.post(
                self.url, json=self._payload(messages, False), headers=self.headers
            )
            _raise_for_status(response)
            return _whole(response.json(), on_delta, max_chars)
        request = self.client.build_request(
            "POST", self.url, json=self._payload(messages, True), headers=self.headers
        )
        response = await self.client.send(request, stream=True)
        try:
            if response.status_code >= 400:
                await response.aread()
                _raise_for_status(response)
            return await _streamed(response, on_delta, cancel, max_chars)
        finally:
            await response.aclose()


def _raise_for_status(response: httpx.Response) -> None:
    if response.status_code >= 400:
        raise EndpointError(response.status_code, response.headers.get("retry-after"))


def _usage(data: Any) -> dict[str, int] | None:
    if not isinstance(data, dict):
        return None
    return {k: int(data.get(k) or 0) for k in ("prompt_tokens", "completion_tokens", "total_tokens")}


def _whole(data: Any, on_delta: Callable[[str], None] | None, max_chars: int | None) -> Reply:
    choice = (data.get("choices") or [{}])[0] if isinstance(data, dict) else {}
    text = str((choice.get("message") or {}).get("content") or "")
    finish = choice.get("finish_reason")
    if max_chars is not None and len(text) > max_chars:
        text, finish = text[:max_chars], "length"
    if on_delta is not None and text:
        on_delta(text)
    return Reply(text, _usage(data.get("usage")) if isinstance(data, dict) else None, finish, True)


async def _streamed(
    response: httpx.Response,
    on_delta: Callable[[str], None] | None,
    cancel: threading.Event | None,
    max_chars: int | None,
) -> Reply:
    """Server-sent events: `data: {chunk}` lines until `data: [DONE]` (or the end of the body)."""
    parts: list[str] = []
    chars = 0
    usage: dict[str, int] | None = None
    finish: str | None = None
    async for line in response.aiter_lines():
        if cancel is not None and cancel.is_set():
            raise DraftCancelled("已取消起草。")
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            break
        try:
            chunk = json.loads(data)
        except ValueError:
            continue
        usage = _usage(chunk.get("usage")) or usage
        for choice in chunk.get("choices") or []:
            finish = choice.get("finish_reason") or finish
            delta = str((choice.get("delta") or {}).get("content") or "")
            if not delta:
                continue
            parts.append(delta)
            chars += len(delta)
            if on_delta is not None:
                on_delta(delta)
        if max_chars is not None and chars > max_chars:
            return Reply("".join(parts)[:max_chars], usage, "length", True)
    return Reply("".join(parts), usage, finish, True)
