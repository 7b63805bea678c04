"""Keep keys typed while `copilot tui` starts exactly as typed.

Until Textual switches the terminal to raw input (after every import and the data file are loaded,
a second or more on a busy machine), the terminal is in line mode: it echoes what is typed over the
screen, turns Enter ("\\r") into "\\n" and holds a line back until Enter. `typeahead_mode` switches to
key-at-a-time input without echo or translation as the command starts, so keys typed meanwhile wait
in the terminal's queue unchanged until the app reads them; the terminal's own settings are put back
when the command ends, whatever happens. Ctrl keys are keys as they are in the app (ctrl+z is undo
there, not "suspend"), so the terminal's signal keys are off too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def typeahead_mode() -> Iterator[None]:
    """Key-at-a-time, no-echo terminal input for the duration (a no-op when stdin is no terminal)."""
    if sys.platform == "win32" or not _is_terminal():
        yield
        return
    import termios

    fd = sys.stdin.fileno()
    try:
        before = termios.tcgetattr(fd)
    except termios.error:
        yield
        return
    mode = termios.tcgetattr(fd)
    mode[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR | termios.IXON)  # iflag
    mode[3] &= ~(termios.ICANON | termios.ECHO | termios.IEXTEN | termios.ISIG)  # lflag
    mode[6][termios.VMIN] = 1
    mode[6][termios.VTIME] = 0
    try:
        termios.tcsetattr(fd, termios.TCSANOW, mode)
        yield
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, before)
        except termios.error:
            pass


def _is_terminal() -> bool:
    try:
        return os.isatty(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):
        return False
