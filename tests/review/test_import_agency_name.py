"""The agency of a report without a title: from its signature (落款), and in its fullest printed form.

Crafted in the forms of real crawls: a report whose only name is in the signature at its end (the
name before or after the date, or glued after the last sentence of a one-line crawl); a report that
calls itself 省教育厅 in its prose while an attachment line or its preface prints the whole name.
"""

from __future__ import annotations

from report_copilot.inputs.published import import_text
from report_copilot.inputs.published.model import ImportedReport
from tests.review.real_forms import one_line, report_text, zero_data

_PREFACE = "根据《中华人民共和国政府信息公开条例》要求，我厅编写了2019年政府信息公开工作年度报告。"
_CLOSING = "下一步，我们将持续加强信息公开工作。"


def _report(*, head: list[str], opening: str, tail: list[str], agency: str = "某某") -> str:
    data = zero_data(2019, agency)
    body = report_text(data, "pipe_rows", head=head, prose={"一": [opening], "六": [_CLOSING]})
    return body + "\n".join(tail) + "\n"


def _agency_notes(imported: ImportedReport) -> list[str]:
    return [i.message for i in imported.issues if i.location == "meta.agency"]


def test_the_signature_names_the_agency_when_no_title_does() -> None:
    opening = "2019年，我厅认真贯彻落实《条例》。"
    for tail in (
        ["河北省教育厅", "2020年1月15日"],
        ["2020年1月15日", "河北省教育厅"],
        ["河北省教育厅 2020年1月15日"],
        ["河北省教育厅", "二〇二〇年一月十五日"],
    ):
        imported = import_text(_report(head=[_PREFACE], opening=opening, tail=tail), source="jyt_2019.txt")
        assert imported.data["meta"]["agency"] == "河北省教育厅", tail
        assert any("落款" in note for note in _agency_notes(imported))


def test_a_signature_glued_to_the_last_sentence_of_a_one_line_crawl() -> None:
    text = _report(head=[_PREFACE], opening="2019年，我厅认真贯彻落实《条例》。", tail=[])
    text = one_line(text.rstrip() + "河北省教育厅2020年1月15日")
    imported = import_text(text, source="jyt_2019.txt")
    assert imported.data["meta"]["agency"] == "河北省教育厅"


def test_a_name_without_its_province_takes_the_full_name_printed_elsewhere() -> None:
    opening = "2022年，省教育厅坚持以人民为中心，认真落实《条例》。"
    for tail in (["附件：河北省教育厅2022年政府信息公开工作年度报告"], ["河北省教育厅", "2023年1月20日"]):
        imported = import_text(_report(head=[], opening=opening, tail=tail), source="jyt_2022.txt")
        assert imported.data["meta"]["agency"] == "河北省教育厅", tail
        assert any("省教育厅" in note and "全称" in note for note in _agency_notes(imported))
    chrome = "当前位置：首页 > 河北省教育厅 > 政府信息公开年报"
    text = one_line(_report(head=[chrome], opening=opening, tail=[]))
    assert import_text(text, source="jyt_2022.txt").data["meta"]["agency"] == "河北省教育厅"


def test_a_title_name_takes_the_place_prefix_its_preface_prints() -> None:
    head = [
        "洪泽区人民政府",
        "2023年政府信息公开工作年度报告",
        "本报告由淮安市洪泽区人民政府办公室根据《条例》要求编制。",
    ]
    imported = import_text(_report(head=head, opening="2023年，区政府坚持依法公开。", tail=[]))
    assert imported.data["meta"]["agency"] == "淮安市洪泽区人民政府"


def test_the_one_province_the_report_names_completes_a_bare_provincial_name() -> None:
    opening = "2022年，省工业和信息化厅坚持依法公开，严格执行《河北省政府信息公开申请办理规定》。"
    imported = import_text(_report(head=[], opening=opening, tail=[]))
    assert imported.data["meta"]["agency"] == "河北省工业和信息化厅"
    assert any("唯一省份" in note for note in _agency_notes(imported))


def test_a_name_is_not_completed_when_the_fuller_forms_disagree_or_are_not_places() -> None:
    opening = "2022年，省教育厅坚持依法公开，转发《河北省教育厅通知》和《山西省教育厅通知》。"
    imported = import_text(_report(head=[], opening=opening, tail=[]))
    assert imported.data["meta"]["agency"] == "省教育厅"
    # A verb before a name that opens with its level is not a place: "，落实区政府办公室…".
    opening = "2022年，区政府办公室坚持依法公开，认真落实区政府办公室部署。"
    imported = import_text(_report(head=[], opening=opening, tail=[]))
    assert imported.data["meta"]["agency"] == "区政府办公室"


def test_a_preface_verb_before_the_title_is_not_part_of_the_name() -> None:
    """Real prefaces (陕西 2024/2025, 河南 2021): "…的规定，现公开西安市高陵区人民政府2024年政府信息公开
    工作年度报告"; "…要求编制，总结郑州市金水区人民政府办公室2021年政府信息公开工作情况", whose full
    name completes the one the opening sentence gives."""
    preface = "根据《条例》的规定，现公开西安市高陵区人民政府2024年政府信息公开工作年度报告，统计期限自2024年1月1日至2024年12月31日。"
    imported = import_text(_report(head=[preface], opening="2024年，我区严格落实《条例》。", tail=[]))
    assert imported.data["meta"]["agency"] == "西安市高陵区人民政府"
    preface = "本报告根据《条例》要求编制，总结郑州市金水区人民政府办公室2024年政府信息公开工作情况。本报告包括六部分。"
    opening = "2024年，金水区人民政府办公室认真落实《条例》。"
    imported = import_text(_report(head=[preface], opening=opening, tail=[]))
    assert imported.data["meta"]["agency"] == "郑州市金水区人民政府办公室"


def test_a_cited_notice_about_the_report_names_no_author() -> None:
    """ "根据《平武县人民政府办公室关于2021年度政府信息公开工作年度报告编制工作的通知》要求": the notice's
    issuer is not the report's author (a county bureau's report, 四川 2021)."""
    preface = "根据《条例》和《某某县人民政府办公室关于2021年度政府信息公开工作年度报告编制工作的通知》要求，现将情况报告如下："
    imported = import_text(_report(head=[preface], opening="2021年，某某县统计局认真落实《条例》。", tail=[]))
    assert imported.data["meta"]["agency"] == "某某县统计局"


def test_a_title_quoted_whole_in_the_preface_still_names_the_author() -> None:
    preface = "现将《某某县统计局2021年政府信息公开工作年度报告》公布如下。"
    imported = import_text(_report(head=[preface], opening="2021年，我局认真落实《条例》。", tail=[]))
    assert imported.data["meta"]["agency"] == "某某县统计局"


def test_the_years_around_a_carry_over_are_not_the_report_year() -> None:
    """No title nor period: the year the opening speaks of, not 结转2025年 (天津 2024)."""
    opening = (
        "2024年，我委认真落实《条例》。全年接收申请1554件，2023年结转132件；办理1503件，结转2025年183件。"
    )
    imported = import_text(_report(head=[], opening=opening, tail=[]).replace("2019年", ""), source="x.txt")
    assert imported.data["meta"]["year"] == 2024
