"""The offline drafter: official-register prose from the tables, the facts and the staff's notes.

Deterministic and network-free, it is the default backend on a machine with no model configured and
the fallback of every unit a model gets wrong. It never invents: each sentence states a figure of the
report (quoted next to words the number checker binds), a fact the staff entered, or a note the staff
wrote. Openers and leads come from style data (formats/style_openers.toml), chosen per agency. Where
notes are missing it writes no 空话: a visible 【待补充：…】 says what to write, lint rule L-8 blocks
export until the clerk has, and a DRAFT-NOTES warning lists it. Blank data stays blank: a missing
信息处理费 figure is a placeholder and a finding, never 未收取.
"""

from __future__ import annotations

from collections.abc import Callable

from report_copilot.checks.findings import Finding
from report_copilot.drafting.base import (
    NARRATIVE_SECTIONS,
    assemble,
    clause,
    date_text,
    notes_warning,
    number_text,
    sentence,
    short_name,
)
from report_copilot.drafting.points import enumerate_points, normalise_notes
from report_copilot.drafting.style import Style
from report_copilot.drafting.template_figures import TableFigures
from report_copilot.model.cells import CellValues
from report_copilot.model.draft import Draft
from report_copilot.model.refs import quoted
from report_copilot.model.report import Fact, ReportBase
from report_copilot.model.sections import SECTIONS

FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

_SECTION_CONTENTS = (
    "内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
)


def _finding(location: str, where: str, message: str, rule: str = "DRAFT-NOTES") -> Finding:
    return Finding(rule=rule, severity="warning", location=location, where=where, message=message)


class TemplateDrafter(TableFigures):
    """Writes every narrative unit of one report; `warnings` collects what the clerk should add."""

    def __init__(self, report: ReportBase) -> None:
        self.report = report
        self.values = CellValues.of(report)
        self.short = short_name(report)
        self.year = report.meta.year
        self.style = Style(report, self.short)
        self.warnings: list[Finding] = []
        self._lead_fact: Fact | None = next(iter(self.facts_for("overview.active_disclosure")), None)
        if report.meta.issue_date is None:
            self.warnings.append(
                _finding(
                    "meta.issue_date",
                    "落款",
                    "落款：没有填写发布日期（meta.issue_date），落款只有机关名称，请补充",
                )
            )

    # ------------------------------------------------------------------ public
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
    def facts_for(self, section: str) -> list[Fact]:
        unit = SECTIONS.get(section)
        names = unit.fact_homes if unit is not None and section.startswith("overview.") else {section}
        return [f for f in self.report.facts if (f.section or f.id.split(".", 1)[0]) in names]

    def fact_phrase(self, fact: Fact) -> str:
        """label + value + unit, with the qualifier where the source put it (100余人, 近100人)."""
        return f"{clause(fact.label)}{quoted(number_text(fact.value), fact.unit, fact.qualifier)}"

    def fact_phrases(self, section: str) -> list[str]:
        """The section's facts as phrases, the one the overview already quoted left out (L-6)."""
        return [self.fact_phrase(f) for f in self.facts_for(section) if f is not self._lead_fact]

    def notes(self, field: str) -> list[str]:
        return normalise_notes(getattr(self.report.notes, field))

    def from_notes(self, section: str, field: str, what: str) -> str:
        """ "<lead>：一是……；二是……。" from the staff's notes, or a 【待补充】 placeholder and a warning."""
        points = self.notes(field)
        if not points:
            self.warnings.append(notes_warning(section, field, what))
            return self.style.placeholder(field)
        return f"{self.style.pick('leads', field, avoid=tuple(points))}：{enumerate_points(points)}"

    # ------------------------------------------------------------------ preface
    def preface(self) -> list[str]:
        meta, fmt = self.report.meta, self.report.format
        basis = f"《中华人民共和国政府信息公开条例》（以下简称《条例》）和《{fmt.title}》（{fmt.document}）"
        if meta.provincial_notice:
            basis += f"以及{clause(meta.provincial_notice)}"
        paragraphs = [f"本报告依据{basis}要求编制，{_SECTION_CONTENTS}"]
        start = date_text(meta.period_start) if meta.period_start else f"{self.year}年1月1日"
        end = date_text(meta.period_end) if meta.period_end else f"{self.year}年12月31日"
        where = ""
        if meta.portal and meta.url:
            where = f"本报告电子版可在{meta.portal}（{meta.url}）查阅或下载。"
        elif meta.portal or meta.url:
            where = f"本报告电子版可在{meta.portal or meta.url}查阅或下载。"
        paragraphs.append(f"本报告中所列数据的统计期限自{start}起至{end}止。{where}")
        paragraphs.append(self.contact())
        return paragraphs + [sentence(n) for n in self.notes("preface")]

    def contact(self) -> str:
        c, meta = self.report.meta.contact, self.report.meta
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
            more = f"（{'；'.join(details)}）" if details else ""
            return f"如对本报告有疑问，请与{c.office or meta.agency}联系{more}。"
        self.warnings.append(
            _finding(
                "meta.contact",
                "报告开头说明",
                "报告开头说明：没有填写联系方式（meta.contact），公众无法就报告提出疑问，请补充联系部门和电话",
            )
        )
        return ""

    # ------------------------------------------------------------------ 一、总体情况
    def overview(self) -> list[str]:
        """The opener and a summary the sub-sections do not repeat (the lead fact, or 新收 when none)."""
        parts: list[str] = []
        if self._lead_fact is not None:
            parts.append(self.fact_phrase(self._lead_fact))
        elif (new := self.cell("requests.new.total")) is not None:
            parts.append(f"新收政府信息公开申请{number_text(new)}件")
        parts += [self.fact_phrase(f) for f in self.report.facts if f.section is None and "." not in f.id]
        text = self.style.pick("openers", "overview")
        if parts:
            text += "。全年" + "，".join(parts)
        return [text + "。"]

    def active_disclosure(self) -> list[str]:
        first = self.from_notes(
            "overview.active_disclosure",
            "active_disclosure",
            "已留【待补充】，请写明本年度主动公开的重点领域和具体做法",
        )
        facts = self.fact_phrases("overview.active_disclosure")
        table = self.active_table_sentence().rstrip("。")
        figures = "；".join(t for t in ("，".join(facts), table) if t)
        return [first, f"全年{figures}。" if figures else ""]

    def on_request(self) -> list[str]:
        first = self.from_notes(
            "overview.on_request", "on_request", "已留【待补充】，请写明本年度依申请公开的制度和做法"
        )
        facts = self.fact_phrases("overview.on_request")
        extra = f"全年{'，'.join(facts)}。" if facts else ""
        return [first, self.requests_sentence() + extra, self.appeals_sentence()]

    def _notes_and_facts(self, section: str, field: str, what: str, lead: str = "全年") -> list[str]:
        first = self.from_notes(section, field, what)
        facts = self.fact_phrases(section)
        if not facts:
            return [first]
        figures = f"{lead}{'，'.join(facts)}。"
        return [first, figures] if first.startswith("【") else [first + figures]

    def information_management(self) -> list[str]:
        return self._notes_and_facts(
            "overview.information_management",
            "information_management",
            "已留【待补充】，请写明公开事项目录、发布审查、动态调整等具体做法",
            "本年度",
        )

    def platforms(self) -> list[str]:
        return self._notes_and_facts(
            "overview.platforms",
            "platforms",
            "已留【待补充】，请写明门户网站、政务新媒体等平台的建设和管理情况",
        )

    def oversight(self) -> list[str]:
        paragraphs = self._notes_and_facts(
            "overview.oversight", "oversight", "已留【待补充】，请写明组织领导、培训、考核、监督等具体做法"
        )
        if self.report.meta.is_government:
            said = "".join(self.notes("oversight"))
            if not any(word in said for word in ("考核", "评议", "追究")):
                paragraphs.append(self.style.placeholder("government_oversight"))
                self.warnings.append(
                    notes_warning(
                        "overview.oversight",
                        "oversight",
                        "人民政府本级报告须写明工作考核、社会评议和责任追究结果情况（《条例》第五十条），"
                        "已留【待补充】，请在要点中写明",
                    )
                )
        return paragraphs

    # ------------------------------------------------------------------ 五
    def problems(self) -> list[str]:
        paragraphs: list[str] = []
        fixed = self.notes("previous_problems_addressed")
        previous = self.report.previous_report
        if fixed:
            lead = self.style.pick("leads", "previous_problems_addressed", avoid=tuple(fixed))
            paragraphs.append(f"{lead}：{enumerate_points(fixed)}")
        elif previous is not None and previous.notes.problems:
            paragraphs.append(self.style.placeholder("previous_problems_addressed"))
            self.warnings.append(
                notes_warning(
                    "problems",
                    "previous_problems_addressed",
                    "上年度报告列出的问题（"
                    + "；".join(clause(p) for p in previous.notes.problems)
                    + "）的整改情况未写，已留【待补充】，请补充",
                )
            )
        problems = self.notes("problems") or self.problems_from_data()
        if not self.notes("problems"):
            self.warnings.append(
                notes_warning("problems", "problems", "已留【待补充】，请写明本机关具体、如实的问题")
            )
        if problems:
            paragraphs.append(f"{self.style.pick('leads', 'problems')}：{enumerate_points(problems)}")
        if not self.notes("problems"):
            paragraphs.append(self.style.placeholder("problems"))
        measures = self.notes("measures")
        if measures:
            paragraphs.append(
                f"{self.style.pick('leads', 'measures', avoid=tuple(measures))}：{enumerate_points(measures)}"
            )
        else:
            paragraphs.append(self.style.placeholder("measures"))
            self.warnings.append(
                notes_warning("problems", "measures", "已留【待补充】，请写明与问题对应的具体改进措施")
            )
        return paragraphs

    # ------------------------------------------------------------------ 六
    def fee_sentences(self) -> list[str]:
        """The 信息处理费 position (P-10), consistent with processing_fee and （六）2 of table 三.

        A fee never given is not a fee of zero: it becomes a placeholder and a finding."""
        fee = self.report.processing_fee
        if fee is None:
            self.warnings.append(self._fee_missing())
            return [self.style.placeholder("fee_missing")]
        if self.year < 2021 and fee.notices == 0 and fee.amount_yuan == 0:
            return [f"{self.year}年，{self.short}依申请提供政府信息，未收取费用。"]
        if fee.notices == 0 and fee.amount_yuan == 0:
            return [f"根据{FEE_RULES}，{self.year}年{self.short}未发出收费通知，未收取信息处理费。"]
        text = f"根据{FEE_RULES}，{self.year}年{self.short}发出收费通知{fee.notices}件"
        text += (
            f"，收取信息处理费{number_text(fee.amount_yuan)}元"
            if fee.amount_yuan
            else "，未实际收取信息处理费"
        )
        if unpaid := self.cell("requests.other.no_fee_paid.total"):
            text += f"；申请人逾期未按收费通知要求缴纳费用的申请{number_text(unpaid)}件，依规不再处理"
        return [text + "。"]

    def _fee_missing(self) -> Finding:
        return _finding(
            "processing_fee",
            "六、其他需要报告的事项",
            "六、其他需要报告的事项：没有填写信息处理费（processing_fee），空白不等于未收取，已留【待补充】，"
            "请在数据中填写发出收费通知件数和实际收取金额",
            rule="DRAFT-MISSING",
        )

    def other(self) -> list[str]:
        points = self.notes("other_matters")
        if not points:
            return ["无其他需要报告的事项。"]
        if len(points) == 1:
            return [sentence(points[0])]
        return [f"{self.style.pick('leads', 'other_matters')}：{enumerate_points(points)}"]


def template_draft(report: ReportBase) -> tuple[Draft, list[Finding]]:
    """The whole report from the template drafter, and its DRAFT-NOTES warnings."""
    drafter = TemplateDrafter(report)
    return drafter.draft(), drafter.warnings
