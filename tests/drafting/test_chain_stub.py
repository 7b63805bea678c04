"""The model backend end to end: real ChatOpenAI over real HTTP against the local stub server.

Every scripted fault must end in a checked draft: the section is repaired once or falls back to the
template drafter with a Chinese message naming it; no unchecked number ever reaches the draft.
"""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.drafting.base import NARRATIVE_SECTIONS
from report_copilot.errors import DraftCancelled
from report_copilot.model.report import ReportBase
from report_copilot.service.drafting import DraftEvent, DraftResult, draft_report
from report_copilot.settings import CopilotSettings
from tests.stub_openai import Reply, StubOpenAI

ON_REQUEST = "“（二）依申请公开”小标题"
"""A phrase only the 一（二） prompt contains: scripts a fault for that section."""

MODEL_SECTIONS = [k for k in NARRATIVE_SECTIONS if k != "other"] + ["other"]


def _draft(report: ReportBase, settings: CopilotSettings, **kwargs: Any) -> DraftResult:
    return draft_report(report, settings=settings, use_cache=False, **kwargs)


def _section(result: DraftResult, key: str) -> Any:
    return next(s for s in result.sections if s.key == key)


def _text(result: DraftResult) -> str:
    return "\n".join(b.text for b in result.draft.blocks)


def test_normal_streamed_run_is_concurrent_and_checked(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings
) -> None:
    stub.latency = 0.3
    events: list[DraftEvent] = []
    result = _draft(report_2021, stub_settings, on_event=events.append)
    assert result.ok, [f.message for f in result.errors]
    assert {s.outcome for s in result.sections} == {"llm"}
    assert stub.calls == len(NARRATIVE_SECTIONS)  # the example has notes for 六, so every unit is a call
    assert stub.max_in_flight >= 2
    assert all(body["stream"] for body in stub.requests)
    assert all(s.usage and s.usage["prompt_tokens"] > 0 for s in result.sections)
    assert "本年新收政府信息公开申请72件" in _text(result)  # [[requests.new.total]] substituted
    assert "[[" not in _text(result)
    kinds = [e.kind for e in events]
    assert kinds[-1] == "done" and kinds.count("section_done") == len(NARRATIVE_SECTIONS)
    for key in NARRATIVE_SECTIONS:
        mine = [e.kind for e in events if e.section == key]
        assert mine[0] == "start" and mine[-1] == "section_done" and "chunk" in mine
    prov = result.provenance.model_dump(mode="json")
    assert prov["backend"] == "openai" and prov["endpoint"]["host"].startswith("127.0.0.1:")
    assert prov["endpoint"]["model"] == "stub-model"
    assert {p["name"] for p in prov["prompts"]} >= {"style", "repair", *NARRATIVE_SECTIONS}
    assert prov["totals"]["model_calls"] == len(NARRATIVE_SECTIONS)
    on_request = next(s for s in prov["sections"] if s["key"] == "overview.on_request")
    assert any(n["ref"] == "requests.new.total" and n["verdict"] == "bound" for n in on_request["numbers"])


def test_non_streamed_replies(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings
) -> None:
    settings = stub_settings.model_copy(update={"stream": False})
    result = _draft(report_2021, settings)
    assert result.ok and {s.outcome for s in result.sections} == {"llm"}
    assert not any(body.get("stream") for body in stub.requests)


@pytest.mark.parametrize(
    "bad",
    [
        "2024年，本局新收政府信息公开申请99件，办结政府信息公开申请71件。",  # wrong number
        "2024年，本局开展政府信息公开专项检查17次，新收政府信息公开申请[[requests.new.total]]件。",  # invented
        "",  # empty content
        "Lorem ipsum dolor sit amet, 12345 consectetur adipiscing elit.",  # non-Chinese garbage
        "本局新收申请[[requests.no_such_cell]]件。",  # unknown reference
    ],
)
def test_bad_reply_is_repaired_once(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings, bad: str
) -> None:
    stub.enqueue(Reply(content=bad), match=ON_REQUEST)
    events: list[DraftEvent] = []
    result = _draft(report_2021, stub_settings, on_event=events.append)
    section = _section(result, "overview.on_request")
    assert section.outcome == "repaired" and section.attempts == 2
    assert result.ok
    repair_request = next(
        b for b in stub.requests if len(b["messages"]) == 4 and ON_REQUEST in b["messages"][1]["content"]
    )
    assert "未通过数字核对" in repair_request["messages"][3]["content"]
    assert repair_request["messages"][2] == {"role": "assistant", "content": bad} or bad == ""
    assert any(e.kind == "repair" and e.section == "overview.on_request" for e in events)
    if "99件" in bad or "17次" in bad:
        assert "99件" not in _text(result) and "17次" not in _text(result)


def test_still_wrong_after_repair_falls_back_to_template(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings
) -> None:
    wrong = "2024年，本局新收政府信息公开申请99件。"
    stub.enqueue(Reply(content=wrong), match=ON_REQUEST)
    stub.enqueue(Reply(content=wrong), match="“（二）依申请公开”")
    events: list[DraftEvent] = []
    result = _draft(report_2021, stub_settings, on_event=events.append)
    section = _section(result, "overview.on_request")
    assert section.outcome == "fallback"
    assert "（二）依申请公开" in section.message and "模板" in section.message
    assert "99件" not in _text(result)
    assert result.ok  # the template text checks
    assert any(e.kind == "fallback" and e.section == "overview.on_request" for e in events)
    record = next(s for s in result.provenance.sections if s.key == "overview.on_request")
    assert record.outcome == "fallback" and record.attempts == 2 and record.failure == "checks"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(kind="status", status=500), "HTTP 500"),
        (Reply(kind="status", status=401), "API 密钥"),
        (Reply(kind="timeout", delay=4.0), "超时"),
        (Reply(content="本局" * 40, kind="truncated"), "连接中断"),
    ],
)
def test_transport_faults_fall_back_with_a_clear_message(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings, reply: Reply, message: str
) -> None:
    # a short timeout only where a timeout is the fault under test (two shared cores are slow)
    settings = stub_settings.model_copy(update={"timeout": 1.5}) if reply.kind == "timeout" else stub_settings
    stub.enqueue(reply, match=ON_REQUEST)
    events: list[DraftEvent] = []
    result = _draft(report_2021, settings, on_event=events.append)
    section = _section(result, "overview.on_request")
    assert section.outcome == "fallback"
    assert message in section.message and "依申请公开" in section.message
    assert result.ok
    refusals = [e for e in events if e.kind in {"fallback", "error"} and e.section == "overview.on_request"]
    assert len(refusals) == 1 and message in refusals[0].message  # each refusal reported once
    others = [s.outcome for s in result.sections if s.key != "overview.on_request"]
    assert set(others) == {"llm"}


def test_429_with_retry_after_is_retried(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings
) -> None:
    settings = stub_settings.model_copy(update={"max_retries": 1})
    stub.enqueue(Reply(kind="status", status=429, headers={"Retry-After": "0.1"}), match=ON_REQUEST)
    result = _draft(report_2021, settings)
    assert _section(result, "overview.on_request").outcome == "llm"
    assert stub.calls == len(NARRATIVE_SECTIONS) + 1


def test_unreachable_endpoint_falls_back_everywhere(
    report_2021: ReportBase, stub_settings: CopilotSettings
) -> None:
    settings = stub_settings.model_copy(update={"base_url": "http://127.0.0.1:9/v1"})
    result = _draft(report_2021, settings)
    assert {s.outcome for s in result.sections} == {"fallback"}
    assert all("无法连接模型服务" in s.message for s in result.sections)
    assert result.ok and result.model_unavailable


def test_cache_makes_an_unchanged_rerun_free(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings
) -> None:
    first = draft_report(report_2021, settings=stub_settings)
    calls = stub.calls
    second = draft_report(report_2021, settings=stub_settings)
    assert stub.calls == calls
    assert {s.outcome for s in second.sections} == {"cached"}
    assert second.draft == first.draft
    draft_report(report_2021, settings=stub_settings, use_cache=False)
    assert stub.calls == 2 * calls
    other_model = stub_settings.model_copy(update={"model": "another"})
    draft_report(report_2021, settings=other_model)
    assert stub.calls == 3 * calls


def test_cancel_stops_the_run(
    report_2021: ReportBase, stub: StubOpenAI, stub_settings: CopilotSettings
) -> None:
    import threading

    stub.latency = 2.0
    cancel = threading.Event()

    def on_event(event: DraftEvent) -> None:
        if event.kind == "start":
            cancel.set()

    with pytest.raises(DraftCancelled):
        _draft(report_2021, stub_settings, on_event=on_event, cancel=cancel)


def test_config_file_selects_the_model_backend(
    report_2021: ReportBase, stub: StubOpenAI, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_copilot.service.drafting import drafting_settings

    assert drafting_settings() is None  # nothing configured: offline, no settings needed
    assert draft_report(report_2021).backend == "template"
    config = tmp_path / "config.toml"
    config.write_text(
        f'base_url = "{stub.base_url}"\nmodel = "office-model"\nmax_retries = 0\n', encoding="utf-8"
    )
    monkeypatch.setenv("COPILOT_CONFIG_FILE", str(config))
    settings = drafting_settings()
    assert settings is not None and settings.resolved_backend() == "openai"
    result = draft_report(report_2021, use_cache=False)
    assert result.backend == "openai" and result.provenance.model == "office-model"
    assert stub.requests and all(body["model"] == "office-model" for body in stub.requests)
    assert draft_report(report_2021, backend="template").backend == "template"
