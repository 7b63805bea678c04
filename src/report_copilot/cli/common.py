"""What every command shares: the Typer app, error translation, and printing findings."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click
import typer

from report_copilot import __version__
from report_copilot.errors import EXIT_INTERNAL, EXIT_UNREADABLE, CopilotError

if TYPE_CHECKING:
    from report_copilot.checks.findings import CheckReport, Finding

DEBUG_VAR = "COPILOT_DEBUG"
"""Set to 1 to see the traceback of an unexpected error (otherwise only a Chinese message)."""

app = typer.Typer(
    name="copilot",
    help=(
        "政府信息公开工作年度报告助手：填报、核对勾稽关系与文中数字、起草、导出。\n\n"
        "退出码：0 成功；1 有错误（核对未通过）；2 文件无法读取或写入、用法有误；130 已中断；"
        f"70 程序内部错误（设置 {DEBUG_VAR}=1 可显示详细信息）。"
    ),
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
    except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
        raise
    except Exception as exc:  # noqa: BLE001 - the last resort: a message, never a traceback
        raise typer.Exit(last_resort(exc)) from None


def last_resort(exc: BaseException) -> int:
    """An exception no layer turned into a CopilotError, as a Chinese message and an exit code.

    A fault of the input or the disk (RecursionError, MemoryError, OSError) is exit 2; anything else
    is a fault of the program (exit 70). The traceback is printed only with COPILOT_DEBUG=1.
    """
    if os.environ.get(DEBUG_VAR, "").strip() not in {"", "0"}:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, RecursionError):
        err("错误：输入中的括号或标记嵌套层数过多，无法处理；请检查输入文件。")
        return EXIT_UNREADABLE
    if isinstance(exc, MemoryError):
        err("错误：内存不足，输入文件可能过大或已损坏。")
        return EXIT_UNREADABLE
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        err(
            f"错误：无法读写文件{where}：{exc.strerror or exc}。请检查路径、权限，或文件是否正被其他程序占用。"
        )
        return EXIT_UNREADABLE
    err(
        f"错误：程序内部错误（{type(exc).__name__}），操作未完成。"
        f"请设置环境变量 {DEBUG_VAR}=1 重新运行，并把输出的详细信息报告给维护者。"
    )
    return EXIT_INTERNAL


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
    """Console-script entry point: whatever escapes a command ends as a message and an exit code."""
    try:
        app()
    except CopilotError as exc:  # a command that forgot user_errors()
        err(f"错误：{exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("已中断。")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last resort
        sys.exit(last_resort(exc))
