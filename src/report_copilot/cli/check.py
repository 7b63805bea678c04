"""`copilot check`: every number of a Markdown draft against the report's data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from report_copilot.checks.verdicts import verdict_name
from report_copilot.cli.common import _color, app, print_json, user_errors
from report_copilot.errors import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from report_copilot.checks.prose import Mention, ProseCheck
    from report_copilot.model.draft import Draft


def _highlight(mention: Mention, draft: Draft) -> str:
    """The sentence with the number marked 【…】 (and in red on a terminal)."""
    mark = f"【{mention.text}】"
    if _color():
        mark = typer.style(mark, fg="red", bold=True)
    text = draft.blocks[mention.block].text if mention.block is not None else mention.sentence
    if text[mention.start : mention.end] != mention.text:
        return f"{mention.sentence}（{mark}）"
    lo = max(text.rfind(ch, 0, mention.start) for ch in "。！？；\n") + 1
    his = [i for i in (text.find(ch, mention.end) for ch in "。！？；\n") if i >= 0]
    hi = min(his) + 1 if his else len(text)
    return (text[lo : mention.start] + mark + text[mention.end : hi]).strip()


def _print_human(result: ProseCheck, draft: Draft, what: str, verbose: bool) -> None:
    for m in result.mentions:
        if m.is_error:
            head = f"错误 [{m.rule or 'P-0'}] 第 {(m.block or 0) + 1} 段（{verdict_name(m.verdict)}）："
            typer.echo(typer.style(head, fg="red") if _color() else head)
            typer.echo(f"    {_highlight(m, draft)}")
            typer.echo(f"    {m.message}")
        elif m.warning:
            typer.echo(f"警告 [{m.rule}] 第 {(m.block or 0) + 1} 段：{_highlight(m, draft)}")
            typer.echo(f"    {m.warning}")
        elif verbose:
            target = m.ref if m.verdict == "bound" else f"（{m.reason}）"
            typer.echo(f"  {verdict_name(m.verdict)}  第 {(m.block or 0) + 1} 段  {m.text} → {target}")
    claims = {id(f) for f in result.claims}
    mentioned = {(m.rule or "P-0") for m in result.mentions}
    others = [f for f in result.findings if id(f) not in claims and f.rule not in mentioned]
    for f in [*others, *result.claims]:
        mark = "错误" if f.severity == "error" else "警告"
        line = f"{mark} [{f.rule}] {f.message}"
        typer.echo(typer.style(line, fg="red" if f.severity == "error" else "yellow") if _color() else line)
    counts = result.counts()
    errors = sum(1 for f in result.findings if f.severity == "error")
    warnings = sum(1 for f in result.findings if f.severity == "warning")
    typer.echo("")
    typer.echo(
        f"{what}共 {len(result.mentions)} 个数字："
        + "、".join(f"{verdict_name(v)} {n}" for v, n in counts.items())
        + "；"
        f"{errors} 个错误、{warnings} 个警告。" + ("请修正后再导出。" if errors else "")
    )


@app.command()
def check(
    draft: Path = typer.Argument(..., help="草稿（Markdown，copilot draft 的输出或手工修改稿）"),
    data: Path = typer.Option(..., "--data", "-d", help="报告数据文件（JSON）"),
    previous: Path | None = typer.Option(None, "--previous", "-p", help="上年报告数据文件，用于核对同比数字"),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出每个数字及其核对结果"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="同时列出一致和不核对的数字"),
) -> None:
    """核对草稿正文中的每个数字：与表格、支撑数据、派生数（小计、比例、同比）是否一致。

    退出码：0 没有错误；1 有不符、无出处或所指不明的数字，或违反 P-8/P-9/P-10；2 文件无法读取。
    """
    from report_copilot import service

    with user_errors(json_output):
        document, _, result = service.check_markdown_file(draft, data, previous)
    if json_output:
        print_json(result.as_json())
    else:
        _print_human(result, document, f"{draft}：", verbose)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FINDINGS)
