"""Checkboxes read on and off without colour: the export switches and the yes/no meta fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.mark_checkbox import MARK_OFF, MARK_ON

pytestmark = pytest.mark.anyio


def drawn(box: Checkbox) -> str:
    return str(box.render())


async def test_export_switches_show_their_state_as_text(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(TabbedContent).active = "tab-export"
        await pilot.pause()
        force = app.screen.query_one("#export-force", Checkbox)
        word = app.screen.query_one("#export-docx", Checkbox)
        assert drawn(force).startswith(MARK_OFF) and drawn(word).startswith(MARK_ON)
        force.focus()
        await pilot.press("space")
        await pilot.pause()
        assert force.value and drawn(force).startswith(MARK_ON)
        await pilot.press("space")
        await pilot.pause()
        assert not force.value and drawn(force).startswith(MARK_OFF)


async def test_every_checkbox_in_the_app_uses_the_marks(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        for tab in ("tab-meta", "tab-export"):
            app.screen.query_one(TabbedContent).active = tab
            await pilot.pause()
        boxes = list(app.screen.query(Checkbox))
        assert boxes
        for box in boxes:
            assert drawn(box).startswith(MARK_ON if box.value else MARK_OFF), box.id
