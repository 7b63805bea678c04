"""Pilot tests of what a clerk does by hand: paste blocks from Excel, undo/redo, edit the draft itself."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Static, TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.draft_editor import DraftEditor
from report_copilot.tui.widgets.findings_panel import FindingsPanel
from report_copilot.tui.wording import keys_not_flags
from tests.tui.test_collect import open_grid
from tests.tui.test_work import draft

pytestmark = pytest.mark.anyio

SIZE = (80, 24)


def status(app: CopilotApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def paste(app: CopilotApp, pilot: Any, text: str) -> None:
    app.post_message(events.Paste(text))
    await pilot.pause()


async def test_an_excel_block_fills_rows_and_columns_and_undoes_in_one_step(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot, "requests", "requests.new.natural_person")
        before = json.loads(json.dumps(app.session.data))
        await paste(app, pilot, "5\t6\t7\r\n1\t2\t3\r\n")
        assert [
            app.session.value(f"requests.new.{c}") for c in ("natural_person", "business", "research")
        ] == [
            5,
            6,
            7,
        ]
        assert app.session.value("requests.carried_over.business") == 2
        assert "2 行 3 列" in status(app)
        await pilot.press("ctrl+z")
        assert app.session.data == before, "one ctrl+z takes back the whole paste"
        await pilot.press("ctrl+y")
        assert app.session.value("requests.carried_over.research") == 3


async def test_a_paste_running_off_the_table_or_with_text_changes_nothing(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_grid(app, pilot, "requests", "requests.new.natural_person")
        before = json.loads(json.dumps(app.session.data))
        await paste(app, pilot, "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\n")  # wider than the table
        assert app.session.data == before
        assert "超出了表格" in status(app) and "未粘贴" in status(app)
        await paste(app, pilot, "1\t2\nx\t4\n")
        assert app.session.data == before
        assert "未粘贴" in status(app) and "不能是文字" in status(app)
        # typing still works afterwards, in the cell under the cursor
        await pilot.press("9", "enter")
        assert app.session.value("requests.new.natural_person") == 9
        assert grid.editing is None


async def test_cell_edits_undo_and_redo(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot, "requests", "requests.new.natural_person")
        old = app.session.value("requests.new.natural_person")
        await pilot.press("7", "enter", "8", "enter")
        assert app.session.value("requests.carried_over.natural_person") == 8
        await pilot.press("ctrl+z")
        assert app.session.value("requests.carried_over.natural_person") != 8
        assert app.session.value("requests.new.natural_person") == 7
        await pilot.press("ctrl+z")
        assert app.session.value("requests.new.natural_person") == old
        await pilot.press("ctrl+z")
        assert "没有可撤销" in status(app)
        await pilot.press("ctrl+y", "ctrl+y")
        assert app.session.value("requests.carried_over.natural_person") == 8


async def test_typing_on_a_subtotal_row_says_why_nothing_happens(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_grid(app, pilot, "requests", "requests.new.natural_person")
        group_row = min(grid._groups)
        grid.move_cursor(row=group_row, column=1)
        await pilot.pause()
        before = json.loads(json.dumps(app.session.data))
        await pilot.press("5")
        assert "分组小计" in status(app)
        assert app.session.data == before and grid.editing is None


async def test_after_switching_tabs_the_grid_has_the_focus(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one("#tabs", TabbedContent)
        while tabs.active != "tab-active":
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.focused is not None and app.focused.id is not None
        assert app.focused.id.startswith("grid-active")


async def test_the_draft_is_edited_in_place_checked_live_and_saved_as_a_version(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await draft(app, pilot)
        bound = next(
            m
            for m in screen.draft_result.check.mentions
            if m.verdict == "bound" and re.match(r"\d+", m.text) and m.block > 1
        )
        digits = re.match(r"\d+", bound.text).group()  # type: ignore[union-attr]
        app.screen.query_one("#draft-body").focus()
        await pilot.press("i")
        await pilot.pause()
        editor = app.screen.query_one(DraftEditor)
        assert editor.display and editor.has_focus
        # change one bound number to a wrong one: it is re-checked and painted red, with its expected value
        row = next(i for i, line in enumerate(editor.document.lines) if bound.sentence[:8] in line)
        line = editor.document.lines[row]
        col = line.index(bound.text)
        wrong = str(int(digits) + 1)
        editor.replace(wrong, (row, col), (row, col + len(digits)))
        editor.move_cursor((row, col))
        await pilot.pause(0.5)
        screen.recheck_editor()  # what the timer does after a pause in typing
        await pilot.pause()
        assert any(name == "verdict.mismatch" for _s, _e, name in editor._highlights[row])
        hint = str(app.screen.query_one("#draft-binding", Static).render())
        assert wrong in hint and f"应为 {digits}" in hint
        await pilot.press("ctrl+s")
        history = data_file.parent / "drafts" / ".history" / data_file.stem
        versions = sorted(history.glob("*.md"))
        assert len(versions) == 2 and wrong in versions[-1].read_text(encoding="utf-8")
        record = json.loads((history / f"{versions[-1].stem}.provenance.json").read_text(encoding="utf-8"))
        assert record["backend"] == "手工修改" and record["check"]["ok"] is False
        assert (data_file.parent / "drafts" / f"{data_file.stem}.md").read_text(
            encoding="utf-8"
        ) == editor.text
        assert not screen.draft_result.ok  # the export gate reads the edited draft
        await pilot.press("escape")
        assert not editor.display


async def test_a_data_edit_rechecks_the_draft_at_once(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await draft(app, pilot)
        assert screen.draft_result.ok
        await open_grid(app, pilot, "requests", "requests.new.natural_person")
        await pilot.press("9", "9", "enter")
        assert not screen.draft_result.ok, "the draft's old figure no longer matches"
        assert "核对结果随之变化" in status(app)


async def test_reopening_shows_the_existing_draft(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await draft(app, pilot)
    again = CopilotApp(data_file)
    async with again.run_test(size=SIZE) as pilot:
        again.screen.query_one(TabbedContent).active = "tab-draft"
        await pilot.pause()
        title = str(again.screen.query_one("#draft-body").border_title)
        assert "已有文件" in title and "尚未起草" not in title
        assert again.screen.draft_result is not None
        panel = again.screen.query_one(FindingsPanel)
        assert str(panel.border_title).count("问题：") == 1


def test_messages_name_keys_not_flags() -> None:
    assert (
        keys_not_flags("核对未通过；加 --force 可强制导出")
        == "核对未通过；加 勾选“导出”页的“强制导出” 可强制导出"
    )
    assert "--" not in keys_not_flags("未读取上年报告（--previous 2023.json）")
    assert "离线模板" in keys_not_flags("可改用 --backend template")
    refused = keys_not_flags("a.docx 已存在，为免覆盖未写入；确需覆盖请加 --overwrite，或用 -o 另选文件名")
    assert refused == "a.docx 已存在，为免覆盖未写入；请先移走或改名该文件，再导出"
