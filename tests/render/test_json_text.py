"""The folder audit's JSON writer: the same text as `json.dumps(..., ensure_ascii=False, indent=2,
default=str)` for every payload, whichever serializer writes it."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_copilot.render.json_text import json_text


def _stdlib(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


@pytest.mark.parametrize(
    "payload",
    [
        {"message": '「共 12 件」\n\u2028\x1f"\\\t\b\f\r\x7f\x00 行政复议', "cells": [], "import": {}},
        {"nested": [[], [{}], {"a": [1, -2, 10**30, True, False, None]}]},
        {"expected": 12.5, "actual": 0.0001, "zero": -0.0, "big": 9999999999999998.0},
        {"tiny": 1e-05, "huge": 1e16, "nan": float("nan"), "inf": float("-inf")},
        {"decimal": Decimal("1.50"), "path": Path("/报告/a.txt"), "tuple": (1, "二")},
        {1: "an int key", None: "a None key"},
        {"surrogate": "\ud800"},
        "plain",
        [],
    ],
)
def test_same_text_as_the_standard_library(payload: Any) -> None:
    assert json_text(payload) == _stdlib(payload)


def test_floats_as_python_prints_them() -> None:
    rnd = random.Random(7)
    for _ in range(5000):
        value = rnd.choice([1, -1]) * 10 ** rnd.uniform(-7, 18) * rnd.random()
        payload = {"value": value, "rounded": round(value, rnd.randint(0, 6))}
        assert json_text(payload) == _stdlib(payload)
