"""JSON → report: every way a file can be wrong, said in Chinese with the cell or field it concerns.

Two phases: read `meta.year`/`meta.format` to pick the format version, then validate the whole file
against that version's model, collecting *all* problems at once so a clerk fixes them in one pass.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from report_copilot.errors import InputError, Problem
from report_copilot.inputs.limits import LIMITS, read_bounded
from report_copilot.model.formats import (
    ColumnDef,
    FormatDefinition,
    RowDef,
    available_formats,
    format_for_year,
    load_format,
)
from report_copilot.model.report import ReportBase, report_model

_JSON_MESSAGES = {
    "Expecting ',' delimiter": "缺少逗号（,）",
    "Expecting ':' delimiter": "缺少冒号（:）",
    "Expecting property name enclosed in double quotes": "字段名须用英文双引号括起，或多了一个逗号",
    "Expecting value": "此处缺少值（或有多余的逗号）",
    "Unterminated string starting at": "字符串没有结束的引号",
    "Extra data": "JSON 结束后还有多余内容",
    "Invalid control character at": "字符串中有非法控制字符（如未转义的换行）",
    "Invalid \\escape": "非法的转义符（反斜杠）",
}

_FIELD_LABELS = {
    "meta": "基本信息",
    "agency": "机关名称",
    "year": "报告年度",
    "format": "格式版本",
    "facts": "支撑数据",
    "notes": "各部分要点",
    "contact": "联系方式",
    "processing_fee": "信息处理费",
}


def read_json(path: Path, what: str = "文件") -> Any:
    """Parse a JSON file (a regular file within the text size limit); syntax errors name the place."""
    raw = read_bounded(path, LIMITS.text_bytes, what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} 不是 UTF-8 编码的文本文件（请另存为 UTF-8）", location=str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        reason = next((zh for en, zh in _JSON_MESSAGES.items() if exc.msg.startswith(en)), exc.msg)
        raise InputError(
            f"{path} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{reason}",
            location=f"{path}:{exc.lineno}:{exc.colno}",
        ) from None
    except RecursionError:  # the C parser recurses once per nested bracket
        raise InputError(f"{path} 中括号嵌套层数过多，无法作为报告数据文件读取", location=str(path)) from None


def load_report(path: Path, previous: Path | None = None) -> ReportBase:
    """Read a report input file, and last year's (from `previous`, or the file's own `previous`)."""
    data = read_json(path)
    return report_from_data(data, source=str(path), base_dir=path.parent, previous=previous)


def report_from_data(
    data: Any,
    *,
    source: str = "输入",
    base_dir: Path | None = None,
    previous: Path | None = None,
    with_previous: bool = True,
) -> ReportBase:
    """Validate parsed JSON as a report; attach last year's report when one is named."""
    if not isinstance(data, dict):
        raise InputError(f"{source}：顶层应为 JSON 对象（{{ … }}），实际是 {_json_type(data)}", location="$")
    fmt = _choose_format(data, source)
    model = report_model(fmt.id)
    try:
        report = model.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(err, fmt) for err in exc.errors()]
        raise InputError(f"{source}：有 {len(problems)} 处无法读取", problems=problems) from None
    report._format = fmt
    if with_previous:
        report._previous_report = _load_previous(report, base_dir, previous, source)
    return report


def _choose_format(data: dict[str, Any], source: str) -> FormatDefinition:
    meta = data.get("meta")
    if not isinstance(meta, dict):
        raise InputError(
            f"{source}：缺少“基本信息”（meta），其中至少要有机关名称（agency）和报告年度（year）",
            location="meta",
        )
    declared = meta.get("format")
    if declared is not None:
        declared = str(declared).strip()
        if declared not in available_formats():
            known = "、".join(available_formats())
            raise InputError(
                f"{source}：基本信息 › 格式版本（meta.format）为「{declared}」，只能是 {known}",
                location="meta.format",
            )
        return load_format(declared)
    year = meta.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        what = "缺少" if year is None else f"应为整数年份，填报为 {year!r}"
        raise InputError(f"{source}：基本信息 › 报告年度（meta.year）{what}", location="meta.year")
    return format_for_year(year)


def _load_previous(
    report: ReportBase, base_dir: Path | None, override: Path | None, source: str
) -> ReportBase | None:
    ref: str | dict[str, Any] | None = str(override) if override else report.previous
    if ref is None:
        return None
    if isinstance(ref, dict):
        prev = report_from_data(ref, source=f"{source} › 上年报告（内嵌）", with_previous=False)
    else:
        path = Path(ref)
        if not path.is_absolute() and base_dir is not None and override is None:
            path = base_dir / path
        prev = previous_from_file(path)
    if prev.meta.year != report.meta.year - 1:
        raise InputError(
            f"上年报告的年度为 {prev.meta.year}，本报告为 {report.meta.year} 年度，应提供 {report.meta.year - 1} 年度的报告",
            location="previous",
        )
    return prev


def previous_from_file(path: Path) -> ReportBase:
    """Last year's report data from a path the user (or a data file's `previous`) named.

    The path may name anything, so only a bounded regular file is read (`read_bounded`), and a file
    that is not report data is refused without quoting it: a value of a foreign file (a password
    file, another program's settings) must not reach the screen through our error message.
    """
    data = read_json(path, "上年报告")
    try:
        return report_from_data(data, source=str(path), with_previous=False)
    except InputError as exc:
        count = len(exc.problems) or 1
        raise InputError(
            f"上年报告 {path} 不是可读取的报告数据（{count} 处不符合报告格式），未使用；"
            "请指定上年的报告数据文件（JSON）",
            location="previous",
        ) from None


def _json_type(value: Any) -> str:
    return {list: "数组", str: "字符串", int: "数字", float: "数字", bool: "布尔值", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _location(loc: tuple[int | str, ...], fmt: FormatDefinition) -> tuple[str, str]:
    """Cell id and the official label path of a pydantic error location."""
    path = ".".join(str(p) for p in loc)
    if path in fmt.cells:
        return path, fmt.cell(path).where
    table = next((t for t in fmt.tables if loc and t.id == loc[0]), None)
    if table is not None:
        labels = [table.title]
        rest = [str(p) for p in loc[1:]]
        for i in range(len(rest)):
            row_id = ".".join(rest[: i + 1])
            found = fmt.find_row(table.id, row_id)
            group = next((g for b in table.blocks for g in b.row_groups if g.id == row_id), None)
            if found:
                labels.append(found[1].label)
            elif group and i == 0:
                labels.append(group.label)
        return path, " › ".join(labels)
    labels = []
    for part in loc:
        labels.append(f"第 {part + 1} 项" if isinstance(part, int) else _FIELD_LABELS.get(part, part))
    return path, " › ".join(labels)


def _allowed_keys(fmt: FormatDefinition, parent: tuple[int | str, ...]) -> list[str]:
    """The field names valid at `parent` in this format (for "did you mean")."""
    model: Any = report_model(fmt.id)
    for part in parent:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return []
        annotation = field.annotation
        model = next(
            (
                a
                for a in (getattr(annotation, "__args__", None) or (annotation,))
                if hasattr(a, "model_fields")
            ),
            None,
        )
        if model is None:
            return []
    return list(model.model_fields) if model is not None else []


def _label_index(fmt: FormatDefinition) -> dict[str, str]:
    """Official labels and aliases → ids, so a key typed in Chinese gets a suggestion."""
    out: dict[str, str] = {}
    for table in fmt.tables:
        for block in table.blocks:
            items: tuple[RowDef | ColumnDef, ...] = (*block.rows, *block.columns)
            for item in items:
                for name in (item.label, *item.aliases):
                    out.setdefault(name, item.id.split(".")[-1])
    return out


def _suggest(key: str, fmt: FormatDefinition, parent: tuple[int | str, ...]) -> str:
    allowed = _allowed_keys(fmt, parent)
    by_label = _label_index(fmt).get(key)
    if by_label and by_label in allowed:
        return f"，是否应为「{by_label}」？"
    for other_id in available_formats():
        if other_id == fmt.id:
            continue
        other = load_format(other_id)
        if key in _allowed_keys(other, parent):
            return f"。该栏目属于{other.name}（{other.document}），本报告使用{fmt.name}（X-1）"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"，是否应为「{close[0]}」？"
    if allowed:
        return "。可用字段：" + "、".join(allowed[:12]) + ("……" if len(allowed) > 12 else "")
    return ""


def _problem(err: Any, fmt: FormatDefinition) -> Problem:
    loc: tuple[int | str, ...] = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    # Errors inside a union report the branch name last (e.g. `int`, `function-after[...]`): drop it.
    while (
        loc and isinstance(loc[-1], str) and (loc[-1] in {"int", "str", "decimal", "float"} or "[" in loc[-1])
    ):
        loc = loc[:-1]
    cell_id, where = _location(loc, fmt)
    is_cell = cell_id in fmt.cells
    rule = "T3-4" if is_cell else "INPUT"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent_where = _location(loc[:-1], fmt)[1] if len(loc) > 1 else "顶层"
        msg = f"{parent_where}：未知字段「{key}」{_suggest(key, fmt, loc[:-1])}"
        return Problem(cell_id, msg, "INPUT")
    if kind == "missing":
        msg = f"{where}（{cell_id}）：缺少必填项"
    elif kind == "greater_than_equal":
        msg = f"{where}（{cell_id}）：不能为负数，填报为 {value}"
    elif kind in {"int_type", "int_parsing", "int_from_float"}:
        if isinstance(value, float) and not value.is_integer():
            msg = f"{where}（{cell_id}）：应为整数，不能有小数，填报为 {value}"
        elif isinstance(value, str):
            msg = f"{where}（{cell_id}）：应为数字，不能是文字（去掉引号），填报为 “{value}”"
        elif isinstance(value, bool):
            msg = f"{where}（{cell_id}）：应为整数，填报为 {str(value).lower()}"
        elif isinstance(value, float):
            msg = f"{where}（{cell_id}）：应写成整数 {int(value)}，不要写成 {value}"
        else:
            msg = f"{where}（{cell_id}）：应为整数，填报为 {_json_type(value)}"
    elif kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type"}:
        msg = f"{where}（{cell_id}）：应为数字，填报为 {value!r}"
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        msg = f"{where}（{cell_id}）：应为对象（{{ … }}），填报为{_json_type(value)}"
    elif kind in {"list_type"}:
        msg = f"{where}（{cell_id}）：应为数组（[ … ]），填报为{_json_type(value)}"
    elif kind in {"string_type"}:
        msg = f"{where}（{cell_id}）：应为文字（加引号），填报为{_json_type(value)}"
    elif kind in {"string_too_short", "value_error"} and loc[-1] == "agency":
        msg = f"{where}（{cell_id}）：不能为空"
    elif kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        msg = f"{where}（{cell_id}）：日期格式应为 YYYY-MM-DD，填报为 {value!r}"
    elif kind == "string_pattern_mismatch":
        msg = f"{where}（{cell_id}）：格式不正确，填报为 {value!r}"
    elif kind in {"greater_than", "less_than_equal", "less_than"}:
        limit = err.get("ctx", {}).get("le")
        bound = f"（不能超过 {limit}）" if isinstance(limit, int) else ""
        msg = f"{where}（{cell_id}）：超出允许范围{bound}，填报为 {value!r}"
    elif kind == "literal_error":
        msg = f"{where}（{cell_id}）：只能是 {err.get('ctx', {}).get('expected', '')}，填报为 {value!r}"
    else:
        msg = f"{where}（{cell_id}）：填报值 {value!r} 不符合要求（{kind}）"
    return Problem(cell_id, msg, rule)
