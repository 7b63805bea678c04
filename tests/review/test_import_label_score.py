"""A run's label scored against an official row: the quick upper bound that spares the full
comparison (`close_ratio`) gives the same scores as comparing every pair in full."""

from __future__ import annotations

import itertools
import random
from difflib import SequenceMatcher

from report_copilot.inputs.published.rowmatch import _CLOSE, close_ratio, label_score
from report_copilot.model.formats import load_format


def _full(core: str, text: str) -> float:
    return SequenceMatcher(None, core, text).ratio()


def test_close_ratio_is_the_ratio_where_it_counts() -> None:
    rng = random.Random(7)
    alphabet = "申请公开政府信息不予其他法律行政复议诉讼"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(300)]
    labels = [row.label for t in load_format("2021").tables for b in t.blocks for row in b.rows]
    pairs = [*itertools.combinations(words[:60], 2), *zip(words, reversed(words), strict=True)]
    pairs += [(a, b) for a in labels[:20] for b in labels[:20]]
    pairs += [(a, a[:-1] + "事") for a in labels] + [(a, a[1:]) for a in labels] + [("", ""), ("a", "")]
    for core, text in pairs:
        full = _full(core, text)
        assert close_ratio(core, text) == (full if full >= _CLOSE else 0.0), (core, text)


def _old_score(row_label: str, cores: tuple[str, ...], seg: str, own: str) -> float:
    """`label_score` as it compared every pair in full (before `close_ratio`)."""
    if not seg:
        return 0.0
    best = 0.0
    for n, core in enumerate(cores):
        weight = 1.0 if n == 0 else 0.95
        if seg.endswith(core):
            return weight
        if len(core) >= 6:
            ratio = _full(core, seg[-len(core) :])
            if len(own) >= 4:
                ratio = max(ratio, _full(core, own))
            if ratio >= 0.8:
                best = max(best, ratio * 0.9 * weight)
            for k in range(len(core) - 1, max(4, min(len(core) // 2, 10)) - 1, -1):
                if seg.endswith(core[:k]):
                    best = max(best, 0.7 * weight)
                    break
    return best


def test_label_scores_are_those_of_the_full_comparison() -> None:
    from report_copilot.inputs.published.rowmatch import _cores, _segment

    fmt = load_format("2021")
    rows = [row for t in fmt.tables for b in t.blocks for row in b.rows]
    misprints = ["", "1.", "（三）", "三、本年度办理结果", "其他", "申请人"]
    for row in rows:
        core = _cores(row)[0]
        texts = [core, core[:-1], core[1:], core[:3] + "卜" + core[4:], core[::-1], core[: len(core) // 2]]
        for text, lead in itertools.product(texts, misprints):
            label = lead + text
            seg, own = _segment(label)
            assert label_score(row, label) == _old_score(row.label, _cores(row), seg, own), (row.id, label)
