"""An autosave found on opening: newer than the file → 恢复 / 丢弃 / 对比; older or damaged → kept aside.

Nothing the clerk typed is lost whatever they answer: the data file is written only by ctrl+s and the
autosave is never deleted while it holds changes the file lacks.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from report_copilot.tui import session as session_module
from report_copilot.tui.app import CopilotApp
from report_copilot.tui.autosave import autosave_path, keep_aside
from report_copilot.tui.data_diff import differences
from report_copilot.tui.screens import restore
from report_copilot.tui.screens.restore import RestoreDialog
from report_copilot.tui.session import EditSession
from report_copilot.tui.widgets.meta_form import field_widget_id
from tests.tui.conftest import read

pytestmark = pytest.mark.anyio

SIZE = (80, 24)
FILE_TIME = 1_764_000_000  # the data file was saved …
LATER = FILE_TIME + 600  # … and the autosave written ten minutes later
BUSINESS = "三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 法人或其他组织 › 商业企业"


def leave_autosave(data_file: Path, *, when: int = LATER) -> dict[str, Any]:
    """What a crashed run leaves: an autosave with two changes the file does not have."""
    data = read(data_file)
    data["requests"]["new"]["business"] = 10
    data["meta"]["contact"]["telephone"] = "0795-0000000"
    sidecar = autosave_path(data_file)
    sidecar.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.utime(data_file, (FILE_TIME, FILE_TIME))
    os.utime(sidecar, (when, when))
    return data


def kept_copies(data_file: Path) -> list[Path]:
    return sorted(data_file.parent.glob(f"{data_file.stem}.自动保存*.json"))


def plain(renderable: Any) -> str:
    """What a rich renderable says, one wide line per row."""
    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


def status(app: CopilotApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


# ---------------------------------------------------------------------- the session (no terminal)
def test_newer_autosave_waits_for_the_clerk_and_is_never_written_over(data_file: Path) -> None:
    file_before = data_file.read_bytes()
    autosaved = leave_autosave(data_file)
    session = EditSession.open(data_file)
    assert session.pending is not None and session.pending.data == autosaved
    assert session.value("requests.new.business") == 9, "the file's data is open until the answer"
    session.close()  # quitting before answering leaves both files as they were
    assert read(autosave_path(data_file)) == autosaved
    assert data_file.read_bytes() == file_before


def test_restore_opens_the_autosave_and_leaves_the_file(data_file: Path) -> None:
    file_before = data_file.read_bytes()
    autosaved = leave_autosave(data_file)
    session = EditSession.open(data_file)
    session.restore_autosave()
    assert session.restored and session.dirty and session.pending is None
    assert session.value("requests.new.business") == 10
    session.close()
    assert data_file.read_bytes() == file_before
    assert read(autosave_path(data_file)) == autosaved


def test_discard_keeps_the_autosave_aside(data_file: Path) -> None:
    file_before = data_file.read_bytes()
    autosaved = leave_autosave(data_file)
    session = EditSession.open(data_file)
    kept = session.discard_autosave()
    assert kept is not None and kept.parent == data_file.parent and "自动保存" in kept.name
    assert read(kept) == autosaved
    assert not autosave_path(data_file).exists() and not session.dirty
    assert session.value("requests.new.business") == 9
    session.set_cell("appeals.review.other", "1")  # typing goes on into a fresh autosave
    session.close()
    assert read(kept) == autosaved
    assert read(autosave_path(data_file))["appeals"]["review"]["other"] == 1
    assert data_file.read_bytes() == file_before


@pytest.mark.parametrize("when", [FILE_TIME - 60, FILE_TIME], ids=["older", "same-time"])
def test_autosave_not_newer_than_the_file_is_kept_aside_without_asking(data_file: Path, when: int) -> None:
    autosaved = leave_autosave(data_file, when=when)
    session = EditSession.open(data_file)
    assert session.pending is None and not session.dirty
    [kept] = kept_copies(data_file)
    assert read(kept) == autosaved and not autosave_path(data_file).exists()
    assert session.notice is not None and kept.name in session.notice and "不晚于数据文件" in session.notice


def test_damaged_autosave_is_named_and_kept_aside(data_file: Path) -> None:
    sidecar = autosave_path(data_file)
    sidecar.write_bytes(b'{"meta": {"agency": "\xe4\xb8')  # cut off mid-character
    session = EditSession.open(data_file)
    assert session.pending is None and session.value("requests.new.business") == 9
    [kept] = data_file.parent.glob("*.自动保存-损坏-*.json")
    assert kept.read_bytes() == b'{"meta": {"agency": "\xe4\xb8' and not sidecar.exists()
    assert session.notice is not None and sidecar.name in session.notice and kept.name in session.notice


def test_autosave_equal_to_the_file_is_simply_removed(data_file: Path) -> None:
    autosave_path(data_file).write_text(data_file.read_text(encoding="utf-8"), encoding="utf-8")
    session = EditSession.open(data_file)
    assert session.pending is None and session.notice is None
    assert not autosave_path(data_file).exists() and not kept_copies(data_file)


def test_autosave_of_a_file_never_saved_is_offered_too(tmp_path: Path) -> None:
    """A new report typed but never saved (no data file yet): its autosave is asked about, and
    丢弃 starts a new report while keeping the autosave aside."""
    path = tmp_path / "new.json"
    typed = EditSession.open(path, year=2025, agency="某某县人民政府办公室")
    typed.set_cell("appeals.review.upheld", "3")
    typed.close()  # quit with 退出，保留备份
    session = EditSession.open(path, year=2025)
    assert session.pending is not None and session.value("appeals.review.upheld") is None
    kept = session.discard_autosave()
    assert kept is not None and read(kept)["appeals"]["review"]["upheld"] == 3
    assert not path.exists()


def test_kept_copies_never_replace_each_other(data_file: Path) -> None:
    sidecar = autosave_path(data_file)
    names = []
    for text in ("{}", "[]"):
        sidecar.write_text(text, encoding="utf-8")
        os.utime(sidecar, (LATER, LATER))  # the same second: the same time stamp in the name
        names.append(keep_aside(sidecar, data_file))
    assert names[0] != names[1]
    assert [p.read_text(encoding="utf-8") for p in names] == ["{}", "[]"]


def test_differences_use_official_labels(data_file: Path) -> None:
    autosaved = leave_autosave(data_file)
    changes = differences(read(data_file), autosaved)
    assert [(c.label, c.old, c.new) for c in changes] == [
        (BUSINESS, "9", "10"),
        ("基本信息 › 联系方式 › 电话", "0795-6213345", "0795-0000000"),
    ]


# ---------------------------------------------------------------------- the dialog
async def test_restore_answer_puts_the_autosave_on_screen(data_file: Path) -> None:
    file_before = data_file.read_bytes()
    leave_autosave(data_file)
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RestoreDialog)
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, RestoreDialog)
        assert app.session.value("requests.new.business") == 10
        phone = app.screen.query_one(f"#{field_widget_id('meta.contact.telephone')}", Input)
        assert phone.value == "0795-0000000", "the form shows the restored data, not the file's"
        assert "已恢复" in status(app) and "ctrl+s" in status(app)
        assert "未保存" in app.screen.sub_title
    assert data_file.read_bytes() == file_before


async def test_discard_answer_says_where_the_autosave_went(data_file: Path) -> None:
    autosaved = leave_autosave(data_file)
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, RestoreDialog)
        [kept] = kept_copies(data_file)
        assert kept.name in status(app) and read(kept) == autosaved
        assert app.session.value("requests.new.business") == 9


@pytest.mark.parametrize("answer", ["r", "d"])
async def test_compare_lists_the_differences_then_lets_the_clerk_choose(data_file: Path, answer: str) -> None:
    leave_autosave(data_file)
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RestoreDialog) and dialog.has_class("comparing")
        table = dialog.query_one("#restore-diff", Static)
        assert table.display and table.region.height > 0
        shown = plain(table.content)
        assert "2 处不同" in shown and "商业企业" in shown and "0795-0000000" in shown
        await pilot.press("escape")  # back to the question; still nothing decided
        assert isinstance(app.screen, RestoreDialog) and not dialog.has_class("comparing")
        await pilot.press("c", answer)
        await pilot.pause()
        assert not isinstance(app.screen, RestoreDialog)
        assert app.session.value("requests.new.business") == (10 if answer == "r" else 9)
        assert bool(kept_copies(data_file)) == (answer == "d")


@pytest.mark.parametrize("answer", ["r", "d"])
async def test_keys_typed_right_after_the_answer_are_not_lost(data_file: Path, answer: str) -> None:
    """r or d, then at once ] 7 Enter 8 Enter: both figures land, as they would without the question."""
    leave_autosave(data_file)
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(answer, "]", "7", "enter", "8", "enter")
        await pilot.pause()
        assert app.session.value("active.regulations.issued") == 7
        assert app.session.value("active.normative_documents.issued") == 8
        assert app.session.value("requests.new.business") == (10 if answer == "r" else 9)


async def test_discard_that_cannot_move_the_autosave_asks_again(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    autosaved = leave_autosave(data_file)

    def refuse(sidecar: Path, data_path: Path, *, damaged: bool = False) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(session_module, "keep_aside", refuse)
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, RestoreDialog), "still undecided: asked again"
        assert app.session.pending is not None
    assert read(autosave_path(data_file)) == autosaved


async def test_older_autosave_is_not_asked_about(data_file: Path) -> None:
    leave_autosave(data_file, when=FILE_TIME - 60)
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, RestoreDialog)
        assert "不晚于数据文件" in status(app) and app.session.value("requests.new.business") == 9


async def test_damaged_autosave_gives_a_message_not_a_traceback(data_file: Path) -> None:
    autosave_path(data_file).write_text("{ not json", encoding="utf-8")
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, RestoreDialog)
        assert "已损坏" in status(app) and autosave_path(data_file).name in status(app)


# ---------------------------------------------------------------------- snapshots
async def _compare(pilot: Any) -> None:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()


@pytest.fixture
def fixed_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """File times in the question do not depend on the machine's time zone."""
    monkeypatch.setattr(
        restore,
        "local_time",
        lambda seconds: "2025-11-25 00:10" if seconds > FILE_TIME else "2025-11-25 00:00",
    )


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
def test_restore_question(
    snap_compare: Any, data_file: Path, fixed_times: None, size: tuple[int, int]
) -> None:
    leave_autosave(data_file)
    assert snap_compare(CopilotApp(data_file), terminal_size=size)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
def test_restore_comparison(
    snap_compare: Any, data_file: Path, fixed_times: None, size: tuple[int, int]
) -> None:
    leave_autosave(data_file)
    assert snap_compare(CopilotApp(data_file), terminal_size=size, run_before=_compare)
