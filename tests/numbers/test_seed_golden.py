"""Golden test on the seed report: every number of its prose, with what it was tied to or why not.

The seed (a real 2019 report) quotes three table figures — 33 件 (本年新收), 12 件 (规范性文件),
行政复议 1 件 — and many work figures its published data does not declare (they are unsupported until
declared as facts), plus years, document numbers, ordinals, a fixed phrase and a platform name.
The whole verdict list is asserted, so any regression in extraction or binding shows here.
"""

from __future__ import annotations

from pathlib import Path

from report_copilot.service.numbers import check_markdown_file
from tests.conftest import EXAMPLES

U = "unsupported"
E = "exempt"

GOLDEN: list[tuple[int, str, str, str | None]] = [
    (1, "五十", E, "序号或法条"),
    (1, "2019", E, "年份或日期"),
    (2, "一", E, "列举序号"),
    (3, "2019", E, "年份或日期"),
    (3, "2019", E, "年份或日期"),
    (3, "2019", E, "文号"),
    (3, "38", E, "文号"),
    (4, "一", E, "序号"),
    (4, "一", E, "列举序号"),
    (4, "2 人", U, None),
    (4, "2 人", U, None),
    (4, "二", E, "列举序号"),
    (4, "6项", U, None),
    (4, "9项", U, None),
    (4, "三", E, "列举序号"),
    (4, "2019", E, "年份或日期"),
    (4, "2019", E, "文号"),
    (4, "26", E, "文号"),
    (4, "2019", E, "文号"),
    (4, "24", E, "文号"),
    (4, "四", E, "列举序号"),
    (4, "2019", E, "年份或日期"),
    (4, "1场", U, None),
    (4, "100余人", U, None),
    (4, "1 期", U, None),
    (4, "70 人次", U, None),
    (4, "2期", U, None),
    (4, "440人次", U, None),
    (4, "1600余份", U, None),
    (4, "50余条", U, None),
    (4, "五", E, "列举序号"),
    (4, "1场次", U, None),
    (4, "29 场次", U, None),
    (4, "六", E, "列举序号"),
    (4, "2019", E, "年份或日期"),
    (5, "二", E, "序号"),
    (5, "2019", E, "年份或日期"),
    (5, "331", E, "专有名称"),
    (5, "129 条", U, None),
    (5, "12 件", "bound", "active.normative_documents.produced"),
    (5, "12 篇", U, None),
    (5, "57 条", U, None),
    (5, "1042 条", U, None),
    (6, "三", E, "序号"),
    (6, "2019", E, "年份或日期"),
    (6, "33 件", "bound", "requests.new.total"),
    (6, "1 件", "bound", "appeals.review.total"),
    (7, "四", E, "序号"),
    (7, "三个", U, None),
    (7, "2019", E, "文号"),
    (7, "28", E, "文号"),
    (7, "2275条", U, None),
    (7, "565条", U, None),
    (7, "三个", U, None),
    (7, "60项", U, None),
    (8, "五", E, "序号"),
    (8, "一", E, "列举序号"),
    (8, "2019", E, "年份或日期"),
    (8, "8个", U, None),
    (8, "39个", U, None),
    (8, "18个", U, None),
    (8, "1 个", U, None),
    (8, "19 个", U, None),
    (8, "1 个", U, None),
    (8, "二", E, "列举序号"),
    (8, "2019", E, "年份或日期"),
    (8, "7 期", U, None),
    (8, "4 期", U, None),
    (8, "16次", U, None),
    (8, "49 次", U, None),
    (8, "8 家", U, None),
    (8, "39 个", U, None),
    (8, "三", E, "列举序号"),
    (8, "五", E, "固定用语"),
    (8, "2019", E, "年份或日期"),
    (8, "331", E, "专有名称"),
    (8, "121万条", U, None),
    (8, "2.1万余次", U, None),
    (8, "5.7万余次", U, None),
    (8, "44447条", U, None),
    (8, "129条", U, None),
    (8, "3218余件", U, None),
    (8, "超过 6.8万次", U, None),
    (9, "六", E, "序号"),
    (9, "2019", E, "年份或日期"),
    (9, "2019", E, "文号"),
    (9, "55", E, "文号"),
    (10, "二", E, "列举序号"),
    (12, "三", E, "列举序号"),
    (14, "四", E, "列举序号"),
    (16, "五", E, "列举序号"),
    (17, "一", E, "列举序号"),
    (17, "二", E, "列举序号"),
    (17, "三", E, "列举序号"),
    (18, "一", E, "列举序号"),
    (18, "五", E, "固定用语"),
    (18, "二", E, "列举序号"),
    (19, "六", E, "列举序号"),
]


def _check() -> tuple[object, object, object]:
    return check_markdown_file(EXAMPLES / "guyuan-2019.md", EXAMPLES / "guyuan-2019.json")


def test_every_number_of_the_seed_prose_has_its_verdict() -> None:
    _, _, result = _check()
    actual = [
        (m.block, m.text, m.verdict, m.ref if m.verdict != "exempt" else m.reason)
        for m in result.mentions  # type: ignore[attr-defined]
    ]
    assert actual == GOLDEN


def test_the_three_table_figures_bind_to_their_cells() -> None:
    _, _, result = _check()
    bound = {m.text: (m.ref, m.expected) for m in result.mentions if m.verdict == "bound"}  # type: ignore[attr-defined]
    assert bound == {
        "33 件": ("requests.new.total", "33件"),
        "12 件": ("active.normative_documents.produced", "12件"),
        "1 件": ("appeals.review.total", "1件"),
    }


def test_unsupported_numbers_become_bound_once_declared_as_facts(tmp_path: Path) -> None:
    import json

    data = json.loads((EXAMPLES / "guyuan-2019.json").read_text(encoding="utf-8"))
    data["facts"] = [
        {"id": "staff.full_time", "label": "专职人员", "value": 2, "unit": "人"},
        {
            "id": "platform.consultations",
            "label": "受理咨询投诉",
            "value": 3218,
            "unit": "件",
            "qualifier": "余",
        },
        {
            "id": "platform.downloads",
            "label": "累计下载量",
            "value": 68000,
            "unit": "次",
            "qualifier": "超过",
        },
    ]
    path = tmp_path / "guyuan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, _, result = check_markdown_file(EXAMPLES / "guyuan-2019.md", path)
    by_text = {m.text: m for m in result.mentions}
    assert by_text["3218余件"].verdict == "bound" and by_text["3218余件"].ref == "fact.platform.consultations"
    assert by_text["超过 6.8万次"].ref == "fact.platform.downloads"
    first_staff = next(m for m in result.mentions if m.text == "2 人")
    assert first_staff.verdict == "bound" and first_staff.ref == "fact.staff.full_time"


def test_the_seed_published_prose_claims_are_consistent_except_one_suspicious_list() -> None:
    _, _, result = _check()
    claims = [(f.rule, f.severity) for f in result.claims]  # type: ignore[attr-defined]
    # 129 条 ... 其中 57 条 + 1042 条: parts in the same unit exceeding the whole (a warning, not an error)
    assert claims == [("P-9", "warning")]
    assert "1099" in result.claims[0].message  # type: ignore[attr-defined]
