"""对比: the version list shows every kept draft version (number, local time, how it was made) and
stays current after a draft, a saved edit and on reopening."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select, Static, TabbedContent

from report_copilot.provenance import Endpoint, Provenance
from report_copilot.review.history import Version
from report_copilot.tui.app import CopilotApp
from report_copilot.tui.widgets.diff_view import DiffView, version_label
from report_copilot.tui.widgets.draft_editor import DraftEditor
from tests.tui.test_work import draft

pytestmark = pytest.mark.anyio

SIZE = (80, 24)


async def show_diff_tab(app: CopilotApp, pilot: Any) -> Select[int]:
    app.screen.query_one(TabbedContent).active = "tab-diff"
    await pilot.pause()
    await pilot.pause()
    return app.screen.query_one("#diff-version", Select)


def listed(select: Select[int]) -> list[str]:
    return [str(prompt) for prompt, value in select._options if isinstance(value, int)]


async def compared(app: CopilotApp, pilot: Any) -> None:
    """Let the comparison the tab asked for run in its worker and its result be shown."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def diff_text(app: CopilotApp) -> str:
    return str(app.screen.query_one("#diff-text", Static).render())


async def save_an_edit(app: CopilotApp, pilot: Any, addition: str) -> None:
    """i, type at the end of the draft, ctrl+s: a hand-edited version."""
    app.screen.query_one(TabbedContent).active = "tab-draft"
    await pilot.pause()
    app.screen.query_one("#draft-body").focus()
    await pilot.press("i")
    await pilot.pause()
    editor = app.screen.query_one(DraftEditor)
    editor.move_cursor(editor.document.end)
    editor.insert("\n" + addition + "\n")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_one_draft_is_listed_and_compared(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await draft(app, pilot)
        select = await show_diff_tab(app, pilot)
        [label] = listed(select)
        assert label.startswith("第 1 版 · ") and "离线模板" in label and "即当前草稿" in label
        assert select.value == 1
        await compared(app, pilot)
        assert "两版正文相同" in diff_text(app)


async def test_a_saved_edit_is_listed_as_a_hand_edit_and_diffed(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await draft(app, pilot)
        await save_an_edit(app, pilot, "本机关另行补充的一句说明。")
        select = await show_diff_tab(app, pilot)
        newest, oldest = listed(select)
        assert newest.startswith("第 2 版") and "手工修改" in newest and "即当前草稿" in newest
        assert oldest.startswith("第 1 版") and "离线模板" in oldest and "即当前草稿" not in oldest
        assert select.value == 1, "the version before the current draft is offered first"
        assert "尚无" not in select.prompt, "the blank entry does not claim there are no versions"
        await compared(app, pilot)
        assert "本机关另行补充的一句说明" in diff_text(app)


async def test_before_any_draft_the_list_says_how_to_get_one(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        select = await show_diff_tab(app, pilot)
        assert listed(select) == [] and "按 d 起草" in select.prompt
        app.screen.query_one("#diff-run").press()
        await pilot.pause()
        assert "先按 d 起草" in str(app.screen.query_one("#status", Static).render())


class CountingService:
    """The real service, counting comparisons (the first one loads the diff code: not at start-up)."""

    def __init__(self) -> None:
        from report_copilot import service

        self.inner, self.diffs = service, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def diff_files(self, *args: Any, **kwargs: Any) -> Any:
        self.diffs += 1
        return self.inner.diff_files(*args, **kwargs)


async def test_versions_from_earlier_runs_are_listed_on_opening(data_file: Path) -> None:
    first = CopilotApp(data_file)
    async with first.run_test(size=(120, 40)) as pilot:
        await draft(first, pilot)
        await save_an_edit(first, pilot, "上次运行时补充的一句。")
    service = CountingService()
    reopened = CopilotApp(data_file, service=service)
    async with reopened.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert reopened.screen.query(DiffView), "the 对比 tab's content has mounted"
        assert service.diffs == 0, "nothing is compared until the clerk opens the tab"
        select = await show_diff_tab(reopened, pilot)
        assert [label.split(" · ")[0] for label in listed(select)] == ["第 2 版", "第 1 版"]
        await compared(reopened, pilot)
        assert service.diffs == 1 and "上次运行时补充的一句" in diff_text(reopened)


def test_a_model_version_names_its_backend_and_model(tmp_path: Path) -> None:
    record = Provenance(
        created="2026-12-03T09:20:00+00:00",
        backend="openai",
        endpoint=Endpoint(host="llm.example.org", model="qwen-plus"),
        version=3,
    )
    label = version_label(Version(3, tmp_path / "0003.md", record), current=None)
    number, when, made = label.split(" · ")
    assert number == "第 3 版" and made == "大模型 qwen-plus"
    assert when == record.local_created()  # the machine's local time, to the minute
