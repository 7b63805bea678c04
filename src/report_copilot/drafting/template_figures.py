"""The template drafter's sentences built from the tables: 二 in prose, 三's outcomes, 四's appeals.

Each figure is quoted from the data next to words the number checker binds (so numbers are right by
construction), in the wording a report uses rather than the table header's (作出行政许可决定2134件, not
行政许可本年处理决定2134件: lint rule L-7).
"""

from __future__ import annotations

from decimal import Decimal

from report_copilot.drafting.base import number_text
from report_copilot.drafting.style import Style
from report_copilot.model.cells import CellValues, Number, magnitude
from report_copilot.model.formats import ColumnDef
from report_copilot.model.report import ReportBase

_OUTCOME_ROWS = (("granted", "予以公开"), ("partially_granted", "部分公开"))
_OUTCOME_GROUPS = (
    ("denied", "不予公开"),
    ("unavailable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
)
_APPEAL_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
)


class TableFigures:
    """Sentences from the tables of one report (mixed into the template drafter)."""

    report: ReportBase
    values: CellValues
    short: str
    year: int
    style: Style

    def cell(self, cell_id: str) -> Number | None:
        if cell_id not in self.report.format.cells:
            return None
        return self.values.get(cell_id)

    def group_sum(self, table: str, group: str, column: str = "total") -> Number | None:
        """Subtotal of a row group (不予公开, 行政诉讼 …) in one column, from the format definition."""
        for block in self.report.format.table(table).blocks:
            g = block.row_group(group)
            if g is not None:
                parts = [self.cell(f"{table}.{row}.{column}") for row in block.group_rows(g)]
                present = [p for p in parts if p is not None]
                return None if len(present) < len(parts) else sum(present)
        return None

    def column_group_sum(self, table: str, row: str, group: str) -> Number | None:
        for block in self.report.format.table(table).blocks:
            g = block.column_group(group)
            if g is not None:
                parts = [self.cell(f"{table}.{row}.{c}") for c in block.group_columns(g)]
                present = [p for p in parts if p is not None]
                return None if len(present) < len(parts) else sum(present)
        return None

    def change(self, cell_id: str, value: Number) -> str:
        """，较上年增加N件 / 减少N件 / 与上年持平 — only when last year's report gives the figure (P-12)."""
        previous = self.report.previous_report
        if previous is None or cell_id not in previous.format.cells:
            return ""
        before = CellValues.of(previous).get(cell_id)
        if before is None:
            return ""
        diff = value - before
        if diff == 0:
            return "，与上年持平"
        word = "增加" if diff > 0 else "减少"
        return f"，较上年{word}{number_text(magnitude(diff))}件"

    # ------------------------------------------------------------------ 二
    def active_table_sentence(self) -> str:
        """The non-zero rows of table 二 in prose (P-11): 制发行政规范性文件5件、废止3件……"""
        clauses: list[str] = []
        for block in self.report.format.table("active").blocks:
            for row in block.rows:
                figures: list[str] = []
                for column in block.columns:
                    value = self.cell(f"active.{row.id}.{column.id}")
                    if value is None or value == 0:
                        continue
                    key = "change_negative" if column.id == "change" and value < 0 else column.id
                    text = self.style.figure(key, not figures, row.label, _value_with_unit(value, column))
                    if text is None:  # a column the wording data does not know: its label, as before
                        text = f"{row.label if not figures else ''}{column.label}{_value_with_unit(value, column)}"
                    figures.append(text)
                if figures:
                    clauses.append("、".join(figures))
        return "；".join(clauses) + "。" if clauses else ""

    # ------------------------------------------------------------------ 三
    def requests_sentence(self) -> str:
        """新收 / 上年结转 / 办结 with its outcomes / 结转下年度 — group totals across all applicants (P-1…P-4)."""
        new = self.cell("requests.new.total")
        if new is None:
            return ""
        text = f"{self.year}年，{self.short}新收政府信息公开申请{number_text(new)}件"
        change = self.change("requests.new.total", new)
        if new:
            natural = self.cell("requests.new.natural_person")
            legal = self.column_group_sum("requests", "new", "legal_persons")
            split = []
            if natural:
                split.append(f"自然人申请{number_text(natural)}件")
            if legal:
                split.append(f"法人或其他组织申请{number_text(legal)}件")
            if split:  # the change after the split, in its own clause: 其中 must not sum to it (P-9)
                text += "，其中" + "、".join(split)
                change = change.replace("，", "；新收申请", 1)
        text += change
        if carried := self.cell("requests.carried_over.total"):
            text += f"；上年结转政府信息公开申请{number_text(carried)}件"
        done = self.cell("requests.total.total")
        if done is not None:
            text += f"；办结政府信息公开申请{number_text(done)}件"
            outcomes = self._outcomes()
            if outcomes and done:
                text += "，其中" + "，".join(outcomes)
        forward = self.cell("requests.carried_forward.total")
        if forward is not None:
            text += (
                f"；结转下年度继续办理{number_text(forward)}件"
                if forward
                else "；没有结转下年度继续办理的申请"
            )
        return text + "。"

    def _outcomes(self) -> list[str]:
        outcomes = []
        for row, label in _OUTCOME_ROWS:
            if value := self.cell(f"requests.{row}.total"):
                outcomes.append(f"{label}{number_text(value)}件")
        for group, label in _OUTCOME_GROUPS:
            value = self.group_sum("requests", group)
            if value is None:  # 2019: 其他处理 is a single row
                value = self.cell(f"requests.{group}.total")
            if value:
                outcomes.append(f"{label}{number_text(value)}件")
        return outcomes

    # ------------------------------------------------------------------ 四
    def appeals_sentence(self) -> str:
        review = self.cell("appeals.review.total")
        suits = self.group_sum("appeals", "litigation")
        if review is None or suits is None:
            return ""
        if review == 0 and suits == 0:
            return f"{self.year}年，{self.short}未发生因政府信息公开工作引起的行政复议和行政诉讼。"
        parts = []
        if review:
            detail = [
                f"{label}{number_text(v)}件"
                for column, label in _APPEAL_RESULTS
                if (v := self.cell(f"appeals.review.{column}"))
            ]
            parts.append(
                f"因政府信息公开工作被申请行政复议{number_text(review)}件"
                + (f"（{'、'.join(detail)}）" if detail else "")
            )
        else:
            parts.append("未发生因政府信息公开工作引起的行政复议")
        if suits:
            detail = []
            if direct := self.cell("appeals.direct_suit.total"):
                detail.append(f"未经复议直接起诉{number_text(direct)}件")
            if after := self.cell("appeals.suit_after_review.total"):
                detail.append(f"复议后起诉{number_text(after)}件")
            parts.append(
                f"被提起行政诉讼{number_text(suits)}件" + (f"（{'、'.join(detail)}）" if detail else "")
            )
        else:
            parts.append("未发生因政府信息公开工作引起的行政诉讼")
        return f"{self.year}年，{self.short}" + "，".join(parts) + "。"

    # ------------------------------------------------------------------ 五
    def problems_from_data(self) -> list[str]:
        """Problems the tables themselves show: appeals the applicant won."""
        out = []
        if corrected := self.cell("appeals.review.corrected") or 0:
            out.append(f"依申请公开答复的规范性有待加强，行政复议结果纠正{number_text(corrected)}件")
        suits = [self.cell(f"appeals.{row}.corrected") or 0 for row in ("direct_suit", "suit_after_review")]
        if any(suits):
            parts = []
            if suits[0]:
                parts.append(f"未经复议直接起诉结果纠正{number_text(suits[0])}件")
            if suits[1]:
                parts.append(f"复议后起诉结果纠正{number_text(suits[1])}件")
            out.append("行政诉讼中有被纠正的情况，" + "、".join(parts))
        return out


def _value_with_unit(value: Number, column: ColumnDef) -> str:
    if column.unit:
        return f"{number_text(value)}{column.unit}"
    if column.kind == "money":
        return f"{number_text(value if isinstance(value, Decimal) else Decimal(value))}元"
    if column.id in {"previous_items", "change"}:
        return f"{number_text(value)}项"
    if column.id == "projects":
        return f"{number_text(value)}个"
    return f"{number_text(value)}件"
