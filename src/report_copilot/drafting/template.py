"""The offline drafter: official-register prose from the tables, the facts and the staff's notes.

Deterministic and network-free, it is the default backend on a machine with no model configured and
the fallback of every unit a model gets wrong. It never invents: each sentence states a figure of the
report (quoted with its official label and unit, so the number checker binds it), a fact the staff
entered, or a note the staff wrote. Where notes are missing it writes a sober sentence that claims
nothing beyond the law, and says so in a DRAFT-NOTES warning so the clerk can add the specifics the
format demands (不宜泛化).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from report_copilot.checks.findings import Finding
from report_copilot.drafting.base import (
    NARRATIVE_SECTIONS,
    assemble,
    clause,
    date_text,
    enumerate_points,
    notes_warning,
    number_text,
    sentence,
    short_name,
)
from report_copilot.model.cells import CellValues, Number, magnitude
from report_copilot.model.draft import Draft
from report_copilot.model.formats import BlockDef, ColumnDef
from report_copilot.model.refs import quoted
from report_copilot.model.report import Fact, ReportBase

FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

_SUBSECTION_FACTS = {
    "overview.active_disclosure": ("active_disclosure", "active"),
    "overview.on_request": ("on_request", "requests"),
    "overview.information_management": ("information_management", "management"),
    "overview.platforms": ("platforms", "platform"),
    "overview.oversight": ("oversight", "supervision"),
}
"""Fact `section` values (and id prefixes) that belong to each sub-area of 一."""


class TemplateDrafter:
    """Writes every narrative unit of one report; `warnings` collects what the clerk should add."""

    def __init__(self, report: ReportBase) -> None:
        self.report = report
        self.values = CellValues.of(report)
        self.short = short_name(report)
        self.year = report.meta.year
        self.warnings: list[Finding] = []
        self.signature_warnings()

    # ------------------------------------------------------------------ public
    def signature_warnings(self) -> None:
        if self.report.meta.issue_date is None:
            self.warnings.append(
                Finding(
                    rule="DRAFT-NOTES",
                    severity="warning",
                    location="meta.issue_date",
                    where="落款",
                    message="落款：没有填写发布日期（meta.issue_date），落款只有机关名称，请补充",
                )
            )

    def draft(self) -> Draft:
        bodies = {key: self.section(key) for key in NARRATIVE_SECTIONS}
        return assemble(self.report, bodies, self.fixed())

    def section(self, key: str) -> list[str]:
        """The paragraphs of one narrative unit."""
        writer: Callable[[], list[str]] = {
            "preface": self.preface,
            "overview": self.overview,
            "overview.active_disclosure": self.active_disclosure,
            "overview.on_request": self.on_request,
            "overview.information_management": self.information_management,
            "overview.platforms": self.platforms,
            "overview.oversight": self.oversight,
            "problems": self.problems,
            "other": self.other,
        }[key]
        return [p for p in writer() if p]

    def fixed(self) -> dict[str, list[str]]:
        """Sentences fixed by the data in every backend: table lead sentences and the fee sentence."""
        y = self.year
        return {
            "active": [f"{y}年，{self.short}主动公开政府信息情况如下表。"],
            "requests": [f"{y}年，{self.short}收到和处理政府信息公开申请情况如下表。"],
            "appeals": [f"{y}年，{self.short}政府信息公开行政复议、行政诉讼情况如下表。"],
            "other.fee": self.fee_sentences(),
        }

    # ------------------------------------------------------------------ helpers
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
                if len(present) < len(parts):
                    return None
                return sum(present)
        return None

    def column_group_sum(self, table: str, row: str, group: str) -> Number | None:
        for block in self.report.format.table(table).blocks:
            g = block.column_group(group)
            if g is not None:
                parts = [self.cell(f"{table}.{row}.{c}") for c in block.group_columns(g)]
                present = [p for p in parts if p is not None]
                if len(present) < len(parts):
                    return None
                return sum(present)
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

    def facts_for(self, section: str) -> list[Fact]:
        names = _SUBSECTION_FACTS.get(section, (section,))
        out = []
        for fact in self.report.facts:
            home = fact.section or fact.id.split(".", 1)[0]
            if home in names:
                out.append(fact)
        return out

    def fact_phrase(self, fact: Fact) -> str:
        """label + value + unit, with the qualifier where the source put it (100余人, 近100人)."""
        return f"{clause(fact.label)}{quoted(number_text(fact.value), fact.unit, fact.qualifier)}"

    def facts_sentence(self, section: str, lead: str = "全年") -> str:
        facts = self.facts_for(section)
        if not facts:
            return ""
        return lead + "，".join(self.fact_phrase(f) for f in facts) + "。"

    def notes(self, field: str) -> list[str]:
        return [n for n in getattr(self.report.notes, field) if clause(n)]

    def with_notes(self, section: str, field: str, lead: str, fallback: str, what: str) -> str:
        """A paragraph from the staff's notes, or a neutral sentence plus a DRAFT-NOTES warning."""
        points = self.notes(field)
        if points:
            if len(points) == 1:
                return f"{lead}，{enumerate_points(points)}"
            return f"{lead}：{enumerate_points(points)}"
        self.warnings.append(notes_warning(section, field, what))
        return fallback

    # ------------------------------------------------------------------ preface
    def preface(self) -> list[str]:
        meta, fmt = self.report.meta, self.report.format
        basis = f"《中华人民共和国政府信息公开条例》（以下简称《条例》）和《{fmt.title}》（{fmt.document}）"
        if meta.provincial_notice:
            basis += f"以及{clause(meta.provincial_notice)}"
        paragraphs = [
            f"本报告依据{basis}要求编制，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        ]
        start = date_text(meta.period_start) if meta.period_start else f"{self.year}年1月1日"
        end = date_text(meta.period_end) if meta.period_end else f"{self.year}年12月31日"
        where = ""
        if meta.portal and meta.url:
            where = f"本报告电子版可在{meta.portal}（{meta.url}）查阅或下载。"
        elif meta.portal or meta.url:
            where = f"本报告电子版可在{meta.portal or meta.url}查阅或下载。"
        paragraphs.append(f"本报告中所列数据的统计期限自{start}起至{end}止。{where}")
        c = meta.contact
        details = [
            f"{label}：{value}"
            for label, value in (
                ("地址", c.address),
                ("邮编", c.postcode),
                ("电话", c.telephone),
                ("电子邮箱", c.email),
            )
            if value
        ]
        if c.office or details:
            who = c.office or meta.agency
            more = f"（{'；'.join(details)}）" if details else ""
            paragraphs.append(f"如对本报告有疑问，请与{who}联系{more}。")
        else:
            self.warnings.append(
                Finding(
                    rule="DRAFT-NOTES",
                    severity="warning",
                    location="meta.contact",
                    where="报告开头说明",
                    message="报告开头说明：没有填写联系方式（meta.contact），公众无法就报告提出疑问，请补充联系部门和电话",
                )
            )
        paragraphs += [sentence(n) for n in self.notes("preface")]
        return paragraphs

    # ------------------------------------------------------------------ 一、总体情况
    def overview(self) -> list[str]:
        parts: list[str] = []
        lead_fact = next(iter(self.facts_for("overview.active_disclosure")), None)
        if lead_fact is not None:
            parts.append(self.fact_phrase(lead_fact))
        new, done = self.cell("requests.new.total"), self.cell("requests.total.total")
        if new is not None:
            parts.append(f"新收政府信息公开申请{number_text(new)}件{self.change('requests.new.total', new)}")
        if done is not None:
            parts.append(f"办结政府信息公开申请{number_text(done)}件")
        review = self.cell("appeals.review.total")
        suits = self.group_sum("appeals", "litigation")
        if review is not None and suits is not None:
            if review == 0 and suits == 0:
                parts.append("未发生因政府信息公开工作引起的行政复议和行政诉讼")
        general = [self.fact_phrase(f) for f in self.report.facts if f.section is None and "." not in f.id]
        text = (
            f"{self.year}年，{self.short}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，"
            "坚持以公开为常态、不公开为例外，推进政府信息公开工作规范化、标准化"
        )
        if parts:
            text += "。全年" + "，".join(parts)
        text += "。"
        if general:
            text += "此外，" + "，".join(general) + "。"
        return [text]

    def active_disclosure(self) -> list[str]:
        first = self.with_notes(
            "overview.active_disclosure",
            "active_disclosure",
            f"{self.short}扎实做好主动公开工作",
            f"{self.short}按照《条例》第十九条、第二十条规定，主动公开本机关职责范围内的政府信息。",
            "正文只写了法定职责，请补充本年度主动公开的重点领域和具体做法",
        )
        figures = self.facts_sentence("overview.active_disclosure")
        table = self.active_table_sentence()
        second = " ".join(t for t in (figures, table) if t).replace("。 ", "。")
        return [first, second]

    def active_table_sentence(self) -> str:
        """The non-zero rows of table 二 in prose, column labels made readable (P-11)."""
        clauses: list[str] = []
        table = self.report.format.table("active")
        for block in table.blocks:
            for row in block.rows:
                figures = []
                for column in block.columns:
                    value = self.cell(f"active.{row.id}.{column.id}")
                    if value is None or value == 0:
                        continue
                    figures.append(f"{_column_words(block, column)}{_value_with_unit(value, column)}")
                if figures:
                    clauses.append(f"{row.label}{'、'.join(figures)}")
        if not clauses:
            return ""
        return "；".join(clauses) + "。"

    def on_request(self) -> list[str]:
        first = self.with_notes(
            "overview.on_request",
            "on_request",
            f"{self.short}依法规范办理政府信息公开申请",
            f"{self.short}依照《条例》规定的程序和时限受理、办理和答复政府信息公开申请。",
            "正文只写了法定程序，请补充本年度依申请公开的制度和做法",
        )
        return [first, self.requests_sentence(), self.appeals_sentence()]

    def requests_sentence(self) -> str:
        """新收 / 上年结转 / 办结 with its outcomes / 结转下年度 — group totals across all applicants (P-1…P-4)."""
        new = self.cell("requests.new.total")
        if new is None:
            return ""
        carried = self.cell("requests.carried_over.total")
        done = self.cell("requests.total.total")
        forward = self.cell("requests.carried_forward.total")
        text = f"{self.year}年，{self.short}新收政府信息公开申请{number_text(new)}件"
        if new:
            natural = self.cell("requests.new.natural_person")
            legal = self.column_group_sum("requests", "new", "legal_persons")
            split = []
            if natural:
                split.append(f"自然人申请{number_text(natural)}件")
            if legal:
                split.append(f"法人或其他组织申请{number_text(legal)}件")
            if split:
                text += "，其中" + "、".join(split)
        if carried:
            text += f"；上年结转政府信息公开申请{number_text(carried)}件"
        if done is not None:
            outcomes = []
            for row, label in (("granted", "予以公开"), ("partially_granted", "部分公开")):
                value = self.cell(f"requests.{row}.total")
                if value:
                    outcomes.append(f"{label}{number_text(value)}件")
            for group, label in (
                ("denied", "不予公开"),
                ("unavailable", "无法提供"),
                ("not_processed", "不予处理"),
                ("other", "其他处理"),
            ):
                value = self.group_sum("requests", group)
                if value is None:  # 2019: 其他处理 is a single row
                    value = self.cell(f"requests.{group}.total")
                if value:
                    outcomes.append(f"{label}{number_text(value)}件")
            text += f"；办结政府信息公开申请{number_text(done)}件"
            if outcomes and done:
                text += "，其中" + "，".join(outcomes)
        if forward is not None:
            if forward:
                text += f"；结转下年度继续办理{number_text(forward)}件"
            else:
                text += "；没有结转下年度继续办理的申请"
        return text + "。"

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
                f"结果{label}{number_text(v)}件"
                for column, label in (
                    ("upheld", "维持"),
                    ("corrected", "纠正"),
                    ("other", "其他"),
                    ("pending", "未审结"),
                )
                if (v := self.cell(f"appeals.review.{column}"))
            ]
            detail = [d.replace("结果其他", "其他结果").replace("结果未审结", "尚未审结") for d in detail]
            parts.append(
                f"因政府信息公开工作被申请行政复议{number_text(review)}件"
                + (f"（{'、'.join(detail)}）" if detail else "")
            )
        else:
            parts.append("未发生因政府信息公开工作引起的行政复议")
        if suits:
            direct = self.cell("appeals.direct_suit.total")
            after = self.cell("appeals.suit_after_review.total")
            detail = []
            if direct:
                detail.append(f"未经复议直接起诉{number_text(direct)}件")
            if after:
                detail.append(f"复议后起诉{number_text(after)}件")
            parts.append(
                f"被提起行政诉讼{number_text(suits)}件" + (f"（{'、'.join(detail)}）" if detail else "")
            )
        else:
            parts.append("未发生因政府信息公开工作引起的行政诉讼")
        return f"{self.year}年，{self.short}" + "，".join(parts) + "。"

    def information_management(self) -> list[str]:
        first = self.with_notes(
            "overview.information_management",
            "information_management",
            f"{self.short}加强政府信息管理",
            f"{self.short}按照《条例》规定，做好政府信息的制作、保存和公开前审查工作。",
            "正文只写了法定要求，请补充公开事项目录、发布审查、动态调整等具体做法",
        )
        return [first + self.facts_sentence("overview.information_management", "本年度")]

    def platforms(self) -> list[str]:
        portal = self.report.meta.portal
        fallback = (
            f"{self.short}通过{portal}发布政府信息，保障公众及时获取。"
            if portal
            else f"{self.short}通过政府网站等渠道发布政府信息。"
        )
        first = self.with_notes(
            "overview.platforms",
            "platforms",
            f"{self.short}加强政府信息公开平台建设" + (f"，以{portal}为主要平台" if portal else ""),
            fallback,
            "请补充门户网站、政务新媒体等平台的建设和管理情况",
        )
        return [first + self.facts_sentence("overview.platforms")]

    def oversight(self) -> list[str]:
        first = self.with_notes(
            "overview.oversight",
            "oversight",
            f"{self.short}强化政府信息公开工作监督保障",
            f"{self.short}按照《条例》规定，落实政府信息公开工作的组织领导和监督检查。",
            "请补充组织领导、培训、考核、监督等具体做法",
        )
        paragraphs = [first + self.facts_sentence("overview.oversight")]
        if self.report.meta.is_government:
            said = " ".join(self.notes("oversight"))
            if not any(word in said for word in ("考核", "评议", "追究")):
                self.warnings.append(
                    notes_warning(
                        "overview.oversight",
                        "oversight",
                        "人民政府本级报告须写明工作考核、社会评议和责任追究结果情况（《条例》第五十条），"
                        "请在要点中写明",
                    )
                )
        return paragraphs

    # ------------------------------------------------------------------ 五
    def problems(self) -> list[str]:
        paragraphs: list[str] = []
        fixed = self.notes("previous_problems_addressed")
        previous = self.report.previous_report
        if fixed:
            paragraphs.append(
                f"针对上年度报告提出的问题，{self.short}逐项抓好整改：{enumerate_points(fixed)}"
            )
        elif previous is not None and previous.notes.problems:
            self.warnings.append(
                notes_warning(
                    "problems",
                    "previous_problems_addressed",
                    "上年度报告列出的问题（"
                    + "；".join(clause(p) for p in previous.notes.problems)
                    + "）的整改情况未写，请补充",
                )
            )
        problems = self.notes("problems")
        if not problems:
            problems = self.problems_from_data()
            self.warnings.append(
                notes_warning(
                    "problems", "problems", "问题依据数据或通用表述写出，请补充本机关具体、如实的问题"
                )
            )
        paragraphs.append(
            f"{self.year}年，{self.short}政府信息公开工作还存在一些不足：{enumerate_points(problems)}"
            if len(problems) > 1
            else f"{self.year}年，{self.short}政府信息公开工作还存在不足，主要是{enumerate_points(problems)}"
        )
        measures = self.notes("measures")
        if not measures:
            measures = ["加强政府信息公开业务学习和培训，规范依申请公开办理流程和答复文书"]
            self.warnings.append(
                notes_warning("problems", "measures", "改进措施为通用表述，请补充与问题对应的具体措施")
            )
        paragraphs.append(f"{self.year + 1}年，{self.short}将重点做好以下工作：{enumerate_points(measures)}")
        return paragraphs

    def problems_from_data(self) -> list[str]:
        """Problems the tables themselves show (a corrected appeal), else a sober general statement."""
        out = []
        corrected_review = self.cell("appeals.review.corrected") or 0
        if corrected_review:
            out.append(f"依申请公开答复的规范性有待加强，行政复议结果纠正{number_text(corrected_review)}件")
        suits_corrected = [
            self.cell(f"appeals.{row}.corrected") or 0 for row in ("direct_suit", "suit_after_review")
        ]
        if any(suits_corrected):
            parts = []
            if suits_corrected[0]:
                parts.append(f"未经复议直接起诉结果纠正{number_text(suits_corrected[0])}件")
            if suits_corrected[1]:
                parts.append(f"复议后起诉结果纠正{number_text(suits_corrected[1])}件")
            out.append("行政诉讼中有被纠正的情况，" + "、".join(parts))
        if not out:
            out.append("对照《条例》和上级要求，政府信息公开工作的规范化、标准化水平仍需进一步提高")
        return out

    # ------------------------------------------------------------------ 六
    def fee_sentences(self) -> list[str]:
        """The 信息处理费 position (P-10), consistent with processing_fee and （六）2 of table 三."""
        fee = self.report.processing_fee
        unpaid = self.cell("requests.other.no_fee_paid.total")
        if self.year < 2021:
            if fee is None or (fee.notices == 0 and fee.amount_yuan == 0):
                if fee is None:
                    self.warnings.append(self._fee_missing())
                return [f"{self.year}年，{self.short}依申请提供政府信息，未收取费用。"]
        if fee is None:
            self.warnings.append(self._fee_missing())
            return [f"根据{FEE_RULES}，{self.year}年{self.short}未收取信息处理费。"]
        if fee.notices == 0 and fee.amount_yuan == 0:
            return [f"根据{FEE_RULES}，{self.year}年{self.short}未发出收费通知，未收取信息处理费。"]
        text = f"根据{FEE_RULES}，{self.year}年{self.short}发出收费通知{fee.notices}件"
        if fee.amount_yuan:
            text += f"，收取信息处理费{_money_words(fee.amount_yuan)}元"
        else:
            text += "，未实际收取信息处理费"
        if unpaid:
            text += f"；申请人逾期未按收费通知要求缴纳费用的申请{number_text(unpaid)}件，依规不再处理"
        return [text + "。"]

    def _fee_missing(self) -> Finding:
        return Finding(
            rule="DRAFT-NOTES",
            severity="warning",
            location="processing_fee",
            where="六、其他需要报告的事项",
            message="六、其他需要报告的事项：没有填写信息处理费（processing_fee），已按未收取表述，请核实",
        )

    def other(self) -> list[str]:
        points = self.notes("other_matters")
        if not points:
            return ["无其他需要报告的事项。"]
        if len(points) == 1:
            return [sentence(points[0])]
        return [f"{self.year}年，{self.short}还做好以下工作：{enumerate_points(points)}"]


def _column_words(block: BlockDef, column: ColumnDef) -> str:
    """本年制发件数 → 本年制发; 本年收费金额（单位：万元） → 本年收费金额: a column label as prose."""
    label = column.label.split("（", 1)[0]
    for suffix in ("件数", "数量"):
        if label.endswith(suffix) and len(label) > len(suffix):
            label = label[: -len(suffix)]
            break
    return label + "数" if label.endswith("总") else label


def _value_with_unit(value: Number, column: ColumnDef) -> str:
    if column.unit:
        return f"{number_text(value)}{column.unit}"
    if column.kind == "money":
        return f"{_money_words(Decimal(value))}元"
    if column.id in {"previous_items", "change"}:
        return f"{number_text(value)}项"
    if column.id == "projects":
        return f"{number_text(value)}个"
    return f"{number_text(value)}件"


def _money_words(value: Decimal | int) -> str:
    return number_text(value if isinstance(value, Decimal) else Decimal(value))


def template_draft(report: ReportBase) -> tuple[Draft, list[Finding]]:
    """The whole report from the template drafter, and its DRAFT-NOTES warnings."""
    drafter = TemplateDrafter(report)
    return drafter.draft(), drafter.warnings
