"""The findings list: every problem in Chinese with its rule; choosing one jumps to its cell."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from report_copilot.checks.findings import Finding
from report_copilot.tui.messages import FindingChosen

# Screens this many rows tall or fewer start with the panel collapsed to its count line.
COLLAPSE_AT_HEIGHT = 24


def finding_text(finding: Finding) -> Text:
    """`错误 [T3-1] message`, coloured by severity."""
    mark, style = ("错误", "bold red") if finding.severity == "error" else ("警告", "bold yellow")
    text = Text()
    text.append(f"{mark} [{finding.rule}] ", style=style)
    text.append(finding.message)
    return text


class FindingsPanel(OptionList):
    """Findings of the latest check; Enter or a click posts `FindingChosen`."""

    def __init__(self, *, id: str | None = None, empty: str = "未发现问题。") -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []
        self.empty = empty
        self.title_prefix = "问题："
        self._shown_empty = empty
        self._shown_prefix = ""
        # the clerk's own expand/collapse choice (None: follow the screen height)
        self.pinned: bool | None = None

    def show_findings(self, findings: list[Finding]) -> None:
        if (
            findings == self.findings
            and self.option_count
            and self.empty == self._shown_empty
            and self.title_prefix == self._shown_prefix
        ):
            return
        self._shown_empty, self._shown_prefix = self.empty, self.title_prefix
        highlighted = self.highlighted
        self.findings = list(findings)
        if not findings:
            self.set_options([Option(Text(self.empty, style="green"), disabled=True)])
        else:
            self.set_options([Option(finding_text(f)) for f in findings])
            self.highlighted = 0 if highlighted is None else min(highlighted, len(findings) - 1)
        self._title()

    @property
    def collapsed(self) -> bool:
        return self.has_class("-collapsed")

    def fit_height(self, screen_height: int) -> None:
        """Collapse to the count line on short screens, so the work above gets the rows."""
        if self.pinned is None:
            self.set_class(screen_height <= COLLAPSE_AT_HEIGHT, "-collapsed")
            self._title()

    def toggle(self) -> None:
        """Expand or collapse at the clerk's request; the choice then holds whatever the size."""
        self.pinned = not self.collapsed
        self.set_class(self.pinned, "-collapsed")
        self._title()

    def _title(self) -> None:
        errors = sum(1 for f in self.findings if f.severity == "error")
        hint = "（v 展开）" if self.collapsed else ""
        self.border_title = f"{self.title_prefix}{errors} 个错误、{len(self.findings) - errors} 个警告{hint}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.findings):
            self.post_message(FindingChosen(self.findings[event.option_index]))
