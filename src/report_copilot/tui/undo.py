"""Undo/redo of table edits, and pasting a block copied from Excel or WPS into a grid.

Undo keeps whole snapshots of the data dict (a report's data is a few kilobytes, so a snapshot per
edit costs less than working out an inverse for every kind of change); a paste is one step.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from report_copilot.errors import CopilotError

if TYPE_CHECKING:
    from report_copilot.tui.session import EditSession
    from report_copilot.tui.widgets.table_editor import TableEditor

UNDO_DEPTH = 200
"""Steps kept; older ones are dropped (a day's typing is far fewer)."""


@dataclass
class _Step:
    before: dict[str, Any]
    after: dict[str, Any]
    label: str


@dataclass
class UndoStack:
    """Edits as (before, after) snapshots; ctrl+z goes back one, ctrl+y forward again."""

    done: list[_Step] = field(default_factory=list)
    undone: list[_Step] = field(default_factory=list)

    def push(self, before: dict[str, Any], after: dict[str, Any], label: str) -> None:
        if before == after:
            return
        self.done.append(_Step(before, copy.deepcopy(after), label))
        del self.done[:-UNDO_DEPTH]
        self.undone.clear()

    def undo(self, current: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
        """The data to go back to and what is undone; None when there is nothing to undo."""
        if not self.done:
            return None
        step = self.done.pop()
        step.after = copy.deepcopy(current)  # later non-undoable edits (notes) are kept on redo
        self.undone.append(step)
        return copy.deepcopy(step.before), step.label

    def redo(self, current: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
        if not self.undone:
            return None
        step = self.undone.pop()
        step.before = copy.deepcopy(current)
        self.done.append(step)
        return copy.deepcopy(step.after), step.label


@dataclass
class PasteOutcome:
    """What a paste did: a summary for the status line, or why it was refused (nothing changed)."""

    before: dict[str, Any]
    summary: str = ""
    error: str = ""


def split_block(text: str) -> list[list[str]]:
    """Rows of tab-separated fields, as Excel and WPS put a copied range on the clipboard.

    The trailing line break Excel adds is not an extra row; a single value is a 1 × 1 block.
    """
    lines = re.split(r"\r\n|\r|\n", text)
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]


def paste_into(
    session: EditSession,
    grid: TableEditor,
    cell_id: str,
    text: str,
    label: Callable[[str], str],
) -> PasteOutcome:
    """Fill cells from `cell_id` rightwards and downwards (subtotal rows skipped), all or nothing.

    Refused with the cell and value named when a value cannot go into its cell, and with the size
    when the block runs off the table; the data is untouched then.
    """
    before = copy.deepcopy(session.data)
    rows = split_block(text)
    if not rows:
        return PasteOutcome(before, error="剪贴板是空的，没有可粘贴的内容。")
    width = max(len(r) for r in rows)
    targets = grid.cells_from(cell_id, len(rows), width)
    if targets is None:
        return PasteOutcome(
            before,
            error=f"粘贴的内容有 {len(rows)} 行 {width} 列，从“{label(cell_id)}”起超出了表格，"
            "未粘贴：请把光标移到能容下的位置，或少复制几行几列。",
        )
    pairs = [(targets[r][c], value.strip()) for r, row in enumerate(rows) for c, value in enumerate(row)]
    for target, value in pairs:
        reason = session.check_cell_text(target, value)
        if reason:
            return PasteOutcome(before, error=f"未粘贴（整块都未填入）：{reason}")
    try:
        for target, value in pairs:
            session.set_cell(target, value)
    except CopilotError as exc:
        session.replace_data(before)
        return PasteOutcome(before, error=f"未粘贴（整块都未填入）：{exc.message}")
    if len(pairs) == 1:
        return PasteOutcome(before, summary=f"已粘贴：{label(cell_id)} = {pairs[0][1] or '（空白）'}")
    return PasteOutcome(
        before, summary=f"已粘贴 {len(rows)} 行 {width} 列，共 {len(pairs)} 格，从“{label(cell_id)}”起"
    )
