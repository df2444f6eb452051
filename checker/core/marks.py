"""The punctuation marks the text model is built on, each named once (GB/T 15834-2011).

Plain data, in the bottom layer so that a reader (the PDF reader, joining the lines of
a paragraph) uses the same marks as the model. Three nested units of a text end at
them: a **sentence** after 。！？!? or at a line break; a **clause** also after a
semicolon (一是…；二是…；: statements a rule may read alone); a **phrase** also after a
comma or a colon (a pause inside a clause). Where they are in a document is the view
:mod:`checker.model.sentences`.
"""

from __future__ import annotations

# End a sentence (as does a line break: 公文 plain text puts one paragraph per line).
SENTENCE_END_MARKS = "。！？!?"
# End a clause of a sentence that could stand as a statement of its own.
SEMICOLONS = "；;"
# End a phrase: the pauses inside a clause.
COMMAS = "，,"
COLONS = "：:"
# Joins the items of a list inside a phrase.
ENUMERATION_COMMA = "、"
ELLIPSIS = "…"

# The marks that come in pairs, opening → closing: brackets, quotation marks, title marks.
PAIRED_MARKS = {"（": "）", "(": ")", "“": "”", "‘": "’", "《": "》", "〈": "〉", "【": "】", "〔": "〕"}
OPENING_MARKS = "".join(PAIRED_MARKS)
CLOSING_MARKS = "".join(PAIRED_MARKS.values())
# The brackets that set off an aside from the sentence around it (square ones too).
BRACKETS = {"（": "）", "(": ")", "〔": "〕", "【": "】", "[": "]"}

SENTENCE_ENDS = SENTENCE_END_MARKS + "\n"
CLAUSE_ENDS = SENTENCE_ENDS + SEMICOLONS
PHRASE_ENDS = CLAUSE_ENDS + COMMAS + COLONS
# A phrase or one item of a list inside it (甲、乙、丙): where the label of a number stops.
ITEM_ENDS = PHRASE_ENDS + ENUMERATION_COMMA

# A line that ends with one of these ends a sentence, a clause or the words that lead
# into a list (an ellipsis or a closing mark may stand last in a sentence): a short line
# without one was broken in the middle of a sentence (a title over two lines, a wrapped
# paragraph of a PDF).
LINE_END_MARKS = SENTENCE_END_MARKS + SEMICOLONS + COLONS + ELLIPSIS + "”’）)"
