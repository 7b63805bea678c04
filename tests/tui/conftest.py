"""Fixtures for the TUI tests: a data file in tmp_path and an app built on it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """The bundled 2021 example (with its previous year beside it), copied where autosave may write."""
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path / "yunxi-amr-2024.json"


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "guyuan-2019.json", tmp_path / "guyuan-2019.json")
    return tmp_path / "guyuan-2019.json"


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
