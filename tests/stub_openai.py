"""A local OpenAI-compatible chat server for tests and benchmarks: real HTTP, scripted replies and faults.

`POST /v1/chat/completions` answers as OpenAI does, as JSON or as a server-sent-event stream
(`"stream": true`, with a usage chunk when `stream_options.include_usage` is set). By default it plays
a well-behaved model: it reads the reference list of the prompt (`- [[key]] = label = value unit`)
and writes one sentence per reference, quoting the reference, so numbers are right by
construction. Tests script faults with `enqueue(Reply(...), match=...)`: the first queued reply whose
`match` occurs in the request's messages is used once, before the default. It listens on
127.0.0.1:0 only.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

FaultKind = Literal["normal", "status", "timeout", "truncated"]

REF_LINE = re.compile(r"^- \[\[([^\]]+)\]\] = (.+?) = (.+)$", re.MULTILINE)


@dataclass
class Reply:
    """One scripted answer.

    kind: normal (content as given, streamed or not as asked), status (an HTTP error with `status`
    and `headers`), timeout (sleep `delay` seconds before answering normally), truncated (stream a
    part of `content` then drop the connection). `finish_reason` is what the last chunk says
    (content_filter, length …); `drip` streams one character every `drip` seconds.
    """

    content: str | None = None
    kind: FaultKind = "normal"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str = "stop"
    drip: float = 0.0


_REWRITE = re.compile(r"写成一句规范的中文公文语句：(.+)")


def well_behaved(messages: list[dict[str, Any]]) -> str:
    """What a cooperative model writes: one sentence per reference of the prompt's data list."""
    prompt = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "user")
    if asked := _REWRITE.search(prompt):  # `copilot doctor`'s slot-filling sentence
        return asked.group(1).replace(" ", "")
    sentences = []
    for key, label, value in REF_LINE.findall(prompt):
        unit = re.sub(r"^[-0-9.,]+", "", value.strip())
        sentences.append(f"本局{label}[[{key}]]{unit}。")
    if not sentences:
        return "本局依法依规做好相关工作，按照有关规定落实各项要求。"
    return "本局认真落实有关要求。" + "".join(sentences)


_INJECTED = re.compile(r"写入[“\"「](.+?)[”\"」]")


def realistic(messages: list[dict[str, Any]]) -> str:
    """What a real model writes: report register, figures as [[key]] references woven into clauses,
    and — as models do — any instruction smuggled into the notes obeyed."""
    prompt = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "user")
    refs = REF_LINE.findall(prompt)
    opening = "本局深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    if not refs:
        body = opening + "持续完善工作机制，规范办理流程，政府信息公开工作质量稳步提升。"
    else:
        clauses = []
        for key, label, value in refs[:12]:
            unit = re.sub(r"^[-0-9.,]+", "", value.strip())
            clauses.append(f"{label}[[{key}]]{unit}")
        groups = ["；".join(clauses[i : i + 3]) for i in range(0, len(clauses), 3)]
        body = opening + "认真做好相关工作。" + "".join(f"本局{g}。" for g in groups)
    injected = "".join(m.group(1) + "。" for m in _INJECTED.finditer(prompt))
    return body + injected


MISTAKES: dict[str, tuple[str, str]] = {
    "neighbouring_row": (
        "本局新收政府信息公开申请[[requests.new.total]]件，上年结转政府信息公开申请72件。",
        "疑似引错",
    ),
    "yoy_wrong_direction": ("本局新收政府信息公开申请[[requests.new.total]]件，较上年减少23件。", "方向"),
    "chinese_numeral_total": ("本局本年度新收政府信息公开申请柒拾叁件，均依法依规予以答复。", "汉字"),
    "invented_figure": (
        "本局新收政府信息公开申请[[requests.new.total]]件，全年接听咨询电话1200余次。",
        "出处",
    ),
    "dropped_placeholder": (
        "本局新收政府信息公开申请[requests.new.total]件，均在法定期限内答复。",
        "引用格式",
    ),
    "markdown_heading": ("## （二）依申请公开\n\n本局新收政府信息公开申请[[requests.new.total]]件。", "标题"),
    "english_reply": (
        "In 2024 the bureau received [[requests.new.total]] new requests for information.",
        "中文",
    ),
}
"""The mistakes models make in the 一（二）依申请公开 unit: (reply, a word of the problem it must raise)."""


@dataclass
class _Queued:
    reply: Reply
    match: str | None


class StubOpenAI:
    """The server. Use as a context manager; `base_url` is what a client needs."""

    def __init__(
        self,
        latency: float = 0.0,
        responder: Callable[[list[dict[str, Any]]], str] | None = None,
        *,
        capacity: int | None = None,
        retry_after: str | None = "0.2",
        key: str | None = None,
        models: tuple[str, ...] = ("stub-model",),
    ):
        self.latency = latency
        self.responder = responder or well_behaved
        self.capacity = capacity
        """Requests answered at once; the rest get 429 + Retry-After (a hosted quota, a small vLLM box)."""
        self.retry_after = retry_after
        self.key = key
        """When set, any other bearer token gets 401 (a refused key)."""
        self.models = models
        self.refused = 0
        self.requests: list[dict[str, Any]] = []
        self.auth_headers: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        """Most requests being answered at the same moment: proof of concurrency without timing."""
        self._queue: list[_Queued] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting -------------------------------------------------------------------------------
    def enqueue(self, reply: Reply, match: str | None = None) -> None:
        with self._lock:
            self._queue.append(_Queued(reply, match))

    def _next_reply(self, messages: list[dict[str, Any]]) -> Reply:
        text = "\n".join(str(m.get("content", "")) for m in messages)
        with self._lock:
            for i, queued in enumerate(self._queue):
                if queued.match is None or queued.match in text:
                    del self._queue[i]
                    return queued.reply
        return Reply(content=self.responder(messages))

    @property
    def calls(self) -> int:
        with self._lock:
            return len(self.requests)

    # -- lifecycle -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> StubOpenAI:
        stub = self

        class Handler(_Handler):
            server_stub = stub

        class Server(ThreadingHTTPServer):
            request_queue_size = 128  # the default backlog of 5 drops concurrent connects (1 s SYN retry)

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_stub: StubOpenAI

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence the access log
        return

    def setup(self) -> None:
        super().setup()
        # Stream chunks leave at once, as from a real server (Nagle + delayed ACK would add ~40 ms each).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the client gave up (timeout test): nothing to report

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """`GET /stats`: calls, peak concurrency and refusals (for a stub in another process, bench);
        `GET /v1/models`: the model list, as OpenAI answers it."""
        stub = self.server_stub
        path = self.path.rstrip("/")
        if path.endswith("/models"):
            if not self._authorised(stub):
                return
            data = [{"id": m, "object": "model", "owned_by": "stub"} for m in stub.models]
            self._json(200, {"object": "list", "data": data})
            return
        with stub._lock:
            stats = {
                "calls": len(stub.requests),
                "max_in_flight": stub.max_in_flight,
                "refused": stub.refused,
            }
        self._json(200 if path.endswith("/stats") else 404, stats)

    def _authorised(self, stub: StubOpenAI) -> bool:
        if stub.key is None or self.headers.get("Authorization", "") == f"Bearer {stub.key}":
            return True
        error = {
            "message": "Incorrect API key provided",
            "type": "invalid_request_error",
            "code": "invalid_api_key",
        }
        self._json(401, {"error": error})
        return False

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        stub = self.server_stub
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
            return
        with stub._lock:
            stub.requests.append(body)
            stub.auth_headers.append(self.headers.get("Authorization", ""))
            busy = stub.capacity is not None and stub.in_flight >= stub.capacity
            if busy:
                stub.refused += 1
            else:
                stub.in_flight += 1
                stub.max_in_flight = max(stub.max_in_flight, stub.in_flight)
        if not self._authorised(stub):
            if not busy:
                with stub._lock:
                    stub.in_flight -= 1
            return
        if busy:
            headers = {"Retry-After": stub.retry_after} if stub.retry_after is not None else {}
            self._json(429, {"error": {"message": "Rate limit reached", "type": "rate_limit"}}, headers)
            return
        try:
            self._answer(stub, body)
        finally:
            with stub._lock:
                stub.in_flight -= 1

    def _answer(self, stub: StubOpenAI, body: dict[str, Any]) -> None:
        messages = body.get("messages", [])
        reply = stub._next_reply(messages)
        wait = stub.latency + (reply.delay if reply.kind == "timeout" else 0.0)
        if wait and stub._stop.wait(wait):
            return
        if reply.kind == "status":
            payload = {"error": {"message": f"scripted status {reply.status}", "type": "server_error"}}
            self._json(reply.status, payload, reply.headers)
            return
        content = reply.content if reply.content is not None else stub.responder(messages)
        prompt_chars = sum(len(str(m.get("content", ""))) for m in messages)
        usage = {
            "prompt_tokens": prompt_chars,
            "completion_tokens": len(content),
            "total_tokens": prompt_chars + len(content),
        }
        model = body.get("model", "stub")
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self._stream(
                model,
                content,
                usage if include_usage else None,
                truncated=reply.kind == "truncated",
                finish=reply.finish_reason,
                drip=reply.drip,
            )
            return
        self._json(
            200,
            {
                "id": "chatcmpl-" + uuid.uuid4().hex[:12],
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": reply.finish_reason,
                    }
                ],
                "usage": usage,
            },
        )

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _stream(
        self,
        model: str,
        content: str,
        usage: dict[str, int] | None,
        truncated: bool,
        finish: str = "stop",
        drip: float = 0.0,
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        cid = "chatcmpl-" + uuid.uuid4().hex[:12]
        created = int(time.time())

        def event(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> None:
            chunk = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                **extra,
            }
            self._chunk(b"data: " + json.dumps(chunk, ensure_ascii=False).encode("utf-8") + b"\n\n")

        event({"role": "assistant", "content": ""})
        size = 1 if drip else 8
        pieces = [content[i : i + size] for i in range(0, len(content), size)]
        if truncated:
            for piece in pieces[: max(1, len(pieces) // 2)]:
                event({"content": piece})
            self.close_connection = True
            self.wfile.flush()
            self.connection.shutdown(2)  # drop mid-stream, no terminating chunk
            return
        for piece in pieces:
            if drip and self.server_stub._stop.wait(drip):
                return
            event({"content": piece})
        event({}, finish)
        if usage is not None:
            tail = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model}
            tail.update({"choices": [], "usage": usage})
            self._chunk(b"data: " + json.dumps(tail).encode() + b"\n\n")
        self._chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def main() -> None:
    """Serve until stdin closes: `python -m tests.stub_openai [--latency S] [--capacity N]` prints the
    base URL first."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="local OpenAI-compatible stub server")
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument(
        "--capacity", type=int, default=None, help="requests answered at once; the rest get 429"
    )
    parser.add_argument("--retry-after", default="0.5", help="Retry-After of a 429 ('' for none)")
    parser.add_argument("--realistic", action="store_true", help="answer as a realistic model does")
    args = parser.parse_args()
    responder = realistic if args.realistic else None
    with StubOpenAI(
        latency=args.latency,
        responder=responder,
        capacity=args.capacity,
        retry_after=args.retry_after or None,
    ) as stub:
        print(stub.base_url, flush=True)
        try:
            sys.stdin.read()  # until the parent closes our stdin
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
