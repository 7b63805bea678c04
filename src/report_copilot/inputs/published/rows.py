"""One table row as a line of text: label cells, then value cells, an empty value cell as `∅`.

Shared by every structured reader (web page, Word file, spreadsheet) so that one parser reads them all.
"""

from __future__ import annotations

import re

from report_copilot.inputs.published.model import BLANK_MARK

_NA_CELL = re.compile(r"^(?:[-—–/／－─]+|无|不适用)$")
_NUMERIC_CELL = re.compile(r"^[-−]?[\d,，.]+\s*(?:万元|元)?$|^(?:[-—–/／－─]+|无|不适用)$")


def row_line(cells: list[str]) -> str:
    """One table row as a line: label cells, then value cells (an empty value cell → `∅`)."""
    texts = [re.sub(r"\s+", " ", c or "").strip() for c in cells]
    last_label = -1
    for i, text in enumerate(texts):
        if text and not _NUMERIC_CELL.match(text):
            last_label = i
    out = [t for t in texts[: last_label + 1] if t]
    out += [t or BLANK_MARK for t in texts[last_label + 1 :]]
    if all(t == BLANK_MARK for t in out):
        return ""
    values = texts[last_label + 1 :]
    if len(values) == 1 and _NA_CELL.match(values[0]):
        # "行政许可 —": a mark alone is a cell only beside another cell; the border says it is one.
        out.append("|")
    return " ".join(out)
