"""The headline test's line offset: where a document's second non-empty line starts."""

from __future__ import annotations

import pytest
import spacy

from extractor.nlp.words import forget, second_line_start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minister meets envoy\n\nThe minister met the envoy.", 22),
        ("\n\nMinister meets envoy\nThe minister met the envoy.", 23),
        ("One line only, no break.", 24),
        ("A headline\n \n", 13),
        ("", 0),
    ],
)
def test_second_line_start(text: str, expected: int) -> None:
    doc = spacy.blank("en")(text)
    assert second_line_start(doc) == expected
    assert second_line_start(doc) == expected  # from the per-doc cache
    forget(doc)
    assert doc.user_data == {}
