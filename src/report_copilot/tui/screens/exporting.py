"""导出: the gate before export, the export in a thread worker, and its outcome.

Mixed into MainScreen beside `WorkTabs`; the service's own gate (every number checked, or forced
and marked) stands behind the screen's: a draft must exist and be made from the current data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work

from report_copilot.errors import CopilotError
from report_copilot.tui.messages import ExportFinished, ExportRefused
from report_copilot.tui.widgets.export_view import ExportView
from report_copilot.tui.wording import keys_not_flags

if TYPE_CHECKING:
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object


class Exporting(_Host):
    """Export the current draft when it passes (or is forced), and say why not otherwise."""

    def action_export(self) -> None:
        tabs = self._tabs()
        if tabs.active != "tab-export":
            tabs.active = "tab-export"
            self.focus_tab("tab-export")
            self.show_gate()
            return
        self.start_export()

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
