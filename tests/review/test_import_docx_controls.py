"""A Word report written in a template keeps its text inside content controls (`w:sdt`): read there
as anywhere else in the body, in document order."""

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
