"""Writing a draft: the Markdown, its history version, its provenance and the Word file, together.

Layout (read by the review tools):

    DIR/<stem>.md                               newest draft (the 未通过数字核对 mark when unchecked)
    DIR/<stem>.provenance.json                  newest provenance (hashes of what was written)
    DIR/<stem>.docx                             only when every check passes, or with force
    DIR/.history/<stem>/NNNN.md                 every version, never overwritten (0001, 0002, …)
    DIR/.history/<stem>/NNNN.provenance.json

All files of one run land together or not at all (`files.FileSet`), under the stem's lock.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError, InputError
from report_copilot.files import FileSet, check_target, ensure_dir, output_lock, recover
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.provenance import scrub
from report_copilot.service.drafting import DraftResult, DraftWritten, _check_summary
from report_copilot.service.gate import ExportGate
from report_copilot.service.handedits import (
    Merge,
    Previous,
    merge_edits,
    read_previous,
    section_name,
    section_texts,
    sha256_text,
)

__all__ = ["HISTORY_DIR", "write_draft_outputs"]

HISTORY_DIR = ".history"
_KEY_VARS = ("OPENAI_API_KEY", "COPILOT_API_KEY")


def _next_version(history: Path) -> int:
    numbers = [int(p.name[:4]) for p in history.glob("[0-9][0-9][0-9][0-9].md") if p.name[:4].isdigit()]
    return max(numbers, default=0) + 1


def _clean_history(history: Path) -> None:
    """Remove what a killed run left in a history folder (call it holding the stem's lock): temps,
    and empty version files without a record (older versions claimed the number first)."""
    if not history.is_dir():
        return
    for stray in history.glob(".*.tmp"):
        stray.unlink(missing_ok=True)
    for version in history.glob("[0-9][0-9][0-9][0-9].md"):
        record = version.with_name(version.name[:4] + ".provenance.json")
        with contextlib.suppress(OSError):
            if version.stat().st_size == 0 and not record.exists():
                version.unlink()


def _secrets() -> list[str]:
    """Keys that must never appear in an output, whatever happened upstream."""
    out = []
    try:
        import tomllib

        from report_copilot import paths

        path = paths.config_file()
        if path.is_file():
            key = tomllib.loads(path.read_text(encoding="utf-8")).get("api_key")
            if isinstance(key, str):
                out.append(key)
    except Exception:  # noqa: BLE001 - a broken config must not stop the scrub of the others
        pass
    for var in _KEY_VARS:
        if os.environ.get(var):
            out.append(os.environ[var])
    return out


def _json_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _merged(
    result: DraftResult, report: ReportBase, previous: Previous, secrets: list[str]
) -> tuple[DraftResult, Merge]:
    """The new draft with the clerk's edited sections kept, re-checked as a whole."""
    from report_copilot.checks.prose import check_draft
    from report_copilot.render.markdown import render_markdown

    generated = section_texts(Draft.from_markdown(scrub(render_markdown(result.draft, report), secrets)))
    merge = merge_edits(result.draft, generated, previous)
    if not merge.kept:
        return result, merge
    prose = check_draft(merge.draft, report)
    review = [
        Finding(
            rule="DRAFT-EDIT",
            severity="warning",
            location=f"draft.{key}",
            where=section_name(key),
            message=f"“{section_name(key)}”保留了手工修改，但其数据已有变化，请复核该部分",
        )
        for key in merge.review
    ]
    provenance = dict(result.provenance)
    provenance["check"] = _check_summary(
        ExportGate(prose, result.tables.errors), result.tables, [*result.warnings, *review], prose
    )
    merged = result.model_copy(
        update={
            "draft": merge.draft,
            "check": prose,
            "warnings": [*result.warnings, *review],
            "provenance": provenance,
        }
    )
    merged._secrets.extend(result._secrets)
    return merged, merge


def write_draft_outputs(
    result: DraftResult,
    report: ReportBase,
    out_dir: Path,
    stem: str,
    *,
    force: bool = False,
    export: bool = True,
    overwrite: bool = False,
    extra_secrets: list[str] | None = None,
) -> DraftWritten:
    """Write the draft, its provenance and (checks passing, or `force`) the Word file, all together.

    Nothing is lost: with failing checks the Markdown is still written — with the visible 未通过数字核对
    mark — and the failing numbers are in the provenance. Every version is also kept in
    `DIR/.history/<stem>/NNNN.*`. A Markdown draft edited since the last run is kept as a history
    version of its own and its edited sections are carried into the new draft (`service.handedits`).
    An existing .docx that is not the draft's own unchanged output is replaced only with `overwrite`.
    Concurrent runs for the same stem queue on a lock; a killed run's leftovers are completed or
    removed by the next one. `export=False` writes only the Markdown and the provenance.
    """
    if not stem or "/" in stem or "\\" in stem or stem.startswith("."):
        raise InputError(f"草稿名称「{stem}」不可用（不能为空、含路径分隔符或以 . 开头）", location="stem")
    secrets = [*_secrets(), *result._secrets, *(extra_secrets or [])]
    ensure_dir(out_dir)
    history = out_dir / HISTORY_DIR / stem
    markdown, prov_path, docx = (out_dir / f"{stem}{ext}" for ext in (".md", ".provenance.json", ".docx"))
    with output_lock(out_dir, stem):
        recover(out_dir, stem, (markdown, prov_path, docx))
        _clean_history(history)
        previous = read_previous(out_dir, stem)
        merge: Merge | None = None
        if previous is not None and (previous.edited or previous.kept):
            result, merge = _merged(result, report, previous, secrets)
        with FileSet(out_dir, stem) as files:
            run = _Staging(result, report, files, out_dir, stem, previous, merge, secrets)
            written, export_error = run.stage(force=force, export=export, overwrite=overwrite)
            files.commit()
    if export_error is not None:
        raise export_error
    return written


@dataclass
class _Staging:
    """One run's files, staged as temps into `files` (nothing is in place until the caller commits)."""

    result: DraftResult
    report: ReportBase
    files: FileSet
    out_dir: Path
    stem: str
    previous: Previous | None
    merge: Merge | None
    secrets: list[str]

    def path(self, ext: str) -> Path:
        return self.out_dir / f"{self.stem}{ext}"

    @property
    def history(self) -> Path:
        return self.out_dir / HISTORY_DIR / self.stem

    def in_history(self, version: int, ext: str) -> Path:
        return self.history / f"{version:04d}{ext}"

    def stage(
        self, *, force: bool, export: bool, overwrite: bool
    ) -> tuple[DraftWritten, CopilotError | None]:
        from report_copilot.render.markdown import render_markdown
        from report_copilot.service.export import refuse_foreign

        gate = self.result.gate
        exporting = export and (gate.ok or force)
        docx = self.path(".docx")
        if exporting:
            refuse_foreign(docx, self.stem, overwrite)
            check_target(docx)  # before the Word file is built: a locked target fails fast
        version = _next_version(ensure_dir(self.history))
        edited_version = self.stage_edited_copy(version)
        version += edited_version is not None
        md_text = scrub(
            render_markdown(self.result.draft, self.report, unchecked_mark=not gate.ok), self.secrets
        )
        self.files.add_text(self.path(".md"), md_text)
        self.files.add_text(self.in_history(version, ".md"), md_text)
        forced = exporting and not gate.ok
        docx_sha, export_error = self.stage_docx(forced) if exporting else (None, None)
        provenance = self.provenance(version, md_text, forced, docx_sha, edited_version)
        if export_error is not None:
            provenance["export_error"] = export_error.message
        text = _json_text(scrub(provenance, self.secrets))
        self.files.add_text(self.in_history(version, ".provenance.json"), text)
        self.files.add_text(self.path(".provenance.json"), text)
        exports = {"docx": docx} if docx_sha is not None else {}
        merge = self.merge or Merge(draft=self.result.draft)
        written = DraftWritten(
            markdown=self.path(".md"),
            provenance=self.path(".provenance.json"),
            history_markdown=self.in_history(version, ".md"),
            history_provenance=self.in_history(version, ".provenance.json"),
            version=version,
            exports=exports,
            exported=bool(exports),
            forced=forced and bool(exports),
            edited_saved_as=self.in_history(edited_version, ".md") if edited_version is not None else None,
            kept=merge.kept,
            regenerated=merge.regenerated,
            review=merge.review,
            result=self.result,
        )
        return written, export_error

    def stage_edited_copy(self, version: int) -> int | None:
        """The clerk's edited Markdown as history version `version` (None: nothing was edited)."""
        from report_copilot.provenance import now_iso

        if self.previous is None or not self.previous.edited:
            return None
        self.files.add_bytes(self.in_history(version, ".md"), self.previous.raw)
        record = {
            "created": now_iso(),
            "backend": "手工修改",
            "hand_edited": True,
            "based_on": self.previous.version,
            "files": {
                "markdown": f"{self.stem}.md",
                "history": f"{HISTORY_DIR}/{self.stem}/{version:04d}.md",
            },
        }
        self.files.add_text(self.in_history(version, ".provenance.json"), _json_text(record))
        return version

    def stage_docx(self, forced: bool) -> tuple[str | None, CopilotError | None]:
        """The audited Word file: (its SHA-256, None), or (None, the audit error) — the Markdown is then
        still written and the error raised after the commit."""
        from report_copilot.service.export import audited_docx, sha256_file

        docx = self.path(".docx")
        try:
            tmp = audited_docx(self.result.draft, self.report, docx, None, forced)
        except CopilotError as exc:
            return None, exc
        self.files.add_file(tmp, docx)
        return sha256_file(tmp), None

    def provenance(
        self, version: int, md_text: str, forced: bool, docx_sha: str | None, edited_version: int | None
    ) -> dict[str, Any]:
        """The run's record, with the hashes the next run compares (files, section texts)."""
        previous, merge = self.previous, self.merge
        kept = set(merge.kept) if merge is not None else set()
        provenance = dict(self.result.provenance)
        provenance.update(
            forced=forced and docx_sha is not None,
            version=version,
            kept_sections=sorted(kept),
            sections_text={
                key: {
                    "written": sha256_text(text),
                    "generated": previous.generated.get(key, "")
                    if previous is not None and key in kept
                    else sha256_text(text),
                }
                for key, text in section_texts(Draft.from_markdown(md_text)).items()
            },
            files={
                "markdown": f"{self.stem}.md",
                "markdown_sha256": sha256_text(md_text),
                "history": f"{HISTORY_DIR}/{self.stem}/{version:04d}.md",
                **({"docx": f"{self.stem}.docx", "docx_sha256": docx_sha} if docx_sha else {}),
            },
        )
        if merge is not None:
            saved = f"{HISTORY_DIR}/{self.stem}/{edited_version:04d}.md" if edited_version else None
            provenance["hand_edits"] = {
                "saved_as": saved,
                "kept": merge.kept,
                "regenerated": merge.regenerated,
                "review": merge.review,
                "lost": merge.lost,
            }
        return provenance
