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
            written, export_error = _stage(
                result,
                report,
                files,
                out_dir,
                stem,
                history,
                previous,
                merge,
                secrets,
                force=force,
                export=export,
                overwrite=overwrite,
            )
            files.commit()
    if export_error is not None:
        raise export_error
    return written


def _stage(
    result: DraftResult,
    report: ReportBase,
    files: FileSet,
    out_dir: Path,
    stem: str,
    history: Path,
    previous: Previous | None,
    merge: Merge | None,
    secrets: list[str],
    *,
    force: bool,
    export: bool,
    overwrite: bool,
) -> tuple[DraftWritten, CopilotError | None]:
    """Write every temp of one run into `files` (nothing is in place until the caller commits)."""
    from report_copilot.provenance import now_iso
    from report_copilot.render.markdown import render_markdown
    from report_copilot.service.export import audited_docx, refuse_foreign, sha256_file

    markdown, prov_path, docx = (out_dir / f"{stem}{ext}" for ext in (".md", ".provenance.json", ".docx"))
    gate = result.gate
    exporting = export and (gate.ok or force)
    if exporting:
        refuse_foreign(docx, stem, overwrite)
        check_target(docx)  # before the Word file is built: a locked target fails fast
    ensure_dir(history)
    version = _next_version(history)
    edited_version: int | None = None
    if previous is not None and previous.edited:
        edited_version = version
        files.add_bytes(history / f"{version:04d}.md", previous.raw)
        record = {
            "created": now_iso(),
            "backend": "手工修改",
            "hand_edited": True,
            "based_on": previous.version,
            "files": {"markdown": markdown.name, "history": f"{HISTORY_DIR}/{stem}/{version:04d}.md"},
        }
        files.add_text(history / f"{version:04d}.provenance.json", _json_text(record))
        version += 1
    forced = exporting and not gate.ok
    md_text = scrub(render_markdown(result.draft, report, unchecked_mark=not gate.ok), secrets)
    files.add_text(markdown, md_text)
    files.add_text(history / f"{version:04d}.md", md_text)
    exports: dict[str, Path] = {}
    export_error: CopilotError | None = None
    provenance = dict(result.provenance)
    docx_sha: dict[str, str | None] = {}
    if exporting:
        try:
            tmp = audited_docx(result.draft, report, docx, None, forced)
        except CopilotError as exc:  # the Word audit failed: keep the Markdown, record, re-raise later
            provenance["export_error"] = exc.message
            export_error = exc
        else:
            files.add_file(tmp, docx)
            exports["docx"] = docx
            docx_sha["docx_sha256"] = sha256_file(tmp)
    generated = section_texts(Draft.from_markdown(md_text))
    kept = set(merge.kept) if merge is not None else set()
    provenance.update(
        forced=forced,
        version=version,
        kept_sections=sorted(kept),
        sections_text={
            key: {
                "written": sha256_text(text),
                "generated": (
                    previous.generated.get(key, "") if previous and key in kept else sha256_text(text)
                ),
            }
            for key, text in generated.items()
        },
        files={
            "markdown": markdown.name,
            "markdown_sha256": sha256_text(md_text),
            "history": f"{HISTORY_DIR}/{stem}/{version:04d}.md",
            **{fmt: path.name for fmt, path in exports.items()},
            **docx_sha,
        },
    )
    if merge is not None:
        provenance["hand_edits"] = {
            "saved_as": f"{HISTORY_DIR}/{stem}/{edited_version:04d}.md" if edited_version else None,
            "kept": merge.kept,
            "regenerated": merge.regenerated,
            "review": merge.review,
            "lost": merge.lost,
        }
    text = _json_text(scrub(provenance, secrets))
    files.add_text(history / f"{version:04d}.provenance.json", text)
    files.add_text(prov_path, text)
    written = DraftWritten(
        markdown=markdown,
        provenance=prov_path,
        history_markdown=history / f"{version:04d}.md",
        history_provenance=history / f"{version:04d}.provenance.json",
        version=version,
        exports=exports,
        exported=bool(exports),
        forced=forced and bool(exports),
        edited_saved_as=history / f"{edited_version:04d}.md" if edited_version is not None else None,
        kept=merge.kept if merge else [],
        regenerated=merge.regenerated if merge else [],
        review=merge.review if merge else [],
        result=result,
    )
    return written, export_error
