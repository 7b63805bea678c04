"""A drafted report: an ordered list of blocks (title, headings, paragraphs, tables, signature).

Prose lives in paragraphs; tables are only *placeholders* naming a table id, because tables are
always rendered from data, never written by a model or a person. The same structure is read back
from Markdown (`Draft.from_markdown`), so a hand-edited draft can be checked and exported again.

Markdown conventions (written by `render.markdown`, read here):
- `# title`; `## 一、…` section headings (level 1); `### （一）…` sub-headings (level 2);
- one paragraph per line, blank line between paragraphs (diffs stay clean);
- a table is an HTML block `<table data-table="requests"> … </table>` (merged headers need HTML);
- the closing signature is a paragraph block starting with `<!-- signature -->`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field

BlockKind = Literal["title", "heading", "paragraph", "table", "signature"]

SECTION_HEADINGS: dict[str, str] = {
    "overview": "一、总体情况",
    "active": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}
"""The six fixed section headings (format.md §2), by section key."""

OVERVIEW_SUBSECTIONS: dict[str, str] = {
    "overview.active_disclosure": "（一）主动公开",
    "overview.on_request": "（二）依申请公开",
    "overview.information_management": "（三）政府信息管理",
    "overview.platforms": "（四）政府信息公开平台建设",
    "overview.oversight": "（五）监督保障",
}
"""The five sub-areas of 一、总体情况 in the 2021 format."""

SIGNATURE_MARK = "<!-- signature -->"
_TABLE_OPEN = re.compile(r'^<table\b[^>]*data-table="([a-z_]+)"')


class Block(BaseModel):
    kind: BlockKind
    text: str = Field("", description="the prose, heading text, or the table id for a table block")
    level: int = Field(0, description="heading level: 1 for 一、…, 2 for （一）…")
    section: str = Field("preface", description="section key: preface, overview, overview.<sub>, active, …")


PackedDraft = tuple[int, str, list[tuple[str, str, int, str]]]
"""`Draft.packed()`: schema version, title, and (kind, text, level, section) of each block."""


class Draft(BaseModel):
    """A whole report as text blocks, in reading order."""

    schema_version: int = 1
    title: str
    blocks: list[Block] = Field(default_factory=list)

    def paragraphs(self) -> Iterator[tuple[int, Block]]:
        """(index, block) of every prose block: the text the number checker reads."""
        for i, block in enumerate(self.blocks):
            if block.kind in {"paragraph", "heading", "signature"}:
                yield i, block

    def section_blocks(self, section: str) -> list[Block]:
        """Blocks of a section and its sub-sections."""
        return [b for b in self.blocks if b.section == section or b.section.startswith(section + ".")]

    def table_ids(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "table"]

    def packed(self) -> PackedDraft:
        """The draft as plain tuples: pickled and read back in a fraction of the time its models take
        (the folder audit parks every report's draft on disk between its two passes)."""
        return self.schema_version, self.title, [(b.kind, b.text, b.level, b.section) for b in self.blocks]

    @classmethod
    def unpacked(cls, packed: PackedDraft) -> Draft:
        """The draft `packed` was made from (validated again, as any draft read back)."""
        version, title, blocks = packed
        return cls.model_validate(
            {
                "schema_version": version,
                "title": title,
                "blocks": [{"kind": k, "text": t, "level": lv, "section": s} for k, t, lv, s in blocks],
            }
        )

    @classmethod
    def from_markdown(cls, text: str) -> Draft:
        """Read back a Markdown draft (possibly hand-edited); table bodies are dropped (re-rendered from data)."""
        title = ""
        blocks: list[Block] = []
        section = "preface"
        lines = text.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i].strip()
            i += 1
            if not line:
                continue
            if line.startswith("# ") and not title:
                title = line[2:].strip()
                blocks.append(Block(kind="title", text=title, section="preface"))
            elif line.startswith("## "):
                heading = line[3:].strip()
                section = next(
                    (k for k, v in SECTION_HEADINGS.items() if heading == v), _guess_section(heading, section)
                )
                blocks.append(Block(kind="heading", text=heading, level=1, section=section))
            elif line.startswith("### "):
                heading = line[4:].strip()
                top = section.split(".")[0]
                sub = next((k for k, v in OVERVIEW_SUBSECTIONS.items() if heading.startswith(v)), None)
                section = sub if (sub and top == "overview") else top
                blocks.append(Block(kind="heading", text=heading, level=2, section=section))
            elif m := _TABLE_OPEN.match(line):
                while i < len(lines) and "</table>" not in lines[i - 1]:
                    i += 1
                blocks.append(Block(kind="table", text=m.group(1), section=section))
            elif line.startswith(SIGNATURE_MARK):
                sig = line.removeprefix(SIGNATURE_MARK).strip()
                blocks.append(Block(kind="signature", text=sig, section="signature"))
            elif line.startswith("<!--"):
                continue
            else:
                blocks.append(Block(kind="paragraph", text=line, section=section))
        return cls(title=title, blocks=blocks)


def _guess_section(heading: str, current: str) -> str:
    """Heading variants seen in real reports (format.md §2) map to the section with the same number."""
    numerals = "一二三四五六"
    if heading[:1] in numerals and heading[1:2] == "、":
        return list(SECTION_HEADINGS)[numerals.index(heading[0])]
    return current
