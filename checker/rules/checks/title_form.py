"""The form of the document's title (PN213): no punctuation mark at its end.

Reads the title node of the outline (the title lines under the 发文字号, and a first
line 关于……的请示。 closed by mistake), never a title that a web page's metadata gives.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.models import Fix
from checker.model.document import Document
from checker.rules.registry import Hit, rule

# Marks that end a sentence or a clause; a title may end with a closing bracket or
# quotation mark (……（试行）, ……“十四五”) and, in a 公告 of questions, rarely with ？.
_CLOSING_MARKS = "。，,；;：:、.!！"


@rule(
    "PN213",
    "title-ends-with-punctuation",
    category="punctuation",
    severity="warning",
    fix="safe",
    message="标题末尾不应加标点符号“{mark}”",
)
def title_ends_with_punctuation(doc: Document) -> Iterator[Hit]:
    """The document's title ends with a full stop, comma or other mark.

    What it checks:
        The last character of the title (the lines the outline reads as the title)
        is one of 。，；：、. ! and their half-width forms.
    Why it matters:
        A 公文 title is a name, not a sentence: GB/T 9704-2012 §7.3.1 sets it apart
        above the body, and titles carry no closing mark (只在标题中有法规、规章名称
        时加书名号, no other mark at its end).
    Example:
        关于增设科技服务中心的请示。 → 关于增设科技服务中心的请示
    Fix:
        Safe: delete the mark.
    """
    for node in doc.outline.children:
        if node.kind != "title":
            continue
        line = doc.text[node.start : node.end].rstrip(" \t\u3000\xa0\n")
        if line and line[-1] in _CLOSING_MARKS:
            at = node.start + len(line) - 1
            yield Hit(
                at,
                at + 1,
                args={"mark": line[-1]},
                suggestion=f"删去标题末尾的“{line[-1]}”",
                fix=Fix.at(at, at + 1, ""),
            )
        return
