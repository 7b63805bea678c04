"""The cell tokeniser as it was before its shortcuts (one token per number or word): the reference
that `cells.read_runs` must agree with on every text (see test_cell_tokens.py).

Kept verbatim in its logic (`unglue` too, which `cells` skips where it would change nothing); only
the shared pieces (patterns of numbers and marks, the cell types) come from `cells`, so that a
change there is a change to both.
"""

from __future__ import annotations

import re
from typing import Literal

from report_copilot.inputs.published import cells as c
from report_copilot.inputs.published.cells import Cell, Run
from report_copilot.inputs.published.model import BLANK_MARK, NA_MARK
from report_copilot.inputs.published.normalize import CJK, nfkc

_TOKEN = re.compile(
    r"(?P<ws>\s*)(?:"
    r"(?P<sep>[|｜¦])"
    r"|(?P<blank>" + BLANK_MARK + r")"
    r"|(?P<na>(?<![^\s|｜¦])(?:" + NA_MARK + r")(?![^\s|｜¦]))"
    r"|(?:(?<=" + c._CJK + r")(?P<after_cjk>))?(?P<num>" + c._NUMBER + r")"
    r"(?:(?P<unit>\s*(?:万元|元))|(?P<prose>" + c._PROSE_AFTER + r")|(?P<before_cjk>(?=" + c._CJK + r")))?"
    r"|(?P<text>[^\s\d|｜¦" + BLANK_MARK + r"]+)"
    r"|(?P<end>\Z))"
)
Token = tuple[str, str, str | None, str]


def tokens(text: str) -> tuple[list[Token], str]:
    text = nfkc(text).replace("−", "-")
    if "?" in text or "\ufffd" in text:
        text = c._MISDECODED_SPACE.sub(r"\1 ", text)
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "text"
        if kind == "num":
            out.append(("num", m.group(kind).lstrip("+"), None, m.group(1)))
        elif kind == "unit":
            out.append(("num", m.group("num").lstrip("+"), m.group(kind).strip(), m.group(1)))
        elif kind == "prose" or (kind == "before_cjk" and m.group("after_cjk") is not None):
            out.append(("text", m.group("num"), None, m.group(1)))
        elif kind == "before_cjk":
            out.append(("num", m.group("num").lstrip("+"), None, m.group(1)))
        elif kind == "end":
            return out, m.group(1)
        else:
            out.append((kind, m.group(kind), None, m.group(1)))
    return out, ""


def unglue(text: str) -> str:
    text = c.markdown_rows(text)
    if "(" in text or "（" in text:
        text = c._NOTE_AFTER_NUMBER.sub(" ", text)
    if "、" in text or "." in text or "．" in text:
        text = c._ORDINAL_AFTER_DIGITS.sub(r" \1", text)
    if "年" in text:
        text = c._YEAR_AFTER_DIGITS.sub(" ", text)
    text = c._LABEL_THEN_DIGITS.sub(" ", text)
    return c._DIGITS_THEN_LABEL.sub(" ", text)


def read_runs(text: str) -> list[Run]:
    bars = "|" in text or "｜" in text or "¦" in text
    compact = bars and len(re.findall(r"[^\s|｜¦]\s?[|｜¦][^\s|｜¦]", text)) > len(
        re.findall(r"\s[|｜¦]", text)
    )
    toks, tail = tokens(unglue(text))
    runs: list[Run] = [Run("")]
    kinds = [t[0] for t in toks]
    kinds.append("")
    for n, (kind, raw, unit, space) in enumerate(toks):
        current = runs[-1]
        if kind == "num":
            value = int(raw) if raw.isdecimal() and len(raw) < 19 else c._parse_number(raw)
            current.cells.append(Cell(raw, value, unit))
        elif kind == "text":
            if (
                current.cells
                and kinds[n + 1] in {"num", "blank", "na"}
                and len(raw) <= 4
                and not CJK.search(raw)
            ):
                current.cells.append(Cell(raw, None, status="junk"))
            else:
                _append_text(runs, raw)
        elif kind == "sep":
            glued = n > 0 and not space and kinds[n - 1] == "sep"
            if kinds[n - 1] == "sep" and current.label and (compact or not glued):
                current.cells.append(Cell("", None, status="blank"))
            if current.label or current.cells:
                current.delimited = True
        else:
            near_cell = (
                raw == BLANK_MARK
                or kinds[n - 1] in {"num", "blank", "na", "sep"}
                or kinds[n + 1] in {"num", "blank", "na", "sep"}
            ) and not (kind == "na" and _margin_character(toks, tail, n))
            if near_cell:
                status: Literal["blank", "na"] = "blank" if raw == BLANK_MARK else "na"
                current.cells.append(Cell(raw, None, status=status))
            else:
                _append_text(runs, raw)
    return [r for r in runs if r.label or r.cells]


def _alone_on_line(toks: list[Token], tail: str, n: int) -> bool:
    space = toks[n][3]
    before = "\n" in space or (n == 0 and not space)
    after_space = toks[n + 1][3] if n + 1 < len(toks) else tail
    after = "\n" in after_space or (n + 1 == len(toks) and not after_space)
    return before and after


def _margin_character(toks: list[Token], tail: str, n: int) -> bool:
    if n == 0 or not _alone_on_line(toks, tail, n):
        return False
    return toks[n - 1][0] in {"num", "blank", "na"} and not _alone_on_line(toks, tail, n - 1)


def _append_text(runs: list[Run], text: str) -> None:
    if runs[-1].cells:
        runs.append(Run(text))
    else:
        runs[-1].label += text
