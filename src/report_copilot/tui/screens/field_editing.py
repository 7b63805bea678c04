"""Editing what is not a table cell: 基本信息 fields, the format version, facts and notes.

Mixed into MainScreen; a change of format asks first and rebuilds the screen, keeping the cells both
formats share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from report_copilot.errors import CopilotError
from report_copilot.tui.messages import FactEditRequested, FactsEdited, FieldEdited, FormatChosen, NotesEdited
from report_copilot.tui.screens.editors import Choice, FactEditor
from report_copilot.tui.widgets.meta_form import MetaForm

if TYPE_CHECKING:
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object


class FieldEditing(_Host):
    """基本信息 fields, the format version, facts and notes."""

    def on_field_edited(self, message: FieldEdited) -> None:
        try:
            self.session.set_field(message.path, message.value)
        except CopilotError as exc:
            self.query_one(MetaForm).reset_field(message.path)
            self.say(exc.message, "error")
            return
        self.after_edit(f"已修改：{message.path}")

    def on_format_chosen(self, message: FormatChosen) -> None:
        from report_copilot.model.formats import load_format

        new = load_format(message.format_id)
        filled = sum(1 for cid in self.session.fmt.cells if self.session.value(cid) is not None)
        question = (
            f"改用{new.name}（{new.document}）？两种格式共有的单元格保留数值；"
            f"其余已填数据另存到 {self.session.backup_path_for(self.session.fmt.id).name}。"
            f"（已填 {filled} 格）"
        )

        def answered(answer: str | None) -> None:
            if answer != "yes":
                self.query_one(MetaForm).reset_field("meta.format")
                return
            dropped = self.session.change_format(new.id)
            self.app.call_later(self._rebuild, dropped)

        self.app.push_screen(Choice(question, [("yes", "改用", "y"), ("cancel", "取消", "n")]), answered)

    async def _rebuild(self, dropped: int) -> None:
        await self.recompose()
        self.refresh_checks(force=True)
        note = f"；{dropped} 格在新格式中没有位置，已另存备份" if dropped else ""
        self.say(f"已改用{self.session.fmt.name}{note}", "warning" if dropped else "information")

    def on_facts_edited(self, message: FactsEdited) -> None:
        try:
            self.session.set_facts(message.facts)
        except CopilotError as exc:
            self.say(exc.message, "error")
            return
        self.after_edit("已更新支撑数据")

    def on_fact_edit_requested(self, message: FactEditRequested) -> None:
        facts = list(self.session.value("facts") or [])
        index = message.index
        current = facts[index] if index is not None and index < len(facts) else None

        def check(fact: dict[str, Any]) -> str | None:
            new = [*facts]
            if index is None or current is None:
                new.append(fact)
            else:
                new[index] = fact
            try:
                self.session.set_facts(new)
            except CopilotError as exc:
                return exc.message
            return None

        def done(fact: dict[str, Any] | None) -> None:
            if fact is not None:
                self.after_edit(f"已保存支撑数据：{fact.get('label')}")

        self.app.push_screen(FactEditor(current, check), done)

    def on_notes_edited(self, message: NotesEdited) -> None:
        self.session.set_notes(message.section, message.lines)
        self._show_title()
        if self.session.autosave_error:
            self.say(self.session.autosave_error, "error")
