"""HTML report: one self-contained page a reviewer opens in a browser.

The page shows each checked document's text, line by line, with every finding's
span highlighted and its message (suggestion and evidence too) beside the line;
a summary table by rule; and filters by category and severity. Nothing is fetched
from the network: the style and the one small script are inline, and a Content
Security Policy allows that script (by its hash) and no other, so a document
holding ``<script>`` or an ``onerror=`` attribute shows it as text and never runs
it. Every piece of document text and of finding data is escaped.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, defaultdict
from html import escape
from itertools import pairwise
from typing import Any

from checker.core.models import FileReport, Finding, Report

_CATEGORY_NAMES = {
    "structure": "结构", "numeric": "数字计算", "date": "日期", "typo": "错别字", "punctuation": "标点",
    "numeral": "数字用法", "terminology": "术语", "layout": "版式",
    "citation": "引用", "privacy": "个人信息", "internal": "内部",
}
_SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 1.5em 3em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;word-break:break-all}
table.summary{border-collapse:collapse;margin:.5em 0}
table.summary td,table.summary th{border:1px solid #ccc;padding:.2em .6em;text-align:left}
#filters fieldset{display:inline-block;margin:.3em 1em .3em 0;border:1px solid #ccc}
#filters label{margin-right:.8em;white-space:nowrap}
table.doc{border-collapse:collapse;width:100%;table-layout:fixed}
table.doc td{vertical-align:top;padding:.15em .4em;border-bottom:1px solid #f0f0f0}
td.ln{width:3.5em;color:#999;text-align:right;user-select:none}
td.text{white-space:pre-wrap;word-break:break-all;line-height:1.7}
td.notes{width:38%}
mark.hl{background:none;border-bottom:2px solid transparent}
mark.hl.on{background:#fff2a8;border-bottom-color:#d9a400;cursor:pointer}
mark.hl.on.sev-error{background:#ffd6d6;border-bottom-color:#d00}
mark.hl.on.sev-info{background:#e3f0ff;border-bottom-color:#3a7bd5}
div.finding{border-left:4px solid #d9a400;padding:.2em .5em;margin:.2em 0;background:#fffbe6;font-size:.92em}
div.finding.sev-error{border-left-color:#d00;background:#fff0f0}
div.finding.sev-info{border-left-color:#3a7bd5;background:#f2f7ff}
div.finding.hidden,tr.empty-hidden{display:none}
div.finding.focus{outline:2px solid #333}
.code{font-weight:bold;font-family:monospace}.sev{font-size:.85em;color:#555}
.suggestion{color:#185a18}
details table{border-collapse:collapse;font-size:.9em}
details td{border:1px solid #ddd;padding:.1em .4em;vertical-align:top;white-space:pre-wrap;word-break:break-all}
.error-file{color:#b00}
"""

# Filters hide findings whose category or severity is unchecked, and turn off a
# highlight when every finding it belongs to is hidden. Clicking a highlight
# points at its notes.
_SCRIPT = """
(function(){
  function update(){
    var off={};
    document.querySelectorAll('#filters input').forEach(function(box){
      if(!box.checked){off[box.dataset.filter+':'+box.value]=true;}
    });
    var shown=0,total=0,visible={};
    document.querySelectorAll('div.finding').forEach(function(note){
      total++;
      var hide=off['category:'+note.dataset.category]||off['severity:'+note.dataset.severity];
      note.classList.toggle('hidden',!!hide);
      if(!hide){shown++;visible[note.id]=true;}
    });
    document.querySelectorAll('mark.hl').forEach(function(mark){
      var on=mark.dataset.ids.split(' ').some(function(id){return visible[id];});
      mark.classList.toggle('on',on);
    });
    document.getElementById('shown').textContent=shown+' / '+total;
  }
  document.querySelectorAll('#filters input').forEach(function(box){box.addEventListener('change',update);});
  document.querySelectorAll('mark.hl').forEach(function(mark){
    mark.addEventListener('click',function(){
      document.querySelectorAll('div.finding.focus').forEach(function(n){n.classList.remove('focus');});
      mark.dataset.ids.split(' ').forEach(function(id){
        var note=document.getElementById(id); if(note){note.classList.add('focus');}
      });
    });
  });
  update();
})();
"""


def _script_hash() -> str:
    return base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")


def render(report: Report, **options: Any) -> str:
    findings = [finding for file in report.files for finding in file.findings]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src 'unsafe-inline'; script-src 'sha256-{_script_hash()}'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>doccheck 检查报告</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>doccheck 检查报告</h1>",
        _summary(report, findings),
        _filters(findings),
    ]
    for index, file in enumerate(report.files):
        parts.append(_file_section(file, index))
    parts.append(f"<script>{_SCRIPT}</script></body></html>\n")
    return "\n".join(parts)


def _summary(report: Report, findings: list[Finding]) -> str:
    by_severity = report.summary.by_severity
    head = (f"<p>共检查 {report.summary.files} 个文件，发现 {report.summary.findings} 处问题"
            f"（错误 {by_severity.get('error', 0)}，警告 {by_severity.get('warning', 0)}，"
            f"提示 {by_severity.get('info', 0)}）。当前显示 <span id=\"shown\"></span> 处。</p>")
    counts = Counter((f.code, f.name, f.category) for f in findings)
    severities: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        severities[finding.code].add(finding.severity.value)
    rows = ["<table class=\"summary\" id=\"summary\"><thead><tr><th>规则</th><th>名称</th><th>类别</th>"
            "<th>级别</th><th>数量</th></tr></thead><tbody>"]
    for (code, name, category), count in sorted(counts.items()):
        levels = "、".join(_SEVERITY_NAMES[s] for s in ("error", "warning", "info") if s in severities[code])
        rows.append(f"<tr data-code=\"{escape(code)}\"><td class=\"code\">{escape(code)}</td><td>{escape(name)}</td>"
                    f"<td>{escape(_CATEGORY_NAMES.get(category, category))}</td>"
                    f"<td>{levels}</td><td>{count}</td></tr>")
    rows.append("</tbody></table>")
    return head + "".join(rows)


def _filters(findings: list[Finding]) -> str:
    categories = sorted({f.category for f in findings})
    severities = [s for s in ("error", "warning", "info") if any(f.severity.value == s for f in findings)]
    boxes = ['<form id="filters"><fieldset><legend>类别</legend>']
    for category in categories:
        boxes.append(f'<label><input type="checkbox" checked data-filter="category" value="{escape(category)}">'
                     f"{escape(_CATEGORY_NAMES.get(category, category))}</label>")
    boxes.append("</fieldset><fieldset><legend>级别</legend>")
    for severity in severities:
        boxes.append(f'<label><input type="checkbox" checked data-filter="severity" value="{severity}">'
                     f"{_SEVERITY_NAMES[severity]}</label>")
    boxes.append("</fieldset></form>")
    return "".join(boxes)


def _note_id(file_index: int, finding_index: int) -> str:
    return f"f{file_index}-n{finding_index}"


def _file_section(file: FileReport, index: int) -> str:
    out = [f'<section class="file" id="file{index}"><h2>{escape(file.path)}</h2>']
    if file.error:
        out.append(f'<p class="error-file">无法检查：{escape(file.error)}</p></section>')
        return "".join(out)
    if not file.findings:
        out.append("<p>未发现问题。</p>")
    text = file.text
    notes_by_line: dict[int, list[str]] = defaultdict(list)
    for number, finding in enumerate(file.findings):
        notes_by_line[finding.line].append(_note(finding, _note_id(index, number)))
    if text is None:  # the text is not at hand (a report read back): findings only
        for line in sorted(notes_by_line):
            out.extend(notes_by_line[line])
        out.append("</section>")
        return "".join(out)
    out.append('<table class="doc"><tbody>')
    lines = text.split("\n")
    spans = _spans(file.findings, index, len(text))
    offset = 0
    for number, line_text in enumerate(lines, 1):
        end = offset + len(line_text)
        cell = _highlight(text, offset, end, spans)
        notes = "".join(notes_by_line.get(number, ()))
        out.append(f'<tr id="f{index}-L{number}"><td class="ln">{number}</td><td class="text">{cell}</td>'
                   f'<td class="notes">{notes}</td></tr>')
        offset = end + 1
    out.append("</tbody></table></section>")
    return "".join(out)


def _spans(findings: list[Finding], file_index: int, length: int) -> list[tuple[int, int, str, str]]:
    """(start, end, note id, severity); an empty span is widened to the character it sits on
    (a finding at the very end of a line marks the line's last character)."""
    spans = []
    for number, finding in enumerate(findings):
        start, end = finding.start, finding.end
        if end <= start:
            start, end = (start, start + 1) if start < length else (max(0, length - 1), length)
        spans.append((start, end, _note_id(file_index, number), finding.severity.value))
    return spans


def _highlight(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """The line text[start:end], escaped, with a <mark> around each stretch findings cover."""
    inside = [(max(s, start), min(e, end), note, sev) for s, e, note, sev in spans if s < end and e > start]
    if not inside:
        return escape(text[start:end])
    cuts = sorted({start, end, *(s for s, _, _, _ in inside), *(e for _, e, _, _ in inside)})
    out = []
    for left, right in pairwise(cuts):
        piece = escape(text[left:right])
        covering = [(note, sev) for s, e, note, sev in inside if s <= left and e >= right]
        if covering:
            ids = " ".join(note for note, _ in covering)
            worst = max((sev for _, sev in covering), key=lambda s: {"info": 1, "warning": 2, "error": 3}[s])
            out.append(f'<mark class="hl on sev-{worst}" data-ids="{ids}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _note(finding: Finding, note_id: str) -> str:
    severity = finding.severity.value
    parts = [
        f'<div class="finding sev-{severity}" id="{note_id}" data-category="{escape(finding.category)}" '
        f'data-severity="{severity}" data-code="{escape(finding.code)}">',
        f'<span class="code">{escape(finding.code)}</span> <span class="sev">[{_SEVERITY_NAMES[severity]}]</span> ',
        f"{escape(finding.message)}",
    ]
    if finding.suggestion:
        parts.append(f'<div class="suggestion">建议：{escape(finding.suggestion)}</div>')
    if finding.location:
        parts.append(f'<div class="location">位置：{escape(_place(finding.location))}</div>')
    if finding.evidence:
        opened = " open" if finding.category == "numeric" else ""
        rows = "".join(f"<tr><td>{escape(str(key))}</td><td>{escape(_value(value))}</td></tr>"
                       for key, value in finding.evidence.items())
        parts.append(f'<details class="evidence"{opened}><summary>依据</summary><table>{rows}</table></details>')
    parts.append("</div>")
    return "".join(parts)


_PLACE_NAMES = {"paragraph": "段", "table": "表", "row": "行", "column": "列", "page": "页", "line": "原文行",
                "column_in_line": "列", "offset": "字符"}


def _place(location: dict[str, Any]) -> str:
    return "，".join(f"{_PLACE_NAMES.get(key, key)} {value}" for key, value in location.items())


def _value(value: Any) -> str:
    """Evidence as a reviewer reads it: lists one item a line, records as key=value."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "，".join(f"{key}={_value(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        if all(not isinstance(item, (dict, list, tuple)) for item in value):
            return "、".join(_value(item) for item in value)
        return "\n".join(_value(item) for item in value)
    return json.dumps(value, ensure_ascii=False, default=str)
