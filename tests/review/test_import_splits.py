"""Digit runs and cell tokens: every split of a run, the ones the identities keep, and what is a cell.

The importer reads these on every flattened table; the candidates it lists are what a clerk is shown
when a row cannot be read, so their set and order matter as much as the split that is taken.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from report_copilot.inputs.published import import_text
from report_copilot.inputs.published.cells import read_runs
from report_copilot.inputs.published.splits import merges, splits
from tests.review.published import published_text


def _every_cut(raws: list[str], n: int) -> Iterator[list[int]]:
    """Every cut of the strings into n numbers without a leading zero: string by string, fewer
    numbers first, cut positions in order (the order the importer lists candidates in)."""
    if not raws:
        if n == 0:
            yield []
        return
    s = raws[0]
    for k in range(1, min(len(s), n - len(raws) + 1) + 1):
        for cut in itertools.combinations(range(1, len(s)), k - 1):
            bounds = (0, *cut, len(s))
            parts = [s[a:b] for a, b in itertools.pairwise(bounds)]
            if all(p == "0" or not p.startswith("0") for p in parts):
                for rest in _every_cut(raws[1:], n - k):
                    yield [int(p) for p in parts] + rest


def test_splits_of_small_runs() -> None:
    assert list(splits(["1020"], 3)) == [[1, 0, 20], [10, 2, 0]]
    assert list(splits(["12", "03"], 3)) == [[12, 0, 3]]
    assert list(splits(["000"], 3)) == [[0, 0, 0]]
    assert list(splits(["000"], 2)) == []
    assert list(splits(["12"], 3)) == []


@pytest.mark.parametrize("length", range(1, 8))
def test_splits_are_every_cut_in_order(length: int) -> None:
    # Runs full of zeros are where most ways of cutting fail (a zero stands alone).
    for digits in itertools.product("012", repeat=length):
        run = "".join(digits)
        for n in range(1, length + 1):
            assert list(splits([run], n)) == list(_every_cut([run], n)), (run, n)


def test_splits_of_several_runs_are_every_cut_in_order() -> None:
    runs = ["".join(d) for k in (1, 2, 3) for d in itertools.product("01", repeat=k)]
    for first, second in itertools.product(runs, repeat=2):
        for n in range(2, len(first) + len(second) + 1):
            assert list(splits([first, second], n)) == list(_every_cut([first, second], n))


def test_a_run_with_several_fitting_splits_lists_each_of_them(seed_2019: dict[str, Any]) -> None:
    # 规范性文件 本年新制作 / 本年新公开 / 对外公开总数量: "12121212" fits T2'-3 (新公开 ≤ 总数量) in many
    # ways; every one of them is listed, in the order of the cuts, and none is read.
    text = published_text(seed_2019, break_labels=False).replace("规范性文件 12 12 12", "规范性文件 12121212")
    imported = import_text(text)
    (issue,) = [i for i in imported.issues if i.kind == "ambiguous"]
    fitting = [c for c in _every_cut(["12121212"], 3) if c[1] <= c[2]]
    assert len(fitting) > 5
    assert issue.candidates == fitting[:20]
    assert f"{len(fitting)} 种" in issue.message
    shown = "；".join(" ".join(str(v) for v in c) for c in fitting[:5])
    assert shown in issue.message


def test_a_run_of_numbers_beyond_64_bits_is_judged_exactly(seed_2019: dict[str, Any]) -> None:
    # Figures this large are misprints, but the arithmetic that keeps or drops a split stays exact:
    # of the 5 cuts of this run, only the two with 新公开 ≤ 总数量 are kept; both cut 新公开 0, so it
    # is read, and the two are listed by the cells they cut differently (新制作, 总数量).
    run = "12" + "0" * 18 + "3" + "0" * 8
    text = published_text(seed_2019, break_labels=False).replace("规范性文件 12 12 12", f"规范性文件 {run}")
    imported = import_text(text)
    (issue,) = [i for i in imported.issues if i.kind == "ambiguous"]
    assert len(list(_every_cut([run], 3))) == 5
    assert issue.candidates == [[int(run[:19]), int(run[20:])], [int(run[:-2]), 0]]
    assert issue.cells == [
        "active.normative_documents.produced",
        "active.normative_documents.total_published",
    ]
    assert imported.data["active"]["normative_documents"]["published"] == 0


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("第2项 3 4", [3, 4]),  # a number glued to CJK text on both sides is text
        ("共12件\n0 0", [0, 0]),  # a number before a measure word is prose
        ("1 2\n年度报告", [1]),  # … also when the measure word starts the next line
        ("1 2\n年\n3", [1, 2, 3]),  # a character alone on its line is a PDF margin label, not a measure
        ("1.予以公开 3", [3]),  # an ordinal
        ("5万元 3", [5, 3]),  # an amount is a cell even before a measure word
    ],
)
def test_which_numbers_are_cells(text: str, cells: list[int]) -> None:
    assert [c.value for r in read_runs(text) for c in r.cells] == cells


def test_joins_of_a_stray_space_are_every_join_of_few_numbers() -> None:
    # "5 8 9 1 0 3 1 72" for 58 9 1 0 3 1 72: one stray space, seven cells
    joined = list(merges("5 8 9 1 0 3 1 72".split(), 7))
    assert [58, 9, 1, 0, 3, 1, 72] in joined
    assert all(len(j) == 7 for j in joined)
    assert [5, 8, 9, 1, 0, 31, 72] in joined


def test_a_whole_table_of_numbers_after_one_label_is_no_stray_space() -> None:
    # A text layer that printed every number of table 三 after its labels: 60 numbers for a row of 7.
    # Joining 53 gaps of 59 is no misprint (and there are 45 million ways): nothing is offered.
    raws = ["0"] * 50 + ["1", "2", "0", "3", "0", "0", "4", "0", "0", "5"]
    assert list(merges(raws, 7)) == []


def test_splits_of_long_runs_stop_at_the_limit_in_order() -> None:
    # The feasibility memo (a dict per digit string and per call) is asked the same (start, k) from
    # many branches: the candidates are still every cut, in order, up to SPLIT_LIMIT.
    from report_copilot.inputs.published.splits import SPLIT_LIMIT

    for raws, n in [(["1" * 14, "1020304"], 12), (["2010", "0" * 5, "3"], 8), (["1" * 18], 9)]:
        expected = list(itertools.islice(_every_cut(raws, n), SPLIT_LIMIT))
        assert list(splits(raws, n)) == expected, (raws, n)
