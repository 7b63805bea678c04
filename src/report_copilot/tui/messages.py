"""Every custom message of the TUI, named for what happened (attributes down, messages up).

Widgets post these to their parents; the main screen mediates between siblings and calls the
session or the service. Worker threads post them too (`post_message` is thread-safe).
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from report_copilot.checks.findings import Finding


class TypeAhead:
    """Keys typed on a grid between "start editing" and the editor taking the focus.

    A fast typist's "60⏎" arrives before the editor is on screen; the grid keeps those keys here and
    the editor picks them up when it mounts, so nothing typed is lost or sent to the wrong place.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.submit = False
        self.open = True


class EditRequested(Message):
    """The clerk asked to edit a table cell (Enter, or typed a digit on it)."""

    def __init__(self, cell_id: str, initial: str | None = None, typeahead: TypeAhead | None = None) -> None:
        super().__init__()
        self.cell_id = cell_id
        self.initial = initial
        """Text to start the editor with (the key that opened it); None = the cell's current value."""
        self.typeahead = typeahead
        """Keys typed after the first one, until the editor mounts."""


class ClearRequested(Message):
    """The clerk cleared a cell (Delete): blank means missing, not zero."""

    def __init__(self, cell_id: str) -> None:
        super().__init__()
        self.cell_id = cell_id


class CellFocused(Message):
    """The table cursor moved onto a cell (the screen shows its official path)."""

    def __init__(self, table_id: str, cell_id: str | None, label: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.cell_id = cell_id
        """None on a row-group line (its subtotal is not editable)."""
        self.label = label


class FieldEdited(Message):
    """A form field (基本信息, 上年报告) was committed with a new value."""

    def __init__(self, path: str, value: Any) -> None:
        super().__init__()
        self.path = path
        self.value = value


class FormatChosen(Message):
    """The clerk picked another format version in 基本信息."""

    def __init__(self, format_id: str) -> None:
        super().__init__()
        self.format_id = format_id


class FactsEdited(Message):
    """The list of supporting facts changed (added, edited or removed)."""

    def __init__(self, facts: list[dict[str, Any]]) -> None:
        super().__init__()
        self.facts = facts


class FactEditRequested(Message):
    """The clerk asked to edit a fact (`index`) or to add one (None)."""

    def __init__(self, index: int | None) -> None:
        super().__init__()
        self.index = index


class NotesEdited(Message):
    """The bullet points of one narrative section changed (every keystroke: autosaved)."""

    def __init__(self, section: str, lines: list[str]) -> None:
        super().__init__()
        self.section = section
        self.lines = lines


class FindingChosen(Message):
    """A finding was selected in a findings list: move the cursor to what it concerns."""

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.finding = finding


class DraftProgress(Message):
    """A drafting event arrived from the worker thread (a section started or finished, a retry …)."""

    def __init__(self, event: Any) -> None:
        super().__init__()
        self.event = event


class DraftFinished(Message):
    """Drafting completed; `result` is the service's DraftResult."""

    def __init__(self, result: Any, written: Any = None) -> None:
        super().__init__()
        self.result = result
        self.written = written


class DraftFailed(Message):
    """Drafting stopped with an error (Chinese message) or was cancelled."""

    def __init__(self, message: str, cancelled: bool = False) -> None:
        super().__init__()
        self.message = message
        self.cancelled = cancelled


class MentionChosen(Message):
    """A number in the draft was selected: show what it binds to."""

    def __init__(self, mention: Any) -> None:
        super().__init__()
        self.mention = mention


class ExportFinished(Message):
    """The export wrote its files; `result` is the service's ExportResult."""

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


class ExportRefused(Message):
    """The export gate refused (or the export failed): the Chinese message and each problem."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__()
        self.message = message
        self.problems = problems


class DraftActionRequested(Message):
    """A button in the draft, diff or export tab asked the screen to act ("draft", "cancel", "diff", "export")."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
