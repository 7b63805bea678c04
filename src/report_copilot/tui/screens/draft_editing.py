"""The draft edited in the TUI: live number verdicts while typing, `$EDITOR`, saved as history versions.

Mixed into MainScreen beside `WorkTabs`. The draft file on disk (`drafts/<stem>.md`) is what the clerk
edits; every save keeps a history version (`service.save_edited_draft`), and a data edit re-checks the
current draft at once, so the 草稿 tab never shows verdicts of older figures, and marks the numbers
whose verdict it changed (`tui/draft_marks.py`) in the view and in the editor.
"""

from __future__ import annotations

import copy
import os
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.timer import Timer

from report_copilot.errors import CopilotError
from report_copilot.tui.draft_marks import MARKER, Place, change_note, changed_places, verdict_state
from report_copilot.tui.widgets.draft_editor import DraftEditor, Span
from report_copilot.tui.widgets.draft_view import PROBLEM_VERDICTS, VERDICT_NAMES, DraftView

if TYPE_CHECKING:
    from report_copilot.checks.prose import Mention
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object

RECHECK_DELAY = 0.25
"""Seconds of no typing before the editor's numbers are re-checked (a check of a line is cheap,
of every line on every key is not)."""

_NOT_PROSE = ("#", "|", ">", "<!--", "```")


class DraftEditing(_Host):
    """Open, check, save and leave the draft editor."""

    _recheck_timer: Timer | None = None
    _line_cache: dict[str, list[Any]] | None = None
    _line_cache_report: object = None
    _editor_mentions: dict[Place, Mention] | None = None

    # ------------------------------------------------------------------ opening
    def draft_text_on_disk(self) -> str | None:
        path = self.out_dir / f"{self.stem}.md"
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def open_draft_editor(self) -> None:
        view = self.query_one(DraftView)
        if view.editing:
            return
        text = self.draft_text_on_disk()
        if text is None:
            self.say("尚未起草：先按 d 起草，再按 i 编辑草稿。", "warning")
            return
        view.open_editor(text)
        self.recheck_editor()
        self.say("编辑草稿：数字随输入核对。ctrl+s 保存为新版本，Esc 保存并结束编辑，ctrl+e 用外部编辑器。")

    def show_existing_draft(self) -> None:
        """On opening (or after a failed or cancelled draft): the draft already on disk, checked now."""
        text = self.draft_text_on_disk()
        report = self.session.result.report
        if text is None or report is None or not self.query(DraftView):
            return
        try:
            result = self.service.check_draft_text(text, report)
        except CopilotError:
            return
        self.adopt_draft(result, "草稿（已有文件）")

    def adopt_draft(self, result: Any, title: str, changed: dict[Place, str] | None = None) -> None:
        """Make `result` the current draft: shown (with `changed` numbers marked), its findings in the
        panel, the export gate reading it."""
        self.draft_result = result
        self.draft_label = title
        self.draft_data = copy.deepcopy(self.session.data)
        self.draft_findings = self.collect_draft_findings(result)
        errors = sum(1 for f, _ in self.draft_findings if f.severity == "error")
        state = "核对通过" if result.ok else f"{errors} 个错误"
        mentions = list(result.check.mentions)
        self.query_one(DraftView).show_result(result.draft, mentions, f"{title}（{state}）", changed)
        if self.panel_mode == "draft":
            self.show_panel()
        self.show_gate()

    # ------------------------------------------------------------------ live verdicts
    def on_text_area_changed(self, event: DraftEditor.Changed) -> None:
        if not isinstance(event.text_area, DraftEditor):
            return
        event.text_area.text_changed()  # typing is the next edit: the marks' offsets no longer hold
        if self._recheck_timer is not None:
            self._recheck_timer.stop()
        self._recheck_timer = self.set_timer(RECHECK_DELAY, self.recheck_editor)

    def on_text_area_selection_changed(self, event: DraftEditor.SelectionChanged) -> None:
        if isinstance(event.text_area, DraftEditor):
            self.show_cursor_line()

    def _line_mentions(self, line: str) -> list[Mention]:
        report = self.session.result.report
        if report is not self._line_cache_report or self._line_cache is None:
            self._line_cache, self._line_cache_report = {}, report
        if line not in self._line_cache:
            self._line_cache[line] = self.service.check_line(line, report)
        return self._line_cache[line]

    def recheck_editor(self, mark_changes: bool = False) -> int:
        """Mark every number of the editor's text by its verdict against the current data; with
        `mark_changes` (after a data edit), also those whose verdict it changed. The count changed."""
        editor = self.query_one(DraftEditor)
        if self.session.result.report is None:
            editor.show_verdicts({})
            return 0
        spans: dict[int, list[Span]] = {}
        found: dict[Place, Mention] = {}
        for row, line in enumerate(editor.document.lines):
            if not line.strip() or line.lstrip().startswith(_NOT_PROSE):
                continue
            for mention in self._line_mentions(line):
                verdict = str(mention.verdict)
                spans.setdefault(row, []).append((mention.start, mention.end, verdict))
                found[(row, mention.start)] = mention
        changed = None
        if mark_changes and self._editor_mentions is not None:
            changed = changed_places(
                verdict_state(self._editor_mentions.items()), verdict_state(found.items())
            )
        self._editor_mentions = found
        editor.show_verdicts(spans, changed)
        self.show_cursor_line()
        return len(changed or {})

    def _line_mentions_of(self, line: str) -> list[Mention]:
        """The numbers of an editor line that is prose (headings, tables and comments are not checked)."""
        if not line.strip() or line.lstrip().startswith(_NOT_PROSE):
            return []
        return self._line_mentions(line)

    def show_cursor_line(self) -> None:
        """Under the editor: the cursor line's numbers that fail, with what they should be."""
        editor = self.query_one(DraftEditor)
        if not editor.display or self.session.result.report is None:
            return
        row = editor.cursor_location[0]
        line = editor.document.lines[row] if row < len(editor.document.lines) else ""
        text = Text(f"第 {row + 1} 行：", style="bold")
        problems = [m for m in self._line_mentions_of(line) if str(m.verdict) in PROBLEM_VERDICTS]
        marked = [m for m in self._line_mentions_of(line) if (row, m.start) in editor.changed]
        for mention in marked:
            old = editor.changed[(row, mention.start)]
            text.append(f"{MARKER}「{mention.text}」{change_note(old, mention)}", style="bold reverse")
            if mention.ref:
                text.append(f"（{self._ref_label(str(mention.ref), mention.where)}）", style="dim")
            text.append("　")
        problems = [m for m in problems if (row, m.start) not in editor.changed]
        if not problems and not marked:
            text.append("数字均有出处。", style="green")
        for mention in problems:
            verdict = str(mention.verdict)
            text.append(f"「{mention.text}」{VERDICT_NAMES.get(verdict, verdict)}", style="bold red")
            expected = mention.expected
            if expected is not None and verdict == "mismatch":
                text.append(f"，应为 {expected}", style="bold")
            ref = mention.ref
            if ref:
                text.append(f"（{self._ref_label(str(ref), mention.where)}）", style="dim")
            text.append("　")
        self.query_one(DraftView).show_binding(text)

    def recheck_draft_after_data_edit(self) -> str:
        """A figure changed: check the current draft against it at once and mark the numbers whose
        verdict changed (in the editor when it is open, and in the view); what changed, for the status."""
        if self.draft_result is None or self.session.result.report is None:
            return ""
        editor = self.query_one(DraftEditor)
        in_editor = self.recheck_editor(mark_changes=True) if editor.display else 0
        text = self.draft_text_on_disk()
        if text is None:
            return ""
        before = verdict_state(((m.block, m.start), m) for m in self.draft_result.check.mentions)
        try:
            result = self.service.check_draft_text(text, self.session.result.report)
        except CopilotError:
            return ""
        changed = changed_places(
            before, verdict_state(((m.block, m.start), m) for m in result.check.mentions)
        )
        self.adopt_draft(result, "草稿（按当前数据重新核对）", changed)
        if editor.display:
            count, keys = in_editor, "按ctrl+n逐个查看"
        else:
            count, keys = len(changed), "草稿页按n逐个查看，按c清除"
        # no spaces: the status line is one row, and a space would be where it breaks off the keys
        return f"草稿中{count}个数字的核对结果随之变化，已标出{MARKER}（{keys}）。" if count else ""

    # ------------------------------------------------------------------ saving and leaving
    def save_draft_edit(self, leave: bool = False) -> None:
        """Keep the editor's text as the current draft and a new history version."""
        view = self.query_one(DraftView)
        editor = self.query_one(DraftEditor)
        text = editor.text
        report = self.session.result.report
        if text == self.draft_text_on_disk():
            if leave:
                view.close_editor()
            self.say("草稿没有改动。" if leave else "草稿没有改动，无需保存。")
            return
        result = None
        if report is not None:
            try:
                result = self.service.check_draft_text(text, report)
            except CopilotError as exc:
                self.say(f"草稿无法读取：{exc.message}", "error")
        try:
            version = self.service.save_edited_draft(text, self.out_dir, self.stem, result)
        except OSError as exc:
            self.say(f"保存草稿失败：{exc.strerror or exc}（修改仍在编辑器中）", "error")
            return
        if result is not None:
            self.adopt_draft(result, f"草稿 第 {version} 版（手工修改）")
        if leave:
            view.close_editor()
        self.refresh_versions()
        self.say(f"已保存为草稿第 {version} 版：{self._short(self.out_dir / (self.stem + '.md'))}")

    def edit_draft_externally(self) -> None:
        """The editor's text in `$VISUAL`/`$EDITOR` (as git commit does), re-checked on return."""
        from report_copilot.tui.widgets.facts_notes import edit_externally

        editor_cmd = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor_cmd:
            self.say("未设置 EDITOR 环境变量：请在编辑器中直接修改。", "warning")
            return
        editor = self.query_one(DraftEditor)
        try:
            with self.app.suspend():
                text = edit_externally(editor.text, editor_cmd)
        except OSError as exc:
            self.say(f"无法启动外部编辑器 {editor_cmd}：{exc.strerror or exc}", "error")
            return
        editor.load_text(text)
        self.recheck_editor()
        self.say("已从外部编辑器取回草稿并重新核对；ctrl+s 保存为新版本。")
