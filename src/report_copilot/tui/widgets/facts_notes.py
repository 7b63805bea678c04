"""事实与要点: supporting facts (values with units) and the bullet points of each narrative section.

Notes are long Chinese text: they are edited in place (one bullet per line, autosaved on every
change) or, with ctrl+e, in the clerk's `$EDITOR`, because typing Chinese through an input method in
a terminal widget has rough edges.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from report_copilot.model.report import Fact, Notes
from report_copilot.tui.cell_text import cell_text
from report_copilot.tui.messages import FactEditRequested, FactsEdited, NotesEdited

FACT_COLUMNS = ("label", "value", "unit", "qualifier", "id")


def edit_externally(text: str, editor: str, run: Callable[[list[str]], Any] = subprocess.call) -> str:
    """Round-trip `text` through an external editor command; returns what the clerk saved."""
    with tempfile.TemporaryDirectory(prefix="copilot-notes-") as tmp:
        path = Path(tmp) / "要点.txt"
        path.write_text(text, encoding="utf-8")
        run([*shlex.split(editor), str(path)])
        return path.read_text(encoding="utf-8")


class FactsTable(DataTable[Text]):
    """Facts as rows; Enter edits, a adds, Delete removes (the screen opens the editor)."""

    BINDINGS = [
        Binding("enter", "edit_fact", "编辑"),
        Binding("a", "add_fact", "新增"),
        Binding("delete", "remove_fact", "删除"),
    ]

    def __init__(
        self, state: Callable[[], tuple[list[dict[str, Any]], dict[str, str]]], *, id: str | None = None
    ) -> None:
        """`state()` gives the facts and the finding marks; read on mount (the tab mounts late)."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.state = state
        self.facts: list[dict[str, Any]] = []

    def on_mount(self) -> None:
        for name in FACT_COLUMNS:
            self.add_column(Fact.model_fields[name].title or name, key=name)
        self.show_facts(*self.state())

    def show_facts(self, facts: list[dict[str, Any]], marks: dict[str, str]) -> None:
        self.facts = [dict(f) for f in facts]
        row = self.cursor_row
        self.clear()
        for i, fact in enumerate(self.facts):
            bad = any(k == f"facts.{i}" or k.startswith(f"facts.{i}.") for k in marks)
            style = "bold red" if bad else ""
            cells = []
            for name in FACT_COLUMNS:
                value = fact.get(name)
                text = cell_text(value) if name == "value" else ("" if value is None else str(value))
                cells.append(Text(text, style=style, justify="right" if name == "value" else "left"))
            self.add_row(*cells, key=str(i))
        if self.facts:
            self.move_cursor(row=min(row, len(self.facts) - 1), animate=False)

    def action_edit_fact(self) -> None:
        if self.facts:
            self.post_message(FactEditRequested(self.cursor_row))

    def action_add_fact(self) -> None:
        self.post_message(FactEditRequested(None))

    def action_remove_fact(self) -> None:
        if self.facts:
            facts = [f for i, f in enumerate(self.facts) if i != self.cursor_row]
            self.post_message(FactsEdited(facts))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_fact()


class NotesEditor(Horizontal):
    """Section list on the left, its bullet points (one per line) on the right."""

    BINDINGS = [
        Binding("ctrl+e", "external_edit", "用 $EDITOR 编辑"),
        Binding("escape", "leave", "离开", show=False),
    ]

    def __init__(self, notes_of: Callable[[str], list[str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes_of = notes_of
        self.section = next(iter(Notes.model_fields))

    def compose(self) -> ComposeResult:
        options = [Option(info.title or name, id=name) for name, info in Notes.model_fields.items()]
        yield OptionList(*options, id="notes-sections")
        with Vertical(id="notes-body"):
            yield Static("", id="notes-title", classes="field-hint")
            yield TextArea(id="notes-text", soft_wrap=True, show_line_numbers=False, compact=True)

    def on_mount(self) -> None:
        self._load(self.section)

    def _load(self, section: str) -> None:
        self.section = section
        title = Notes.model_fields[section].title or section
        self.query_one("#notes-title", Static).update(f"{title}：每行一条要点（ctrl+e 用外部编辑器）")
        area = self.query_one("#notes-text", TextArea)
        text = "\n".join(self.notes_of(section))
        if area.text != text:
            area.load_text(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id != self.section:
            self._load(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#notes-text", TextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        lines = event.text_area.text.split("\n")
        if [x for x in lines if x.strip()] != self.notes_of(self.section):
            self.post_message(NotesEdited(self.section, lines))

    def action_leave(self) -> None:
        """Esc leaves the text, so single-key commands (q, f, d …) work again."""
        self.screen.set_focus(None)

    def action_external_edit(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify("未设置 EDITOR 环境变量，无法调用外部编辑器", severity="warning")
            return
        area = self.query_one("#notes-text", TextArea)
        try:
            with self.app.suspend():
                text = edit_externally(area.text, editor)
        except Exception as exc:  # the front end's last-resort handler: never lose the text in the area
            self.notify(f"外部编辑器运行失败：{exc}", severity="error")
            return
        area.load_text(text.rstrip("\n"))
        self.post_message(NotesEdited(self.section, area.text.split("\n")))
