"""A table region → runs: label text, then the cells that follow it.

Tokenising is where a published cell is told apart from prose: numbers (with 元/万元), blank cells
(`∅`), not-applicable marks ("/", "—", "无"), junk between cells, and the two dialects of `|`
cell borders that web crawls print (see `read_runs`). Numbers in prose or ordinals stay text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

from report_copilot.inputs.published.markdown_columns import drop_label_borders
from report_copilot.inputs.published.model import BLANK_MARK, MARGIN_CHARS, NA_MARK
from report_copilot.inputs.published.normalize import CJK, nfkc
from report_copilot.inputs.published.spacing import Spacing


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell as printed. Frozen: the cells of one plain number are one object (`read_runs`)."""

    raw: str
    value: int | Decimal | None
    unit: str | None = None
    status: Literal["ok", "blank", "na", "junk"] = "ok"


@dataclass
class Run:
    """Text since the previous cells (a row's label, perhaps with headers), then the cells after it.

    `delimited`: the cells were separated by explicit cell borders (`|`), so each is certain and a
    number is never split into several cells.
    """

    label: str
    cells: list[Cell] = field(default_factory=list)
    delimited: bool = False
    plain: bool = field(default=True, compare=False, repr=False)
    """Every cell a plain count as printed (ASCII digits, no unit: a `nums` token), so a row of
    them is taken without the general case (`tables`); False as soon as any other cell is added."""
    touching: bool = field(default=False, compare=False, repr=False)
    """Two of its numbers printed with nothing between them ("0+11"): its cells may be glued."""
    apart: bool = field(default=False, compare=False, repr=False)
    """Its first number stands apart from the label the way the region sets its cells apart (see
    `spacing.Spacing`): a run of digits there is one figure, never cells glued."""
    stacked: bool = field(default=False, compare=False, repr=False)
    """`apart`, in a region printed one cell a line: its figures follow the drawing order, and a
    figure of the row before may stand among them (`stacked_rows`)."""


_MEASURE = "件条个次人项篇家份期场名户万亿千百%％‰年月日号天岁倍批台套所起例"
_NUMBER = r"(?>[-−+＋]?\d+(?:,\d{3})*(?:\.\d+)?)"
_CJK = r"[\u3400-\u9fff]"
_MARGIN_PIECE = rf"[{_MEASURE}](?:\S{{0,5}}[ \t]{{2,}}\S|{_CJK}{{0,{MARGIN_CHARS - 1}}}[ \t]*(?:[\r\n]|\Z))"
"""A margin piece of a group label opening a line: up to six characters, then a layout gap and more
on the line (the row's label or figures), or up to three characters alone on the line, as the
layout reader counts margin characters (年度办; "2019" / "年度报告" is prose)."""
_PROSE_AFTER = (
    r"(?=[.、](?![ \t]{2})\D"  # an ordinal mark ("1."), not a margin label's "、" before a layout gap
    # A measure word on its line ("12件"), but not one standing before a layout gap: that is a
    # margin label's character (三、本年度办理结果 printed down the margin) on a row flattened to one line.
    r"|[ \t]*[" + _MEASURE + r"](?![ \t]{2})"
    # A measure word starting the next line, with more on that line; not one opening a margin
    # piece: PDF and OFD layouts print a group label that spans rows (三、本年度办理结果) down the
    # margin, a few characters a line, alone or before a layout gap and a row's label or figures.
    r"|[ \t]*[\r\n]\s*(?!" + _MARGIN_PIECE + r")[" + _MEASURE + r"][^\n]*?\S)"
)
_WORD = r"[^\s\d|｜¦" + BLANK_MARK + r"]"
_PIECE = (
    r"(?!(?:" + NA_MARK + r")(?![^\s|｜¦])|[-−+＋]\d)"
    r"(?:[0-9]++[.、](?![ \t]{2})(?=\D)" + _WORD + r"*+|" + _WORD + r"++)"
)
"""A word that the exact alternatives below would read as text: one `text` token (not a "/" or "无"
standing alone, not a signed number), or an ordinal ("1.", prose by `_PROSE_AFTER`) and the text
token after it ("1.属于国家秘密")."""
_TOKEN = re.compile(
    r"(?P<ws>\s*)(?:"
    # Two shortcuts for what most of a region is, each worth many tokens: plain numbers apart
    # (a row's cells) and two or more words (a label, with the row ordinals in it). Each matches
    # only where the exact alternatives would read the same, one token after another: every number
    # is followed by a space and by no unit or measure word (`_PROSE_AFTER`); no word is a mark or
    # a signed number (tests/review/test_cell_tokens.py compares both on crafted and real forms).
    r"(?P<nums>[0-9]++(?:\s++[0-9]++)*)(?=\s+(?:[0-9]|[^\s\d元" + _MEASURE + r"])|\s*\Z)"
    r"|(?P<words>(?:\s*+" + _PIECE + r"){2,})"
    r"|(?P<sep>[|｜¦])"
    r"|(?P<blank>" + BLANK_MARK + r")"
    r"|(?P<na>(?<![^\s|｜¦])(?:" + NA_MARK + r")(?![^\s|｜¦]))"
    r"|(?:(?<=" + _CJK + r")(?P<after_cjk>))?(?P<num>" + _NUMBER + r")"
    r"(?:(?P<unit>\s*(?:万元|元))|(?P<prose>" + _PROSE_AFTER + r")|(?P<before_cjk>(?=" + _CJK + r")))?"
    r"|(?P<text>[^\s\d|｜¦" + BLANK_MARK + r"]+)"
    r"|(?P<end>\Z))"
)
"""Tokens, each with the whitespace before it: cell borders (`|` as web crawls and Markdown print
them), a blank value cell (`∅`, written by the structured readers), a not-applicable mark ("/",
"—", "-", "无" standing alone), numbers, text, and the end of the text.

What follows a number is read by the same pattern (the last group that matched names it): 元/万元
(`unit`: always a cell); an ordinal mark (1.) or a measure word (件, 年 …) on its line or starting
the next line (`prose`: the number is text); CJK text (`before_cjk`: the number is text when CJK
text is glued before it too, as in "第2项", "办发〔2019〕38号")."""

Token = tuple[str, str, str | None, str]
"""(kind, text, unit, whitespace before): kind is sep, blank, na, num or text; or nums (plain
numbers apart, as printed) or words (words joined, their spaces dropped), each standing for the
run of num or text tokens it holds."""


_MISDECODED_SPACE = re.compile(r"(?m)(?:^|(?<=[|｜¦]))([ \t]*)[?\ufffd](?=[ \t]*\d)")
_ORDINAL_MARK = re.compile(r"[.、](?=\D)")


def _tokens(text: str) -> tuple[list[Token], str]:
    """The tokens of a region (numbers in prose or ordinals are text), and the whitespace after the last."""
    return _token_list(_TOKEN.finditer(_tokenisable(text)))


def _tokenisable(text: str) -> str:
    text = nfkc(text).replace("−", "-")
    # A no-break space decoded in the wrong charset shows as "?" before a number ("? 0").
    if "?" in text or "\ufffd" in text:
        text = _MISDECODED_SPACE.sub(r"\1 ", text)
    return text


def _token_list(matches: Iterable[re.Match[str]]) -> tuple[list[Token], str]:
    """The tokens of `_TOKEN`'s matches over a region, and the whitespace after the last."""
    out: list[Token] = []
    for m in matches:
        kind = m.lastgroup or "text"  # every alternative ends with a named group
        if kind == "nums":
            out.append((kind, m.group(kind), None, m.group(1)))
        elif kind == "words":
            out.append((kind, "".join(m.group(kind).split()), None, m.group(1)))
        elif kind == "num":
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
    return out, ""  # not reached: the end of the text always matches


def _parse_number(raw: str) -> int | Decimal | None:
    clean = raw.replace(",", "")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() and "." not in clean else value


_ORDINAL_AFTER_DIGITS = re.compile(r"(?<=\d)([1-9][.、．])(?=[\u3400-\u9fff])")
_LABEL_THEN_DIGITS = re.compile(r"(?<=[\u3400-\u9fff”」’])(?=\d)")
_YEAR_AFTER_DIGITS = re.compile(r"(?<=\d)(?=(?:19|20)\d{2}\s*年)")
_NOTE_AFTER_NUMBER = re.compile(
    r"(?<=\d)\s*[（(](?![一二三四五六七八九十]{1,3}[）)])[^（()）\n|｜]{2,40}[）)]"
)
_DIGITS_THEN_LABEL = re.compile(r"(?<=\d)(?=[\u3400-\u9fff])(?![" + _MEASURE + r"万元])")
_MAYBE_GLUED = re.compile(
    r"\d(?:"  # every one of the five is about a digit: the engine skips quickly to the next one
    r"(?<=[^\x00-\x7f]\d)"  # _LABEL_THEN_DIGITS
    r"|\s*[（(](?![一二三四五六七八九十]{1,3}[）)])[^（()）\n|｜]{2,40}[）)]"  # _NOTE_AFTER_NUMBER
    r"|[1-9][.、．](?=[^\x00-\x7f])"  # _ORDINAL_AFTER_DIGITS
    r"|(?:19|20)\d{2}\s*年"  # _YEAR_AFTER_DIGITS
    r"|(?=[^\x00-\x7f])(?![" + _MEASURE + r"万元]))"  # _DIGITS_THEN_LABEL
)
"""Where one of the five patterns above might match, found in one scan from the digit each needs:
text with none is left as it is. A necessary condition only (any non-ASCII character stands for
the CJK ones, a class the regex compiler builds in a fraction of the time)."""


UNLABELED_ROW = "〔无行名〕"
"""Put before a Markdown table row that starts with a number: its label was printed elsewhere."""
_MD_SEPARATOR = re.compile(r"(?m)^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$")
_MD_UNLABELED = re.compile(r"(?m)^([ \t]*)\|(?=[ \t]*[-+]?\d[\d,.]*[ \t]*(?:万元|元)?[ \t]*\|)")


def markdown_rows(text: str) -> str:
    """Markdown tables (PDF and OCR converters): empty cells of label columns dropped
    (`drop_label_borders`), then separator rows (`|---|---|`), and a row whose first cell is a
    number marked as having no label, so that it stays a row of its own.

    Converters lose a merged label column and print the label lines apart from the numbers
    (`5.属于三类内部事务信\n息` … `| 1 | 0 | … | 1 |`); `tables` places such rows by table order.
    """
    if "|" not in text:
        return text
    text = _MD_SEPARATOR.sub("", drop_label_borders(text))
    return _MD_UNLABELED.sub(r"\1" + UNLABELED_ROW + "|", text)


def unglue(text: str) -> str:
    """A table whose borders and spaces were lost, with its cells set apart again.

    Crawls that flatten a table glue a row's digits to its label and to the next row's ordinal
    (`…属于国家秘密00000002.其他法律…`). Official row ordinals within a group are single digits
    (1.–8.), so the digit before "N." + label is the ordinal; a label and a digit run touching each
    other are set apart. The runs themselves stay whole: `identities` splits them only when one
    split fits. A number followed by a measure word (12件, 2020年) is prose and left alone, but a
    paragraph glued to the last row (`…0002025年，…`) starts at its year. A note printed inside a
    cell after its number (`160（含申请人主动撤回157件）`) is not a cell.
    """
    text = markdown_rows(text)
    if _MAYBE_GLUED.search(text) is None:
        return text  # none of the steps below would change it (most regions printed with spaces)
    # Each of these three needs a character most regions lack: tested first, as it is cheap.
    if "(" in text or "（" in text:
        text = _NOTE_AFTER_NUMBER.sub(" ", text)
    if "、" in text or "." in text or "．" in text:
        text = _ORDINAL_AFTER_DIGITS.sub(r" \1", text)
    if "年" in text:
        text = _YEAR_AFTER_DIGITS.sub(" ", text)
    text = _LABEL_THEN_DIGITS.sub(" ", text)
    return _DIGITS_THEN_LABEL.sub(" ", text)


def read_runs(text: str) -> list[Run]:
    """Group a table region into runs of label text and the cells that follow it.

    Cell borders (`|`) come in two dialects. Crawls that print each cell as "text |" mark an empty
    cell by a border standing apart ("0 |\n|\n0 |") and pad a short row to the table's width with
    borders run together ("0 | ||"): padding, not cells, as it says nothing of which column is
    empty. Compact tables ("|0||0|") have borders glued to their text, and there "||" is an empty
    cell. Empty cells around a row's values are trimmed later with the padding (see `_window`).
    """
    compact = _compact_bars(text)
    plain = _PLAIN_CELLS
    matches = _TOKEN.finditer(_tokenisable(unglue(text)))
    seen: list[re.Match[str]] = []
    spacing = Spacing(text)
    shortcut = _shortcut_runs(matches, plain, seen, spacing)
    if shortcut is not None:
        return shortcut
    toks, tail = _token_list(itertools.chain(seen, matches))
    runs: list[Run] = [Run("")]
    kinds = [_NEIGHBOUR_KIND.get(t[0], t[0]) for t in toks]
    kinds.append("")  # the kind before the first token and after the last: kinds[-1]
    for n, (kind, raw, unit, space) in enumerate(toks):
        current = runs[-1]
        if not current.cells and kind in {"nums", "num", "na"} and current.label:
            spacing.mark(current, space)
        if kind == "nums":
            current.cells += map(plain.__getitem__, raw.split())
        elif kind == "words":
            _append_text(runs, raw)  # two or more text tokens: only a lone one can be a junk cell
        elif kind == "num":
            value = int(raw) if raw.isdecimal() and len(raw) < 19 else _parse_number(raw)
            current.cells.append(Cell(raw, value, unit))
            current.plain = False
            current.touching = current.touching or (not space and kinds[n - 1] == "num")
        elif kind == "text":
            if (
                current.cells
                and kinds[n + 1] in {"num", "blank", "na"}
                and len(raw) <= 4
                and not CJK.search(raw)
            ):
                current.cells.append(Cell(raw, None, status="junk"))  # between cells
                current.plain = False
            else:
                _append_text(runs, raw)
        elif kind == "sep":
            glued = n > 0 and not space and kinds[n - 1] == "sep"
            if kinds[n - 1] == "sep" and current.label and (compact or not glued):
                current.cells.append(Cell("", None, status="blank"))
                current.plain = False
            if current.label or current.cells:
                current.delimited = True
        else:  # blank, na
            if _near_cell(toks, kinds, tail, n):
                status: Literal["blank", "na"] = "blank" if raw == BLANK_MARK else "na"
                current.cells.append(Cell(raw, None, status=status))
                current.plain = False
            else:
                _append_text(runs, raw)
    return [r for r in runs if r.label or r.cells]


def _compact_bars(text: str) -> bool:
    """Cell borders glued to their text ("|0||0|"), where "||" is an empty cell (see `read_runs`)."""
    bars = "|" in text or "｜" in text or "¦" in text
    return bars and len(re.findall(r"[^\s|｜¦]\s?[|｜¦][^\s|｜¦]", text)) > len(re.findall(r"\s[|｜¦]", text))


def _near_cell(toks: list[Token], kinds: list[str], tail: str, n: int) -> bool:
    """A blank or not-applicable mark (token n) is a cell: `∅`, or next to a cell or a border, and
    not a character of a margin label."""
    kind, raw = toks[n][0], toks[n][1]
    return (
        raw == BLANK_MARK
        or kinds[n - 1] in {"num", "blank", "na", "sep"}
        or kinds[n + 1] in {"num", "blank", "na", "sep"}
    ) and not (kind == "na" and _margin_character(toks, tail, n))


def _shortcut_runs(
    matches: Iterator[re.Match[str]], plain: _PlainCells, seen: list[re.Match[str]], spacing: Spacing
) -> list[Run] | None:
    """The runs of a region whose tokens are all shortcuts (a label's words, a row's plain numbers),
    as most regions are: no token's neighbours matter then, so runs are made from the matches as
    they come. None at the first other token, with every match read so far in `seen`."""
    runs = [Run("")]
    for m in matches:
        seen.append(m)
        kind = m.lastgroup
        if kind == "nums":
            last = runs[-1]
            if not last.cells and last.label:
                spacing.mark(last, m.group(1))
            last.cells += map(plain.__getitem__, m.group(kind).split())
        elif kind == "words":
            words, last = "".join(m.group(kind).split()), runs[-1]
            if last.cells:  # `_append_text`, inline: a region holds dozens
                runs.append(Run(words))
            else:
                last.label += words
        elif kind == "end":
            return [r for r in runs if r.label or r.cells]
        else:
            return None
    return None  # not reached: the end of the text always matches


class _PlainCells(dict[str, Cell]):
    """The cell of each plain number (ASCII digits), made the first time it is met.

    One table kept for every region read (a Cell is frozen, so one object serves every occurrence):
    a pure function of a single figure's digits ("0", "12"), which repeat in every report, bounded."""

    def __missing__(self, raw: str) -> Cell:
        if len(self) >= _PLAIN_CELLS_KEPT:
            self.clear()
        cell = self[raw] = Cell(raw, int(raw) if len(raw) < 19 else _parse_number(raw))
        return cell


_PLAIN_CELLS_KEPT = 10_000
_PLAIN_CELLS = _PlainCells()


_NEIGHBOUR_KIND = {"nums": "num", "words": "text"}
"""The kind a token's neighbours see: a run of numbers is a number, words are text."""


def _space_before_last(tok: Token) -> str:
    """The whitespace before a token's last number (a `nums` token holds several)."""
    kind, raw, _, space = tok
    if kind != "nums":
        return space
    head = raw.rstrip("0123456789")
    return head[len(head.rstrip()) :] or space


def _alone_on_line(toks: list[Token], tail: str, n: int) -> bool:
    """Token n has a line to itself: a line break (or the text's start / end) on either side."""
    space = _space_before_last(toks[n])
    before = "\n" in space or (n == 0 and not space)
    after_space = toks[n + 1][3] if n + 1 < len(toks) else tail
    after = "\n" in after_space or (n + 1 == len(toks) and not after_space)
    return before and after


def _margin_character(toks: list[Token], tail: str, n: int) -> bool:
    """A "无" alone on its line after a row printed on one line: a character of a group label
    (（四）无法提供) printed down the margin of a PDF table, not a cell. Where every cell stands on
    a line of its own (one cell a line), a lone "无" is a cell like the others."""
    if n == 0 or not _alone_on_line(toks, tail, n):
        return False
    before = toks[n - 1][0]
    return before in {"num", "nums", "blank", "na"} and not _alone_on_line(toks, tail, n - 1)


def _append_text(runs: list[Run], text: str) -> None:
    if runs[-1].cells:
        runs.append(Run(text))
    else:
        runs[-1].label += text
