"""Row labels `pdftotext -layout` prints around their figures (issue 10): a label wrapped in a
narrow cell, its figures vertically centred, so its first half stands above the figures' line and
its rest below. Crafted in that form (merged cells split back: narrow label columns)."""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.inputs.published import import_text
from report_copilot.inputs.published.cells import read_runs
from report_copilot.inputs.published.layout_labels import centred_labels
from tests.review.real_forms import report_text
from tests.review.test_import import cells

FIGURES = "                               33     0     0       0     0   0    33"


def test_a_label_s_rest_below_its_figures_is_moved_up() -> None:
    text = "\n".join(["", "一、本年新收政府", FIGURES, "信息公开申请数量", "", "二、上年结转政府"])
    lines = centred_labels(text).split("\n")
    assert lines[1].strip() == "一、本年新收政府信息公开申请数量"
    assert lines[2] == FIGURES and lines[3] == ""
    assert lines[5] == "二、上年结转政府"


def test_each_piece_goes_to_the_label_column_it_stands_in() -> None:
    text = "\n".join(
        [
            "三、本年度办理结 （一）予以公",
            "                6     0     0     0     0   0    6",
            "    果      开",
        ]
    )
    assert centred_labels(text).split("\n")[0].split() == ["三、本年度办理结果", "（一）予以公开"]


def test_a_label_line_over_the_next_figures_is_that_row_s() -> None:
    """Two rows each with its label above its figures: nothing moves."""
    text = "\n".join(["（一）予以公开", FIGURES, "（二）部分公开", FIGURES])
    assert centred_labels(text) == text


def test_a_report_with_a_centred_row_and_group_label_reads_the_row(example_2021: dict[str, Any]) -> None:
    """The group label 三、本年度办理结果 printed in its own narrow column beside the row's: both
    wrapped around the row's figures ("三、本年度办理结 （一）予以公" / figures / "果      开")."""
    example_2021.pop("previous", None)
    text = report_text(example_2021, "pdf_layout", head=["某某市生态环境局2024年政府信息公开工作年度报告"])
    lines = text.splitlines()
    at = next(k for k, x in enumerate(lines) if "（一）予以公开" in x)
    figures = lines[at][len(lines[at].rstrip("0123456789 ")) :].strip()
    lines[at : at + 1] = ["三、本年度办理结 （一）予以公", " " * 24 + figures, "    果      开", ""]
    granted = import_text("\n".join(lines)).data["requests"]["granted"]
    assert granted["total"] == 28 and granted["natural_person"] == 21


_QUERY = "三、本   8.属于行政查询事项   0   0   0   0   0   0   0"
_NO_INFO = [
    "年度办   1.本机关不掌握相关政府信",
    "理结果            19   0   0   0   0   0   19",
    "         息",
]
_NO_INFO_BELOW_A_PIECE_ALONE = [
    "年度办",
    "理结果   1.本机关不掌握相关政府信",
    "                  19   0   0   0   0   0   19",
    "         息",
]


@pytest.mark.parametrize("rows", [_NO_INFO, _NO_INFO_BELOW_A_PIECE_ALONE], ids=["beside_a_label", "alone"])
def test_a_margin_piece_opening_the_next_line_takes_no_figure_of_the_row_above(
    seed_2019: dict[str, Any], rows: list[str]
) -> None:
    """三、本年度办理结果 printed down the margin in pieces, 年度办 opening the line after a row's
    figures (beside a wrapped row's label, or alone on its line): its 年 is a margin label's, not a
    measure word making the row's last figure prose ("0 年"); the row above keeps its seven figures."""
    text = report_text(seed_2019, "pdf_layout", head=["固原市人民政府办公室2019年政府信息公开工作年度报告"])
    lines = text.splitlines()
    at = next(k for k, x in enumerate(lines) if "8.属于行政查询事项" in x)
    end = next(k for k, x in enumerate(lines) if "1.本机关不掌握相关政府信息" in x)
    lines[at : end + 1] = [_QUERY, *rows]
    data = import_text("\n".join(lines)).data
    got, expected = cells(data), cells(seed_2019)
    assert {k: (v, expected[k]) for k, v in got.items() if v is not None and v != expected[k]} == {}
    for row in ("requests.denied.administrative_query", "requests.unavailable.not_held"):
        prefix = row + "."
        assert [v for k, v in got.items() if k.startswith(prefix)] == [
            v for k, v in expected.items() if k.startswith(prefix)
        ], row


def test_prose_figures_before_a_measure_word_on_the_next_line_stay_prose() -> None:
    """A wrapped sentence ("共收到申请12" / "件，其中…", "…占比 8" / "%。") keeps its numbers text."""
    runs = read_runs("共收到申请12\n件，其中本机关办结10\n件 已全部公开。占比 8\n%。\n2019\n年度报告  ")
    assert [c.raw for r in runs for c in r.cells] == []
