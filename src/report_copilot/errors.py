"""The exception family every front end translates once.

Core code raises these with a Chinese message a clerk can act on and the place (cell, field, file,
step) it concerns; the CLI maps them to an exit code and the TUI to a notification. A user error
never reaches the user as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    """One thing wrong with the input: where, and what (in Chinese)."""

    location: str
    message: str
    rule: str = "INPUT"


class CopilotError(Exception):
    """Base of all user-facing errors."""

    exit_code = 2

    def __init__(
        self, message: str, *, location: str | None = None, problems: list[Problem] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.problems: list[Problem] = problems or []

    def __str__(self) -> str:
        lines = [self.message]
        lines += [f"  - {p.message}" for p in self.problems]
        return "\n".join(lines)


class InputError(CopilotError):
    """The input file cannot be read as a report (syntax, types, unknown fields, missing meta)."""

    exit_code = 2


class OutputError(CopilotError, OSError):
    """An output cannot be written: folder not writable, a directory in the way, target read-only or
    held open by another program, disk full. Nothing half-written is left behind.

    Also an OSError, so code that already guards a write with `except OSError` (the TUI's autosave,
    the section cache) keeps working; str() is the Chinese message.
    """

    exit_code = 2


EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
EXIT_MODEL_UNAVAILABLE = 3
"""`copilot draft`/`doctor`: the model service asked for cannot be reached or refuses the key."""
EXIT_INTERNAL = 70
"""An unexpected fault in the program itself (EX_SOFTWARE): a Chinese message, the traceback only
with COPILOT_DEBUG=1."""
EXIT_INTERRUPTED = 130


class FormatDefinitionError(CopilotError):
    """A format definition file is itself broken (a developer's or an office's mistake)."""

    exit_code = 2


class DraftingError(CopilotError):
    """A model call for one section failed (timeout, 429, 5xx, connection, unusable reply).

    The message names the section and the step; the pipeline falls back to the template drafter for
    that section and reports the message, so a draft run never crashes on it.
    """

    exit_code = 1


class DraftCancelled(CopilotError):
    """The user stopped a draft run (Ctrl+C in the CLI, the cancel button in the TUI)."""

    exit_code = 130
