"""The template's sentence on 2019's 政府集中采购 binds both its figures (a real imported report
drafted with the template raised P-0 on its own "金额256146元")."""

from __future__ import annotations

from typing import Any

from report_copilot.checks.prose import check_draft
from report_copilot.drafting.template import template_draft
from report_copilot.inputs.json_input import report_from_data
from tests.conftest import set_cell


def test_procurement_amount_is_written_as_the_checker_binds_it(seed_2019: dict[str, Any]) -> None:
    data = set_cell(seed_2019, "active.procurement.projects", 22)
    data = set_cell(data, "active.procurement.amount", 256146)
    report = report_from_data(data)
    draft, _ = template_draft(report)
    check = check_draft(draft, report)
    amounts = [m for m in check.mentions if "256146" in m.text]
    assert amounts and all(m.verdict == "bound" for m in amounts), [(m.text, m.verdict) for m in amounts]
