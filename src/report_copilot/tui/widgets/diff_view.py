"""对比: the current draft against any kept version (every version the history keeps is listed), sentence by sentence, numbers as whole tokens.

The diff itself is the review service's (`diff_files`); this view only lays it out in the terminal:
deleted text red and struck through, inserted text green, changed numbers bold, and the summary of
every changed number at the end.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Label, Select, Static

from report_copilot.review.history import HAND_EDIT, Version
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


BACKEND_NAMES = {"template": "离线模板", "openai": "大模型", "llm": "大模型"}
NO_VERSIONS = "（尚无历史版本：按 d 起草）"
RUNNING = "对比中…"


def made_by(version: Version) -> str:
    """How a version was made: 手工修改, or the backend (and model) that drafted it."""
    backend = version.backend
    if backend == HAND_EDIT:
        return HAND_EDIT
    if not backend:
        return "来源不明"
    name = BACKEND_NAMES.get(backend, backend)
    return f"{name} {version.model}" if version.model and backend != "template" else name


def version_label(version: Version, current: int | None) -> str:
    """第 3 版 · 2026-12-03 17:20 · 手工修改 — what the version list shows for one version."""
    parts = [f"第 {version.number} 版", version.created or "时间不明", made_by(version)]
    if version.unreadable:
        parts.append("记录无法读取")
    return " · ".join(parts) + ("（即当前草稿）" if version.number == current else "")


def current_version(versions: list[Version], current_text: str | None) -> int | None:
    """The newest version when its text is the current draft's (a saved edit or a fresh draft)."""
    if not versions or current_text is None:
        return None
    try:
        newest = versions[-1].path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return versions[-1].number if newest == current_text else None


class DiffView(Vertical):
    """Pick a kept version; see what changed against the current draft."""

    _listed: tuple[tuple[str, int], ...] = ()
    _compared = False
    """A comparison's result (or failure) is on screen."""
    _stale = False
    """A version was chosen while the tab was hidden: compare when it is shown (the first comparison
    loads the diff code, about a second: never at start-up behind the clerk's back)."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="work-bar"):
            yield Label("与")
            yield Select([], prompt=NO_VERSIONS, id="diff-version", compact=True)
            yield Label("比较当前草稿")
            yield Button("比较", id="diff-run", compact=True, variant="primary")
        with VerticalScroll(id="diff-body"):
            yield Static(Text("起草后，这里可以比较当前草稿与任一历史版本。", style="dim"), id="diff-text")

    def on_mount(self) -> None:
        self.query_one("#diff-body").border_title = "对比"
        self.post_message(DraftActionRequested("versions"))  # the tab may be shown before this mounts

    def show_versions(self, versions: list[Version], current_text: str | None = None) -> None:
        """Every kept version, newest first, the one the current draft is marked; the version before
        the current draft is chosen (the clerk's own choice stays while the list is unchanged)."""
        select = self.query_one("#diff-version", Select)
        current = current_version(versions, current_text)
        options = [(version_label(v, current), v.number) for v in reversed(versions)]
        listed = tuple(options)
        if listed == self._listed:
            if self._stale and self.shown:
                self._stale = False
                self.post_message(DraftActionRequested("diff"))
            return
        self._listed = listed
        select.prompt = "（选择一个版本）" if options else NO_VERSIONS  # the blank entry never says none
        select.set_options(options)
        earlier = [number for _label, number in options if number != current]
        if earlier or options:
            select.value = (earlier or [options[0][1]])[0]

    @property
    def version(self) -> int | None:
        value = self.query_one("#diff-version", Select).value
        return value if isinstance(value, int) else None

    def set_running(self, running: bool) -> None:
        """对比中… in the frame while a comparison runs; the last result stays until the new one."""
        self.query_one("#diff-body", VerticalScroll).border_subtitle = RUNNING if running else ""
        if running and not self._compared:
            self.query_one("#diff-text", Static).update(Text(RUNNING, style="dim"))

    def show_diff(self, text: Text) -> None:
        self.set_running(False)
        self._compared = True
        self.query_one("#diff-text", Static).update(text)
        self.query_one("#diff-body", VerticalScroll).scroll_home(animate=False)

    def show_failure(self, message: str) -> None:
        """Why the comparison failed, in place of a result that no longer matches the chosen version."""
        self.show_diff(Text(message, style="bold red"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(DraftActionRequested("diff"))

    @property
    def shown(self) -> bool:
        """On screen: the 对比 tab is the active one."""
        return all(node.display for node in self.ancestors_with_self if isinstance(node, Widget))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not isinstance(event.value, int):
            return
        self._stale = not self.shown
        if not self._stale:
            self.post_message(DraftActionRequested("diff"))
