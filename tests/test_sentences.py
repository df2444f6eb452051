"""Sentences, clauses and phrases: one definition of where each ends, asked of the model."""

from checker.core.marks import CLAUSE_ENDS, ITEM_ENDS, PHRASE_ENDS, SENTENCE_ENDS
from checker.model.document import Document
from checker.model.quantities import sentences_with_quantities
from checker.model.sentences import Span, units

TEXT = "一是加强领导；二是压实责任，确保落实。三是什么？\n四是完善制度"


def unit_text(span: Span) -> str:
    return TEXT[span.start : span.end]


def test_a_sentence_ends_after_a_full_stop_question_or_exclamation_mark_or_at_a_line_break():
    found = units(Document(TEXT))
    assert unit_text(found.sentence_at(TEXT.index("二是"))) == "一是加强领导；二是压实责任，确保落实。"
    assert unit_text(found.sentence_at(TEXT.index("三是"))) == "三是什么？"
    assert unit_text(found.sentence_at(TEXT.index("四是"))) == "四是完善制度"


def test_a_clause_ends_at_a_semicolon_too():
    found = units(Document(TEXT))
    assert unit_text(found.clause_at(TEXT.index("一是"))) == "一是加强领导；"
    assert unit_text(found.clause_at(TEXT.index("确保"))) == "二是压实责任，确保落实。"


def test_a_phrase_ends_at_a_comma_or_a_colon_too():
    found = units(Document(TEXT))
    assert found.phrase_ends.start_of(TEXT.index("落实")) == TEXT.index("确保")
    assert found.phrase_ends.any_between(TEXT.index("二是"), TEXT.index("确保"))
    assert not found.phrase_ends.any_between(TEXT.index("确保"), TEXT.index("落实"))


def test_each_unit_ends_wherever_the_one_containing_it_ends():
    assert set(SENTENCE_ENDS) < set(CLAUSE_ENDS) < set(PHRASE_ENDS) < set(ITEM_ENDS)


def test_a_unit_is_cut_at_the_floor_and_the_ceiling_asked_for():
    found = units(Document(TEXT))
    at = TEXT.index("压实")
    assert found.sentence_at(at, floor=3, ceiling=10) == Span(3, 10)


def test_the_ends_are_found_once_per_document():
    doc = Document(TEXT)
    assert units(doc) is units(doc)
    assert units(doc).clause_ends is units(doc).clause_ends


def test_the_sentences_of_the_numeric_claims_are_the_sentences_of_the_model():
    text = "全年新建项目12个；续建项目8个。共投资3亿元\n其中省级2亿元。"
    found = [(s.start, s.end) for s in sentences_with_quantities(Document(text))]
    model = units(Document(text))
    assert found == [
        tuple(model.sentence_at(text.index("12"))),
        tuple(model.sentence_at(text.index("3亿"))),
        tuple(model.sentence_at(text.index("2亿"))),
    ]
    assert [text[start:end] for start, end in found] == [
        "全年新建项目12个；续建项目8个。",
        "共投资3亿元\n",
        "其中省级2亿元。",
    ]
