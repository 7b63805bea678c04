"""A text extracted a character a word ("政 府 信 息 公 开", a PDF typeset with character spacing) reads
as the same report; an ordinary text keeps its spaces."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from report_copilot.inputs.published import import_published
from report_copilot.inputs.published.letter_spacing import letter_spaced, unspaced
from tests.conftest import SEED_FILE
from tests.review.published import published_text
from tests.review.test_import import assert_same_figures

_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：（）《》“”])(?=[\u4e00-\u9fff，。、；：（）《》“”])")


def _spaced(text: str) -> str:
    return _GAP.sub(" ", text)


def test_a_letter_spaced_report_reads_as_printed(example_2021: dict[str, Any], tmp_path: Path) -> None:
    example_2021.pop("previous")
    path = tmp_path / "report.txt"
    path.write_text(_spaced(published_text(example_2021)), encoding="utf-8")
    imported = import_published(path)
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, example_2021)
    assert any("全年共收到政府信息公开申请72件" in b.text for b in imported.draft.blocks)


def test_a_lone_character_of_a_wrapped_group_label_is_no_cell(tmp_path: Path) -> None:
    """The seed prints （四）无 / 法提供 down the margin: spaced, the 无 must not join the row above."""
    path = tmp_path / "seed.txt"
    path.write_text(_spaced(SEED_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    assert "（ 四 ） 无\n" in path.read_text(encoding="utf-8")
    imported = import_published(path)
    assert imported.complete, [i.message for i in imported.issues]
    assert imported.data == import_published(SEED_FILE).data


def test_an_ordinary_text_keeps_its_spaces() -> None:
    laid_out = [
        "                         自然人              法人或其他组织              总计",
        "                                      科研 社会公 法律服务",
        "                              商业企业             其他",
        "一、本年新收政府信息公开申请数量     12    1   0   0   0   0   13",
        "2024年，本机关共收到政府信息公开申请13件，均已按期答复。",
    ] * 5
    assert not letter_spaced("\n".join(laid_out))
    assert unspaced(laid_out) is laid_out
    spaced = [_spaced(x) for x in laid_out]
    assert letter_spaced("\n".join(spaced))
    assert unspaced(["政 府 信 息 公 开 12 件"] * 10)[0] == "政府信息公开 12 件"
