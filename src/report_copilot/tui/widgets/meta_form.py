"""基本信息: a form generated from the report model's fields (titles and hints are the model's own).

Fields commit on Enter or when focus leaves them (`FieldEdited`); the screen validates through the
session and, when the value is refused, puts the old value back with `reset_field`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from report_copilot.model.formats import available_formats, load_format
from report_copilot.model.report import Meta, ProcessingFee, ReportBase
from report_copilot.tui.cell_text import cell_text
from report_copilot.tui.messages import FieldEdited, FormatChosen
from report_copilot.tui.widgets.mark_checkbox import MarkCheckbox


def field_widget_id(path: str) -> str:
    return "field-" + path.replace(".", "-").replace("_", "-")


def _inner(annotation: Any) -> Any:
    """`X | None` → X."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def form_fields(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, FieldInfo, Any]]:
    """(path, field, type) of every leaf field, nested models flattened."""
    for name, info in model.model_fields.items():
        kind = _inner(info.annotation)
        path = f"{prefix}.{name}"
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from form_fields(kind, path)
        else:
            yield path, info, kind


def _title(path: str, info: FieldInfo) -> str:
    title = info.title or path.rsplit(".", 1)[-1]
    if path.startswith("meta.contact."):
        return f"联系方式 › {title}"
    if path.startswith("processing_fee."):
        return f"信息处理费 › {title}"
    return title


class MetaForm(VerticalScroll):
    """Meta fields, format version, previous-year file and 信息处理费."""

    BINDINGS = [Binding("escape", "leave", "离开输入框", show=False)]

    def __init__(self, value_of: Callable[[str], Any], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value_of = value_of
        self.kinds: dict[str, Any] = {}
        self._committed: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        for path, info, kind in form_fields(Meta, "meta"):
            self.kinds[path] = kind
            yield from self._row(path, _title(path, info), info, kind)
        prev_info = ReportBase.model_fields["previous"]
        self.kinds["previous"] = str
        yield from self._row("previous", prev_info.title or "上年报告", prev_info, str)
        yield Label("")
        yield Static("", id="previous-status", classes="field-hint")
        for path, info, kind in form_fields(ProcessingFee, "processing_fee"):
            self.kinds[path] = kind
            yield from self._row(path, _title(path, info), info, kind)

    def _row(self, path: str, title: str, info: FieldInfo, kind: Any) -> ComposeResult:
        """A label and its field: the two cells of one grid row (no row container: faster to mount)."""
        wid = field_widget_id(path)
        value = self.value_of(path)
        yield Label(title, classes="field-label")
        if path == "meta.format":
            options = [
                (f"{load_format(f).name}（{load_format(f).document}）", f) for f in available_formats()
            ]
            yield Select(options, value=value or Select.NULL, id=wid, prompt="按年度确定", compact=True)
        elif kind is bool:
            yield MarkCheckbox("是", value=bool(value), id=wid, compact=True)
        else:
            text = "" if value is None or isinstance(value, dict) else cell_text(value)
            if isinstance(value, dict):
                text = "（内嵌于本文件）"
            self._committed[path] = text
            hint = info.description or ("YYYY-MM-DD" if kind is date else "")
            yield Input(value=text, placeholder=hint, id=wid, compact=True)

    # ------------------------------------------------------------------ committing
    def _path_of(self, widget_id: str | None) -> str | None:
        return next((p for p in self.kinds if field_widget_id(p) == widget_id), None)

    def commit(self, input_widget: Input) -> None:
        path = self._path_of(input_widget.id)
        if path is None or self._committed.get(path) == input_widget.value:
            return
        if path == "previous" and input_widget.value == "（内嵌于本文件）":
            return
        text = input_widget.value.strip()
        self._committed[path] = input_widget.value
        value: Any = text or None
        if text and self.kinds.get(path) is int:
            value = int(text) if text.lstrip("-").isdigit() else text
        if path == "processing_fee.notices" and value is None:
            value = 0
        self.post_message(FieldEdited(path, value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit(event.input)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self.commit(event.input)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        path = self._path_of(event.checkbox.id)
        if path is not None and bool(self.value_of(path)) != event.value:
            self.post_message(FieldEdited(path, event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == field_widget_id("meta.format") and isinstance(event.value, str):
            if event.value != self.value_of("meta.format"):
                self.post_message(FormatChosen(event.value))

    def action_leave(self) -> None:
        """Esc leaves the text field (committing it), so single-key commands (q, f, d …) work again."""
        if isinstance(self.screen.focused, Input):
            self.commit(self.screen.focused)
        self.screen.set_focus(None)

    def reset_field(self, path: str) -> None:
        """Show the stored value again (after a refused edit)."""
        widget = self.query_one(f"#{field_widget_id(path)}")
        value = self.value_of(path)
        if isinstance(widget, Input):
            text = "" if value is None else cell_text(value)
            self._committed[path] = text
            widget.value = text
        elif isinstance(widget, Checkbox):
            widget.value = bool(value)
        elif isinstance(widget, Select):
            widget.value = value or Select.NULL

    def show_previous(self, text: str) -> None:
        self.query_one("#previous-status", Static).update(text)
