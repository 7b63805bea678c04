"""对比: the kept draft versions and the comparison of one with the current draft, in a worker.

Mixed into MainScreen beside `WorkTabs`; the first comparison loads the diff code (about a second and
a half), so it runs in a thread worker and the UI keeps taking keys; a newer request supersedes an
older one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from report_copilot.errors import CopilotError
from report_copilot.tui.messages import DiffFailed, DiffFinished
from report_copilot.tui.widgets.diff_view import DiffView, render_diff

if TYPE_CHECKING:
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object


class Comparing(_Host):
    """Fill the version list, run comparisons, show their outcome."""

    _diff_request = 0
    """Counts comparisons asked for: only the newest one's result is shown."""

    def refresh_versions(self) -> None:
        """Every kept version in the 对比 list (after a draft, a saved edit, or opening the tab)."""
        try:
            _stem, versions = self.service.draft_history(self.out_dir / f"{self.stem}.md")
        except CopilotError:
            versions = []
        self._versions = {v.number: v for v in versions}
        for view in self.query(DiffView):  # none until the tab's content has mounted
            view.show_versions(versions, self.draft_text_on_disk())

    def run_diff(self) -> None:
        """Compare the chosen version with the current draft in a worker (the first comparison loads
        the diff code, about a second and a half: the UI keeps taking keys meanwhile)."""
        view = self.query_one(DiffView)
        number = view.version
        versions = getattr(self, "_versions", {})
        current = self.out_dir / f"{self.stem}.md"
        if number is None or number not in versions or not current.exists():
            self.say("尚无可比较的历史版本：先按 d 起草。", "warning")
            return
        self._diff_request += 1
        view.set_running(True)
        self.compare_versions(self._diff_request, versions[number].path, current, f"第 {number} 版")

    @work(thread=True, exclusive=True, exit_on_error=False, group="diff")
    def compare_versions(self, request: int, old: Path, new: Path, old_name: str) -> None:
        """Worker thread: diff two files; report back only through messages (a newer request cancels
        this worker, whose result is then dropped)."""
        try:
            diff = self.service.diff_files(old, new, old_name=old_name, new_name="当前草稿")
        except CopilotError as exc:
            outcome: DiffFinished | DiffFailed = DiffFailed(request, f"比较失败：{exc}")
        except OSError as exc:
            outcome = DiffFailed(request, f"比较失败：无法读取草稿文件（{exc.strerror or exc}）")
        except Exception as exc:  # a defect must end in a message, never in 对比中… forever
            outcome = DiffFailed(request, f"比较失败：程序内部错误（{type(exc).__name__}），请反馈此问题。")
        else:
            outcome = DiffFinished(request, diff)
        if not get_current_worker().is_cancelled:
            self.post_message(outcome)

    def on_diff_finished(self, message: DiffFinished) -> None:
        if message.request != self._diff_request:
            return  # superseded by a newer comparison
        self.query_one(DiffView).show_diff(render_diff(message.diff))

    def on_diff_failed(self, message: DiffFailed) -> None:
        if message.request != self._diff_request:
            return
        self.query_one(DiffView).show_failure(message.message)
        self.say(message.message, "error")
