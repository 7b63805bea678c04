"""A draft's numbers and findings: what a number binds to, and the sentence a finding is in.

Mixed into MainScreen beside `WorkTabs`: the findings panel lists a draft's problems, and choosing
one (or a number of the draft) shows its sentence and the cell or fact it concerns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.text import Text

from report_copilot.checks.findings import Finding
from report_copilot.tui.messages import MentionChosen
from report_copilot.tui.widgets.draft_view import PROBLEM_VERDICTS, DraftView

if TYPE_CHECKING:
    from report_copilot.checks.prose import Mention
    from report_copilot.tui.screens.work import WorkTabs

    _Host = WorkTabs
else:
    _Host = object


class DraftFindings(_Host):
    """Where a draft's findings and numbers point."""

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
