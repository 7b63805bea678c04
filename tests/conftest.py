"""Shared fixtures: a clean environment for every test, no network, and the bundled examples."""

from __future__ import annotations

import copy
import json
import socket
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_FILE = EXAMPLES / "guyuan-2019-published.txt"
"""The seed report as published (text extracted from its PDF), a copy of ../shared/seed/."""


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No real keys, endpoints, proxies or user config leak into a test."""
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_API_BASE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "LANGSMITH_API_KEY",
        "LANGCHAIN_API_KEY",
    ):
        monkeypatch.delenv(var, raising=False)
    for var in list(__import__("os").environ):
        if var.startswith("COPILOT_"):
            monkeypatch.delenv(var, raising=False)
    home = tmp_path_factory.mktemp("copilot-home")
    monkeypatch.setenv("COPILOT_HOME", str(home))
    monkeypatch.setenv("LANGSMITH_TRACING", "false")
    monkeypatch.setenv("LANGCHAIN_TRACING_V2", "false")
    monkeypatch.setenv("NO_COLOR", "1")


_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not (
        host.startswith("127.") or host in {"localhost", "::1"} or host.startswith("/")
    ):
        raise RuntimeError(f"tests must not reach the network (tried {address!r})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


def load_example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def example_2021() -> dict[str, Any]:
    """The bundled 2021-format example (2024 report), with its previous year embedded."""
    data = load_example("yunxi-amr-2024.json")
    data["previous"] = load_example("yunxi-amr-2023.json")
    return data


@pytest.fixture
def seed_2019() -> dict[str, Any]:
    """The seed report's figures (2019 试行格式), as published."""
    return load_example("guyuan-2019.json")


def set_cell(data: dict[str, Any], cell_id: str, value: Any) -> dict[str, Any]:
    """A copy of `data` with one cell changed (cell id = dotted JSON path)."""
    out = copy.deepcopy(data)
    node = out
    *parents, last = cell_id.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return out
