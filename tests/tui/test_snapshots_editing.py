"""Snapshots of the fact dialog (60×20, 80×24) and of the draft with a changed number marked (80×24).

Update only after looking at the SVGs: `pytest tests/tui/test_snapshots_editing.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.table_editor import TableEditor


async def _fact_dialog(pilot: Any) -> None:
    """事实与要点 → a (add a fact), the first two fields typed."""
    app = pilot.app
    app.screen.query_one(TabbedContent).active = "tab-facts"
    await pilot.pause()
    app.screen.query_one("#facts").focus()
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"platforms.visits", "tab", *"门户网站访问量")
    await pilot.pause()


async def _marked_draft(pilot: Any) -> None:
    """A template draft, then 自然人 new requests changed to 99: the cited 58件 marked, n pressed."""
    app = pilot.app
    tabs = app.screen.query_one(TabbedContent)
    tabs.active = "tab-draft"
    await pilot.pause()
    app.screen.query_one("#draft-backend").value = "template"
    app.screen.set_focus(None)
    await pilot.press("d")
    await app.workers.wait_for_complete()
    await pilot.pause()
    tabs.active = "tab-requests"
    await pilot.pause()
    grid = app.screen.query_one("#grid-requests-requests", TableEditor)
    grid.focus()
    grid.go_to("requests.new.natural_person")
    await pilot.press("9", "9", "enter")
    await pilot.pause()
    tabs.active = "tab-draft"
    await pilot.pause()
    app.screen.query_one("#draft-body").focus()
    await pilot.press("n")
    await pilot.pause()


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
def test_fact_dialog(snap_compare: Any, data_file: Path, size: tuple[int, int]) -> None:
    assert snap_compare(CopilotApp(data_file), terminal_size=size, run_before=_fact_dialog)


def test_draft_with_a_changed_number_marked(snap_compare: Any, data_file: Path) -> None:
    assert snap_compare(CopilotApp(data_file), terminal_size=(80, 24), run_before=_marked_draft)
