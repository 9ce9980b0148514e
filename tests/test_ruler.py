"""The rules stage's ArraySpanRuler finds exactly what a stock SpanRuler finds."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler

from extractor.nlp.components import as_phrases
from extractor.nlp.ruler import ArraySpanRuler, array_tests, operator_tests
from extractor.vocab import load_patterns

TEXTS = [
    "The Foreign Minister of Estmark met his Valdorian counterpart in Pellan on Monday and "
    "signed two agreements; she later left for Tavin to attend the regional summit.",
    "Minister Lorin Vask telephoned the Ambassador, who is here on a three-day visit, and "
    "they agreed to hold talks by phone next week before the forum opens.",
    "They will hold direct talks in New York City, sign two accords and tour the Old Lesk port.",
    "He is due in Varossa on 3 May, arrives in Ost later, and will then head to Old Lesk.",
]

PATTERNS = [
    {"label": "T", "id": "A", "pattern": [{"LEMMA": {"IN": ["sign", "agree"]}, "POS": "VERB"}]},
    {"label": "T", "id": "B", "pattern": [{"LEMMA": "leave"}, {"LOWER": "for"}]},
    {"label": "T", "id": "C", "pattern": [{"LOWER": "by"}, {"LOWER": "the", "OP": "?"}]},
    {"label": "T", "id": "D", "pattern": [{"POS": "VERB"}, {"LOWER": "to"}]},
    {"label": "U", "id": "E", "pattern": [{"LOWER": {"IN": ["in", "to"]}}, {"ENT_TYPE": "GPE"}]},
    {"label": "U", "id": "F", "pattern": "three-day visit"},
    {"label": "V", "id": "G", "pattern": [{"LEMMA": "sign"}, {"POS": "NUM", "OP": "*"}, {}]},
    {"label": "V", "id": "H", "pattern": [{"LOWER": "in"}, {"ENT_TYPE": "GPE", "OP": "+"}]},
    {"label": "V", "id": "I", "pattern": [{"LEMMA": "hold"}, {"OP": "?"}, {"LOWER": "talks"}]},
    {"label": "V", "id": "J", "pattern": [{"LOWER": "the"}, {"TEXT": {"REGEX": "^[A-Z]"}}]},
]


def _ruler(nlp: Language, cls: type[SpanRuler], patterns: list[dict]) -> SpanRuler:
    ruler = cls(nlp, "test_ruler", spans_key="t", phrase_matcher_attr="LOWER", validate=True)
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(patterns)
    return ruler


def _found(ruler: SpanRuler, doc) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.label_, s.id_) for s in ruler.match(doc)]


@pytest.mark.parametrize(
    "patterns", [PATTERNS, as_phrases(load_patterns())], ids=["small", "package"]
)
def test_array_ruler_matches_as_a_stock_span_ruler(nlp: Language, patterns: list[dict]) -> None:
    stock, array = _ruler(nlp, SpanRuler, patterns), _ruler(nlp, ArraySpanRuler, patterns)
    for text in TEXTS:
        doc = nlp(text)
        assert _found(array, doc) == _found(stock, doc)
    assert array.patterns == stock.patterns


def test_array_ruler_leaves_only_patterns_without_a_word_test_first_to_the_matcher(
    nlp: Language,
) -> None:
    array = _ruler(nlp, ArraySpanRuler, PATTERNS)
    found = {id_ for text in TEXTS for *_, id_ in _found(array, nlp(text))}
    assert set("ABCDEFGHIJ") == found
    strings = nlp.vocab.strings
    assert array_tests(PATTERNS[0]["pattern"], strings) is not None
    assert array_tests(PATTERNS[2]["pattern"], strings) is None  # an operator
    assert operator_tests(PATTERNS[2]["pattern"], strings) is not None
    assert array_tests(PATTERNS[3]["pattern"], strings) is None  # no word test first
    assert operator_tests(PATTERNS[3]["pattern"], strings) is None
    assert len(array.matcher) == 1  # D alone


def test_array_ruler_removes_and_round_trips(nlp: Language) -> None:
    array = _ruler(nlp, ArraySpanRuler, PATTERNS)
    doc = nlp(TEXTS[0])
    array.remove_by_id("A")
    assert all(id_ != "A" for *_, id_ in _found(array, doc))
    array.remove("U")
    assert {label for _, _, label, _ in _found(array, doc)} == {"T", "V"}
    array.remove_by_id("J")  # an operator pattern
    assert all(id_ != "J" for *_, id_ in _found(array, doc))
    copy = _ruler(nlp, ArraySpanRuler, []).from_bytes(array.to_bytes())
    assert _found(copy, doc) == _found(array, doc)
    assert copy.patterns == array.patterns
