"""Which prose rule (format.md §8) a quoted figure falls under: by the kind of reference (year-on-year,
rate, fee, fact), else by the format's mapping of its table, row and column (the `prose_rule` entries
of the format TOML). Split from `checks.binding`, which gives every verdict its rule."""

from __future__ import annotations

from functools import cache, lru_cache

from report_copilot.model.formats import FormatDefinition

__all__ = ["rule_of"]


@cache
def _format_rule(fmt: FormatDefinition, table: str, row: str, col: str) -> str:
    try:
        return fmt.table(table).rule_for(row, col)
    except StopIteration:
        return "P-0"


_KIND_RULES = (("yoy.", "P-12"), ("rate.", "P-5"), ("fee.", "P-10"), ("fact.", "P-0"), ("sum:", "P-0"))


@lru_cache(maxsize=4096)
def rule_of(key: str, fmt: FormatDefinition) -> str:
    """The prose rule of a quoted figure. A pure function of a reference key (a cell id and its
    derived, rate and year-on-year forms, the same in every report of a format) and the format."""
    for prefix, rule in _KIND_RULES:
        if key.startswith(prefix):
            return rule
    parts = key.removeprefix("derived.").split(".")
    if len(parts) < 3:
        return "P-0"
    return _format_rule(fmt, parts[0], ".".join(parts[1:-1]), parts[-1])
