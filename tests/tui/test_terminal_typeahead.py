"""`copilot tui` takes the keyboard key-at-a-time as it starts, and always gives the terminal back."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest

from report_copilot.tui.typeahead import typeahead_mode

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

termios = pytest.importorskip("termios")
pty = pytest.importorskip("pty")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A pseudo-terminal as the process's standard input (in line mode, as a shell leaves it)."""
    master, slave = pty.openpty()
    stdin = os.fdopen(slave, "r")
    monkeypatch.setattr(sys, "stdin", stdin)
    try:
        yield slave
    finally:
        stdin.close()
        os.close(master)


def test_keys_typed_while_loading_are_kept_as_typed(terminal: int) -> None:
    with typeahead_mode():
        iflag, _oflag, _cflag, lflag, *_ = termios.tcgetattr(terminal)
        assert not lflag & termios.ICANON  # a key is readable at once, not held until Enter
        assert not lflag & termios.ECHO  # nothing typed is written over the screen being drawn
        assert not iflag & termios.ICRNL  # Enter stays "\r"
        assert not lflag & termios.ISIG  # ctrl+z is the app's undo, not "suspend"


def test_the_terminal_is_given_back_as_it_was_even_after_an_error(terminal: int) -> None:
    before = termios.tcgetattr(terminal)
    with pytest.raises(RuntimeError), typeahead_mode():
        raise RuntimeError("the data file could not be read")
    assert termios.tcgetattr(terminal) == before


def test_no_terminal_no_change(monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]) -> None:
    with open(os.path.join(tmp_path, "keys.txt"), "w+") as piped:
        monkeypatch.setattr(sys, "stdin", piped)
        with typeahead_mode():
            pass  # input from a file or a pipe: nothing to switch, nothing raised
