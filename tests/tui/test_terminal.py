"""The TUI driven through a real pseudo-terminal, as a clerk's keyboard (or tmux, or a paste) drives it.

Pilot hands a Textual app one key event at a time; a terminal hands it whatever arrived in one read
("6⏎2⏎" typed ahead is one read). These tests start `copilot tui FILE` in an 80×24 pty with pexpect,
write keys in bursts, and compare the saved file: keys must land in order in the cells they were
typed for, whatever the timing. Every wait is bounded; a hang fails the test with the screen's tail.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.xfail(
    os.environ.get("CI") == "true",
    reason="real-terminal timing on a loaded CI runner: a key sent while the TUI starts can land elsewhere "
    "(known gap, issue 11); run locally to prove key order",
    strict=False,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

KEYS = {
    "enter": "\r",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "escape": "\x1b",
    "backspace": "\x7f",
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
    "ctrl+z": "\x1a",
    "ctrl+y": "\x19",
}
"""What a terminal sends for each key (xterm)."""

ESCAPE_PAUSE = 0.3
"""After a lone Esc a terminal cannot tell Esc-then-6 from Alt+6 except by a pause (Textual waits
0.1 s, like vim's ttimeout): a burst is split after each Esc, as a person's typing would be."""

START_TIMEOUT = 60
FINISH_TIMEOUT = 900
"""Generous: a thousand keys on a loaded two-core CI runner; a hang still ends the test."""


def _bytes(keys: list[str]) -> str:
    return "".join(KEYS.get(k, k) for k in keys)


class Terminal:
    """`copilot tui` in a pty of a given size."""

    def __init__(self, data: Path, size: tuple[int, int] = (80, 24)) -> None:
        env = dict(
            os.environ, TERM="xterm-256color", LANG="C.UTF-8", COLUMNS=str(size[0]), LINES=str(size[1])
        )
        env.pop("NO_COLOR", None)
        src = Path(__file__).resolve().parents[2] / "src"
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH", "")) if p)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "report_copilot", "tui", str(data)],
            env=env,
            cwd=str(data.parent),
            dimensions=(size[1], size[0]),
            encoding="utf-8",
            codec_errors="replace",
            timeout=START_TIMEOUT,
        )
        self.data = data

    def expect(self, pattern: str, timeout: float) -> None:
        try:
            self.child.expect(pattern, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            tail = (self.child.before or "")[-2000:]
            pytest.fail(
                f"the TUI did not show {pattern!r} in {timeout} s ({type(exc).__name__}); last output:\n{tail}"
            )

    def ready(self) -> None:
        self.expect("方向键移动", START_TIMEOUT)
        time.sleep(0.3)  # the tabs mounted lazily after the first paint

    def burst(self, keys: list[str]) -> None:
        """Write keys as one read would bring them (split only after an Esc)."""
        chunk: list[str] = []
        for key in keys:
            chunk.append(key)
            if key == "escape":
                self.child.send(_bytes(chunk))
                chunk = []
                time.sleep(ESCAPE_PAUSE)
        if chunk:
            self.child.send(_bytes(chunk))

    def slowly(self, keys: list[str], gap: float = 0.02) -> None:
        for key in keys:
            self.child.send(KEYS.get(key, key))
            time.sleep(ESCAPE_PAUSE if key == "escape" else gap)

    def to_requests(self) -> None:
        """To 依申请公开, waiting until its table is on screen: a key sent while the opening screen is
        still settling (initial focus, tabs mounted after the first paint) would land elsewhere."""
        time.sleep(1.5)
        self.slowly(TO_REQUESTS, gap=1.0)
        self.expect("收到和处理政府信息公开申请情况", START_TIMEOUT)
        time.sleep(0.5)

    def paste(self, text: str) -> None:
        """A bracketed paste, as terminals send a clipboard (Excel copies tab/newline-separated)."""
        self.child.send("\x1b[200~" + text + "\x1b[201~")

    def save_and_quit(self) -> dict[str, Any]:
        """ctrl+s then ctrl+q (handled after every key before them); the saved file."""
        self.child.send(KEYS["ctrl+s"])
        self.expect("已保存到", FINISH_TIMEOUT)
        self.child.send(KEYS["ctrl+q"])
        self.expect(pexpect.EOF, FINISH_TIMEOUT)
        data: dict[str, Any] = json.loads(self.data.read_text(encoding="utf-8"))
        return data

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@contextmanager
def tui(folder: Path, size: tuple[int, int] = (80, 24)) -> Iterator[Terminal]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, folder / name)
    term = Terminal(folder / "yunxi-amr-2024.json", size)
    try:
        term.ready()
        yield term
    finally:
        term.close()


TO_REQUESTS = ["]", "]"]
"""From the opening tab (基本信息) to 依申请公开, whose cursor starts on 新收申请 › 自然人."""


def test_digits_and_enter_in_one_read_fill_successive_cells(tmp_path: Path) -> None:
    with tui(tmp_path) as term:
        term.to_requests()
        term.burst(["6", "enter", "2", "enter", "down", "1", "1", "enter"])
        data = term.save_and_quit()
    requests = data["requests"]
    assert requests["new"]["natural_person"] == 6
    assert requests["carried_over"]["natural_person"] == 2
    # Enter moved down past the subtotal row to 予以公开; ↓ then went one figure further
    assert requests["partially_granted"]["natural_person"] == 11


def test_arrows_escape_and_backspace_in_bursts(tmp_path: Path) -> None:
    with tui(tmp_path) as term:
        term.to_requests()
        term.burst(["right", "4", "4", "backspace", "enter", "up", "right", "9", "escape"])
        term.burst(["left", "left", "8", "down", "5", "enter"])
        data = term.save_and_quit()
    new = data["requests"]["new"]
    assert new["business"] == 4  # 44, one backspace, Enter
    assert new["research"] == 1  # the 9 typed there was cancelled with Esc
    assert new["natural_person"] == 8  # ↓ committed the 8 before moving down
    assert data["requests"]["carried_over"]["natural_person"] == 5


def test_bracketed_paste_of_an_excel_block_fills_rows_and_columns(tmp_path: Path) -> None:
    with tui(tmp_path) as term:
        term.to_requests()
        term.paste("5\t6\r\n7\t8\r\n")
        term.burst(["3", "enter"])  # typing goes on where the cursor was
        data = term.save_and_quit()
    requests = data["requests"]
    assert requests["new"]["business"] == 6
    assert requests["carried_over"]["natural_person"] == 7 and requests["carried_over"]["business"] == 8
    assert requests["new"]["natural_person"] == 3


def test_a_refused_paste_changes_nothing_and_the_app_keeps_responding(tmp_path: Path) -> None:
    original = json.loads((EXAMPLES / "yunxi-amr-2024.json").read_text(encoding="utf-8"))
    with tui(tmp_path) as term:
        term.to_requests()
        term.paste("5\t六\n7\t8\n")  # one value is not a number: the whole block is refused
        term.expect("未粘贴", 30)
        term.burst(["1", "enter"])
        data = term.save_and_quit()
    assert data["requests"]["new"]["natural_person"] == 1
    assert data["requests"]["new"]["business"] == original["requests"]["new"]["business"]
    assert data["requests"]["carried_over"] == original["requests"]["carried_over"]


def _random_session(seed: int, length: int) -> list[str]:
    """Keys a clerk might type on a grid: mostly digits and Enter, some moves, a few Esc and ⌫."""
    rng = random.Random(seed)
    keys = [*"0123456789"] * 5 + ["enter"] * 12 + ["up", "down", "left", "right"] * 4 + ["backspace"] * 2
    keys += ["escape"]
    return rng.choices(keys, k=length)


def test_a_random_thousand_key_session_gives_the_same_file_in_bursts_as_typed_slowly(tmp_path: Path) -> None:
    keys = [*_random_session(seed=20241203, length=1000), "escape"]  # end outside any refused edit
    with tui(tmp_path / "slow") as term:
        term.to_requests()
        term.slowly(keys)
        slow = term.save_and_quit()
    with tui(tmp_path / "fast") as term:
        term.to_requests()
        term.burst(keys)
        fast = term.save_and_quit()
    original = json.loads((EXAMPLES / "yunxi-amr-2024.json").read_text(encoding="utf-8"))
    assert slow["requests"] != original["requests"], "the session typed nothing: the test would prove nothing"
    assert fast == slow
