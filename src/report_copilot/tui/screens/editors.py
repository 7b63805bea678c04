"""Small modal editors: one fact, a question with a few answers (cells are typed in the grid).

Each takes a `check` callback that returns the Chinese reason a value is refused (or None); a
refused value keeps the dialog open with the message under the field, and the stored value is
untouched until a value passes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from report_copilot.model.report import Fact

_FACT_FIELDS = ("id", "label", "value", "unit", "qualifier", "aliases", "section")


class FactEditor(ModalScreen[dict[str, Any] | None]):
    """Add or edit one supporting fact (名称、数值、单位 …)."""

    BINDINGS = [Binding("escape", "cancel", "取消"), Binding("ctrl+s", "save", "确定")]
    HINT = "Tab 换栏 · Enter 或 ctrl+s 确定 · Esc 取消"

    def __init__(self, fact: dict[str, Any] | None, check: Callable[[dict[str, Any]], str | None]) -> None:
        super().__init__()
        self.fact = fact or {}
        self.check = check

    def compose(self) -> ComposeResult:
        # The dialog scrolls on a short terminal; the message, keys and buttons are docked at its
        # foot, so they stay in view while the fields scroll.
        with VerticalScroll(id="fact-editor", classes="dialog", can_focus=False):
            yield Static("支撑数据" + ("（修改）" if self.fact else "（新增）"), classes="dialog-title")
            for name in _FACT_FIELDS:
                info = Fact.model_fields[name]
                value = self.fact.get(name)
                if name == "aliases":
                    text = "、".join(value or [])
                else:
                    text = "" if value is None else str(value)
                with Horizontal(classes="field"):
                    yield Label(info.title or name, classes="field-label")
                    yield Input(
                        value=text, placeholder=info.description or "", id=f"fact-{name}", compact=True
                    )
            with Vertical(classes="dialog-foot"):
                error = Static("", id="fact-editor-error", classes="error-text")
                error.display = False  # shown with the reason a value is refused
                yield error
                yield Static(self.HINT, classes="dialog-hint")
                with Horizontal(classes="buttons"):
                    yield Button("确定 ctrl+s", variant="primary", id="fact-ok", compact=True)
                    yield Button("取消 Esc", id="fact-cancel", compact=True)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in _FACT_FIELDS:
            text = self.query_one(f"#fact-{name}", Input).value.strip()
            if name == "aliases":
                out[name] = [
                    a.strip() for a in text.replace(",", "、").replace("，", "、").split("、") if a.strip()
                ]
            elif name == "value":
                out[name] = _number_or_text(text)
            elif name in {"qualifier", "section"}:
                out[name] = text or None
            else:
                out[name] = text
        return out

    def action_save(self) -> None:
        fact = self.values()
        reason = fact_problem(fact) or self.check(fact)
        if reason:
            error = self.query_one("#fact-editor-error", Static)
            error.update(reason)
            error.display = True
            return
        self.dismiss(fact)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "fact-ok":
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


_FACT_REASONS = {
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "只能用字母、数字和 . _ -",
    "finite_number": "应为有限的数字",
}


def fact_problem(fact: dict[str, Any]) -> str | None:
    """The fact's own problems named by field title (数值：应为数字), before the whole report is checked."""
    try:
        Fact.model_validate(fact)
    except ValidationError as exc:
        parts = []
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            title = Fact.model_fields[name].title if name in Fact.model_fields else name
            parts.append(f"{title}：{_FACT_REASONS.get(err['type'], err['msg'])}")
        return "；".join(parts)
    return None


def _number_or_text(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text  # refused by the model, with a message naming the field
    return int(number) if number.is_integer() and "." not in text else number


class Choice(ModalScreen[str]):
    """A question with a few answers (each a button with a key); Esc answers "cancel"."""

    BINDINGS = [
        Binding("escape", "answer('cancel')", "取消"),
        Binding("left,up", "app.focus_previous", "上一个", show=False),
        Binding("right,down", "app.focus_next", "下一个", show=False),
    ]
    HINT = "括号内为快捷键 · Tab 选择 · Enter 确认 · Esc 取消"

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """answers: (value, label, key)."""
        super().__init__()
        self.question = question
        self.answers = answers
        for value, _label, key in answers:
            self._bindings.bind(key, f"answer('{value}')", show=False)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="choice", classes="dialog", can_focus=False):
            yield Static(self.question, classes="dialog-title")
            with Vertical(classes="dialog-foot"):
                yield Static(self.HINT, classes="dialog-hint")
                with Horizontal(classes="buttons"):
                    for i, (value, label, key) in enumerate(self.answers):
                        yield Button(
                            f"{label}({key})",
                            id=f"answer-{value}",
                            variant="primary" if i == 0 else "default",
                            compact=True,
                        )

    def on_resize(self, event: Resize) -> None:
        """Buttons too wide for one row (a 60-column terminal) are stacked, one answer a line."""
        buttons = self.query_one(".buttons", Horizontal)
        needed = sum(cell_len(f"{label}({key})") + 3 for _value, label, key in self.answers)
        room = min(event.size.width * 9 // 10, 100) - 4  # the dialog's width less border and padding
        buttons.set_class(needed > room, "-stacked")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "answer-cancel").removeprefix("answer-"))

    def action_answer(self, value: str) -> None:
        self.dismiss(value)
