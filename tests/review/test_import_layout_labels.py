"""Row labels `pdftotext -layout` prints around their figures (issue 10): a label wrapped in a
narrow cell, its figures vertically centred, so its first half stands above the figures' line and
its rest below. Crafted in that form (merged cells split back: narrow label columns)."""

from __future__ import annotations

from typing import Any

from report_copilot.inputs.published import import_text
from report_copilot.inputs.published.layout_labels import centred_labels
from tests.review.real_forms import report_text

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
