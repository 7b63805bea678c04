"""导出: the export gate made visible — what will be written, and why a draft is refused."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from report_copilot.tui.messages import DraftActionRequested
from report_copilot.tui.widgets.mark_checkbox import MarkCheckbox


class ExportView(Vertical):
    """Formats, the force switch (with its visible mark), and the outcome of the last export."""

    def compose(self) -> ComposeResult:
        yield Static("", id="export-gate")
        with Horizontal(classes="work-bar"):
            yield Button("导出 e", id="export-run", compact=True, variant="primary")
            yield MarkCheckbox("Markdown", value=True, id="export-md", compact=True)
            yield MarkCheckbox("Word", value=True, id="export-docx", compact=True)
            yield MarkCheckbox("强制导出（标注未通过核对）", value=False, id="export-force", compact=True)
        with VerticalScroll(id="export-log"):
            yield Static(Text("先在“草稿”页起草（d），核对通过后在此导出。", style="dim"), id="export-text")

    def on_mount(self) -> None:
        self.query_one("#export-log").border_title = "导出结果"

    @property
    def formats(self) -> tuple[str, ...]:
        chosen = []
        if self.query_one("#export-md", MarkCheckbox).value:
            chosen.append("md")
        if self.query_one("#export-docx", MarkCheckbox).value:
            chosen.append("docx")
        return tuple(chosen)

    @property
    def force(self) -> bool:
        return self.query_one("#export-force", MarkCheckbox).value

    def show_gate(self, text: Text) -> None:
        self.query_one("#export-gate", Static).update(text)

    def show_outcome(self, text: Text) -> None:
        self.query_one("#export-text", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(DraftActionRequested("export"))
