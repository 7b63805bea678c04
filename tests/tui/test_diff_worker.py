"""对比 runs in a worker thread: keys are handled while it runs, a newer comparison supersedes an
older one, and a failure ends in a Chinese message (never 对比中… forever, never a traceback).

The service's comparison waits on an event the test sets, so nothing here depends on timing.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.widgets import Static, TabbedContent

from report_copilot.errors import InputError
from report_copilot.tui.app import CopilotApp
from report_copilot.tui.messages import DiffFailed, DiffFinished
from tests.tui.test_versions import diff_text, show_diff_tab
from tests.tui.test_work import draft

pytestmark = pytest.mark.anyio

SIZE = (100, 30)


class GatedService:
    """The real service; its first comparison waits for `go`, and each call may fail as told."""

    def __init__(self, *failures: Exception | None) -> None:
        from report_copilot import service

        self.inner = service
        self.failures = list(failures)
        self.started, self.go = threading.Event(), threading.Event()
        self.threads: list[threading.Thread] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def diff_files(self, *args: Any, **kwargs: Any) -> Any:
        call = len(self.threads)
        self.threads.append(threading.current_thread())
        if call == 0:
            self.started.set()
            self.go.wait(timeout=30)
        failure = self.failures[call] if call < len(self.failures) else None
        if failure is not None:
            raise failure
        return self.inner.diff_files(*args, **kwargs)


def status(app: CopilotApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def running_mark(app: CopilotApp) -> str:
    return str(app.screen.query_one("#diff-body").border_subtitle or "")


async def start_comparing(app: CopilotApp, pilot: Any, service: GatedService) -> None:
    """Draft once, open 对比 (which compares the chosen version) and wait until the worker is inside
    the comparison."""
    await draft(app, pilot)
    await show_diff_tab(app, pilot)
    assert await asyncio.to_thread(service.started.wait, 30), "the comparison started"
    await pilot.pause()


async def finish(app: CopilotApp, pilot: Any, service: GatedService) -> None:
    service.go.set()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_keys_are_handled_while_comparing_and_the_result_arrives_from_the_worker(
    data_file: Path,
) -> None:
    service = GatedService()
    app = CopilotApp(data_file, service=service)
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await start_comparing(app, pilot, service)
        assert "对比中" in running_mark(app) and "对比中" in diff_text(app)
        assert service.threads[0] is not threading.main_thread()
        await pilot.press("right_square_bracket")  # next tab, while the comparison still waits
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tab-export"
        assert not any(isinstance(m, DiffFinished) for m in seen)
        await finish(app, pilot, service)
        assert any(isinstance(m, DiffFinished) for m in seen)
        assert "两版正文相同" in diff_text(app) and "对比中" not in running_mark(app)


async def test_a_newer_comparison_supersedes_an_older_one(data_file: Path) -> None:
    service = GatedService(InputError("旧的比较出错了"))
    app = CopilotApp(data_file, service=service)
    async with app.run_test(size=SIZE) as pilot:
        await start_comparing(app, pilot, service)
        app.screen.query_one("#diff-run").press()  # asked again while the first one waits
        await pilot.pause()
        await finish(app, pilot, service)
        assert len(service.threads) == 2
        assert "旧的比较出错了" not in status(app), "the superseded comparison's outcome is dropped"
        assert "两版正文相同" in diff_text(app)


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (InputError("找不到文件：drafts/x.md"), "比较失败：找不到文件：drafts/x.md"),
        (PermissionError(13, "Permission denied"), "比较失败：无法读取草稿文件（Permission denied）"),
        (RuntimeError("bug"), "比较失败：程序内部错误（RuntimeError）"),
    ],
)
async def test_a_failed_comparison_ends_in_a_chinese_message(
    data_file: Path, failure: Exception, expected: str
) -> None:
    service = GatedService(failure)
    app = CopilotApp(data_file, service=service)
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await start_comparing(app, pilot, service)
        await finish(app, pilot, service)
        assert any(isinstance(m, DiffFailed) for m in seen)
        assert expected in status(app) and expected in diff_text(app)
        assert "对比中" not in running_mark(app) and "Traceback" not in diff_text(app)
