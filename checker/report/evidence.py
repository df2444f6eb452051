"""A finding's evidence as a reviewer reads it: Chinese labels instead of the keys
rules write, numbers as sentences, breakdowns as tables.

The result is plain data (rows of label and text, and tables) that the browser puts
on the page as text, never as markup.
"""

from __future__ import annotations

from typing import Any

LABELS = {
    "total": "合计",
    "parts": "分项",
    "sum": "分项之和",
    "difference": "相差",
    "part": "分项",
    "part_label": "分项名称",
    "whole": "总数",
    "whole_source": "总数来源",
    "computed": "按所写数字计算",
    "written": "文中所写",
    "comparison": "比较",
    "rounding": "取舍规则",
    "inputs": "取值",
    "total_range": "合计的取值范围",
    "sum_range": "分项之和的取值范围",
    "exhaustive_because": "判定分项完整的依据",
    "nearest_totals": "最接近的整数总数",
    "totals_tried": "推算",
    "share_word": "比重用语",
    "allowed": "允许范围",
    "value": "数值",
    "amount": "增减量",
    "base": "基期数",
    "count": "次数",
    "by_mark": "各符号次数",
    "fullwidth_count": "全角标点次数",
    "lines": "所在行",
    "line_count": "涉及行数",
    "pack": "规则包",
    "rule": "规则",
    "wrong": "误写",
    "right": "正确写法",
    "note": "说明",
    "variant": "文中写法",
    "variant_count": "该写法次数",
    "usual": "常见写法",
    "usual_count": "常见写法次数",
    "change": "差异",
    "usual_lines": "常见写法所在行",
    "with_dunhao": "用顿号的处数",
    "without_dunhao": "不用顿号的处数",
    "measure": "量词",
    "form": "数字形式",
    "other_form_examples": "他处写法",
    "other_form_lines": "他处所在行",
    "open": "开标点",
    "close": "闭标点",
    "expected_close": "应有的闭标点",
    "expected_open": "应有的开标点",
    "paragraph_line": "段落起始行",
    "inner_open": "内层开标点",
    "inner_close": "内层闭标点",
    "profile": "文种规范",
    "keywords": "可识别的标题词",
    "level": "层级",
    "previous": "上一项",
    "expected": "应为",
    "series": "序号序列",
    "from": "起",
    "to": "止",
    "year": "年份",
    "title_years": "标题中的年份",
    "heading_years": "小标题中的年份",
    "date": "日期",
    "real_weekday": "实际星期",
    "issued": "成文日期",
    "published": "发布日期",
    "label": "名称",
    "unit": "单位",
    "number": "编号",
    "text": "原文",
    "where": "位置",
    "glossary": "术语表",
    "canonical": "规范写法",
    "forms": "各种写法",
    "counts": "各写法次数",
    "phrase": "短语",
    "phrases": "短语",
    "directive": "指令",
    "verb": "动词",
    "subject": "主语",
    "recipients": "主送机关",
    "signed": "落款",
    "signature_line": "落款行",
    "should_follow": "应在其后",
    "shares": "各项比重",
    "problem": "问题",
    "problems": "问题",
    "present": "已有",
    "item": "项目",
    "items": "项目",
    "mark": "标点",
    "current": "当前",
    "direction": "方向",
    "closings": "结束语",
    "orientation": "纸张方向",
    "width_mm": "宽（毫米）",
    "height_mm": "高（毫米）",
    "expected_mm": "应为（毫米）",
    "tolerance_mm": "允许偏差（毫米）",
    "text_block_mm": "版心（毫米）",
    "measured_pt": "实测字号（磅）",
    "expected_pt": "应为字号（磅）",
    "measured_font": "实测字体",
    "expected_family": "应为字体",
    "parent_level": "上级层级",
    "pattern": "模式",
    "rules": "规则",
    "allowed_values": "允许值",
    "omitted": "未列出的处数",
}
CHANGES = {"dropped": "少了字", "added": "多了字", "swapped": "字序不同", "replaced": "用字不同"}
FORMS = {"chinese": "汉字数字", "arabic": "阿拉伯数字"}


def _text(value: Any) -> str:
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "；".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{LABELS.get(str(k), str(k))}：{_text(v)}" for k, v in value.items())
    return str(value)


def _parts_table(parts: list[Any]) -> dict[str, Any] | None:
    if not parts or not all(isinstance(p, dict) and "value" in p for p in parts):
        return None
    return {
        "caption": "分项",
        "headers": ["分项", "数值"],
        "rows": [[str(p.get("label") or "（未命名）"), str(p["value"])] for p in parts],
    }


def _sentences(evidence: dict[str, Any]) -> list[str]:
    """The arithmetic of a numeric finding, said in words."""
    said = []
    if "total" in evidence and "sum" in evidence:
        said.append(
            f"文中合计为{evidence['total']}，分项相加为{evidence['sum']}"
            + (f"，相差{evidence['difference']}。" if "difference" in evidence else "。")
        )
    elif "total" in evidence and "part" in evidence and "comparison" in evidence:
        label = evidence.get("part_label") or "分项"
        said.append(
            f"{label}为{evidence['part']}，合计为{evidence['total']}：{evidence['comparison']}，分项不应大于合计。"
        )
    if "computed" in evidence and "written" in evidence:
        said.append(f"按文中数字计算得{evidence['computed']}，而文中写的是{evidence['written']}。")
    if "nearest_totals" in evidence and "written" in evidence:
        said.append(
            f"文中写{evidence.get('part', '该分项')}占{evidence['written']}，"
            "但没有哪个整数总数能得出这个百分比；"
            f"最接近的是{'、'.join(map(str, evidence['nearest_totals']))}。"
        )
    if "share_word" in evidence and "allowed" in evidence:
        said.append(
            f"“{evidence['share_word']}”表示的比重应在{evidence['allowed']}之内，文中写的是{evidence.get('written')}。"
        )
    return said


def view(evidence: dict[str, Any] | None) -> dict[str, Any]:
    """``{"sentences": [...], "rows": [[label, text], ...], "tables": [...]}``"""
    evidence = evidence or {}
    tables = []
    rows = []
    for key, value in evidence.items():
        if key == "parts" and (table := _parts_table(value)) is not None:
            tables.append(table)
            continue
        if key == "change":
            value = CHANGES.get(str(value), value)
        elif key == "form":
            value = FORMS.get(str(value), value)
        rows.append([LABELS.get(key, key.replace("_", " ")), _text(value)])
    return {"sentences": _sentences(evidence), "rows": rows, "tables": tables}
