"""The TUI driven through a real pseudo-terminal, as a clerk's keyboard (or tmux, or a paste) drives it.

Pilot hands a Textual app one key event at a time; a terminal hands it whatever arrived in one read
("6⏎2⏎" typed ahead is one read), and a clerk starts typing before the first screen is drawn. These
tests start `copilot tui FILE` in an 80×24 pty, write keys in bursts — most of them while the app is
still loading — and compare the saved file: keys must land in order in the cells they were typed for,
whatever the timing (see `pty_terminal.py` for how the terminal is driven and waited on).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from tests.tui.pty_terminal import example, example_tui

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

TO_REQUESTS = ["]", "]"]
"""From the opening tab (基本信息) to 依申请公开, whose cursor starts on 新收申请 › 自然人."""


def test_keys_typed_before_the_app_has_started_land_in_order(tmp_path: Path) -> None:
    # sent the moment the command is launched: the terminal is still in line mode (Enter arrives
    # as "\n"), nothing is drawn, the tabs' grids are not mounted yet
    with example_tui(tmp_path, wait=False) as term:
        term.send([*TO_REQUESTS, "6", "enter", "2", "enter"])
        # ctrl+s typed while the terminal is in line mode would pause its output (XOFF) before
        # the app can see it: wait until the command has taken the keyboard
        term.keyboard_taken()
        data = term.save_and_quit()
    assert data["requests"]["new"]["natural_person"] == 6
    assert data["requests"]["carried_over"]["natural_person"] == 2


def test_digits_and_enter_in_one_read_fill_successive_cells(tmp_path: Path) -> None:
    with example_tui(tmp_path) as term:
        term.send([*TO_REQUESTS, "6", "enter", "2", "enter", "down", "1", "1", "enter"])
        data = term.save_and_quit()
    requests = data["requests"]
    assert requests["new"]["natural_person"] == 6
    assert requests["carried_over"]["natural_person"] == 2
    # Enter moved down past the subtotal row to 予以公开; ↓ then went one figure further
    assert requests["partially_granted"]["natural_person"] == 11


def test_tab_switches_typed_ahead_keep_the_focus_in_the_tab_shown(tmp_path: Path) -> None:
    # ] ] ] [ in one read: each switch hides a grid that had the focus; the focus must follow the
    # tab shown (it once fell back into a hidden grid, flipped the tab back and got lost)
    with example_tui(tmp_path) as term:
        term.send(["]", "]", "]", "[", "7", "enter", "[", "3", "enter"])
        data = term.save_and_quit()
    assert data["requests"]["new"]["natural_person"] == 7
    original = example()
    active_first = next(iter(original["active"]))
    assert data["active"] != original["active"], f"the 3 typed on 主动公开 ({active_first}…) was lost"


def test_arrows_escape_and_backspace_in_bursts(tmp_path: Path) -> None:
    with example_tui(tmp_path) as term:
        term.send([*TO_REQUESTS, "right", "4", "4", "backspace", "enter", "up", "right", "9", "escape"])
        term.send(["left", "left", "8", "down", "5", "enter"])
        data = term.save_and_quit()
    new = data["requests"]["new"]
    assert new["business"] == 4  # 44, one backspace, Enter
    assert new["research"] == 1  # the 9 typed there was cancelled with Esc
    assert new["natural_person"] == 8  # ↓ committed the 8 before moving down
    assert data["requests"]["carried_over"]["natural_person"] == 5


def test_bracketed_paste_of_an_excel_block_fills_rows_and_columns(tmp_path: Path) -> None:
    with example_tui(tmp_path) as term:
        term.send(TO_REQUESTS)
        term.paste("5\t6\r\n7\t8\r\n")
        term.send(["3", "enter"])  # typing goes on where the cursor was
        data = term.save_and_quit()
    requests = data["requests"]
    assert requests["new"]["business"] == 6
    assert requests["carried_over"]["natural_person"] == 7 and requests["carried_over"]["business"] == 8
    assert requests["new"]["natural_person"] == 3


def test_a_refused_paste_changes_nothing_and_the_app_keeps_responding(tmp_path: Path) -> None:
    original = example()
    with example_tui(tmp_path) as term:
        term.send(TO_REQUESTS)
        term.paste("5\t六\n7\t8\n")  # one value is not a number: the whole block is refused
        term.expect("未粘贴")
        term.send(["1", "enter"])
        data = term.save_and_quit()
    assert data["requests"]["new"]["natural_person"] == 1
    assert data["requests"]["new"]["business"] == original["requests"]["new"]["business"]
    assert data["requests"]["carried_over"] == original["requests"]["carried_over"]


def test_undo_and_redo_keys_through_the_terminal(tmp_path: Path) -> None:
    with example_tui(tmp_path) as term:
        term.send([*TO_REQUESTS, "6", "enter"])
        term.paste("5\t6\n")
        term.send(["ctrl+z"])  # the paste, one step
        term.send(["ctrl+z", "ctrl+y"])  # the 6 undone and redone
        data = term.save_and_quit()
    original = example()
    assert data["requests"]["new"]["natural_person"] == 6
    assert data["requests"]["carried_over"] == original["requests"]["carried_over"]


def _random_session(seed: int, length: int) -> list[str]:
    """Keys a clerk might type on a grid: mostly digits and Enter, some moves, a few Esc and ⌫."""
    rng = random.Random(seed)
    keys = [*"0123456789"] * 5 + ["enter"] * 12 + ["up", "down", "left", "right"] * 4 + ["backspace"] * 2
    keys += ["escape"]
    return rng.choices(keys, k=length)


def test_a_random_thousand_key_session_gives_the_same_file_in_bursts_as_typed_slowly(tmp_path: Path) -> None:
    keys = [*_random_session(seed=20241203, length=1000), "escape"]  # end outside any refused edit
    with example_tui(tmp_path / "slow") as term:
        term.slowly(TO_REQUESTS)
        term.slowly(keys)
        slow = term.save_and_quit()
    with example_tui(tmp_path / "fast") as term:
        term.send([*TO_REQUESTS, *keys])
        fast = term.save_and_quit()
    assert slow["requests"] != example()["requests"], (
        "the session typed nothing: the test would prove nothing"
    )
    assert fast == slow
