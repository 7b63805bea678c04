"""Pilot tests of the collect tabs: entering figures, live identities, refusal, findings, quitting."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.coordinate import Coordinate
from textual.widgets import Input, Static, TabbedContent

from report_copilot.tui.app import CopilotApp
from report_copilot.tui.autosave import autosave_path
from report_copilot.tui.screens.editors import Choice
from report_copilot.tui.session import EditSession
from report_copilot.tui.widgets.findings_panel import FindingsPanel
from report_copilot.tui.widgets.meta_form import field_widget_id
from report_copilot.tui.widgets.table_editor import TableEditor
from tests.tui.conftest import read

pytestmark = pytest.mark.anyio

SIZE = (80, 24)


async def open_grid(app: CopilotApp, pilot, table: str, cell_id: str) -> TableEditor:  # type: ignore[no-untyped-def]
    """Switch to a table's tab with the keyboard and put the cursor on a cell."""
    tabs = app.screen.query_one("#tabs", TabbedContent)
    while tabs.active != f"tab-{table}":
        await pilot.press("right_square_bracket")
    await pilot.pause()
    grid = next(g for g in app.screen.query(TableEditor) if cell_id in g.coordinate_of)
    grid.focus()
    grid.go_to(cell_id)
    await pilot.pause()
    return grid


async def paste(app: CopilotApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Deliver text as a terminal paste (how IME-composed Chinese often arrives) to the focused widget."""
    assert app.focused is not None
    app.post_message(events.Paste(text))
    await pilot.pause()


def cell_render(grid: TableEditor, cell_id: str) -> tuple[str, str]:
    row, column = grid.coordinate_of[cell_id]
    text = grid.get_cell_at(Coordinate(row, column))
    return text.plain, str(text.style)


async def test_typing_figures_into_cells(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_grid(app, pilot, "appeals", "appeals.review.upheld")
        await pilot.press("3", "enter")  # a digit starts typing into the cell, Enter stores it
        assert app.session.value("appeals.review.upheld") == 3
        assert cell_render(grid, "appeals.review.upheld")[0] == "3"
        # the cursor moved down a row, ready for the next figure
        assert grid.current_cell() == "appeals.direct_suit.upheld"
        # T4-1 breaks (the typed 总计 4 no longer adds up) and the total cell is marked
        findings = app.screen.query_one(FindingsPanel).findings
        assert [(f.rule, f.location) for f in findings] == [("T4-1", "appeals.review.total")]
        assert "red" in cell_render(grid, "appeals.review.total")[1]


async def test_identity_breaks_and_heals_with_cells_marked(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_grid(app, pilot, "requests", "requests.new.natural_person")
        panel = app.screen.query_one(FindingsPanel)
        assert panel.findings == []
        await pilot.press("enter")
        assert grid.editing == "requests.new.natural_person"
        assert cell_render(grid, "requests.new.natural_person")[0] == "58▏"  # typed in the cell itself
        await pilot.press("backspace", "9", "enter")
        assert {f.rule for f in panel.findings} == {"T3-1", "T3-2"}
        assert "on red" in cell_render(grid, "requests.new.natural_person")[1]
        assert "on red" in cell_render(grid, "requests.new.total")[1]
        assert "错误" in str(panel.border_title) and "2 个错误" in str(panel.border_title)
        grid.go_to("requests.new.natural_person")
        await pilot.press("5", "8", "enter")
        assert panel.findings == []
        assert "red" not in cell_render(grid, "requests.new.natural_person")[1]
        assert not app.session.dirty


async def test_invalid_input_is_refused_at_the_cell(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_grid(app, pilot, "requests", "requests.granted.business")
        where = app.screen.query_one("#where-requests", Static)
        await pilot.press("enter", "ctrl+u")
        await pilot.press(*"abc", "enter")
        assert grid.editing == "requests.granted.business", "typing goes on in the cell on refused text"
        error = str(where.render())
        assert "不能是文字" in error and "（一）予以公开" in error and "已保留原值" in error
        await pilot.press("escape")
        assert grid.editing is None
        assert app.session.value("requests.granted.business") == 4
        assert cell_render(grid, "requests.granted.business")[0] == "4"
        # a leading minus and a decimal are refused the same way
        await pilot.press("minus", "2", "enter")
        assert "不能为负数" in str(where.render())
        await pilot.press("escape", "enter", "ctrl+u", "1", "full_stop", "5", "enter")
        assert "不能有小数" in str(where.render())
        await pilot.press("escape")
        assert app.session.value("requests.granted.business") == 4
        assert not app.session.dirty and not autosave_path(data_file).exists()


async def test_choosing_a_finding_moves_the_cursor_to_its_cell(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_cell("requests.denied.third_party.business", "2")
        app.screen.refresh_checks()  # type: ignore[attr-defined]
        await pilot.pause()
        tabs = app.screen.query_one("#tabs", TabbedContent)
        assert tabs.active == "tab-meta"
        await pilot.press("escape", "f")  # Esc leaves the text field; f goes to the findings
        await pilot.press("enter")
        await pilot.pause()
        first = app.screen.query_one(FindingsPanel).findings[0]
        assert tabs.active == "tab-requests"
        grid = app.screen.query_one("#grid-requests-requests", TableEditor)
        assert grid.has_focus
        assert grid.current_cell() == first.location
        where = str(app.screen.query_one("#where-requests", Static).render())
        assert first.rule in where


async def test_meta_field_refused_keeps_old_value(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        field = app.screen.query_one(f"#{field_widget_id('meta.contact.postcode')}", Input)
        field.focus()
        await pilot.press("end", "backspace", "backspace", "enter")
        assert field.value == "335100"
        assert "已保留原值" in str(app.screen.query_one("#status", Static).render())
        agency = app.screen.query_one(f"#{field_widget_id('meta.agency')}", Input)
        agency.focus()
        await pilot.press("end")
        await paste(app, pilot, "（测试）")
        await pilot.press("enter")
        assert app.session.value("meta.agency") == "云溪市市场监督管理局（测试）"
        assert "（测试）" in app.screen.title


async def test_notes_are_autosaved_on_every_change(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one("#tabs", TabbedContent)
        tabs.active = "tab-facts"
        await pilot.pause()
        area = app.screen.query_one("#notes-text")
        area.focus()
        await pilot.press("ctrl+end", "enter")
        await paste(app, pilot, "新增一条要点：政务公开专栏改版")
        assert app.session.value("notes.preface")[-1] == "新增一条要点：政务公开专栏改版"
        app.session.flush()
        assert read(autosave_path(data_file))["notes"]["preface"][-1] == "新增一条要点：政务公开专栏改版"


async def test_crash_loses_nothing_and_reopening_restores(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot, "requests", "requests.new.business")
        await pilot.press("1", "0", "enter")
        app.session.flush()
        # The process is killed here: nothing after this point runs. Another process opens the file.
        survivor = EditSession.open(data_file)
        assert survivor.pending is not None and survivor.pending.data["requests"]["new"]["business"] == 10
        assert read(data_file)["requests"]["new"]["business"] == 9
    reopened = CopilotApp(data_file)
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")  # 恢复 (the dialog's own tests are in test_restore.py)
        await pilot.pause()
        assert reopened.session.value("requests.new.business") == 10
        assert "已恢复" in str(reopened.screen.query_one("#status", Static).render())


async def test_quit_asks_when_unsaved_and_can_save(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot, "appeals", "appeals.review.other")
        await pilot.press("1", "enter")
        await pilot.press("q")
        assert isinstance(app.screen, Choice)
        await pilot.press("c")
        assert not isinstance(app.screen, Choice) and app.is_running
        await pilot.press("q", "s")
        await pilot.pause()
    assert read(data_file)["appeals"]["review"]["other"] == 1
    assert not autosave_path(data_file).exists()


async def test_quit_without_changes_does_not_ask(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_save_with_ctrl_s(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot, "active", "active.penalty.decisions")
        await pilot.press("delete")
        assert app.session.value("active.penalty.decisions") is None
        assert "T3-4" in {f.rule for f in app.screen.query_one(FindingsPanel).findings}
        await pilot.press("ctrl+s")
        assert "已保存" in app.screen.sub_title
    assert read(data_file)["active"]["penalty"]["decisions"] is None


async def test_help_screen_lists_the_keys(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        from report_copilot.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_2019_report_shows_its_own_tables(seed_file: Path) -> None:
    app = CopilotApp(seed_file)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_grid(app, pilot, "active", "active.procurement.amount")
        assert cell_render(grid, "active.procurement.amount")[0].endswith("元")
        await pilot.press("enter", "ctrl+u", *"25.1万元", "enter")
        assert app.session.value("active.procurement.amount") == {"value": 25.1, "unit": "万元"}
        # the seed's real T4-1 error is listed
        assert "T4-1" in {f.rule for f in app.screen.query_one(FindingsPanel).findings}


async def test_adding_a_fact_through_the_editor(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#tabs", TabbedContent).active = "tab-facts"
        await pilot.pause()
        facts_table = app.screen.query_one("#facts")
        facts_table.focus()
        before = len(app.session.value("facts"))
        await pilot.press("a")
        from report_copilot.tui.screens.editors import FactEditor

        assert isinstance(app.screen, FactEditor)
        app.screen.query_one("#fact-id", Input).value = "platforms.visits"
        app.screen.query_one("#fact-label", Input).value = "门户网站访问量"
        app.screen.query_one("#fact-value", Input).value = "十万"  # refused: not a number
        app.screen.query_one("#fact-unit", Input).value = "人次"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FactEditor), "a refused fact keeps the dialog open"
        assert "数值" in str(app.screen.query_one("#fact-editor-error", Static).render())
        assert len(app.session.value("facts")) == before
        app.screen.query_one("#fact-value", Input).value = "102400"
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, FactEditor)
        facts = app.session.value("facts")
        assert len(facts) == before + 1 and facts[-1]["value"] == 102400 and facts[-1]["unit"] == "人次"
        assert facts_table.row_count == before + 1


def test_notes_round_trip_through_an_external_editor() -> None:
    from report_copilot.tui.widgets.facts_notes import edit_externally

    seen: list[list[str]] = []

    def fake_editor(argv: list[str]) -> int:
        seen.append(argv)
        path = Path(argv[-1])
        path.write_text(path.read_text(encoding="utf-8") + "\n第三条要点", encoding="utf-8")
        return 0

    out = edit_externally("第一条\n第二条", "vim -n", run=fake_editor)
    assert out == "第一条\n第二条\n第三条要点"
    assert seen[0][:2] == ["vim", "-n"]


async def test_switching_the_format_rebuilds_the_tables(seed_file: Path) -> None:
    app = CopilotApp(seed_file)
    async with app.run_test(size=SIZE) as pilot:
        from textual.widgets import Select

        app.screen.query_one(f"#{field_widget_id('meta.format')}", Select).value = "2021"
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("y")
        for _ in range(5):
            await pilot.pause()
        assert app.session.fmt.id == "2021"
        grids = list(app.screen.query(TableEditor))
        cells = {cid for grid in grids for cid in grid.coordinate_of}
        assert "active.regulations.abolished" in cells and "active.procurement.amount" not in cells
        assert "X-1" in {f.rule for f in app.screen.query_one(FindingsPanel).findings}
        assert "备份" in str(app.screen.query_one("#status", Static).render())


async def test_keyboard_only_tab_switch_then_type(data_file: Path) -> None:
    """A clerk switches tab with ] and types at once: the cursor starts on the first figure."""
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one("#tabs", TabbedContent)
        while tabs.active != "tab-requests":
            await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("down", "7", "enter")
        assert app.session.value("requests.carried_over.natural_person") == 7
        assert any(f.rule == "T3-1" for f in app.screen.query_one(FindingsPanel).findings)


async def test_fast_typing_reaches_the_cell_editor(data_file: Path) -> None:
    """ "60⏎" typed faster than the editor opens still lands in the cell, in order."""
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_grid(app, pilot, "requests", "requests.new.natural_person")
        for key, char in (("6", "6"), ("0", "0"), ("enter", None)):
            grid.post_message(events.Key(key, char))  # queued at once, no pause between keys
        for _ in range(100):  # wait (bounded) for the keys to be handled
            await pilot.pause(0.05)
            if app.session.value("requests.new.natural_person") == 60:
                break
        assert app.session.value("requests.new.natural_person") == 60
        assert grid.editing is None
