"""A checkbox whose state reads without colour: ``[x]`` when on, ``[ ]`` when off.

Textual's stock toggle draws the same ``▐X▌`` in both states and tells them apart only by
colour, which a monochrome terminal, a colour-blind clerk or a screenshot loses.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

MARK_ON = "[x]"
MARK_OFF = "[ ]"


class MarkCheckbox(Checkbox):
    """A Checkbox drawn as ``[x]`` / ``[ ]``; behaviour, messages and keys are Textual's."""

    @property
    def _button(self) -> Content:
        """The mark for the current value, in the toggle's own style so focus still shows."""
        style = self.get_visual_style("toggle--label")
        return Content.styled(MARK_ON if self.value else MARK_OFF, style)
