"""Crafted drafts in the varied wording of model-written and clerk-written reports, with planted errors.

Each draft is written against a bundled example's data (yunxi-amr-2024 with last year's 2023 report,
or guyuan-2019). Wordings reproduce forms found in published 政府信息公开工作年度报告: 共计/合计/累计,
同比增长 … %, 较上年增加, 由上年的 N 件增至 M 件, 占比, "分别为 a、b、c" lists, Chinese numerals for
small counts, zero claims (未收到申请, 未发生行政诉讼) and P-8 claims. Text and figures are invented for
these examples; nothing is copied from a published report.

Markup: 〖…〗 wraps a planted wrong number (the checker must flag it: an error verdict on the mention
inside); 〘…〙 wraps a planted wrong claim (the checker must report an error finding for its sentence).
`plain(text)` strips the markup; `planted(text)` gives the spans to flag in the stripped text.
Used by tests/numbers/test_real_forms.py and by bench/bench_check.py (as extra unmutated drafts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"〖([^〗]*)〗|〘([^〙]*)〙")


@dataclass(frozen=True)
class CraftedDraft:
    name: str
    data: str
    """Example file under examples/."""
    previous: str | None
    section: str
    text: str
    """With 〖wrong number〗 / 〘wrong claim〙 markup."""


def plain(text: str) -> str:
    """The draft text without markup."""
    return _MARK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)


def planted(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(wrong-number spans, wrong-claim spans) as offsets in `plain(text)`."""
    numbers: list[tuple[int, int]] = []
    claims: list[tuple[int, int]] = []
    shift = 0
    for m in _MARK.finditer(text):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        start = m.start() - shift
        (numbers if m.group(1) is not None else claims).append((start, start + len(inner)))
        shift += 2
    return numbers, claims


Y24, Y23, GY = "yunxi-amr-2024.json", "yunxi-amr-2023.json", "guyuan-2019.json"

DRAFTS: tuple[CraftedDraft, ...] = (
    CraftedDraft(
        "总体情况·同比与累计",
        Y24,
        Y23,
        "overview.on_request",
        "2024年，本局全年共计受理政府信息公开申请七十二件，同比增长〖45.94%〗，较上年增加23件；"
        "加上上年结转的3件，全年累计办结〖72件〗，另有4件结转至2025年继续办理。"
        "收到申请数量由上年的49件增至72件，办结量由上年的48件增至71件。",
    ),
    CraftedDraft(
        "办理结果·分别为",
        Y24,
        None,
        "requests",
        "从办理结果看，予以公开、部分公开、不予公开的申请分别为28件、〖9件〗、4件；无法提供23件，"
        "其中本机关不掌握相关政府信息18件、没有现成信息需要另行制作4件、补正后申请内容仍不明确1件。"
        "不予处理和其他处理分别为六件和两件。",
    ),
    CraftedDraft(
        "申请主体·占比",
        Y24,
        None,
        "requests",
        "从申请主体看，自然人提出申请58件，占新收申请总量的〖80.65%〗；法人或其他组织提出申请14件，"
        "占比19.44%，其中商业企业9件、科研机构1件、法律服务机构3件、其他组织1件。",
    ),
    CraftedDraft(
        "复议诉讼",
        Y24,
        None,
        "appeals",
        "全年因政府信息公开工作被申请行政复议4件，其中结果维持2件、结果纠正1件、尚未审结1件；"
        "被提起行政诉讼〖2件〗，其中未经复议直接起诉2件、复议后起诉1件。"
        "〘全年未发生政府信息公开行政诉讼案件〙。〘行政复议案件均获维持〙。",
    ),
    CraftedDraft(
        "主动公开·汉字数字",
        Y24,
        None,
        "active",
        "本年度制发行政规范性文件五件，废止〖四件〗，截至年底现行有效的规范性文件共39件；"
        "全年作出行政许可决定2134件、行政处罚决定468件、行政强制决定31件。",
    ),
    CraftedDraft(
        "主动公开·支撑数据",
        Y24,
        None,
        "overview.active_disclosure",
        "全年主动公开政府信息1268条，发布政策解读〖64篇〗，召开新闻发布会六场，"
        "“云溪市场监管”微信公众号发布信息2300余条，办理门户网站留言389件。",
    ),
    CraftedDraft(
        "公开率·合计",
        Y24,
        Y23,
        "requests",
        "予以公开和部分公开合计36件，公开率为〖50.07%〗；无法提供类答复23件，占办结总数的32.39%。"
        "本年度新收申请同比增长46.94%。",
    ),
    CraftedDraft(
        "零值表述",
        Y24,
        None,
        "overview.on_request",
        "本年度未收取信息处理费，未发出收费通知，没有因申请人逾期未缴费而不再处理的申请。"
        "全年无属于国家秘密而不予公开的情形。〘本年度未收到法人或其他组织提出的政府信息公开申请〙。",
    ),
    CraftedDraft(
        "不予处理·括号",
        Y24,
        None,
        "requests",
        "不予处理6件（信访举报投诉类申请4件、重复申请〖3件〗），其他处理2件，均为申请人逾期不补正；"
        "结转下年度继续办理4件。",
    ),
    CraftedDraft(
        "结转与顺延·大写",
        Y24,
        None,
        "requests",
        "本年度新收政府信息公开申请〖柒拾叁件〗，加上上年结转3件，共办结政府信息公开申请75件；"
        "另有4件申请顺延到下年度答复。因本机关不掌握等原因无法提供23件，其中本机关不掌握相关政府信息18件。"
        "〘对所有申请均予以公开〙。〘本年度收到的申请已全部办结，无结转〙。",
    ),
    CraftedDraft(
        "固原·收到与复议",
        GY,
        None,
        "overview.on_request",
        "2019年，本办共收到政府信息公开申请三十三件，全部在法定期限内答复，其中予以公开6件、"
        "不予公开3件、无法提供19件、其他处理5件；全年因政府信息公开引起行政复议〖2件〗，"
        "制发规范性文件12件。〘全年未收到政府信息公开申请〙。",
    ),
)
