"""The draft's Markdown in an editor, every number marked by its verdict as the clerk types.

A wrong number is shown white on red, a number without a source underlined, an ambiguous one in
yellow; the line under the editor names what the cursor line's numbers should be. The verdicts come
from the screen (it owns the report and the service); this widget only paints them.
"""

from __future__ import annotations

from rich.style import Style
from textual.binding import Binding
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from report_copilot.tui.messages import DraftActionRequested

VERDICT_HIGHLIGHTS = {
    "mismatch": Style(color="white", bgcolor="red3", bold=True),
    "unsupported": Style(underline=True, bold=True),
    "ambiguous": Style(color="yellow", underline=True),
    "bound": Style(color="green"),
}
"""Verdict → style in the editor (the unsupported underline is visible without colour)."""

_THEME = TextAreaTheme(
    name="copilot-draft",
    syntax_styles={f"verdict.{name}": style for name, style in VERDICT_HIGHLIGHTS.items()},
)

Span = tuple[int, int, str]
"""(start, end, verdict) in characters of one line."""


class DraftEditor(TextArea):
    """A TextArea whose highlights are the number verdicts, not a syntax."""

    BINDINGS = [
        Binding("escape", "leave", "结束编辑"),
        Binding("ctrl+e", "external", "用 $EDITOR 编辑"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        self._spans: dict[int, list[Span]] = {}  # read by TextArea.__init__ (via the highlight map)
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    def on_mount(self) -> None:
        self.register_theme(_THEME)
        self.theme = "copilot-draft"

    def show_verdicts(self, spans: dict[int, list[Span]]) -> None:
        """Repaint the marks: line → spans (character offsets, as the checker reports them)."""
        self._spans = spans
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        """TextArea paints `_highlights` (byte offsets per line, names looked up in the theme)."""
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        lines = self.document.lines
        for row, spans in self._spans.items():
            if row >= len(lines):
                continue
            line = lines[row]
            for start, end, verdict in spans:
                if 0 <= start < end <= len(line):
                    begin = len(line[:start].encode("utf-8"))
                    stop = len(line[:end].encode("utf-8"))
                    highlights[row].append((begin, stop, f"verdict.{verdict}"))

    def action_leave(self) -> None:
        self.post_message(DraftActionRequested("save"))

    def action_external(self) -> None:
        self.post_message(DraftActionRequested("editor"))
