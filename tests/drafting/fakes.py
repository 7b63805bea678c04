"""A deterministic LangChain chat model for concurrent drafting tests: it answers by prompt content.

`FakeListChatModel` pairs replies with calls in call order, which `abatch`/concurrent streams do not
preserve; this model picks its reply from the request itself: the first scripted reply whose `match`
occurs in the messages (used once), else what a cooperative model writes (`well_behaved`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from tests.stub_openai import well_behaved


class ScriptedChatModel(BaseChatModel):
    script: list[tuple[str | None, str]] = Field(default_factory=list)
    """(match, reply) pairs, each used once, first match wins."""
    prompts: list[str] = Field(default_factory=list)
    """The human messages received, in call order."""

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def _reply(self, messages: list[BaseMessage]) -> str:
        text = "\n".join(str(m.content) for m in messages)
        self.prompts.append(text)
        for i, (match, reply) in enumerate(self.script):
            if match is None or match in text:
                del self.script[i]
                return reply
        as_dicts = [{"role": "user" if m.type == "human" else m.type, "content": m.content} for m in messages]
        # the repair prompt has no reference list of its own: answer from the first request
        return well_behaved(as_dicts[:2])

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._reply(messages)))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        reply = self._reply(messages)
        for i in range(0, len(reply), 5):
            yield ChatGenerationChunk(message=AIMessageChunk(content=reply[i : i + 5]))

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        reply = self._reply(messages)
        for i in range(0, max(len(reply), 1), 5):
            yield ChatGenerationChunk(message=AIMessageChunk(content=reply[i : i + 5]))
