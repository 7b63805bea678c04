"""The draft's Markdown in an editor, every number marked by its verdict as the clerk types.

A wrong number is shown white on red, a number without a source underlined, an ambiguous one in
yellow; the line under the editor names what the cursor line's numbers should be. After a data
edit, the numbers whose verdict changed are shown reversed and underlined until the clerk types or
clears them; ctrl+n moves the cursor from one to the next. The verdicts come from the screen (it owns
the report and the service); this widget only paints them.
"""

from __future__ import annotations

from rich.style import Style
from textual.binding import Binding
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from report_copilot.tui.draft_marks import MARKER, Place
from report_copilot.tui.messages import DraftActionRequested

VERDICT_HIGHLIGHTS = {
    "mismatch": Style(color="white", bgcolor="red3", bold=True),
    "unsupported": Style(underline=True, bold=True),
    "ambiguous": Style(color="yellow", underline=True),
    "bound": Style(color="green"),
}
"""Verdict → style in the editor (the unsupported underline is visible without colour)."""

CHANGED_HIGHLIGHT = Style(reverse=True, underline=True, bold=True)
"""Laid over a number whose verdict a data edit changed (reversed: visible without colour)."""


def _theme() -> TextAreaTheme:
    """A fresh theme per editor: Textual fills a theme's unset colours from the app it is first
    used in, so a shared one would carry one app's colours into the next."""
    return TextAreaTheme(
        name="copilot-draft",
        syntax_styles={
            **{f"verdict.{name}": style for name, style in VERDICT_HIGHLIGHTS.items()},
            "verdict.changed": CHANGED_HIGHLIGHT,
        },
    )


LEGEND = f"{MARKER} 反显＝数据修改后结果有变 {{n}} 处 · ctrl+n 下一处 · 输入即清除"

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
        self.changed: dict[Place, str] = {}
        """(row, start) → the verdict before the last data edit, of each number it changed."""
        self._marked_text = ""
        """The text the change marks were made on (their offsets hold only for it)."""
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    def on_mount(self) -> None:
        self.register_theme(_theme())
        self.theme = "copilot-draft"

    def show_verdicts(self, spans: dict[int, list[Span]], changed: dict[Place, str] | None = None) -> None:
        """Repaint the marks: line → spans (character offsets, as the checker reports them); `changed`
        replaces the change marks when given."""
        self._spans = spans
        if changed is not None:
            self.changed, self._marked_text = changed, self.text
        self.border_subtitle = LEGEND.format(n=len(self.changed)) if self.changed else ""
        self._build_highlight_map()
        self.refresh()
        if self.parent is not None:
            self.parent.refresh_bindings()

    def text_changed(self) -> None:
        """The text changed (typed, pasted, loaded): marks made on another text no longer hold."""
        if self.changed and self.text != self._marked_text:
            self.clear_changes()

    def clear_changes(self) -> None:
        """The clerk has seen the changes (or typed: the offsets no longer hold)."""
        if self.changed:
            self.show_verdicts(self._spans, {})

    def next_change(self) -> None:
        """Put the cursor on the next changed number after the cursor (from the top after the last)."""
        if not self.changed:
            return
        here = self.cursor_location
        places = sorted(self.changed)
        row, start = next((p for p in places if p > here), places[0])
        self.move_cursor((row, start), center=True)

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
                    if (row, start) in self.changed:
                        highlights[row].append((begin, stop, "verdict.changed"))

    def action_leave(self) -> None:
        self.post_message(DraftActionRequested("save"))

    def action_external(self) -> None:
        self.post_message(DraftActionRequested("editor"))
