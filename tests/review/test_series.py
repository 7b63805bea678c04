"""The rule linking consecutive reports of one agency (formats/agency_names.toml)."""

from __future__ import annotations

import pytest

from report_copilot.review.series import SeriesEntry, link_previous, same_agency, series_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("云溪市市场监督管理局", "云溪市 市场监管局"),
        ("云溪经济开发区管委会", "云溪经济开发区管理委员会"),
        ("沐阳县人民政府", "沭阳县人民政府"),
        ("福建省沙县人民政府办公室", "沙县政府办"),
        ("云溪市卫生健康委员会", "云溪市卫生健康委"),
        ("上海市科学技术委员会", "上海市科委"),  # a department's usual short name
        ("沭阳县发展和改革局", "沭阳县发改局"),
        ("云溪市住房和城乡建设局", "云溪市住建局"),
        ("云溪市人力资源和社会保障局", "云溪市人社局"),
    ],
)
def test_one_agency(a: str, b: str) -> None:
    assert same_agency(a, b) and same_agency(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("泗阳县人民政府", "沭阳县人民政府"),  # one character apart, but not a known slip
        ("云溪市市场监督管理局", "云溪市生态环境局"),
        ("沭阳县发展和改革局", "沭阳县发展和改革委员会"),  # a bureau and a commission are two bodies
        ("云溪市科学技术局", "云溪市科委"),
        ("云溪市政府办公室", "风山县政府办公室"),
        ("", "云溪市政府"),
    ],
)
def test_different_agencies(a: str, b: str) -> None:
    assert not same_agency(a, b)


def test_series_key_drops_the_year_and_extension() -> None:
    assert series_key("yunxi-2023.html") == series_key("yunxi_2024.txt") == "yunxi"
    assert series_key("2023年沭阳县政府信息公开工作年度报告.pdf") == series_key(
        "2024年度沭阳县政府信息公开工作年度报告.txt"
    )
    assert series_key("2023.txt") == ""


def test_a_link_needs_exactly_one_candidate() -> None:
    entries = [
        SeriesEntry("a.txt", "市场监管局", 2023),
        SeriesEntry("b.txt", "云溪市市场监督管理局", 2023),
        SeriesEntry("c.txt", "风山县市场监督管理局", 2023),
        SeriesEntry("d.txt", "云溪市市场监管局", 2024),
        SeriesEntry("e.txt", "市场监督管理局", 2024),
    ]
    links = link_previous(entries)
    assert links[3] == 1  # the same reduced name
    assert links[4] == 0  # "市场监管局" is exactly last year's a.txt, even though b and c contain it


def test_a_generic_file_name_never_takes_a_report_linked_by_name() -> None:
    entries = [
        SeriesEntry("年报-2023.txt", "云溪市生态环境局", 2023),
        SeriesEntry("年报-2024.txt", "风山县教育局", 2024),  # another agency, same generic name
        SeriesEntry("云溪-2024.txt", "云溪市生态环境局", 2024),
    ]
    assert link_previous(entries) == {2: 0}
