"""Drafting again without losing hand edits.

`copilot draft` records, in the provenance, the SHA-256 of the Markdown it wrote and of each
section's text (as generated, and as written). When it runs again and finds the Markdown changed
since, the clerk edited it: the edited file is kept as a history version of its own, and the new
draft is merged section by section —

- a section whose text is as last written is regenerated from the (possibly new) data;
- a section the clerk edited (now or in an earlier run) is kept as edited;
- a kept section whose generated text would now differ (its data changed under the edit) is kept
  too, but listed for review: the number check then shows which of its figures no longer hold.

A previous record without section hashes (older versions) is read from the history file it names.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_copilot.drafting.base import SECTION_NAMES
from report_copilot.model.draft import SECTION_HEADINGS, Block, Draft

__all__ = [
    "Merge",
    "Previous",
    "merge_edits",
    "read_previous",
    "section_name",
    "section_texts",
    "sha256_text",
]

_PROSE = frozenset({"paragraph", "signature"})


def section_name(key: str) -> str:
    """A section key as a clerk reads it in a message."""
    return SECTION_NAMES.get(key) or SECTION_HEADINGS.get(key) or {"signature": "落款"}.get(key, key)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def section_texts(draft: Draft) -> dict[str, str]:
    """The prose of each section (paragraphs and signature, one per line), by section key."""
    out: dict[str, list[str]] = {}
    for block in draft.blocks:
        if block.kind in _PROSE:
            out.setdefault(block.section, []).append(block.text.strip())
    return {key: "\n".join(lines) for key, lines in out.items()}


@dataclass
class Previous:
    """What the last run wrote for a stem, and what is on disk now."""

    markdown: str
    """The Markdown now on disk (bytes that are not UTF-8 replaced, for reading it back)."""
    edited: bool
    """It differs from what the last run wrote (or no record says what that was)."""
    written: dict[str, str] = field(default_factory=dict)
    generated: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    version: int | None = None
    raw: bytes = b""
    """The file's bytes as found: what its history version keeps, whatever its encoding."""


def _history_text(out_dir: Path, files: dict[str, Any]) -> str | None:
    name = files.get("history")
    if not isinstance(name, str) or ".." in Path(name).parts:
        return None
    try:
        return (out_dir / name).read_text(encoding="utf-8")
    except OSError:
        return None


def read_previous(out_dir: Path, stem: str) -> Previous | None:
    """The state left by the last run of `stem` in `out_dir`; None when there is no draft there."""
    md_path = out_dir / f"{stem}.md"
    try:
        raw = md_path.read_bytes()
    except OSError:
        return None
    markdown = raw.decode("utf-8", errors="replace")
    try:
        record = json.loads((out_dir / f"{stem}.provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict):
        return Previous(markdown=markdown, edited=True, raw=raw)
    raw_files = record.get("files")
    files: dict[str, Any] = raw_files if isinstance(raw_files, dict) else {}
    recorded = files.get("markdown_sha256")
    history = _history_text(out_dir, files)
    if isinstance(recorded, str):
        edited = hashlib.sha256(raw).hexdigest() != recorded
    else:
        edited = history is None or history != markdown
    texts = record.get("sections_text")
    if isinstance(texts, dict):
        written = {k: v.get("written", "") for k, v in texts.items() if isinstance(v, dict)}
        generated = {k: v.get("generated", "") for k, v in texts.items() if isinstance(v, dict)}
    elif history is not None:  # an older record: the history file is what was written and generated
        written = {k: sha256_text(v) for k, v in section_texts(Draft.from_markdown(history)).items()}
        generated = dict(written)
    else:
        written, generated = {}, {}
    kept = {k for k in record.get("kept_sections") or [] if isinstance(k, str)}
    version = record.get("version") if isinstance(record.get("version"), int) else None
    return Previous(markdown, edited, written, generated, kept, version, raw)


@dataclass
class Merge:
    """The draft to write, and what happened to each section."""

    draft: Draft
    kept: list[str] = field(default_factory=list)
    regenerated: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    """Edited sections that have no place in the new draft (their text is in the history version)."""


def merge_edits(new: Draft, new_texts: dict[str, str], previous: Previous) -> Merge:
    """Merge the hand-edited Markdown of `previous` into the freshly generated `new` draft.

    `new_texts` are the section texts of `new` as the Markdown will show them (see `section_texts`).
    """
    edited_draft = Draft.from_markdown(previous.markdown)
    edited = section_texts(edited_draft)
    if not previous.written:  # nothing says what was generated: regenerate, the edit is in history
        return Merge(draft=new, regenerated=sorted(new_texts))
    merge = Merge(draft=new)
    hand: set[str] = set()
    for key in dict.fromkeys([*new_texts, *edited]):
        text = edited.get(key, "")
        if key in previous.kept or sha256_text(text) != previous.written.get(key, sha256_text("")):
            hand.add(key)
            if sha256_text(new_texts.get(key, "")) != previous.generated.get(key):
                merge.review.append(key)
        else:
            merge.regenerated.append(key)
    blocks: list[Block] = []
    placed: set[str] = set()
    for block in new.blocks:
        if block.kind in _PROSE and block.section in hand:
            if block.section not in placed:
                placed.add(block.section)
                blocks += [b for b in edited_draft.blocks if b.kind in _PROSE and b.section == block.section]
            continue
        blocks.append(block)
    merge.kept = [k for k in hand if k in placed]
    merge.lost = [k for k in hand if k not in placed and edited.get(k)]
    merge.review = [k for k in merge.review if k in placed]
    merge.draft = new.model_copy(update={"blocks": blocks})
    return merge
