"""The chain with an injected LangChain chat model (no HTTP): replies, repairs, fallbacks, events."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest

from report_copilot.drafting.base import NARRATIVE_SECTIONS
from report_copilot.drafting.llm import Reply, disable_tracing
from report_copilot.drafting.replies import markup_problems, review_reply
from report_copilot.drafting.slices import all_references, data_slice
from report_copilot.errors import DraftCancelled
from report_copilot.model.report import ReportBase
from report_copilot.service.drafting import DraftEvent, draft_report, draft_report_async
from report_copilot.settings import load_settings
from tests.drafting.fakes import ScriptedChatModel

PLATFORMS = "“（四）政府信息公开平台建设”小标题"


def test_injected_model_drafts_every_section(report_2021: ReportBase) -> None:
    model = ScriptedChatModel()
    events: list[DraftEvent] = []
    result = draft_report(report_2021, chat_model=model, use_cache=False, on_event=events.append)
    assert result.backend == "openai" and result.ok
    assert [s.outcome for s in result.sections] == ["llm"] * len(NARRATIVE_SECTIONS)
    assert len(model.prompts) == len(NARRATIVE_SECTIONS)
    assert result.provenance.endpoint is not None
    assert (result.provenance.endpoint.host, result.provenance.model) == ("injected", "ScriptedChatModel")
    assert any(e.kind == "chunk" for e in events) and events[-1].kind == "done"


def test_first_person_and_markdown_are_handled(report_2021: ReportBase) -> None:
    model = ScriptedChatModel(
        script=[(PLATFORMS, "## （四）政府信息公开平台建设\n\n**我们**加强了网站建设。")]
    )
    result = draft_report(report_2021, chat_model=model, use_cache=False)
    section = next(s for s in result.sections if s.key == "overview.platforms")
    assert section.outcome == "repaired"
    assert any("未通过数字核对" in p and "用了“我们”" in p for p in model.prompts)
    assert "我们" not in " ".join(section.paragraphs) and "**" not in " ".join(section.paragraphs)


def test_wrong_twice_falls_back(report_2021: ReportBase) -> None:
    wrong = "本局“云溪市场监管”微信公众号发布信息9999条。"
    model = ScriptedChatModel(script=[(PLATFORMS, wrong), ("未通过数字核对", wrong)])
    result = draft_report(report_2021, chat_model=model, use_cache=False)
    section = next(s for s in result.sections if s.key == "overview.platforms")
    assert section.outcome == "fallback" and "9999" not in " ".join(section.paragraphs)
    assert "2315条" in " ".join(section.paragraphs)
    assert result.ok


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("### （一）主动公开\n本局做好公开。", "标题"),
        ("本局做好公开。\n七、附则\n本报告自发布之日起施行。", "标题"),
        ("| 项目 | 数量 |\n|---|---|\n| 申请 | 72 |", "表格"),
        ("- 本局做好公开。", "列表"),
        ("1. 本局做好公开。", "列表"),
        ("本局做好公开。\n---\n本局加强管理。", "分隔线"),
        ("```\n本局做好公开。\n```", "代码"),
        ("本局做好公开。<!-- signature -->", "注释"),
        ('<table data-table="requests"></table>', "HTML"),
        ("本局做好公开。<script>alert(1)</script>", "HTML"),
        ("> 本局做好公开。", "引用"),
        ("**本局**做好公开。", "加粗"),
    ],
)
def test_anything_but_prose_fails_the_reply(text: str, kind: str) -> None:
    problems = markup_problems(text)
    assert problems and any(kind in p for p in problems)


def test_plain_paragraphs_are_prose() -> None:
    text = (
        "本局坚持以公开为常态。\n\n一是加强组织领导；二是完善制度。\n本年新收申请[[requests.new.total]]件。"
    )
    assert markup_problems(text) == []


def test_bidi_and_zero_width_characters_are_removed(report_2021: ReportBase) -> None:
    refs = data_slice("overview.on_request", report_2021, all_references(report_2021))
    ok, problems = review_reply(
        Reply("本局新收政府信息公开申请\u202e72\u202c件\u200b。", None, "stop", True),
        "overview.on_request",
        refs,
        report_2021,
    )
    assert problems == [] and ok == ["本局新收政府信息公开申请72件。"]
    _, problems = review_reply(
        Reply("本局新收政府信息公开申请\u202e27\u202c件。", None, "stop", True),
        "overview.on_request",
        refs,
        report_2021,
    )
    assert problems and "27" in problems[0]


def test_review_reply_verdicts(report_2021: ReportBase) -> None:
    refs = data_slice("overview.on_request", report_2021, all_references(report_2021))
    ok, problems = review_reply(
        Reply("本局新收政府信息公开申请[[requests.new.total]]件。", None, "stop", True),
        "overview.on_request",
        refs,
        report_2021,
    )
    assert problems == [] and ok == ["本局新收政府信息公开申请72件。"]
    _, problems = review_reply(Reply("本局新收", None, None, True), "overview.on_request", refs, report_2021)
    assert "截断" in problems[0]
    _, problems = review_reply(
        Reply("本局" * 20, None, "length", True), "overview.on_request", refs, report_2021
    )
    assert "截断" in problems[0]
    _, problems = review_reply(
        Reply("本局新收政府信息公开申请", None, "content_filter", True),
        "overview.on_request",
        refs,
        report_2021,
    )
    assert "内容过滤" in problems[0]
    _, problems = review_reply(
        Reply("本局新收政府信息公开申请70件。", None, "stop", True), "overview.on_request", refs, report_2021
    )
    assert problems and "70件" in problems[0]


def test_data_slices_bind_back(report_2021: ReportBase) -> None:
    refs = all_references(report_2021)
    for section in NARRATIVE_SECTIONS:
        own = data_slice(section, report_2021, refs)
        assert len(own) <= 40, section
        assert all(r.key in refs for r in own.values())
    assert "requests.new.total" in data_slice("overview.on_request", report_2021, refs)
    assert data_slice("preface", report_2021, refs) == {}
    assert "fact.platforms.wechat_posts" in data_slice("overview.platforms", report_2021, refs)


def test_cancel_before_start(report_2021: ReportBase) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(DraftCancelled):
        draft_report(report_2021, chat_model=ScriptedChatModel(), cancel=cancel, use_cache=False)
    with pytest.raises(DraftCancelled):
        draft_report(report_2021, backend="template", cancel=cancel)


def test_async_entry_runs_in_the_callers_loop(report_2021: ReportBase) -> None:
    async def inside() -> bool:
        result = await draft_report_async(report_2021, chat_model=ScriptedChatModel(), use_cache=False)
        return result.ok

    assert asyncio.run(inside())


def test_template_events(report_2021: ReportBase) -> None:
    events: list[DraftEvent] = []
    result = draft_report(report_2021, backend="template", on_event=events.append)
    assert [e.kind for e in events].count("section_done") == len(NARRATIVE_SECTIONS)
    assert result.provenance.prompts == [] and result.provenance.totals["model_calls"] == 0


def test_langsmith_is_off_unless_opted_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGSMITH_TRACING", "true")
    monkeypatch.setenv("LANGCHAIN_TRACING_V2", "true")
    disable_tracing(load_settings(langsmith_tracing=True))
    assert os.environ["LANGSMITH_TRACING"] == "true"
    disable_tracing(load_settings())
    assert os.environ["LANGSMITH_TRACING"] == "false" and os.environ["LANGCHAIN_TRACING_V2"] == "false"
