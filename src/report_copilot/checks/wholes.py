"""Enumerated wholes: names that list every member of a table's whole (公民、法人和其他组织).

A list of all kinds of applicant names the whole (the column 总计); read word by word its last member
(法人和其他组织) would bind the number to that member's subtotal and call a correct total wrong. The
lists are data (`[[wholes]]` of `formats/prose_scope.toml`); `checks.aliases` adds each name as an
alias of the whole's column.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from itertools import product

from report_copilot.model.formats import FormatDefinition

__all__ = ["whole_heads", "whole_names"]


@cache
def _entries() -> tuple[tuple[str, str, dict[str, tuple[str, int]]], ...]:
    """(table, column, {name: (first member, where the rest starts)}) of every `[[wholes]]` entry."""
    raw = resources.files("report_copilot").joinpath("formats", "prose_scope.toml").read_text("utf-8")
    out = []
    for entry in tomllib.loads(raw).get("wholes", []):
        parts: list[list[str]] = entry["parts"]
        joiners: list[str] = entry["joiners"]
        names: dict[str, tuple[str, int]] = {}
        for forms in product(*parts):
            for glue in product(joiners, repeat=len(forms) - 1):
                name = forms[0] + "".join(j + f for j, f in zip(glue, forms[1:], strict=True))
                names[name] = (forms[0], len(forms[0]) + len(glue[0]))
        out.append((entry["table"], entry["column"], names))
    return tuple(out)


@cache
def whole_heads() -> dict[str, tuple[str, int]]:
    """Each whole's name → its first member and the offset where the other members start
    (自然人、法人或其他组织分别为58件、14件 lists the members one by one)."""
    return {name: head for _, _, names in _entries() for name, head in names.items()}


@cache
def whole_names(fmt: FormatDefinition) -> tuple[tuple[str, str, str], ...]:
    """(name, table id, column id) of each enumerated whole the format has the column for."""
    columns = {(t.id, c.id) for t in fmt.tables for b in t.blocks for c in b.columns}
    return tuple(
        (name, table, column)
        for table, column, names in _entries()
        if (table, column) in columns
        for name in names
    )
