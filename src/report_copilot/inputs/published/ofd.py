"""An OFD file (GB/T 33190-2016, China's fixed-layout e-document) → its text, laid out by position.

Government sites publish annual reports as .ofd beside or instead of PDF. An OFD is a zip of XML
parts: OFD.xml names the document's Document.xml (DocBody/DocRoot), which lists the pages in
reading order (Pages/Page@BaseLoc) and the template pages (CommonData/TemplatePage) a page may draw
under or over its own content; each page's Content.xml holds layers of text objects, each with a
Boundary ("x y w h", mm, y downwards), a font Size, an optional CTM and TextCode children (X/Y
offsets from the Boundary's origin, the baseline at Y, DeltaX the advance from each character to
the next, "g N v" repeating v N times).

Only the text is read (no fonts, no rendering: the maintained OFD libraries pull in PyMuPDF and
OpenCV to draw pages). Each page is printed as `pdftotext -layout` prints a PDF page, so that the
importer's layout reader (`layout_columns`) places a table's figures in their columns: characters
whose glyph boxes overlap vertically by more than half their height are one line; a line's
characters, ordered by x, are gathered into words (a gap wider than half a character, or a space,
ends one) and each word is written at the column its x gives, one column per average character
width of the page (a CJK character is two columns wide on paper, written as one character).
Not read: a CTM's rotation and vertical writing (ReadDirection, DeltaY), glyphs drawn as paths,
annotations (Annots), attachments, and any document of the package after its first.
"""

from __future__ import annotations

import math
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

from report_copilot.errors import InputError
from report_copilot.inputs.limits import check_zip

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["ofd_lines"]

_WORD_GAP = 0.5
"""A gap (in font sizes) between one character's nominal end and the next one's start ends a word."""
_FAR = 100_000.0
"""No coordinate of a page (mm) is this far out: a larger one is a damaged or hostile file."""
_MAX_COLUMN = 2000
"""A line is never wider than this many columns (an A3 page in 6 pt type is about 300)."""
_MIN_TEXT = 50
"""Fewer visible characters than this in the whole file: no text layer (a scanned report)."""


@dataclass
class _Char:
    x: float
    baseline: float
    size: float
    text: str
    advance: float | None = None
    """Measured from DeltaX or the object's width; None when only the nominal width is known."""


class _Malformed(Exception):
    """A part missing or not what the format says it is."""


_UNREADABLE: tuple[type[Exception], ...] = (
    *(_Malformed, zipfile.BadZipFile, zlib.error, LookupError, ValueError, OSError, EOFError),
    *(RuntimeError, NotImplementedError),  # an encrypted entry, an unknown compression method
)
"""What reading a damaged package raises (a missing part is a KeyError, a bad number a ValueError)."""


def ofd_lines(path: Path) -> list[str]:
    """The file's pages in document order, each laid out like `pdftotext -layout`, a blank line
    between pages. A damaged file or one without text is an `InputError` naming the file."""
    from lxml import etree

    check_zip(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        with zipfile.ZipFile(path) as archive:
            pages = [_page_chars(archive, parser, parts) for parts in _pages(archive, parser)]
    except _UNREADABLE + (etree.LxmlError,):
        raise InputError(f"{path} 不是可读取的 OFD 文件（已损坏或不完整）", location=str(path)) from None
    if sum(1 for page in pages for c in page if not c.text.isspace()) < _MIN_TEXT:
        raise InputError(
            f"{path}：OFD 中没有文字层（可能是扫描件），请先做文字识别（OCR）再导入", location=str(path)
        )
    lines: list[str] = []
    for k, chars in enumerate(pages):
        lines += [""] * bool(k) + _laid_out(chars)
    return lines


def _xml(archive: zipfile.ZipFile, parser: etree.XMLParser, name: str) -> etree._Element:
    from lxml import etree

    return etree.fromstring(archive.read(name), parser)


def _resolve(archive: zipfile.ZipFile, base: str, ref: str) -> str:
    """A part named in `base`: relative to base's folder, or to the package root (absolute or not)."""
    ref = ref.strip().replace("\\", "/")
    names = set(archive.namelist())
    candidates = [ref.lstrip("/")] if ref.startswith("/") else []
    candidates += [posixpath.normpath(posixpath.join(posixpath.dirname(base), ref)), ref]
    for name in candidates:
        if name in names:
            return name
    raise _Malformed(ref)


def _pages(archive: zipfile.ZipFile, parser: etree.XMLParser) -> list[list[str]]:
    """Each page's parts in document order: its templates' Content.xml, then its own."""
    root = _xml(archive, parser, "OFD.xml")
    doc_root = root.find("{*}DocBody/{*}DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise _Malformed("DocRoot")
    doc_name = _resolve(archive, "OFD.xml", doc_root.text or "")
    document = _xml(archive, parser, doc_name)
    templates = {
        t.get("ID"): _resolve(archive, doc_name, t.get("BaseLoc") or "")
        for t in document.iterfind("{*}CommonData/{*}TemplatePage")
    }
    out = []
    for page in document.iterfind("{*}Pages/{*}Page"):
        name = _resolve(archive, doc_name, page.get("BaseLoc") or "")
        used = _xml(archive, parser, name).iterfind("{*}Template")
        out.append(
            [templates[t.get("TemplateID")] for t in used if t.get("TemplateID") in templates] + [name]
        )
    return out


def _page_chars(archive: zipfile.ZipFile, parser: etree.XMLParser, parts: list[str]) -> list[_Char]:
    """Every character drawn on a page (its templates' too), in page coordinates."""
    chars: list[_Char] = []
    for name in parts:
        for obj in _xml(archive, parser, name).iter("{*}TextObject"):
            chars += _object_chars(obj)
    return chars


def _number(text: str) -> float:
    """A coordinate: finite and within any page (a hostile 1e300 would make a line of that width)."""
    value = float(text)
    if not math.isfinite(value) or abs(value) > _FAR:
        raise _Malformed(text)
    return value


def _numbers(text: str | None) -> list[float]:
    return [_number(v) for v in (text or "").split()]


def _deltas(text: str | None, needed: int) -> list[float]:
    """DeltaX as a list of advances, "g N v" expanded to N times v (no more than `needed`: a
    hostile "g 999999999 1" is not expanded past the characters it spaces)."""
    tokens, k = (text or "").split(), 0
    out: list[float] = []
    while k < len(tokens) and len(out) < needed:
        if tokens[k] == "g":
            out += [_number(tokens[k + 2])] * min(int(tokens[k + 1]), needed - len(out))
            k += 3
        else:
            out.append(_number(tokens[k]))
            k += 1
    return out


def _object_chars(obj: etree._Element) -> list[_Char]:
    """A text object's characters: TextCode offsets from the Boundary's origin, through a CTM's
    scale and shift (a rotation is ignored: rotated text is no part of a report's tables)."""
    bx, by, bw, _bh = (_numbers(obj.get("Boundary")) + [0.0] * 4)[:4]
    a, _b, _c, d, e, f = (_numbers(obj.get("CTM")) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0])[:6]
    size = _number(obj.get("Size") or "0") * abs(d or 1.0)
    if size <= 0:
        raise _Malformed("Size")
    chars: list[_Char] = []
    x = y = 0.0
    for code in obj.iterfind("{*}TextCode"):
        text = unicodedata.normalize("NFC", code.text or "")
        x = _number(code.get("X") or str(x))
        y = _number(code.get("Y") or str(y))
        advances = _advances(text, _deltas(code.get("DeltaX"), len(text)), bw - x, size / abs(d or 1.0))
        for ch, step in zip(text, advances, strict=True):
            chars.append(_Char(bx + a * x + e, by + d * y + f, size, ch, step and step * abs(a)))
            x += step if step is not None else _nominal(ch, size / abs(d or 1.0))
    return chars


def _advances(text: str, deltas: list[float], room: float, size: float) -> list[float | None]:
    """Each character's advance: DeltaX where given; else the room left in the Boundary divided
    evenly, when that is near the characters' nominal widths (a Boundary may be larger than its
    text); else None (nominal width)."""
    if deltas:
        return [deltas[k] if k < len(deltas) else None for k in range(len(text))]
    nominal = sum(_nominal(ch, size) for ch in text)
    if text and 0.7 * nominal <= room <= 1.5 * nominal:
        return [room / len(text)] * len(text)
    return [None] * len(text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in {"W", "F"}


def _nominal(ch: str, size: float) -> float:
    return size if _wide(ch) else size / 2


def _unit(chars: list[_Char]) -> float:
    """The page's column width: the median advance per column (a CJK character two columns)."""
    measured = [c.advance / (2 if _wide(c.text) else 1) for c in chars if c.advance and c.advance > 0]
    return median(measured) if measured else median(c.size for c in chars) / 2


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters whose glyph boxes (baseline − size to baseline) overlap by more than half a
    character's height are one line; lines top to bottom."""
    lines: list[list[_Char]] = []
    for c in sorted(chars, key=lambda c: (c.baseline, c.x)):
        if lines:
            first = lines[-1][0]
            overlap = min(first.baseline, c.baseline) - max(first.baseline - first.size, c.baseline - c.size)
            if overlap > 0.5 * min(first.size, c.size):
                lines[-1].append(c)
                continue
        lines.append([c])
    return lines


def _words(line: list[_Char]) -> list[tuple[float, str]]:
    """A line's words (x, text) left to right: a space or a gap ends a word."""
    words: list[tuple[float, str]] = []
    end: float | None = None
    for c in sorted(line, key=lambda c: c.x):
        if c.text.isspace() or c.text == "":
            end = None
            continue
        if end is not None and c.x - end <= _WORD_GAP * c.size:
            words[-1] = (words[-1][0], words[-1][1] + c.text)
        else:
            words.append((c.x, c.text))
        end = c.x + _nominal(c.text, c.size)
    return words


def _laid_out(chars: list[_Char]) -> list[str]:
    """The page as `pdftotext -layout` prints it: each word at the column its x gives (from the
    page's leftmost character), one space at least between two words."""
    visible = [c for c in chars if not c.text.isspace()]
    if not visible:
        return []
    unit = _unit(visible)
    left = min(c.x for c in visible)
    out = []
    for line in _lines(chars):
        text = ""
        for x, word in _words(line):
            column = min(round((x - left) / unit), _MAX_COLUMN)
            text = (text.ljust(column) if column > len(text) else text + " ") if text else " " * column
            text += word
        if text.strip():
            out.append(re.sub(r"\s+$", "", text))
    return out
