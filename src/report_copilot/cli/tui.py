"""`copilot tui`: the terminal UI (Textual is imported only when this command runs)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import typer

from report_copilot.cli.common import app, user_errors

DEFAULT_FILE = Path("年报数据.json")


@app.command()
def tui(
    file: Path = typer.Argument(
        DEFAULT_FILE, help="报告数据文件（JSON）；不存在时新建（默认：当前目录下的 年报数据.json）"
    ),
    year: int = typer.Option(None, "--year", "-y", help="新建时的报告年度（默认为上一年）"),
    agency: str = typer.Option(None, "--agency", "-a", help="新建时的机关名称"),
) -> None:
    """在终端界面中填报、核对、起草、对比和导出。

    修改随时自动保存到数据文件旁的隐藏备份（.文件名.autosave），再次打开时询问恢复、丢弃或对比；ctrl+s 写入数据文件。
    退出码：0 正常退出；2 文件无法读取。
    """
    from report_copilot.tui.typeahead import typeahead_mode

    # keys typed while the app loads are kept as typed and handled in order once it shows
    with typeahead_mode():
        from report_copilot.tui.session import EditSession

        with user_errors():
            session = EditSession.open(file, year=year or _dt.date.today().year - 1, agency=agency)
        from report_copilot.tui.app import CopilotApp

        CopilotApp(session=session, service=session.service).run()
