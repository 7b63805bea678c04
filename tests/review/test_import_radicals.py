"""A PDF's text layer may print CJK Radicals Supplement characters for whole ideographs (人⺠政府,
部⻔): the report reads as if printed with the ideographs themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.inputs.published import import_published
from tests.review.published import published_text
from tests.review.test_import import assert_same_figures

_LOOKALIKES = dict(zip("民门长见车马页风齐龙贝青黄", "⺠⻔⻓⻅⻋⻢⻚⻛⻬⻰⻉⻘⻩", strict=True))


def test_radicals_in_a_pdf_text_read_as_the_ideographs(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    text = published_text(seed_2019)
    printed = "".join(_LOOKALIKES.get(c, c) for c in text)
    assert printed != text and "人⺠政府" in printed
    path = tmp_path / "report.txt"
    path.write_text(printed, encoding="utf-8")
    imported = import_published(path)
    assert imported.data["meta"]["agency"] == seed_2019["meta"]["agency"]
    assert_same_figures(imported.data, seed_2019)
    prose = "".join(b.text for b in imported.draft.blocks)
    assert not set(prose) & set(_LOOKALIKES.values())
