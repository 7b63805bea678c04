"""Row labels `pdftotext -layout` prints around their figures: a label wrapped in a narrow cell
whose figures stand vertically centred, its first half above the figures' line and its rest below.

    一、本年新收政府
                               33     0     0       0     0   0    33
    信息公开申请数量

Read line by line, the row's label would be its first half, and its rest would open the next row's
label. The rest is moved up, each piece to the label column it stands in (a group label printed
beside the row's own: "三、本年度办理结 （一）予以公" over "果      开"), so that the row reads
"三、本年度办理结果 （一）予以公开" and then its figures. Only where a line of figures alone stands
between a label line above and one below, the one below not itself over a line of figures.
"""

from __future__ import annotations

import re

__all__ = ["LAYOUT_CELL", "centred_labels"]

LAYOUT_CELL = r"(?:\d[\d,]*(?:\.\d+)?(?:万元|元)?|[-—–/／－]{1,3})"
"""A cell as a text layer prints it: a figure (an amount with its unit) or a not-applicable mark."""
_FIGURES_ONLY = re.compile(r"[^\S\n]*[ \t]{2}" + LAYOUT_CELL + r"(?:[ \t]+" + LAYOUT_CELL + r")+[ \t]*")
"""A line of figures alone, after a layout gap (a form feed may open it: a page break)."""
_LABEL_END = re.compile(r"[\u3400-\u9fff）)”」]")
"""How a line of label text ends: with a character, not a figure."""
_SEGMENT = re.compile(r"\S+")
"""A piece of a label line (CJK labels hold no space: a space sets two label columns apart)."""


def centred_labels(text: str) -> str:
    """The region with each label's rest moved up beside its first half (see the module)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    for i in range(1, len(lines) - 1):
        if not _FIGURES_ONLY.fullmatch(lines[i]) or not _label(lines[i - 1]) or not _label(lines[i + 1]):
            continue
        if i + 2 < len(lines) and _FIGURES_ONLY.fullmatch(lines[i + 2]):
            continue  # the line below is the next row's first half
        lines[i - 1] = _joined(lines[i - 1], lines[i + 1])
        lines[i + 1] = ""
    return "\n".join(lines)


def _label(line: str) -> bool:
    text = line.strip()
    return bool(text) and _LABEL_END.fullmatch(text[-1]) is not None


def _joined(above: str, below: str) -> str:
    """`above` with each piece of `below` appended to the piece of `above` nearest its start."""
    starts = [m.start() for m in _SEGMENT.finditer(above)]
    pieces = [m.group() for m in _SEGMENT.finditer(above)]
    for m in _SEGMENT.finditer(below):
        nearest = min(range(len(starts)), key=lambda k: abs(starts[k] - m.start()))
        pieces[nearest] += m.group()
    out = ""
    for start, piece in zip(starts, pieces, strict=True):
        out = (out.ljust(start) if len(out) + 2 <= start else out + "  ") + piece
    return out
