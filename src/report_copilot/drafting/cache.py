"""Content-addressed cache of model-drafted units, so an unchanged unit costs no call on the next run.

The key is the SHA-256 of everything that can change a unit's text: the hashes of the prompts used,
the unit's data slice (every reference with its value), its notes, the model and its parameters
(`CopilotSettings.model_params`: model, temperature, endpoint host — never the key). The value is the
model's text *with references*, so a cached unit is substituted and checked again like a fresh one.
Only units that passed the checks (outcome llm or repaired) are stored. Files live in the user cache
dir (`paths.cache_dir()/sections`), one JSON file per key, written atomically; a corrupt file is a miss.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from report_copilot import paths
from report_copilot.files import write_json_atomic

SCHEMA = 1


def cache_key(*, prompts: list[str], data: Any, notes: Any, params: dict[str, Any]) -> str:
    """Stable hash of a unit's inputs (JSON with sorted keys; Decimals and dates as strings)."""
    payload = {"schema": SCHEMA, "prompts": prompts, "data": data, "notes": notes, "params": params}
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class SectionCache:
    """Get and put drafted units by key; disabled means every get misses and nothing is written."""

    def __init__(self, root: Path | None = None, *, enabled: bool = True) -> None:
        self.root = root if root is not None else paths.cache_dir() / "sections"
        self.enabled = enabled

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (
            not isinstance(data, dict)
            or data.get("schema") != SCHEMA
            or not isinstance(data.get("text"), str)
        ):
            return None
        return data

    def put(self, key: str, *, text: str, outcome: str, usage: dict[str, int] | None) -> None:
        if not self.enabled:
            return
        try:
            write_json_atomic(
                self._path(key), {"schema": SCHEMA, "text": text, "outcome": outcome, "usage": usage}
            )
        except OSError:
            pass  # a read-only or full cache dir must not fail a draft
