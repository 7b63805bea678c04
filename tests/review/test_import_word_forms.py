"""Word reports read wherever Word keeps their text (content controls, text boxes, layout tables) and
as they read with their tracked changes accepted, saved as .docx or as a web page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.inputs.published import import_published
from tests.review.published import published_docx
from tests.review.test_import import assert_same_figures


def _in_content_control(source: Path, target: Path, first: int) -> None:
    """The body's blocks from `first` on moved into one content control, as a template holds them."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(str(source))
    body = document.element.body
    blocks = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")]
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control.append(content)
    for block in blocks[first:]:
        body.remove(block)
        content.append(block)
    body.insert(first, control)
    document.save(str(target))


def test_text_and_tables_inside_a_content_control_are_read(
    example_2021: dict[str, Any], tmp_path: Path
) -> None:
    example_2021.pop("previous")
    plain, templated = tmp_path / "plain.docx", tmp_path / "templated.docx"
    published_docx(example_2021, plain)
    _in_content_control(plain, templated, first=5)
    imported = import_published(templated)
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, example_2021)
    assert [b.text for b in imported.draft.blocks] == [b.text for b in import_published(plain).draft.blocks]


_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:v="urn:schemas-microsoft-com:vml">
<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>
<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>
<w:txbxContent>{paragraphs}</w:txbxContent>
</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>
</mc:Fallback></mc:AlternateContent></w:r>"""


def test_paragraphs_in_a_text_box_are_read_once(example_2021: dict[str, Any], tmp_path: Path) -> None:
    """A laid-out title or paragraph in a text box (written twice by Word: shape and VML fallback)."""
    import docx
    from docx.oxml import parse_xml

    example_2021.pop("previous")
    plain, boxed = tmp_path / "plain.docx", tmp_path / "boxed.docx"
    published_docx(example_2021, plain)
    document = docx.Document(str(plain))
    target = next(p for p in document.paragraphs if "全年共收到政府信息公开申请72件" in p.text)
    wanted = target.text
    paragraph = f"<w:p><w:r><w:t>{wanted}</w:t></w:r></w:p>"
    for run in list(target.runs):
        run._r.getparent().remove(run._r)
    target._p.append(parse_xml(_BOX.format(paragraphs=paragraph)))
    document.save(str(boxed))
    assert wanted not in "".join(
        p.text for p in docx.Document(str(boxed)).paragraphs
    )  # python-docx misses it
    texts = [b.text for b in import_published(boxed).draft.blocks]
    assert sum(wanted in t for t in texts) == 1
    assert texts == [b.text for b in import_published(plain).draft.blocks]


def test_a_report_inside_a_layout_table_is_read(example_2021: dict[str, Any], tmp_path: Path) -> None:
    """A page pasted into Word: one outer table whose cell holds the title, the prose and the tables."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    example_2021.pop("previous")
    plain, wrapped = tmp_path / "plain.docx", tmp_path / "wrapped.docx"
    published_docx(example_2021, plain)
    document = docx.Document(str(plain))
    body = document.element.body
    blocks = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")]
    outer = document.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)._tc
    for block in blocks:
        body.remove(block)
        cell.append(block)
    cell.append(OxmlElement("w:p"))  # a cell ends with a paragraph
    document.save(str(wrapped))
    imported = import_published(wrapped)
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, example_2021)
    texts = [b.text for b in imported.draft.blocks]
    assert texts == [b.text for b in import_published(plain).draft.blocks]


def test_tracked_changes_read_as_accepted(example_2021: dict[str, Any], tmp_path: Path) -> None:
    """A Word file saved with unaccepted revisions (修订): insertions in, deletions out, in prose
    and in table cells alike."""
    import docx
    from docx.oxml import parse_xml

    example_2021.pop("previous")
    plain, revised = tmp_path / "plain.docx", tmp_path / "revised.docx"
    published_docx(example_2021, plain)
    document = docx.Document(str(plain))
    target = next(p for p in document.paragraphs if "72件" in p.text)
    before, after = target.text.split("72件", 1)
    for run in list(target.runs):
        run._r.getparent().remove(run._r)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    target._p.append(parse_xml(f"<w:r {w}><w:t>{before}</w:t></w:r>"))
    target._p.append(
        parse_xml(f'<w:del {w} w:id="1" w:author="x"><w:r><w:delText>70件</w:delText></w:r></w:del>')
    )
    target._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="x"><w:r><w:t>72件</w:t></w:r></w:ins>'))
    target._p.append(parse_xml(f"<w:r {w}><w:t>{after}</w:t></w:r>"))
    cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text == "2134")
    run = cell.paragraphs[0].runs[0]
    run.text = "21"
    run._r.addnext(parse_xml(f'<w:ins {w} w:id="3" w:author="x"><w:r><w:t>34</w:t></w:r></w:ins>'))
    document.save(str(revised))
    assert "72件" not in "".join(p.text for p in docx.Document(str(revised)).paragraphs)  # python-docx
    imported = import_published(revised)
    assert_same_figures(imported.data, example_2021)
    assert [b.text for b in imported.draft.blocks] == [b.text for b in import_published(plain).draft.blocks]


def test_a_web_page_with_tracked_changes_reads_as_accepted(
    example_2021: dict[str, Any], tmp_path: Path
) -> None:
    """Word saves a revised document as a web page with <del> and <ins>."""
    from tests.review.published import published_html

    example_2021.pop("previous")
    html = published_html(example_2021)
    assert "申请72件" in html and "<td>2134</td>" in html
    revised = html.replace("申请72件", "申请<del>70件</del><ins>72件</ins>")
    revised = revised.replace("<td>2134</td>", "<td>21<del>00</del><ins>34</ins></td>")
    page, plain = tmp_path / "revised.html", tmp_path / "plain.html"
    page.write_text(revised, encoding="utf-8")
    plain.write_text(html, encoding="utf-8")
    imported = import_published(page)
    assert_same_figures(imported.data, example_2021)
    assert [b.text for b in imported.draft.blocks] == [b.text for b in import_published(plain).draft.blocks]
