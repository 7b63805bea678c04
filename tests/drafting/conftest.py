"""Fixtures of the drafting tests: a report, a stub server, settings pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase
from report_copilot.settings import CopilotSettings, load_settings
from tests.stub_openai import StubOpenAI


@pytest.fixture
def report_2021(example_2021: dict[str, Any]) -> ReportBase:
    return report_from_data(example_2021)


@pytest.fixture
def stub() -> Iterator[StubOpenAI]:
    with StubOpenAI() as server:
        yield server


@pytest.fixture
def stub_settings(stub: StubOpenAI) -> CopilotSettings:
    """Real ChatOpenAI over real HTTP to the stub; short timeout, no retries unless a test asks."""
    return load_settings(
        backend="openai",
        base_url=stub.base_url,
        api_key="sk-test-key",
        model="stub-model",
        timeout=5,
        max_retries=0,
    )
