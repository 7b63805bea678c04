"""Typing a figure into a grid cell, key by key, in the order the keys arrive.

DataTable has no cell editing: a digit (or Enter) starts an edit shown in the cell itself, Enter or an
arrow commits through the screen's `commit` callback synchronously, so keys that arrive together
("6⏎2⏎" in one read) land in the cells they were typed for. Mixed into `TableEditor`, which owns the
grid's cells and what they show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.coordinate import Coordinate
from textual.events import Key, Paste
from textual.widgets import DataTable

from report_copilot.tui.cell_text import cell_text
from report_copilot.tui.messages import EditChanged, PasteRequested

if TYPE_CHECKING:
    from report_copilot.model.formats import GroupDef, TableDef

    _Host = DataTable[Text]
else:
    _Host = object


class CellTyping(_Host):
    """The in-cell editor's state (`_editing`, `_buffer`, `_error`) and the keys that drive it."""

    if TYPE_CHECKING:  # provided by TableEditor
        table_def: TableDef
        cell_at: dict[tuple[int, int], str]
        coordinate_of: dict[str, tuple[int, int]]
        _groups: dict[int, GroupDef]
        _shown: dict[tuple[int, int], tuple[str, str]]
        _content: dict[tuple[int, int], Text]
        _raw: Any
        _commit: Callable[[str, str], str | None] | None
        _editing: str | None
        _buffer: str
        _error: str

        def current_cell(self) -> str | None: ...

        def _put(self, row: int, column: int, text: Text) -> None: ...

        def _wider(self, column: int, text: Text) -> bool: ...

    @property
    def editing(self) -> str | None:
        """The cell being typed into, or None."""
        return self._editing

    def start_edit(self, text: str | None = None) -> bool:
        """Type into the cursor cell, starting from `text` (None: its current value)."""
        cid = self.current_cell()
        if cid is None:
            self._refuse_here()
            return False
        if text is None:
            text = cell_text(self._raw(cid)) if self._raw is not None else ""
        self._editing, self._buffer, self._error = cid, text, ""
        self._show_buffer()
        return True

    def action_edit(self) -> None:
        self.start_edit()

    def action_clear(self) -> None:
        cid = self.current_cell()
        if cid is not None and self._commit is not None:
            self._commit(cid, "")

    def cancel_edit(self) -> None:
        """Leave the cell as it was (Esc)."""
        if self._editing is None:
            return
        cid, self._editing = self._editing, None
        self._restore(cid)
        self.post_message(EditChanged(self.table_def.id, None, "", ""))

    def commit_edit(self) -> bool:
        """Hand the typed text to the screen now; False (still editing, reason shown) when refused."""
        cid = self._editing
        if cid is None:
            return True
        reason = self._commit(cid, self._buffer) if self._commit is not None else None
        if reason:
            self._error = reason
            self._show_buffer()
            return False
        self._editing = None
        self._restore(cid)
        self.post_message(EditChanged(self.table_def.id, None, "", ""))
        return True

    def _restore(self, cid: str) -> None:
        row, column = self.coordinate_of[cid]
        self._shown.pop((row, column), None)
        self._put(row, column, self._content.get((row, column), Text("")))

    def _show_buffer(self) -> None:
        assert self._editing is not None
        row, column = self.coordinate_of[self._editing]
        shown = Text(self._buffer, style="bold reverse", justify="right")
        shown.append("▏", style="bold blink")
        self._shown.pop((row, column), None)
        self.update_cell_at(Coordinate(row, column), shown, update_width=self._wider(column, shown))
        self._shown[(row, column)] = ("\0editing", "")
        self.post_message(EditChanged(self.table_def.id, self._editing, self._buffer, self._error))

    def _refuse_here(self) -> None:
        """Typing where nothing can be typed (a subtotal or the label column) says why."""
        row = self.cursor_coordinate.row
        if row in self._groups:
            reason = "这一行是分组小计，自动计算，不能直接填写：请移到它下面的明细行。"
        else:
            reason = "这里是行名：请用方向键移到右边的数字格再输入。"
        self.post_message(EditChanged(self.table_def.id, None, "", reason))

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """While a cell is being typed into, every key is the grid's (no binding may take a digit, a
        letter of 万元 or Enter); otherwise digits start editing."""
        if self._editing is not None:
            return True
        return bool(character and _starts_edit(character))

    def on_key(self, event: Key) -> None:
        """Every key that edits or moves is handled here, in arrival order, before the next one.

        A terminal may deliver "6⏎2⏎" in one read: opening an editor elsewhere (a dialog, a message
        to the screen) would let the later keys run ahead of it. Nothing here waits.
        """
        handled = self._edit_key(event) if self._editing is not None else self._idle_key(event)
        if handled:
            event.stop()
            event.prevent_default()

    def _edit_key(self, event: Key) -> bool:
        key = event.key
        if key == "escape":
            self.cancel_edit()
        elif key in ("enter", "tab"):
            if self.commit_edit():
                self._step("down" if key == "enter" else "right")
        elif key in _MOVES:
            if self.commit_edit():
                self._step(key)
        elif key == "backspace":
            self._buffer = self._buffer[:-1]
            self._error = ""
            self._show_buffer()
        elif key == "ctrl+u":
            self._buffer, self._error = "", ""
            self._show_buffer()
        elif event.character and event.character.isprintable():
            self._buffer += event.character
            self._error = ""
            self._show_buffer()
        return True

    def _idle_key(self, event: Key) -> bool:
        key = event.key
        if event.character and _starts_edit(event.character):
            self.start_edit(event.character)
        elif key == "enter":
            self.start_edit()
        elif key in ("delete", "backspace"):
            cid = self.current_cell()
            if cid is None:
                self._refuse_here()
            elif self._commit is not None:
                self._commit(cid, "")
        elif key in _MOVES:
            self._step(key)
        else:
            return False
        return True

    def _step(self, key: str) -> None:
        """Move the cursor now (the DataTable's own bindings would run after later keys)."""
        row, column = self.cursor_coordinate
        if key == "down" and self._editing is None and (row, column) in self.cell_at:
            below = next((r for (r, c) in sorted(self.cell_at) if c == column and r > row), None)
            if below is not None:
                self.move_cursor(row=below, column=column, animate=False)
                return
        dr, dc = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}.get(key, (0, 0))
        if key in ("home", "end"):
            column = 0 if key == "home" else len(self.columns) - 1
        elif key in ("pageup", "pagedown"):
            step = max(1, self.scrollable_content_region.height - 1)
            row += -step if key == "pageup" else step
        row = min(max(row + dr, 0), self.row_count - 1)
        column = min(max(column + dc, 0), len(self.columns) - 1)
        self.move_cursor(row=row, column=column, animate=False)

    def on_paste(self, event: Paste) -> None:
        """Pasted text: into the cell being typed, else a block from Excel/WPS (see `paste_block`)."""
        event.stop()
        event.prevent_default()
        if self._editing is not None:
            self._buffer += event.text.replace("\r", "").replace("\n", "").replace("\t", "")
            self._show_buffer()
            return
        cid = self.current_cell()
        if cid is None:
            self._refuse_here()
            return
        self.post_message(PasteRequested(self.table_def.id, cid, event.text))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """A mouse click on the focused cell edits it (Enter is handled in `on_key`)."""
        event.stop()
        if self._editing is None and (event.coordinate.row, event.coordinate.column) in self.cell_at:
            self.start_edit()


_MOVES = frozenset({"up", "down", "left", "right", "home", "end", "pageup", "pagedown"})


def _starts_edit(character: str) -> bool:
    """A key that starts typing a figure on a cell (spreadsheet habit): a digit or a sign."""
    return character.isdigit() or character in "-.+"
