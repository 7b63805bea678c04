"""Pilot tests of the modal dialogs at the sizes a clerk's terminal has: every button on screen and
reached with Tab, pressed with Enter, and the keys written in the dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Static, TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.screens.editors import Choice, FactEditor
from report_copilot.tui.screens.help import HelpScreen
from tests.tui.test_collect import open_grid

pytestmark = pytest.mark.anyio

SIZES = [(60, 20), (80, 24), (120, 40)]


async def open_fact_editor(app: CopilotApp, pilot: Any) -> FactEditor:
    app.screen.query_one("#tabs", TabbedContent).active = "tab-facts"
    await pilot.pause()
    app.screen.query_one("#facts").focus()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, FactEditor)
    return app.screen


def on_screen(app: CopilotApp, widget: Any) -> bool:
    """The widget is drawn whole inside the terminal (not clipped off its bottom or right edge)."""
    region = widget.region
    width, height = app.size
    return region.height > 0 and region.x >= 0 and region.right <= width and region.bottom <= height


def dialog_text(app: CopilotApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query(Static))


@pytest.mark.parametrize("size", SIZES, ids=["60x20", "80x24", "120x40"])
async def test_the_fact_dialog_buttons_are_on_screen_with_their_keys(
    data_file: Path, size: tuple[int, int]
) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=size) as pilot:
        dialog = await open_fact_editor(app, pilot)
        for button in dialog.query(Button):
            assert on_screen(app, button), f"{button.label} is off screen at {size}"
        text = dialog_text(app)
        assert "Tab" in text and "Esc" in text and "ctrl+s" in text


async def test_a_fact_is_added_with_keys_only_at_60x20(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(60, 20)) as pilot:
        before = len(app.session.value("facts"))
        dialog = await open_fact_editor(app, pilot)
        assert app.focused is dialog.query_one("#fact-id", Input)
        await pilot.press(*"platforms.visits", "tab", *"门户网站访问量", "tab", *"102400", "tab", *"人次")
        while app.focused is not None and app.focused.id != "fact-ok":
            await pilot.press("tab")
        ok = dialog.query_one("#fact-ok", Button)
        assert on_screen(app, ok)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FactEditor)
        facts = app.session.value("facts")
        assert len(facts) == before + 1
        assert facts[-1]["label"] == "门户网站访问量" and facts[-1]["value"] == 102400


async def test_a_refused_fact_keeps_the_dialog_and_shows_why_at_60x20(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(60, 20)) as pilot:
        dialog = await open_fact_editor(app, pilot)
        await pilot.press(*"x.y", "tab", *"某项", "tab", *"十万", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FactEditor)
        error = dialog.query_one("#fact-editor-error", Static)
        assert "数值" in str(error.render()) and on_screen(app, error)
        assert on_screen(app, dialog.query_one("#fact-ok", Button))
        await pilot.press("escape")
        assert not isinstance(app.screen, FactEditor)


async def test_the_fact_dialog_scrolls_and_keeps_its_buttons_on_a_very_short_terminal(
    data_file: Path,
) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(60, 12)) as pilot:
        dialog = await open_fact_editor(app, pilot)
        assert on_screen(app, dialog.query_one("#fact-ok", Button))
        last = dialog.query_one("#fact-section", Input)
        while app.focused is not last:
            await pilot.press("tab")
        await pilot.pause()
        assert on_screen(app, last), "the focused field scrolls into view"
        assert on_screen(app, dialog.query_one("#fact-ok", Button))


@pytest.mark.parametrize("size", SIZES, ids=["60x20", "80x24", "120x40"])
async def test_the_quit_question_fits_and_is_answered_with_tab_and_enter(
    data_file: Path, size: tuple[int, int]
) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=size) as pilot:
        await open_grid(app, pilot, "appeals", "appeals.review.other")
        await pilot.press("1", "enter", "q")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        for button in app.screen.query(Button):
            assert on_screen(app, button), f"{button.label} is off screen at {size}"
        assert "Enter" in dialog_text(app) and "Esc" in dialog_text(app)
        while app.focused is None or app.focused.id != "answer-cancel":
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Choice) and app.is_running


async def test_the_help_says_how_to_close_it(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Esc" in str(app.screen.query_one("#help").border_subtitle)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_format_question_fits_at_60x20_and_is_answered_with_keys(seed_file: Path) -> None:
    from textual.widgets import Select

    from report_copilot.tui.widgets.meta_form import field_widget_id

    app = CopilotApp(seed_file)
    async with app.run_test(size=(60, 20)) as pilot:
        app.screen.query_one(f"#{field_widget_id('meta.format')}", Select).value = "2021"
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        for button in app.screen.query(Button):
            assert on_screen(app, button), f"{button.label} is off screen"
        assert app.focused is not None and app.focused.id == "answer-yes"
        await pilot.press("right", "enter")  # 取消
        await pilot.pause()
        assert not isinstance(app.screen, Choice) and app.session.fmt.id == "2019"
