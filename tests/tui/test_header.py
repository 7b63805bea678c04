"""The header's save state stays readable at the small sizes a clerk's terminal may have."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.table_editor import TableEditor

pytestmark = pytest.mark.anyio

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')


def screen_rows(app: CopilotApp) -> list[str]:
    """The text of each screen row, read back from the screenshot (what the clerk sees)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text)))
    return ["".join(t for _, t in sorted(parts)).replace("\xa0", " ") for _, parts in sorted(rows.items())]


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_save_state_is_shown_whole(data_file: Path, size: tuple[int, int]) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "已保存" in screen_rows(app)[0]
        app.screen.query_one(TabbedContent).active = "tab-requests"
        await pilot.pause()
        grid = app.screen.query_one("#grid-requests-requests", TableEditor)
        grid.focus()
        grid.go_to("requests.new.business")
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert "未保存" in screen_rows(app)[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
        header = screen_rows(app)[0]
        assert "已保存" in header and "未保存" not in header
