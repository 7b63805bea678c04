"""The report most binder tests judge prose against: the bundled 2021-layout example."""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase


@pytest.fixture
def report(example_2021: dict[str, Any]) -> ReportBase:
    return report_from_data(example_2021)
