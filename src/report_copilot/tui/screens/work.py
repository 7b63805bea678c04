"""草稿 / 对比 / 导出: the main screen's half that drafts, compares and exports through the service.

Drafting, comparing and exporting run in thread workers (the UI never freezes); the workers' only
contact with the UI is `post_message` (thread-safe). Outputs go where `copilot draft` puts them, beside the data
file: `drafts/<stem>.md`, every version kept in `drafts/.history/<stem>/NNNN.md`.
"""

from __future__ import annotations

import copy
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.lazy import Lazy
from textual.widgets import TabbedContent, TabPane

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError, DraftCancelled
from report_copilot.model.sections import SECTION_TITLES
from report_copilot.tui.messages import (
    DraftActionRequested,
    DraftFailed,
    DraftFinished,
    DraftProgress,
    ExportFinished,
    ExportRefused,
    FindingChosen,
    MentionChosen,
)
from report_copilot.tui.widgets.after_paint import AfterPaint
from report_copilot.tui.widgets.diff_view import DiffView
from report_copilot.tui.widgets.draft_view import PROBLEM_VERDICTS, DraftView
from report_copilot.tui.widgets.export_view import ExportView
from report_copilot.tui.widgets.findings_panel import FindingsPanel
from report_copilot.tui.wording import keys_not_flags

DRAFTS_DIR = "drafts"

TAB_POLL = 0.02
"""Seconds between looks at a tab whose content is still being mounted (just after start-up)."""


if TYPE_CHECKING:
    from textual.screen import Screen

    from report_copilot.checks.prose import Mention

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
    if TYPE_CHECKING:  # provided by MainScreen
        draft_data_pending: dict[str, Any] | None
        _versions: dict[int, Any]

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

    def collect_draft_findings(self, result: Any) -> list[tuple[Finding, int | None]]:
        """Every finding of a draft with the block (sentence) it is in, when it is in the prose:
        the number check's findings, then the table identities and the notes reminders."""
        check = result.check
        mentions = list(getattr(check, "mentions", None) or [])
        out = [(f, _block_of(f, mentions)) for f in getattr(check, "findings", None) or []]
        out.extend((f, None) for f in result.tables.findings)
        out.extend((f, None) for f in getattr(result, "warnings", None) or [])
        out.sort(key=lambda pair: pair[0].severity != "error")
        return out

    # ------------------------------------------------------------------ actions
    def action_draft(self) -> None:
        tabs = self._tabs()
        if tabs.active != "tab-draft":
            tabs.active = "tab-draft"
            self.focus_tab("tab-draft")
        self.start_draft()

    def action_export(self) -> None:
        tabs = self._tabs()
        if tabs.active != "tab-export":
            tabs.active = "tab-export"
            self.focus_tab("tab-export")
            self.show_gate()
            return
        self.start_export()

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

    # ------------------------------------------------------------------ drafting
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

    def on_mention_chosen(self, message: MentionChosen) -> None:
        self.query_one(DraftView).show_binding(self.describe_binding(message.mention), message.mention)

    def describe_binding(self, mention: Mention) -> Text:
        """What a number binds to: the cell (official path and value) or the fact, and the verdict."""
        from report_copilot.tui.widgets.draft_view import VERDICT_NAMES, VERDICT_STYLES

        verdict = str(mention.verdict)
        text = Text()
        text.append(
            f"「{(mention.text or '')}」{VERDICT_NAMES.get(verdict, verdict)}",
            style=VERDICT_STYLES.get(verdict, ""),
        )
        ref = mention.ref
        if ref:
            text.append(f"　对应：{self._ref_label(str(ref), mention.where)}")
        expected = mention.expected
        if expected is not None and verdict == "mismatch":
            text.append(f"　应为 {expected}", style="bold")
        note = mention.message
        if note:
            text.append(f"　{note}", style="dim")
        return text

    def _ref_label(self, ref: str, where: str | None = None) -> str:
        fmt = self.session.fmt
        key = ref.split(":", 1)[-1]
        values = self.session.result.values
        if key in fmt.cells:
            value = values.get(key) if values is not None else self.session.value(key)
            return f"{fmt.cell(key).where} = {value}"
        if where:
            return where
        for fact in self.session.value("facts") or []:
            if isinstance(fact, dict) and fact.get("id") in {
                key,
                key.removeprefix("facts."),
                key.removeprefix("fact."),
            }:
                return f"支撑数据 › {fact.get('label')} = {fact.get('value')}{fact.get('unit') or ''}"
        return ref

    def draft_finding_chosen(self, finding: Finding) -> bool:
        """Jump from a draft finding to its sentence; False when it concerns data, not prose."""
        block = next((b for f, b in self.draft_findings if f is finding), None)
        if block is None:
            return False
        self._tabs().active = "tab-draft"
        view = self.query_one(DraftView)
        self.call_after_refresh(view.go_to_block, block)
        return True

    def on_finding_chosen(self, message: FindingChosen) -> None:
        if self.panel_mode == "draft" and self.draft_finding_chosen(message.finding):
            return
        self.go_to_finding(message.finding)

    # ------------------------------------------------------------------ export
    def gate_problem(self) -> str | None:
        """Why the current draft cannot be exported at all (before the service's own gate)."""
        if self.draft_result is None:
            return "尚未起草：请先在“草稿”页按 d 起草。"
        if self.draft_data is not None and self.draft_data != self.session.data:
            return "起草之后数据又有修改，草稿中的数字可能已不一致：请按 d 重新起草后再导出。"
        return None

    def show_gate(self) -> None:
        view = self.query_one(ExportView)
        problem = self.gate_problem()
        if problem:
            view.show_gate(Text(problem, style="bold yellow"))
            return
        result, label = self.draft_result, self.draft_label
        if result.ok:
            view.show_gate(Text(f"{label}：核对通过，可以导出到 {self.out_dir}", style="bold green"))
        else:
            view.show_gate(
                Text(
                    f"{label}：{len(result.errors)} 个错误，导出将被拒绝（除非勾选“强制导出”并标注）",
                    style="bold red",
                )
            )

    def start_export(self) -> None:
        view = self.query_one(ExportView)
        problem = self.gate_problem()
        if problem:
            self.on_export_refused(ExportRefused(problem, []))
            return
        if not view.formats:
            self.on_export_refused(ExportRefused("请至少选择一种导出格式。", []))
            return
        report = self.session.result.report
        self.say("导出中……")
        self.run_export(self.draft_result, report, view.formats, view.force)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, result: Any, report: Any, formats: tuple[str, ...], force: bool) -> None:
        post = self.post_message
        try:
            exported = self.service.export_draft(
                result.draft,
                report,
                result.gate,
                self.out_dir,
                self.stem,
                formats=formats,
                force=force,
            )
        except CopilotError as exc:
            post(ExportRefused(exc.message, [p.message for p in exc.problems]))
        except OSError as exc:
            post(ExportRefused(f"写出失败：{exc.strerror or exc}", []))
        else:
            post(ExportFinished(exported))

    def on_export_refused(self, message: ExportRefused) -> None:
        text = Text(f"未导出：{keys_not_flags(message.message)}\n", style="bold red")
        for problem in message.problems:
            text.append(f"  · {keys_not_flags(problem)}\n", style="red")
        self.query_one(ExportView).show_outcome(text)
        self.say(f"未导出：{message.message}", "error")

    def on_export_finished(self, message: ExportFinished) -> None:
        result = message.result
        text = Text("已导出：\n", style="bold green")
        for label, path in (("Markdown", result.markdown), ("Word", result.docx)):
            if path is not None:
                text.append(f"  {label}：{self._short(path)}\n")
        if result.forced:
            text.append("已按强制导出，文档顶部标注“未通过数字核对”。\n", style="bold yellow")
        self.query_one(ExportView).show_outcome(text)
        self.say("已导出：" + "、".join(self._short(p) for p in (result.markdown, result.docx) if p))


def _block_of(finding: Finding, mentions: list[Mention]) -> int | None:
    """The draft block a prose finding concerns: `block:N`, else the number and sentence it names
    (a figure may be cited in several sentences: the flagged one with the quoted sentence wins)."""
    m = re.fullmatch(r"block:(\d+)", finding.location or "")
    if m:
        return int(m.group(1))

    def score(mention: Mention) -> int:
        block = mention.block
        if not isinstance(block, int):
            return 0
        sentence = mention.sentence or ""
        same_number = finding.actual is not None and str(finding.actual) == mention.text
        same_place = finding.location in {mention.ref, f"block:{block}"}
        flagged = str(mention.verdict) in PROBLEM_VERDICTS or bool(mention.warning)
        quoted = bool(sentence) and sentence in finding.message
        return (same_number and same_place) * 4 + quoted * 2 + flagged * (same_number or quoted)

    best = max(mentions, key=score, default=None)
    if best is None or score(best) < 2:
        return None
    return best.block
