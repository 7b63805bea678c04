"""草稿 / 对比 / 导出: the main screen's half that drafts, compares and exports through the service.

This mixin holds the three tabs, the state they share and which findings the panel shows; drafting
(`drafting`), a draft's findings (`draft_findings`), comparing (`comparing`), editing the draft
(`draft_editing`) and exporting (`exporting`) are mixins of their own. Drafting, comparing and exporting
run in thread workers (the UI never freezes); the workers' only contact with the UI is `post_message`
(thread-safe). Outputs go where `copilot draft` puts them, beside the data file: `drafts/<stem>.md`,
every version kept in `drafts/.history/<stem>/NNNN.md`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.lazy import Lazy
from textual.widgets import TabbedContent, TabPane

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError
from report_copilot.tui.messages import DraftActionRequested, FindingChosen
from report_copilot.tui.widgets.after_paint import AfterPaint
from report_copilot.tui.widgets.diff_view import DiffView
from report_copilot.tui.widgets.draft_view import DraftView
from report_copilot.tui.widgets.export_view import ExportView
from report_copilot.tui.widgets.findings_panel import FindingsPanel

DRAFTS_DIR = "drafts"

TAB_POLL = 0.02
"""Seconds between looks at a tab whose content is still being mounted (just after start-up)."""


if TYPE_CHECKING:
    from textual.screen import Screen

    from report_copilot.tui.undo import UndoStack

    _Host = Screen[None]
else:
    _Host = object


class WorkTabs(_Host):
    """Mixed into MainScreen: compose the three tabs and handle their messages.

    Typed as a Screen (it only ever runs as part of MainScreen); at run time it is a plain mixin.
    """

    session: Any
    service: Any
    draft_result: Any = None
    draft_written: Any = None
    draft_label: str = "当前草稿"
    """How the gate names the current draft (草稿第 N 版, or the draft found on disk)."""
    draft_data: dict[str, Any] | None = None
    """The data the current draft was made from (a later edit makes the draft stale)."""
    _cancel: threading.Event | None = None
    panel_mode: str = "data"
    draft_findings: list[tuple[Finding, int | None]] = []  # noqa: RUF012 - replaced, never mutated
    if TYPE_CHECKING:  # provided by MainScreen and its other mixins
        draft_data_pending: dict[str, Any] | None
        _versions: dict[int, Any]
        undo: UndoStack

        def refresh_checks(self, force: bool = False) -> None: ...

        def after_edit(self, text: str) -> None: ...

        def _show_title(self) -> None: ...

        def say(self, text: str, severity: str = "information") -> None: ...

        def go_to_finding(self, finding: Finding) -> None: ...

        def open_draft_editor(self) -> None: ...

        def save_draft_edit(self, leave: bool = False) -> None: ...

        def edit_draft_externally(self) -> None: ...

        def show_existing_draft(self) -> None: ...

        def draft_text_on_disk(self) -> str | None: ...

        def focus_tab(self, pane_id: str) -> None: ...

        def refresh_versions(self) -> None: ...

        def run_diff(self) -> None: ...

        def start_draft(self) -> None: ...

        def action_cancel_draft(self) -> None: ...

        def collect_draft_findings(self, result: Any) -> list[tuple[Finding, int | None]]: ...

        def _ref_label(self, ref: str, where: str | None = None) -> str: ...

        def draft_finding_chosen(self, finding: Finding) -> bool: ...

        def start_export(self) -> None: ...

        def show_gate(self) -> None: ...

    # ------------------------------------------------------------------ layout
    def compose_work_tabs(self) -> ComposeResult:
        with TabPane("草稿", id="tab-draft"):
            yield AfterPaint(
                DraftView(model_hint=self._model_hint, label_of=self._ref_label, id="draft-view")
            )
        with TabPane("对比", id="tab-diff"):
            yield AfterPaint(DiffView(id="diff-view"))
        with TabPane("导出", id="tab-export"):
            yield AfterPaint(ExportView(id="export-view"))

    def _model_hint(self) -> str:
        """The model the settings name (read when the draft tab mounts: settings load is not free)."""
        try:
            settings = self.service.drafting_settings()
        except CopilotError:
            return "按设置"
        return "未配置模型服务，自动方式用离线模板" if settings is None else str(settings.model)

    def _short(self, path: Path) -> str:
        """A path as the clerk sees it: relative to the data file's folder when inside it."""
        try:
            return str(Path(path).relative_to(Path(self.session.path).parent))
        except ValueError:
            return str(path)

    @property
    def out_dir(self) -> Path:
        return Path(self.session.path).parent / DRAFTS_DIR

    @property
    def stem(self) -> str:
        return Path(self.session.path).stem

    def _tabs(self) -> TabbedContent:
        return self.query_one("#tabs", TabbedContent)

    # ------------------------------------------------------------------ findings panel: data or draft
    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._tab_shown(event.pane)

    def _tab_shown(self, pane: TabPane) -> None:
        """A tab chosen in the moment after start-up, before its content is mounted (a click), is
        handled once the content is in place (see AfterPaint), if still the tab shown."""
        if pane.query(Lazy):
            self.set_timer(TAB_POLL, lambda: self._tab_shown_later(pane))
            return
        mode = "draft" if pane.id == "tab-draft" and self.draft_result is not None else "data"
        if mode != self.panel_mode:
            self.panel_mode = mode
            self.show_panel()
        if pane.id in ("tab-draft", "tab-export") and self.draft_result is None and self._cancel is None:
            self.show_existing_draft()
        if pane.id == "tab-diff":
            self.refresh_versions()
        if pane.id == "tab-export":
            self.show_gate()

    def _tab_shown_later(self, pane: TabPane) -> None:
        if self._tabs().active == pane.id:
            self._tab_shown(pane)

    def show_panel(self) -> None:
        panel = self.query_one(FindingsPanel)
        if self.panel_mode == "draft" and self.draft_result is not None:
            panel.empty, panel.title_prefix = "草稿核对通过：每个数字都有出处。", "草稿问题："
            panel.show_findings([f for f, _ in self.draft_findings])
        else:
            panel.empty, panel.title_prefix = "未发现问题。", "问题："
            panel.show_findings(self.session.result.check.findings)

    def on_draft_action_requested(self, message: DraftActionRequested) -> None:
        if message.action == "draft":
            self.start_draft()
        elif message.action == "cancel":
            self.action_cancel_draft()
        elif message.action == "diff":
            self.run_diff()
        elif message.action == "versions" and self._tabs().active == "tab-diff":
            # the 对比 tab's content has mounted while shown; hidden, opening it lists the versions
            # (at start-up this spares reading the draft history before the clerk asks for it)
            self.refresh_versions()
        elif message.action == "export":
            self.start_export()
        elif message.action == "edit":
            self.open_draft_editor()
        elif message.action == "save":
            self.save_draft_edit(leave=True)
        elif message.action == "editor":
            self.edit_draft_externally()

    def on_finding_chosen(self, message: FindingChosen) -> None:
        if self.panel_mode == "draft" and self.draft_finding_chosen(message.finding):
            return
        self.go_to_finding(message.finding)
