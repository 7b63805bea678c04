"""Per-office page profile: fonts, sizes, margins and page numbers of the Word document.

The defaults follow GB/T 9704-2012 《党政机关公文格式》: A4, margins 37/35/28/26 mm (top/bottom/
left/right), title 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 with a two-character first-line
indent on a fixed line pitch of 22 lines a page, 一级标题 黑体, 二级标题 楷体_GB2312, digits and Latin
in Times New Roman, page numbers "— N —" in 宋体 四号 (digits too) at the outer side, table figures
centred, and an issue date (成文日期) required in the closing. Local rules differ (a province may
want 楷体 headings in bold, another bottom margin, centred page numbers), so an office can override
any field in a small TOML file (`copilot export --profile office.toml`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from report_copilot.errors import InputError

# Chinese type sizes in points (字号).
SIZE_ERHAO = 22.0
SIZE_SANHAO = 16.0
SIZE_SIHAO = 14.0
SIZE_WUHAO = 10.5


class OfficeProfile(BaseModel):
    """How the Word document looks; every field may be overridden per office."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page_width_mm: float = Field(210.0, gt=0, title="纸张宽度（毫米）")
    page_height_mm: float = Field(297.0, gt=0, title="纸张高度（毫米）")
    margin_top_mm: float = Field(37.0, ge=0, title="上边距（毫米）")
    margin_bottom_mm: float = Field(35.0, ge=0, title="下边距（毫米）")
    margin_left_mm: float = Field(28.0, ge=0, title="左边距（毫米）")
    margin_right_mm: float = Field(26.0, ge=0, title="右边距（毫米）")

    title_font: str = Field("方正小标宋简体", title="标题字体")
    title_size_pt: float = Field(SIZE_ERHAO, gt=0, title="标题字号（磅），二号为 22")
    body_font: str = Field("仿宋_GB2312", title="正文字体")
    body_size_pt: float = Field(SIZE_SANHAO, gt=0, title="正文字号（磅），三号为 16")
    heading1_font: str = Field("黑体", title="一级标题字体")
    heading2_font: str = Field("楷体_GB2312", title="二级标题字体")
    heading_bold: bool = Field(False, title="标题是否加粗")
    latin_font: str = Field("Times New Roman", title="数字和西文字体")
    table_font: str = Field("仿宋_GB2312", title="表格字体")
    table_size_pt: float = Field(SIZE_WUHAO, gt=0, title="表格字号（磅），五号为 10.5")
    table_header_bold: bool = Field(False, title="表头是否加粗")
    table_value_align: Literal["center", "right"] = Field(
        "center", title="表格数字对齐：center 居中（官方表格）；right 居右"
    )

    lines_per_page: int = Field(22, ge=10, le=60, title="每页行数")
    chars_per_line: int = Field(28, ge=10, le=60, title="每行字数")
    first_line_indent_chars: float = Field(2.0, ge=0, title="首行缩进（字）")

    page_number_format: str = Field("— {page} —", title="页码格式，{page} 为页码")
    page_number_position: Literal["outer", "center", "right"] = Field(
        "outer", title="页码位置：outer 单页居右双页居左；center 居中；right 居右"
    )
    page_number_font: str = Field("宋体", title="页码字体")
    page_number_size_pt: float = Field(SIZE_SIHAO, gt=0, title="页码字号（磅），四号为 14")

    require_issue_date: bool = Field(
        True, title="导出时要求成文日期（落款日期）；设为 false 则允许落款不写日期"
    )

    @model_validator(mode="after")
    def _fits(self) -> OfficeProfile:
        if self.text_width_mm <= 50 or self.text_height_mm <= 50:
            raise ValueError("页边距过大，版心不足 50 毫米")
        if "{page}" not in self.page_number_format:
            raise ValueError("page_number_format 须含 {page}")
        return self

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def text_height_mm(self) -> float:
        return self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm

    @property
    def line_pitch_pt(self) -> float:
        """Fixed line spacing so the text area holds `lines_per_page` lines (GB/T 9704: 22 → 28.95 pt)."""
        from report_copilot.render.docx_page import PageGrid

        return PageGrid.of(self).line_pitch_pt

    @property
    def fonts(self) -> set[str]:
        """Every East Asian font the document may use (the self-audit accepts only these)."""
        return {
            self.title_font,
            self.body_font,
            self.heading1_font,
            self.heading2_font,
            self.table_font,
            self.page_number_font,
        }


DEFAULT_PROFILE = OfficeProfile()


def load_profile(path: Path) -> OfficeProfile:
    """An office profile from TOML (flat keys, as the fields of `OfficeProfile`); Chinese errors."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"找不到版式配置文件：{path}", location=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取版式配置文件 {path}：{exc}", location=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"版式配置文件 {path} 不是有效的 TOML：{exc}", location=str(path)) from None
    try:
        return OfficeProfile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "（整体）"
            if err["type"] == "extra_forbidden":
                problems.append(f"未知设置项「{field}」")
            else:
                title = OfficeProfile.model_fields[field].title if field in OfficeProfile.model_fields else ""
                problems.append(f"「{field}」{f'（{title}）' if title else ''}：{err['msg']}")
        raise InputError(f"版式配置文件 {path} 有误：" + "；".join(problems), location=str(path)) from None
