"""What the number checker says about one number: the verdict, its one Chinese name, and which block.

Every layer that shows or gates on a verdict (the CLI, the TUI, the export gate, the audit) reads it
from here, so a verdict has one spelling and one Chinese name everywhere.
"""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """The verdict on one number of the prose (the value is the JSON spelling)."""

    BOUND = "bound"
    """It agrees with the figure its sentence names."""
    EXEMPT = "exempt"
    """Not a statistic (a year, a document number, a telephone number …), with a reason."""
    MISMATCH = "mismatch"
    """The sentence names a figure beyond doubt and the number differs from it."""
    UNSUPPORTED = "unsupported"
    """Nothing in the data backs it (or it could not be read as a number at all)."""
    AMBIGUOUS = "ambiguous"
    """The clause names several figures and the number matches none of them, nor their sum."""

    @property
    def zh(self) -> str:
        """The one Chinese name users see."""
        return VERDICT_NAMES[self]

    @property
    def is_error(self) -> bool:
        """Whether the number blocks export until the sentence is fixed."""
        return self in ERROR_VERDICTS


VERDICT_NAMES: dict[Verdict, str] = {
    Verdict.BOUND: "一致",
    Verdict.EXEMPT: "不核对",
    Verdict.MISMATCH: "不符",
    Verdict.UNSUPPORTED: "无出处",
    Verdict.AMBIGUOUS: "所指不明",
}

ERROR_VERDICTS: frozenset[Verdict] = frozenset({Verdict.MISMATCH, Verdict.UNSUPPORTED, Verdict.AMBIGUOUS})
"""The verdicts that make a check fail: an unverified number blocks like a wrong one."""

PROBLEMS_FIRST: tuple[Verdict, ...] = (
    Verdict.MISMATCH,
    Verdict.UNSUPPORTED,
    Verdict.AMBIGUOUS,
    Verdict.BOUND,
    Verdict.EXEMPT,
)
"""Display order: problems first, then the numbers that bind, then those exempt from checking."""


def verdict_name(verdict: str | None) -> str:
    """The Chinese name of a verdict given as its JSON spelling (unknown spellings shown as given)."""
    if verdict is None:
        return ""
    try:
        return Verdict(verdict).zh
    except ValueError:
        return verdict


def is_error_verdict(verdict: str | None) -> bool:
    """Whether a verdict given as its JSON spelling blocks export."""
    return verdict in ERROR_VERDICTS
