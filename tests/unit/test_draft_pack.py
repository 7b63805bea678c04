"""A draft parked between the folder audit's two passes comes back whole."""

from __future__ import annotations

import pickle

from report_copilot.model.draft import Block, Draft


def test_a_packed_draft_reads_back_as_the_same_draft() -> None:
    """The folder audit parks drafts as plain tuples between its passes: nothing may be lost."""
    draft = Draft(
        title="某局2024年政府信息公开工作年度报告",
        blocks=[
            Block(kind="title", text="某局2024年政府信息公开工作年度报告"),
            Block(kind="heading", text="一、总体情况", level=1, section="overview"),
            Block(kind="paragraph", text="全年共收到申请49件。\u2028", section="overview"),
            Block(kind="table", text="requests", section="requests"),
            Block(kind="signature", text="某局\n2025年1月", section="signature"),
        ],
    )
    back = Draft.unpacked(pickle.loads(pickle.dumps(draft.packed())))
    assert back == draft and back.model_dump() == draft.model_dump()
