"""The document's own package parts instead of python-docx's template's.

python-docx starts from a 2013 "Microsoft Macintosh Word" file: created 2013-12-23, a blank
Letter-size thumbnail, `themeFontLang eastAsia="ja-JP"`, Japanese ＭＳ 明朝/ＭＳ ゴシック in the theme and
the font table. A publishing office opening the file sees those properties; this module replaces
them: title, agency as author, created now, language zh-CN, a theme whose East Asian fonts are the
profile's, a font table listing exactly the fonts used, and no thumbnail.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from report_copilot.render.profile import OfficeProfile

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

APPLICATION = "report-copilot"
LANGUAGE = "zh-CN"
_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def _parts(document: DocxDocument) -> dict[str, object]:
    return {str(p.partname): p for p in document.part.package.iter_parts()}


def set_properties(document: DocxDocument, *, title: str, author: str, now: datetime | None = None) -> None:
    """Core properties (title, author, dates, language) and the application properties."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    core = document.core_properties
    core.title = title
    core.author = author
    core.last_modified_by = author
    core.created = now
    core.modified = now
    core.revision = 1
    core.language = LANGUAGE
    core.comments = ""
    core.subject = ""
    core.keywords = ""
    core.category = ""
    app = _parts(document).get("/docProps/app.xml")
    if app is not None:
        app._blob = (  # type: ignore[attr-defined]
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<Properties xmlns="{_EP}"><Application>{APPLICATION}</Application>'
            f"<DocSecurity>0</DocSecurity><Company>{escape(author)}</Company></Properties>"
        ).encode()


def drop_thumbnail(document: DocxDocument) -> None:
    """Remove the template's thumbnail: its package relationship (the part is then not written)."""
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == _RT_THUMBNAIL:
            rels.pop(rid)


def _font_entry(name: str, east_asian: bool) -> str:
    # charset 86 = GB2312; 00 = ANSI (Latin)
    charset = "86" if east_asian else "00"
    family = "modern" if east_asian else "roman"
    return (
        f'<w:font w:name={quoteattr(name)}><w:charset w:val="{charset}"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
    )


def clean_theme_and_fonts(document: DocxDocument, profile: OfficeProfile) -> None:
    """zh-CN theme language, the profile's fonts as theme East Asian fonts, no Japanese fonts."""
    from docx.oxml.ns import qn

    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), LANGUAGE)
    parts = _parts(document)
    theme = parts.get("/word/theme/theme1.xml")
    if theme is not None:
        xml = theme.blob.decode("utf-8")  # type: ignore[attr-defined]
        xml = re.sub(r'<a:font script="Jpan" typeface="[^"]*"/>', "", xml)
        major, minor = quoteattr(profile.heading1_font), quoteattr(profile.body_font)
        xml = re.sub(
            r'(<a:majorFont>.*?)<a:ea typeface="[^"]*"/>',
            rf"\1<a:ea typeface={major}/>",
            xml,
            count=1,
            flags=re.S,
        )
        xml = re.sub(
            r'(<a:minorFont>.*?)<a:ea typeface="[^"]*"/>',
            rf"\1<a:ea typeface={minor}/>",
            xml,
            count=1,
            flags=re.S,
        )
        theme._blob = xml.encode("utf-8")  # type: ignore[attr-defined]
    fonts = parts.get("/word/fontTable.xml")
    if fonts is not None:
        east = sorted(profile.fonts)
        latin = sorted({profile.latin_font} - profile.fonts)
        entries = [_font_entry(n, False) for n in latin] + [_font_entry(n, True) for n in east]
        fonts._blob = (  # type: ignore[attr-defined]
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:fonts xmlns:w="{_W}">{"".join(entries)}</w:fonts>'
        ).encode()
