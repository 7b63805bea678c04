"""The draft's shortcuts: lines the draft never reads are not spaced, and a table section without a
full stop is not cut into paragraphs (every one would be dropped as a table line). Both must leave
the draft as reading every line gives it (issue 10, speed)."""

from __future__ import annotations

import pytest

from report_copilot.inputs.published import import_text, normalize, prose
from tests.review.real_forms import one_line, report_text, zero_data
from tests.review.test_import_text_paths import REPORTS


@pytest.mark.parametrize("lines", REPORTS)
def test_lines_spaced_outside_unread_ranges_as_the_whole_text_spaces_them(lines: list[str]) -> None:
    whole = normalize.prose_spacing_lines(lines)
    n = len(lines)
    for unread in ([], [(0, n)], [(1, n // 2)], [(n // 3, n // 3)], [(n // 2, n), (2, 5), (3, 4)], [(5, 2)]):
        spaced = prose._spaced(lines, unread)
        read = [i for i in range(n) if not any(a <= i < b for a, b in unread)]
        assert len(spaced) == n
        assert [spaced[i] for i in read] == [whole[i] for i in read], unread


PROSE = {
    "一": ["2022年，本机关认真贯彻《条例》。"],
    "三": ["本年度共收到申请 3 件，均已按时答复。"],  # a sentence in a table section: kept
}


@pytest.mark.parametrize("dialect", ["spaced", "pdf_layout", "pipe_rows", "digit_runs"])
def test_table_sections_keep_their_sentences_and_drop_their_tables(dialect: str) -> None:
    text = report_text(
        zero_data(2022, "某某县教育局"),
        dialect,
        head=["某某县教育局2022年政府信息公开工作年度报告"],
        prose=PROSE,
    )
    for form in (text, one_line(text)):
        draft = import_text(form).draft
        by_section = {
            key: [b.text for b in draft.blocks if b.section == key and b.kind == "paragraph"]
            for key in ("active", "requests", "appeals")
        }
        assert by_section == {
            "active": [],
            "requests": ["本年度共收到申请3件，均已按时答复。"],
            "appeals": [],
        }
        assert [b.text for b in draft.blocks if b.kind == "table"] == ["active", "requests", "appeals"]
