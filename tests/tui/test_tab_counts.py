"""Tab labels carry their error counts and follow every re-validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from report_copilot.checks.findings import Finding
from report_copilot.model.formats import load_format
from report_copilot.tui.app import CopilotApp
from report_copilot.tui.tab_counts import error_counts, pane_of, tab_label
from report_copilot.tui.widgets.table_editor import TableEditor

pytestmark = pytest.mark.anyio


def label(app: CopilotApp, pane_id: str) -> str:
    return app.screen.query_one("#tabs", TabbedContent).get_tab(pane_id).label.plain


async def type_into(app: CopilotApp, pilot: object, cell: str, keys: tuple[str, ...]) -> None:
    grid = app.screen.query_one("#grid-requests-requests", TableEditor)
    grid.focus()
    grid.go_to(cell)
    await pilot.press(*keys, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_requests_tab_counts_its_errors_and_clears_when_fixed(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        tabs.active = "tab-requests"
        await pilot.pause()
        assert label(app, "tab-requests") == "依申请公开"
        before = str(app.session.value("requests.new.business"))
        await type_into(app, pilot, "requests.new.business", ("1", "1"))
        fmt = app.session.fmt
        errors = [
            f
            for f in app.session.result.check.findings
            if f.severity == "error" and pane_of(f, fmt) == "tab-requests"
        ]
        assert errors
        assert label(app, "tab-requests") == f"依申请公开 ({len(errors)})"
        assert label(app, "tab-meta") == "基本信息"
        await type_into(app, pilot, "requests.new.business", tuple(before))
        assert label(app, "tab-requests") == "依申请公开"


def test_findings_outside_the_tables_count_on_their_own_tabs(data_file: Path) -> None:
    fmt = load_format("2021")
    found = [
        Finding(rule="M-1", severity="error", location="meta.period_end", message="m"),
        Finding(rule="F-1", severity="error", location="facts[0].count", message="f"),
        Finding(rule="F-2", severity="warning", location="facts[1].count", message="w"),
        Finding(rule="T3-1", severity="error", location="x", cells=["requests.new.business"], message="t"),
    ]
    counts = error_counts(found, fmt)
    assert dict(counts) == {"tab-meta": 1, "tab-facts": 1, "tab-requests": 1}
    assert tab_label("事实与要点", counts["tab-facts"]) == "事实与要点 (1)"
    assert tab_label("复议诉讼", counts["tab-appeals"]) == "复议诉讼"
