"""Moving between tabs and the findings panel without losing a key typed on the way.

Mixed into MainScreen: keys typed right after a tab switch are held (the app's `hold_keys`) until the
new tab's first grid or field has the focus, also while its content is still being mounted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.containers import ScrollableContainer, VerticalScroll
from textual.lazy import Lazy
from textual.widgets import TabbedContent, TabPane

from report_copilot.tui.widgets.findings_panel import FindingsPanel
from report_copilot.tui.widgets.table_editor import TableEditor

if TYPE_CHECKING:
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object

_CONTAINERS = (ScrollableContainer, VerticalScroll)

FOCUS_POLL, FOCUS_TRIES = 0.02, 250
"""A tab whose content is still mounting is looked at again every 20 ms, for up to 5 s."""


class Navigation(_Host):
    """Tab switches, focus on arrival, the findings panel's fold."""

    def action_switch_tab(self, step: int) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        panes = [p.id for p in tabs.query(TabPane) if p.id]
        if tabs.active in panes:
            self.cancel_typing()
            tabs.active = panes[(panes.index(tabs.active) + step) % len(panes)]
            self.focus_tab(tabs.active)

    def focus_tab(self, pane_id: str) -> None:
        """Keys typed right after a tab switch belong to the new tab: hold them until its first
        field or grid has the focus."""
        hold = getattr(self.app, "hold_keys", None)
        if hold is not None:
            hold()
        self.call_after_refresh(self._focus_pane, pane_id, FOCUS_TRIES)

    def cancel_typing(self) -> None:
        """Leaving a grid while typing into a cell keeps the cell as it was (as Esc would)."""
        for grid in self.query(TableEditor):
            grid.cancel_edit()

    def _focus_pane(self, pane_id: str, tries: int = 0) -> None:
        """Put the focus on the first thing to work with in a tab (a grid, a field …); a tab whose
        content is still being mounted is looked at again until it is in place."""
        pane = self.query_one(f"#{pane_id}", TabPane)
        # a grid first, else the first field (a scrolling container is focusable too, but not to type in)
        target = next((w for w in pane.query("*") if w.focusable and type(w) not in _CONTAINERS), None)
        if pane.query(Lazy) and tries > 0:
            # the tab's content is still being mounted (just after start-up): look again shortly
            self.set_timer(FOCUS_POLL, lambda: self._focus_pane(pane_id, tries - 1))
            return
        if target is not None:
            self.set_focus(target)
        release = getattr(self.app, "release_keys", None)
        if release is not None:
            release()

    def action_focus_findings(self) -> None:
        panel = self.query_one(FindingsPanel)
        if panel.collapsed:
            panel.toggle()
        panel.focus()

    def action_toggle_findings(self) -> None:
        self.query_one(FindingsPanel).toggle()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(FindingsPanel).fit_height(event.size.height)
