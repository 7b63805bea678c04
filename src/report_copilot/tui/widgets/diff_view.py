"""对比: the current draft against any kept version, sentence by sentence, numbers as whole tokens.

The diff itself is the review service's (`diff_files`); this view only lays it out in the terminal:
deleted text red and struck through, inserted text green, changed numbers bold, and the summary of
every changed number at the end.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Select, Static

from report_copilot.tui.messages import DraftActionRequested

_ROLE = {"delete": "red strike", "insert": "green underline", "equal": ""}


def render_diff(diff: Any) -> Text:
    """A DraftDiff as rich text (CJK-aware: the diff works on sentences and characters, not words)."""
    out = Text()
    out.append(f"旧：{diff.old_name}\n新：{diff.new_name}\n", style="dim")
    if not diff.changed:
        out.append("两版正文相同。\n", style="green")
        return out
    stats = diff.stats()
    out.append(
        f"改动 {stats['sections_changed']} 个部分：新增 {stats['inserted']} 句、删除 {stats['deleted']} 句、"
        f"修改 {stats['replaced']} 句、移动 {stats['moved']} 句；数字变化 {stats['numbers_changed']} 处\n",
        style="bold",
    )
    for section in diff.sections:
        if section.status == "equal":
            continue
        out.append(f"\n■ {section.heading}\n", style="bold cyan")
        for change in section.changes:
            if change.kind == "equal":
                continue
            if change.kind == "delete":
                out.append("－ ", style="red")
                out.append(f"{change.old}\n", style="red strike")
            elif change.kind == "insert":
                out.append("＋ ", style="green")
                out.append(f"{change.new}\n", style="green")
            else:
                mark = "～ " if change.kind == "replace" else "↷ "
                out.append(mark, style="yellow")
                if change.kind == "moved":
                    out.append(
                        f"（移动{'，原在' + change.moved_from if change.moved_from else ''}）", style="yellow"
                    )
                for segment in change.segments:
                    style = _ROLE.get(segment.kind, "")
                    if segment.number and segment.kind != "equal":
                        style += " bold"
                    out.append(segment.text, style=style.strip())
                out.append("\n")
    if diff.numbers:
        out.append("\n■ 数字变化\n", style="bold cyan")
        for number in diff.numbers:
            old = number.old if number.old is not None else "（无）"
            new = number.new if number.new is not None else "（无）"
            out.append(f"  {old} → {new}", style="bold")
            sentence = number.new_sentence or number.old_sentence or ""
            out.append(f"　{sentence}\n", style="dim")
    return out


class DiffView(Vertical):
    """Pick an earlier version; see what changed against the current draft."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="work-bar"):
            yield Label("与")
            yield Select([], prompt="（尚无历史版本）", id="diff-version", compact=True)
            yield Label("比较当前草稿")
            yield Button("比较", id="diff-run", compact=True, variant="primary")
        with VerticalScroll(id="diff-body"):
            yield Static(Text("起草后，这里可以比较当前草稿与任一历史版本。", style="dim"), id="diff-text")

    def on_mount(self) -> None:
        self.query_one("#diff-body").border_title = "对比"

    def show_versions(self, versions: list[Any]) -> None:
        """Earlier versions (newest first); the newest version itself is the current draft."""
        select = self.query_one("#diff-version", Select)
        earlier = list(reversed(versions[:-1]))
        options = [
            (f"第 {v.number} 版 · {(v.created or '')[:16]} · {v.check_status}", v.number) for v in earlier
        ]
        select.set_options(options)
        if options:
            select.value = options[0][1]

    @property
    def version(self) -> int | None:
        value = self.query_one("#diff-version", Select).value
        return value if isinstance(value, int) else None

    def show_diff(self, text: Text) -> None:
        self.query_one("#diff-text", Static).update(text)
        self.query_one("#diff-body", VerticalScroll).scroll_home(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(DraftActionRequested("diff"))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, int):
            self.post_message(DraftActionRequested("diff"))
