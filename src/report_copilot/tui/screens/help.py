"""The help screen (?): key bindings and how autosave, cells and drafting behave."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown


def help_text() -> str:
    return resources.files(__package__).joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "关闭")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog") as body:
            body.border_subtitle = "↑↓ 翻看 · Esc 关闭"
            yield Markdown(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
