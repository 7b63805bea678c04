"""Pilot tests of live verdicts in the draft: after a data edit, the numbers whose verdict changed are
marked in the draft view and in the draft editor (▶, reversed, with the new verdict and the expected
value), n / ctrl+n goes from one to the next, and the marks go when seen (c, typing, the next edit).
A wrong number carries its expected value and official place, an unsupported one is underlined."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static, TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.draft_editor import VERDICT_HIGHLIGHTS, DraftEditor
from report_copilot.tui.widgets.draft_view import VERDICT_STYLES, DraftView
from tests.tui.test_collect import open_grid
from tests.tui.test_work import body_texts, draft

pytestmark = pytest.mark.anyio

SIZE = (80, 24)
CITED = "requests.new.natural_person"
"""A cell the template draft cites (自然人申请58件); 99 makes that number wrong."""
NOT_CITED = "appeals.review.other"
"""A cell no sentence of the template draft cites."""


def place_in_editor(editor: DraftEditor, screen: Any, mention: Any) -> tuple[int, int]:
    """Where a number of the checked draft is in the editor's Markdown: (row, column)."""
    block = screen.draft_result.draft.blocks[mention.block].text
    row = next(i for i, line in enumerate(editor.document.lines) if block in line)
    return row, editor.document.lines[row].index(block) + mention.start


def status(app: CopilotApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def binding_line(app: CopilotApp) -> str:
    return str(app.screen.query_one("#draft-binding", Static).render())


async def edit_cell(app: CopilotApp, pilot: Any, cell_id: str, digits: str) -> None:
    await open_grid(app, pilot, cell_id.split(".", 1)[0], cell_id)
    await pilot.press(*digits, "enter")
    await pilot.pause()


async def show_draft_tab(app: CopilotApp, pilot: Any) -> DraftView:
    app.screen.query_one(TabbedContent).active = "tab-draft"
    await pilot.pause()
    app.screen.query_one("#draft-body", OptionList).focus()
    await pilot.pause()
    return app.screen.query_one(DraftView)


async def test_a_cell_edit_marks_the_changed_number_in_the_draft_view(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await draft(app, pilot)
        cited = next(m for m in screen.draft_result.check.mentions if str(m.ref) == CITED)
        await edit_cell(app, pilot, CITED, "99")
        assert "1个数字的核对结果随之变化" in status(app) and "按n逐个查看，按c清除" in status(app)
        view = await show_draft_tab(app, pilot)
        assert list(view.changed) == [(cited.block, cited.start)]
        block = body_texts(app)[cited.block].plain
        assert f"▶{cited.text}〔一致→不符，应为 99件〕" in block
        body = app.screen.query_one("#draft-body", OptionList)
        assert "n 下一处" in str(body.border_subtitle) and "c 清除" in str(body.border_subtitle)
        # n goes to it: its sentence highlighted, its line in the list, what it should be underneath
        await pilot.press("n")
        await pilot.pause()
        assert body.highlighted == cited.block
        listing = app.screen.query_one("#draft-mentions", OptionList)
        assert listing.highlighted is not None and "▶" in str(
            listing.get_option_at_index(listing.highlighted).prompt
        )
        line = binding_line(app)
        assert "▶" in line and "应为 99件" in line and cited.text in line
        # c: seen, the marks go; the wrong number keeps its verdict and expected value
        await pilot.press("c")
        await pilot.pause()
        assert not view.changed and not body.border_subtitle
        block = body_texts(app)[cited.block].plain
        assert "▶" not in block and f"{cited.text}〔应为 99件〕" in block


async def test_the_next_edit_clears_the_marks_of_the_last(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await draft(app, pilot)
        await edit_cell(app, pilot, CITED, "99")
        view = app.screen.query_one(DraftView)
        assert view.changed
        await edit_cell(app, pilot, NOT_CITED, "1")
        assert not view.changed, "the numbers this edit changed: none"
        assert not any("▶" in t.plain for t in body_texts(app))
        assert "随之变化" not in status(app)


async def test_a_cell_edit_marks_the_changed_number_in_the_draft_editor(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await draft(app, pilot)
        cited = next(m for m in screen.draft_result.check.mentions if str(m.ref) == CITED)
        app.screen.query_one("#draft-body", OptionList).focus()
        await pilot.press("i")
        await pilot.pause()
        editor = app.screen.query_one(DraftEditor)
        row, start = place_in_editor(editor, screen, cited)
        # a figure changes while the draft is open in the editor (as the screen hears of any data edit)
        app.session.set_cell(CITED, "99")
        screen.after_edit("已填入")
        await pilot.pause()
        assert editor.changed == {(row, start): "bound"}
        names = [
            name
            for s, _e, name in editor._highlights[row]
            if s == len(editor.document.lines[row][:start].encode())
        ]
        assert names == ["verdict.mismatch", "verdict.changed"]
        assert "ctrl+n" in str(editor.border_subtitle) and "按ctrl+n逐个查看" in status(app)
        editor.move_cursor((0, 0))
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert editor.cursor_location == (row, start)
        line = binding_line(app)
        assert "▶" in line and "一致→不符，应为 99件" in line and "自然人" in line
        # typing is the next edit: the marks go (their offsets no longer hold)
        await pilot.press("end", "x")
        await pilot.pause()
        assert not editor.changed and not editor.border_subtitle


async def test_wrong_and_unsupported_numbers_at_80x24(data_file: Path) -> None:
    """A wrong number: its expected value and official place in both views; an unsupported one underlined."""
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await draft(app, pilot)
        cited = next(m for m in screen.draft_result.check.mentions if str(m.ref) == CITED)
        app.session.set_cell(CITED, "99")
        screen.after_edit("已填入")
        await show_draft_tab(app, pilot)
        await pilot.press("c")  # seen: the change mark goes, the verdict stays
        await pilot.pause()
        assert f"{cited.text}〔应为 99件〕" in body_texts(app)[cited.block].plain
        listing = app.screen.query_one("#draft-mentions", OptionList)
        wrong = str(listing.get_option_at_index(0).prompt)
        assert "应为 99件" in wrong and "一、本年新收政府信息公开申请数量 › 自然人" in wrong
        assert VERDICT_HIGHLIGHTS["unsupported"].underline
        # the editor: an invented figure is underlined, the wrong one named with what it should be
        await pilot.press("i")
        await pilot.pause()
        editor = app.screen.query_one(DraftEditor)
        editor.insert("本局共收到群众来信137封。\n", (0, 0))
        screen.recheck_editor()
        await pilot.pause()
        assert [name for _s, _e, name in editor._highlights[0]] == ["verdict.unsupported"]
        row, _start = place_in_editor(editor, screen, cited)
        editor.move_cursor((row, 0))
        await pilot.pause()
        line = binding_line(app)
        assert f"「{cited.text}」不符，应为 99件" in line and "自然人" in line
        # saved and back in the view: the invented figure is underlined there too
        await pilot.press("escape")
        await pilot.pause()
        invented = next(m for m in screen.draft_result.check.mentions if m.text == "137封")
        assert str(invented.verdict) == "unsupported"
        spans = [
            s
            for s in body_texts(app)[invented.block].spans
            if (s.start, s.end) == (invented.start, invented.end)
        ]
        assert (
            spans
            and "underline" in str(spans[0].style)
            and str(spans[0].style) == VERDICT_STYLES["unsupported"]
        )
