"""`SteadyTabs`: a TabbedContent whose active tab changes only when asked, never behind the clerk's back.

Textual hides the panes a switch leaves with `display: none` and tells their widgets so with a Hide
event that arrives a little later. A focused widget that receives it blurs and hands the focus to a
sibling in the same (hidden) pane; that sibling's focus makes TabbedContent switch back to the pane
it is in. With keys typed ahead (`]]6⏎`) or a loaded machine the screen then flips between tabs and
the focus ends up nowhere, so the typed figures vanish. Moving the focus out of the pane being left
before it is hidden, and ignoring a pane's "something in me was focused" notice once that focus has
moved on, keeps the tab and the focus where the clerk put them.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane, Tabs


class SteadyTabs(TabbedContent):
    """TabbedContent that never switches back to a pane the focus merely passed through."""

    def watch_active(self, active: str) -> None:
        focused = self.screen.focused if self.is_attached else None
        pane = self._pane_of(focused)
        if focused is None or pane is None or pane.id == active:
            return
        # the tab bar stays visible: the keys typed next still reach the screen's bindings
        tab_bar = next((child for child in self.children if isinstance(child, Tabs)), None)
        self.screen.set_focus(tab_bar, scroll_visible=False)

    def on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        focused = self.screen.focused
        if focused is None or self._pane_of(focused) is not event.tab_pane:
            # the focus that sent this has already moved on (or was lost as its pane was hidden)
            event.prevent_default()
            event.stop()

    def _pane_of(self, widget: Widget | None) -> TabPane | None:
        """The pane of this TabbedContent that holds `widget`, if any."""
        if widget is None:
            return None
        for node in widget.ancestors_with_self:
            if isinstance(node, TabPane) and node.parent is not None and node.parent.parent is self:
                return node
        return None
