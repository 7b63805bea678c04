"""`copilot export`: a (possibly hand-edited) Markdown draft → Word, after re-running the checks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from report_copilot.cli.common import app, err, print_json, user_errors
from report_copilot.errors import EXIT_OK

if TYPE_CHECKING:
    from report_copilot.service.export import ExportGate, ExportResult


@app.command()
def export(
    draft: Path = typer.Argument(..., help="Markdown 草稿（copilot draft 生成，可手工修改）"),
    data: Path = typer.Option(..., "--data", "-d", help="报告数据文件（JSON）"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="输出的 Word 文件（默认：与草稿同名、扩展名 .docx）"
    ),
    previous: Path | None = typer.Option(
        None, "--previous", "-p", help="上年报告：数据文件（.json）或已发布的报告，用于跨年度核对"
    ),
    force: bool = typer.Option(
        False, "--force", help="数字未通过核对也导出（文档顶部标注“未通过数字核对”，不得报送）"
    ),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="覆盖已存在的 Word 文件（本草稿上次导出且未改动的文件无需此项）"
    ),
    profile: Path | None = typer.Option(
        None, "--profile", help="本单位版式配置（TOML：字体、字号、页边距、页码样式）"
    ),
    pdf: bool = typer.Option(
        False, "--pdf", help="同时用 LibreOffice 导出 PDF（与 Word 文档同名，扩展名 .pdf；未安装则退出码 2）"
    ),
    text: bool = typer.Option(
        False, "--text", help="同时导出终端可读的纯文本（扩展名 .txt，表格以框线绘制，宽约 100 列）"
    ),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出结果"),
) -> None:
    """把 Markdown 草稿导出为 Word 文档（GB/T 9704 版式、官方表格）。

    导出前重新核对表格勾稽关系、草稿结构、草稿中的表格（须与数据一致）和文中每个数字；
    未通过则不导出（--force 除外）。已存在的 Word 文件不会被覆盖（--overwrite 除外；
    本草稿上次导出后未改动的文件除外）。
    导出后重新打开 Word 文档自检页面、字体、表格数值和正文。
    没有成文日期（meta.issue_date 或落款行中的日期）的报告不导出（--force 或版式配置
    require_issue_date = false 除外）。
    退出码：0 已导出；1 核对未通过或缺少成文日期而未导出，或自检未通过；2 文件无法读取、
    用法有误，或要求 --pdf 而未安装 LibreOffice。
    """
    from report_copilot import service

    with user_errors(json_output):
        result, check = service.export_markdown_file(
            draft,
            data,
            output=output,
            previous=previous,
            force=force,
            overwrite=overwrite,
            profile_path=profile,
            pdf=pdf,
            text=text,
        )
    _print_outcome(result, check, json_output)
    raise typer.Exit(EXIT_OK)


def _print_outcome(result: ExportResult, check: ExportGate, json_output: bool) -> None:
    """The files written; a forced export is flagged on stderr, so that it is not sent by mistake."""
    if json_output:
        print_json(
            {
                "ok": check.ok,
                "exported": True,
                **result.as_json(),
                "findings": [f.as_json() for f in check.findings],
            }
        )
    else:
        if result.forced:
            err(
                "警告：草稿中的数字未全部通过核对，已按 --force 导出；文档顶部标注“未通过数字核对”，不得报送或公开。"
            )
        typer.echo(f"已导出 {result.docx}（自检通过：页面、字体、表格数值、正文均与草稿和数据一致）。")
        for extra in (result.pdf, result.text):
            if extra is not None:
                typer.echo(f"已导出 {extra}")
