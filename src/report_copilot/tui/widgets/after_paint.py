"""`AfterPaint`: a tab's content mounted once the first frame is on the terminal.

Textual's `Lazy` mounts its widget "after the next refresh", but the app mounts its first screen
inside a batch update, during which refreshes are computed and not shown: every lazy tab was then
mounted and styled before anything appeared. This waits until the batch is over, has the screen
painted, and only then mounts the content (no more work than `Lazy`, just after the first frame).
Until then queries find the `AfterPaint` (a `Lazy`) in the pane: the app holds typed keys back
until none is left, and the tab handlers wait for a tab's content the same way.
"""

from __future__ import annotations

from textual.lazy import Lazy
from textual.widget import Widget

BATCH_POLL = 0.01
"""Seconds between looks at whether the app still holds its first frame back."""


class AfterPaint(Lazy):
    """A `Lazy` (queries for `Lazy` still find it) that waits for the first shown frame."""

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        # headless (tests, run_test) nothing is shown: mount after the next refresh, as `Lazy` does
        self.call_after_refresh(self._mount_now if self.app.is_headless else self._when_shown)

    def _when_shown(self) -> None:
        if not self.is_attached:
            return
        if self.app._batch_count:  # the frame just computed was not shown: look again shortly
            self.set_timer(BATCH_POLL, self._when_shown)
            return
        self.screen.refresh()  # the first frame is drawn before the callback below runs
        self.call_after_refresh(self._mount_now)

    async def _mount_now(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget) or not self.is_attached:
            return
        await parent.mount(self._replace_widget, after=self)
        await self.remove()
