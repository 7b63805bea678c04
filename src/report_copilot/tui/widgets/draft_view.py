"""草稿: the draft as it streams in, then every number highlighted by the checker's verdict.

The view only displays: the screen runs the drafting worker and hands events and the result down
(`show_event`, `show_result`). Selecting a number (in the list under the text) shows the cell or
fact it binds to; the screen's findings panel lists the draft's findings and jumps to the sentence.
A wrong number carries what the data holds (〔应为 99件〕); after a data edit, the numbers whose
verdict changed are marked ▶ with their old and new verdict until the clerk clears them (c).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from report_copilot.checks.verdicts import PROBLEMS_FIRST
from report_copilot.checks.verdicts import VERDICT_NAMES as _NAMES
from report_copilot.tui.draft_marks import MARKER, Place, change_note
from report_copilot.tui.messages import DraftActionRequested, MentionChosen
from report_copilot.tui.widgets.draft_editor import DraftEditor

if TYPE_CHECKING:
    from report_copilot.checks.prose import Mention
    from report_copilot.model.draft import Block, Draft

BACKENDS = [
    ("自动（按设置）", "auto"),
    ("离线模板", "template"),
    ("大模型（OpenAI 兼容）", "openai"),
]

VERDICT_STYLES = {
    "bound": "bold green",
    "mismatch": "bold white on red3",
    "unsupported": "bold underline black on yellow3",
    "ambiguous": "bold yellow underline",
    "exempt": "dim",
}
VERDICT_NAMES: dict[str, str] = {v.value: name for v, name in _NAMES.items()}
PROBLEM_VERDICTS = tuple(v.value for v in PROBLEMS_FIRST if v.is_error)
_VERDICT_ORDER = {v.value: i for i, v in enumerate(PROBLEMS_FIRST)}
"""Problems first, then the numbers that bind, then those exempt from checking."""


CHANGED_STYLE = "bold reverse"
"""The ▶ marker and the note of a number whose verdict changed (visible without colour)."""
LEGEND = f"{MARKER} 数据修改后核对结果有变的数字 {{n}} 处：n 下一处 · c 清除标记"


def highlighted_block(
    block: Block, mentions: list[Mention], changed: Mapping[int, str] | None = None
) -> Text:
    """One draft block as rich text, each number styled by its verdict; a wrong number followed by
    the value the data holds, a changed one (`changed`: start → old verdict) marked ▶ with its note."""
    if block.kind == "table":
        return Text(f"［表格：{block.text}，按数据生成］", style="italic dim")
    changed = changed or {}
    text = Text(style="bold" if block.kind in {"title", "heading"} else "")
    done = 0
    for mention in sorted(mentions, key=lambda m: m.start):
        start, end = mention.start, mention.end
        if not (done <= start < end <= len(block.text)):
            continue
        verdict = str(mention.verdict or "")
        text.append(block.text[done:start])
        if start in changed:
            text.append(MARKER, style=CHANGED_STYLE)
        text.append(block.text[start:end], style=VERDICT_STYLES.get(verdict, "bold"))
        if start in changed:
            text.append(change_note(changed[start], mention), style=CHANGED_STYLE)
        elif verdict == "mismatch" and mention.expected is not None:
            text.append(f"〔应为 {mention.expected}〕", style="bold red")
        done = end
    text.append(block.text[done:])
    return text


class DraftView(Vertical):
    """Backend choice, the draft text (read, or edited in place), and the numbers found in it."""

    BINDINGS = [
        Binding("i", "edit", "编辑草稿"),
        Binding("n,ctrl+n", "next_change", "下一处变化"),
        Binding("c", "clear_changes", "清除变化标记"),
    ]

    def __init__(
        self,
        *,
        model_hint: Callable[[], str] = str,
        label_of: Callable[[str], str] = str,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.model_hint = model_hint
        self.mentions: list[Mention] = []
        self.blocks: list[Block] = []
        self.label_of = label_of
        """A mention's reference as the clerk reads it (the screen gives the official label path)."""
        self._streams: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self.changed: dict[Place, str] = {}
        """(block, start) → the verdict before the last data edit, of each number it changed."""
        self._change_index = -1

    def compose(self) -> ComposeResult:
        with Horizontal(classes="work-bar"):
            yield Label("起草方式")
            yield Select(BACKENDS, value="auto", allow_blank=False, id="draft-backend", compact=True)
            yield Input(placeholder="模型（默认按设置）", id="draft-model", compact=True)
            yield Button("起草 d", id="draft-start", compact=True, variant="primary")
            yield Button("停止 x", id="draft-cancel", compact=True, disabled=True)
            yield Button("编辑 i", id="draft-edit", compact=True)
        yield OptionList(id="draft-body")
        yield DraftEditor(id="draft-editor")
        yield OptionList(id="draft-mentions")
        yield Static("", id="draft-binding")

    def on_show(self) -> None:
        """Name the settings' model once the tab is first shown (loading settings is not free)."""
        field = self.query_one("#draft-model", Input)
        if field.placeholder == "模型（默认按设置）":
            field.placeholder = f"模型（默认 {self.model_hint()}）"

    def on_mount(self) -> None:
        self.query_one(DraftEditor).display = False
        self.show_idle()
        self.query_one("#draft-mentions", OptionList).border_title = "文中数字"

    def show_idle(self) -> None:
        """Nothing drafted yet (or the first run stopped)."""
        body = self.query_one("#draft-body", OptionList)
        body.border_title = "草稿"
        body.set_options(
            [Option(Text("按 d 起草。离线模板后端无需网络；大模型后端使用设置中的接口。", style="dim"))]
        )

    @property
    def backend(self) -> str:
        value = self.query_one("#draft-backend", Select).value
        return value if isinstance(value, str) else "auto"

    @property
    def model(self) -> str | None:
        return self.query_one("#draft-model", Input).value.strip() or None

    def set_running(self, running: bool) -> None:
        self.query_one("#draft-start", Button).disabled = running
        self.query_one("#draft-cancel", Button).disabled = not running

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"draft-start": "draft", "draft-cancel": "cancel", "draft-edit": "edit"}
        self.post_message(DraftActionRequested(actions.get(event.button.id or "", "draft")))  # type: ignore[arg-type]

    def action_edit(self) -> None:
        self.post_message(DraftActionRequested("edit"))

    @property
    def editing(self) -> bool:
        return bool(self.query_one(DraftEditor).display)

    def open_editor(self, text: str) -> DraftEditor:
        """Show the Markdown in the editor instead of the checked view."""
        editor = self.query_one(DraftEditor)
        editor.load_text(text)
        editor.display = True
        self.query_one("#draft-body", OptionList).display = False
        editor.focus()
        return editor

    def close_editor(self) -> None:
        self.query_one(DraftEditor).display = False
        body = self.query_one("#draft-body", OptionList)
        body.display = True
        body.focus()

    # ------------------------------------------------------------------ streaming
    def start_stream(self, names: dict[str, str]) -> None:
        self._streams, self._names = {}, names
        self.mentions, self.blocks = [], []
        self.query_one("#draft-mentions", OptionList).clear_options()
        self.query_one("#draft-binding", Static).update("")
        body = self.query_one("#draft-body", OptionList)
        body.border_title = "草稿（起草中…）"
        body.set_options([Option(Text("起草中……", style="dim"))])

    def show_event(self, event: Any) -> None:
        """A drafting event: a section started, streamed text, was repaired, fell back, or finished."""
        kind, section = event.kind, event.section
        if not section:
            return
        if kind in {"start", "repair"}:
            self._streams[section] = ""
        elif kind == "chunk":
            self._streams[section] = self._streams.get(section, "") + event.text
        elif kind == "section_done":
            self._streams[section] = event.text
        else:
            return
        body = self.query_one("#draft-body", OptionList)
        options = []
        for key, text in self._streams.items():
            title = Text(self._names.get(key, key), style="bold")
            body_text = Text(text) if text else Text("……", style="dim")
            options.append(Option(Text.assemble(title, "\n", body_text)))
        body.set_options(options)
        body.highlighted = len(options) - 1

    # ------------------------------------------------------------------ the checked draft
    def show_result(
        self, draft: Draft, mentions: list[Mention], title: str, changed: Mapping[Place, str] | None = None
    ) -> None:
        """Show a checked draft; `changed` marks the numbers a data edit changed (none: marks cleared)."""
        self.blocks = list(draft.blocks)
        self.changed = dict(changed or {})
        self._change_index = -1
        self.mentions = sorted(
            mentions,
            key=lambda m: (
                (m.block, m.start) not in self.changed,
                _VERDICT_ORDER.get(str(m.verdict), len(_VERDICT_ORDER)),
                (m.block or 0) or 0,
                (m.start or 0) or 0,
            ),
        )
        body = self.query_one("#draft-body", OptionList)
        body.border_title = title
        self._paint()
        listing = self.query_one("#draft-mentions", OptionList)
        counts: dict[str, int] = {}
        for mention in mentions:
            verdict = str(mention.verdict)
            counts[verdict] = counts.get(verdict, 0) + 1
        listing.border_title = "文中数字：" + (
            "、".join(f"{VERDICT_NAMES.get(k, k)} {v}" for k, v in counts.items()) or "无"
        )

    def _paint(self, keep_place: bool = False) -> None:
        """Draw the blocks and the list of numbers with the current change marks, and the legend;
        `keep_place` keeps the highlighted sentence (a repaint of the same draft)."""
        by_block: dict[int, list[Mention]] = {}
        for mention in self.mentions:
            if isinstance(mention.block, int):
                by_block.setdefault(mention.block, []).append(mention)
        marks: dict[int, dict[int, str]] = {}
        for (block, start), old in self.changed.items():
            marks.setdefault(block, {})[start] = old
        body = self.query_one("#draft-body", OptionList)
        highlighted = body.highlighted if keep_place else None
        body.set_options(
            [
                Option(highlighted_block(b, by_block.get(i, []), marks.get(i)))
                for i, b in enumerate(self.blocks)
            ]
        )
        if highlighted is not None and highlighted < body.option_count:
            body.highlighted = highlighted
        body.border_subtitle = LEGEND.format(n=len(self.changed)) if self.changed else ""
        self.query_one("#draft-mentions", OptionList).set_options(
            [Option(self._mention_line(m)) for m in self.mentions]
        )
        self.refresh_bindings()

    # ------------------------------------------------------------------ change marks
    @property
    def changed_mentions(self) -> list[Mention]:
        """The marked numbers in reading order."""
        marked = [m for m in self.mentions if (m.block, m.start) in self.changed]
        return sorted(marked, key=lambda m: (m.block or 0, m.start))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """n and c are offered only while numbers are marked (in the view or in the editor)."""
        if action in {"next_change", "clear_changes"}:
            editor = next(iter(self.query(DraftEditor)), None)
            if editor is not None and editor.display:
                return bool(editor.changed)
            return bool(self.changed)
        return True

    def action_next_change(self) -> None:
        """Go to the next marked number: its sentence in view, its verdict and source under the text."""
        editor = self.query_one(DraftEditor)
        if editor.display:
            editor.next_change()
            return
        marked = self.changed_mentions
        if not marked:
            return
        self._change_index = (self._change_index + 1) % len(marked)
        mention = marked[self._change_index]
        listing = self.query_one("#draft-mentions", OptionList)
        listing.highlighted = self.mentions.index(mention)
        listing.scroll_to_highlight()
        if isinstance(mention.block, int):
            self.go_to_block(mention.block)
        self.post_message(MentionChosen(mention))

    def action_clear_changes(self) -> None:
        """The clerk has seen the changes: the marks go, the verdict styles stay."""
        editor = self.query_one(DraftEditor)
        if editor.display:
            editor.clear_changes()
        if self.changed:
            self.changed = {}
            self._change_index = -1
            self._paint(keep_place=True)

    def _mention_line(self, mention: Mention) -> Text:
        """不符 58件 应为 99件 → the official place of the figure (▶ and the change when marked)."""
        verdict = str(mention.verdict)
        line = Text()
        old = self.changed.get((mention.block or 0, mention.start))
        if old is not None:
            line.append(f"{MARKER}{change_note(old, mention)}", style=CHANGED_STYLE)
            line.append(" ")
        line.append(f"{VERDICT_NAMES.get(verdict, verdict)} ", style=VERDICT_STYLES.get(verdict, ""))
        line.append(str(mention.text or ""), style="bold")
        if verdict == "mismatch" and mention.expected is not None and old is None:
            line.append(f" 应为 {mention.expected}", style="bold red")
        ref = mention.ref
        if ref:
            line.append(f" → {self.label_of(str(ref))}", style="dim")
        return line

    def go_to_block(self, index: int) -> None:
        body = self.query_one("#draft-body", OptionList)
        if 0 <= index < body.option_count:
            body.highlighted = index
            body.scroll_to_highlight(top=True)

    def show_binding(self, text: Text, mention: Mention | None = None) -> None:
        """The line under the list: what the chosen number binds to (▶ and its change when marked)."""
        old = self.changed.get((mention.block or 0, mention.start)) if mention is not None else None
        if old is not None and mention is not None:
            text = Text.assemble((f"{MARKER}{change_note(old, mention)} ", CHANGED_STYLE), text)
        self.query_one("#draft-binding", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "draft-mentions" and 0 <= event.option_index < len(self.mentions):
            event.stop()
            mention = self.mentions[event.option_index]
            index = mention.block
            if isinstance(index, int):
                self.go_to_block(index)
            self.post_message(MentionChosen(mention))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "draft-mentions" and 0 <= event.option_index < len(self.mentions):
            self.post_message(MentionChosen(self.mentions[event.option_index]))
