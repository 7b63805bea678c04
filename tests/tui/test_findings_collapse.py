"""The findings panel folds to its count line on short screens and gives the rows to the work."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.findings_panel import FindingsPanel

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_short_screens_start_collapsed_and_v_toggles(data_file: Path, size: tuple[int, int]) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(FindingsPanel)
        tabs = app.screen.query_one("#tabs")
        assert panel.collapsed and panel.outer_size.height == 1
        assert "v 展开" in str(panel.border_title)
        collapsed_tabs = tabs.outer_size.height
        app.screen.set_focus(None)
        await pilot.press("v")
        await pilot.pause()
        assert not panel.collapsed and panel.outer_size.height > 1
        assert tabs.outer_size.height < collapsed_tabs
        await pilot.press("v")
        await pilot.pause()
        assert panel.collapsed and tabs.outer_size.height == collapsed_tabs


async def test_tall_screens_show_the_list_and_f_expands_a_collapsed_one(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(FindingsPanel)
        assert not panel.collapsed and panel.outer_size.height > 1
        app.screen.set_focus(None)
        await pilot.press("v")
        await pilot.pause()
        assert panel.collapsed
        await pilot.press("f")
        await pilot.pause()
        assert not panel.collapsed and panel.has_focus
