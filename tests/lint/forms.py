"""Crafted report text in the forms of published 政府信息公开工作年度报告 (not copied from any).

The agency (云溪市市场监督管理局) and every figure are invented; the sentence patterns are the ones
real reports use: 一是……；二是……, （一）… sub-headings, 根据…（国办函〔2020〕109号）… fee sentences.
"""

from __future__ import annotations

from report_copilot.model.draft import Draft

HEAD = "# 云溪市市场监督管理局2024年政府信息公开工作年度报告\n\n"

PREFACE = (
    "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    "本报告电子版可在云溪市市场监督管理局门户网站（http://scjgj.yunxi.gov.cn/zfxxgk/ndbg/）查阅或下载。"
)

OVERVIEW = (
    "2024年，本局围绕市场主体登记、食品安全抽检等重点领域做好主动公开，全年主动公开政府信息1268条，"
    "发布政策解读46篇。"
)

PROBLEMS_2023 = (
    "2023年，本局政府信息公开工作还存在一些不足：一是政策解读形式较为单一，图解、问答类解读仅占12%；"
    "二是答复文书说理不够充分，全年有3件答复被复议机关要求补正说明。\n\n"
    "2024年，本局将重点做好以下工作：一是丰富政策解读形式，重要政策同步发布图解；"
    "二是建立答复文书法律审核制度，由法规科逐件审核。"
)

FEE = "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），2024年本局未发出收费通知，未收取信息处理费。"


def report_md(
    *, preface: str = PREFACE, overview: str = OVERVIEW, problems: str = "", other: str = FEE
) -> str:
    """A whole Markdown report (tables as placeholders, as `copilot draft` writes them)."""
    return (
        HEAD
        + f"{preface}\n\n## 一、总体情况\n\n{overview}\n\n"
        + '## 二、主动公开政府信息情况\n\n<table data-table="active"></table>\n\n'
        + '## 三、收到和处理政府信息公开申请情况\n\n<table data-table="requests"></table>\n\n'
        + '## 四、政府信息公开行政复议、行政诉讼情况\n\n<table data-table="appeals"></table>\n\n'
        + f"## 五、存在的主要问题及改进情况\n\n{problems}\n\n"
        + f"## 六、其他需要报告的事项\n\n{other}\n"
    )


def draft(text: str) -> Draft:
    return Draft.from_markdown(text)
