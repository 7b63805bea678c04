"""`copilot check`: every number of a Markdown draft against the report's data, and the prose lint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from report_copilot.checks.verdicts import verdict_name
from report_copilot.cli.common import _color, app, print_json, user_errors
from report_copilot.errors import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from report_copilot.checks.lint import LintResult
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


def _print_lint(lint: LintResult) -> None:
    """Lint findings with their rule ids, then the copied share per section (L-1)."""
    for f in lint.findings:
        mark = "错误" if f.severity == "error" else "警告"
        line = f"{mark} [{f.rule}] {f.message}"
        typer.echo(typer.style(line, fg="red" if f.severity == "error" else "yellow") if _color() else line)
    if lint.copied:
        from report_copilot.checks.lint.text import SECTION_NAMES

        shares = "；".join(f"{SECTION_NAMES.get(k, k)} {v:.0%}" for k, v in lint.copied.items())
        typer.echo(f"与上年报告相同的文字占比（L-1，数字除外）：{shares}")


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
    previous: Path | None = typer.Option(
        None, "--previous", "-p", help="上年报告：数据文件（.json）或已发布的报告，用于核对同比数字"
    ),
    previous_report: Path | None = typer.Option(
        None,
        "--previous-report",
        help="上年报告正文（已发布报告 .html/.pdf/.ofd/.txt/.docx，或 copilot 草稿 .md），用于检查内容雷同（L-1）；"
        "不指定时在上年数据文件旁查找同名文件",
    ),
    accept_lint: list[str] = typer.Option(
        [],
        "--accept-lint",
        help="确认后不阻止导出的规则（可重复）：L-1 内容雷同、L-5 固定名称；也可在草稿中写 <!-- accept-lint: L-5 -->",
    ),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出每个数字及其核对结果"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="同时列出一致和不核对的数字"),
) -> None:
    """核对草稿正文中的每个数字：与表格、支撑数据、派生数（小计、比例、同比）是否一致；并检查文字（L-1…L-8）。

    文字检查：L-1 与上年报告雷同、L-2 内容泛化、L-3 缺少必备内容、L-4 编号错误、L-5 固定名称写错、
    L-6 句子重复、L-7 照搬表头表述、L-8 待补充内容。L-1（相同文字达 80%）、L-5、L-8 为错误，阻止导出；
    L-1、L-5 可用 --accept-lint 确认。

    退出码：0 没有错误；1 有不符、无出处或所指不明的数字，或违反 P-8/P-9/P-10，或有文字检查错误；
    2 文件无法读取或参数有误。
    """
    from report_copilot import service

    with user_errors(json_output):
        _check_accepted(accept_lint)
        document, report, result = service.check_markdown_file(draft, data, previous)
        lint = service.lint_markdown_file(
            draft,
            report,
            data_path=data,
            previous_data=previous,
            previous_report=previous_report,
            accepted=accept_lint,
        )
    ok = result.ok and lint.ok
    _print_outcome(result, lint, document, f"{draft}：", verbose=verbose, json_output=json_output)
    raise typer.Exit(EXIT_OK if ok else EXIT_FINDINGS)


def _check_accepted(accept_lint: list[str]) -> None:
    """Refuse a rule that cannot be accepted (only L-1 and L-5 can) before any file is read."""
    from report_copilot.errors import InputError

    unknown = [r for r in accept_lint if r.strip().upper() not in {"L-1", "L-5"}]
    if unknown:
        raise InputError(
            f"--accept-lint 只能确认 L-1（内容雷同）和 L-5（固定名称），不能确认「{'、'.join(unknown)}」",
            location="--accept-lint",
        )


def _print_outcome(
    result: ProseCheck, lint: LintResult, document: Draft, what: str, *, verbose: bool, json_output: bool
) -> None:
    """Numbers and lint together: `ok` in JSON is both, `numbers_ok` the numbers alone."""
    ok = result.ok and lint.ok
    if json_output:
        payload = result.as_json()
        payload["ok"] = ok
        payload["numbers_ok"] = result.ok
        payload["lint"] = lint.as_json()
        print_json(payload)
    else:
        _print_human(result, document, what, verbose)
        _print_lint(lint)
        if not lint.ok:
            typer.echo(f"文字检查有 {len(lint.errors)} 个错误，请修正后再导出。")
