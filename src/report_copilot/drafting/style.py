"""The drafter's wording data (formats/style_openers.toml): openers, leads, placeholders, figures.

The choice among several openers is stable per agency (CRC-32 of its name and the section), so a
draft is reproducible and two agencies' drafts do not open with the same sentence.
"""

from __future__ import annotations

import tomllib
import zlib
from functools import cache
from importlib import resources
from typing import Any

from report_copilot.errors import FormatDefinitionError
from report_copilot.model.report import ReportBase

PLACEHOLDER = "【待补充：{what}】"


@cache
def style_data() -> dict[str, Any]:
    path = resources.files("report_copilot").joinpath("formats", "style_openers.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FormatDefinitionError(
            f"无法读取内置措辞数据 style_openers.toml：{exc}", location="style_openers.toml"
        ) from exc


class Style:
    """Wording for one report: openers and leads filled with its short name, year and portal."""

    def __init__(self, report: ReportBase, short: str) -> None:
        self.agency = report.meta.agency
        self.fields = {
            "short": short,
            "year": str(report.meta.year),
            "next": str(report.meta.year + 1),
            "portal": report.meta.portal or "",
        }

    def pick(self, kind: str, key: str, avoid: tuple[str, ...] = ()) -> str:
        """One of the options for `kind` (openers/leads) and `key`, stable per agency; options that
        start like any text in `avoid` are skipped (no 针对…针对…)."""
        options: list[str] = list(style_data()[kind][key])
        start = zlib.crc32(f"{self.agency}|{key}".encode()) % len(options)
        ordered = options[start:] + options[:start]
        heads = {a[:2] for a in avoid if a}
        chosen = next((o for o in ordered if o.format(**self.fields)[:2] not in heads), ordered[0])
        return chosen.format(**self.fields)

    def placeholder(self, key: str) -> str:
        return PLACEHOLDER.format(what=style_data()["placeholders"][key])

    def figure(self, column: str, first: bool, row: str, n: str) -> str | None:
        """A table-二 figure as prose (作出行政许可决定2134件); None for a column with no wording."""
        forms = style_data()["figures"].get(column)
        if not forms:
            return None
        return str(forms[0 if first else 1]).format(row=row, n=n)
