"""Snapshots of the main screens at 80×24 and 120×40 (pytest-textual-snapshot).

Update only after looking at the SVGs: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.table_editor import TableEditor


def _app(path: Path) -> CopilotApp:
    return CopilotApp(path)


async def _broken_requests(pilot: Any) -> None:
    """依申请公开 with one figure changed: T3-1/T3-2 broken, the cursor on the changed cell."""
    app = pilot.app
    app.screen.query_one(TabbedContent).active = "tab-requests"
    await pilot.pause()
    grid = app.screen.query_one("#grid-requests-requests", TableEditor)
    grid.focus()
    grid.go_to("requests.new.business")
    await pilot.press("1", "1", "enter", "up")
    await pilot.pause()


async def _drafted(pilot: Any) -> None:
    app = pilot.app
    app.screen.query_one(TabbedContent).active = "tab-draft"
    await pilot.pause()
    app.screen.query_one("#draft-backend").value = "template"
    app.screen.set_focus(None)
    await pilot.press("d")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _export_refused(pilot: Any) -> None:
    app = pilot.app
    app.session.set_cell("appeals.review.upheld", "3")
    await _drafted(pilot)
    await pilot.press("e", "e")
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
def test_meta_tab(snap_compare: Any, data_file: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(data_file), terminal_size=size)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
def test_requests_tab_with_a_broken_identity(
    snap_compare: Any, data_file: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(_app(data_file), terminal_size=size, run_before=_broken_requests)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
def test_draft_tab(snap_compare: Any, data_file: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(data_file), terminal_size=size, run_before=_drafted)


def test_export_gate_refusing(snap_compare: Any, data_file: Path) -> None:
    assert snap_compare(_app(data_file), terminal_size=(80, 24), run_before=_export_refused)
