"""`copilot init`, `copilot validate`, `copilot schema`: the input file and its 勾稽关系."""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

import typer

from report_copilot.cli.common import app, print_check_report, print_json, user_errors
from report_copilot.errors import EXIT_FINDINGS, EXIT_OK, InputError
from report_copilot.files import check_target, ensure_dir, refuse_overwrite


class _InitSettings(TypedDict):
    """The keyword arguments `init` passes to both `service.init_file` and `service.init_workbook`."""

    year: int | None
    agency: str | None
    format_id: str | None
    previous_path: Path | None
    zeros: bool
    overwrite: bool


@app.command()
def validate(
    file: Path = typer.Argument(..., help="报告数据文件（JSON）"),
    previous: Path | None = typer.Option(
        None, "--previous", "-p", help="上年报告：数据文件（.json）或已发布的报告，用于跨年度核对"
    ),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出核对结果"),
) -> None:
    """核对数据文件：完整性、勾稽关系（T3-*、T4-1、T2-*）、格式版本（X-1）。

    退出码：0 无错误（可有警告）；1 有错误；2 文件无法读取或用法有误。
    """
    from report_copilot import service

    with user_errors(json_output):
        report = service.load(file, previous)
        result = service.validate(report)
    if json_output:
        print_json(result.as_json())
    else:
        print_check_report(result, what=f"{file}：")
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@app.command()
def init(
    output: Path | None = typer.Option(None, "--output", "-o", help="要写入的新数据文件（JSON）"),
    year: int | None = typer.Option(
        None, "--year", "-y", help="报告年度（默认：上年报告的下一年度；没有上年报告时为上一年）"
    ),
    agency: str = typer.Option(None, "--agency", "-a", help="机关名称"),
    format_id: str = typer.Option(None, "--format", "-f", help="格式版本：2021 或 2019（默认按年度）"),
    previous: Path | None = typer.Option(
        None,
        "--previous",
        "-p",
        help="上年报告：数据文件（.json），或已发布的报告（.html/.pdf/.ofd/.txt/.docx/.xlsx）；结转、存量与基本信息从中带入",
    ),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="同时（或只）生成 Excel 填报表（官方表格版式）"),
    zeros: bool = typer.Option(False, "--zeros", help="所有单元格填 0（默认留空，待逐项填报）"),
    overwrite: bool = typer.Option(False, "--overwrite", help="覆盖已存在的文件"),
) -> None:
    """生成一份完整的数据文件（JSON）或 Excel 填报表：每个单元格都列出，留待填报。"""
    from report_copilot import service

    with user_errors():
        settings = _InitSettings(
            year=year,
            agency=agency,
            format_id=format_id,
            previous_path=previous,
            zeros=zeros,
            overwrite=overwrite,
        )
        if output is None:
            if xlsx is None:
                raise InputError("请用 --output 指定数据文件（JSON），或用 --xlsx 指定 Excel 填报表")
            result = service.init_workbook(xlsx, **settings)
        else:
            if xlsx is not None:
                refuse_overwrite(xlsx, overwrite)  # before the JSON is written: all or nothing
                ensure_dir(xlsx.parent)
                check_target(xlsx)
            result = service.init_file(output, **settings)
            if xlsx is not None:
                service.write_workbook_for(result.data, xlsx, overwrite=overwrite)
    for note in result.notes:
        typer.echo(note)
    meta = result.data["meta"]
    for target in (output, xlsx):
        if target is not None:
            check = (
                f"copilot import {target} -o 数据.json" if target == xlsx else f"copilot validate {target}"
            )
            typer.echo(f"已写入 {target}（{meta['year']} 年度，{meta['format']} 格式）。填报后运行：{check}")


@app.command()
def schema(
    format_id: str = typer.Option("2021", "--format", "-f", help="格式版本：2021 或 2019"),
) -> None:
    """输出数据文件的 JSON Schema（供编辑器和其他工具使用）。"""
    from report_copilot import service

    with user_errors():
        print_json(service.schema(format_id))
