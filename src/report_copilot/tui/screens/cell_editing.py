"""Typing into the official tables: storing a cell, pasting a block, undo/redo, the line under a grid.

Mixed into MainScreen: the grid calls `commit_cell` in key order; every change goes through the
session (checks, autosave) and onto the undo stack.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from report_copilot.errors import CopilotError
from report_copilot.model.formats import CellDef
from report_copilot.tui.messages import CellFocused, EditChanged, PasteRequested
from report_copilot.tui.undo import paste_into
from report_copilot.tui.widgets.table_editor import TableEditor

if TYPE_CHECKING:
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object

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


class CellEditing(_Host):
    """Cell edits of the grids, and what the line under a grid says."""

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
