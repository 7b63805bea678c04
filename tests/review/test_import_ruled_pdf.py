"""PDF tables read by their drawn borders: a cell printed empty is read as blank, not skipped.

pypdf's text of a ruled table row holds its figures only, so a row with blank cells gave no trace
of them; the importer places each text run in the cell its borders enclose (`pdf_tables`). The
PDFs are crafted (`ruled_pdf`): the official layout, borders drawn as LibreOffice, Word and WPS
draw them, zeros printed or left blank, tables cut by page breaks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from report_copilot.inputs.published import import_published
from tests.review.ruled_pdf import ruled_pdf
from tests.review.test_import_real_forms import assert_every_cell, cells


def _zeros(data: dict[str, Any]) -> set[str]:
    return {cid for cid, v in cells(data).items() if v == 0}


@pytest.mark.parametrize("borders", ["lines", "rects", "clips"])
def test_zeros_printed_blank_are_read_as_blank_cells(
    example_2021: dict[str, Any], tmp_path: Path, borders: str
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(ruled_pdf(example_2021, zeros="", borders=borders))
    imported = import_published(path)
    blank = _zeros(example_2021)
    assert blank
    assert_every_cell(imported, example_2021, blank=blank)
    reported = {cid for issue in imported.issues if issue.kind == "blank" for cid in issue.cells}
    assert blank <= reported


@pytest.mark.parametrize("height", [842.0, 500.0, 300.0])
def test_tables_cut_by_page_breaks(seed_2019: dict[str, Any], tmp_path: Path, height: float) -> None:
    for zeros in ("0", ""):
        path = tmp_path / f"report{zeros}.pdf"
        path.write_bytes(ruled_pdf(seed_2019, zeros=zeros, height=height))
        blank = _zeros(seed_2019) if not zeros else set()
        assert_every_cell(import_published(path), seed_2019, blank=blank)


def test_prose_in_a_framed_page_is_not_read_as_a_table(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(ruled_pdf(example_2021, zeros="", frame=True, height=600.0))
    imported = import_published(path)
    assert_every_cell(imported, example_2021, blank=_zeros(example_2021))
    assert imported.draft is not None
    headings = [b.text for b in imported.draft.blocks if b.kind == "heading"]
    assert len(headings) == 6, headings
