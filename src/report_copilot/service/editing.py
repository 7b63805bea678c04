"""A draft edited by hand (in the TUI's editor or the clerk's `$EDITOR`): checked, kept, never lost.

Every saved edit becomes a history version beside the generated ones (`drafts/.history/<stem>/NNNN.md`
with its provenance marked as a hand edit), so `copilot history` and `copilot diff` show it and a later
draft can never silently replace it.
"""

from __future__ import annotations

from pathlib import Path

from report_copilot.checks.identities import check_report
from report_copilot.checks.prose import Mention, check_draft, check_text
from report_copilot.files import write_text_atomic
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.provenance import Provenance, now_iso
from report_copilot.review.history import HAND_EDIT, claim_version, history_dir
from report_copilot.service.drafting import DraftResult

__all__ = [
    "HAND_EDIT",
    "check_draft_text",
    "check_line",
    "newest_version_text",
    "save_edited_draft",
]


def check_draft_text(text: str, report: ReportBase) -> DraftResult:
    """A Markdown draft as the clerk has it now, with every number and table identity checked."""
    draft = Draft.from_markdown(text)
    return DraftResult(
        draft=draft,
        check=check_draft(draft, report),
        tables=check_report(report),
        sections=[],
        backend=HAND_EDIT,
        provenance=Provenance(backend=HAND_EDIT),
    )


def check_line(text: str, report: ReportBase, section: str | None = None) -> list[Mention]:
    """The numbers of one paragraph with their verdicts (the editor re-checks a line as it is typed)."""
    return list(check_text(text, report, section).mentions)


def newest_version_text(out_dir: Path, stem: str) -> tuple[int, str] | None:
    """The newest kept version of a draft (number, text), or None when there is none."""
    history = history_dir(out_dir, stem)
    numbers = (
        sorted(int(p.stem) for p in history.glob("*.md") if p.stem.isdigit()) if history.is_dir() else []
    )
    if not numbers:
        return None
    path = history / f"{numbers[-1]:04d}.md"
    return numbers[-1], path.read_text(encoding="utf-8")


def save_edited_draft(text: str, out_dir: Path, stem: str, result: DraftResult | None = None) -> int:
    """Write the edited draft as the current `<stem>.md` and as a new history version; its number.

    The provenance records the hand edit and, when `result` is given, its check summary.
    """
    version, path = claim_version(history_dir(out_dir, stem))
    write_text_atomic(path, text)
    record = Provenance(created=now_iso(), backend=HAND_EDIT, version=version)
    if result is not None:
        errors = len(result.errors)
        record.check = {"ok": result.ok, "errors": errors, "warnings": len(result.findings) - errors}
    write_text_atomic(path.with_name(f"{version:04d}.provenance.json"), record.to_json())
    write_text_atomic(out_dir / f"{stem}.md", text)
    return version
