"""What every command shares: the Typer app, error translation, and printing findings."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

from report_copilot import __version__
from report_copilot.errors import CopilotError

if TYPE_CHECKING:
    from report_copilot.checks.findings import CheckReport, Finding

app = typer.Typer(
    name="copilot",
    help="政府信息公开工作年度报告助手：填报、核对勾稽关系与文中数字、起草、导出。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"report-copilot {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本并退出"),
) -> None:
    """政府信息公开工作年度报告助手。"""


def err(text: str) -> None:
    typer.echo(text, err=True)


@contextmanager
def user_errors(json_output: bool = False) -> Iterator[None]:
    """Turn a CopilotError into a Chinese message on stderr and its exit code; never a traceback."""
    try:
        yield
    except CopilotError as exc:
        if json_output:
            problems = exc.problems or []
            payload = {
                "ok": False,
                "error": {"message": exc.message, "location": exc.location},
                "findings": [
                    {
                        "rule": p.rule,
                        "severity": "error",
                        "location": p.location,
                        "message": p.message,
                        "expected": None,
                        "actual": None,
                    }
                    for p in problems
                ]
                or [
                    {
                        "rule": "INPUT",
                        "severity": "error",
                        "location": exc.location,
                        "message": exc.message,
                        "expected": None,
                        "actual": None,
                    }
                ],
            }
            print_json(payload)
        err(f"错误：{exc}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        err("已中断。")
        raise typer.Exit(130) from None


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def finding_line(finding: Finding) -> str:
    mark = "错误" if finding.severity == "error" else "警告"
    text = f"{mark} [{finding.rule}] {finding.message}"
    if _color():
        return typer.style(text, fg="red" if finding.severity == "error" else "yellow")
    return text


def print_check_report(report: CheckReport, *, what: str = "") -> None:
    for finding in report.findings:
        typer.echo(finding_line(finding))
    n_err, n_warn = len(report.errors), len(report.warnings)
    if report.findings:
        typer.echo("")
    summary = f"{what}共 {n_err} 个错误、{n_warn} 个警告。" if report.findings else f"{what}未发现问题。"
    if n_err:
        summary += "请修正错误后再起草或导出。"
    typer.echo(summary)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except CopilotError as exc:  # a command that forgot user_errors()
        err(f"错误：{exc}")
        sys.exit(exc.exit_code)
