"""`copilot …` in a real pseudo-terminal (pexpect), as a clerk's keyboard, tmux or a paste drives it.

Shared by the real-terminal tests. Every wait is on something the terminal shows (text on screen,
the keyboard switched to key-at-a-time input, the process ending) and bounded; a hang fails the test
with the screen's tail. Nothing sleeps on a guess of how long the app takes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES

pexpect = pytest.importorskip("pexpect")

KEYS = {
    "enter": "\r",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "escape": "\x1b[27u",
    "backspace": "\x7f",
    "tab": "\t",
    "f6": "\x1b[17~",
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
    "ctrl+z": "\x1a",
    "ctrl+y": "\x19",
}
"""What a terminal sends for each key. Esc is sent as a terminal that speaks the kitty keyboard
protocol sends it (Textual asks for that protocol at start): a lone legacy "\\x1b" can only be told
from the start of Alt+key or an arrow by a pause, which a loaded machine may not honour."""

START_TIMEOUT = 120
FINISH_TIMEOUT = float(os.environ.get("PTY_FINISH_TIMEOUT", "900"))
"""Generous: a thousand keys on a loaded two-core CI runner; a hang still ends the test."""


def key_bytes(keys: list[str]) -> str:
    return "".join(KEYS.get(k, k) for k in keys)


def child_env(size: tuple[int, int], home: Path | None = None) -> dict[str, str]:
    """The environment of a clerk's terminal running this tree's code (no model service set up)."""
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", COLUMNS=str(size[0]), LINES=str(size[1]))
    env.pop("NO_COLOR", None)
    src = Path(__file__).resolve().parents[2] / "src"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH", "")) if p)
    if home is not None:
        # settings (model endpoint, keys) are read from the home folder: none here, so drafting
        # uses the offline template and nothing touches the network
        env["HOME"] = str(home)
        env["XDG_CONFIG_HOME"] = str(home / ".config")
        for name in list(env):
            if name.startswith(("OPENAI_", "COPILOT_")):
                env.pop(name)
    return env


class Terminal:
    """`copilot ARGS…` in a pty of a given size (columns, rows)."""

    def __init__(
        self, args: list[str], cwd: Path, size: tuple[int, int] = (80, 24), home: Path | None = None
    ):
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "report_copilot", *args],
            env=child_env(size, home),
            cwd=str(cwd),
            dimensions=(size[1], size[0]),
            encoding="utf-8",
            codec_errors="replace",
            timeout=START_TIMEOUT,
        )

    def expect(self, pattern: Any, timeout: float = START_TIMEOUT) -> None:
        """Wait until the output shows `pattern` (consumed: the next wait looks further on)."""
        try:
            self.child.expect(pattern, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            tail = (self.child.before or "")[-2000:]
            pytest.fail(
                f"the terminal did not show {pattern!r} in {timeout} s ({type(exc).__name__}); last output:\n{tail}"
            )

    def keyboard_taken(self) -> None:
        """Wait until the command has switched the terminal to key-at-a-time input (echo off): from
        then on every key, ⌫ and ctrl keys included, reaches the app exactly as typed."""
        if not self.child.waitnoecho(timeout=START_TIMEOUT):
            pytest.fail("the command never took the keyboard (terminal echo still on)")

    def send(self, keys: list[str]) -> None:
        """Keys as one read brings them (type-ahead, a fast typist, tmux send-keys)."""
        self.child.send(key_bytes(keys))

    def slowly(self, keys: list[str]) -> None:
        """Keys one write at a time, as typed by hand."""
        for key in keys:
            self.child.send(KEYS.get(key, key))
            self.child.expect([pexpect.TIMEOUT], timeout=0.02)  # reads the output meanwhile (no pty stall)

    def paste(self, text: str) -> None:
        """A bracketed paste, as terminals send a clipboard (Excel copies tab/newline-separated)."""
        self.child.send("\x1b[200~" + text + "\x1b[201~")

    def quit(self) -> None:
        self.send(["ctrl+q"])
        self.expect(pexpect.EOF, FINISH_TIMEOUT)

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


class Tui(Terminal):
    """`copilot tui FILE`."""

    def __init__(self, data: Path, size: tuple[int, int] = (80, 24), home: Path | None = None) -> None:
        super().__init__(["tui", str(data)], data.parent, size, home)
        self.data = data

    def save_and_quit(self) -> dict[str, Any]:
        """ctrl+s then ctrl+q (both handled after every key before them); the saved file."""
        self.send(["ctrl+s"])
        self.expect("已保存到", FINISH_TIMEOUT)
        self.quit()
        data: dict[str, Any] = json.loads(self.data.read_text(encoding="utf-8"))
        return data


@contextmanager
def example_tui(folder: Path, size: tuple[int, int] = (80, 24), *, wait: bool = True) -> Iterator[Tui]:
    """The bundled 2024 example (its 2023 beside it) open in `copilot tui`; with `wait`, once the
    command has taken the keyboard (the app itself may still be loading: keys typed now must wait)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, folder / name)
    term = Tui(folder / "yunxi-amr-2024.json", size)
    try:
        if wait:
            term.keyboard_taken()
        yield term
    finally:
        term.close()


def example(name: str = "yunxi-amr-2024.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data
