"""Findings and the check report: what every check produces and every front end shows.

A finding names the rule (format.md §7–§8 ids), its severity, the cell or field it concerns (by id and
by official label path) and a Chinese message a clerk understands. The export gate reads `ok`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from report_copilot.model.refs import plain

Severity = Literal["error", "warning"]


def fmt_number(value: int | Decimal | None) -> str:
    """Numbers as a clerk writes them: no trailing zeros, no exponent."""
    return "空白" if value is None else plain(value)


def as_number(value: int | Decimal | None) -> int | float | None:
    """A value for JSON output: integers stay integers."""
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


class Finding(BaseModel):
    rule: str = Field(description="规则编号，如 T3-1、T4-1、X-1")
    severity: Severity
    location: str = Field(description="单元格或字段标识，如 requests.total.natural_person")
    where: str = Field("", description="官方表格中的位置（表 › 行 › 列）")
    message: str
    expected: int | float | str | None = None
    actual: int | float | str | None = None
    cells: list[str] = Field(default_factory=list, description="该规则涉及的全部单元格")

    def as_json(self) -> dict[str, object]:
        return self.model_dump(mode="json")


class CheckReport(BaseModel):
    findings: list[Finding] = Field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No error (warnings never block)."""
        return not self.errors

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.as_json() for f in self.findings],
        }
