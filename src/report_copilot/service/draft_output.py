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

from dataclasses import dataclass
from pathlib import Path

from report_copilot.checks.findings import Finding
from report_copilot.errors import CopilotError, InputError
from report_copilot.files import FileSet, check_target, ensure_dir, output_lock, recover
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.provenance import Provenance, now_iso
from report_copilot.redact import redact
from report_copilot.review.history import (
    HAND_EDIT,
    HISTORY_DIR,
    clean_leftovers,
    history_dir,
    next_version,
    unchanged_version,
)
from report_copilot.service.draft_provenance import check_summary
from report_copilot.service.drafting import DraftResult, DraftWritten
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


def _merged(
    result: DraftResult, report: ReportBase, previous: Previous, secrets: list[str]
) -> tuple[DraftResult, Merge]:
    """The new draft with the clerk's edited sections kept, re-checked as a whole."""
    from report_copilot.checks.prose import check_draft
    from report_copilot.render.markdown import render_markdown

    generated = section_texts(Draft.from_markdown(redact(render_markdown(result.draft, report), secrets)))
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
    check = check_summary(
        ExportGate(prose, result.tables.errors, lint=result.lint_errors),
        result.tables,
        [*result.warnings, *review],
        prose,
    )
    provenance = result.provenance.model_copy(update={"check": check})
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
    secrets = [*result._secrets, *(extra_secrets or [])]  # `redact` adds the configured keys
    ensure_dir(out_dir)
    history = history_dir(out_dir, stem)
    markdown, prov_path, docx = (out_dir / f"{stem}{ext}" for ext in (".md", ".provenance.json", ".docx"))
    with output_lock(out_dir, stem):
        recover(out_dir, stem, (markdown, prov_path, docx))
        clean_leftovers(history)
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
        return history_dir(self.out_dir, self.stem)

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
        version = next_version(ensure_dir(self.history))
        edited_version = self.stage_edited_copy(version)
        version += edited_version is not None
        md_text = redact(
            render_markdown(self.result.draft, self.report, unchecked_mark=not gate.ok), self.secrets
        )
        forced = exporting and not gate.ok
        same = None if edited_version is not None else unchanged_version(self.history, md_text, forced=forced)
        if same is not None:  # nothing changed: this run is that version again, not a new one
            version = same
        self.files.add_text(self.path(".md"), md_text)
        if same is None:
            self.files.add_text(self.in_history(version, ".md"), md_text)
        docx_sha, export_error = self.stage_docx(forced) if exporting else (None, None)
        provenance = self.provenance(version, md_text, forced, docx_sha, edited_version)
        if export_error is not None:
            provenance.export_error = export_error.message
        text = provenance.to_json(self.secrets)
        if same is None:
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
            unchanged=same is not None,
            edited_saved_as=self.in_history(edited_version, ".md") if edited_version is not None else None,
            kept=merge.kept,
            regenerated=merge.regenerated,
            review=merge.review,
            result=self.result,
        )
        return written, export_error

    def stage_edited_copy(self, version: int) -> int | None:
        """The clerk's edited Markdown as history version `version` (None: nothing was edited)."""
        if self.previous is None or not self.previous.edited:
            return None
        newest = self.in_history(version - 1, ".md")
        if newest.is_file() and newest.read_bytes() == self.previous.raw:
            return None  # already kept (the TUI saves each edit as a version)
        self.files.add_bytes(self.in_history(version, ".md"), self.previous.raw)
        record = Provenance.model_validate(
            {
                "created": now_iso(),
                "backend": HAND_EDIT,
                "files": {
                    "markdown": f"{self.stem}.md",
                    "history": f"{HISTORY_DIR}/{self.stem}/{version:04d}.md",
                },
                "hand_edited": True,
                "based_on": self.previous.version,
            }
        )
        self.files.add_text(self.in_history(version, ".provenance.json"), record.to_json(self.secrets))
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
    ) -> Provenance:
        """The run's record, with the hashes the next run compares (files, section texts)."""
        previous, merge = self.previous, self.merge
        kept = set(merge.kept) if merge is not None else set()
        update: dict[str, object] = dict(
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
            update["hand_edits"] = {
                "saved_as": saved,
                "kept": merge.kept,
                "regenerated": merge.regenerated,
                "review": merge.review,
                "lost": merge.lost,
            }
        return self.result.provenance.model_copy(update=update)
