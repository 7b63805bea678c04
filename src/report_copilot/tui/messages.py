"""Every custom message of the TUI, named for what happened (attributes down, messages up).

Widgets post these to their parents; the main screen mediates between siblings and calls the
session or the service. Worker threads post them too (`post_message` is thread-safe). Each is a
dataclass with typed fields (Textual calls `__post_init__` for dataclass messages); the service's
types are imported for type checking only, so importing the TUI does not load the drafters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from textual.message import Message

from report_copilot.checks.findings import Finding

if TYPE_CHECKING:
    from report_copilot.review.diff import DraftDiff
    from report_copilot.service.drafting import DraftEvent, DraftResult, DraftWritten
    from report_copilot.service.export import ExportResult
    from report_copilot.service.numbers import Mention


@dataclass
class EditChanged(Message):
    """The text being typed into a grid cell changed, or the typing ended (`cell_id` None).

    `error` is the Chinese reason the last Enter was refused, or why nothing can be typed here.
    """

    table_id: str
    cell_id: str | None
    text: str
    error: str


@dataclass
class PasteRequested(Message):
    """Text was pasted on a grid cell (one value, or a tab/newline-separated block from Excel/WPS)."""

    table_id: str
    cell_id: str
    text: str


@dataclass
class CellFocused(Message):
    """The table cursor moved onto a cell (the screen shows its official path)."""

    table_id: str
    cell_id: str | None
    """None on a row-group line (its subtotal is not editable) or the label column."""
    label: str


@dataclass
class FieldEdited(Message):
    """A form field (基本信息, 上年报告) was committed with a new value (JSON: text, number, bool, None)."""

    path: str
    value: str | int | float | bool | None


@dataclass
class FormatChosen(Message):
    """The clerk picked another format version in 基本信息."""

    format_id: str


@dataclass
class FactsEdited(Message):
    """The list of supporting facts changed (added, edited or removed)."""

    facts: list[dict[str, Any]]


@dataclass
class FactEditRequested(Message):
    """The clerk asked to edit a fact (`index`) or to add one (None)."""

    index: int | None


@dataclass
class NotesEdited(Message):
    """The bullet points of one narrative section changed (every keystroke: autosaved)."""

    section: str
    lines: list[str]


@dataclass
class FindingChosen(Message):
    """A finding was selected in a findings list: move the cursor to what it concerns."""

    finding: Finding


@dataclass
class DraftProgress(Message):
    """A drafting event arrived from the worker thread (a section started or finished, a retry …)."""

    event: DraftEvent


@dataclass
class DraftFinished(Message):
    """Drafting completed and its outputs were written."""

    result: DraftResult
    written: DraftWritten


@dataclass
class DraftFailed(Message):
    """Drafting stopped with an error (Chinese message) or was cancelled."""

    message: str
    cancelled: bool = False


@dataclass
class MentionChosen(Message):
    """A number in the draft was selected: show what it binds to."""

    mention: Mention


@dataclass
class ExportFinished(Message):
    """The export wrote its files."""

    result: ExportResult


@dataclass
class ExportRefused(Message):
    """The export gate refused (or the export failed): the Chinese message and each problem."""

    message: str
    problems: list[str]


@dataclass
class DiffFinished(Message):
    """A comparison finished in the worker thread (`request` tells a superseded one apart)."""

    request: int
    diff: DraftDiff


@dataclass
class DiffFailed(Message):
    """A comparison failed in the worker thread: the Chinese message for the status line."""

    request: int
    message: str


DraftAction = Literal["draft", "cancel", "diff", "export", "edit", "editor", "save", "versions"]


@dataclass
class DraftActionRequested(Message):
    """A button in the draft, diff or export tab asked the screen to act."""

    action: DraftAction
