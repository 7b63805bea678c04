"""Provenance: how a draft came to be, written next to it as `<stem>.provenance.json`.

This module owns the record: `Provenance` is written by drafting and read by history and review, so
the two cannot drift apart (history once read a top-level `model` the writer never wrote). Secret-free
by construction: the record holds only fields chosen here (endpoint host, model, parameters, prompt
names and hashes, per-section outcomes, timings, token usage, number bindings, check summary), never
the settings object as a whole, and `to_json` passes it through `redact` anyway. Bump
`SCHEMA_VERSION` on any incompatible change; `read` still accepts version 1 records.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from report_copilot import __version__
from report_copilot.model.report import ReportBase
from report_copilot.redact import redact

SCHEMA_VERSION = 2

__all__ = [
    "SCHEMA_VERSION",
    "Endpoint",
    "Provenance",
    "ReportRef",
    "SectionRecord",
    "input_hash",
    "now_iso",
    "read",
]


class Endpoint(BaseModel):
    """Where model text came from: the parsed host only (never a URL path, query or key)."""

    model_config = ConfigDict(extra="allow")
    host: str
    model: str
    temperature: float | None = None
    timeout: float | None = None
    max_retries: int | None = None
    concurrency: int | None = None


class SectionRecord(BaseModel):
    """One unit's outcome, timing, usage and the binding of each of its numbers."""

    model_config = ConfigDict(extra="allow")
    key: str
    name: str = ""
    outcome: str = "template"
    seconds: float = 0.0
    attempts: int = 0
    usage: dict[str, int] | None = None
    message: str = ""
    failure: str = ""
    prompts: list[dict[str, Any]] = Field(default_factory=list)
    numbers: list[dict[str, Any]] = Field(default_factory=list)


class ReportRef(BaseModel):
    model_config = ConfigDict(extra="allow")
    agency: str = ""
    year: int | None = None
    format: str = ""
    format_document: str = ""


class Provenance(BaseModel):
    """The record of one draft run (`version`, `files`, `forced` are set when it is written)."""

    model_config = ConfigDict(extra="allow")
    schema_version: int = SCHEMA_VERSION
    tool: dict[str, str] = Field(default_factory=lambda: {"name": "report-copilot", "version": __version__})
    created: str = ""
    report: ReportRef = Field(default_factory=ReportRef)
    input_sha256: str = ""
    backend: str = "template"
    endpoint: Endpoint | None = None
    prompts: list[dict[str, Any]] = Field(default_factory=list)
    sections: list[SectionRecord] = Field(default_factory=list)
    totals: dict[str, float] = Field(default_factory=dict)
    check: dict[str, Any] = Field(default_factory=dict)
    model_unavailable: bool = False
    waited_seconds: float = 0.0
    forced: bool = False
    version: int | None = None
    files: dict[str, str] = Field(default_factory=dict)
    export_error: str | None = None

    @property
    def model(self) -> str | None:
        """The model that wrote the text, None for the offline template drafter."""
        return self.endpoint.model if self.endpoint is not None else None

    def outcomes(self) -> dict[str, int]:
        """Units per outcome (llm, repaired, cached, fallback, template)."""
        out: dict[str, int] = {}
        for section in self.sections:
            out[section.outcome] = out.get(section.outcome, 0) + 1
        return out

    def local_created(self) -> str:
        """The creation time in the machine's local time zone, to the minute."""
        try:
            when = datetime.fromisoformat(self.created)
        except ValueError:
            return self.created
        return when.astimezone().strftime("%Y-%m-%d %H:%M")

    def to_json(self, secrets: list[str] | None = None) -> str:
        """The record as written to disk, every string redacted."""
        data = redact(self.model_dump(mode="json", exclude_none=False), secrets or ())
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def new(
        cls,
        report: ReportBase,
        *,
        backend: str,
        endpoint: Endpoint | None,
        prompts: list[dict[str, Any]],
        sections: list[SectionRecord],
        check: dict[str, Any],
        seconds: float,
    ) -> Provenance:
        usage = [s.usage or {} for s in sections]
        return cls(
            created=now_iso(),
            report=ReportRef(
                agency=report.meta.agency,
                year=report.meta.year,
                format=report.format.id,
                format_document=report.format.document,
            ),
            input_sha256=input_hash(report),
            backend=backend,
            endpoint=endpoint,
            prompts=prompts,
            sections=sections,
            totals={
                "seconds": round(seconds, 3),
                "model_calls": sum(s.attempts for s in sections),
                "prompt_tokens": sum(int(u.get("prompt_tokens", 0)) for u in usage),
                "completion_tokens": sum(int(u.get("completion_tokens", 0)) for u in usage),
            },
            check=check,
        )


def read(path: Path) -> Provenance | None:
    """The record at `path`; None when missing or unreadable (a version 1 `model` at the top level is
    moved under `endpoint`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    if data.get("endpoint") is None and isinstance(data.get("model"), str):
        data["endpoint"] = {"host": "", "model": data.pop("model")}
    if not isinstance(data.get("sections"), list):
        data["sections"] = []
    try:
        return Provenance.model_validate(data)
    except ValidationError:
        return None


def input_hash(report: ReportBase) -> str:
    """SHA-256 of the report's data (and last year's), canonical JSON: the same data gives the same hash."""
    payload: dict[str, Any] = {"report": report.model_dump(mode="json", exclude={"previous"})}
    if report.previous_report is not None:
        payload["previous"] = report.previous_report.model_dump(mode="json", exclude={"previous"})
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")
