"""The main screen: one tab per step, the findings panel below, and the mediation between them.

Widgets never talk to each other: they post messages (`tui/messages.py`) that arrive here; this
screen calls the session (edits, checks, autosave) or the service, then pushes the new state down
into every widget (`show…` methods).
"""

from __future__ import annotations

import copy
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static, TabbedContent, TabPane

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError
from report_copilot.model.formats import CellDef, TableDef
from report_copilot.tui.messages import (
    CellFocused,
    EditChanged,
    FactEditRequested,
    FactsEdited,
    FieldEdited,
    FormatChosen,
    NotesEdited,
    PasteRequested,
)
from report_copilot.tui.screens.comparing import Comparing
from report_copilot.tui.screens.draft_editing import DraftEditing
from report_copilot.tui.screens.draft_findings import DraftFindings
from report_copilot.tui.screens.drafting import Drafting
from report_copilot.tui.screens.editors import Choice, FactEditor
from report_copilot.tui.screens.exporting import Exporting
from report_copilot.tui.screens.navigation import Navigation
from report_copilot.tui.screens.restore import offer_restore
from report_copilot.tui.screens.work import WorkTabs
from report_copilot.tui.session import EditSession
from report_copilot.tui.tab_counts import tab_labels, tab_names, table_pane_id
from report_copilot.tui.undo import UndoStack, paste_into
from report_copilot.tui.widgets.after_paint import AfterPaint
from report_copilot.tui.widgets.draft_editor import DraftEditor
from report_copilot.tui.widgets.facts_notes import FactsTable, NotesEditor
from report_copilot.tui.widgets.findings_panel import FindingsPanel
from report_copilot.tui.widgets.meta_form import MetaForm, field_widget_id
from report_copilot.tui.widgets.steady_tabs import SteadyTabs
from report_copilot.tui.widgets.table_editor import TableEditor
from report_copilot.tui.wording import keys_not_flags

KIND_HINTS = {
    "count": "非负整数",
    "signed": "整数（减少时写负数，如 -3）",
    "amount": "非负数，可有小数",
    "money": "金额，如 251000元 或 25.1万元",
}


def kind_hint(cell: CellDef) -> str:
    hint = KIND_HINTS[cell.kind]
    if cell.unit:
        hint += f"（单位：{cell.unit}）"
    if cell.is_total:
        hint += "；合计栏留空则自动计算"
    return hint


class MainScreen(
    DraftEditing, Comparing, Navigation, Drafting, DraftFindings, Exporting, WorkTabs, Screen[None]
):
    """Collect (基本信息 … 事实与要点), then draft, compare and export."""

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("ctrl+z", "undo", "撤销", show=False),
        Binding("ctrl+y", "redo", "重做", show=False),
        Binding("question_mark", "help", "帮助", key_display="?"),
        Binding("d", "draft", "起草"),
        Binding("e", "export", "导出"),
        Binding("x", "cancel_draft", "停止起草"),
        Binding("f", "focus_findings", "问题列表"),
        Binding("v", "toggle_findings", "展开/收起问题", show=False),
        Binding("left_square_bracket", "switch_tab(-1)", "上一页", key_display="["),
        Binding("right_square_bracket", "switch_tab(1)", "下一页", key_display="]"),
        Binding("q", "quit_app", "退出"),
    ]

    def __init__(self, session: EditSession, service: Any) -> None:
        super().__init__()
        self.session = session
        self.service = service
        self.draft_data_pending: dict[str, Any] | None = None
        self.undo = UndoStack()
        self._versions: dict[int, Any] = {}

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        fmt = self.session.fmt
        self._tab_names = tab_names(fmt)  # their labels add the error count (see _label_tabs)
        yield Header()
        with SteadyTabs(id="tabs"):
            with TabPane(self._tab_names["tab-meta"], id="tab-meta"):
                yield MetaForm(self.session.value, id="meta-form")
            # Tabs not shown first are mounted just after the first frame is shown, so the app opens fast.
            for table in fmt.tables:
                with TabPane(self._tab_names[table_pane_id(table)], id=table_pane_id(table)):
                    yield AfterPaint(self._table_pane(table))
            with TabPane(self._tab_names["tab-facts"], id="tab-facts"):
                yield AfterPaint(
                    Vertical(
                        FactsTable(self._facts_state, id="facts"),
                        NotesEditor(self._notes_of, id="notes"),
                        id="facts-notes",
                    )
                )
            yield from self.compose_work_tabs()
        yield FindingsPanel(id="findings")
        yield Static("", id="status")
        yield Footer()

    def _table_pane(self, table: TableDef) -> Vertical:
        """One official table: its title, each block's grid (drawn from the format), the where-line."""
        single = len(table.blocks) == 1
        parts: list[Widget] = [Static(table.title, classes="table-title")]
        for block in table.blocks:
            if block.caption:
                parts.append(Static(block.caption, classes="block-caption"))
            parts.append(
                TableEditor(
                    table, block, self._grid_state, self.commit_cell, id=f"grid-{table.id}-{block.id}"
                )
            )
        if table.note:
            parts.append(Static(table.note, classes="table-note"))
        container = Vertical if single else VerticalScroll
        body = container(*parts, classes="table-pane" + (" single-block" if single else ""))
        return Vertical(body, Static("", id=f"where-{table.id}", classes="where"), classes="table-tab")

    def _grid_state(self) -> tuple[Any, Any, dict[str, str]]:
        """What a grid shows: values (given and computed), raw stored values, finding marks."""
        result = self.session.result
        return result.values, self.session.value, result.marks()

    def _facts_state(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        facts = self.session.value("facts")
        return (facts if isinstance(facts, list) else []), self.session.result.marks()

    def on_mount(self) -> None:
        self.refresh_checks(force=True)
        if not offer_restore(self):  # an autosave newer than the file: 恢复 / 丢弃 / 对比
            self.say("方向键移动，Enter 编辑，? 帮助。修改会自动保存到隐藏的备份文件。")

    def _notes_of(self, section: str) -> list[str]:
        value = self.session.value(f"notes.{section}")
        return [str(x) for x in value] if isinstance(value, list) else []

    # ------------------------------------------------------------------ state → widgets
    def refresh_checks(self, force: bool = False) -> None:
        """Push the latest values and findings into every widget."""
        result = self.session.result
        findings = result.check.findings
        marks = result.marks()
        for editor in self.query(TableEditor):
            editor.show(result.values, self.session.value, marks)
            if editor.has_focus:
                self.show_where(editor.table_def.id, editor.current_cell(), "")
        for facts_table in self.query(FactsTable):
            facts_table.show_facts(*self._facts_state())
        if self.panel_mode == "data":
            self.query_one(FindingsPanel).show_findings(findings)
        self._label_tabs(findings)
        self._show_title()
        self._show_previous()

    def _label_tabs(self, findings: list[Finding]) -> None:
        """Each data tab's label carries its error count, so the clerk sees where errors remain."""
        tabs = self.query_one("#tabs", TabbedContent)
        for pane_id, label in tab_labels(self._tab_names, findings, self.session.fmt).items():
            if (tab := tabs.get_tab(pane_id)).label.plain != label:
                tab.label = label

    def _show_title(self) -> None:
        meta = self.session.value("meta") or {}
        fmt = self.session.fmt
        self.title = f"{meta.get('agency') or '（未填机关名称）'} {meta.get('year') or ''} 年度"
        # the save state comes first and short: the header crops from the right at 60 or 80 columns
        state = "未保存" if self.session.dirty else "已保存"
        self.sub_title = f"{state} · {fmt.name} · {self.session.path.name}"

    def _show_previous(self) -> None:
        report = self.session.result.report
        prev = report.previous_report if report is not None else None
        if prev is not None:
            text = f"已读取上年报告：{prev.meta.agency} {prev.meta.year} 年度（用于跨年度核对）"
        elif self.session.value("previous"):
            text = "上年报告未能读取，见问题列表"
        else:
            text = "未指定上年报告：结转（T3-5）与现行有效件数（T2-1）无法跨年度核对"
        self.query_one(MetaForm).show_previous(text)

    def say(self, text: str, severity: str = "information") -> None:
        """The status line under the findings (and a toast for errors)."""
        status = self.query_one("#status", Static)
        status.set_class(severity == "error", "error-text")
        status.set_class(severity == "warning", "warning-text")
        text = keys_not_flags(text)
        status.update(Text(text))
        if severity == "error":
            self.notify(text, severity="error", timeout=6)

    # ------------------------------------------------------------------ cell editing
    def commit_cell(self, cell_id: str, text: str) -> str | None:
        """Store text typed into a grid cell (called by the grid, in key order); the reason if refused."""
        before = copy.deepcopy(self.session.data)
        try:
            self.session.set_cell(cell_id, text)
        except CopilotError as exc:
            return exc.message
        where = self.cell_label(cell_id)
        self.undo.push(before, self.session.data, f"填入 {where}")
        self.after_edit(f"已填入：{where} = {text.strip() or '（空白）'}")
        return None

    def cell_label(self, cell_id: str) -> str:
        """A cell as the official table names it (table › row › column)."""
        return self.session.fmt.cell(cell_id).where

    def on_edit_changed(self, message: EditChanged) -> None:
        """The line under the grid follows the typing: the cell, the text, why Enter was refused."""
        if message.cell_id is None:
            if message.error:
                self.say(message.error, "warning")
            return
        cell = self.session.fmt.cell(message.cell_id)
        text = Text(f"{cell.where.split(' › ', 1)[-1]} ＝ {message.text}▏", style="bold")
        if message.error:
            text.append(f"　{message.error}", style="bold red")
        else:
            text.append(f"　（{kind_hint(cell)}；Enter 确认，Esc 取消）", style="dim")
        for line in self.query(f"#where-{message.table_id}"):
            if isinstance(line, Static):
                line.update(text)

    def on_paste_requested(self, message: PasteRequested) -> None:
        """A value or a block copied from Excel/WPS: every cell filled in one step, or none."""
        grid = next((g for g in self.query(TableEditor) if message.cell_id in g.coordinate_of), None)
        if grid is None:
            return
        outcome = paste_into(self.session, grid, message.cell_id, message.text, self.cell_label)
        if outcome.error:
            self.say(outcome.error, "error")
            return
        self.undo.push(outcome.before, self.session.data, outcome.summary)
        self.after_edit(outcome.summary + "（ctrl+z 撤销）")

    def action_undo(self) -> None:
        self._undo_redo(self.undo.undo(self.session.data), "已撤销")

    def action_redo(self) -> None:
        self._undo_redo(self.undo.redo(self.session.data), "已重做")

    def _undo_redo(self, step: tuple[dict[str, Any], str] | None, verb: str) -> None:
        if step is None:
            self.say(f"没有可{verb.removeprefix('已')}的修改。", "warning")
            return
        data, label = step
        self.session.replace_data(data)
        self.after_edit(f"{verb}：{label}")

    def after_edit(self, text: str) -> None:
        self.refresh_checks()
        draft_note = ""
        if self.draft_result is not None:
            draft_note = self.recheck_draft_after_data_edit()
            self.show_gate()
        if self.session.autosave_error:
            self.say(self.session.autosave_error, "error")
        else:
            # the draft's news first: a long cell path would crop it off an 80-column status line
            self.say(f"{draft_note}{text}", "warning" if draft_note else "information")

    def on_cell_focused(self, message: CellFocused) -> None:
        self.show_where(message.table_id, message.cell_id, message.label)

    def show_where(self, table_id: str, cell_id: str | None, label: str) -> None:
        """The line under a grid: the official path of the cursor cell, its kind, and its rules."""
        if cell_id is None:
            text = label
        else:
            cell = self.session.fmt.cell(cell_id)
            where = cell.where.split(" › ", 1)[-1]  # the table title is shown above the grid
            text = f"{where}（{kind_hint(cell)}）"
            problems = [f for f in self.session.result.check.findings if cell_id in f.cells]
            if problems:
                text += f"　[{'、'.join(sorted({f.rule for f in problems}))}]"
        for line in self.query(f"#where-{table_id}"):
            if isinstance(line, Static):
                line.update(Text(text))

    # ------------------------------------------------------------------ other fields
    def on_field_edited(self, message: FieldEdited) -> None:
        try:
            self.session.set_field(message.path, message.value)
        except CopilotError as exc:
            self.query_one(MetaForm).reset_field(message.path)
            self.say(exc.message, "error")
            return
        self.after_edit(f"已修改：{message.path}")

    def on_format_chosen(self, message: FormatChosen) -> None:
        from report_copilot.model.formats import load_format

        new = load_format(message.format_id)
        filled = sum(1 for cid in self.session.fmt.cells if self.session.value(cid) is not None)
        question = (
            f"改用{new.name}（{new.document}）？两种格式共有的单元格保留数值；"
            f"其余已填数据另存到 {self.session.backup_path_for(self.session.fmt.id).name}。"
            f"（已填 {filled} 格）"
        )

        def answered(answer: str | None) -> None:
            if answer != "yes":
                self.query_one(MetaForm).reset_field("meta.format")
                return
            dropped = self.session.change_format(new.id)
            self.app.call_later(self._rebuild, dropped)

        self.app.push_screen(Choice(question, [("yes", "改用", "y"), ("cancel", "取消", "n")]), answered)

    async def _rebuild(self, dropped: int) -> None:
        await self.recompose()
        self.refresh_checks(force=True)
        note = f"；{dropped} 格在新格式中没有位置，已另存备份" if dropped else ""
        self.say(f"已改用{self.session.fmt.name}{note}", "warning" if dropped else "information")

    def on_facts_edited(self, message: FactsEdited) -> None:
        try:
            self.session.set_facts(message.facts)
        except CopilotError as exc:
            self.say(exc.message, "error")
            return
        self.after_edit("已更新支撑数据")

    def on_fact_edit_requested(self, message: FactEditRequested) -> None:
        facts = list(self.session.value("facts") or [])
        index = message.index
        current = facts[index] if index is not None and index < len(facts) else None

        def check(fact: dict[str, Any]) -> str | None:
            new = [*facts]
            if index is None or current is None:
                new.append(fact)
            else:
                new[index] = fact
            try:
                self.session.set_facts(new)
            except CopilotError as exc:
                return exc.message
            return None

        def done(fact: dict[str, Any] | None) -> None:
            if fact is not None:
                self.after_edit(f"已保存支撑数据：{fact.get('label')}")

        self.app.push_screen(FactEditor(current, check), done)

    def on_notes_edited(self, message: NotesEdited) -> None:
        self.session.set_notes(message.section, message.lines)
        self._show_title()
        if self.session.autosave_error:
            self.say(self.session.autosave_error, "error")

    # ------------------------------------------------------------------ findings
    def go_to_finding(self, finding: Finding) -> None:
        """Switch to the tab that holds what the finding concerns and put the cursor on it."""
        fmt = self.session.fmt
        tabs = self.query_one("#tabs", TabbedContent)
        target = finding.location if finding.location in fmt.cells else None
        target = target or next((c for c in finding.cells if c in fmt.cells), None)
        if target is not None:
            for editor in self.query(TableEditor):
                if target in editor.coordinate_of:
                    tabs.active = table_pane_id(editor.table_def)

                    def land(ed: TableEditor = editor, cid: str = target) -> None:
                        ed.focus()
                        ed.go_to(cid)

                    self.call_after_refresh(land)
                    return
        location = finding.location
        if location.startswith(("meta", "previous", "processing_fee")):
            tabs.active = "tab-meta"
            path = location if location != "meta" else "meta.agency"
            widget = next(iter(self.query(f"#{field_widget_id(path)}")), None)
            if widget is not None:
                self.call_after_refresh(widget.focus)
        elif location.startswith(("facts", "notes")):
            tabs.active = "tab-facts"
            if location.startswith("facts"):
                self.call_after_refresh(self.query_one(FactsTable).focus)

    # ------------------------------------------------------------------ app-level actions
    def action_save(self) -> None:
        focused = self.focused
        if isinstance(focused, Input) and (focused.id or "").startswith("field-"):
            # a field being typed in commits before saving, so ctrl+s never drops it
            self.query_one(MetaForm).commit(focused)
        if isinstance(focused, DraftEditor):
            self.save_draft_edit()
            return
        if isinstance(focused, TableEditor) and focused.editing is not None and not focused.commit_edit():
            self.say("这一格的输入未通过，未保存：请改正或按 Esc 取消。", "error")
            return
        try:
            self.session.save()
        except OSError as exc:
            self.say(f"保存到 {self.session.path} 失败：{exc.strerror or exc}", "error")
            return
        self._show_title()
        self.say(f"已保存到 {self.session.path}")

    def action_help(self) -> None:
        from report_copilot.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit_app(self) -> None:
        if not self.session.dirty:
            self.app.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
                if not self.session.dirty:
                    self.app.exit()
            elif answer == "discard":
                self.session.discard_changes()
                self.session.saved = copy.deepcopy(self.session.data)
                self.app.exit()

        self.app.push_screen(
            Choice(
                "有未保存的修改（已自动备份，下次打开时可恢复）。退出前保存到文件吗？",
                [
                    ("save", "保存并退出", "s"),
                    ("keep", "退出，保留备份", "k"),
                    ("discard", "放弃修改", "x"),
                    ("cancel", "取消", "c"),
                ],
            ),
            lambda answer: self.app.exit() if answer == "keep" else answered(answer),
        )
