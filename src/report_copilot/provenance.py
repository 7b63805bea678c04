"""Provenance: how a draft came to be, written next to it as `<stem>.provenance.json`.

Secret-free by construction: the record is built only from fields chosen here (endpoint host, model,
parameters, prompt names and hashes, per-section outcomes, timings, token usage, number bindings,
check summary) and never from the settings object as a whole; `scrub` then removes any given secret
string anyway, as a second line of defence. Bump `SCHEMA_VERSION` on any incompatible change: the
review tools read these files.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from report_copilot import __version__
from report_copilot.model.report import ReportBase

SCHEMA_VERSION = 1


def input_hash(report: ReportBase) -> str:
    """SHA-256 of the report's data (and last year's), canonical JSON: the same data gives the same hash."""
    payload: dict[str, Any] = {"report": report.model_dump(mode="json", exclude={"previous"})}
    if report.previous_report is not None:
        payload["previous"] = report.previous_report.model_dump(mode="json", exclude={"previous"})
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def new_record(
    report: ReportBase,
    *,
    backend: str,
    endpoint: dict[str, Any] | None,
    prompts: list[dict[str, Any]],
    sections: list[dict[str, Any]],
    check: dict[str, Any],
    seconds: float,
) -> dict[str, Any]:
    """The provenance record of one draft run (`forced`, `version` and `files` are set when written)."""
    usage = [s.get("usage") or {} for s in sections]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "report-copilot", "version": __version__},
        "created": now_iso(),
        "report": {
            "agency": report.meta.agency,
            "year": report.meta.year,
            "format": report.format.id,
            "format_document": report.format.document,
        },
        "input_sha256": input_hash(report),
        "backend": backend,
        "endpoint": endpoint,
        "prompts": prompts,
        "sections": sections,
        "totals": {
            "seconds": round(seconds, 3),
            "model_calls": sum(int(s.get("attempts") or 0) for s in sections),
            "prompt_tokens": sum(int(u.get("prompt_tokens", 0)) for u in usage),
            "completion_tokens": sum(int(u.get("completion_tokens", 0)) for u in usage),
        },
        "check": check,
        "forced": False,
    }


def scrub(value: Any, secrets: list[str]) -> Any:
    """`value` with every occurrence of each secret (of 4+ characters) replaced by ***."""
    secrets = [s for s in secrets if s and len(s) >= 4]
    if not secrets:
        return value
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "***")
        return value
    if isinstance(value, dict):
        return {scrub(k, secrets): scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v, secrets) for v in value]
    return value
