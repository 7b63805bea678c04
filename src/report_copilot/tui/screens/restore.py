"""On opening, an autosave newer than the data file: 恢复 / 丢弃 / 对比, asked before anything is lost.

The session (`EditSession.pending`) holds the autosave untouched until the answer; this module asks
the question, shows the differences (official labels, file value against autosave value) and carries
the answer out: 恢复 puts the autosave's data on screen (the file is written only by ctrl+s), 丢弃
keeps the file's data and moves the autosave aside under a visible name, never deleting it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TabbedContent

from report_copilot.tui.autosave import local_time
from report_copilot.tui.data_diff import Difference, differences

if TYPE_CHECKING:
    from report_copilot.tui.screens.main import MainScreen

__all__ = ["RestoreDialog", "offer_restore"]

RESTORED = "已恢复上次未保存的修改（自动保存）。数据文件尚未改动：按 ctrl+s 保存到文件。"


class RestoreDialog(ModalScreen[str]):
    """The question, with the differences on demand (c); answers "restore" or "discard"."""

    DEFAULT_CSS = """
    RestoreDialog #restore {
        height: auto;
        max-height: 100%;
    }
    RestoreDialog #restore-body {
        height: auto;
    }
    RestoreDialog #restore .buttons {
        dock: bottom;
    }
    RestoreDialog.comparing #restore {
        height: 100%;
    }
    RestoreDialog.comparing #restore-body {
        height: 1fr;
    }
    RestoreDialog #restore-diff {
        display: none;
    }
    RestoreDialog.comparing #restore-diff {
        display: block;
    }
    RestoreDialog.comparing #answer-compare {
        display: none;
    }
    """

    BINDINGS = [
        Binding("r", "answer('restore')", "恢复"),
        Binding("d", "answer('discard')", "丢弃"),
        Binding("c", "compare", "对比"),
        Binding("escape", "back", "返回", show=False),
    ]

    def __init__(self, question: Text, changes: list[Difference]) -> None:
        super().__init__()
        self.question = question
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical(id="restore", classes="dialog"):
            yield Static("发现未保存的修改", classes="dialog-title")
            with VerticalScroll(id="restore-body"):
                yield Static(self.question, id="restore-question")
                yield Static(self._table(), id="restore-diff")
            with Horizontal(classes="buttons"):
                yield Button("恢复(r)", id="answer-restore", variant="primary")
                yield Button("丢弃(d)", id="answer-discard")
                yield Button("对比(c)", id="answer-compare")

    def _table(self) -> Table:
        table = Table(
            title=f"{len(self.changes)} 处不同（Esc 返回）",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            expand=True,
            padding=(0, 1, 0, 0),
        )
        table.add_column("位置", ratio=2, overflow="fold")
        table.add_column("数据文件", ratio=1, overflow="fold", style="red")
        table.add_column("自动保存", ratio=1, overflow="fold", style="green")
        for change in self.changes:
            table.add_row(change.label, change.old, change.new)
        return table

    def on_mount(self) -> None:
        self.query_one("#answer-restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer = (event.button.id or "").removeprefix("answer-")
        if answer == "compare":
            self.action_compare()
        else:
            self.dismiss(answer)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def action_compare(self) -> None:
        """The differences, then the same two answers (the question stays above them)."""
        self.add_class("comparing")
        body = self.query_one("#restore-body", VerticalScroll)
        body.focus()  # arrows and PgUp/PgDn scroll a long list
        self.call_after_refresh(body.scroll_to_widget, self.query_one("#restore-diff"), top=True)

    def action_back(self) -> None:
        if self.has_class("comparing"):
            self.remove_class("comparing")
            self.query_one("#answer-restore", Button).focus()


def question_text(session_path_name: str, file_time: str | None, autosave_time: str, count: int) -> Text:
    """What was found and what each answer does, keys included."""
    text = Text()
    if file_time is None:
        text.append(f"数据文件 {session_path_name} 尚不存在，")
    else:
        text.append(f"数据文件 {session_path_name}（保存于 {file_time}）旁")
    text.append(f"有一份更新的自动保存（{autosave_time}），其中 {count} 处修改尚未保存到文件。\n\n")
    text.append("恢复(r)", style="bold")
    text.append("：载入这些修改继续编辑；数据文件不变，按 ctrl+s 才写入。\n")
    text.append("丢弃(d)", style="bold")
    text.append("：使用数据文件中的数据；自动保存不删除，另存到数据文件旁（文件名含“自动保存”和时间）。\n")
    text.append("对比(c)", style="bold")
    text.append("：先逐项查看不同之处，再决定。")
    return text


def offer_restore(screen: MainScreen) -> bool:
    """Ask about a pending autosave, or show what opening did with an old one; False when neither."""
    session = screen.session
    if session.notice:
        screen.say(session.notice, "warning")
        screen.notify(session.notice, severity="warning", timeout=10)
    pending = session.pending
    if pending is None:
        return bool(session.notice)
    try:
        file_time: str | None = local_time(session.path.stat().st_mtime)
    except OSError:
        file_time = None
    changes = differences(session.saved, pending.data)
    question = question_text(session.path.name, file_time, local_time(pending.modified), len(changes))

    def answered(answer: str | None) -> None:
        if answer == "restore":
            _restore(screen)
        elif answer == "discard":
            _discard(screen)

    screen.app.push_screen(RestoreDialog(question, changes), answered)
    return True


def _restore(screen: MainScreen) -> None:
    """The autosave's data on screen; keys typed meanwhile wait until the rebuilt tab has the focus."""
    hold = getattr(screen.app, "hold_keys", None)
    if hold is not None:
        hold()
    screen.session.restore_autosave()

    async def rebuild() -> None:
        await screen.recompose()  # the format, the meta fields and the notes may all differ
        screen.refresh_checks(force=True)
        screen.say(RESTORED, "warning")
        tabs = screen.query_one("#tabs", TabbedContent)
        screen.call_after_refresh(screen._focus_pane, tabs.active, 10)

    screen.app.call_later(rebuild)


def _discard(screen: MainScreen) -> None:
    session = screen.session
    pending = session.pending
    try:
        kept = session.discard_autosave()
    except OSError as exc:
        where = pending.path if pending is not None else "自动保存"
        screen.say(f"无法把自动保存 {where} 另存到一旁（{exc.strerror or exc}），它保持原样。", "error")
        offer_restore(screen)  # still pending: ask again rather than go on and write over it
        return
    if kept is not None:
        text = f"自动保存已另存为 {kept.name}（数据文件旁），未恢复；现在是数据文件中的数据。"
        screen.say(text, "warning")
        screen.notify(text, severity="warning", timeout=10)
