"""A PDF's text layer may print radicals for whole ideographs (Kangxi radicals: ⼀、总体情况, ⼈数;
CJK Radicals Supplement: 人⺠政府, 部⻔): the report reads as if printed with the ideographs."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from report_copilot.inputs.published import import_published
from tests.review.published import published_text
from tests.review.test_import import assert_same_figures

_LOOKALIKES = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x2F00, 0x2FD6)} | dict(
    zip("民门长见车马页风齐龙贝青黄", "⺠⻔⻓⻅⻋⻢⻚⻛⻬⻰⻉⻘⻩", strict=True)
)
"""Every ideograph a Kangxi radical looks like, and the simplified ones of the Supplement."""


def test_radicals_in_a_pdf_text_read_as_the_ideographs(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    text = published_text(seed_2019)
    printed = "".join(_LOOKALIKES.get(c, c) for c in text)
    assert printed != text and "⼈⺠政府" in printed and "⼀、总体情况" in printed
    path = tmp_path / "report.txt"
    path.write_text(printed, encoding="utf-8")
    imported = import_published(path)
    assert imported.data["meta"]["agency"] == seed_2019["meta"]["agency"]
    assert_same_figures(imported.data, seed_2019)
    prose = "".join(b.text for b in imported.draft.blocks)
    assert not set(prose) & set(_LOOKALIKES.values())


def test_radicals_in_a_one_line_crawl_with_glued_rows(example_2021: dict[str, Any], tmp_path: Path) -> None:
    """A row's last figure glued to the next row's ordinal ("…0 04.⽆正当理由…") is cut at the label."""
    example_2021.pop("previous")
    text = "".join(published_text(example_2021).splitlines())
    path = tmp_path / "report.txt"
    path.write_text("".join(_LOOKALIKES.get(c, c) for c in text), encoding="utf-8")
    assert "4.⽆正当理由" in path.read_text(encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    assert import_published(path).data == import_published(plain).data
