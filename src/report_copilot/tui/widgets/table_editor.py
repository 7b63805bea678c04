"""One block of an official table as an editable grid, drawn from the format definition.

DataTable has no cell editing, so Enter (or typing a digit) asks the screen for an editor
(`EditRequested`); the screen commits through the session and hands the new values back with
`show()`. Row groups that span sub-rows in the printed table (（三）不予公开 …) appear as read-only
rows showing their live subtotal; totals left blank show their computed value, dimmed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.events import Key
from textual.widgets import DataTable

from report_copilot.model.cells import CellValues
from report_copilot.model.formats import BlockDef, GroupDef, TableDef
from report_copilot.tui.messages import CellFocused, ClearRequested, EditRequested, TypeAhead
from report_copilot.tui.session import cell_text

LABEL_WIDTH = (20, 48)
"""Narrowest and widest row-label column: long official labels are cut to what the terminal leaves
after the figures (the full path of the cursor cell is shown under the grid)."""

_MARK_STYLES = {
    "error": "bold white on red3",
    "warning": "bold black on yellow3",
    "involved-error": "bold red",
    "involved-warning": "bold yellow",
}


class TableEditor(DataTable[Text]):
    """An editable grid for one block (`active.item1`, `requests.requests`, …)."""

    BINDINGS = [
        Binding("enter", "edit", "编辑", show=True),
        Binding("delete", "clear", "清空", show=False),
    ]

    def __init__(
        self,
        table: TableDef,
        block: BlockDef,
        state: Callable[[], tuple[CellValues | None, Any, dict[str, str]]] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        """`state()` gives what `show()` takes; it is read once on mount (the grid may mount late)."""
        super().__init__(id=id, fixed_columns=1, cursor_type="cell", zebra_stripes=True)
        self.table_def = table
        self.block = block
        self.state = state
        self.cell_at: dict[tuple[int, int], str] = {}
        """(row, column) → cell id, for editable cells."""
        self.coordinate_of: dict[str, tuple[int, int]] = {}
        self._groups: dict[int, GroupDef] = {}
        """row index → the row group shown as a read-only subtotal row."""
        self._row_labels: list[str] = []
        self._shown: dict[tuple[int, int], tuple[str, str]] = {}
        self._typeahead: TypeAhead | None = None

    def on_mount(self) -> None:
        figures = sum(max(cell_len(c.label), 6) + 2 for c in self.block.columns)
        longest = max(cell_len(r.label) + 4 for r in self.block.rows)
        room = self.app.size.width - figures - 6  # padding, scrollbar, margins
        width = max(LABEL_WIDTH[0], min(room, longest, LABEL_WIDTH[1]))
        self.add_column(Text(self.block.header or "", overflow="ellipsis"), width=width, key="label")
        for column in self.block.columns:
            self.add_column(Text(column.label, justify="right"), key=column.id)
        # Rows are added with their values already rendered: updating cells one by one afterwards
        # re-measures whole columns each time, which is what makes a grid slow to open.
        values, raw, marks = self.state() if self.state is not None else (None, lambda _cid: None, {})
        shown: set[str] = set()
        for row in self.block.rows:
            for group in self._group_chain(row.group):
                if group.id not in shown:
                    shown.add(group.id)
                    self._add_group_row(group, values)
            depth = len(self._group_chain(row.group))
            index = self.row_count
            self._row_labels.append(row.label)
            cells = [Text("  " * depth + row.label, overflow="ellipsis", no_wrap=True)]
            for c, column in enumerate(self.block.columns, start=1):
                cid = f"{self.table_def.id}.{row.id}.{column.id}"
                self.cell_at[(index, c)] = cid
                self.coordinate_of[cid] = (index, c)
                cells.append(self._remember(index, c, self._cell_content(cid, values, raw, marks)))
            self.add_row(*cells, key=row.id)
        if self.cell_at:
            # Start on the first figure, not on a label: a clerk types straight away.
            first_row, first_column = min(self.cell_at)
            self.move_cursor(row=first_row, column=first_column, animate=False)

    def _group_chain(self, group_id: str | None) -> list[GroupDef]:
        """The printed groups a row sits in, outermost first (virtual groups are not printed)."""
        chain: list[GroupDef] = []
        while group_id:
            group = self.block.row_group(group_id)
            if group is None:
                break
            if not group.virtual:
                chain.insert(0, group)
            group_id = group.parent or next(
                (g.id for g in self.block.row_groups if group.id in g.members and not g.virtual), None
            )
        return chain

    def _add_group_row(self, group: GroupDef, values: CellValues | None) -> None:
        depth = len(self._group_chain(group.id)) - 1
        index = self.row_count
        self._groups[index] = group
        self._row_labels.append(group.label)
        label = Text("  " * depth + group.label, style="bold", overflow="ellipsis", no_wrap=True)
        cells = [
            self._remember(index, c, self._subtotal(group, column.id, values))
            for c, column in enumerate(self.block.columns, start=1)
        ]
        self.add_row(label, *cells, key=f"group:{group.id}")

    # ------------------------------------------------------------------ display
    def show(self, values: CellValues | None, raw: Any, marks: dict[str, str]) -> None:
        """Redraw every value: given, computed (dim), blank (—), marked by findings.

        `raw(cell_id)` returns the stored JSON value, used while the data cannot be read as a report.
        """
        for (r, c), cid in self.cell_at.items():
            self._put(r, c, self._cell_content(cid, values, raw, marks))
        for r, group in self._groups.items():
            for c, column in enumerate(self.block.columns, start=1):
                self._put(r, c, self._subtotal(group, column.id, values))

    def _subtotal(self, group: GroupDef, column_id: str, values: CellValues | None) -> Text:
        """A printed row group's live sum for one column (blank while a part is missing)."""
        if values is None or not group.subtotal:
            return Text("", justify="right")
        parts = [values.get(f"{self.table_def.id}.{rid}.{column_id}") for rid in self.block.group_rows(group)]
        present = [p for p in parts if p is not None]
        if len(present) < len(parts):
            return Text("", justify="right")
        return Text(_number(sum(present)), style="bold dim", justify="right")

    def _remember(self, row: int, column: int, text: Text) -> Text:
        self._shown[(row, column)] = (text.plain, str(text.style))
        return text

    def _put(self, row: int, column: int, text: Text) -> None:
        """Update a cell only when what it shows changed (an edit touches a handful of cells)."""
        key = (text.plain, str(text.style))
        if self._shown.get((row, column)) != key:
            self._shown[(row, column)] = key
            self.update_cell_at(Coordinate(row, column), text, update_width=True)

    def _cell_content(self, cid: str, values: CellValues | None, raw: Any, marks: dict[str, str]) -> Text:
        mark = marks.get(cid)
        style = _MARK_STYLES.get(mark or "", "")
        if values is not None:
            if values.is_computed(cid):
                return Text(_number(values.get(cid)), style=style or "dim italic", justify="right")
            given = values.raw(cid)
            if given is None:
                return Text("—", style=style or "dim", justify="right")
            return Text(cell_text(_jsonish(given)), style=style, justify="right")
        value = raw(cid)
        if value is None:
            return Text("—", style=style or "dim", justify="right")
        return Text(cell_text(value), style=style, justify="right")

    # ------------------------------------------------------------------ navigation and keys
    def current_cell(self) -> str | None:
        return self.cell_at.get((self.cursor_coordinate.row, self.cursor_coordinate.column))

    def go_to(self, cell_id: str) -> bool:
        """Move the cursor to a cell of this block; False when the cell is not here."""
        where = self.coordinate_of.get(cell_id)
        if where is None:
            return False
        self.move_cursor(row=where[0], column=where[1], animate=False, scroll=True)
        return True

    def action_edit(self) -> None:
        cid = self.current_cell()
        if cid is not None:
            self.post_message(EditRequested(cid))

    def action_clear(self) -> None:
        cid = self.current_cell()
        if cid is not None:
            self.post_message(ClearRequested(cid))

    def _typing(self) -> bool:
        return self._typeahead is not None and self._typeahead.open

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Digits start editing, so no binding may take them while a grid has focus (nor Enter while
        an editor is on its way)."""
        if key == "enter" and self._typing():
            return True
        return bool(character and (character.isdigit() or character in "-.+"))

    def on_key(self, event: Key) -> None:
        """Typing a figure on a cell starts editing it with that character (spreadsheet habit)."""
        if self._typing():
            assert self._typeahead is not None
            if event.key == "enter":
                self._typeahead.submit = True
            elif event.character and event.character.isprintable():
                self._typeahead.text += event.character
            else:
                return
            event.stop()
            event.prevent_default()
            return
        if event.character and (event.character.isdigit() or event.character in "-.+"):
            cid = self.current_cell()
            if cid is not None:
                event.stop()
                event.prevent_default()
                self._typeahead = TypeAhead(event.character)
                self.post_message(EditRequested(cid, initial=event.character, typeahead=self._typeahead))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        cid = self.current_cell()
        label = self._row_labels[event.coordinate.row] if event.coordinate.row < len(self._row_labels) else ""
        if cid is None:
            label += "（分组小计，自动计算）" if event.coordinate.row in self._groups else ""
        self.post_message(CellFocused(self.table_def.id, cid, label))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """A mouse click on the focused cell, or Enter, edits it."""
        event.stop()
        if self._typing():
            return
        cid = self.cell_at.get((event.coordinate.row, event.coordinate.column))
        if cid is not None:
            self.post_message(EditRequested(cid))


def _number(value: Any) -> str:
    return cell_text(_jsonish(value))


def _jsonish(value: Any) -> Any:
    """Model values (Decimal, Money) in the shape `cell_text` reads."""
    if hasattr(value, "unit") and hasattr(value, "value"):
        return {"value": value.value, "unit": value.unit}
    return value
