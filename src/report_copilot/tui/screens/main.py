"""The main screen: one tab per step, the findings panel below, and the mediation between them.

Widgets never talk to each other: they post messages (`tui/messages.py`) that arrive here; this
screen calls the session (edits, checks, autosave) or the service, then pushes the new state down
into every widget (`show…` methods). Its parts are mixins, one concept each: typing into the grids
(`cell_editing`), the other fields (`field_editing`), moving between tabs (`navigation`), and the
draft / compare / export half (`work` and the mixins beside it).
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
from report_copilot.model.formats import TableDef
from report_copilot.tui.screens.cell_editing import CellEditing
from report_copilot.tui.screens.comparing import Comparing
from report_copilot.tui.screens.draft_editing import DraftEditing
from report_copilot.tui.screens.draft_findings import DraftFindings
from report_copilot.tui.screens.drafting import Drafting
from report_copilot.tui.screens.editors import Choice
from report_copilot.tui.screens.exporting import Exporting
from report_copilot.tui.screens.field_editing import FieldEditing
from report_copilot.tui.screens.navigation import Navigation
from report_copilot.tui.screens.restore import offer_restore
from report_copilot.tui.screens.work import WorkTabs
from report_copilot.tui.session import EditSession
from report_copilot.tui.tab_counts import tab_labels, tab_names, table_pane_id
from report_copilot.tui.undo import UndoStack
from report_copilot.tui.widgets.after_paint import AfterPaint
from report_copilot.tui.widgets.draft_editor import DraftEditor
from report_copilot.tui.widgets.facts_notes import FactsTable, NotesEditor
from report_copilot.tui.widgets.findings_panel import FindingsPanel
from report_copilot.tui.widgets.meta_form import MetaForm, field_widget_id
from report_copilot.tui.widgets.steady_tabs import SteadyTabs
from report_copilot.tui.widgets.table_editor import TableEditor
from report_copilot.tui.wording import keys_not_flags


class MainScreen(
    CellEditing,
    FieldEditing,
    DraftEditing,
    Comparing,
    Navigation,
    Drafting,
    DraftFindings,
    Exporting,
    WorkTabs,
    Screen[None],
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
