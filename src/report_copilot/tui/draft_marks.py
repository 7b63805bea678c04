"""Which numbers of a draft changed their verdict when the data changed, and how that is written.

A data edit re-checks the current draft at once; the numbers whose verdict (or expected value)
moved are marked in the draft view and the draft editor until the clerk has seen them. Marks are
keyed by where the number is: (block, start) in the checked draft, (row, start) in the editor.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from report_copilot.checks.verdicts import verdict_name

if TYPE_CHECKING:
    from report_copilot.checks.prose import Mention

Place = tuple[int, int]
"""(block or row, start offset) of one number."""

MARKER = "▶"
"""Put before a changed number in the view, and before its line under the editor."""


def verdict_state(mentions: Iterable[tuple[Place, Mention]]) -> dict[Place, tuple[str, str | None]]:
    """What a re-check is compared on: each number's verdict and the value the data expects."""
    return {place: (str(m.verdict), m.expected) for place, m in mentions}


def changed_places(
    before: dict[Place, tuple[str, str | None]], after: dict[Place, tuple[str, str | None]]
) -> dict[Place, str]:
    """The numbers whose verdict or expected value differs after the re-check → their old verdict.

    A number that was not there before (the text itself changed) is not a change of the data."""
    return {
        place: before[place][0]
        for place, state in after.items()
        if place in before and before[place] != state
    }


def change_note(old: str, mention: Mention) -> str:
    """〔一致→不符，应为 99件〕: the old and new verdict and, when wrong, what the data holds."""
    new = str(mention.verdict)
    head = f"{verdict_name(old)}→{verdict_name(new)}" if old != new else f"仍{verdict_name(new)}"
    if new == "mismatch" and mention.expected is not None:
        head += f"，应为 {mention.expected}"
    return f"〔{head}〕"
