"""草稿: drafting in a thread worker, stopping it, and taking its outcome into the screen.

Mixed into MainScreen beside `WorkTabs`. The worker's only contact with the UI is `post_message`
(thread-safe); outputs go where `copilot draft` puts them, beside the data file.
"""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING, Any

from textual import work

from report_copilot.errors import CopilotError, DraftCancelled
from report_copilot.model.sections import SECTION_TITLES
from report_copilot.tui.messages import DraftFailed, DraftFinished, DraftProgress
from report_copilot.tui.widgets.draft_view import PROBLEM_VERDICTS, DraftView

if TYPE_CHECKING:
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object


class Drafting(_Host):
    """Start, stop and follow a draft; the last good draft stays on screen when a run fails."""

    def action_draft(self) -> None:
        tabs = self._tabs()
        if tabs.active != "tab-draft":
            tabs.active = "tab-draft"
            self.focus_tab("tab-draft")
        self.start_draft()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """x (stop drafting) is offered only while a draft is running."""
        if action == "cancel_draft":
            return self._cancel is not None
        return True

    def action_cancel_draft(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.say("正在停止起草……")

    def _set_drafting(self, running: bool) -> None:
        self.query_one(DraftView).set_running(running)
        self.refresh_bindings()

    def start_draft(self) -> None:
        if self._cancel is not None:
            self.say("正在起草，按 x 可停止。", "warning")
            return
        report = self.session.result.report
        if report is None:
            self.say("数据有无法读取的地方（见问题列表），修正后才能起草。", "error")
            return
        view = self.query_one(DraftView)
        if view.editing:
            self.save_draft_edit(leave=True)
        view.start_stream(SECTION_TITLES)
        self._cancel = threading.Event()
        self._set_drafting(True)
        self.draft_data_pending = copy.deepcopy(self.session.data)
        backend = None if view.backend == "auto" else view.backend
        self.say("起草中……（x 停止）；手工修改过的部分会原样保留")
        self.run_draft(report, backend, view.model, self._cancel)

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def run_draft(self, report: Any, backend: str | None, model: str | None, cancel: threading.Event) -> None:
        """Worker thread: draft, check, write the version; report back only through messages."""
        post = self.post_message
        try:
            settings = self.service.drafting_settings(backend=backend, model=model)
            result = self.service.draft_report(
                report,
                backend=backend,
                settings=settings,
                chat_model=getattr(self.app, "chat_model", None),
                on_event=lambda event: post(DraftProgress(event)),
                cancel=cancel,
            )
            written = self.service.write_draft_outputs(result, report, self.out_dir, self.stem)
        except CopilotError as exc:
            cancelled = cancel.is_set() or isinstance(exc, DraftCancelled)
            post(DraftFailed("已停止起草。" if cancelled else f"起草失败：{exc}", cancelled=cancelled))
        except OSError as exc:
            post(DraftFailed(f"写出草稿失败：{exc.strerror or exc}"))
        else:
            post(DraftFinished(result, written))

    def on_draft_progress(self, message: DraftProgress) -> None:
        event = message.event
        self.query_one(DraftView).show_event(event)
        if event.kind in {"fallback", "error", "repair"} and event.message:
            self.say(event.message, "warning")

    def on_draft_failed(self, message: DraftFailed) -> None:
        """The run stopped: the last good draft stays on screen (never 起草中… over nothing)."""
        self._cancel = None
        self._set_drafting(False)
        if self.draft_result is not None:
            self.query_one(DraftView).show_result(
                self.draft_result.draft,
                list(self.draft_result.check.mentions),
                "草稿（上一版，新的起草未完成）",
            )
        else:
            self.query_one(DraftView).show_idle()
            self.show_existing_draft()
        self.say(message.message, "warning" if message.cancelled else "error")

    def on_draft_finished(self, message: DraftFinished) -> None:
        self._cancel = None
        result, written = message.result, message.written
        self.draft_result, self.draft_written = result, written
        self.draft_label = f"草稿第 {written.version} 版"
        self.draft_data = getattr(self, "draft_data_pending", None)
        self.draft_findings = self.collect_draft_findings(result)
        view = self.query_one(DraftView)
        self._set_drafting(False)
        mentions = list(getattr(result.check, "mentions", None) or [])
        errors = sum(1 for f, _ in self.draft_findings if f.severity == "error")
        state = "核对通过" if result.ok else f"{errors} 个错误"
        view.show_result(result.draft, mentions, f"草稿 第 {written.version} 版（{result.backend}，{state}）")
        problems = [m for m in mentions if str(m.verdict) in PROBLEM_VERDICTS]
        self.panel_mode = "draft" if self._tabs().active == "tab-draft" else "data"
        self.show_panel()
        self.refresh_versions()
        self.show_gate()
        note = f"，{len(problems)} 个数字未通过核对" if problems else ""
        self.say(
            f"草稿第 {written.version} 版已写出：{self._short(written.markdown)}{note}",
            "information" if result.ok else "warning",
        )
