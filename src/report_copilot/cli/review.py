"""`copilot diff`, `history`, `import`, `audit`: review drafts and published reports."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from report_copilot.cli.common import app, err, finding_line, print_json, user_errors
from report_copilot.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, InputError

if TYPE_CHECKING:
    from report_copilot.service.audit import AuditResult, FolderSummary


def _use_color(option: bool | None) -> bool:
    if option is not None:
        return option
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


_ROLES: dict[str, dict[str, Any]] = {
    "header": {"bold": True},
    "section": {"fg": "cyan", "bold": True},
    "delete": {"fg": "red"},
    "insert": {"fg": "green"},
    "delete-number": {"fg": "red", "bold": True, "underline": True},
    "insert-number": {"fg": "green", "bold": True, "underline": True},
    "moved": {"fg": "magenta"},
}


def _paint(text: str, role: str) -> str:
    return typer.style(text, **_ROLES.get(role, {}))


@app.command()
def diff(
    files: list[Path] = typer.Argument(
        None, help="旧稿 新稿（.md 草稿，或已发布报告 .html/.pdf/.ofd/.txt/.docx）"
    ),
    last: Path | None = typer.Option(None, "--last", help="草稿目录（或其中的草稿）：比较最新的两个版本"),
    data: Path | None = typer.Option(None, "--data", "-d", help="报告数据：标出每个变化的数字是否与表格一致"),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出"),
    unified: bool = typer.Option(False, "--unified", "-u", help="纯文本统一格式（无颜色，[-删-]{+增+}）"),
    color: bool | None = typer.Option(None, "--color/--no-color", help="是否着色（默认：终端中着色）"),
    textconv: bool = typer.Option(
        False, "--textconv", help="把一份草稿转成“一句一行”，供 git diff.textconv 使用"
    ),
    git: bool = typer.Option(False, "--git", help="作为 git 外部比较程序运行（git 传入 7 个参数）"),
) -> None:
    """比较两份草稿：按标题对齐各部分，逐句对齐，句内逐字标出差异，数字整体比较并汇总“旧 → 新”。

    退出码：0 无差异；1 有差异；2 文件无法读取或用法有误（--git 模式下总是 0）。
    """
    from report_copilot import service

    files = list(files or [])
    with user_errors(json_output):
        if textconv:
            if len(files) != 1:
                raise InputError("--textconv 只接受一个文件")
            sys.stdout.write(service.textconv(files[0]))
            raise typer.Exit(EXIT_OK)
        if git:
            if len(files) != 7:
                raise InputError(
                    f"--git 模式需要 git 传入的 7 个参数（路径 旧文件 旧哈希 旧权限 新文件 新哈希 新权限），收到 {len(files)} 个"
                )
            name = str(files[0])
            result = service.diff_files(
                files[1], files[4], data=data, old_name=f"a/{name}", new_name=f"b/{name}"
            )
            sys.stdout.write(result.unified(_paint if _use_color(color) and not unified else None))
            raise typer.Exit(EXIT_OK)
        if last is not None:
            if files:
                raise InputError("--last 与两个文件不能同时使用")
            _, _, result = service.diff_last(last, data=data)
        else:
            if len(files) != 2:
                raise InputError(f"请给出两个文件（旧稿 新稿），或用 --last 目录；收到 {len(files)} 个")
            result = service.diff_files(files[0], files[1], data=data)
    if json_output:
        print_json(result.as_json())
    else:
        coloured = _use_color(color) and not unified
        text = result.unified(_paint if coloured else None)
        sys.stdout.write(text)
        if not result.changed:
            typer.echo("两稿内容相同。")
    raise typer.Exit(EXIT_FINDINGS if result.changed else EXIT_OK)


@app.command()
def history(
    target: Path = typer.Argument(..., help="草稿目录，或其中的草稿文件（.md）"),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出"),
) -> None:
    """列出 copilot draft 保存的各个版本：时间（本地时间）、后端、模型、各部分来源、数字核对结果。"""
    from report_copilot import service

    with user_errors(json_output):
        stem, versions = service.draft_history(target)
    if json_output:
        print_json({"draft": stem, "versions": [v.as_json() for v in versions]})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"草稿「{stem}」的历史版本", show_lines=False)
    for column in ("版本", "时间", "后端", "模型", "各部分", "核对"):
        table.add_column(column)
    for v in versions:
        table.add_row(
            f"{v.number:04d}",
            v.created or "—",
            v.backend or "—",
            v.model or "—",
            v.outcome_text,
            v.check_status,
        )
    Console(no_color=not _use_color(None), soft_wrap=True).print(table)
    if len(versions) >= 2:
        typer.echo(f"比较最新两版：copilot diff --last {target}")


@app.command("import")
def import_(
    report: Path = typer.Argument(
        ...,
        help="已发布的年度报告：.html、.pdf、.ofd、.txt（PDF 提取的文字）、.docx、.xlsx，以及 .doc、.wps、.mht",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="写入的数据文件（JSON）；不给则输出到屏幕"
    ),
    draft_output: Path | None = typer.Option(None, "--draft", help="同时把正文写成草稿（.md；或 .json）"),
    agency: str | None = typer.Option(None, "--agency", "-a", help="机关名称（标题中识别不出时）"),
    year: int | None = typer.Option(None, "--year", "-y", help="报告年度（标题中识别不出时）"),
    format_id: str | None = typer.Option(None, "--format", "-f", help="格式版本（默认按表头识别）"),
    overwrite: bool = typer.Option(False, "--overwrite", help="覆盖已存在的文件"),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出导入情况（不含数据）"),
) -> None:
    """读取已发布的年度报告：基本信息、二三四部分的表格、正文。无法识别的单元格留空并列出，绝不猜测。

    退出码：0 全部单元格已读取；1 已写入，但有单元格未能读取或原文空白；2 文件无法读取。
    """
    from report_copilot import service

    with user_errors(json_output):
        imported = service.import_report(
            report,
            output,
            draft_output=draft_output,
            agency=agency,
            year=year,
            format_id=format_id,
            overwrite=overwrite,
        )
    code = EXIT_OK if imported.complete else EXIT_FINDINGS
    if json_output:
        print_json(imported.as_json())
        raise typer.Exit(code)
    say = typer.echo if output is not None else err
    if output is None:
        print_json(imported.data)
    meta = imported.data["meta"]
    say(
        f"{report}：{meta['agency']}，{meta['year']} 年度，{imported.format_id} 格式；"
        f"读取 {imported.cells_read}/{imported.cells_total} 个单元格。"
    )
    for issue in imported.issues:
        mark = {
            "inferred": "推断",
            "meta": "请核对",
            "blank": "空白",
            "na": "按 0",
            "layout": "旧版表格",
            "inconsistent": "原表有误",
        }.get(issue.kind, "未读取")
        say(f"{mark}：{issue.message}")
    if output is not None:
        say(f"已写入 {output}。核对：copilot validate {output}")
    if draft_output is not None:
        say(f"正文已写入 {draft_output}。")
    raise typer.Exit(code)


def _print_audit(result: AuditResult, verbose: bool) -> None:
    head = f"{result.source}：{result.agency}，{result.year} 年度，{result.format_id} 格式"
    if result.previous_source:
        head += f"（与上年 {result.previous_source} 跨年度核对）"
    typer.echo(head)
    if result.previous_skipped:
        typer.echo(result.previous_skipped)
    for finding in result.check.findings:
        typer.echo(finding_line(finding))
    numbers = [u for u in result.unbound if u.get("kind") != "note"]
    notes = [u for u in result.unbound if u.get("kind") == "note"]
    if numbers:
        typer.echo(
            f"另有 {len(numbers)} 个正文数字在表格中没有对应项（如工作量、平台数据，报告未声明，审计不作判断）"
            + ("：" if verbose else "；加 --verbose 列出。")
        )
        if verbose:
            for item in numbers:
                typer.echo(f"  · {item.get('text')}　「{item.get('sentence') or ''}」")
    if notes:
        typer.echo(
            f"另有 {len(notes)} 条提示，只涉及表格中没有的数字（如“其中”各项之和超过总数），不计入错误和警告"
            + ("：" if verbose else "；加 --verbose 列出。")
        )
        if verbose:
            for item in notes:
                typer.echo(f"  · [{item.get('rule')}] {item.get('message')}")
    if result.imported is not None:
        na = [c for i in result.imported.issues if i.kind == "na" for c in i.cells]
        if na:
            typer.echo(
                f"原文有 {len(na)} 格为“/”“—”“无”等（无此项），已按 0 核对；明细见 --json 的 import.issues。"
            )
    if not result.prose_checked and result.imported is not None:
        typer.echo("（未核对正文数字：原文中没有读到正文）")
    n_err, n_warn = len(result.check.errors), len(result.check.warnings)
    typer.echo(f"共 {n_err} 个错误、{n_warn} 个警告。" if result.check.findings else "未发现问题。")


class _FolderPrinter:
    """Prints each report's result as soon as the service hands it over (the summary streams)."""

    def __init__(self, folder: Path, json_output: bool) -> None:
        self.folder = folder
        self.json_output = json_output
        self.started = False

    def _start(self) -> None:
        self.started = True
        if self.json_output:
            folder = json.dumps(str(self.folder), ensure_ascii=False)
            sys.stdout.write(f'{{\n  "folder": {folder},\n  "results": [')
        else:
            typer.echo(f"{self.folder} 审计（逐份输出：报告｜机关｜年度｜格式｜错误｜警告｜跨年度核对）")

    def __call__(self, r: AuditResult) -> None:
        first = not self.started
        if first:
            self._start()
        if self.json_output:
            from report_copilot.render.json_text import json_text

            text = json_text(r.as_json())
            # Indented at JSON line breaks only (textwrap.indent would also break inside a string
            # at U+2028 or U+0085, which JSON leaves unescaped), and faster.
            sys.stdout.write(("\n    " if first else ",\n    ") + text.replace("\n", "\n    "))
            sys.stdout.flush()
            return
        name = Path(r.source).name
        if r.error is not None:
            typer.echo(f"{name}｜无法读取：{r.error}")
            return
        cross = Path(r.previous_source).name if r.previous_source else "—"
        typer.echo(
            f"{name}｜{r.agency or ''}｜{r.year}｜{r.format_id or ''}｜"
            f"错误 {len(r.check.errors)}｜警告 {len(r.check.warnings)}｜跨年度：{cross}"
        )
        for finding in r.check.findings:
            typer.echo("  " + finding_line(finding))

    def finish(self, summary: FolderSummary) -> None:
        if self.json_output:
            totals = {k: v for k, v in summary.as_json().items() if k != "folder"}
            text = json.dumps(totals, ensure_ascii=False, indent=2, default=str)
            sys.stdout.write("\n  ],\n" + text.removeprefix("{\n") + "\n")
            return
        for line in summary.skipped:
            typer.echo(f"已跳过 {line}")
        typer.echo(
            f"共 {summary.reports} 份报告：{summary.errors} 个错误、{summary.warnings} 个警告，"
            f"{summary.unreadable} 份无法读取，{summary.linked} 份与上年报告跨年度核对。"
        )


@contextmanager
def _collections_paused() -> Iterator[None]:
    """No garbage collection while the audit's modules load: loading them creates hundreds of
    thousands of objects that live as long as the process (classes, validators, patterns), and the
    collector rescanned them some ninety times, a tenth of the start-up. Loading makes no garbage
    cycles worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@app.command()
def audit(
    target: Path = typer.Argument(
        ...,
        help="已发布的报告（.html/.pdf/.ofd/.txt/.docx/.xlsx/.doc/.wps/.mht/.json），或存放多份报告的目录",
    ),
    previous: Path | None = typer.Option(
        None, "--previous", "-p", help="上年报告（任一可读格式），用于跨年度核对"
    ),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出（目录则输出整批结果）"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="列出表格中没有对应项的正文数字"),
) -> None:
    """审计已发布的报告：导入后核对全部勾稽关系，并用报告自己的表格核对正文中的数字。

    目录模式：逐份审计、逐份输出，并对同一机关相邻年度（名称写法不同、文件名同一系列也可）做跨年度核对
    （T3-5、T2-1、T2-2、2019 版的 T2'-1/2）；指向目录以外的链接不读取。
    退出码：0 无错误；1 有错误；2 无法读取（目录模式：全部无法读取）。
    """
    with _collections_paused():
        import report_copilot.service.audit as service  # only this area: `service.X` imports areas in turn

    if target.is_dir():
        printer = _FolderPrinter(target, json_output)
        with user_errors(json_output):
            if previous is not None:
                raise InputError("目录模式自动配对相邻年度，不能同时使用 --previous")
            summary = service.audit_folder(target, printer)
        printer.finish(summary)
        raise typer.Exit(summary.exit_code)
    with user_errors(json_output):
        result = service.audit_file(target, previous)
    if json_output:
        print_json(result.as_json())
    else:
        _print_audit(result, verbose)
    raise typer.Exit(result.exit_code if result.exit_code != EXIT_UNREADABLE else EXIT_UNREADABLE)
