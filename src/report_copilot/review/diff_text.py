"""A draft diff as text a reviewer reads in a terminal or a git pager.

Sentences are lines marked `-`/`+`/`~`/`>`; inside a changed sentence `[-old-]{+new+}`, numbers
whole; then every changed number with how each side binds to the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from report_copilot.model.draft import SECTION_HEADINGS

if TYPE_CHECKING:
    from report_copilot.review.diff_result import DraftDiff, NumberChange, Segment

__all__ = ["unified_text"]


def unified_text(diff: DraftDiff, style: Callable[[str, str], str] | None = None) -> str:
    """The diff as text: `-`/`+`/`~`/`>` lines per sentence, `[-old-]{+new+}` inside a sentence.

    `style(text, role)` may colour a piece (roles: header, section, delete, insert, number, moved).
    """
    paint = style or (lambda text, role: text)
    lines = [paint(f"--- {diff.old_name}", "header"), paint(f"+++ {diff.new_name}", "header")]
    for section in diff.sections:
        if section.status == "equal":
            continue
        title = section.heading
        if section.old_heading and section.new_heading and section.old_heading != section.new_heading:
            title = f"{section.old_heading} → {section.new_heading}"
        lines.append(paint(f"@@ {title} @@", "section"))
        for change in section.changes:
            if change.kind == "equal":
                continue
            if change.kind == "delete":
                lines.append(paint(f"-{change.old}", "delete"))
            elif change.kind == "insert":
                lines.append(paint(f"+{change.new}", "insert"))
            else:
                mark = "~" if change.kind == "replace" else ">"
                body = "".join(_inline(s, style is not None, paint) for s in change.segments)
                prefix = paint(mark, "moved" if change.kind == "moved" else "section")
                if change.kind == "moved":
                    origin = f"，原在{change.moved_from}" if change.moved_from else ""
                    prefix += paint(f"（移动{origin}）", "moved")
                lines.append(prefix + body)
    if diff.numbers:
        lines.append(paint("@@ 数字变化 @@", "section"))
        for n in diff.numbers:
            lines.append(_number_line(n, paint))
    return "\n".join(lines) + "\n"


def _inline(segment: Segment, coloured: bool, paint: Callable[[str, str], str]) -> str:
    if segment.kind == "equal":
        return segment.text
    if coloured:
        role = segment.kind if not segment.number else f"{segment.kind}-number"
        return paint(segment.text, role)
    return f"[-{segment.text}-]" if segment.kind == "delete" else f"{{+{segment.text}+}}"


def _binding_text(binding: dict[str, Any] | None) -> str:
    """How one side of a changed number binds to the data (verdicts of `checks.prose`)."""
    if not binding:
        return ""
    verdict = binding.get("verdict")
    where = binding.get("where") or binding.get("ref") or "数据"
    expected = binding.get("expected")
    if verdict == "bound":
        return "（✓ 与表格一致）"
    if verdict == "mismatch":
        return f"（✗ 与{where}不符" + (f"，应为 {expected}）" if expected else "）")
    if verdict == "unsupported":
        return "（数据中无出处）"
    if verdict == "ambiguous":
        return "（所指不明）"
    if verdict == "exempt":
        return "（非统计数字）"
    return f"（{verdict}）" if verdict else ""


def _number_line(n: NumberChange, paint: Callable[[str, str], str]) -> str:
    old = n.old if n.old is not None else "（无）"
    new = n.new if n.new is not None else "（删除）"
    if n.old is None:
        old, new = "（新增）", n.new or ""
    head = SECTION_HEADINGS.get(n.section.split(".")[0], n.section)
    context = n.new_sentence or n.old_sentence or ""
    short = context if len(context) <= 40 else context[:38] + "…"
    return (
        f"  {head}：{paint(old, 'delete')}{_binding_text(n.old_binding)} → "
        f"{paint(new, 'insert')}{_binding_text(n.new_binding)}　「{short}」"
    )
